/* Reader engagement, progressive enhancement only: every form works without this file. */
(function () {
  "use strict";
  if (window.frontcmsEngagement) { return; }
  window.frontcmsEngagement = true;

  // A mouse or touch click on a star submits the rating at once; the button stays for keyboards and no-JS.
  // The rating is posted in the background and the block is replaced by the one the server answers
  // (new figures and a notice), so the reader stays where they are. If the request got no answer,
  // or an error (404, 429, 500), the form is submitted as without JavaScript and the page says what
  // happened. If the server answered but the block cannot be used, the rating is stored or refused
  // already, so the page is only loaded again (a GET): posting it twice would say "already rated".
  function enhanceRating(form) {
    form.querySelectorAll("input[name=score]").forEach(function (input) {
      input.addEventListener("click", function (event) {
        // detail is 0 for clicks synthesised by arrow keys: keyboard users still choose, then submit.
        if (event.detail === 0) { return; }
        if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
      });
    });
    if (!window.fetch || !window.FormData || !form.closest) { return; }
    form.addEventListener("submit", function (event) {
      var block = form.closest(".engagement-rating");
      if (!block) { return; }
      event.preventDefault();
      if (form.getAttribute("aria-busy") === "true") { return; }
      form.setAttribute("aria-busy", "true");
      var answered = false;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" }
      })
        .then(function (response) {
          if (!response.ok) { throw new Error("HTTP " + response.status); }
          answered = true;  // stored or refused, with a notice in the block
          return response.text();
        })
        .then(function (html) {
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector(".engagement-rating");
          if (!fresh) { throw new Error("no rating block"); }
          block.replaceWith(fresh);
          var freshForm = fresh.querySelector(".engagement-rating__form");
          if (freshForm) { enhanceRating(freshForm); }
          var notice = fresh.querySelector(".notice");
          if (notice) { notice.setAttribute("tabindex", "-1"); notice.focus(); }
        })
        .catch(function () {
          form.removeAttribute("aria-busy");
          if (!answered) { form.submit(); return; }
          // The page again, with the figures as they are now, not an older rating's notice.
          var again = new URL(window.location.href);
          var query = again.search;
          again.searchParams.delete("danh-gia");
          if (again.search === query) { window.location.reload(); } else { window.location.replace(again.href); }
        });
    });
  }
  document.querySelectorAll(".engagement-rating__form").forEach(enhanceRating);

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
