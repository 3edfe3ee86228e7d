"""A claim as readers see it anywhere on the site: its kind, who says it, a citation to its
permalink and its original quote within reach."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlencode

from babel.numbers import format_compact_decimal, format_decimal
from markupsafe import Markup

from macros.facts.factbase import AUTHOR, FactBase
from macros.facts.models import DateSpec, Figure
from macros.render import cite_formats
from macros.render.as_of import speaker_as_of
from macros.render.cite import cite_control
from macros.render.date_text import date_words
from macros.render.glossary import glossed
from macros.render.html import Linker, first_per_page, tag, text
from macros.render.labels import language_name, locale_of, qualifier
from macros.render.view import View


def claim_url(fb: FactBase, claim_id: str) -> tuple[str, str]:
    return f"sources/{fb.claim_source[claim_id]}/", claim_id


def quote_lang(fb: FactBase, claim_id: str) -> str:
    return fb.sources[fb.claim_source[claim_id]].language


def _quote_label(v: View, claim_id: str) -> str:
    """A source with translators is a translation: its quotes are not the original words, except
    those of its publisher (an introduction, a notice), written in the published language."""
    source = v.fb.sources[v.fb.claim_source[claim_id]]
    publishers_own = (
        source.publisher is not None and v.fb.claims[claim_id].said_by == source.publisher
    )
    return "translated_quote" if source.translators and not publishers_own else "original_quote"


def actor_link(v: View, actor_id: str) -> Markup:
    actor = v.fb.actors[actor_id]
    return tag("a", text(actor.name[v.lang]), href=v.link.to(f"actors/{actor_id}/"))


def speaker(v: View, claim_id: str) -> Markup:
    """Who says it: one actor, or every actor of a joint statement."""
    return Markup(", ").join(
        text(v.w("the_article")) if who == AUTHOR else actor_link(v, who)
        for who in v.fb.speakers(claim_id)
    )


def speaker_reported(v: View, claim_id: str) -> Markup:
    """Who says it and, for reported speech (a speaker other than the article's author or its
    publisher), in whose article: "Jensen Huang, as reported by Pascal Coppens". The home page's
    key figures and the figures page say it the same way."""
    fb = v.fb
    source = fb.sources[fb.claim_source[claim_id]]
    out = speaker(v, claim_id)
    reported = [w for w in fb.speakers(claim_id) if w not in (AUTHOR, source.author)]
    if reported and source.author in fb.actors and source.publisher not in reported:
        out += Markup(", {} {}").format(v.w("as_reported_by"), actor_link(v, source.author))
    return out


def relation_line(v: View, claim_id: str, relation) -> Markup:
    """'Contradicts: <the other claim> [its source ¶n]: why', from either end of the relation."""
    label, other = relation.seen_from(claim_id)
    return Markup("<strong>{}:</strong> {} {} {}").format(
        v.w(label),
        tag("a", text(v.fb.claims[other].text[v.lang]), href=v.link.to(*claim_url(v.fb, other))),
        citations(v, [other]),
        tag("span", text(f"({relation.note[v.lang]})"), class_="relation-note"),
    )


def source_label(v: View, source_id: str) -> str:
    """A short name that tells sources apart at a glance: the author's surname, else the
    publisher, else the title's first words (the preview and the permalink give the full title)."""
    source = v.fb.sources[source_id]
    for actor_id, surname in ((source.author, True), (source.publisher, False)):
        if actor_id and actor_id in v.fb.actors:
            if surname:
                return cite_formats.surname(v.fb, actor_id, v.lang)
            return v.fb.actors[actor_id].name[v.lang]
    words = source.title[v.lang].split()
    return " ".join(words[:3]) + ("…" if len(words) > 3 else "")


