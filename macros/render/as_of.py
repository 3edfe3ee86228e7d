"""How current a page is, from the data alone (never the build clock: two builds of one commit
are the same): "As of 25 November 2026 · newest source: ≈ on or after 2 December 2025".

The "as of" day is the latest `added` day of the sources a page draws on (the day the fact base
last learned something the page shows); the newest source is the one whose earliest possible
publication day is latest (an undated source counts last), shown as precisely as its evidence,
with ≈ when the date is inferred.

A statement that holds only as of its source (facts/voice.py: time_bound, a claim whose text
says "when the report was written", "toen hij schreef" …) is shown as of that source: an event
that restates one reads "…, the report said ≈ on or after 5 November 2024" on the timeline, and
a claim card names, beside its speaker, when its source said it. The date is the source's own,
as precise as its evidence."""

from __future__ import annotations

import datetime

from markupsafe import Markup

from macros.facts.edtf_dates import parse
from macros.facts.factbase import FactBase
from macros.facts.voice import time_bound
from macros.render.cite_formats import surname
from macros.render.date_text import date_words, when_words
from macros.render.html import tag, text
from macros.render.view import View


def sources_of(fb: FactBase, claim_ids: list[str]) -> list[str]:
    """The sources of these claims, in the fact base's order; every source when none is given."""
    if not claim_ids:
        return list(fb.sources)
    used = {fb.claim_source[c] for c in claim_ids}
    return [s for s in fb.sources if s in used]


def modified(fb: FactBase, source_ids: list[str] | None = None) -> str | None:
    """The page's as-of day (YYYY-MM-DD): the latest day one of its sources was added."""
    days = [fb.sources[s].added for s in (source_ids or list(fb.sources))]
    return max(days) if days else None


def newest_source(fb: FactBase, source_ids: list[str]) -> str | None:
    def key(sid: str) -> tuple:
        published = fb.sources[sid].published
        day = (published.edtf.earliest or published.edtf.latest) if published else None
        return (day is not None, day or datetime.date.min, sid)

    return max(source_ids, key=key) if source_ids else None


def as_of_line(v: View, source_ids: list[str]) -> Markup:
    """The as-of line of a page drawing on these sources (nothing without any)."""
    fb = v.fb
    day = modified(fb, source_ids)
    newest = newest_source(fb, source_ids)
    if day is None or newest is None:
        return Markup("")
    shown = date_words(v.lang, parse(day))
    published = fb.sources[newest].published
    when = text(v.w("unknown"))
    if published:
        when = date_words(v.lang, published.edtf)
        when = when if published.basis == "stated" else Markup("≈ ") + when
    line = Markup(text(v.w("as_of_line"))).format(
        date=tag("span", shown, class_="as-of-date"), when=when
    )
    return tag("p", line, class_="as-of")


# Holding only as of a source ----------------------------------------------------------------


def claim_time_bound(fb: FactBase, claim_id: str) -> bool:
    return time_bound(fb.claims[claim_id])


def event_time_bound(fb: FactBase, event_id: str) -> bool:
    """An event holds as of its source when the claim it restates, its first evidence, does."""
    return claim_time_bound(fb, fb.events[event_id].evidence[0])


def said_when(v: View, source_id: str) -> Markup:
    """When a source said what it says, as a phrase of time ("≈ on or after 5 November 2024",
    "in January 2025"): its publication date as precise as the evidence, ≈ when inferred."""
    published = v.fb.sources[source_id].published
    if published is None:
        return text(v.w("date_unknown_when"))
    when = when_words(v.lang, published.edtf)
    if published.basis != "stated":
        when = Markup("≈ ") + when
    return tag("span", when, class_="said-when")


def _source_voice(v: View, source_id: str) -> tuple[str, Markup]:
    """(frame, who) for "…, Coppens wrote …" / "…, the report said …": a signed source by
    its author's name (a person's surname), an unsigned one by its kind."""
    source = v.fb.sources[source_id]
    actor = v.fb.actors.get(source.author) if source.author else None
    if actor is None:
        return "as_said", text(v.w(f"the_source_{source.kind}"))
    return "as_written", text(surname(v.fb, source.author, v.lang))


def as_said(v: View, event_id: str, title: Markup) -> Markup:
    """An event's title, as of its source when it holds only then ("US weighs new export
    restrictions on AI chips for China, the report said ≈ on or after 5 November 2024");
    otherwise the title as it is."""
    if not event_time_bound(v.fb, event_id):
        return title
    source_id = v.fb.claim_source[v.fb.events[event_id].evidence[0]]
    frame, who = _source_voice(v, source_id)
    return Markup(text(v.w(frame))).format(statement=title, who=who, when=said_when(v, source_id))


def speaker_as_of(v: View, claim_id: str, who: Markup) -> Markup:
    """A claim's speaker, and, when the claim holds only as of its source, when the source said
    it: "the article (unsigned), ≈ on or after 5 November 2024". A claim dated itself says when
    it held by that date, which its card shows: a second date beside it would only blur it."""
    if not claim_time_bound(v.fb, claim_id) or v.fb.claims[claim_id].date is not None:
        return who
    when = said_when(v, v.fb.claim_source[claim_id])
    return Markup(text(v.w("speaker_when"))).format(who=who, when=when)
