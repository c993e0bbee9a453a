// Rubric editor: show htmx's 409 "rubric locked" answers instead of dropping them, and keep
// keyboard focus on the page after a criterion is removed.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var active = document.activeElement;
    if (!active || active === document.body) {
      var total = document.getElementById("rubric-total");
      if (total) {
        total.focus();
      }
    }
  });
})();
