"""The timeline: events by year, honest about precision, undated events apart, and an overview
drawn as inline SVG (no script, no network)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from markupsafe import Markup

from macros.facts.models import DateSpec
from macros.render.as_of import as_said
from macros.render.claims import actor_link, citations
from macros.render.date_text import date_words
from macros.render.html import block, heading, tag, text
from macros.render.view import View


def year_of(date: DateSpec) -> int:
    """The year an event is listed under: that of its earliest possible day, or, when it has
    none ("../2024", by 2024), that of its latest possible day."""
    d = date.edtf
    return (d.earliest or d.latest).year


def spans_years(date: DateSpec) -> bool:
    """Whether the date's possible days fall in more than one year ("2022/2025-01-20", "202X",
    "[2023,2024]"): such an event cannot honestly be filed under one year."""
    d = date.edtf
    return d.earliest is not None and d.latest is not None and d.earliest.year != d.latest.year


def group_of(v: View, date: DateSpec) -> str:
    """The heading an event is listed under: the year of its earliest possible day. An open start
    ("../2025-01-20") has no earliest day and may precede every year above it, so it is not filed
    under a year: its heading says its interval ("By 20 January 2025"), placed where the order puts
    it, first among the events of its latest day's year. A date whose possible days span years
    ("2022/2025-01-20") has a heading of its own too ("Between 2022 and 20 January 2025"), after
    the events of its earliest day's year."""
    d = date.edtf
    if d.earliest is None or spans_years(date):
        words = date_words(v.lang, d).striptags()
        return words[:1].upper() + words[1:]
    return str(year_of(date))


def _sort_key(v: View, event_id: str) -> tuple:
    """The rule in data/README.md: year listed under, earliest possible day (an open start
    first), latest possible day (an open end last), first evidence in document order, id."""
    d = v.fb.events[event_id].date.edtf
    order = v.cache.get("claim_order")
    if order is None:
        order = v.cache["claim_order"] = {c: i for i, c in enumerate(v.fb.claims)}
    date = v.fb.events[event_id].date
    return (
        year_of(date),
        spans_years(date),  # a range over years after the single year it starts in
        d.earliest or datetime.date.min,
        d.latest or datetime.date.max,
        min(order[c] for c in v.fb.events[event_id].evidence),
        event_id,
    )


def in_order(v: View, event_ids: list[str]) -> list[str]:
    """Dated events in time order (see _sort_key), then the undated ones by id."""
    events = v.fb.events
    dated = sorted((e for e in event_ids if events[e].date), key=lambda e: _sort_key(v, e))
    return dated + sorted(e for e in event_ids if not events[e].date)


def note_label(number: int) -> str:
    """A date note's label: a, b, … z, aa, ab … (a list's lower-alpha markers). Letters, not
    numbers: a printed page numbers its citations' notes (docs/assets/print-notes.js)."""
    label = ""
    while number:
        number, rest = divmod(number - 1, 26)
        label = "abcdefghijklmnopqrstuvwxyz"[rest] + label
    return label


def date_notes(v: View, event_ids: list[str]) -> dict[str, tuple[int, str]]:
    """What each inferred date was inferred from, as the notes a timeline lists once, under its
    events: {event id: (note number, note anchor)}. Events whose dates were inferred alike share
    one note, anchored at the first of them."""
    numbers: dict[str, tuple[int, str]] = {}
    refs = {}
    for e in event_ids:
        date = v.fb.events[e].date
        if date is None or date.basis == "stated":
            continue
        said = date.inferred_from[v.lang]
        if said not in numbers:
            numbers[said] = (len(numbers) + 1, f"date-note-{e}")
        refs[e] = numbers[said]
    return refs


def event_item(v: View, event_id: str, note: tuple[int, str] | None = None) -> Markup:
    """One event; like a claim card, drawn once per language, page depth and note."""
    key = ("event_item", v.lang, event_id, v.link.root, note)
    item = v.cache.get(key)
    if item is None:
        item = v.cache[key] = _event_item(v, event_id, note)
    return item


def _event_item(v: View, event_id: str, note: tuple[int, str] | None) -> Markup:
    """Every row has the same two columns, whatever its date's kind: the date (≈ when inferred,
    with a link to the note that says what it was inferred from; "undated" when there is none),
    then the title (as of its source when it holds only then), actors and citations."""
    event = v.fb.events[event_id]
    if event.date is None:
        when = tag("span", text(v.w("undated")), class_="date undated")
    elif event.date.basis == "stated":
        when = tag("span", date_words(v.lang, event.date.edtf), class_="date")
    else:
        when = tag(
            "span", Markup("≈ ") + date_words(v.lang, event.date.edtf), class_="date inferred"
        )
        if note is not None:
            number, anchor = note
            ref = text(v.w("date_note_ref").format(note=note_label(number)))
            when += tag("a", ref, href=f"#{anchor}", class_="basis date-note-ref")
    title = as_said(v, event_id, tag("strong", text(event.title[v.lang])))
    parts = [tag("span", title, class_="event-title")]
    if event.actors:
        who = Markup(", ").join(actor_link(v, a) for a in event.actors)
        parts.append(tag("span", who, class_="event-actors"))
    parts.append(tag("span", citations(v, event.evidence), class_="event-evidence"))
    return tag(
        "li",
        tag("span", when, class_="event-date")
        + tag("div", Markup("").join(parts), class_="event-body"),
        class_="event",
        id=f"event-{event_id}",
    )


