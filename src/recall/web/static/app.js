// recall web review: a little help on top of plain forms (everything works without it).
// Measures the response time into the hidden "ms" field, answers with keys 1-9 and
// ignores a second submit of the same page.
(function () {
  "use strict";
  var form = document.getElementById("answer");
  if (!form) {
    return;
  }
  var started = performance.now();
  var sent = false;
  form.addEventListener("submit", function (event) {
    if (sent) {
      event.preventDefault();
      return;
    }
    sent = true;
    document.getElementById("ms").value = String(Math.max(1, Math.round(performance.now() - started)));
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {  // back to this page from the cache: a new look at the card
      sent = false;
      started = performance.now();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || !/^[1-9]$/.test(event.key)) {
      return;
    }
    var button = form.querySelector('button[data-number="' + event.key + '"]');
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
})();
