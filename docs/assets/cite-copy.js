// "Copy" beside each citation box (macros/render/cite.py). The buttons are written hidden and
// shown here, so a reader without scripts sees only the boxes, which select like any text.
// Nothing leaves the page: the text goes to the clipboard through the browser's own API, or,
// where that is unavailable (a page opened from a file), through a selection and the copy command.
(function () {
  "use strict";
  function copied(button) {
    var label = button.textContent;
    button.textContent = button.getAttribute("data-copied") || label;
    button.setAttribute("aria-live", "polite");
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }
  function fallback(box, button) {
    box.focus();
    box.select();
    try {
      if (document.execCommand("copy")) copied(button);
    } catch (e) { /* the text stays selected: the reader copies it by hand */ }
  }
  function copy(button) {
    var box = button.parentElement && button.parentElement.querySelector("textarea");
    if (!box) return;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).then(
        function () { copied(button); },
        function () { fallback(box, button); }
      );
    } else {
      fallback(box, button);
    }
  }
  function setUp() {
    document.querySelectorAll("button.cite-copy[hidden]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  }
  // Material swaps pages in place when instant loading is on: set up each new page too.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
