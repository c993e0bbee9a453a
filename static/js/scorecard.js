/*
 * The scorecard's save queue. The page works without this file (one plain form POST saves all).
 *
 * Every field (each criterion's score, the comment) keeps the value the page last knew to be
 * stored (`base`) and at most one value waiting to be saved. Saves go one at a time to the save
 * URL with that `base`; the server saves when the stored value is still `base` (or already is
 * the new value) and otherwise answers 409 with the stored value, for that field only.
 *
 * - A score is checked with the server's own rule (the input's pattern, max, step) before it is
 *   sent: a typo shows its message beside the field and nothing is sent. An empty box is sent
 *   only through "Remove this score".
 * - Each field shows its state: not saved yet / saving / saved at HH:MM:SS / refused / conflict.
 *   The total is the server's total of the saved scores.
 * - Values waiting are kept in sessionStorage (per scorecard) until saved: a reload or a crash
 *   restores them into the fields and sends them again (a resend is harmless).
 * - No network or a server error: the field stays "not saved" and is retried with backoff and
 *   when the browser is back online. Leaving the page with anything not saved asks first.
 * - 401 (sign-in expired): a message with a sign-in link (new tab); the values wait and are
 *   retried every few seconds, on focus and with the "Save again now" button. 403 "csrf": a
 *   fresh token is fetched and the save retried (static/js/session.js).
 * - 409: the judge's value stays in the field; the stored one is shown beside it with "Save
 *   mine" and "Use the saved one".
 * - Level radios: a click saves at once; arrow keys save the level where the judge stops (after
 *   a pause or when focus leaves the group), not every level passed through.
 */
