/*
 * Shared by the pages that save as the user types (scorecard, entry form): what a failed save
 * means for the session, and a fresh CSRF token without leaving the page.
 *
 * The server answers a script's request (htmx, or fetch with Accept: application/json) with
 * 401 {"reason": "login"} when the sign-in has expired (config/middleware.py) and with
 * 403 {"reason": "csrf"} when the CSRF check fails (config.views.csrf_failure), instead of the
 * HTML pages meant for a whole window. Signing in again (in another tab) rotates the CSRF token,
 * so after a 403 "csrf" the page fetches itself again, takes the new token and retries.
 */
(function () {
  "use strict";

  function readHeaders(element) {
    try {
      return JSON.parse(element.getAttribute("hx-headers") || "{}");
    } catch (error) {
      return {};
    }
  }

  function token() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : readHeaders(document.body)["X-CSRFToken"] || "";
  }

  function setToken(value) {
    document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
      input.value = value;
    });
    var headers = readHeaders(document.body);
    headers["X-CSRFToken"] = value;
    document.body.setAttribute("hx-headers", JSON.stringify(headers));
  }

  function refreshToken() {
    return fetch(window.location.href, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var input = page.querySelector("input[name=csrfmiddlewaretoken]");
        var value = input ? input.value : readHeaders(page.body)["X-CSRFToken"] || "";
        if (value) {
          setToken(value);
        }
        return value;
      });
  }

  /* "login", "csrf" or null for a response's status and body text. */
  function reasonOf(status, text) {
    if (status === 401) {
      return "login";
    }
    if (status === 403) {
      try {
        if (JSON.parse(text).reason === "csrf") {
          return "csrf";
        }
      } catch (error) {
        return null;
      }
    }
    return null;
  }

  window.SimsaSession = { token: token, refreshToken: refreshToken, reasonOf: reasonOf };
})();
