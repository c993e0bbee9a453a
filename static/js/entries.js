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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      setUp(document);
    });
  } else {
    setUp(document);
  }
})();
