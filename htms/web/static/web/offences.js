// Shows the crime type(s) of the case as statute sections are ticked.
(function () {
  "use strict";
  var form = document.getElementById("offences-form");
  var out = document.getElementById("derived-crime-types");
  if (!form || !out) { return; }
  var boxes = form.querySelectorAll("input[name=statutes]");
  var order = [];
  boxes.forEach(function (cb) {
    var label = cb.getAttribute("data-crime-label");
    if (order.indexOf(label) < 0) { order.push(label); }
  });
  function update() {
    var chosen = [];
    boxes.forEach(function (cb) {
      var label = cb.getAttribute("data-crime-label");
      if (cb.checked && chosen.indexOf(label) < 0) { chosen.push(label); }
    });
    chosen.sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
    out.textContent = chosen.length ? chosen.join(out.getAttribute("data-separator") || ", ") : out.getAttribute("data-none");
  }
  boxes.forEach(function (cb) { cb.addEventListener("change", update); });
})();
