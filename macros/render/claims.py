"""A claim as readers see it anywhere on the site: its kind, who says it, a citation to its
permalink and its original quote within reach."""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_compact_decimal, format_decimal
from markupsafe import Markup

from ..factbase import AUTHOR, FactBase
from ..models import DateSpec, Figure
from .dates import date_words
from .html import Linker, tag, text
from .labels import language_name, locale_of, qualifier, word


@dataclass(frozen=True)
class View:
    """Everything a renderer needs besides the record: the facts, the language, where we are."""

    fb: FactBase
    lang: str
    link: Linker
    page_size: int = 100  # entries per page of an index (mkdocs.yml: extra.page_size)

    def w(self, key: str) -> str:
        return word(self.lang, key)


def claim_url(fb: FactBase, claim_id: str) -> tuple[str, str]:
    return f"sources/{fb.claim_source[claim_id]}/", claim_id


def quote_lang(fb: FactBase, claim_id: str) -> str:
    return fb.sources[fb.claim_source[claim_id]].language


def actor_link(v: View, actor_id: str) -> Markup:
    actor = v.fb.actors[actor_id]
    return tag("a", text(actor.name[v.lang]), href=v.link.to(f"actors/{actor_id}/"))


def speaker(v: View, claim_id: str) -> Markup:
    who = v.fb.speaker(claim_id)
    if who == AUTHOR:
        return text(v.w("the_article"))
    return actor_link(v, who)


def citation(v: View, claim_id: str, label: str | None = None) -> Markup:
    """A link to the claim's permalink; its tooltip names the source and quotes the claim."""
    source = v.fb.sources[v.fb.claim_source[claim_id]]
    paragraph = v.fb.claim_place[claim_id].paragraph
    return tag(
        "a",
        text(label or f"¶{paragraph}"),
        href=v.link.to(*claim_url(v.fb, claim_id)),
        class_="cite",
        title=f"{source.title[v.lang]}, {v.w('paragraph')} {paragraph}: "
        f"{v.fb.claims[claim_id].quote}",
    )


def _labels(v: View, claim_ids: list[str]) -> list[tuple[str, str]]:
    """¶3 for the only claim cited from paragraph 3; ¶2a, ¶2b for two claims from paragraph 2."""
    paragraphs = [v.fb.claim_place[c].paragraph for c in claim_ids]
    seen: dict[int, int] = {}
    labels = []
    for claim_id, p in zip(claim_ids, paragraphs, strict=True):
        seen[p] = seen.get(p, 0) + 1
        suffix = "abcdefghijklmnopqrstuvwxyz"[(seen[p] - 1) % 26] if paragraphs.count(p) > 1 else ""
        labels.append((claim_id, f"¶{p}{suffix}"))
    return labels


def citations(
    v: View, claim_ids: list[str], limit: int | None = None, rest: str | None = None
) -> Markup:
    """[Source title ¶1 ¶4] [Other source ¶2]: one bracket per source, one link per claim.

    With `limit`, an entry of an index page cites its first claims and counts the others (linked
    to `rest`, the record's own page, where there is one), so that no entry grows without bound;
    hiding a single citation would save nothing, so "and 1 more" never appears.
    """
    cited = list(dict.fromkeys(claim_ids))
    more = len(cited) - limit if limit is not None and len(cited) > limit + 1 else 0
    shown = citations(v, cited[:limit]) if more else None
    if shown is not None:
        note = text(v.w("n_more").format(n=more))
        if rest:
            note = tag("a", note, href=v.link.to(rest))
        return Markup("{} {}").format(shown, tag("span", note, class_="cites-more"))
    if len(cited) == 1:  # every claim card cites itself: nothing to group or letter
        source = v.fb.sources[v.fb.claim_source[cited[0]]]
        title = text(source.title[v.lang])
        return tag("span", Markup("[{} {}]").format(title, citation(v, cited[0])), class_="cites")
    by_source: dict[str, list[str]] = {}
    for c in cited:
        by_source.setdefault(v.fb.claim_source[c], []).append(c)
    groups = []
    for source_id, claims in by_source.items():
        links = Markup(" ").join(citation(v, c, label) for c, label in _labels(v, claims))
        title = text(v.fb.sources[source_id].title[v.lang])
        groups.append(tag("span", Markup("[{} {}]").format(title, links), class_="cites"))
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

    A claim appears on many pages; it is drawn once per language and page depth.
    """
    key = ("claim_card", v.lang, claim_id, anchor, v.link.root)
    card = v.fb.rendered.get(key)
    if card is None:
        card = v.fb.rendered[key] = _claim_card(v, claim_id, anchor)
    return card


def _claim_card(v: View, claim_id: str, anchor: bool) -> Markup:
    claim = v.fb.claims[claim_id]
    lead = tag(
        "p",
        Markup("{} {}").format(
            text(claim.text[v.lang]),
            # On its own source page a claim needs no source title: its ¶ is its permalink.
            citation(v, claim_id) if anchor else citations(v, [claim_id]),
        ),
        class_="claim-text",
    )
    return tag(
        "article",
        lead + _card_details(v, claim_id),
        id=claim_id if anchor else None,
        class_=f"claim claim-{claim.kind}",
        data_claim=claim_id,
    )


def _card_details(v: View, claim_id: str) -> Markup:
    """All of a card but its first line: the same with or without the anchor, drawn once."""
    key = ("card_details", v.lang, claim_id, v.link.root)
    if key in v.fb.rendered:
        return v.fb.rendered[key]
    claim = v.fb.claims[claim_id]
    meta = [
        kind_badge(v, claim.kind),
        Markup("{}: {}").format(v.w("said_by"), speaker(v, claim_id)),
    ]
    if claim.date:
        meta.append(date_text(v, claim.date))
    if claim.figure:
        meta.append(tag("span", figure_text(v, claim.figure), class_="figure"))
    body = [tag("p", Markup(" · ").join(meta), class_="claim-meta")]
    if claim.note:
        body.append(
            tag(
                "p",
                Markup("<strong>{}:</strong> {}").format(v.w("caveat"), claim.note[v.lang]),
                class_="claim-note",
            )
        )
    body.append(
        tag(
            "details",
            tag(
                "summary",
                text(
                    v.w("original_quote").format(
                        language=language_name(v.lang, quote_lang(v.fb, claim_id))
                    )
                ),
            )
            + tag("blockquote", text(claim.quote), lang=quote_lang(v.fb, claim_id)),
            class_="claim-quote",
        )
    )
    details = v.fb.rendered[key] = Markup("").join(body)
    return details


def claim_list(v: View, claim_ids: list[str], anchor: bool = False) -> Markup:
    """Claims as cards. Search indexes a claim once, on its source page (`anchor`): copies on
    actor, topic and other pages would multiply the index readers download."""
    if not claim_ids:
        return tag("p", text(v.w("no_claims")), class_="empty")
    cards = Markup("").join(claim_card(v, c, anchor) for c in claim_ids)
    return tag("div", cards, class_="claims", data_search_exclude=None if anchor else "")
