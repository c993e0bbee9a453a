/*
 * The scorecard's save queue, the values kept until saved and the server's answers; after
 * static/js/scorecard-fields.js, before static/js/scorecard.js (the page's wiring).
 *
 * Every field (each criterion's score, the comment) keeps the value the page last knew to be
 * stored (`base`) and at most one value waiting to be saved. Saves go one at a time to the save
 * URL with that `base`; the server saves when the stored value is still `base` (or already is
 * the new value) and otherwise answers 409 with the stored value, for that field only.
 *
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
 *   mine" and "Use the saved one". 404 (the entry was withdrawn from the judge): said so; the
 *   typed value stays in the box.
 * - A saved score shows the server's value (`-0` becomes `0`); a removed one says what it was,
 *   with "Undo" (scorecard.js sends the old value again).
 * - Values are forgotten only when the server has answered for them: a submit that cannot be
 *   sent now (signed out, server away) is held with a message by the buttons (`hold`).
 */
(function () {
  "use strict";

  var S = window.Scorecard;
  if (!S) {
    return;
  }
  var root = S.root;
  var fields = S.fields;
  var text = S.text;
  var showState = S.showState;
  var session = window.SimsaSession;
  var saveUrl = root.getAttribute("data-save-url");
  var storageKey = "scorecard:" + saveUrl;
  var queue = [];
  var busy = false;
  var signedOut = false;
  var retryTimer = null;
  var retryDelay = 1000;
  var csrfTries = 0;
  var afterIdle = null;

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
    /* `shown`: the box as it was when this value was queued; an answer may rewrite the box only
       while it still shows that (never over what the judge typed meanwhile). */
    field.pending = {
      name: name, value: value, clear: !!clear, base: base, shown: field.element.value,
    };
    keep(field);
  }

  function enqueue(field) {
    if (queue.indexOf(field.key) < 0) {
      queue.push(field.key);
    }
    if (field.state !== "saving" && signedOut) {
      S.showSignedOut(field);
    } else if (field.state !== "saving") {
      showState(field, "pending", text("pending"));
    }
    pump();
  }

  /* A typo: the waiting value is dropped (nothing is sent) and the field forgets it. */
  function drop(field) {
    field.pending = null;
    queue = queue.filter(function (key) { return key !== field.key; });
    keep(field);
  }

  /* --- sending --- */

  /* The save request's body for one waiting value (fetch and the beacon when leaving): a plain
     url-encoded form, which the server reads more cheaply than a multipart one. */
  function bodyOf(sent) {
    var data = new URLSearchParams();
    data.append("csrfmiddlewaretoken", session.token());
    data.append(sent.name, sent.value);
    data.append("base", sent.base);
    if (sent.clear) {
      data.append("clear", "1");
    }
    return data;
  }

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
      if (!waiting()) {
        document.getElementById("scorecard-held").hidden = true;
      }
      if (afterIdle) {
        var submitter = afterIdle;
        afterIdle = null;
        root.requestSubmit(submitter);
      }
      return;
    }
    busy = true;
    var sent = field.pending;
    var data = bodyOf(sent);
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
        S.showChoice(field, answer.value);
      } else if (status === 422 && !newer) {
        showState(field, "error", S.refusal(field, answer.message));
      } else if (!newer) {
        savedState(field, sent, answer);
      }
      keep(field);
      if (newer) {
        enqueue(field);
      }
    } else if (reason === "login") {
      queue.unshift(field.key);
      signOut(true);
      holdSubmit();
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
      holdSubmit();
      return;
    } else if (status === 404) {
      showState(field, "error", text("gone"));
    } else {
      showState(field, "error", (answer && answer.message) || text("failed"));
    }
    pump();
  }

  /* A 200: the box shows the server's value (a score); a removal says what it was, with "Undo". */
  function savedState(field, sent, answer) {
    if (field.text) {
      showState(field, "ok", text("saved").replace("{time}", answer.saved_at));
      return;
    }
    if (sent.shown === undefined || field.element.value === sent.shown) {
      S.checkLevel(field.key, answer.level, answer.value);
      field.element.value = answer.value;
    }
    if (sent.clear && sent.base !== "" && answer.value === "") {
      S.showCleared(field, sent.base);
    } else {
      showState(field, "ok", text("saved").replace("{time}", answer.saved_at));
    }
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
          S.showSignedOut(fields[key]);
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

  function retryIfSignedOut() {
    if (signedOut) {
      retryNow();
    }
  }

  /* --- submitting and leaving --- */

  /* Truthy while a save is on its way or waiting in the queue. */
  function sending() {
    return busy || queue.length;
  }

  /* Saves can go now: signed in and not waiting for a retry. */
  function canSend() {
    return !signedOut && !retryTimer;
  }

  /* The form is submitted with `submitter` once the queue is empty. */
  function submitWhenIdle(submitter) {
    afterIdle = submitter;
  }

  /* The submit cannot go now: say (by the buttons) that the values are kept and saved later. */
  function hold() {
    var held = document.getElementById("scorecard-held");
    held.textContent = text(signedOut ? "held-login" : "held-offline");
    held.hidden = false;
  }

  /* A submit waiting for the queue, when a save could not go: held, not sent later by surprise. */
  function holdSubmit() {
    if (afterIdle) {
      afterIdle = null;
      hold();
    }
  }

  /* Some value waits to be saved (kept in sessionStorage until the server answers for it). */
  function waiting() {
    return Object.keys(fields).some(function (key) {
      return fields[key].pending;
    });
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
        navigator.sendBeacon(saveUrl, bodyOf(sent)); /* kept in sessionStorage: a resend is harmless */
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
        S.checkLevel(key, waiting.value, "");
        var radio = root.querySelector('input[type=radio][value="' + waiting.value + '"][data-criterion="' + key + '"]');
        field.element.value = radio ? radio.getAttribute("data-points") : field.element.value;
      } else {
        field.element.value = waiting.value;
        if (!field.text) {
          S.checkLevel(key, null, waiting.value);
        } else if (field.element.closest("details")) {
          field.element.closest("details").open = true;
        }
      }
      enqueue(field);
    });
  }

  /* Retries, the warning before leaving, the beacon, then the values kept from last time. */
  function start() {
    window.addEventListener("online", retryNow);
    window.addEventListener("focus", retryIfSignedOut);
    window.setInterval(retryIfSignedOut, 4000);
    window.addEventListener("beforeunload", function (event) {
      if (unsaved()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    window.addEventListener("pagehide", flushWithBeacon);
    restore();
  }

  S.keep = keep;
  S.wait = wait;
  S.enqueue = enqueue;
  S.drop = drop;
  S.retryNow = retryNow;
  S.sending = sending;
  S.canSend = canSend;
  S.submitWhenIdle = submitWhenIdle;
  S.hold = hold;
  S.waiting = waiting;
  S.start = start;
})();
