// Charts on the statistics page: each SVG chart can be switched to its table and back.
// Without JavaScript both are shown; nothing is loaded from outside this site.
(function () {
  "use strict";
  var SHOW_TABLE = "以表格显示";
  var SHOW_CHART = "以图表显示";
  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (figure) {
    var button = figure.querySelector(".chart-toggle");
    var chart = figure.querySelector(".chart-svg");
    var table = figure.querySelector(".chart-table");
    if (!button || !chart || !table) {
      return;
    }
    table.hidden = true;
    button.hidden = false;
    button.addEventListener("click", function () {
      var showTable = figure.getAttribute("data-showing") !== "table";
      figure.setAttribute("data-showing", showTable ? "table" : "chart");
      button.textContent = showTable ? SHOW_CHART : SHOW_TABLE;
      table.hidden = !showTable;
      chart.hidden = showTable;
    });
  });
})();