def notes_list(v: View, notes: dict[str, tuple[int, str]], skip: str | None) -> Markup:
    """The notes of a timeline, each said once, numbered as its events point to them."""
    said: dict[tuple[int, str], str] = {}
    for e, ref in notes.items():
        said.setdefault(ref, v.fb.events[e].date.inferred_from[v.lang])
    items = Markup("").join(
        tag("li", text(words), id=anchor) for (_number, anchor), words in sorted(said.items())
    )
    return tag("ol", items, class_="date-notes", data_search_exclude=skip)


MIN_OVERVIEW_YEARS = 3  # with fewer distinct years the headings below say as much


def overview_svg(v: View, event_ids: list[str]) -> Markup:
    """Events per year as bars with their counts, every year from the first to the last (an empty
    year shows as a gap); left out when the events fall in fewer than three distinct years. An
    event not dated to one year (an open start, "by 2024", or a range over years) is not counted:
    a bar would place it in a year it may not belong to."""
    by_year: dict[int, int] = defaultdict(int)
    for e in event_ids:
        date = v.fb.events[e].date
        if date and date.edtf.earliest is not None and not spans_years(date):
            by_year[year_of(date)] += 1
    if len(by_year) < MIN_OVERVIEW_YEARS:
        return Markup("")
    first, last = min(by_year), max(by_year)
    years = list(range(first, last + 1))
    # 400 wide: on a phone the drawing is shown at about its own size, so its text stays readable.
    width, height, top, base = 400, 120, 18, 95
    step = width / len(years)
    bar = max(min(step * 0.7, 40), 2)
    label_every = max(1, round(len(years) / 10))  # at most about 10 year labels stay legible
    peak = max(by_year.values())
    marks = [tag("line", x1="0", y1=str(base), x2=str(width), y2=str(base), class_="axis")]
    for i, year in enumerate(years):
        n = by_year.get(year, 0)
        cx = step * i + step / 2
        if n:
            h = max((base - top) * n / peak, 2)
            marks.append(
                tag(
                    "rect",
                    x=f"{cx - bar / 2:.1f}",
                    y=f"{base - h:.1f}",
                    width=f"{bar:.1f}",
                    height=f"{h:.1f}",
                    class_="bar",
                )
            )
            marks.append(
                tag("text", text(str(n)), x=f"{cx:.1f}", y=f"{base - h - 4:.1f}", class_="count")
            )
        if i % label_every == 0 or year == last:
            marks.append(tag("text", text(str(year)), x=f"{cx:.1f}", y=str(base + 18)))
    counts = "; ".join(f"{year}: {n} {v.w('n_events')}" for year, n in sorted(by_year.items()))
    return tag(
        "svg",
        Markup("").join(marks),
        class_="timeline-overview",
        data_search_exclude="",  # years and counts, not words; the sections below hold them
        viewBox=f"0 0 {width} {height}",
        role="img",
        aria_label=f"{v.w('overview')}: {counts}",
    )


def timeline(v: View, event_ids: list[str], level: int = 2, indexed: bool = True) -> str:
    """Markdown: the overview, a section per year (an open start in a section of its own, see
    group_of), then the undated events, then what the inferred dates were inferred from, each
    said once however many events it dates (date_notes). An event is indexed
    for search once, on the timeline's own pages: `indexed` is false on the briefing and actor
    pages that show it again."""
    skip = None if indexed else ""
    ordered = in_order(v, event_ids)
    dated = [e for e in ordered if v.fb.events[e].date]
    undated = [e for e in ordered if not v.fb.events[e].date]
    overview = overview_svg(v, dated)
    out = [block(overview)] if overview else []  # block() keeps Markdown off it
    groups: dict[str, list[str]] = defaultdict(list)
    for e in dated:
        groups[group_of(v, v.fb.events[e].date)].append(e)
    notes = date_notes(v, ordered)
    for group, events in groups.items():
        out.append(heading(level, group))
        out.append(
            block(
                tag(
                    "ul",
                    Markup("").join(event_item(v, e, notes.get(e)) for e in events),
                    class_="timeline",
                    data_search_exclude=skip,
                )
            )
        )
    if undated:
        out.append(heading(level, v.w("undated_events")))
        out.append(block(tag("p", text(v.w("undated_note")), class_="undated-note")))
        out.append(
            block(
                tag(
                    "ul",
                    Markup("").join(event_item(v, e) for e in undated),
                    class_="timeline undated",
                    data_search_exclude=skip,
                )
            )
        )
    if notes:
        out.append(heading(level, v.w("date_notes")))
        out.append(block(notes_list(v, notes, skip)))
    return "".join(out)
