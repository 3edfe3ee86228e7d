"""Whole page bodies, one function per kind of page. Each returns Markdown starting with its
level-1 heading, which MkDocs uses as the page title."""

from __future__ import annotations

import unicodedata
from datetime import date
from urllib.parse import urlencode

from babel.dates import format_date
from markupsafe import Markup, escape

from macros.facts.addresses import unicode_form
from macros.facts.factbase import FactBase
from macros.facts.models import SCHEMA_VERSION
from macros.facts.schema import SCHEMA_FILES
from macros.render.as_of import as_of_line, sources_of, speaker_as_of
from macros.render.cite import cite_page, cite_source
from macros.render.claims import (
    View,
    actor_link,
    citations,
    claim_list,
    date_text,
    figure_text,
    kind_badge,
    relation_line,
    speaker_reported,
)
from macros.render.comparisons import comparison
from macros.render.glossary import glossary_order, glossed_summary
from macros.render.html import Linker, block, heading, scroll_region, tag, text
from macros.render.labels import KIND_ORDER, LANGS, language_name, locale_of, script_name
from macros.render.paging import Window, lists_pages, slice_of, window
from macros.render.timeline import in_order, timeline
from macros.routes.site_map import FEED_DIR, INDEX_SECTIONS, page_url

SECTIONS = (*INDEX_SECTIONS, "method", "data")  # the paged indexes, then the two plain pages
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
    # data-label: on phones each row stacks as a card, its cells named (assets/briefing.css).
    labels = [v.w(c) for c in columns]
    body = Markup("").join(
        tag(
            "tr",
            Markup("").join(tag("td", c, data_label=n) for c, n in zip(row, labels, strict=True)),
        )
        for row in rows
    )
    table = tag("table", tag("thead", head) + tag("tbody", body))
    # Out of the search index: a table's cells run together into one unreadable entry, and
    # every row's record has its own page, which is indexed.
    return block(tag("div", scroll_region(table, label, class_), data_search_exclude=""))


FRAMINGS = "framings"  # data/comparisons/framings.yml: the home page shows its first row
HOME_FIGURES = 2  # key figures on the home page; the figures page lists them all
HOME_CITATIONS = 3  # citations a home-page takeaway shows; its briefing has them all


def across_sources(fb: FactBase, claim_ids: list[str], limit: int) -> list[str]:
    """Evidence reordered so that its first `limit` claims cite every source that backs it
    (one claim each, the first listed, as far as `limit` allows), then the rest as listed: a
    shortened list of citations no longer hides a newer source behind "and 8 more"."""
    first: dict[str, str] = {}
    for c in dict.fromkeys(claim_ids):
        first.setdefault(fb.claim_source[c], c)
    shown = list(first.values())[:limit]
    for c in dict.fromkeys(claim_ids):
        if len(shown) >= limit:
            break
        if c not in shown:
            shown.append(c)
    shown = fb.ordered(shown)
    return shown + [c for c in dict.fromkeys(claim_ids) if c not in shown]


def home(v: View) -> str:
    """Read in a minute: the bottom line (each source's view, attributed and cited), one key
    takeaway per briefing, a few key figures across sources with speaker and caveat, and the
    way to everything else. No topic summary is repeated here: each is on its briefing."""
    out = [heading(1, v.w("home")), block(as_of_line(v, list(v.fb.sources)))]
    out.append(_bottom_line(v))
    out.append(heading(2, v.w("takeaways")))
    out.append(_takeaways(v))
    out.append(_key_figures(v))
    more = [
        tag("a", text(v.w(s)), href=v.link.to(_SECTION_URL[s]))
        for s in ("briefings", "timeline", "comparisons", "actors", "sources", "method")
    ]
    out.append(
        block(
            tag(
                "nav",
                tag("span", text(v.w("everything_else") + ":"), class_="start-label")
                + _link_list(more, "start-links"),
                class_="start-here",
                aria_label=v.w("everything_else"),
            )
        )
    )
    return "".join(out)


