// Search in place: a form marked data-search-in-place="ID [ID...]" fetches its results, puts
// the new form (with any errors) and the new elements ID in place of the old ones, and moves
// focus to the first (the results): Enter in a field searches without a jump to the top of the
// page. Without JavaScript the form's action ends in #ID, so the new page opens at the results.
(function () {
  "use strict";

  function load(url) { window.location.assign(url); }

  function bind(form) {
    var targets = form.getAttribute("data-search-in-place").split(" ");
    form.addEventListener("submit", function (event) {
      var action = form.getAttribute("action").split("#")[0];
      var url = action + "?" + new URLSearchParams(new FormData(form)).toString();
      event.preventDefault();
      fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var freshForm = page.getElementById(form.id);
          var complete = targets.every(function (id) {
            return page.getElementById(id) && document.getElementById(id);
          });
          if (!freshForm || !complete) { load(url); return; }
          var newForm = document.importNode(freshForm, true);
          form.replaceWith(newForm);
          targets.forEach(function (id) {
            document.getElementById(id).replaceWith(document.importNode(page.getElementById(id), true));
          });
          bind(newForm);
          window.history.replaceState(null, "", url);
          document.getElementById(targets[0]).focus();
        })
        .catch(function () { load(url); });
    });
  }

  document.querySelectorAll("form[data-search-in-place]").forEach(bind);
})();
