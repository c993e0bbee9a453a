/*
 * The organizer's entry list: "Select all on this page" ticks every box of the page in place.
 * Without JavaScript the same link reloads the page with every box ticked (?select=page).
 * Delegated from the document, so it keeps working after htmx swaps the results.
 */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-select-page]");
    if (!link) {
      return;
    }
    var form = link.closest("form");
    var boxes = form ? form.querySelectorAll("input[type=checkbox][name=entries]") : [];
    if (!boxes.length) {
      return;
    }
    event.preventDefault();
    var select = link.getAttribute("data-select-page") === "select";
    boxes.forEach(function (box) {
      box.checked = select;
    });
    link.setAttribute("data-select-page", select ? "clear" : "select");
    link.textContent = link.getAttribute(select ? "data-clear-label" : "data-select-label");
  });
})();
