/*
 * Scorecard page enhancements. The page works without this file (one plain form POST saves all).
 * With it:
 * - the total updates as soon as a score is typed or a level is chosen (the server's total comes
 *   back with every save and replaces it);
 * - choosing a level puts its points into the score box, typing a score checks the level with
 *   those points;
 * - htmx swaps the field's message also for refused (422) and stale (409) saves, and the field is
 *   marked aria-invalid while its message is an error;
 * - when the page is hidden or closed with a changed field not yet saved, the field is sent with
 *   navigator.sendBeacon so that nothing typed is lost.
 */
(function () {
  "use strict";

  function form() {
    return document.getElementById("scorecard-form");
  }

  function number(text) {
    var value = parseFloat(String(text).replace(",", "."));
    return isFinite(value) ? value : null;
  }

  function updateTotal() {
    var output = document.getElementById("scorecard-total");
    var root = form();
    if (!output || !root) {
      return;
    }
    var total = 0;
    root.querySelectorAll("input.scorecard-score").forEach(function (input) {
      var value = number(input.value);
      if (value !== null && value >= 0) {
        total += value;
      }
    });
    output.textContent = String(Math.round(total * 100) / 100);
  }

  function syncLevels(input) {
    var root = form();
    var value = number(input.value);
    var criterion = input.getAttribute("data-criterion");
    var matched = false;
    root.querySelectorAll('input[type=radio][data-criterion="' + criterion + '"]').forEach(function (radio) {
      var hit = !matched && value !== null && number(radio.getAttribute("data-points")) === value;
      radio.checked = hit;
      matched = matched || hit;
    });
  }

  function onInput(event) {
    var target = event.target;
    if (target.matches("input.scorecard-score")) {
      target.dataset.dirty = "1";
      syncLevels(target);
      updateTotal();
    } else if (target.matches("input[type=radio][data-points]") && target.checked) {
      var box = document.getElementById("score-" + target.getAttribute("data-criterion"));
      if (box) {
        box.value = target.getAttribute("data-points");
      }
      updateTotal();
    } else if (target.id === "comment") {
      target.dataset.dirty = "1";
    }
  }

  function markInvalid(stateId) {
    var state = document.getElementById(stateId);
    if (!state) {
      return;
    }
    var invalid = !!state.querySelector(".scorecard-state-error");
    var key = stateId.replace("state-", "");
    var fields = key === "comment"
      ? [document.getElementById("comment")]
      : [document.getElementById("score-" + key)];
    fields.forEach(function (field) {
      if (!field) {
        return;
      }
      if (invalid) {
        field.setAttribute("aria-invalid", "true");
      } else {
        field.removeAttribute("aria-invalid");
        delete field.dataset.dirty;
      }
    });
  }

  function flushUnsaved() {
    var root = form();
    if (!root || !navigator.sendBeacon) {
      return;
    }
    var url = root.getAttribute("data-save-url");
    var token = root.querySelector("input[name=csrfmiddlewaretoken]");
    var version = document.getElementById("scorecard-version");
    root.querySelectorAll("[data-dirty='1']").forEach(function (field) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", token ? token.value : "");
      data.append("version", version ? version.value : "");
      data.append(field.name, field.value);
      if (navigator.sendBeacon(url, data)) {
        delete field.dataset.dirty;
      }
    });
  }

  document.addEventListener("input", onInput);
  document.addEventListener("change", onInput);
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 409 || status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (target && target.id && target.id.indexOf("state-") === 0) {
      markInvalid(target.id);
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      flushUnsaved();
    }
  });
  window.addEventListener("pagehide", flushUnsaved);
})();
