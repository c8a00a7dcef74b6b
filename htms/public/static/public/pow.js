// Proof of work for the portal's forms (ALTCHA, version 1): finds the number n for which
// SHA-256(salt + n) is the challenge the server signed, and puts the solution in the form's
// "altcha" field. Served from the site itself, no third party; needs a secure context (HTTPS or
// localhost) for crypto.subtle.
(function () {
  "use strict";
  var form = document.querySelector("form[data-pow-challenge]");
  if (!form) { return; }
  var status = form.querySelector(".pow-status");
  var field = form.querySelector("input[name=altcha]");
  var challenge = JSON.parse(form.getAttribute("data-pow-challenge"));
  var solved = null;
  var waiting = false;

  function say(key) { if (status) { status.textContent = status.getAttribute("data-" + key); } }

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  async function solve() {
    var encoder = new TextEncoder();
    for (var n = 0; n <= challenge.maxNumber; n += 1) {
      var digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + n));
      if (hex(digest) === challenge.challenge) { return n; }
    }
    return null;
  }

  say("working");
  form.setAttribute("aria-busy", "true");
  var search = (window.crypto && crypto.subtle) ? solve() : Promise.resolve(null);
  search.then(function (number) {
    form.removeAttribute("aria-busy");
    if (number === null) { say("failed"); return; }
    solved = btoa(JSON.stringify({
      algorithm: challenge.algorithm, challenge: challenge.challenge, number: number,
      salt: challenge.salt, signature: challenge.signature
    }));
    field.value = solved;
    form.setAttribute("data-pow-ready", "true");
    say("ready");
    if (waiting) { form.submit(); }
  });

  form.addEventListener("submit", function (event) {
    if (!solved) { event.preventDefault(); waiting = true; say("working"); }
  });
}());