def preview(v: View, claim_id: str) -> Markup:
    """What a citation shows on hover, focus or tap (docs/assets/cite-preview.js): the quote,
    its translation, who says it, its kind and its source. Hidden until then, and left out of
    the search index: a page carries the previews of the claims it cites, and no others."""
    key = ("preview", v.lang, claim_id)
    if key in v.cache:
        return v.cache[key]
    claim = v.fb.claims[claim_id]
    source_id = v.fb.claim_source[claim_id]
    paragraph = v.fb.claim_place[claim_id].paragraph
    body = (
        tag("span", kind_badge(v, claim.kind), class_="cite-preview-kind")
        + tag("q", text(claim.quote), lang=quote_lang(v.fb, claim_id), class_="cite-preview-quote")
        + tag("span", text(claim.text[v.lang]), class_="cite-preview-text")
        + tag(
            "span",
            # The site's one citation form, ¶ and the paragraph, as its links read (and print).
            Markup("{}: {} · {} ¶{}").format(
                v.w("said_by"),
                text(_speaker_name(v, claim_id)),
                text(v.fb.sources[source_id].title[v.lang]),
                paragraph,
            ),
            class_="cite-preview-source",
        )
    )
    # <small>, a tag used nowhere inside: Material's search parser matches the end of an
    # excluded element by tag name alone, so an inner </span> would end the exclusion early.
    out = v.cache[key] = tag(
        "small", body, class_="cite-preview", hidden="", data_search_exclude=""
    )
    return out


def _speaker_name(v: View, claim_id: str) -> str:
    who = v.fb.speaker(claim_id)
    return v.w("the_article") if who == AUTHOR else v.fb.actors[who].name[v.lang]


def citation(v: View, claim_id: str, label: str | None = None) -> Markup:
    """A link to the claim's permalink, with its preview beside it. Without JavaScript the link's
    title still names the source and paragraph."""
    key = ("citation", v.lang, claim_id, label, v.link.root)
    if key in v.cache:
        return v.cache[key]
    source = v.fb.sources[v.fb.claim_source[claim_id]]
    paragraph = v.fb.claim_place[claim_id].paragraph
    link = tag(
        "a",
        text(label or f"¶{paragraph}"),
        href=v.link.to(*claim_url(v.fb, claim_id)),
        class_="cite",
        title=f"{source.title[v.lang]}, {v.w('paragraph')} {paragraph}",
    )
    out = v.cache[key] = tag("span", link + preview(v, claim_id), class_="cite-wrap")
    return out


# A citation with its preview exactly as citation() draws them. Data reaches the page escaped,
# and a preview holds no other <small>, so this markup can only be ours.
_PREVIEWED = re.compile(
    r'(<a href="([^"<>]*)" class="cite" title="[^"<>]*">[^<>]*</a>)'
    r'<small class="cite-preview" hidden="" data-search-exclude="">.*?</small>',
    re.S,
)


def one_preview_per_claim(markdown: str) -> str:
    """Drops every preview of a claim after its first on the page: a page carries one preview
    per claim it cites, however often it cites it. The reader's browser lends the first to the
    others (docs/assets/cite-preview.js), as does print (print-notes.js)."""
    if "cite-preview" not in markdown:
        return markdown
    return first_per_page(_PREVIEWED, markdown, key=2, repeat=1)


def permalink(v: View, claim_id: str) -> Markup:
    paragraph = v.fb.claim_place[claim_id].paragraph
    return tag(
        "a",
        text(f"¶{paragraph}"),
        href=v.link.to(*claim_url(v.fb, claim_id)),
        class_="cite",
        title=f"{v.w('permalink')}, {v.w('paragraph')} {paragraph}",
    )


def own_citation(v: View, claim_id: str) -> Markup:
    """[Coppens ¶5] on a card elsewhere than its source page: no preview, as the card already
    shows all a preview would (and a page of cards would carry everything twice)."""
    source_id = v.fb.claim_source[claim_id]
    label = tag(
        "span",
        text(source_label(v, source_id)),
        class_="cite-source",
        title=v.fb.sources[source_id].title[v.lang],
    )
    return tag("span", Markup("[{} {}]").format(label, permalink(v, claim_id)), class_="cites")


