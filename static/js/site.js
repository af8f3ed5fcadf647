/* NGT portal: the phone menu, the copy-link and print buttons. Pages work without it. */
(function () {
  "use strict";

  // The menu: on phones it folds behind a button (CSS hides it only when scripts
  // run, so without JavaScript it is simply shown).
  var toggle = document.querySelector(".nav-toggle");
  var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (toggle && menu) {
    var setOpen = function (open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    };
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // Buttons that need a script are hidden in the HTML and shown here.
  function announce(button, text) {
    var status = button.parentNode.querySelector("[role=status]");
    if (status) {
      status.textContent = text;
      setTimeout(function () { status.textContent = ""; }, 4000);
    }
  }

  function copyFallback(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    document.body.removeChild(field);
    return done;
  }

  document.querySelectorAll("[data-copy-url]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-copy-url");
      var ok = function () { announce(button, button.getAttribute("data-done")); };
      var failed = function () {
        if (copyFallback(url)) { ok(); } else { announce(button, button.getAttribute("data-failed")); }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(ok, failed);
      } else {
        failed();
      }
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