def _bottom_line(v: View) -> str:
    """Each column of the framings table that has a summary: its label (whose view it is) and
    the summary, cited. Nothing when no column has one."""
    c = v.fb.comparisons.get(FRAMINGS)
    columns = [col for col in (c.columns if c is not None else []) if col.summary]
    if not columns:
        return ""
    views = [
        tag(
            "p",
            Markup("<strong>{}:</strong> {} {}").format(
                text(col.label[v.lang]),
                text(col.summary.text[v.lang]),
                citations(v, col.summary.evidence),
            ),
        )
        for col in columns
    ]
    more = tag("a", text(v.w("compare_framings")), href=v.link.to(f"comparisons/{FRAMINGS}/"))
    return (
        heading(2, v.w("bottom_line"), anchor="bottom-line")
        # Said once here, on the comparison and on the briefings: out of the search index.
        + block(tag("div", Markup("").join(views), class_="bottom-line", data_search_exclude=""))
        + block(tag("p", Markup("{} →").format(more), class_="bottom-line-more"))
    )


def _key_figures(v: View) -> str:
    """A few statistics as cards, taken from each source in turn (so that one source does not
    fill them all when others give figures too): the figure, who says it, its citation and the
    claim's caveat."""
    fb = v.fb
    picked = fb.derived(("key_figures",), _key_figure_ids)
    if not picked:
        return ""
    cards = [
        tag(
            "strong",
            figure_text(v, fb.claims[c].figure) if fb.claims[c].figure else "—",
            class_="figure-value",
        )
        + _figure_speaker(v, c)
        for c in picked
    ]
    more = tag("a", text(v.w("all_figures")), href=v.link.to("figures/"))
    return (
        heading(2, v.w("key_figures_home"))
        + block(tag("div", _link_list(cards, "figure-cards"), class_="grid cards key-figures"))
        + block(tag("p", more))
    )


def _key_figure_ids(fb: FactBase) -> list[str]:
    """The statistics the home page shows, in reading order: the first of each source in turn."""
    stats = [c for c in _with_figures(fb) if fb.claims[c].kind == "statistic"]
    per_source: dict[str, list[str]] = {}
    for c in stats:
        per_source.setdefault(fb.claim_source[c], []).append(c)
    picked: list[str] = []
    while len(picked) < min(HOME_FIGURES, len(stats)):
        for claims in per_source.values():
            if claims and len(picked) < HOME_FIGURES:
                picked.append(claims.pop(0))
    return fb.ordered(picked)


def _figure_speaker(v: View, claim_id: str) -> Markup:
    """Under a key figure: who says it (and in whose article, for reported speech), its
    citation and the claim's caveat, so that a card read alone neither drops the speaker nor the
    qualification."""
    fb = v.fb
    who = Markup("{}: {} {}").format(
        v.w("said_by"),
        speaker_as_of(v, claim_id, speaker_reported(v, claim_id)),
        citations(v, [claim_id]),
    )
    out = tag("span", who, class_="figure-speaker")
    note = fb.claims[claim_id].note
    if note:
        out += tag(
            "span",
            Markup("<strong>{}:</strong> {}").format(v.w("caveat"), note[v.lang]),
            class_="figure-caveat",
        )
    return out


def _takeaways(v: View) -> str:
    """One line per briefing: its name, linked, and its takeaway, cited; a briefing without a
    takeaway shows its first claim's text. Citations across sources first, a few only: the
    briefing has them all."""
    fb = v.fb
    items = []
    for topic_id in list(fb.topics)[:HOME_TAKEAWAYS]:
        topic = fb.topics[topic_id]
        if topic.takeaway:
            said, evidence = topic.takeaway.text[v.lang], topic.takeaway.evidence
        else:
            evidence = across_sources(fb, topic.evidence, HOME_CITATIONS)
            said = fb.claims[evidence[0]].text[v.lang]
        items.append(
            Markup("{}: {} {}").format(
                tag("a", text(topic.name[v.lang]), href=v.link.to(f"briefings/{topic_id}/")),
                text(said),
                citations(
                    v,
                    across_sources(fb, evidence, HOME_CITATIONS),
                    HOME_CITATIONS,
                    f"briefings/{topic_id}/",
                ),
            )
        )
    # Claims are indexed on their source pages, briefings on their own: not again here.
    out = block(tag("div", _link_list(items, "takeaways"), data_search_exclude=""))
    if len(fb.topics) > HOME_TAKEAWAYS:
        more = v.w("all_briefings").format(n=len(fb.topics))
        out += block(tag("p", tag("a", text(more), href=v.link.to("briefings/"))))
    return out


