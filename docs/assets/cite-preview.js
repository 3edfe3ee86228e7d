// Citation previews (macros/render/claims.py: citation): hover, keyboard focus or a first tap
// shows the claim beside its citation; the link itself still leads to the permalink, and without
// this script it is a plain link. Glossary terms in the text (macros/render/glossary.py) work the
// same way, their definition drawn from the link's title. Also opens the quote of a claim a
// permalink lands on.
(function () {
  "use strict";
  var shown = null;
  var hideTimer = null;
  var lastPointer = "mouse";
  var counter = 0;
  var shownBeforeTap = false; // the tapped citation's preview was already open before this tap
  var LINKS = "a.cite, a.gloss";

  function previewOf(link) {
    var next = link && link.nextElementSibling;
    return next && next.classList.contains("cite-preview") ? next : null;
  }

  // A page carries one preview per claim, beside its first citation (macros/render/claims.py:
  // one_preview_per_claim); every other citation of that claim gets a copy of it here.
  function lend(root) {
    var first = new Map(); // not an object: an href such as "constructor" is a key like any other
    root.querySelectorAll("a.cite").forEach(function (link) {
      var preview = previewOf(link);
      var href = link.getAttribute("href");
      if (preview) {
        if (!first.has(href)) first.set(href, preview);
      } else if (first.has(href) && link.parentElement.classList.contains("cite-wrap")) {
        var copy = first.get(href).cloneNode(true);
        copy.removeAttribute("id");
        copy.classList.remove("is-shown");
        copy.hidden = true;
        link.after(copy);
      }
    });
  }

  // Screen readers hear the preview as the link's description. Ids are given here, in the
  // reader's browser, because a claim cited twice on one page would otherwise duplicate one.
  function describe(root) {
    lend(root);
    root.querySelectorAll("a.gloss[title]").forEach(function (link) {
      if (previewOf(link)) return;
      // Built here from the title, so a page carries each definition once, as the no-script
      // tooltip, not twice.
      var preview = document.createElement("small");
      preview.className = "cite-preview gloss-preview";
      preview.hidden = true;
      preview.textContent = link.getAttribute("title");
      link.after(preview);
    });
    root.querySelectorAll(LINKS).forEach(function (link) {
      var preview = previewOf(link);
      if (!preview || preview.id) return;
      counter += 1;
      preview.id = "cite-preview-" + counter;
      preview.setAttribute("role", "tooltip");
      link.setAttribute("aria-describedby", preview.id);
      link.removeAttribute("title"); // the preview replaces the browser's own tooltip
    });
  }

  function place(link, preview) {
    var margin = 8;
    var box = link.getBoundingClientRect();
    var width = Math.min(416, window.innerWidth - 2 * margin);
    preview.style.width = width + "px";
    var left = Math.min(Math.max(margin, box.left), window.innerWidth - width - margin);
    preview.style.left = left + "px";
    var below = box.bottom + 4;
    preview.style.top = below + "px";
    var height = preview.offsetHeight;
    if (below + height > window.innerHeight - margin && box.top - height - 4 > margin) {
      preview.style.top = box.top - height - 4 + "px";
    }
  }

  function show(link) {
    var preview = previewOf(link);
    if (!preview) return;
    clearTimeout(hideTimer);
    if (shown && shown.preview !== preview) hide();
    preview.hidden = false;
    preview.classList.add("is-shown");
    link.setAttribute("aria-expanded", "true");
    place(link, preview);
    shown = { link: link, preview: preview };
  }

  function hide() {
    clearTimeout(hideTimer);
    if (!shown) return;
    shown.preview.hidden = true;
    shown.preview.classList.remove("is-shown");
    shown.link.setAttribute("aria-expanded", "false");
    shown = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  function citeOf(target) {
    return target instanceof Element ? target.closest(".cite-wrap") : null;
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    var tapped = event.target instanceof Element ? event.target.closest(LINKS) : null;
    // Focus moves to a tapped link (and opens its preview) before its click: decide here.
    shownBeforeTap = !!(tapped && shown && shown.link === tapped);
    if (shown && !citeOf(event.target)) hide();
  });
  document.addEventListener("mouseover", function (event) {
    if (lastPointer === "touch") return;
    var wrap = citeOf(event.target);
    if (wrap) show(wrap.querySelector(LINKS));
  });
  document.addEventListener("mouseout", function (event) {
    var wrap = citeOf(event.target);
    if (wrap && !wrap.contains(event.relatedTarget)) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(LINKS)) show(event.target);
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.matches && event.target.matches(LINKS)) hideSoon();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shown) {
      var link = shown.link;
      hide();
      link.focus();
    }
  });
  // A first tap previews; a second tap on the same citation follows it.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest(LINKS) : null;
    if (!link || lastPointer !== "touch" || !previewOf(link)) return;
    if (!shownBeforeTap) {
      event.preventDefault();
      show(link);
    }
  });
  // Where the mouse is, so that a scroll can tell whether the citation is still under it.
  var pointerAt = null;
  document.addEventListener("mousemove", function (event) {
    pointerAt = { x: event.clientX, y: event.clientY };
  }, { passive: true });
  // A scroll closes the preview, unless its citation still has the keyboard's focus or the
  // mouse over it; then the preview moves with it. The browser scrolls a citation below the
  // fold into view as it is focused or pointed at, and closing the preview then hid it from
  // the very reader who asked for it.
  window.addEventListener("scroll", function () {
    if (lastPointer === "touch" || !shown) return;
    var under = pointerAt && document.elementFromPoint(pointerAt.x, pointerAt.y);
    var wrap = citeOf(shown.link);
    if (document.activeElement === shown.link || (wrap && under && wrap.contains(under))) {
      place(shown.link, shown.preview);
      return;
    }
    hide();
  }, { passive: true });

  // Arriving at a permalink: the claim is highlighted (CSS :target) and its quote open.
  function land() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    // The quote and its translation open; the Cite box stays shut until asked for.
    target.querySelectorAll("details:not(.cite)").forEach(function (d) { d.open = true; });
    if (target.tagName === "DETAILS") target.open = true;
  }

  function ready() {
    describe(document);
    land();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
  window.addEventListener("hashchange", land);
})();
