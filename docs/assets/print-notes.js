// Print: each cited claim becomes a numbered note at the end of the page, with its quote and
// source (taken from the citation's preview, macros/render/claims.py). The list is built once,
// shown only in print (briefing.css); a claim cited twice keeps one number. Each quote prints
// once: a card whose claim has a note leaves its own quote to the note ("quote-in-notes").
(function () {
  "use strict";
  function build() {
    var article = document.querySelector("article.md-content__inner");
    if (!article || article.querySelector(".print-notes")) return;
    var numbers = {};
    var notes = [];
    article.querySelectorAll(".cites a.cite").forEach(function (link) {
      var href = link.getAttribute("href");
      var preview = link.nextElementSibling;
      var note = null;
      if (preview && preview.classList.contains("cite-preview")) {
        note = preview;
      } else if (href in numbers) {
        // A claim cited again may carry no preview of its own (a page holds one per claim): it
        // keeps the number of its first citation.
        link.setAttribute("data-note", numbers[href]);
        return;
      } else {
        // A card's own citation has no preview: its card holds the quote, its label the title.
        var card = link.closest("article.claim");
        var label = link.parentElement.querySelector(".cite-source");
        var quote = card && card.querySelector("blockquote");
        if (!quote || !label) return;
        note = document.createElement("small");
        var q = document.createElement("q");
        q.className = "cite-preview-quote";
        q.textContent = quote.textContent;
        var source = document.createElement("span");
        source.className = "cite-preview-source";
        // The title and ¶ as the previews give them: one citation form in print.
        source.textContent = (label.getAttribute("title") || label.textContent) + " " +
          link.textContent.replace(/[a-z]$/, "");
        note.appendChild(q);
        note.appendChild(source);
      }
      if (!(href in numbers)) {
        numbers[href] = notes.length + 1;
        notes.push(note);
      }
      link.setAttribute("data-note", numbers[href]);
    });
    // A card cited in the notes (by its own citation or another) prints its quote there only.
    article.querySelectorAll("article.claim").forEach(function (card) {
      var own = card.querySelector(".claim-text a.cite[data-note]");
      if (own) card.classList.add("quote-in-notes");
    });
    if (!notes.length) return;
    var section = document.createElement("section");
    section.className = "print-notes";
    var heading = document.createElement("h2");
    heading.textContent = document.documentElement.lang === "nl" ? "Bronvermeldingen" : "Notes";
    section.appendChild(heading);
    var list = document.createElement("ol");
    notes.forEach(function (preview) {
      var item = document.createElement("li");
      ["cite-preview-quote", "cite-preview-source"].forEach(function (name) {
        var part = preview.querySelector("." + name);
        if (!part) return;
        var copy = part.cloneNode(true);
        copy.removeAttribute("id");
        item.appendChild(copy);
        item.appendChild(document.createTextNode(" "));
      });
      list.appendChild(item);
    });
    section.appendChild(list);
    article.appendChild(section);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", build);
  } else {
    build();
  }
  window.addEventListener("beforeprint", function () {
    build();
    document.querySelectorAll("details.claim-quote").forEach(function (d) { d.open = true; });
  });
})();
