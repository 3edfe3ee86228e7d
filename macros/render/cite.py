"""The "Cite" controls: of a claim (on its source page), of a briefing page and of an article.
Each opens (a <details>) on read-only boxes a reader copies from, one per format: the claim's own
sentence, APA, BibTeX and CSL-JSON (render/cite_formats.py). A "Copy" button beside each box is
shown by docs/assets/cite-copy.js (an external script: the page's CSP allows no inline one); with
no script the boxes still select like any text."""

from __future__ import annotations

from babel.lists import format_list
from markupsafe import Markup

from macros.facts.factbase import AUTHOR
from macros.facts.models import SITE_LANGUAGES
from macros.render import cite_formats as fmt
from macros.render.date_text import date_words
from macros.render.html import tag, text
from macros.render.labels import locale_of
from macros.render.view import View


def cited_title(v: View, sid: str) -> str:
    """The title as a citation gives it: the published title in quotation marks; a title the site
    gave (editorial) or translated in square brackets, after the published one if there is one
    (“Er is geen AI-oorlog tussen China en de VS” [There is no AI war between China and the US])."""
    s = v.fb.sources[sid]
    if s.title_kind == "editorial":
        return f"[{s.title[v.lang]}]"
    published = s.original_title or getattr(s.title, s.language, None)
    if published is None or published == s.title[v.lang]:
        return f"“{s.title[v.lang]}”"
    return f"“{published}” [{s.title[v.lang]}]"


def citation_text(v: View, claim_id: str) -> str:
    """Source, paragraph, permalink and the day the archived copy entered the fact base.

    Who speaks, when it is not the author: someone the author reports ("Jensen Huang, as reported
    in Pascal Coppens, ChinaSquare: …"), or the source's publisher in its own words around the
    piece, an introduction or a notice, which the author reports nothing of ("ChinaSquare,
    publisher's note accompanying Pascal Coppens, …")."""
    fb = v.fb
    sid = fb.claim_source[claim_id]
    s = fb.sources[sid]
    who = fb.speaker(claim_id)
    # A joint statement names every speaker ("Russia and China", "Rusland en China").
    said = (
        format_list(
            [fb.actors[a].name[v.lang] for a in fb.speakers(claim_id)], locale=locale_of(v.lang)
        )
        if who != AUTHOR
        else None
    )
    by_publisher = who != AUTHOR and who == s.publisher and who != s.author
    names = [
        fb.actors[a].name[v.lang]
        for a in (s.author, s.publisher)
        if a and not (by_publisher and a == s.publisher)
    ]
    when = (
        Markup(date_words(v.lang, s.published.edtf)).striptags()
        if s.published
        else v.w("cite_undated")
    )
    if by_publisher:
        head = f"{said}, {v.w('publisher_note_with')} " + "".join(n + ", " for n in names)
    else:
        head = (f"{said}, {v.w('as_reported_in')} " if said and who != s.author else "") + (
            ", ".join(names) + ": " if names else ""
        )
    parts = [
        head + cited_title(v, sid),
        ("≈ " if s.published and s.published.basis == "inferred" else "") + when,
        f"{v.w('paragraph')} {fb.claim_place[claim_id].paragraph}",
    ]
    # Without site_url, the path from the site's root: another language's pages are in <lang>/.
    here = "" if v.lang == SITE_LANGUAGES[0] else f"{v.lang}/"
    permalink = (
        f"{v.site_url}sources/{sid}/#{claim_id}"
        if v.site_url
        else f"{here}sources/{sid}/#{claim_id}"
    )
    return ", ".join(parts) + f". {permalink} ({v.w('cite_archived').format(day=s.added)})"


def _box(v: View, name: str, value: str, rows: int) -> Markup:
    """One format: its name, the read-only box, and the copy button (hidden until the script
    shows it, so a reader without scripts sees no button that does nothing)."""
    return tag(
        "div",
        tag("span", text(name), class_="cite-format-name")
        + tag(
            "textarea",
            text(value),
            readonly="",
            rows=str(rows),
            aria_label=v.w("cite_format_label").format(format=name),
            class_="cite-text",
        )
        + tag(
            "button",
            text(v.w("cite_copy")),
            type="button",
            class_="cite-copy md-button",
            hidden="",
            data_copied=v.w("cite_copied"),
        ),
        class_="cite-format",
    )


def _details(v: View, summary: str, boxes: list[Markup], class_: str = "cite") -> Markup:
    return tag(
        "details",
        tag("summary", text(summary)) + Markup("").join(boxes),
        class_=class_,
        # Out of the search index: the claim's text and source are indexed on the card already,
        # and these boxes would add a permalink and a date to every claim's entry.
        data_search_exclude="",
    )


def _rows(value: str) -> int:
    return min(8, value.count("\n") + 1 + len(value) // 60)


def _formats(v: View, item: dict, locator: str = "", note: str = "", url: str = "") -> list:
    csl = dict(item)
    if note:
        csl["note"] = note
    out = []
    for name, value in (
        ("APA", fmt.apa(item, v.lang, locator) + (f" {note}" if note else "")),
        ("BibTeX", fmt.bibtex(item, note=note, url=url)),
        ("CSL-JSON", fmt.csl_text(csl)),
    ):
        out.append(_box(v, name, value, _rows(value)))
    return out


def permalink_of(v: View, claim_id: str) -> str:
    sid = v.fb.claim_source[claim_id]
    return f"{v.site_url}sources/{sid}/#{claim_id}" if v.site_url else f"sources/{sid}/#{claim_id}"


def cite_control(v: View, claim_id: str) -> Markup:
    """A claim: its own sentence, then the article it comes from in the three formats, with the
    paragraph as locator and the claim's permalink as the place its quote is kept."""
    fb = v.fb
    s = fb.sources[fb.claim_source[claim_id]]
    sentence = citation_text(v, claim_id)
    item = fmt.source_item(fb, s, v.lang)
    locator = f"¶ {fb.claim_place[claim_id].paragraph}"
    note = v.w("cite_quoted_at").format(url=permalink_of(v, claim_id))
    boxes = [_box(v, v.w("cite_sentence"), sentence, 3)]
    boxes += _formats(v, item, locator, note=note)
    return _details(v, v.w("cite"), boxes)


def cite_page(v: View, item_id: str, title: str, day: str, url: str) -> Markup:
    """The "Cite this page" box: a page of this site as a web page, by the site, dated by its
    data."""
    item = fmt.page_item(v.site_name, item_id, title, day, v.lang, url)
    return _details(v, v.w("cite_page"), _formats(v, item), "cite cite-page")


def cite_source(v: View, source_id: str) -> Markup:
    """The "Cite the article" box: the original, with its real type, people and date."""
    item = fmt.source_item(v.fb, v.fb.sources[source_id], v.lang)
    return _details(v, v.w("cite_article"), _formats(v, item), "cite cite-page")
