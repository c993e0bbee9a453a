// Assignment matrix: a cell's button posts its pair with htmx and swaps only its cell (one
// listener for the whole form instead of htmx attributes on every button: the page stays small);
// without htmx the form posts normally and the server redirects back to the same page and filter.
// A refused toggle's answer (409) is shown in its cell instead of dropped, and keyboard focus
// stays on the cell's button after the swap.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (!window.htmx || !form.classList || !form.classList.contains("judging-matrix-form")) {
      return;
    }
    if (!button || button.name !== "pair") {
      return;
    }
    event.preventDefault();
    window.htmx.ajax("POST", form.action, {
      source: button,
      target: button.closest("td"),
      swap: "innerHTML",
    });
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var cell = event.detail.target;
    if (cell && cell.classList && cell.classList.contains("judging-cell")) {
      var button = cell.querySelector("button");
      if (button && !button.disabled) {
        button.focus();
      }
    }
  });
})();
