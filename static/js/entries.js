/*
 * Entry editing: a live character count under each answer (server-side limits are the authority;
 * the autosave itself is plain htmx attributes in the template). Works as progressive enhancement:
 * without this file the count shown is the one from the last page load.
 */
(function () {
  "use strict";

  function lengthOf(text) {
    // Count as the server does: CRLF and CR are one newline.
    return text.replace(/\r\n?/g, "\n").length;
  }

  function update(textarea) {
    var counter = document.getElementById(textarea.getAttribute("data-counter"));
    if (!counter) {
      return;
    }
    var max = parseInt(textarea.getAttribute("data-max-length"), 10);
    var count = lengthOf(textarea.value);
    var now = counter.querySelector(".entry-count-now");
    if (now) {
      now.textContent = String(count);
    }
    counter.classList.toggle("is-over", count > max);
  }

  function setUp(root) {
    var areas = (root || document).querySelectorAll("textarea.entry-answer[data-max-length]");
    Array.prototype.forEach.call(areas, function (textarea) {
      if (textarea.dataset.counterReady) {
        return;
      }
      textarea.dataset.counterReady = "1";
      textarea.addEventListener("input", function () {
        update(textarea);
      });
      update(textarea);
    });
  }

  /* Autosave trouble (see static/js/session.js): no network, an expired sign-in (401) or an
     out-of-date CSRF token (403 "csrf") must not lose text. The text stays in the field, its
     status line says why (with a sign-in link that opens a new tab), the save is retried (online,
     focus, every few seconds; at once after a fresh token) and leaving the page asks first. */
  var unsaved = new Set();
  var csrfTries = 0;

  function autosaved(event) {
    var field = event.detail.elt;
    return field && field.closest && field.closest(".entry-form") && field.name ? field : null;
  }

  function say(field, message, loginUrl) {
    var status = document.getElementById("status-" + field.name);
    var form = field.closest(".entry-form");
    if (!status) {
      return;
    }
    status.textContent = message + " ";
    status.classList.add("form-hint-invalid");
    if (loginUrl) {
      var link = document.createElement("a");
      link.href = loginUrl;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = form.getAttribute("data-text-signin");
      status.appendChild(link);
    }
  }

  function retryAll() {
    unsaved.forEach(function (field) {
      window.htmx.trigger(field, "change");
    });
  }

  function setUpAutosaveTrouble() {
    var session = window.SimsaSession;
    if (!session || !window.htmx || !document.querySelector(".entry-form")) {
      return;
    }
    document.body.addEventListener("htmx:responseError", function (event) {
      var field = autosaved(event);
      if (!field) {
        return;
      }
      var xhr = event.detail.xhr;
      var reason = session.reasonOf(xhr.status, xhr.responseText);
      var form = field.closest(".entry-form");
      unsaved.add(field);
      if (reason === "csrf" && csrfTries < 2) {
        csrfTries += 1;
        session.refreshToken().then(retryAll, retryAll);
        return;
      }
      var body = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch (error) {
        body = {};
      }
      say(field, body.message || form.getAttribute("data-text-failed"), reason === "login" ? body.login_url : null);
    });
    document.body.addEventListener("htmx:sendError", function (event) {
      var field = autosaved(event);
      if (field) {
        unsaved.add(field);
        say(field, field.closest(".entry-form").getAttribute("data-text-offline"), null);
      }
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      var field = autosaved(event);
      if (field && event.detail.successful) {
        unsaved.delete(field);
        csrfTries = 0;
      }
    });
    window.addEventListener("online", retryAll);
    window.addEventListener("focus", retryAll);
    window.setInterval(function () {
      if (unsaved.size) {
        retryAll();
      }
    }, 5000);
    window.addEventListener("beforeunload", function (event) {
      if (unsaved.size) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      setUp(document);
      setUpAutosaveTrouble();
    });
  } else {
    setUp(document);
    setUpAutosaveTrouble();
  }
})();
