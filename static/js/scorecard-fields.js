/*
 * The scorecard's fields and what they show: the score rule, each field's state line, the
 * conflict choice and the level radios. Loaded first; it starts the shared namespace
 * `window.Scorecard` that static/js/scorecard-queue.js (the save queue) and static/js/scorecard.js
 * (the page's wiring) extend. The page works without these files (one plain form POST saves all).
 */
(function () {
  "use strict";

  var root = document.getElementById("scorecard-form");
  if (!root || !window.fetch) {
    return;
  }
  var fields = {};

  function text(name) {
    var element = root.querySelector('#scorecard-texts [data-text="' + name + '"]');
    return element ? element.textContent : "";
  }

  /* --- the score rule (same as scoring.aggregation.parse_score) --- */

  function decimals(value) {
    var dot = value.indexOf(".");
    return dot < 0 ? 0 : value.length - dot - 1;
  }

  function problemOf(input, raw) {
    var value = raw.trim();
    if (value === "") {
      return "empty";
    }
    if (!new RegExp("^(?:" + input.getAttribute("pattern") + ")$").test(value)) {
      return "number";
    }
    value = value.replace(",", ".");
    var number = Number(value);
    if (number === 0) {
      return null;
    }
    if (number < 0) {
      return "negative";
    }
    if (number > Number(input.getAttribute("data-max"))) {
      return "max";
    }
    var step = input.getAttribute("data-step");
    var scale = Math.pow(10, Math.max(decimals(value), decimals(step)));
    return Math.round(number * scale) % Math.round(Number(step) * scale) === 0 ? null : "step";
  }

  function messageOf(input, problem) {
    return problem === "empty" ? text("empty") : input.getAttribute("data-msg-" + problem);
  }

  /* A refusal's message, and that the saved score (if any) is still there (the empty box's
     message says so itself). */
  function refusal(field, message) {
    if (field.text || field.base === "" || !message || message === text("empty")) {
      return message;
    }
    return message + " " + text("kept").replace("{points}", field.base);
  }

  /* --- fields, their state line and the conflict choice --- */

  function setUp() {
    root.querySelectorAll("input.scorecard-score").forEach(function (input) {
      var key = input.getAttribute("data-criterion");
      fields[key] = { key: key, element: input, base: input.getAttribute("data-base") };
    });
    /* The comment and the comments on criteria: text fields keyed (and posted) by data-key. */
    root.querySelectorAll("textarea.scorecard-text").forEach(function (area) {
      var key = area.getAttribute("data-key");
      fields[key] = { key: key, element: area, base: area.getAttribute("data-base"), text: true };
    });
    root.querySelectorAll(".scorecard-clear-box").forEach(function (box) {
      box.hidden = true;
      box.querySelector("input").checked = false;
    });
    root.querySelectorAll("button.scorecard-clear").forEach(function (button) {
      button.hidden = false;
    });
  }

  /* The field's state line: a message of a kind (ok, pending, saving, error, stale) and an
     optional control after it (the sign-in link, "Undo"). */
  function showState(field, kind, message, control) {
    var line = document.getElementById("state-" + field.key);
    field.state = kind;
    if (!line) {
      return;
    }
    line.textContent = "";
    if (message) {
      var span = document.createElement("span");
      span.className = "scorecard-state-" + kind;
      span.textContent = message;
      line.appendChild(span);
    }
    if (control) {
      line.append(" ", control);
    }
    if (kind === "error" || kind === "stale") {
      field.element.setAttribute("aria-invalid", "true");
    } else {
      field.element.removeAttribute("aria-invalid");
    }
    if (window.Scorecard.onState) {
      window.Scorecard.onState();
    }
  }

  /* The state line of a value waiting for the judge to sign in again: with the sign-in link. */
  function showSignedOut(field) {
    var banner = document.querySelector("#scorecard-session a");
    var link = banner ? banner.cloneNode(true) : null;
    showState(field, "pending", text("login"), link);
  }

  /* After a deliberate clear: what was removed, and a button to put it back. */
  function showCleared(field, previous) {
    var undo = document.createElement("button");
    undo.type = "button";
    undo.className = "krds-btn tertiary small scorecard-undo";
    undo.setAttribute("data-undo", field.key);
    undo.setAttribute("data-value", previous);
    undo.textContent = text("undo");
    showState(field, "ok", text("cleared").replace("{points}", previous), undo);
  }

  function showChoice(field, stored) {
    var box = document.getElementById("choice-" + field.key);
    if (!box) {
      return;
    }
    box.textContent = "";
    box.hidden = stored === null;
    if (stored === null) {
      return;
    }
    var label = document.createElement("p");
    label.textContent = text("stored");
    var value = document.createElement(field.text ? "blockquote" : "p");
    value.className = "scorecard-stored";
    value.textContent = stored === "" ? text("stored-empty") : stored;
    box.append(label, value);
    [["keep-mine", "secondary"], ["use-stored", "tertiary"]].forEach(function (choice) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "krds-btn small " + choice[1];
      button.setAttribute("data-choice", choice[0]);
      button.setAttribute("data-field", field.key);
      button.textContent = text(choice[0]);
      box.appendChild(button);
    });
  }

  function levelsOf(key) {
    return root.querySelectorAll('input[type=radio][data-criterion="' + key + '"]');
  }

  function checkLevel(key, levelId, value) {
    var matched = false;
    levelsOf(key).forEach(function (radio) {
      var hit = levelId ? radio.value === String(levelId)
        : !matched && value !== "" && Number(radio.getAttribute("data-points")) === Number(value.replace(",", "."));
      radio.checked = hit;
      matched = matched || hit;
    });
  }

  window.Scorecard = {
    root: root,
    fields: fields,
    text: text,
    problemOf: problemOf,
    messageOf: messageOf,
    refusal: refusal,
    setUp: setUp,
    showState: showState,
    showSignedOut: showSignedOut,
    showCleared: showCleared,
    showChoice: showChoice,
    checkLevel: checkLevel,
  };
})();