(function () {
  "use strict";

  var root = document.getElementById("scorecard-form");
  if (!root || !window.fetch) {
    return;
  }
  var session = window.SimsaSession;
  var saveUrl = root.getAttribute("data-save-url");
  var storageKey = "scorecard:" + saveUrl;
  var fields = {};
  var queue = [];
  var busy = false;
  var signedOut = false;
  var retryTimer = null;
  var retryDelay = 1000;
  var csrfTries = 0;
  var lastKey = 0;
  var levelTimers = {};
  var afterIdle = null;

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

  /* --- fields, their state line and the conflict choice --- */

  function setUp() {
    root.querySelectorAll("input.scorecard-score").forEach(function (input) {
      var key = input.getAttribute("data-criterion");
      fields[key] = { key: key, element: input, base: input.getAttribute("data-base") };
    });
    var comment = document.getElementById("comment");
    if (comment) {
      fields.comment = { key: "comment", element: comment, base: comment.getAttribute("data-base") };
    }
    root.querySelectorAll(".scorecard-clear-box").forEach(function (box) {
      box.hidden = true;
      box.querySelector("input").checked = false;
    });
    root.querySelectorAll("button.scorecard-clear").forEach(function (button) {
      button.hidden = false;
    });
  }

  function showState(field, kind, message) {
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
    if (kind === "error" || kind === "stale") {
      field.element.setAttribute("aria-invalid", "true");
    } else {
      field.element.removeAttribute("aria-invalid");
    }
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
    var value = document.createElement(field.key === "comment" ? "blockquote" : "p");
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

  /* --- waiting values, kept in sessionStorage until saved --- */

  function stored() {
    try {
      return JSON.parse(window.sessionStorage.getItem(storageKey) || "{}");
    } catch (error) {
      return {};
    }
  }

  function keep(field) {
    var all = stored();
    if (field.pending || field.conflict) {
      all[field.key] = field.pending || field.conflict;
    } else {
      delete all[field.key];
    }
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify(all));
    } catch (error) {
      /* storage full or off: the queue still works for this page */
    }
  }

  function wait(field, name, value, clear) {
    var base = field.pending ? field.pending.base : field.base;
    field.pending = { name: name, value: value, clear: !!clear, base: base };
    keep(field);
  }

  function enqueue(field) {
    if (queue.indexOf(field.key) < 0) {
      queue.push(field.key);
    }
    if (field.state !== "saving") {
      showState(field, "pending", signedOut ? text("login") : text("pending"));
    }
    pump();
  }

  /* --- sending --- */

  function pump() {
    if (busy || signedOut || retryTimer) {
      return;
    }
    var field = null;
    while (queue.length && !field) {
      field = fields[queue.shift()];
      field = field && field.pending ? field : null;
    }
    if (!field) {
      if (afterIdle) {
        var submitter = afterIdle;
        afterIdle = null;
        root.requestSubmit(submitter);
      }
      return;
    }
    busy = true;
    var sent = field.pending;
    var data = new FormData();
    data.append("csrfmiddlewaretoken", session.token());
    data.append(sent.name, sent.value);
    data.append("base", sent.base);
    if (sent.clear) {
      data.append("clear", "1");
    }
    showState(field, "saving", text("saving"));
    fetch(saveUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": session.token() },
    }).then(
      function (response) {
        return response.text().then(function (body) {
          answered(field, sent, response.status, body);
        });
      },
      function () {
        answered(field, sent, 0, "");
      }
    );
  }

  function parse(body) {
    try {
      return JSON.parse(body);
    } catch (error) {
      return null;
    }
  }

  function answered(field, sent, status, body) {
    busy = false;
    var answer = parse(body);
    var reason = session.reasonOf(status, body);
    if (answer && "version" in answer) {
      document.getElementById("scorecard-version").value = answer.version;
      document.getElementById("scorecard-total").textContent = answer.total;
    }
    if (answer && (status === 200 || status === 409 || status === 422)) {
      retryDelay = 1000;
      csrfTries = 0;
      document.getElementById("scorecard-session").hidden = true;
      field.base = answer.value;
      var newer = field.pending !== sent;
      if (newer) {
        field.pending.base = field.base;
      } else {
        field.pending = null;
      }
      if (status === 409) {
        var level = sent.name.indexOf("level-") === 0;
        field.conflict = {
          name: level ? "score-" + field.key : sent.name,
          value: field.element.value,
          clear: sent.clear && field.element.value === "",
          base: sent.base,
        };
        field.pending = null;
        showState(field, "stale", answer.message);
        showChoice(field, answer.value);
      } else if (status === 422 && !newer) {
        showState(field, "error", answer.message);
      } else if (!newer) {
        if (field.key !== "comment") {
          checkLevel(field.key, answer.level, answer.value);
        }
        showState(field, "ok", text("saved").replace("{time}", answer.saved_at));
      }
      keep(field);
      if (newer) {
        enqueue(field);
      }
    } else if (reason === "login") {
      queue.unshift(field.key);
      signOut(true);
    } else if (reason === "csrf" && csrfTries < 3) {
      csrfTries += 1;
      queue.unshift(field.key);
      busy = true;
      session.refreshToken().then(done, done);
      return;
    } else if (status === 0 || status >= 500) {
      queue.unshift(field.key);
      showState(field, "pending", text("offline"));
      retryTimer = window.setTimeout(function () {
        retryTimer = null;
        pump();
      }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
      return;
    } else {
      showState(field, "error", (answer && answer.message) || text("failed"));
    }
    pump();
  }

  function done() {
    busy = false;
    pump();
  }

  function signOut(on) {
    signedOut = on;
    if (on) {
      document.getElementById("scorecard-session").hidden = false;
      Object.keys(fields).forEach(function (key) {
        if (fields[key].pending) {
          showState(fields[key], "pending", text("login"));
        }
      });
    }
  }

  function retryNow() {
    if (retryTimer) {
      window.clearTimeout(retryTimer);
      retryTimer = null;
    }
    signOut(false);
    pump();
  }

  /* --- what the judge does --- */

  function scoreEdited(input) {
    var field = fields[input.getAttribute("data-criterion")];
    checkLevel(field.key, null, input.value);
    if (input.value === field.base && !field.pending) {
      return;
    }
    wait(field, "score-" + field.key, input.value, false);
    if (field.state !== "saving") {
      showState(field, "pending", text("pending"));
    }
  }

  function scoreChanged(input) {
    var field = fields[input.getAttribute("data-criterion")];
    var problem = problemOf(input, input.value);
    if (problem === "empty" && field.base === "") {
      problem = null;
    }
    if (problem) {
      field.pending = null;
      queue = queue.filter(function (key) { return key !== field.key; });
      keep(field);
      showState(field, "error", messageOf(input, problem));
      return;
    }
    if (!field.pending) {
      showState(field, "", "");
      return;
    }
    enqueue(field);
  }

  function levelChosen(radio) {
    var key = radio.getAttribute("data-criterion");
    var field = fields[key];
    field.element.value = radio.getAttribute("data-points");
    wait(field, "level-" + key, radio.value, false);
    window.clearTimeout(levelTimers[key]);
    if (Date.now() - lastKey < 500) {
      showState(field, "pending", text("pending"));
      levelTimers[key] = window.setTimeout(function () {
        delete levelTimers[key];
        enqueue(field);
      }, 800);
    } else {
      enqueue(field);
    }
  }

  function onInput(event) {
    var target = event.target;
    if (target.matches("input.scorecard-score")) {
      scoreEdited(target);
    } else if (target.id === "comment") {
      var field = fields.comment;
      wait(field, "comment", target.value, false);
      if (field.state !== "saving") {
        showState(field, "pending", text("pending"));
      }
      window.clearTimeout(field.timer);
      field.timer = window.setTimeout(function () {
        enqueue(field);
      }, 1500);
    }
  }

  function onChange(event) {
    var target = event.target;
    if (target.matches("input.scorecard-score")) {
      scoreChanged(target);
    } else if (target.matches("input[type=radio][data-criterion]") && target.checked) {
      levelChosen(target);
    } else if (target.id === "comment" && fields.comment.pending) {
      window.clearTimeout(fields.comment.timer);
      enqueue(fields.comment);
    }
  }

  function onClick(event) {
    var button = event.target.closest("button");
    if (!button) {
      return;
    }
    if (button.id === "scorecard-retry") {
      retryNow();
    } else if (button.matches("button.scorecard-clear")) {
      var field = fields[button.getAttribute("data-criterion")];
      field.element.value = "";
      checkLevel(field.key, null, "");
      wait(field, "score-" + field.key, "", true);
      enqueue(field);
    } else if (button.hasAttribute("data-choice")) {
      choose(fields[button.getAttribute("data-field")], button.getAttribute("data-choice"));
    }
  }

  function choose(field, choice) {
    var mine = field.conflict;
    field.conflict = null;
    showChoice(field, null);
    if (choice === "keep-mine" && mine) {
      var value = field.element.value;
      field.pending = { name: mine.name, value: value, clear: mine.clear, base: field.base };
      keep(field);
      enqueue(field);
    } else {
      field.element.value = field.base;
      if (field.key !== "comment") {
        checkLevel(field.key, null, field.base);
      }
      keep(field);
      showState(field, "", "");
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
      window.clearTimeout(levelTimers[key]);
      delete levelTimers[key];
      enqueue(fields[key]);
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
    var waiting = busy || queue.length || Object.keys(levelTimers).length;
    if (waiting && !signedOut && !retryTimer) {
      event.preventDefault();
      Object.keys(levelTimers).forEach(function (key) {
        window.clearTimeout(levelTimers[key]);
        delete levelTimers[key];
        enqueue(fields[key]);
      });
      afterIdle = event.submitter || root.querySelector("button[type=submit]");
      return;
    }
    window.sessionStorage.removeItem(storageKey);
  }

  function unsaved() {
    return Object.keys(fields).some(function (key) {
      var field = fields[key];
      return field.pending || field.conflict || field.state === "error";
    });
  }

  function flushWithBeacon() {
    if (!navigator.sendBeacon) {
      return;
    }
    Object.keys(fields).forEach(function (key) {
      var sent = fields[key].pending;
      if (sent) {
        var data = new FormData();
        data.append("csrfmiddlewaretoken", session.token());
        data.append(sent.name, sent.value);
        data.append("base", sent.base);
        if (sent.clear) {
          data.append("clear", "1");
        }
        navigator.sendBeacon(saveUrl, data); /* kept in sessionStorage: a resend is harmless */
      }
    });
  }

  function restore() {
    var all = stored();
    Object.keys(all).forEach(function (key) {
      var field = fields[key];
      var waiting = all[key];
      if (!field || !waiting || typeof waiting.name !== "string") {
        return;
      }
      field.pending = waiting;
      if (waiting.name.indexOf("level-") === 0) {
        checkLevel(key, waiting.value, "");
        var radio = root.querySelector('input[type=radio][value="' + waiting.value + '"][data-criterion="' + key + '"]');
        field.element.value = radio ? radio.getAttribute("data-points") : field.element.value;
      } else {
        field.element.value = waiting.value;
        if (key !== "comment") {
          checkLevel(key, null, waiting.value);
        }
      }
      enqueue(field);
    });
  }

  setUp();
  root.addEventListener("input", onInput);
  root.addEventListener("change", onChange);
  root.addEventListener("click", onClick);
  root.addEventListener("focusout", onFocusOut);
  root.addEventListener("keydown", onKeyDown);
  root.addEventListener("submit", onSubmit);
  window.addEventListener("online", retryNow);
  window.addEventListener("focus", function () {
    if (signedOut) {
      retryNow();
    }
  });
  window.setInterval(function () {
    if (signedOut) {
      retryNow();
    }
  }, 4000);
  window.addEventListener("beforeunload", function (event) {
    if (unsaved()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  window.addEventListener("pagehide", flushWithBeacon);
  restore();
})();
