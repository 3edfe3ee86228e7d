"""Whole page bodies, one function per kind of page. Each returns Markdown starting with its
level-1 heading, which MkDocs uses as the page title."""

from __future__ import annotations

from markupsafe import Markup

from ..factbase import FactBase
from ..models import SCHEMA_VERSION
from ..schema import SCHEMA_FILES
from .claims import (
    View,
    actor_link,
    citations,
    claim_list,
    date_text,
    figure_text,
    kind_badge,
    speaker,
)
from .comparisons import comparison
from .html import block, heading, scroll_region, tag, text
from .labels import KIND_ORDER, LANGS, has_word
from .paging import Window, window
from .timeline import in_order, timeline

SECTIONS = (
    "briefings",
    "timeline",
    "comparisons",
    "actors",
    "sources",
    "figures",
    "questions",
    "glossary",
    "method",
    "data",
)
_SECTION_URL = {s: f"{s}/" for s in SECTIONS}
HOME_TAKEAWAYS = 12  # beyond this the home page links to the briefings instead
ENTRY_CITATIONS = 6  # citations an entry of an index page shows; its own page shows them all


def _lead(v: View, key: str) -> str:
    return block(tag("p", text(v.w(key)), class_="lead"))


def _by_kind(v: View, claim_ids: list[str], level: int, skip: tuple[str, ...] = ()) -> str:
    out = []
    for kind in KIND_ORDER:
        group = [c for c in claim_ids if v.fb.claims[c].kind == kind and kind not in skip]
        if group:
            out.append(heading(level, v.w(f"{kind}_pl")))
            out.append(block(claim_list(v, group)))
    return "".join(out)


def _card(title: Markup, body: Markup | None) -> str:
    """An entry of an index page: its linked title and one paragraph."""
    content = tag("h2", title) + (tag("p", body) if body is not None else Markup(""))
    return block(tag("section", content, class_="topic-card"))


def _link_list(items: list[Markup], class_: str = "links") -> Markup:
    return tag("ul", Markup("").join(tag("li", i) for i in items), class_=class_)


def _index_page(v: View, where: Window, body: str) -> str:
    """A page of an index: the section's title and lead, then its entries between the pagers."""
    section = where.section
    return (
        heading(1, where.title(v, v.w(section)))
        + _lead(v, f"{section}_lead")
        + where.around(v, body)
    )


def _table(
    v: View, columns: tuple[str, ...], rows: list[list[Markup]], label: str, class_: str
) -> str:
    """Markdown: a table in a scroll region, one header cell per column word."""
    head = tag("tr", Markup("").join(tag("th", text(v.w(c)), scope="col") for c in columns))
    body = Markup("").join(tag("tr", Markup("").join(tag("td", c) for c in row)) for row in rows)
    table = tag("table", tag("thead", head) + tag("tbody", body))
    return block(scroll_region(table, label, class_))


def home(v: View) -> str:
    fb = v.fb
    out = [heading(1, v.w("home")), _lead(v, "home_lead"), heading(2, v.w("takeaways"))]
    items = []
    for topic_id in list(fb.topics)[:HOME_TAKEAWAYS]:
        topic = fb.topics[topic_id]
        items.append(
            tag(
                "li",
                Markup("{}: {} {}").format(
                    tag("a", text(topic.name[v.lang]), href=v.link.to(f"briefings/{topic_id}/")),
                    text(topic.summary[v.lang]),
                    citations(v, topic.evidence, ENTRY_CITATIONS, f"briefings/{topic_id}/"),
                ),
            )
        )
    # The summaries are indexed on their topic pages, not again here.
    out.append(block(tag("ul", Markup("").join(items), class_="takeaways", data_search_exclude="")))
    if len(fb.topics) > HOME_TAKEAWAYS:
        more = v.w("all_briefings").format(n=len(fb.topics))
        out.append(block(tag("p", tag("a", text(more), href=v.link.to("briefings/")))))
    out.append(heading(2, v.w("in_numbers")))
    counts = fb.counts()
    out.append(
        block(
            tag(
                "p",
                text(
                    " · ".join(
                        f"{counts[k]} {v.w('n_' + k)}"
                        for k in ("claims", "sources", "events", "actors", "topics", "comparisons")
                    )
                ),
                class_="counts",
            )
        )
    )
    out.append(heading(2, v.w("sections")))
    cards = [
        Markup("{}{}").format(
            tag("a", tag("strong", text(v.w(s))), href=v.link.to(_SECTION_URL[s])),
            tag("p", text(v.w(f"{s}_lead"))) if has_word(v.lang, f"{s}_lead") else "",
        )
        for s in SECTIONS
    ]
    out.append(block(tag("div", _link_list(cards, "section-cards"), class_="grid cards")))
    return "".join(out)


