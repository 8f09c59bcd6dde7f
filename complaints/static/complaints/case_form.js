// Customer search-as-you-type for the staff intake form; the form works without it (plain search field).
(function () {
  "use strict";
  var input = document.getElementById("id_customer_query");
  var hidden = document.getElementById("id_customer");
  var list = document.getElementById("customer-results");
  var selected = document.getElementById("customer-selected");
  if (!input || !hidden || !list) { return; }
  var timer = null;
  function close() { list.hidden = true; list.innerHTML = ""; input.setAttribute("aria-expanded", "false"); }
  function choose(item) {
    hidden.value = item.id;
    input.value = item.external_ref;
    selected.textContent = item.label + (item.email ? " · " + item.email : "");
    close();
  }
  input.addEventListener("input", function () {
    hidden.value = "";
    selected.textContent = "";
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { close(); return; }
    timer = setTimeout(function () {
      fetch(input.dataset.searchUrl + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          list.innerHTML = "";
          data.results.forEach(function (item, i) {
            var li = document.createElement("li");
            li.className = "list-group-item list-group-item-action";
            li.setAttribute("role", "option");
            li.id = "customer-option-" + i;
            li.tabIndex = 0;
            li.textContent = item.label + " · " + (item.email || item.external_ref);
            li.addEventListener("click", function () { choose(item); });
            li.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); choose(item); } });
            list.appendChild(li);
          });
          list.hidden = data.results.length === 0;
          input.setAttribute("aria-expanded", data.results.length ? "true" : "false");
        });
    }, 200);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && !list.hidden && list.firstChild) { e.preventDefault(); list.firstChild.focus(); }
    if (e.key === "Escape") { close(); }
  });
})();
