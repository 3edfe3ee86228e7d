"""The timeline: events by year, honest about precision, undated events apart, and an overview
drawn as inline SVG (no script, no network)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from markupsafe import Markup

from ..models import DateSpec
from .claims import View, actor_link, citations, date_text
from .html import block, heading, tag, text


def year_of(date: DateSpec) -> int:
    """The year an event is listed under: that of its earliest possible day, or, when it has
    none ("../2024", by 2024), that of its latest possible day."""
    d = date.edtf
    return (d.earliest or d.latest).year


def _sort_key(v: View, event_id: str) -> tuple:
    """The rule in data/README.md: year listed under, earliest possible day (an open start
    first), latest possible day (an open end last), first evidence in document order, id."""
    d = v.fb.events[event_id].date.edtf
    order = v.fb.rendered.get("claim_order")
    if order is None:
        order = v.fb.rendered["claim_order"] = {c: i for i, c in enumerate(v.fb.claims)}
    return (
        year_of(v.fb.events[event_id].date),
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


def event_item(v: View, event_id: str) -> Markup:
    """One event; like a claim card, drawn once per language and page depth."""
    key = ("event_item", v.lang, event_id, v.link.root)
    item = v.fb.rendered.get(key)
    if item is None:
        item = v.fb.rendered[key] = _event_item(v, event_id)
    return item


def _event_item(v: View, event_id: str) -> Markup:
    event = v.fb.events[event_id]
    who = Markup(", ").join(actor_link(v, a) for a in event.actors)
    parts = [tag("strong", text(event.title[v.lang]), class_="event-title")]
    if event.date:
        parts.insert(0, tag("span", date_text(v, event.date), class_="event-date"))
    if event.actors:
        parts.append(tag("span", who, class_="event-actors"))
    parts.append(tag("span", citations(v, event.evidence), class_="event-evidence"))
    return tag("li", Markup(" ").join(parts), class_="event", id=f"event-{event_id}")


def overview_svg(v: View, event_ids: list[str]) -> Markup:
    """A horizontal strip from the first to the last dated year, one mark per event."""
    by_year: dict[int, list[str]] = defaultdict(list)
    for e in event_ids:
        date = v.fb.events[e].date
        if date:
            by_year[year_of(date)].append(e)
    if not by_year:
        return Markup("")
    first, last = min(by_year), max(by_year)
    span = max(last - first, 1)
    width, left, right = 640, 40, 40
    x = lambda year: left + (year - first) * (width - left - right) / span  # noqa: E731
    marks = [tag("line", x1="20", y1="40", x2=str(width - 20), y2="40", class_="axis")]
    for year, events in sorted(by_year.items()):
        titles = "; ".join(v.fb.events[e].title[v.lang] for e in events)
        marks.append(
            Markup("<g>{}{}{}</g>").format(
                tag("title", text(f"{year}: {titles}")),
                tag("circle", cx=f"{x(year):.0f}", cy="40", r=str(6 + 2 * len(events))),
                tag("text", text(str(year)), x=f"{x(year):.0f}", y="75", text_anchor="middle"),
            )
        )
    label = f"{v.w('overview')}: {first}–{last}"
    return tag(
        "svg",
        Markup("").join(marks),
        class_="timeline-overview",
        viewBox=f"0 0 {width} 90",
        role="img",
        aria_label=label,
    )


def timeline(v: View, event_ids: list[str], level: int = 2) -> str:
    """Markdown: the overview, a section per year, then the undated events."""
    ordered = in_order(v, event_ids)
    dated = [e for e in ordered if v.fb.events[e].date]
    undated = [e for e in ordered if not v.fb.events[e].date]
    out = [block(overview_svg(v, dated))] if dated else []  # block() keeps Markdown off it
    by_year: dict[int, list[str]] = defaultdict(list)
    for e in dated:
        by_year[year_of(v.fb.events[e].date)].append(e)
    for year, events in by_year.items():
        out.append(heading(level, str(year)))
        out.append(
            block(tag("ul", Markup("").join(event_item(v, e) for e in events), class_="timeline"))
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
                )
            )
        )
    return "".join(out)