def briefings_index(v: View, page: int = 1) -> str:
    topic_ids, where = window(v, list(v.fb.topics), "briefings", page)
    out = []
    for topic_id in topic_ids:
        topic = v.fb.topics[topic_id]
        link = tag("a", text(topic.name[v.lang]), href=v.link.to(f"briefings/{topic_id}/"))
        cited = citations(v, topic.evidence, ENTRY_CITATIONS, f"briefings/{topic_id}/")
        summary = Markup("{} {}").format(text(topic.summary[v.lang]), cited)
        out.append(_card(link, summary))
    return _index_page(v, where, "".join(out))


def _actors_of(fb: FactBase, claim_ids: list[str]) -> list[str]:
    counts: dict[str, int] = {}
    for c in claim_ids:
        for a in fb.claims[c].about:
            counts[a] = counts.get(a, 0) + 1
    return sorted(counts, key=lambda a: (-counts[a], a))


def topic_page(v: View, topic_id: str) -> str:
    fb = v.fb
    topic = fb.topics[topic_id]
    claim_ids = fb.claims_by_topic.get(topic_id, [])
    out = [heading(1, topic.name[v.lang]), heading(2, v.w("summary"))]
    out.append(
        block(
            tag(
                "p",
                Markup("{} {}").format(text(topic.summary[v.lang]), citations(v, topic.evidence)),
                class_="lead",
            )
        )
    )
    out.append(heading(2, v.w("key_claims")))
    out.append(_by_kind(v, claim_ids, 3, skip=("question",)))
    events = fb.events_by_topic.get(topic_id, [])
    if events:
        out.append(heading(2, v.w("timeline")))
        out.append(timeline(v, events, level=3))
    out.append(heading(2, v.w("actors_involved")))
    out.append(block(_link_list([actor_link(v, a) for a in _actors_of(fb, claim_ids)], "actors")))
    questions = [c for c in claim_ids if fb.claims[c].kind == "question"]
    if questions:
        out.append(heading(2, v.w("questions")))
        out.append(block(claim_list(v, questions)))
    out.append(heading(2, v.w("sources")))
    used = list(dict.fromkeys(fb.claim_source[c] for c in claim_ids))
    out.append(block(_link_list([_source_link(v, s) for s in used])))
    return "".join(out)


def timeline_page(v: View, page: int = 1) -> str:
    event_ids, where = window(v, in_order(v, list(v.fb.events)), "timeline", page)
    return _index_page(v, where, timeline(v, event_ids))


def comparisons_index(v: View, page: int = 1) -> str:
    comparison_ids, where = window(v, list(v.fb.comparisons), "comparisons", page)
    out = []
    for cid in comparison_ids:
        c = v.fb.comparisons[cid]
        link = tag("a", text(c.title[v.lang]), href=v.link.to(f"comparisons/{cid}/"))
        out.append(_card(link, text(c.intro[v.lang]) if c.intro else None))
    return _index_page(v, where, "".join(out))


def comparison_page(v: View, comparison_id: str) -> str:
    c = v.fb.comparisons[comparison_id]
    return heading(1, c.title[v.lang]) + comparison(v, c)


