// Charts on the statistics page: each SVG chart can be switched to its table and back.
// Without JavaScript both are shown; nothing is loaded from outside this site. The button's two
// labels come from its data attributes (translated on the server), its state from aria-pressed.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (figure) {
    var button = figure.querySelector(".chart-toggle");
    var chart = figure.querySelector(".chart-svg");
    var table = figure.querySelector(".chart-table");
    if (!button || !chart || !table) {
      return;
    }
    var showTableLabel = button.getAttribute("data-label-table") || button.textContent;
    var showChartLabel = button.getAttribute("data-label-chart") || button.textContent;
    table.hidden = true;
    button.hidden = false;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      var showTable = figure.getAttribute("data-showing") !== "table";
      figure.setAttribute("data-showing", showTable ? "table" : "chart");
      button.textContent = showTable ? showChartLabel : showTableLabel;
      button.setAttribute("aria-pressed", String(showTable));
      table.hidden = !showTable;
      chart.hidden = showTable;
    });
  });
})();
