"""`python -m macros suggest SOURCE`: where a source's claims may belong. It suggests and writes
nothing; a person decides which evidence list a claim joins."""

from __future__ import annotations

import re
from collections import defaultdict

from macros.facts.factbase import FactBase, cited_claims


def _mentions(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", text) is not None


def suggestions(fb: FactBase, source_id: str) -> list[str]:
    claims = fb.claims_by_source[source_id]
    quotes = {c: fb.claims[c].quote.lower() for c in claims}
    lines = []

    for term_id, term in fb.terms.items():
        names = {term.term.en, term.term.nl} | ({term.expansion.en} if term.expansion else set())
        found = [c for c, q in quotes.items() if any(_mentions(n, q) for n in names)]
        new = [c for c in found if c not in term.evidence]
        if new:
            lines.append(f"term '{term_id}' ({term.term.en}): its words occur in {', '.join(new)}")

    mentioned: set[str] = set()
    text = " ".join(fb.texts[source_id].paragraphs).lower()
    for actor_id, actor in fb.actors.items():
        names = {actor.name.en, actor.name.nl, *actor.aliases}
        if any(_mentions(n, text) for n in names):
            mentioned.add(actor_id)
    for c in claims:
        mentioned.update(fb.claims[c].about)
    topic_actors: dict[str, set[str]] = defaultdict(set)
    for topic_id, topic_claims in fb.claims_by_topic.items():
        for c in topic_claims:
            topic_actors[topic_id].update(fb.claims[c].about)
    for topic_id in fb.topics:
        shared = sorted(topic_actors[topic_id] & mentioned)
        already = any(fb.claim_source[c] == source_id for c in fb.topics[topic_id].evidence)
        if shared and not already:
            lines.append(
                f"topic '{topic_id}': the source mentions its actors {', '.join(shared)}; "
                "does a claim belong in its summary's evidence?"
            )

    cited = set(cited_claims(fb))
    for c in claims:
        if c not in cited:
            lines.append(f"claim '{c}': cited by no topic summary, event, term or comparison")
    return lines
