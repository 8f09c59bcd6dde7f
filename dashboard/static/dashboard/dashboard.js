/* Draws the dashboard's plotly figures from the JSON the server embedded (json_script). */
(function () {
  "use strict";
  function draw() {
    if (typeof window.Plotly === "undefined") { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) { return; }
      var figure = JSON.parse(source.textContent);
      var hasPoints = figure.data.some(function (trace) { return (trace.x || []).length > 0; });
      if (!hasPoints) { el.classList.add("chart-empty"); return; }
      window.Plotly.newPlot(el, figure.data, figure.layout, {responsive: true, displaylogo: false});
      el.setAttribute("data-rendered", "true");
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