def briefings_index(v: View, page: int = 1) -> str:
    topic_ids, where = window(v, list(v.fb.topics), "briefings", page)
    out = []
    for topic_id in topic_ids:
        topic = v.fb.topics[topic_id]
        link = tag("a", text(topic.name[v.lang]), href=v.link.to(f"briefings/{topic_id}/"))
        evidence = across_sources(v.fb, topic.evidence, ENTRY_CITATIONS)
        cited = citations(v, evidence, ENTRY_CITATIONS, f"briefings/{topic_id}/")
        summary = Markup("{} {}").format(glossed_summary(v, topic_id), cited)
        out.append(_card(link, summary))
    url = f"{v.site_url}briefings/" if v.site_url else ""
    end = _subscribe(v, "all", "subscribe_all") + block(
        cite_page(v, "briefings", v.w("briefings"), v.fb.newest_added(), url)
    )
    return _index_page(v, where, "".join(out)) + end


def _actors_of(fb: FactBase, claim_ids: list[str]) -> list[str]:
    counts: dict[str, int] = {}
    for c in claim_ids:
        for a in fb.claims[c].about:
            counts[a] = counts.get(a, 0) + 1
    return sorted(counts, key=lambda a: (-counts[a], a))


def newest_first(fb: FactBase, claim_ids: list[str]) -> list[str]:
    """The claims of a record's page, newest first: by the day their source entered the fact
    base (the latest first), then in reading order (FactBase.ordered). Page 1 of a record that
    gathers claims shows what the feed brought last."""
    return sorted(
        fb.ordered(claim_ids), key=lambda c: fb.sources[fb.claim_source[c]].added, reverse=True
    )


def _record_lists(v: View, key: tuple, draw) -> dict[str, list[str]]:
    """The lists a record's pages show side by side, worked out once for all its pages and both
    languages (they are the same in each). A value of the fact base (FactBase.derived): while
    serving, each page depends on the ids it lists, and on the records of those on its own page,
    not on every record read to sort them."""
    lang = v.lang
    return v.fb.derived(("record_lists", *key), lambda fb: draw(_lists_view(fb, lang)))


def _lists_view(fb: FactBase, lang: str) -> View:
    """A view for working out lists: one cache per fact base for them all (the claims' reading
    order is worked out once, not once per record)."""
    return View(fb, lang, Linker(""), cache=fb.memo.setdefault("lists_cache", {}))


def topic_lists(v: View, topic_id: str) -> dict[str, list[str]]:
    """What a briefing's pages list, each list paged on its own: its claims (questions apart)
    and the sources behind them, newest first; its events (the latest on page 1); the
    disagreements among its claims; the actors they are about, the most named first."""

    def draw(v: View) -> dict[str, list[str]]:
        fb = v.fb
        claim_ids = newest_first(fb, fb.claims_by_topic.get(topic_id, []))
        return {
            "key_claims": [c for c in claim_ids if fb.claims[c].kind != "question"],
            "timeline": in_order(v, fb.events_by_topic.get(topic_id, [])),
            "disagree": _disagreeing(v, claim_ids),
            "actors_involved": _actors_of(fb, claim_ids),
            "questions": [c for c in claim_ids if fb.claims[c].kind == "question"],
            "sources": list(dict.fromkeys(fb.claim_source[c] for c in claim_ids)),
        }

    return _record_lists(v, ("briefings", topic_id), draw)


def actor_lists(v: View, actor_id: str) -> dict[str, list[str]]:
    """What an actor's pages list, each list paged on its own: the claims about it and those it
    makes, newest first, and its events (the latest on page 1)."""

    def draw(v: View) -> dict[str, list[str]]:
        fb = v.fb
        return {
            "claims_about": newest_first(fb, fb.claims_by_actor.get(actor_id, [])),
            "claims_by": newest_first(fb, fb.claims_said_by.get(actor_id, [])),
            "timeline": in_order(v, fb.events_by_actor.get(actor_id, [])),
        }

    return _record_lists(v, ("actors", actor_id), draw)


# The records whose pages are paged (macros/facts/kinds.py: `paged`), by page folder: the lists
# their pages show, which say how many pages each has.
PAGED_RECORDS = {"briefings": topic_lists, "actors": actor_lists}

# Lists shown from their end, so that page 1 holds their latest entries in time order.
_NEWEST_LAST = ("timeline",)


def record_pages(v: View, lists: dict[str, list[str]]) -> int:
    return lists_pages((len(items) for items in lists.values()), v.page_size)


