/* Names for the admin's search-as-you-type pickers (Django's autocomplete_fields, drawn by
   select2). select2 hides the real <select> and draws a combobox named only by its current value
   (empty when nothing is chosen) and an unlabelled search box: give both the field's label, and
   hide the mouse-only "×" that select2 puts inside its <ul>. Pickers appear after page load
   (select2 starts on DOM ready, inline rows are added later), so a MutationObserver keeps up. */
(function () {
  "use strict";

  function fieldName(select) {
    var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
    if (label) {
      return { label: label, text: label.textContent.replace(/[:：]\s*$/, "").trim() };
    }
    return { label: null, text: select.getAttribute("aria-label") || "" };
  }

  function nameElementId(select, name) {
    if (name.label) {
      if (!name.label.id) name.label.id = select.id + "-label";
      return name.label.id;
    }
    var id = (select.id || select.name) + "-name";
    if (!document.getElementById(id)) {
      var span = document.createElement("span");
      span.id = id;
      span.className = "visually-hidden";
      span.textContent = name.text;
      select.parentNode.insertBefore(span, select);
    }
    return id;
  }

  function labelPickers() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      var name = fieldName(select);
      if (!name.text) return;
      var nameId = nameElementId(select, name);
      var selection = container.querySelector(".select2-selection");
      var rendered = container.querySelector(".select2-selection__rendered[id]");
      if (selection) {
        var wanted = nameId + (rendered ? " " + rendered.id : "");
        if (selection.getAttribute("aria-labelledby") !== wanted) selection.setAttribute("aria-labelledby", wanted);
      }
      // The chosen value is read as part of the combobox's name; as a nameless "textbox" of its
      // own it would be one more unnamed control.
      if (rendered && rendered.getAttribute("role") === "textbox") {
        rendered.removeAttribute("role");
        rendered.removeAttribute("aria-readonly");
      }
      container.querySelectorAll(".select2-search__field").forEach(function (field) {
        if (field.getAttribute("aria-label") !== name.text) field.setAttribute("aria-label", name.text);
      });
      container.querySelectorAll("ul.select2-selection__rendered > :not(li)").forEach(function (extra) {
        if (extra.getAttribute("aria-hidden") !== "true") extra.setAttribute("aria-hidden", "true");
      });
    });
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      labelPickers();
    });
  }

  new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", schedule);
  window.addEventListener("load", labelPickers);
})();
