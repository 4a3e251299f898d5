// "复制地址" buttons: copy the text of the field named by data-copy (e.g. a feed's address) and
// say so on the button. Without JavaScript (or a clipboard) the button stays hidden: the field is
// read-only and can be selected by hand.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.querySelector(button.getAttribute("data-copy"));
    if (!field || !navigator.clipboard) {
      return;
    }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        button.textContent = button.getAttribute("data-copied") || label;
        window.setTimeout(function () { button.textContent = label; }, 2000);
      }, function () {
        field.select();
      });
    });
  });
  document.querySelectorAll(".feed-url").forEach(function (field) {
    field.addEventListener("focus", function () { field.select(); });
  });
})();
