// Progressive enhancement only: the form works without this script.
(function () {
  "use strict";
  var text = document.getElementById("id_text");
  var count = document.getElementById("text-count");
  var errors = document.getElementById("form-errors");
  if (errors) { errors.focus(); }
  if (!text || !count) { return; }
  var max = parseInt(text.getAttribute("maxlength"), 10) || 5000;
  var template = count.getAttribute("data-template") || "__N__";
  function update() {
    count.textContent = template.replace("__N__", String(max - text.value.length));
  }
  text.addEventListener("input", update);
  update();
})();