def _record_window(
    v: View, folder: str, record_id: str, name: str, lists: dict[str, list[str]], page: int
) -> tuple[dict[str, list[str]], Window]:
    """Each list's entries on page `page` of a record, and the page's place among the record's
    pages (one page: every list whole, as before there were pages)."""
    pages = record_pages(v, lists)
    if not 1 <= page <= pages:
        raise ValueError(f"{folder}/{record_id}: there is no page {page} (it has {pages})")
    shown = {
        key: slice_of(items, v.page_size, page, key in _NEWEST_LAST) if pages > 1 else items
        for key, items in lists.items()
    }
    return shown, Window(folder, page, pages, address=f"{folder}/{record_id}", label=name)


def _pager_top(v: View, where: Window) -> str:
    """On a record of several pages: the list of its pages, and how they are ordered."""
    if where.pages == 1:
        return ""
    lead = tag("p", text(v.w("record_pages_lead").format(n=v.page_size)), class_="pager-lead",
               data_search_exclude="")  # fmt: skip
    return block(where.nav(v)) + block(lead)


def _pager_bottom(v: View, where: Window) -> str:
    return block(where.footer(v)) if where.pages > 1 else ""


def topic_page(v: View, topic_id: str, page: int = 1) -> str:
    """A briefing: its summary first, then its claims by kind, its events, where its sources
    disagree, the actors involved, its open questions and its sources. Each list holds at most
    `page_size` entries a page, newest first, and continues at briefings/<id>/page/<n>/."""
    fb = v.fb
    topic = fb.topics[topic_id]
    lists = topic_lists(v, topic_id)
    shown, where = _record_window(v, "briefings", topic_id, topic.name[v.lang], lists, page)
    first = page == 1
    out = [heading(1, where.title(v, topic.name[v.lang]))]
    if first:
        claim_ids = lists["key_claims"] + lists["questions"]
        out.append(block(as_of_line(v, sources_of(fb, claim_ids))))
    out.append(_pager_top(v, where))
    if first:
        out.append(heading(2, v.w("summary")))
        out.append(
            block(
                tag(
                    "p",
                    Markup("{} {}").format(
                        glossed_summary(v, topic_id), citations(v, topic.evidence)
                    ),
                    class_="lead",
                )
            )
        )
    if first or shown["key_claims"]:
        out.append(heading(2, v.w("key_claims")))
        out.append(_by_kind(v, shown["key_claims"], 3))
    if shown["timeline"]:
        out.append(heading(2, v.w("timeline")))
        out.append(timeline(v, shown["timeline"], level=3, indexed=False))
    out.append(_disagreements(v, shown["disagree"]))
    if first or shown["actors_involved"]:
        out.append(heading(2, v.w("actors_involved")))
        actors = [actor_link(v, a) for a in shown["actors_involved"]]
        out.append(block(_link_list(actors, "actors")))
    if shown["questions"]:
        out.append(heading(2, v.w("questions")))
        out.append(block(claim_list(v, shown["questions"])))
    if first or shown["sources"]:
        out.append(heading(2, v.w("sources")))
        out.append(block(_link_list([_source_link(v, s) for s in shown["sources"]])))
    out.append(_pager_bottom(v, where))
    out.append(_subscribe(v, f"topic-{topic_id}", "subscribe_topic"))
    url = f"{v.site_url}briefings/{topic_id}/" if v.site_url else ""
    out.append(
        block(cite_page(v, f"briefing-{topic_id}", topic.name[v.lang], fb.newest_added(), url))
    )
    return "".join(out)


def _subscribe(v: View, feed: str, key: str) -> str:
    """A link to the Atom feed of this page's briefing (written by outputs/open_data.py)."""
    href = v.link.to(f"{FEED_DIR}/{feed}.xml")
    link = tag("a", text(v.w(key)), href=href, type="application/atom+xml", class_="subscribe")
    return block(tag("p", link, class_="subscribe", data_search_exclude=""))


_DISAGREE = ("contradicts", "qualifies")


def _disagreeing(v: View, claim_ids: list[str]) -> list:
    """The contradicts and qualifies relations that touch a claim of this briefing, in the
    order of its claims."""
    mine = set(claim_ids)
    return list(
        dict.fromkeys(
            r
            for c in claim_ids
            for r in v.fb.relations_of.get(c, ())
            if r.kind in _DISAGREE and (r.start in mine or r.end in mine)
        )
    )


