// Border intake: the import progress bar and keyboard shortcuts for working through a batch.
(function () {
  "use strict";

  function csrf(form) {
    const input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // Import a batch at a time, moving the bar, until every row is processed.
  const importForm = document.getElementById("import-form");
  if (importForm) {
    importForm.addEventListener("submit", async function (event) {
      event.preventDefault();
      const bar = document.getElementById("import-progress");
      const status = document.getElementById("import-status");
      const button = importForm.querySelector("button");
      button.disabled = true;
      for (;;) {
        const response = await fetch(importForm.action, {
          method: "POST",
          headers: { "Accept": "application/json", "X-CSRFToken": csrf(importForm) },
          credentials: "same-origin",
        });
        const data = await response.json();
        if (!response.ok) {
          status.textContent = (data.errors || []).join(" ");
          button.disabled = false;
          return;
        }
        bar.max = data.total;
        bar.value = data.processed;
        status.textContent = data.processed + " / " + data.total;
        if (data.done) {
          window.location.reload();
          return;
        }
      }
    });
  }

  // While a colleague's import runs, follow its progress (every 3 s, for at most 10 minutes).
  const watched = document.getElementById("import-progress");
  if (watched && watched.dataset.poll && !importForm) {
    let polls = 0;
    const timer = window.setInterval(async function () {
      polls += 1;
      const response = await fetch(watched.dataset.poll, { credentials: "same-origin" });
      const data = await response.json();
      watched.max = data.total;
      watched.value = data.processed;
      if (data.done) { window.clearInterval(timer); window.location.reload(); }
      if (polls > 200) { window.clearInterval(timer); }
    }, 3000);
  }

  // Show the upload's progress for large files.
  const uploadForm = document.getElementById("upload-form");
  if (uploadForm && window.XMLHttpRequest) {
    uploadForm.addEventListener("submit", function (event) {
      const bar = document.getElementById("upload-progress");
      if (!bar) { return; }
      event.preventDefault();
      const xhr = new XMLHttpRequest();
      xhr.open("POST", uploadForm.action);
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) { bar.hidden = false; bar.max = e.total; bar.value = e.loaded; }
      };
      xhr.onload = function () {
        document.open(); document.write(xhr.responseText); document.close();
        if (xhr.responseURL) { window.history.replaceState(null, "", xhr.responseURL); }
      };
      xhr.send(new FormData(uploadForm));
    });
  }

  // j: next person. Alt+digit (the browser's access keys) picks a decision.
  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
    if (event.key === "j" && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const next = document.getElementById("next-person");
      if (next) { window.location.href = next.href; }
    }
  });
})();