def _labels(v: View, claim_ids: list[str]) -> list[tuple[str, str]]:
    """¶3 for the only claim cited from paragraph 3; ¶2a, ¶2b for two claims from paragraph 2
    (the Method page's legend says so)."""
    paragraphs = [v.fb.claim_place[c].paragraph for c in claim_ids]
    seen: dict[int, int] = {}
    labels = []
    for claim_id, p in zip(claim_ids, paragraphs, strict=True):
        seen[p] = seen.get(p, 0) + 1
        suffix = "abcdefghijklmnopqrstuvwxyz"[(seen[p] - 1) % 26] if paragraphs.count(p) > 1 else ""
        labels.append((claim_id, f"¶{p}{suffix}"))
    return labels


def citations(
    v: View,
    claim_ids: list[str],
    limit: int | None = None,
    rest: str | None = None,
) -> Markup:
    """[Coppens ¶1 ¶4] [Russia seeks AI… ¶2]: one bracket per source, in source order, one link
    per claim, in paragraph order.

    With `limit`, an entry of an index page cites its first claims and counts the others (linked
    to `rest`, the record's own page, where there is one), so that no entry grows without bound;
    hiding a single citation would save nothing, so "and 1 more" never appears.
    """
    cited = v.fb.ordered(claim_ids)  # the one citation order: source, paragraph, offset
    more = len(cited) - limit if limit is not None and len(cited) > limit + 1 else 0
    shown = citations(v, cited[:limit]) if more else None
    if shown is not None:
        note = text(v.w("n_more").format(n=more))
        if rest:
            note = tag("a", note, href=v.link.to(rest))
        return Markup("{} {}").format(shown, tag("span", note, class_="cites-more"))
    by_source: dict[str, list[str]] = {}
    for c in cited:
        by_source.setdefault(v.fb.claim_source[c], []).append(c)
    groups = []
    for source_id, claims in by_source.items():
        links = Markup(" ").join(citation(v, c, label) for c, label in _labels(v, claims))
        label = tag("span", text(source_label(v, source_id)), class_="cite-source")
        groups.append(tag("span", Markup("[{} {}]").format(label, links), class_="cites"))
    return Markup(" ").join(groups)


def date_text(v: View, date: DateSpec) -> Markup:
    """A date in words; an inferred one is marked ≈ and says what it was inferred from."""
    words = date_words(v.lang, date.edtf)
    if date.basis == "stated":
        return tag("span", words, class_="date", data_edtf=date.value)
    return Markup("{} {}").format(
        tag("span", Markup("≈ ") + words, class_="date inferred", data_edtf=date.value),
        tag(
            "span", text(f"({v.w('inferred_from')}: {date.inferred_from[v.lang]})"), class_="basis"
        ),
    )


def number(v: View, value: float) -> str:
    """A number by the locale's rules: "20,000" / "20.000", "1.5" / "1,5"; a round number of a
    million or more in words ("500 million" / "500 miljoen") when the words lose nothing."""
    locale = locale_of(v.lang)
    if abs(value) >= 1_000_000 and float(f"{value:.3g}") == value:
        return format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=2)
    return format_decimal(value, locale=locale, decimal_quantization=False)


def figure_text(v: View, figure: Figure) -> Markup:
    words = [qualifier(v.lang, figure.qualifier), number(v, figure.value), figure.unit[v.lang]]
    if figure.period:
        words.append(figure.period[v.lang])
    return text(" ".join(w for w in words if w))


def kind_badge(v: View, kind: str) -> Markup:
    return tag("span", text(v.w(kind)), class_=f"kind kind-{kind}")


def claim_card(v: View, claim_id: str, anchor: bool = False) -> Markup:
    """One claim. `anchor` gives it the id that makes it a permalink (on its source page only).

    A claim appears on many pages, at several depths (actors/china/, actors/china/page/2/); it
    is drawn once per language, its links climbing to a mark that each page replaces with its
    own way to the root (render/html.py: Linker.marked).
    """
    key = ("claim_card", v.lang, claim_id, anchor)
    card = v.cache.get(key)
    if card is None:
        card = v.cache[key] = _claim_card(replace(v, link=Linker.marked()), claim_id, anchor)
    return v.link.rooted(card)


