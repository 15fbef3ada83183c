/* Reader engagement, progressive enhancement only: every form works without this file. */
(function () {
  "use strict";
  if (window.frontcmsEngagement) { return; }
  window.frontcmsEngagement = true;

  // A mouse or touch click on a star submits the rating at once; the button stays for keyboards and no-JS.
  document.querySelectorAll(".engagement-rating__form").forEach(function (form) {
    form.querySelectorAll("input[name=score]").forEach(function (input) {
      input.addEventListener("click", function (event) {
        // detail is 0 for clicks synthesised by arrow keys: keyboard users still choose, then submit.
        if (event.detail === 0) { return; }
        if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
      });
    });
  });

  // Pages come from the page cache, and counting a view invalidates none: bring the view counts
  // shown on this page up to date, in one request (the number in each element is replaced).
  var counters = document.querySelectorAll("[data-view-count]");
  if (counters.length && window.fetch && window.URLSearchParams) {
    var wanted = new URLSearchParams();
    counters.forEach(function (cell) { wanted.append("muc", cell.getAttribute("data-view-count")); });
    fetch(counters[0].getAttribute("data-view-counts-url") + "?" + wanted.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        counters.forEach(function (cell) {
          var value = data[cell.getAttribute("data-view-count")];
          if (typeof value === "number") { cell.textContent = cell.textContent.replace(/\d+/, String(value)); }
        });
      })
      .catch(function () { /* keep the figures rendered with the page */ });
  }

  // Pages come from the page cache: bring the visitor statistics up to date.
  var stats = document.querySelector("[data-stats-url]");
  if (stats && window.fetch) {
    fetch(stats.getAttribute("data-stats-url"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        Object.keys(data).forEach(function (key) {
          var cell = stats.querySelector('[data-stat="' + key + '"]');
          if (cell && typeof data[key] === "number") { cell.textContent = data[key].toLocaleString("vi-VN"); }
        });
      })
      .catch(function () { /* keep the figures rendered with the page */ });
  }
})();
