/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: no persistence */ }
  }
  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  // Text size (A− A A+) and high contrast, remembered across pages.
  var step = parseInt(load("frontcms-font-step") || "0", 10) || 0;
  function applyStep() {
    root.classList.remove("font-step--1", "font-step-1", "font-step-2");
    if (step !== 0) { root.classList.add("font-step-" + step); }
  }
  applyStep();
  if (load("frontcms-contrast") === "1") { root.classList.add("high-contrast"); }

  document.addEventListener("DOMContentLoaded", function () {
    var tools = document.querySelector("[data-a11y-tools]");
    if (tools) {
      tools.hidden = false;
      tools.querySelectorAll("[data-font-step]").forEach(function (button) {
        button.addEventListener("click", function () {
          var delta = parseInt(button.getAttribute("data-font-step"), 10);
          step = delta === 0 ? 0 : Math.max(-1, Math.min(2, step + delta));
          store("frontcms-font-step", String(step));
          applyStep();
        });
      });
      var contrast = tools.querySelector("[data-contrast]");
      contrast.setAttribute("aria-pressed", root.classList.contains("high-contrast") ? "true" : "false");
      contrast.addEventListener("click", function () {
        var on = root.classList.toggle("high-contrast");
        contrast.setAttribute("aria-pressed", on ? "true" : "false");
        store("frontcms-contrast", on ? "1" : "0");
      });
    }

    // Small screens: the menu folds behind a button.
    var nav = document.querySelector(".main-nav");
    var toggle = nav && nav.querySelector(".main-nav__toggle");
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        var open = nav.classList.toggle("is-open");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }

    // "Copy link" share buttons.
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var url = button.getAttribute("data-copy-link");
        var done = function () { button.textContent = button.getAttribute("data-copied-text") || "✓"; };
        if (navigator.clipboard) { navigator.clipboard.writeText(url).then(done, function () {}); }
      });
    });

    // Print buttons.
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
