/*
 * Progressive enhancement for the KRDS shell. Everything works without this file:
 * on narrow screens the main menu is simply shown expanded. With JavaScript, the menu
 * collapses behind the "Menu" button (aria-expanded keeps screen readers informed).
 */
(function () {
  "use strict";

  function setUpMenuToggle() {
    var button = document.querySelector(".app-menu-toggle");
    var nav = document.getElementById("app-nav");
    if (!button || !nav) {
      return;
    }
    var narrow = window.matchMedia("(max-width: 1023px)");

    function setExpanded(expanded) {
      button.setAttribute("aria-expanded", expanded ? "true" : "false");
      nav.classList.toggle("is-collapsed", !expanded);
    }

    function onWidthChange() {
      setExpanded(!narrow.matches);
    }

    button.hidden = false;
    button.addEventListener("click", function () {
      setExpanded(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && narrow.matches && button.getAttribute("aria-expanded") === "true") {
        setExpanded(false);
        button.focus();
      }
    });
    narrow.addEventListener("change", onWidthChange);
    onWidthChange();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpMenuToggle);
  } else {
    setUpMenuToggle();
  }
})();