def _disagreements(v: View, found: list) -> str:
    """The relations given (_disagreeing), each from its first claim."""
    if not found:
        return ""
    items = []
    for r in found:
        start = v.fb.claims[r.start]
        items.append(
            tag(
                "li",
                Markup("{} {} {}").format(
                    text(start.text[v.lang]),
                    citations(v, [r.start]),
                    relation_line(v, r.start, r),
                ),
                class_=f"relation relation-{r.kind}",
            )
        )
    return (
        heading(2, v.w("disagree"))
        + _lead(v, "disagree_lead")
        # Claims are indexed once, on their source pages (see claim_list).
        + block(tag("ul", Markup("").join(items), class_="disagreements", data_search_exclude=""))
    )


def timeline_page(v: View, page: int = 1) -> str:
    event_ids, where = window(v, in_order(v, list(v.fb.events)), "timeline", page)
    evidence = [c for e in event_ids for c in v.fb.events[e].evidence]
    return _index_page(
        v, where, block(as_of_line(v, sources_of(v.fb, evidence))) + timeline(v, event_ids)
    )


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

    # The most-cited first (claims about the actor and by it), then by name: the actors a
    # reader looks for are on the first page, however many the fact base holds.
    def cited(a: str) -> int:
        return len(fb.claims_by_actor.get(a, [])) + len(fb.claims_said_by.get(a, []))

    key = ("actors_ranked", v.lang)
    ranked = v.cache.get(key)
    if ranked is None:  # once per language, not once per page of the index
        ranked = v.cache[key] = sorted(
            fb.actors, key=lambda a: (-cited(a), fb.actors[a].name[v.lang].lower(), a)
        )
    actor_ids, where = window(v, ranked, "actors", page)
    rows = [
        [
            actor_link(v, a),
            text(fb.actors[a].description[v.lang]),
            text(str(len(fb.claims_by_actor.get(a, [])))),
            text(str(len(fb.claims_said_by.get(a, [])))),
        ]
        for a in actor_ids
    ]
    columns = ("actors", "summary", "col_claims_about", "col_claims_by")
    return _index_page(v, where, _table(v, columns, rows, v.w("actors"), "table-wrap"))


def actor_page(v: View, actor_id: str, page: int = 1) -> str:
    """An actor: who it is, then the claims about it, the claims it makes and its events. Each
    list holds at most `page_size` entries a page, newest first, and continues at
    actors/<id>/page/<n>/."""
    fb = v.fb
    actor = fb.actors[actor_id]
    lists = actor_lists(v, actor_id)
    name = actor.name[v.lang]
    shown, where = _record_window(v, "actors", actor_id, name, lists, page)
    first = page == 1
    out = [heading(1, where.title(v, name))]
    if first:
        mine = lists["claims_about"] + lists["claims_by"]
        out.append(block(as_of_line(v, sources_of(fb, mine))))
        out.append(block(tag("p", text(actor.description[v.lang]), class_="lead")))
        if actor.aliases:
            aliases = text(f"{v.w('aliases')}: {', '.join(actor.aliases)}")
            out.append(block(tag("p", aliases, class_="aliases")))
    out.append(_pager_top(v, where))
    if first or shown["claims_about"]:
        out.append(heading(2, v.w("claims_about")))
        out.append(block(claim_list(v, shown["claims_about"])))
    if shown["claims_by"]:
        out.append(heading(2, v.w("claims_by")))
        out.append(block(claim_list(v, shown["claims_by"])))
    if shown["timeline"]:
        out.append(heading(2, v.w("timeline")))
        out.append(timeline(v, shown["timeline"], level=3, indexed=False))
    out.append(_pager_bottom(v, where))
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


JUMP_LIST_PARAGRAPHS = 8  # a source whose claims span more paragraphs gets a jump list
OPENING_WORDS = 8  # words of a paragraph that head its claims


def _source_title(v: View, s) -> Markup:
    """Says which title is the article's own: a translated title never reads as the original."""
    if s.title_kind == "editorial":
        return Markup("{} ({})").format(s.title[v.lang], v.w("editorial_title"))
    # A source with translators is itself a translation: its title is not the original one.
    if v.lang == s.language:
        key = "translation_title" if s.translators else "original_title"
        label = v.w(key).format(language=language_name(v.lang, s.language))
        return Markup("{} ({})").format(s.title[v.lang], label)
    original = s.title[s.language] if s.language in LANGS else s.original_title
    key = "title_translated_from_translation" if s.translators else "title_translated"
    return Markup(v.w(key)).format(
        title=s.title[v.lang],
        language=language_name(v.lang, s.language),
        original=tag("span", text(original), lang=s.language),
    )


