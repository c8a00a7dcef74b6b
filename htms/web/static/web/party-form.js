// Search before create: while the officer types a name, father's name, CNIC, passport or
// phone, persons already in the register are fetched (debounced) and shown as choices.
// Enter in one of these fields searches at once and moves focus to the suggestions, instead of
// posting the form. Without JavaScript the "Search the register" button does the same with a
// page load.
(function () {
  "use strict";
  var form = document.getElementById("party-form");
  if (!form) { return; }
  var box = document.getElementById("candidates");
  var url = form.getAttribute("data-candidates-url");
  var watched = ["full_name", "full_name_ur", "father_name", "cnic", "passport", "phone", "birth_date"];
  var timer = null;
  var last = "";

  function value(name) {
    var el = form.elements[name];
    return el ? el.value.trim() : "";
  }

  function query() {
    var params = new URLSearchParams();
    params.set("name", value("full_name") || value("full_name_ur"));
    ["father_name", "cnic", "passport", "phone", "birth_date"].forEach(function (n) {
      params.set(n, value(n));
    });
    return params.toString();
  }

  function search(then) {
    var q = query();
    if (q === last) { if (then) { then(); } return; }
    last = q;
    fetch(url + "?" + q, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.status < 500 ? r.text() : null; })
      .then(function (html) {
        if (html !== null && q === last) { box.innerHTML = html; }
        if (then) { then(); }
      })
      .catch(function () { /* the search button still works */ });
  }

  // Focus the first suggestion, or the box saying that none was found.
  function focusResults() {
    var first = box.querySelector("input[name=existing_person]");
    (first || box).focus();
  }

  watched.forEach(function (name) {
    var el = form.elements[name];
    if (!el) { return; }
    el.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 400);
    });
    el.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.isComposing) { return; }
      event.preventDefault();
      window.clearTimeout(timer);
      search(focusResults);
    });
  });

  // Show only the facts that belong to the chosen role.
  var role = form.elements.role;
  var groups = form.querySelectorAll("fieldset[data-roles]");
  function showRoleFields() {
    groups.forEach(function (group) {
      var roles = group.getAttribute("data-roles").split(" ");
      group.hidden = roles.indexOf(role.value) < 0;
    });
  }
  if (role) {
    role.addEventListener("change", showRoleFields);
    showRoleFields();
  }
})();
