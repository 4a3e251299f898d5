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