def actors_index(v: View, page: int = 1) -> str:
    fb = v.fb
    by_name = sorted(fb.actors, key=lambda a: (fb.actors[a].name[v.lang].lower(), a))
    actor_ids, where = window(v, by_name, "actors", page)
    rows = [
        [
            actor_link(v, a),
            text(fb.actors[a].description[v.lang]),
            text(str(len(fb.claims_by_actor.get(a, [])))),
        ]
        for a in actor_ids
    ]
    columns = ("actors", "summary", "n_claims")
    return _index_page(v, where, _table(v, columns, rows, v.w("actors"), "table-wrap"))


def actor_page(v: View, actor_id: str) -> str:
    fb = v.fb
    actor = fb.actors[actor_id]
    out = [heading(1, actor.name[v.lang])]
    out.append(block(tag("p", text(actor.description[v.lang]), class_="lead")))
    if actor.aliases:
        out.append(
            block(tag("p", text(f"{v.w('aliases')}: {', '.join(actor.aliases)}"), class_="aliases"))
        )
    out.append(heading(2, v.w("claims_about")))
    out.append(block(claim_list(v, fb.claims_by_actor.get(actor_id, []))))
    said = fb.claims_said_by.get(actor_id, [])
    if said:
        out.append(heading(2, v.w("claims_by")))
        out.append(block(claim_list(v, said)))
    events = fb.events_by_actor.get(actor_id, [])
    if events:
        out.append(heading(2, v.w("timeline")))
        out.append(timeline(v, events, level=3))
    return "".join(out)


def _source_link(v: View, source_id: str) -> Markup:
    return tag(
        "a", text(v.fb.sources[source_id].title[v.lang]), href=v.link.to(f"sources/{source_id}/")
    )


def sources_index(v: View, page: int = 1) -> str:
    fb = v.fb
    source_ids, where = window(v, list(fb.sources), "sources", page)
    out = []
    for sid in source_ids:
        s = fb.sources[sid]
        author = actor_link(v, s.author) if s.author else text(v.w("unknown"))
        published = date_text(v, s.published) if s.published else text(v.w("unknown"))
        facts = [
            text(_source_kind(v, s.kind)),
            Markup("{}: {}").format(v.w("author"), author),
            Markup("{}: {}").format(v.w("published"), published),
            text(f"{len(fb.claims_by_source[sid])} {v.w('n_claims')}"),
        ]
        out.append(_card(_source_link(v, sid), Markup(" · ").join(facts)))
    return _index_page(v, where, "".join(out))


def _source_kind(v: View, kind: str) -> str:
    return v.w(
        {
            "news": "news",
            "opinion": "opinion",
            "newsletter": "newsletter_kind",
            "analysis": "analysis",
        }[kind]
    )


def source_page(v: View, source_id: str) -> str:
    fb = v.fb
    s = fb.sources[source_id]
    unknown = text(v.w("unknown"))
    title_note = v.w("editorial_title" if s.title_kind == "editorial" else "original_title")
    title = Markup("{} ({})").format(s.title[v.lang], title_note)
    # The original title can be shown only in a language the data writes titles in (en, nl).
    if s.title_kind == "original" and v.lang != s.language and s.language in LANGS:
        title = Markup("{}: {}").format(
            title, tag("span", text(s.title[s.language]), lang=s.language)
        )
    rows = [
        ("title", title),
        ("kind", text(_source_kind(v, s.kind))),
        ("author", actor_link(v, s.author) if s.author else unknown),
        ("translators", Markup(", ").join(actor_link(v, a) for a in s.translators) or None),
        ("publisher", actor_link(v, s.publisher) if s.publisher else unknown),
        ("newsletter", actor_link(v, s.newsletter) if s.newsletter else None),
        ("published", date_text(v, s.published) if s.published else unknown),
        ("url", tag("a", text(s.url), href=s.url, rel="nofollow") if s.url else unknown),
        ("archived_from", tag("code", text(s.archived_from))),
    ]
    for name in ("permission", "disclaimer"):
        line = getattr(s, name)
        if line:
            rows.append(
                (
                    name,
                    Markup("{} {}").format(
                        text(line.text[v.lang]), tag("q", text(line.quote), lang=s.language)
                    ),
                )
            )
    dl = Markup("").join(
        tag("dt", text(v.w(k))) + tag("dd", value) for k, value in rows if value is not None
    )
    out = [
        heading(1, s.title[v.lang]),
        heading(2, v.w("metadata")),
        block(tag("dl", dl, class_="source-meta")),
        heading(2, v.w("claims_in_order")),
    ]
    out.append(block(claim_list(v, fb.claims_by_source[source_id], anchor=True)))
    return "".join(out)


