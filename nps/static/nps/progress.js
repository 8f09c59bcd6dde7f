// Polls the wave's progress every few seconds; without scripts the page shows the numbers of its last load.
(function () {
  "use strict";
  var box = document.getElementById("campaign-progress");
  if (!box || !window.fetch) { return; }
  function refresh() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        box.querySelectorAll("[data-key]").forEach(function (cell) {
          var value = data[cell.dataset.key];
          cell.textContent = value === null || value === undefined ? "–" : (cell.dataset.key === "response_rate" ? value + " %" : value);
        });
        if (data.status !== "done") { window.setTimeout(refresh, 3000); }
      })
      .catch(function () { window.setTimeout(refresh, 10000); });
  }
  window.setTimeout(refresh, 3000);
})();
