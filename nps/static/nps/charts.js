// Draws the survey page's charts with the locally served plotly.js; the tables below stay for everyone.
(function () {
  "use strict";
  var script = document.currentScript;
  var el = document.getElementById("nps-chart-data");
  if (!el || !window.Plotly) { return; }
  var data = JSON.parse(el.textContent);
  var config = { displayModeBar: false, responsive: true };
  var colours = data.distribution.map(function (_, score) { return score <= 6 ? "#b42318" : (score <= 8 ? "#8a6100" : "#1a7f37"); });
  Plotly.newPlot("chart-distribution", [{
    type: "bar", x: data.distribution.map(function (_, i) { return String(i); }), y: data.distribution,
    marker: { color: colours }, name: script.dataset.countLabel
  }], { margin: { t: 10, r: 10, b: 30, l: 40 }, xaxis: { type: "category" } }, config);
  if (!data.trend.length) { return; }
  var x = data.trend.map(function (p) { return p.period; });
  Plotly.newPlot("chart-trend", [
    { x: x, y: data.trend.map(function (p) { return p.ci_high; }), mode: "lines", line: { width: 0 }, showlegend: false, hoverinfo: "skip" },
    { x: x, y: data.trend.map(function (p) { return p.ci_low; }), mode: "lines", line: { width: 0 }, fill: "tonexty", fillcolor: "rgba(13,110,253,0.15)", name: script.dataset.ciLabel },
    { x: x, y: data.trend.map(function (p) { return p.nps; }), mode: "lines+markers", line: { color: "#0d6efd" }, name: script.dataset.npsLabel }
  ], { margin: { t: 10, r: 10, b: 40, l: 40 }, yaxis: { range: [-100, 100] }, legend: { orientation: "h" } }, config);
})();