def _archive(v: View, source_id: str) -> Markup:
    """How much of the archived text the claims cover, linked to the file in the repository."""
    fb = v.fb
    n = len(fb.texts[source_id].paragraphs)
    quoted = len({fb.claim_place[c].paragraph for c in fb.claims_by_source[source_id]})
    boiler = len(fb.boilerplate.get(source_id, {}))
    extent = text(
        v.w("archive_extent").format(
            n=n, quoted=quoted, boiler=boiler, left=len(fb.uncovered(source_id))
        )
    )
    path = f"data/sources/{source_id}.txt"
    if not v.repo_url:
        return Markup("{}: {}").format(tag("code", text(path)), extent)
    href = f"{v.repo_url.rstrip('/')}/blob/main/{path}"
    return Markup("{}: {}").format(tag("a", tag("code", text(path)), href=href), extent)


def _address(v: View, url: str) -> Markup:
    """The link, its text the ASCII form (`xn--…`); a host not in ASCII also as written, with
    its script named, so that a look-alike is seen for what it is (macros/facts/addresses.py)."""
    link = tag("a", text(url), href=url, rel="nofollow")
    written = unicode_form(url)
    if written is None:
        return link
    address, scripts = written
    names = " + ".join(script_name(v.lang, code) for code in sorted(scripts))
    note = v.w("url_written_as").format(address=address, script=names)
    return Markup("{} ({})").format(link, text(note))


def source_page(v: View, source_id: str) -> str:
    """Who wrote it, who published it, when and on what basis, the permission line and how much
    is archived; then the claims, grouped by paragraph under its opening words."""
    fb = v.fb
    s = fb.sources[source_id]
    unknown = text(v.w("unknown"))
    rows = [
        ("author", actor_link(v, s.author) if s.author else unknown),
        ("publisher", actor_link(v, s.publisher) if s.publisher else unknown),
        ("published", date_text(v, s.published) if s.published else unknown),
        ("note", text(s.note[v.lang]) if s.note else None),
    ]
    # A permission only requested shows nothing: such a site is a preview, never published.
    for name, line in (("permission", s.permission_line), ("disclaimer", s.disclaimer)):
        if line:
            rows.append(
                (
                    name,
                    Markup("{} {}").format(
                        text(line.text[v.lang]), tag("q", text(line.quote), lang=s.language)
                    ),
                )
            )
    rows += [
        (
            "archive",
            Markup("{}. {}").format(text(v.w(f"archive_{s.archive}")), _archive(v, source_id)),
        ),
        ("title", _source_title(v, s)),
        ("kind", text(_source_kind(v, s.kind))),
        ("translators", Markup(", ").join(actor_link(v, a) for a in s.translators) or None),
        ("newsletter", actor_link(v, s.newsletter) if s.newsletter else None),
        # An article known only from the archive has no address to show: no row, not "unknown".
        ("url", _address(v, str(s.url)) if s.url else None),
    ]
    dl = Markup("").join(
        tag("dt", text(v.w(k))) + tag("dd", value) for k, value in rows if value is not None
    )
    # The page's own date first: a reference manager that takes the first <time> of a page as
    # its date finds this page's, not a bound of the article's inferred date.
    added = tag("p", Markup(escape(v.w("page_added"))).format(date=_day(v, s.added)),
                class_="page-date", data_search_exclude="")  # fmt: skip
    out = [
        heading(1, s.title[v.lang]),
        block(added),
        heading(2, v.w("metadata")),
        block(tag("dl", dl, class_="source-meta")),
        block(cite_source(v, source_id)),
        heading(2, v.w("claims_in_order")),
    ]
    by_paragraph: dict[int, list[str]] = {}
    for c in fb.claims_by_source[source_id]:
        by_paragraph.setdefault(fb.claim_place[c].paragraph, []).append(c)
    if len(by_paragraph) > JUMP_LIST_PARAGRAPHS:
        jumps = [tag("a", text(f"¶{p}"), href=f"#paragraph-{p}") for p in by_paragraph]
        out.append(
            block(
                tag(
                    "nav",
                    _link_list(jumps, "paragraph-jumps"),
                    class_="paragraph-jumps",
                    aria_label=v.w("jump_to_paragraph"),
                    data_search_exclude="",
                )
            )
        )
    paragraphs = fb.texts[source_id].paragraphs
    for p, claim_ids in by_paragraph.items():
        words = paragraphs[p - 1].split()
        opening = " ".join(words[:OPENING_WORDS]) + ("…" if len(words) > OPENING_WORDS else "")
        out.append(heading(3, f"¶{p} · {opening}", anchor=f"paragraph-{p}"))
        out.append(block(claim_list(v, claim_ids, anchor=True)))
    return "".join(out)


