// Records the score preselected by the email link at once; the form keeps working without this script.
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("nps-form");
  if (!form || form.dataset.autosubmit !== "1" || !window.fetch) { return; }
  var checked = form.querySelector("input[name=score]:checked");
  if (!checked) { return; }
  var data = new FormData();
  data.append("score", checked.value);
  fetch(form.action, { method: "POST", body: data, headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (body) {
      if (!body || body.status !== "recorded") { return; }
      form.dataset.autosubmit = "0";
      var status = document.getElementById("nps-status");
      status.textContent = script.dataset.saved;
      status.classList.remove("visually-hidden");
      document.body.dataset.npsRecorded = "1";
    })
    .catch(function () { /* the visitor can still submit the form */ });
})();
