// Assignment matrix: show a refused toggle's answer (409) in its cell instead of dropping it,
// and keep keyboard focus on the cell's button after htmx swaps it.
(function () {
  "use strict";
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
