"""The "Cite" control of a claim: a plain-text citation a reader copies from a read-only box,
with no script of ours or anyone else's (a <details> opens it; the box selects like any text)."""

from __future__ import annotations

from babel.lists import format_list
from markupsafe import Markup

from macros.facts.factbase import AUTHOR
from macros.facts.models import SITE_LANGUAGES
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


def cite_control(v: View, claim_id: str) -> Markup:
    return tag(
        "details",
        tag("summary", text(v.w("cite")))
        + tag(
            "textarea",
            text(citation_text(v, claim_id)),
            readonly="",
            rows="3",
            aria_label=v.w("cite_label"),
            class_="cite-text",
        ),
        class_="cite",
        # Out of the search index: the claim's text and source are indexed on the card already,
        # and this sentence would add a permalink and a date to every claim's entry.
        data_search_exclude="",
    )
