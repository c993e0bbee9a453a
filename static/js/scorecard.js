/*
 * The scorecard page's wiring: what the judge does in the fields, the level radios, the conflict
 * choice and the submit button, handed to the save queue (static/js/scorecard-queue.js; the fields
 * and what they show: static/js/scorecard-fields.js; both loaded before this file).
 *
 * - A score is checked with the server's own rule (the input's pattern, max, step) before it is
 *   sent: a typo shows its message beside the field and nothing is sent. An empty box is sent
 *   only through "Remove this score".
 * - The comment is saved after a pause in typing or when it loses focus.
 * - Level radios: a click saves at once; arrow keys save the level where the judge stops (after
 *   a pause or when focus leaves the group), not every level passed through.
 * - Submitting first hands every typed value to the queue and waits for the saves; when they
 *   cannot go (signed out, server away) the submit is held with a message and nothing is
 *   forgotten; a conflict not yet decided stops it. The form gets data-ready="1" once set up.
 * - "Remove this score" sends an empty value on purpose; "Undo" sends the old value back.
 * - "Submit and go to the next entry", once every save is done, confirms in a dialog
 *   (static/js/scorecard-fast.js, `S.confirm`).
 */
(function () {
  "use strict";

  var S = window.Scorecard;
  if (!S || !S.start) {
    return;
  }
  var root = S.root;
  var fields = S.fields;
  var lastKey = 0;
  var levelTimers = {};

  /* --- what the judge does --- */

  function scoreEdited(input) {
    var field = fields[input.getAttribute("data-criterion")];
    S.checkLevel(field.key, null, input.value);
    if (input.value === field.base && !field.pending) {
      return;
    }
    S.wait(field, "score-" + field.key, input.value, false);
    if (field.state !== "saving") {
      S.showState(field, "pending", S.text("pending"));
    }
  }

  function scoreChanged(input) {
    var field = fields[input.getAttribute("data-criterion")];
    var problem = S.problemOf(input, input.value);
    if (problem === "empty" && field.base === "") {
      problem = null;
    }
    if (problem) {
      S.drop(field);
      S.showState(field, "error", S.refusal(field, S.messageOf(input, problem)));
      return;
    }
    if (!field.pending) {
      if (field.state === "error") {  /* back to the saved value: the typo's message goes */
        S.showState(field, "", "");
      }
      return;  /* nothing new to send; a "saved at" stays where it is */
    }
    S.enqueue(field);
  }

  function levelChosen(radio) {
    var key = radio.getAttribute("data-criterion");
    var field = fields[key];
    field.element.value = radio.getAttribute("data-points");
    S.wait(field, "level-" + key, radio.value, false);
    window.clearTimeout(levelTimers[key]);
    if (Date.now() - lastKey < 500) {
      S.showState(field, "pending", S.text("pending"));
      levelTimers[key] = window.setTimeout(function () {
        delete levelTimers[key];
        S.enqueue(field);
      }, 800);
    } else {
      S.enqueue(field);
    }
  }

  /* The level waiting for the judge to stop on it is sent now. */
  function sendLevelNow(key) {
    window.clearTimeout(levelTimers[key]);
    delete levelTimers[key];
    S.enqueue(fields[key]);
  }

  function onInput(event) {
    var target = event.target;
    if (target.matches("input.scorecard-score")) {
      scoreEdited(target);
    } else if (target.matches("textarea.scorecard-text")) {
      var field = fields[target.getAttribute("data-key")];
      S.wait(field, field.key, target.value, false);
      if (field.state !== "saving") {
        S.showState(field, "pending", S.text("pending"));
      }
      window.clearTimeout(field.timer);
      field.timer = window.setTimeout(function () {
        S.enqueue(field);
      }, 1500);
    }
  }

  function onChange(event) {
    var target = event.target;
    if (target.matches("input.scorecard-score")) {
      scoreChanged(target);
    } else if (target.matches("input[type=radio][data-criterion]") && target.checked) {
      levelChosen(target);
    } else if (target.matches("textarea.scorecard-text") && fields[target.getAttribute("data-key")].pending) {
      window.clearTimeout(fields[target.getAttribute("data-key")].timer);
      S.enqueue(fields[target.getAttribute("data-key")]);
    }
  }

  function onClick(event) {
    var button = event.target.closest("button");
    if (!button) {
      return;
    }
    if (button.id === "scorecard-retry") {
      S.retryNow();
    } else if (button.matches("button.scorecard-clear")) {
      setScore(fields[button.getAttribute("data-criterion")], "", true);
    } else if (button.hasAttribute("data-undo")) {
      var field = fields[button.getAttribute("data-undo")];
      setScore(field, button.getAttribute("data-value"), false);
      field.element.focus();
    } else if (button.hasAttribute("data-choice")) {
      choose(fields[button.getAttribute("data-field")], button.getAttribute("data-choice"));
    }
  }

  /* A score set by a button (remove, undo): sent at once with the stored value as base. */
  function setScore(field, value, clear) {
    field.element.value = value;
    S.checkLevel(field.key, null, value);
    S.wait(field, "score-" + field.key, value, clear);
    S.enqueue(field);
  }

  function choose(field, choice) {
    var mine = field.conflict;
    field.conflict = null;
    S.showChoice(field, null);
    if (choice === "keep-mine" && mine) {
      var value = field.element.value;
      field.pending = { name: mine.name, value: value, clear: mine.clear, base: field.base };
      S.keep(field);
      S.enqueue(field);
    } else {
      field.element.value = field.base;
      if (!field.text) {
        S.checkLevel(field.key, null, field.base);
      }
      S.keep(field);
      S.showState(field, "", "");
    }
  }

  function onFocusOut(event) {
    var target = event.target;
    if (!target.matches("input[type=radio][data-criterion]")) {
      return;
    }
    var key = target.getAttribute("data-criterion");
    var next = event.relatedTarget;
    if (levelTimers[key] && !(next && next.matches('input[type=radio][data-criterion="' + key + '"]'))) {
      sendLevelNow(key);
    }
  }

  function onKeyDown(event) {
    if (event.target.matches("input[type=radio]") && /^(Arrow|Home|End| )/.test(event.key)) {
      lastKey = Date.now();
    }
  }

  function onSubmit(event) {
    var conflict = root.querySelector(".scorecard-choice:not([hidden]) button");
    if (conflict) {
      event.preventDefault();
      conflict.focus();
      return;
    }
    handOver();
    if (S.sending() && S.canSend()) {
      event.preventDefault();
      S.submitWhenIdle(event.submitter || root.querySelector("button[type=submit]"));
    } else if (!S.canSend() && S.waiting()) {
      event.preventDefault();
      S.hold();
    } else if (S.confirm && S.confirm(event.submitter)) {
      event.preventDefault();  /* everything is saved: the fast path asks in its dialog */
    }
  }

  /* Values typed but not yet sent (a level being chosen with arrow keys, Enter in a score box,
     the comment's pause) go to the queue now. */
  function handOver() {
    Object.keys(levelTimers).forEach(sendLevelNow);
    root.querySelectorAll("input.scorecard-score").forEach(function (input) {
      var pending = fields[input.getAttribute("data-criterion")].pending;
      if (pending && pending.name.indexOf("score-") === 0 && !pending.clear) {
        scoreChanged(input);
      }
    });
    Object.keys(fields).forEach(function (key) {
      var field = fields[key];
      if (field.text && field.pending) {
        window.clearTimeout(field.timer);
        S.enqueue(field);
      }
    });
  }

  S.setUp();
  root.addEventListener("input", onInput);
  root.addEventListener("change", onChange);
  root.addEventListener("click", onClick);
  root.addEventListener("focusout", onFocusOut);
  root.addEventListener("keydown", onKeyDown);
  root.addEventListener("submit", onSubmit);
  S.start();
  root.setAttribute("data-ready", "1");
})();