def _claim_card(v: View, claim_id: str, anchor: bool) -> Markup:
    claim = v.fb.claims[claim_id]
    lead = tag(
        "p",
        Markup("{} {}").format(
            glossed(v, claim.text[v.lang]),
            # On its own source page a claim needs no source title nor preview: its ¶ is its
            # permalink.
            permalink(v, claim_id) if anchor else own_citation(v, claim_id),
        ),
        class_="claim-text",
    )
    details = _card_details(v, claim_id)
    if anchor:  # on its source page, where its permalink leads: how to cite it
        details += cite_control(v, claim_id)
    return tag(
        "article",
        lead + details,
        id=claim_id if anchor else None,
        class_=f"claim claim-{claim.kind}",
        data_claim=claim_id,
    )


def _card_details(v: View, claim_id: str) -> Markup:
    """All of a card but its first line: the same with or without the anchor, drawn once."""
    key = ("card_details", v.lang, claim_id, v.link.root)
    if key in v.cache:
        return v.cache[key]
    claim = v.fb.claims[claim_id]
    meta = [
        kind_badge(v, claim.kind),
        Markup("{}: {}").format(v.w("said_by"), speaker_as_of(v, claim_id, speaker(v, claim_id))),
    ]
    if claim.date:
        meta.append(date_text(v, claim.date))
    if claim.figure:
        meta.append(tag("span", figure_text(v, claim.figure), class_="figure"))
    if v.repo_url:
        meta.append(correction_link(v, claim_id))
    body = [tag("p", Markup(" · ").join(meta), class_="claim-meta")]
    if claim.note:
        body.append(
            tag(
                "p",
                Markup("<strong>{}:</strong> {}").format(v.w("caveat"), claim.note[v.lang]),
                class_="claim-note",
            )
        )
    relations = v.fb.relations_of.get(claim_id)
    if relations:
        items = Markup("").join(
            tag("li", relation_line(v, claim_id, r), class_=f"relation relation-{r.kind}")
            for r in relations
        )
        # The other claim is indexed on its own source page, not again on this one.
        body.append(
            tag(
                "ul",
                items,
                class_="claim-relations",
                aria_label=v.w("relations"),
                data_search_exclude="",
            )
        )
    body.append(
        tag(
            "details",
            tag(
                "summary",
                text(
                    v.w(_quote_label(v, claim_id)).format(
                        language=language_name(v.lang, quote_lang(v.fb, claim_id))
                    )
                ),
                data_search_exclude="",  # a label, not content: it ran into the quote in search
            )
            + tag("blockquote", text(claim.quote), lang=quote_lang(v.fb, claim_id)),
            class_="claim-quote",
        )
    )
    details = v.cache[key] = Markup("").join(body)
    return details


ISSUE_FORM = "report-a-fact.yml"  # .github/ISSUE_TEMPLATE/


def correction_link(v: View, claim_id: str) -> Markup:
    """The project's fact-report form, prefilled with the claim's id and permalink (GitHub issue
    forms take field values, by field id, as query parameters)."""
    page, anchor = claim_url(v.fb, claim_id)
    prefix = "" if v.lang == "en" else f"{v.lang}/"
    base = v.site_url.rstrip("/") + "/" if v.site_url else "/"
    query = urlencode(
        {
            "template": ISSUE_FORM,
            "title": f"[Fact] {claim_id}",
            "claim-id": claim_id,
            "permalink": f"{base}{prefix}{page}#{anchor}",
        }
    )
    return tag(
        "a",
        text(v.w("suggest_correction")),
        href=f"{v.repo_url.rstrip('/')}/issues/new?{query}",
        class_="suggest-correction",
        rel="nofollow",
    )


def claim_list(v: View, claim_ids: list[str], anchor: bool = False) -> Markup:
    """Claims as cards. Search indexes a claim once, on its source page (`anchor`): copies on
    actor, topic and other pages would multiply the index readers download."""
    if not claim_ids:
        return tag("p", text(v.w("no_claims")), class_="empty")
    cards = Markup("").join(claim_card(v, c, anchor) for c in claim_ids)
    return tag("div", cards, class_="claims", data_search_exclude=None if anchor else "")