def _day(v: View, iso: str) -> Markup:
    return tag("time", text(format_date(date.fromisoformat(iso), "long", locale=locale_of(v.lang))),
               datetime=iso)  # fmt: skip


def _with_figures(fb: FactBase) -> list[str]:
    """Every claim that gives a number, and every statistic, even one the data gives no figure."""
    return fb.derived(
        ("with_figures",),
        lambda fb: [cid for cid, c in fb.claims.items() if c.figure or c.kind == "statistic"],
    )


def _questions(fb: FactBase) -> list[str]:
    return fb.derived(
        ("questions",),
        lambda fb: [cid for cid, claim in fb.claims.items() if claim.kind == "question"],
    )


def figures_page(v: View, page: int = 1) -> str:
    fb = v.fb
    claim_ids, where = window(v, _with_figures(fb), "figures", page)
    rows = []
    for cid in claim_ids:
        claim = fb.claims[cid]
        rows.append(
            [
                tag("strong", figure_text(v, claim.figure) if claim.figure else "—"),
                Markup("{} {}").format(text(claim.text[v.lang]), citations(v, [cid])),
                Markup("{} · {}").format(
                    kind_badge(v, claim.kind), speaker_as_of(v, cid, speaker_reported(v, cid))
                ),
            ]
        )
    table = _table(v, ("figure", "claim", "said_by"), rows, v.w("figures"), "table-wrap figures")
    return _index_page(v, where, table)


def questions_page(v: View, page: int = 1) -> str:
    claim_ids, where = window(v, _questions(v.fb), "questions", page)
    return _index_page(v, where, block(claim_list(v, claim_ids)))


