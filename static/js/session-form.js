// The convener's session form: add inline issue/photo rows, show the headcount total live,
// and keep a local draft (localStorage) that survives a dropped connection or a reload.
// Plain JS, no build step, nothing from a CDN. Files are never stored in the draft.
(function () {
  "use strict";

  function storage() {
    try {
      var probe = "__draft_probe__";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; // private mode or storage disabled: the form still works, without drafts
    }
  }
  var store = storage();

  // After a successful save the server names the draft to forget.
  document.querySelectorAll("[data-clear-draft]").forEach(function (node) {
    if (store) store.removeItem(node.getAttribute("data-clear-draft"));
  });

  var form = document.getElementById("session-form");
  if (!form) return;

  // ---- inline rows (Django formsets) --------------------------------------------------------
  function totalInput(prefix) {
    return form.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
  }

  function numberRows(prefix) {
    var rows = form.querySelectorAll('[data-formset-rows="' + prefix + '"] [data-formset-row]');
    rows.forEach(function (row, index) {
      var number = row.querySelector("[data-row-number]");
      if (number) number.textContent = String(index + 1);
    });
  }

  function addRow(prefix, focus) {
    var template = form.querySelector('template[data-formset-template="' + prefix + '"]');
    var container = form.querySelector('[data-formset-rows="' + prefix + '"]');
    var total = totalInput(prefix);
    var max = form.querySelector('input[name="' + prefix + '-MAX_NUM_FORMS"]');
    if (!template || !container || !total) return null;
    var index = parseInt(total.value, 10) || 0;
    if (max && index >= parseInt(max.value, 10)) return null;
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    container.appendChild(row);
    total.value = String(index + 1);
    numberRows(prefix);
    if (focus) {
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    }
    return row;
  }

  form.querySelectorAll("[data-formset-add]").forEach(function (button) {
    button.addEventListener("click", function () {
      addRow(button.getAttribute("data-formset-add"), true);
      scheduleSave();
    });
  });

  // ---- live headcount total -----------------------------------------------------------------
  var totalOutput = document.getElementById("headcount-total");
  function updateTotal() {
    if (!totalOutput) return;
    var sum = 0;
    form.querySelectorAll("input[data-headcount]").forEach(function (input) {
      var value = parseInt(input.value, 10);
      if (!isNaN(value) && value > 0) sum += value;
    });
    totalOutput.textContent = String(sum);
  }
  form.addEventListener("input", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-headcount")) updateTotal();
  });

  // ---- local draft ---------------------------------------------------------------------------
  var key = form.getAttribute("data-draft-key");
  var status = document.getElementById("draft-status");
  var SKIP = { csrfmiddlewaretoken: true, room: true };

  function serialize() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || SKIP[field.name] || field.type === "file" || field.type === "submit" || field.type === "button") {
        return;
      }
      if (field.type === "hidden" && !/-TOTAL_FORMS$/.test(field.name)) return;
      if (field.type === "checkbox" || field.type === "radio") {
        if (!values[field.name]) values[field.name] = [];
        if (field.checked) values[field.name].push(field.value);
        return;
      }
      values[field.name] = field.value;
    });
    return values;
  }

  function restore(values) {
    // Recreate the inline rows first, so every saved field has its input.
    Object.keys(values).forEach(function (name) {
      var match = /^(.*)-TOTAL_FORMS$/.exec(name);
      if (!match) return;
      var wanted = parseInt(values[name], 10) || 0;
      var total = totalInput(match[1]);
      while (total && (parseInt(total.value, 10) || 0) < wanted) {
        if (!addRow(match[1], false)) break;
      }
    });
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || !(field.name in values) || field.type === "file" || /-TOTAL_FORMS$/.test(field.name)) return;
      var value = values[field.name];
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = Array.isArray(value) && value.indexOf(field.value) !== -1;
      } else {
        field.value = value;
      }
    });
    // Unfold the optional parts that hold restored values, so nothing restored is hidden.
    form.querySelectorAll("details").forEach(function (details) {
      var filled = Array.prototype.some.call(details.querySelectorAll("input, select, textarea"), function (field) {
        if (field.type === "hidden" || field.type === "file") return false;
        if (field.type === "checkbox" || field.type === "radio") return field.checked;
        return field.value !== "" && field.value !== field.defaultValue;
      });
      if (filled) details.open = true;
    });
    updateTotal();
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  var timer = null;
  var pristine = serialize();
  function save() {
    if (!store || !key) return;
    var values = serialize();
    if (same(values, pristine) && !store.getItem(key)) return;
    try {
      store.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), values: values }));
      if (status) status.textContent = "草稿已保存在本机 " + new Date().toLocaleTimeString("zh-CN");
    } catch (error) {
      if (status) status.textContent = "无法在本机保存草稿（存储空间不足）。";
    }
  }
  function scheduleSave() {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 300);
  }
  form.addEventListener("input", scheduleSave);
  form.addEventListener("change", scheduleSave);
  form.addEventListener("submit", save);
  window.addEventListener("pagehide", save);

  var offer = document.getElementById("draft-offer");
  var saved = null;
  if (store && key) {
    try {
      saved = JSON.parse(store.getItem(key) || "null");
    } catch (error) {
      saved = null;
    }
  }
  var bound = form.getAttribute("data-bound") === "1";
  if (saved && saved.values && !bound && offer && !same(saved.values, pristine)) {
    var when = new Date(saved.savedAt);
    var text = document.getElementById("draft-offer-text");
    if (text && !isNaN(when.getTime())) {
      text.textContent =
        "发现这个表单有一份未提交的草稿（保存于 " + when.toLocaleString("zh-CN") + "），是否恢复？";
    }
    offer.hidden = false;
    offer.querySelector('[data-draft-action="restore"]').addEventListener("click", function () {
      restore(saved.values);
      offer.hidden = true;
      if (status) status.textContent = "草稿已恢复。照片需要重新选择。";
      var first = form.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    });
    offer.querySelector('[data-draft-action="discard"]').addEventListener("click", function () {
      store.removeItem(key);
      offer.hidden = true;
      if (status) status.textContent = "草稿已丢弃。";
    });
  } else if (bound) {
    save(); // the server sent the typed values back with errors: keep them as the draft too
  }

  // ---- filter the CPPCC member checkboxes by name, pinyin initials or sector --------------------
  var filter = document.getElementById("member-filter");
  var filterCount = document.getElementById("member-filter-count");
  if (filter) {
    var list = document.getElementById(filter.getAttribute("data-filter-list"));
    var items = list ? Array.prototype.slice.call(list.querySelectorAll("div, li")).filter(function (item) {
      return item.querySelector("input[type=checkbox]");
    }) : [];
    var applyFilter = function () {
      var needle = filter.value.trim().toLowerCase();
      var shown = 0;
      items.forEach(function (item) {
        var input = item.querySelector("input[type=checkbox]");
        // The label (name, sector, note) or the pinyin and its initials: "xl" finds 向磊.
        var pinyin = (input.getAttribute("data-search") || "").toLowerCase();
        var match = !needle || item.textContent.toLowerCase().indexOf(needle) !== -1 ||
          pinyin.indexOf(needle.replace(/\s+/g, "")) !== -1 || input.checked;
        item.hidden = !match;
        if (match) shown += 1;
      });
      if (filterCount) filterCount.textContent = needle ? "显示 " + shown + " / " + items.length + " 人（已勾选的始终显示）" : "";
    };
    filter.addEventListener("input", applyFilter);
    // Enter in the filter box must not submit the whole form.
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  // ---- busy state on save ---------------------------------------------------------------------
  var submit = form.querySelector("button[type=submit][data-busy-label]");
  var submitLabel = submit ? submit.textContent : "";
  form.addEventListener("submit", function () {
    if (!submit) return;
    // Disabled after the browser has collected the form data, so the click still submits.
    window.setTimeout(function () {
      submit.disabled = true;
      submit.setAttribute("aria-busy", "true");
      submit.textContent = submit.getAttribute("data-busy-label");
    }, 0);
  });
  // Back from the next page (bfcache) or a stopped load: the button works again.
  window.addEventListener("pageshow", function () {
    if (!submit) return;
    submit.disabled = false;
    submit.removeAttribute("aria-busy");
    submit.textContent = submitLabel;
  });

  // ---- check-ins by QR code as a suggestion next to each headcount ---------------------------
  // Each count is shown beside its field with a button that fills in that field; "使用签到人数"
  // fills only the fields still empty. Nothing is filled in without a tap.
  var suggestion = form.querySelector("[data-checkin-suggestion]");
  if (suggestion) {
    var useStatus = document.getElementById("checkin-use-status");
    var setCount = function (input, count) {
      input.value = String(count);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    };
    // The sentences come translated from the template (data-text-*), with {n} and {kept} to fill.
    var text = function (name, values) {
      return (suggestion.getAttribute("data-text-" + name) || "").replace(/\{(\w+)\}/g, function (all, key) {
        return String(values[key]);
      });
    };
    var suggested = [];
    suggestion.querySelectorAll("[data-checkin-role]").forEach(function (item) {
      var input = form.querySelector('input[name="att-' + item.getAttribute("data-checkin-role") + '"]');
      var count = parseInt(item.getAttribute("data-checkin-count"), 10);
      if (!input || isNaN(count)) return;
      suggested.push({ input: input, count: count });
      var label = form.querySelector('label[for="' + input.id + '"]');
      var hint = document.createElement("button");
      hint.type = "button";
      hint.className = "checkin-hint";
      // The visible text starts the accessible name (WCAG 2.5.3); the field's label tells the buttons apart.
      hint.textContent = text("hint", { n: count });
      hint.setAttribute("aria-label", hint.textContent + " " + (label ? label.textContent.trim() : ""));
      hint.addEventListener("click", function () { setCount(input, count); });
      input.insertAdjacentElement("afterend", hint);
    });
    var useAll = suggestion.querySelector("[data-checkin-use]");
    if (useAll) {
      useAll.addEventListener("click", function () {
        var filled = 0;
        var kept = 0;
        suggested.forEach(function (row) {
          if (row.input.value.trim() === "") {
            setCount(row.input, row.count);
            filled += 1;
          } else if (row.input.value.trim() !== String(row.count)) {
            kept += 1;
          }
        });
        if (useStatus) {
          useStatus.textContent = text(kept ? "kept" : "filled", { n: filled, kept: kept });
        }
      });
    }
  }

  var errors = document.getElementById("form-errors");
  if (errors) errors.focus();
  updateTotal();
})();
