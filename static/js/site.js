// Site-wide behaviour: the phone navigation toggle, list filters folded on a phone, and print
// buttons. No framework, nothing from a CDN.
(function () {
  "use strict";
  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    var setOpen = function (open) {
      toggle.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("is-open", open);
    };
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    // Escape closes the phone menu and gives the focus back to its button.
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }
  // Large-text mode (大字模式): text-size.js applied the stored choice before the first paint;
  // the button shows it (aria-pressed) and switches it for every page of the site.
  var sizeToggle = document.querySelector(".text-size-toggle");
  if (sizeToggle) {
    var root = document.documentElement;
    var showSize = function () {
      sizeToggle.setAttribute("aria-pressed", String(root.classList.contains("large-text")));
    };
    sizeToggle.addEventListener("click", function () {
      var large = !root.classList.contains("large-text");
      root.classList.toggle("large-text", large);
      try {
        if (large) window.localStorage.setItem("text-size", "large");
        else window.localStorage.removeItem("text-size");
      } catch (error) {
        // Storage blocked: the choice holds for this page only.
      }
      showSize();
    });
    // A choice made in another tab applies here too.
    window.addEventListener("storage", function (event) {
      if (event.key === "text-size") {
        root.classList.toggle("large-text", event.newValue === "large");
        showSize();
      }
    });
    showSize();
  }
  // List filters are a <details>, closed in the HTML so that a phone sees the results first;
  // on a wide screen they are opened (there is room for them).
  if (window.matchMedia && window.matchMedia("(min-width: 720px)").matches) {
    document.querySelectorAll("details[data-filters]").forEach(function (details) {
      details.open = true;
    });
  }
  // Buttons marked data-action="print" print the page (no inline handler: the CSP forbids them).
  document.querySelectorAll('[data-action="print"]').forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