def _initial(term: str) -> str:
    """The letter a term files under: A–Z, its accents dropped; anything else under #."""
    first = unicodedata.normalize("NFKD", term.strip()[:1])[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def glossary_page(v: View, page: int = 1) -> str:
    """Terms as a definition list under letter headings, an A–Z bar that reaches every letter
    on whichever page of the glossary it falls, and every citation within reach."""
    terms = v.fb.terms
    by_term = glossary_order(v)
    term_ids, where = window(v, by_term, "glossary", page)
    first_page: dict[str, int] = {}
    for n, tid in enumerate(by_term):
        first_page.setdefault(_initial(terms[tid].term[v.lang]), n // v.page_size + 1)
    bar = []
    for letter in [chr(c) for c in range(ord("A"), ord("Z") + 1)] + ["#"]:
        if letter not in first_page:
            bar.append(tag("span", text(letter), class_="az-empty", aria_hidden="true"))
            continue
        target = first_page[letter]
        href = f"#letter-{letter.lower() if letter != '#' else 'other'}"
        if target != page:
            href = v.link.to(page_url("glossary", target)) + href
        bar.append(tag("a", text(letter), href=href))
    out = [block(tag("nav", _link_list(bar, "az"), class_="az-bar", aria_label="A–Z"))]
    groups: dict[str, list[str]] = {}
    for tid in term_ids:
        groups.setdefault(_initial(terms[tid].term[v.lang]), []).append(tid)
    for letter, group in groups.items():
        anchor = f"letter-{letter.lower() if letter != '#' else 'other'}"
        if first_page[letter] == page:
            out.append(heading(2, letter, anchor=anchor))
        items = []
        for tid in group:
            term = terms[tid]
            name = tag("strong", text(term.term[v.lang]), class_="term")
            if term.expansion:
                name = Markup("{} ({})").format(name, term.expansion[v.lang])
            body = text(term.definition[v.lang])
            if term.evidence:
                body = Markup("{} {}: {}").format(body, v.w("used_in"), _term_citations(v, term))
            items.append(tag("dt", name, id=tid) + tag("dd", body))
        out.append(block(tag("dl", Markup("").join(items), class_="glossary")))
    return _index_page(v, where, "".join(out))


def _term_citations(v: View, term) -> Markup:
    """The first citations, then "and N more" as a link that opens the site's search for the term
    (Material opens its search with the `q` of the address: `?q=AI`). A term has no page of its own,
    and listing every citation here made a glossary page grow with the fact base."""
    cited = list(dict.fromkeys(term.evidence))
    if len(cited) <= ENTRY_CITATIONS + 1:  # "and 1 more" would save nothing
        return citations(v, cited)
    return Markup("{} {}").format(
        citations(v, cited[:ENTRY_CITATIONS]),
        tag(
            "span",
            tag(
                "a",
                # Says where it leads: the search finds pages as well as claims.
                text(
                    v.w("n_more_search").format(
                        n=len(cited) - ENTRY_CITATIONS, term=term.term[v.lang]
                    )
                ),
                href="?" + urlencode({"q": term.term[v.lang]}),
                class_="search-more",
            ),
            class_="cites-more",
        ),
    )


# The words of the Data page, by the DOWNLOADS keys below
_WORDS = {
    "facts.json": "downloads_facts",
    "claims.csv": "downloads_claims",
    "schema": "downloads_schema",
    "lead": "downloads_lead",
    "version": "schema_version",
    "sources.json": "downloads_sources",
    "feeds": "downloads_feeds",
    "feeds_topic": "downloads_feeds_topic",
    "licence_data": "downloads_licence_data",
    "licence_quotes": "downloads_licence_quotes",
    "licence_data_short": "downloads_licence_data_short",
    "licence_quotes_short": "downloads_licence_quotes_short",
}


# Every download: (file under the language root, description key, format and version, licence
# key, three lines of Python that read it once downloaded)
DOWNLOADS = [
    ("data/facts.json", "facts.json", f"JSON, schema_version {SCHEMA_VERSION}", "licence_quotes",
     'import json\nfacts = json.load(open("facts.json", encoding="utf-8"))\n'
     'print(facts["schema_version"], len(facts["claims"]))'),
    ("data/claims.csv", "claims.csv", f"CSV (UTF-8), columns of {SCHEMA_VERSION}",
     "licence_quotes",
     'import csv\nrows = list(csv.DictReader(open("claims.csv", encoding="utf-8")))\n'
     'print(rows[0]["id"], rows[0]["text_en"])'),
    ("data/sources.json", "sources.json", "CSL-JSON 1.0 (sources.schema.json)", "licence_data",
     'import json\nsources = json.load(open("sources.json", encoding="utf-8"))\n'
     'print([s["title"] for s in sources])'),
    ("feeds/all.xml", "feeds", "Atom 1.0 (RFC 4287)", "licence_quotes",
     'import feedparser\nfeed = feedparser.parse("all.xml")\n'
     "print([entry.title for entry in feed.entries])"),
    ("data/source.schema.json", "schema", "JSON Schema 2020-12", "licence_data",
     'import json, jsonschema\nschema = json.load(open("source.schema.json", encoding="utf-8"))\n'
     "jsonschema.Draft202012Validator.check_schema(schema)"),
]  # fmt: skip


def data_page(v: View) -> str:
    """One card per download: what it holds, its format and licence in a line, and the Python
    that reads it at full width (a table squeezed the code and repeated the licence)."""

    def words(key: str) -> str:
        return v.w(_WORDS[key])

    cards = []
    for path, key, fmt, licence, python in DOWNLOADS:
        name = path.rsplit("/", 1)[1]
        files = [(name, path)]
        if key == "schema":
            files = [(n, f"data/{n}") for n in [*SCHEMA_FILES.values(), "sources.schema.json"]]
        links = Markup(" · ").join(
            tag("a", tag("code", text(n)), href=v.link.to(p)) for n, p in files
        )
        about = text(words(key))
        if key == "feeds":
            about = Markup("{} {}").format(about, text(words("feeds_topic")))
        meta = Markup("{}: {} · {}: {}").format(
            v.w("download_format"),
            text(fmt),
            v.w("download_licence"),
            text(words(licence + "_short")),
        )
        cards.append(
            tag(
                "section",
                tag("h2", links, class_="download-files")
                + tag("p", about)
                + tag("p", meta, class_="download-meta")
                + tag("p", text(v.w("download_python")), class_="download-python")
                + tag("pre", tag("code", text(python), class_="language-python")),
                class_="download",
            )
        )
    return (
        heading(1, v.w("data"))
        + block(tag("p", text(words("lead")), class_="lead"))
        + block(
            tag(
                "p",
                Markup("<strong>{}:</strong> {}").format(
                    v.w("download_licence"), text(words("licence_quotes"))
                ),
            )
        )
        + "".join(block(c) for c in cards)
        + block(tag("p", text(f"{words('version')}: {SCHEMA_VERSION}")))
        # Out of the reader's menu, for contributors: how fast the site builds.
        + block(tag("p", tag("a", text(v.w("data_benchmarks")), href=v.link.to("benchmarks/"))))
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
