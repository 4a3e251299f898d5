// Large-text mode (大字模式, for older readers). Loaded in <head>, not deferred, so the choice
// applies before the first paint. The HTML is the same for every visitor (public pages are cached
// whole on the server), so the choice lives only in this browser's localStorage; site.js wires
// the header button. The CSP allows only script files of our own: hence a file, not inline.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("text-size-ready");
  try {
    if (window.localStorage.getItem("text-size") === "large") root.classList.add("large-text");
  } catch (error) {
    // Storage blocked (private mode, policy): the standard size it is.
  }
})();
