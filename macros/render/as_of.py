"""How current a page is, from the data alone (never the build clock: two builds of one commit
are the same): "As of 25 November 2026 · newest source: ≈ on or after 2 December 2024".

The "as of" day is the latest `added` day of the sources a page draws on (the day the fact base
last learned something the page shows); the newest source is the one whose earliest possible
publication day is latest (an undated source counts last), shown as precisely as its evidence,
with ≈ when the date is inferred."""

from __future__ import annotations

import datetime

from markupsafe import Markup

from macros.facts.edtf_dates import parse
from macros.facts.factbase import FactBase
from macros.render.date_text import date_words
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
