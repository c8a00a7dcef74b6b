// The graph view of a network page: draws the JSON the page names (data-url) with vis-network,
// filters by kind of link, hides links after the time slider's date, adds a node's links on
// double-click, and saves the picture. The page's tables hold the same network without it.
(function () {
  "use strict";
  var box = document.getElementById("network-graph");
  if (!box || typeof vis === "undefined") { return; }
  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  var kinds = {}, days = [];
  var shapes = { person: "dot", "case": "box", account: "diamond", phone: "triangle",
    document: "square", address: "star", organization: "hexagon", vehicle: "triangleDown",
    place: "ellipse" };

  function edgeId(link) { return [link.source, link.target, link.kind, link.start, link.reason].join("|"); }

  function add(data) {
    data.nodes.forEach(function (n) {
      if (!nodes.get(n.id)) {
        nodes.add({ id: n.id, label: n.label, group: n.kind, shape: shapes[n.kind] || "dot",
          title: n.kind, kind: n.kind });
      }
    });
    data.links.forEach(function (l) {
      var id = edgeId(l);
      if (edges.get(id)) { return; }
      kinds[l.kind] = l.kind_label;
      if (l.start) { days.push(l.start); }
      edges.add({ id: id, from: l.source, to: l.target, title: l.reason + " (" + l.source_text + "; " + l.grading_text + ")",
        arrows: l.directed ? "to" : "", kind: l.kind, start: l.start, hidden: false });
    });
    controls();
  }

  function controls() {
    var holder = document.getElementById("network-kinds");
    Object.keys(kinds).sort().forEach(function (kind) {
      if (document.getElementById("kind-" + kind)) { return; }
      var label = document.createElement("label"), box = document.createElement("input");
      box.type = "checkbox"; box.checked = true; box.id = "kind-" + kind; box.value = kind;
      box.addEventListener("change", apply);
      label.appendChild(box); label.appendChild(document.createTextNode(" " + kinds[kind]));
      holder.appendChild(label);
    });
    days = Array.from(new Set(days)).sort();
    var slider = document.getElementById("network-time");
    slider.max = String(days.length);
    slider.value = String(days.length);
    apply();
    document.getElementById("network-controls").hidden = false;
  }

  function apply() {
    var slider = document.getElementById("network-time");
    var upto = Number(slider.value) >= days.length ? null : days[Number(slider.value)];
    document.getElementById("network-time-label").textContent = upto || slider.getAttribute("aria-valuetext") || "";
    edges.forEach(function (e) {
      var shown = document.getElementById("kind-" + e.kind);
      var hide = (shown && !shown.checked) || (upto !== null && e.start && e.start > upto);
      if (e.hidden !== hide) { edges.update({ id: e.id, hidden: hide }); }
    });
  }

  function load(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { add(data); } });
  }

  var network = new vis.Network(box, { nodes: nodes, edges: edges },
    { physics: { stabilization: { iterations: 150 } }, interaction: { keyboard: true, hover: true } });
  network.on("doubleClick", function (params) {
    var id = params.nodes[0];
    if (!id) { return; }
    var kind = String(id).split(":")[0];
    if (kind !== "person" && kind !== "case") { return; }
    load(box.dataset.expandUrl + "?root=" + encodeURIComponent(id) + "&depth=1");
  });
  document.getElementById("network-time").addEventListener("input", apply);
  document.getElementById("network-png").addEventListener("click", function () {
    var canvas = box.querySelector("canvas");
    if (!canvas) { return; }
    var a = document.createElement("a");
    a.href = canvas.toDataURL("image/png");
    a.download = "network.png";
    document.body.appendChild(a); a.click(); a.remove();
  });
  load(box.dataset.url);
}());
