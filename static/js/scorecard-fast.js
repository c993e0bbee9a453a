/*
 * The scorecard's fast path (after static/js/scorecard.js): one page per entry.
 *
 * - On load the first empty score box has the focus (without scrolling): the keyboard path
 *   starts there. Enter in a score box goes to the next one; in the last, to "Submit and go to
 *   the next entry".
 * - That button, once every typed value is saved (scorecard.js waits for the queue first), asks
 *   in a native <dialog> with the total; its form posts the confirmation with the card's current
 *   version, and the server opens the next entry not yet submitted. A criterion left empty goes
 *   the plain way (the server lists what is missing); without JavaScript the button opens the
 *   confirmation page.
 * - The bar with the total says whether everything is saved; it and the rubric stick below the
 *   site's sticky header (its height measured into --scorecard-top).
 */
(function () {
  "use strict";

  var S = window.Scorecard;
  if (!S || !S.root) {
    return;
  }
  var root = S.root;
  var fields = S.fields;
  var dialog = document.getElementById("scorecard-dialog");
  var cardState = document.getElementById("scorecard-cardstate");

  function scoreBoxes() {
    return Array.prototype.slice.call(root.querySelectorAll("input.scorecard-score"));
  }

  /* The fast path's confirmation: true when the dialog took over the submit. */
  function confirm(submitter) {
    if (!submitter || !submitter.hasAttribute("data-next") || !dialog || !dialog.showModal) {
      return false;
    }
    var wrong = Object.keys(fields).filter(function (key) {
      return fields[key].state === "error" || fields[key].state === "stale";
    })[0];
    if (wrong) {
      fields[wrong].element.focus();
      return true;
    }
    if (scoreBoxes().some(function (box) { return box.value.trim() === ""; })) {
      return false;
    }
    document.getElementById("scorecard-dialog-version").value =
      document.getElementById("scorecard-version").value;
    document.getElementById("scorecard-dialog-total").textContent =
      document.getElementById("scorecard-total").textContent;
    dialog.showModal();
    document.getElementById("scorecard-dialog-confirm").focus();
    return true;
  }

  function onKeyDown(event) {
    var box = event.target;
    if (event.key !== "Enter" || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey ||
        !box.matches("input.scorecard-score")) {
      return;
    }
    event.preventDefault();  /* not the form's implicit "Save" */
    var boxes = scoreBoxes();
    var next = boxes[boxes.indexOf(box) + 1] || document.getElementById("scorecard-next");
    next.focus();
  }

  function showCardState() {
    var states = Object.keys(fields).map(function (key) {
      return fields[key].pending ? "pending" : fields[key].state;
    });
    var name = "card-saved";
    if (states.indexOf("error") >= 0 || states.indexOf("stale") >= 0) {
      name = "card-check";
    } else if (states.indexOf("pending") >= 0 || states.indexOf("saving") >= 0) {
      name = "card-saving";
    } else if (states.indexOf("ok") < 0) {
      return;  /* nothing happened yet: the server's words stay */
    }
    cardState.textContent = S.text(name);
  }

  /* The site's header sticks to the top of the window (not on a short, wide one: scorecard.css):
     the rubric (and its bar) stick below it. */
  function measureHeader() {
    var header = document.getElementById("krds-header");
    var sticks = header && window.getComputedStyle(header).position === "sticky";
    var height = sticks ? header.getBoundingClientRect().height : 0;
    document.documentElement.style.setProperty("--scorecard-top", Math.ceil(height) + "px");
  }

  S.confirm = confirm;
  measureHeader();
  window.addEventListener("resize", measureHeader);
  S.onState = cardState ? showCardState : null;
  root.addEventListener("keydown", onKeyDown);
  if (dialog) {
    document.getElementById("scorecard-dialog-cancel").addEventListener("click", function () {
      dialog.close();
    });
  }
  var first = root.querySelector("[data-autofocus]");
  if (first && !root.querySelector("[autofocus]") &&
      (document.activeElement === document.body || !document.activeElement)) {
    first.focus({ preventScroll: true });
  }
})();
