"""`python -m macros suggest SOURCE`: which topics and glossary terms a source's claims fit,
ranked by how many they fit, and which of its claims nothing cites. It writes nothing; a person
decides which evidence list a claim joins.

A claim fits a **term** when its quote or its text (en, nl) mentions the term, its expansion or
its other language's word (macros/cli/mentions.py: split Dutch compounds included).

A claim fits a **topic** when it lists the topic in `topics`, or mentions a term that marks the
topic, or is about (or said by) an actor that marks it. A term or actor marks a topic when the
topic's claims use it at least `LIFT` times as often as all claims do (both counted over the
other sources' claims): China and the US, which most claims are about, mark no topic, and an
article about them is not offered every topic.

Actors count by what a claim is about, never by who says it: an actor in `said_by` is left out
of that claim's actors even when `about` lists it too. A speaker such as "analysts" can speak on
any topic, so a claim they make says nothing about which topic it belongs to.

Before its claims pass `check` (stubs just written by `new-source`), a source's paragraphs stand
in for its claims: a paragraph fits what it mentions, actors by name or alias.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from macros.cli.mentions import Words
from macros.facts.factbase import FactBase, cited_claims

LIFT = 2  # how much more often than all claims a topic's claims use a term or an actor
SHOWN = 10  # claims or paragraphs named on one line; the rest are counted


@dataclass
class _Unit:
    """A claim of the source, or one of its paragraphs while it has no claims that load."""

    label: str  # the claim's id, or ¶n
    words: Words
    claim: str | None = None
    topics: set[str] = field(default_factory=set)  # the topics a claim lists
    actors: set[str] = field(default_factory=set)  # what a claim is about, or a paragraph names


def _term_names(term) -> set[str]:
    return {term.term.en, term.term.nl} | (
        {term.expansion.en, term.expansion.nl} if term.expansion else set()
    )


def _subjects(fb: FactBase, claim_id: str) -> set[str]:
    """The actors a claim is about, less its speakers (module docstring)."""
    claim = fb.claims[claim_id]
    return set(claim.about) - set(claim.said_by_all)


def _units(fb: FactBase, source_id: str, paragraphs: list[str] | None) -> list[_Unit]:
    if paragraphs is None:
        out = []
        for c in fb.claims_by_source[source_id]:
            claim = fb.claims[c]
            words = Words(" ".join((claim.quote, claim.text.en, claim.text.nl)))
            out.append(_Unit(c, words, c, set(claim.topics), _subjects(fb, c)))
        return out
    names = {
        actor_id: {actor.name.en, actor.name.nl, *actor.aliases}
        for actor_id, actor in fb.actors.items()
    }
    out = []
    for n, paragraph in enumerate(paragraphs, start=1):
        words = Words(paragraph)
        named = {
            a
            for a, spellings in names.items()
            if any(words.mentions(s, split=False) for s in spellings)
        }
        out.append(_Unit(f"¶{n}", words, actors=named))
    return out


def _markers(fb: FactBase, source_id: str) -> dict[str, tuple[list[str], list[str]]]:
    """Topic id -> (the terms, the actors) that mark it, from the other sources' claims."""
    others = [c for c in fb.claims if fb.claim_source[c] != source_id]
    if not others:
        return {t: ([], []) for t in fb.topics}
    about = {c: _subjects(fb, c) for c in others}
    overall_actor = Counter(a for c in others for a in about[c])
    overall_term: Counter = Counter()
    terms_of: dict[str, set[str]] = defaultdict(set)  # claim -> the terms citing it
    for term_id, term in fb.terms.items():
        for c in set(term.evidence):
            if c in about:
                overall_term[term_id] += 1
                terms_of[c].add(term_id)
    out = {}
    for topic_id in fb.topics:
        mine = [c for c in fb.claims_by_topic.get(topic_id, ()) if c in about]
        if not mine:
            out[topic_id] = ([], [])
            continue
        # "n of the topic's claims >= LIFT * its share of all claims", both sides times len(mine)
        share = len(mine) / len(others)
        in_topic = Counter(a for c in mine for a in about[c])
        actors = sorted(a for a, n in in_topic.items() if n >= LIFT * overall_actor[a] * share)
        used = Counter(t for c in mine for t in terms_of[c])
        terms = sorted(t for t, n in used.items() if n >= LIFT * overall_term[t] * share)
        out[topic_id] = (terms, actors)
    return out


def _fit(n: int, what: str) -> str:
    """ "1 claim fits", "3 paragraphs fit": the count first, so the ranking shows."""
    return f"{n} {what[:-1]} fits" if n == 1 else f"{n} {what} fit"


def _named(labels: list[str]) -> str:
    shown = ", ".join(labels[:SHOWN])
    return shown + (f" and {len(labels) - SHOWN} more" if len(labels) > SHOWN else "")


def suggestions(fb: FactBase, source_id: str, paragraphs: list[str] | None = None) -> list[str]:
    """The suggestion lines for a source: topics, best fit first, then terms, then its claims
    that nothing cites. `paragraphs`: the source's text, when its claims do not load yet."""
    units = _units(fb, source_id, paragraphs)
    what = "claims" if paragraphs is None else "paragraphs"
    ranked: list[tuple[int, str, str]] = []  # (-count, sort key, line)

    terms_of: dict[str, list[str]] = {}  # term id -> the labels of the units that mention it
    for term_id, term in fb.terms.items():
        names = _term_names(term)
        terms_of[term_id] = [u.label for u in units if any(u.words.mentions(n) for n in names)]

    for topic_id, (terms, actors) in _markers(fb, source_id).items():
        evidence = set(fb.topics[topic_id].evidence)
        fits, why = [], {"listed": False, "terms": set(), "actors": set()}
        for u in units:
            if u.claim in evidence:
                continue
            listed = topic_id in u.topics
            by_terms = {t for t in terms if u.label in terms_of[t]}
            by_actors = u.actors.intersection(actors)
            if listed or by_terms or by_actors:
                fits.append(u.label)
                why["listed"] |= listed
                why["terms"] |= by_terms
                why["actors"] |= by_actors
        if not fits:
            continue
        reasons = (["`topics`"] if why["listed"] else []) + [
            f"the {kind} {', '.join(sorted(names))}"
            for kind, names in (("terms", why["terms"]), ("actors", why["actors"]))
            if names
        ]
        todo = (
            "add those its summary rests on to its evidence"
            if paragraphs is None
            else "give their claims this topic"
        )
        name = fb.topics[topic_id].name.en
        ranked.append(
            (
                -len(fits),
                f"0 {topic_id}",
                f"{_fit(len(fits), what)} topic '{topic_id}' ({name}): {_named(fits)} "
                f"(through {'; '.join(reasons)}); {todo}",
            )
        )

    for term_id, found in terms_of.items():
        new = [label for label in found if label not in fb.terms[term_id].evidence]
        if not new:
            continue
        todo = (
            "add those that use it to its evidence"
            if paragraphs is None
            else "add their claims to its evidence"
        )
        ranked.append(
            (
                -len(new),
                f"1 {term_id}",
                f"{_fit(len(new), what)} term '{term_id}' ({fb.terms[term_id].term.en}): "
                f"{_named(new)}; {todo}",
            )
        )

    # Topics first, then terms, each best fit first (ties by id).
    lines = [line for _, _, line in sorted(ranked, key=lambda r: (r[1][0], r[0], r[1]))]
    if paragraphs is None:
        cited = set(cited_claims(fb))
        lines += [
            f"claim '{c}': cited by no topic summary, event, term or comparison"
            for c in fb.claims_by_source[source_id]
            if c not in cited
        ]
    return lines