def _with_figures(fb: FactBase) -> list[str]:
    return [cid for cid, claim in fb.claims.items() if claim.figure]


def _questions(fb: FactBase) -> list[str]:
    return [cid for cid, claim in fb.claims.items() if claim.kind == "question"]


def figures_page(v: View, page: int = 1) -> str:
    fb = v.fb
    claim_ids, where = window(v, _with_figures(fb), "figures", page)
    rows = []
    for cid in claim_ids:
        claim = fb.claims[cid]
        rows.append(
            [
                tag("strong", figure_text(v, claim.figure)),
                Markup("{} {}").format(text(claim.text[v.lang]), citations(v, [cid])),
                Markup("{} · {}").format(kind_badge(v, claim.kind), speaker(v, cid)),
            ]
        )
    table = _table(v, ("figure", "claim", "said_by"), rows, v.w("figures"), "table-wrap figures")
    return _index_page(v, where, table)


def questions_page(v: View, page: int = 1) -> str:
    claim_ids, where = window(v, _questions(v.fb), "questions", page)
    return _index_page(v, where, block(claim_list(v, claim_ids)))


def glossary_page(v: View, page: int = 1) -> str:
    terms = v.fb.terms
    by_term = sorted(terms, key=lambda t: (terms[t].term[v.lang].lower(), t))
    term_ids, where = window(v, by_term, "glossary", page)
    items = []
    for tid in term_ids:
        term = terms[tid]
        name = text(term.term[v.lang])
        if term.expansion:
            name = Markup("{} ({})").format(name, term.expansion[v.lang])
        body = text(term.definition[v.lang])
        if term.evidence:
            cited = citations(v, term.evidence, ENTRY_CITATIONS)
            body = Markup("{} {}: {}").format(body, v.w("used_in"), cited)
        items.append(tag("dt", name, id=tid) + tag("dd", body))
    return _index_page(v, where, block(tag("dl", Markup("").join(items), class_="glossary")))


def data_page(v: View) -> str:
    files = [("facts.json", v.w("downloads_facts")), ("claims.csv", v.w("downloads_claims"))]
    items = [
        Markup("{} {}").format(
            tag("a", tag("code", text(name)), href=v.link.to(f"data/{name}")), text(f"– {what}")
        )
        for name, what in files
    ]
    schemas = Markup(", ").join(
        tag("a", tag("code", text(name)), href=v.link.to(f"data/{name}"))
        for name in SCHEMA_FILES.values()
    )
    items.append(Markup("{} {}").format(text(f"{v.w('downloads_schema')}:"), schemas))
    return (
        heading(1, v.w("data"))
        + block(tag("p", text(v.w("downloads_lead")), class_="lead"))
        + block(_link_list(items, "downloads"))
        + block(tag("p", text(f"{v.w('schema_version')}: {SCHEMA_VERSION}")))
    )


# Index pages listing every record of a kind, split by paging.window:
# section -> (renderer, how many entries the section lists)
INDEXES = {
    "briefings": (briefings_index, lambda fb: len(fb.topics)),
    "timeline": (timeline_page, lambda fb: len(fb.events)),
    "comparisons": (comparisons_index, lambda fb: len(fb.comparisons)),
    "actors": (actors_index, lambda fb: len(fb.actors)),
    "sources": (sources_index, lambda fb: len(fb.sources)),
    "figures": (figures_page, lambda fb: len(_with_figures(fb))),
    "questions": (questions_page, lambda fb: len(_questions(fb))),
    "glossary": (glossary_page, lambda fb: len(fb.terms)),
}
