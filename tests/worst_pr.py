"""The costliest pull requests within what one may add (macros/facts/limits.py, MAX_PR_*), written
onto a copy of the real data: the cost contract of SECURITY.md is measured on these
(scripts/bench_pr.py) and tested on them (tests/builds/test_pr_contract.py).

Each construct fills one bound with what costs a build most per unit of it:
- claim pages: new claims each drawn on the most pages a claim may be (MAX_PAGES_PER_CLAIM), with
  the longest texts the byte bound leaves room for, quoting long paragraphs of a new archive;
- records: new actors, each a record page in every language (the cheapest record to write and a
  whole page to build);
- relations: claims each stating the most relations a claim may, to claims of another source,
  as many as the record bound allows (each is listed among its briefing's disagreements);
- events: events each on the most pages an event may be, citing the most claims it may;
- terms: glossary terms that are the words the real claims use most, with long definitions;
- topics: briefings, each citing the most real claims a summary may;
- comparisons: axes comparisons of the most sides, each row with long poles;
- search tags: actors with the longest names and aliases, and claims naming every one of them;
- feeds: a source touching hundreds of new long-named topics, and stating many relations;
- cited titles: the real sources retitled at length, cited by briefings citing the most claims;
- aliases: every actor with the most spellings, each as long as may be;
- largest archive: one paragraph of nearly MAX_PR_BYTES, quoted once (the quote index reads it
  whole);
- both at once: the claims of the first and, up to the record bound, the actors of the second.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from macros.cli.pr_bound import _records_in
from macros.facts.limits import (
    MAX_ACTOR_NAME_LENGTH,
    MAX_ALIAS_LENGTH,
    MAX_ALIASES,
    MAX_COMPARISON_COLUMNS,
    MAX_EVIDENCE,
    MAX_EVIDENCE_PER_EVENT,
    MAX_PAGES_PER_CLAIM,
    MAX_PR_BYTES,
    MAX_PR_CLAIM_PAGES,
    MAX_PR_RECORDS,
    MAX_RELATIONS_PER_CLAIM,
    MAX_TITLE_LENGTH,
)

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "tests" / "fixtures" / "third-article" / "sources" / "ai-chips-europe.yml"
SOURCE = "worst-case-source"
TEXT = 2_000  # the longest a text field may be (models.PlainStr)
QUOTE = 1_500  # a quoted paragraph: what the byte bound leaves beside two texts per claim
PER_SOURCE = 100
NOTE = 800  # a relation's note: what the byte bound leaves beside its claims


def _ids(data: Path, name: str, kind: str) -> list[str]:
    doc = yaml.safe_load((data / name).read_text(encoding="utf-8"))
    return [record["id"] for record in doc[kind]]


def _long(words: str, length: int, i: int) -> str:
    return (f"{i} " + words * (length // len(words) + 1))[:length].rstrip()


def add_costliest_claims(data: Path, claims: int | None = None) -> int:
    """New sources whose claims are each drawn on MAX_PAGES_PER_CLAIM pages (its source's, and as
    many actors and topics as that leaves), as many as MAX_PR_CLAIM_PAGES allows; the number.
    A source holds PER_SOURCE of them: its page, which shows every claim, stays within the page
    budget (more make that page too heavy, and the build refuses it)."""
    claims = claims if claims is not None else MAX_PR_CLAIM_PAGES // MAX_PAGES_PER_CLAIM
    return _add_claims(data, claims, PER_SOURCE, wide=True, relations=0)


def add_relations(data: Path) -> int:
    """Claims in three new sources, each stating MAX_RELATIONS_PER_CLAIM relations with long notes
    to claims of the next (every relation is listed among its briefing's disagreements), as
    many as MAX_PR_RECORDS allows with their claims and sources; the number of relations. Their
    claims are the cheapest (one actor, one topic), so that the page bound lets in the most, and
    their texts short: a card shows every relation with the other claim's text, and twenty cards
    of the longest texts would make their actor's page heavier than the page budget, which
    refuses it (a refusal, within the contract, but nothing to measure a build by)."""
    per_claim = MAX_RELATIONS_PER_CLAIM
    # Three sources, each claim's relations to the next one's: every pair stated once.
    claims = (MAX_PR_RECORDS - 3 * 3) // (per_claim + 1) // 3 * 3  # sources count 3 each
    _add_claims(data, claims, claims // 3, wide=False, relations=per_claim)
    return claims * per_claim


def _add_claims(
    data: Path, claims: int, per_source: int, wide: bool, relations: int, note: int = NOTE
) -> int:
    topics = _ids(data, "topics.yml", "topics")
    actors = _ids(data, "actors.yml", "actors")[: MAX_PAGES_PER_CLAIM - 1 - len(topics)]
    if not wide:
        topics, actors = topics[:1], actors[:1]
    everyone = "[" + ", ".join(actors) + "]"
    said_by = everyone if len(actors) > 1 else actors[0]
    # The template's title and byline, which the source quotes, then the quoted paragraphs.
    head = TEMPLATE.with_suffix(".txt").read_text(encoding="utf-8").splitlines()[:2]
    blocks = [range(f, min(f + per_source, claims)) for f in range(0, claims, per_source)]
    for block, numbers in enumerate(blocks):
        source_id = f"{SOURCE}-{block + 1}"
        words = "Een lange alinea die een bewering in het archief draagt, woord voor woord. "
        paragraphs = [_long(words, QUOTE, i) for i in numbers]
        text = "\n".join(head + paragraphs) + "\n"
        (data / "sources" / f"{source_id}.txt").write_text(text, encoding="utf-8")
        source = TEMPLATE.read_text(encoding="utf-8")
        source = source.replace("ai-chips-europe", source_id).replace("anna-de-vries", "null")
        title = f"boilerplate:\n  - quote: '{head[0]}'\n    reason: {{en: Title, nl: Titel}}\n"
        source = source.replace("boilerplate:\n", title)
        (data / "sources" / f"{source_id}.yml").write_text(source, encoding="utf-8")
        others = blocks[(block + 1) % len(blocks)]
        rows = []
        for i, paragraph in zip(numbers, paragraphs, strict=True):
            length = TEXT if wide else TEXT // 8
            said = _long("A claim restated at the greatest length a text may have. ", length, i)
            row = (
                f"  - id: worst-claim-{i}\n    quote: '{paragraph}'\n"
                f"    text:\n      en: '{said}'\n      nl: '{said}'\n"
                f"    kind: fact\n    said_by: {said_by}\n    about: {everyone}\n"
                f"    topics: [{', '.join(topics)}]\n"
            )
            if relations:
                why = _long("Why the quotes bear the relation out, at length. ", note, i)
                row += "    relations:\n" + "".join(
                    f"      - {{kind: contradicts, claim: worst-claim-"
                    f"{others[(i + r) % len(others)]}, note: {{en: '{why}', nl: '{why}'}}}}\n"
                    for r in range(relations)
                )
            rows.append(row)
        claims_file = data / "claims" / f"{source_id}.yml"
        claims_file.write_text("claims:\n" + "".join(rows), encoding="utf-8")
    return claims


def add_record_pages(data: Path, actors: int = MAX_PR_RECORDS) -> int:
    """`actors` new actors, each with a page of its own in every language; the number."""
    rows = "".join(
        f"  - id: worst-actor-{i}\n    name: {{en: Actor {i}, nl: Actor {i}}}\n"
        f"    kind: organisation\n    description: {{en: An actor., nl: Een actor.}}\n"
        for i in range(actors)
    )
    with open(data / "actors.yml", "a", encoding="utf-8") as f:
        f.write("\n" + rows)
    return actors


def add_aliases(data: Path) -> int:
    """Every actor of the data given MAX_ALIASES spellings of MAX_ALIAS_LENGTH characters (the
    voice check looks for each in every claim naming the actor, the search index tags entries
    with them); the number of actors changed."""
    path = data / "actors.yml"
    text = re.sub(r"(?m)^    aliases: .*\n", "", path.read_text(encoding="utf-8"))

    def spelled(match: re.Match) -> str:
        names = [
            _long(f"{match[1]} spelled another way ", MAX_ALIAS_LENGTH, n)
            for n in range(MAX_ALIASES)
        ]
        return match[0] + "    aliases: [" + ", ".join(f"'{n}'" for n in names) + "]\n"

    text, actors = re.subn(r"(?m)^  - id: ([\w-]+)\n", spelled, text)
    path.write_text(text, encoding="utf-8")
    return actors


def add_events(data: Path, events: int | None = None) -> int:
    """New events, each drawn on the most pages an event may be (the timeline, and as many actors
    and topics as that leaves), citing the most claims an event may, with long titles: as many
    as the page bound allows, or `events`; the number."""
    topics = _ids(data, "topics.yml", "topics")
    actors = _ids(data, "actors.yml", "actors")[: MAX_PAGES_PER_CLAIM - 1 - len(topics)]
    claims = _real_claims(data)
    if events is None:
        events = min(MAX_PR_RECORDS, MAX_PR_CLAIM_PAGES // MAX_PAGES_PER_CLAIM)
    rows = "".join(
        f"  - id: worst-event-{i}\n    date: {{value: '2025-01-{i % 28 + 1:02}', basis: stated}}\n"
        f"    title: {{en: '{_long('An event told at length. ', TEXT, i)}', "
        f"nl: '{_long('Een lang verteld voorval. ', TEXT, i)}'}}\n"
        f"    actors: [{', '.join(actors)}]\n    topics: [{', '.join(topics)}]\n"
        f"    evidence: [{', '.join(claims[i % 8 :: 8][:MAX_EVIDENCE_PER_EVENT])}]\n"
        for i in range(events)
    )
    with open(data / "events.yml", "a", encoding="utf-8") as f:
        f.write("\n" + rows)
    return events


def add_terms(data: Path) -> int:
    """New glossary terms, each a word the real claims' texts use most (a term is linked, with
    its definition on hover, at its first occurrence on every page), with the longest
    definitions the byte bound leaves room for; the number."""
    counts: dict[str, int] = {}
    for path in sorted((data / "claims").glob("*.yml")):
        for claim in yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]:
            for lang in ("en", "nl"):
                for word in set(re.findall(r"[^\W\d_]{2,}", claim["text"][lang].lower())):
                    counts[word] = counts.get(word, 0) + 1
    glossary = yaml.safe_load((data / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    known = {t["term"][lang].lower() for t in glossary for lang in ("en", "nl")}
    length = int(0.95 * MAX_PR_BYTES) // MAX_PR_RECORDS // 2 - 60
    words = sorted(counts, key=lambda w: -counts[w])[:MAX_PR_RECORDS]
    rows = "".join(
        f"  - id: worst-term-{i}\n    term: {{en: '{w}', nl: '{w}'}}\n"
        f"    definition: {{en: '{_long('A definition at length. ', length, i)}', "
        f"nl: '{_long('Een lange omschrijving. ', length, i)}'}}\n"
        for i, w in enumerate(words)
        if w not in known
    )
    with open(data / "glossary.yml", "a", encoding="utf-8") as f:
        f.write("\n" + rows)
    return rows.count("  - id: ")


def _real_claims(data: Path) -> list[str]:
    ids = []
    for path in sorted((data / "claims").glob("*.yml")):
        ids += [c["id"] for c in yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]]
    return ids


def add_topics(data: Path) -> int:
    """New topics (each a briefing, a record page in every language, and an entry of the
    briefings index), each summarised citing every real claim, as many as the byte bound and the
    record bound allow; the number."""
    evidence = "".join(f"      - {c}\n" for c in _real_claims(data)[:MAX_EVIDENCE])
    summary = _long("A briefing summarised at length. ", TEXT // 4, 0)

    def row(i: int) -> str:
        return (
            f"  - id: worst-topic-{i}\n    name: {{en: Topic {i}, nl: Onderwerp {i}}}\n"
            f"    summary: {{en: '{summary}', nl: '{summary}'}}\n    evidence:\n{evidence}"
        )

    topics = min(MAX_PR_RECORDS, int(0.95 * MAX_PR_BYTES) // (len(row(MAX_PR_RECORDS)) + 1))
    with open(data / "topics.yml", "a", encoding="utf-8") as f:
        f.write("\n" + "".join(row(i) for i in range(topics)))
    return topics


def add_comparisons(data: Path) -> int:
    """New axes comparisons of MAX_COMPARISON_COLUMNS sides (each row is drawn once a side, with
    its poles' texts), with long poles, as many rows as the record bound allows (a comparison
    counts once, and once for each row, side and cell); the number of rows."""
    actors = _ids(data, "actors.yml", "actors")[:MAX_COMPARISON_COLUMNS]
    claims = _real_claims(data)
    sides = len(actors)
    rows_each = 6
    weight = 1 + rows_each + sides + rows_each * sides
    files = MAX_PR_RECORDS // weight
    pole = _long("A pole of the axis, named at length. ", TEXT // 2, 0)
    columns = "".join(
        f"  - {{id: side-{j}, label: {{en: Side {j}, nl: Kant {j}}}, actor: {a}}}\n"
        for j, a in enumerate(actors)
    )
    positions = ", ".join(f"side-{j}: {'left' if j % 2 else 'right'}" for j in range(sides))
    for f in range(files):
        rows = "".join(
            f"  - id: row-{i}\n    poles: {{left: {{en: '{pole}', nl: '{pole}'}}, "
            f"right: {{en: '{pole}', nl: '{pole}'}}}}\n    positions: {{{positions}}}\n"
            f"    evidence: [{claims[i]}]\n"
            for i in range(rows_each)
        )
        (data / "comparisons" / f"worst-axes-{f}.yml").write_text(
            f"id: worst-axes-{f}\nkind: axes\ntitle: {{en: Axes {f}, nl: Assen {f}}}\n"
            f"said_by: null\ncolumns:\n{columns}rows:\n{rows}",
            encoding="utf-8",
        )
    return files * rows_each


def add_search_tags(data: Path) -> int:
    """Actors with the longest names and the most and longest aliases, and claims whose texts
    name every one of them (each entry of the search index is tagged with the other spellings of
    the actors it names), as many of each as the record bound allows; the number of claims."""
    each = (MAX_PR_RECORDS - 3 * 3) // 2  # three sources, each counting 3
    aliases = ", ".join(
        f"'{n:02} " + "x" * (MAX_ALIAS_LENGTH - 3) + "'" for n in range(MAX_ALIASES)
    )
    rows = "".join(
        f"  - id: tagged-{i}\n    name: {{en: Q{i:03}, nl: {'N' * MAX_ACTOR_NAME_LENGTH}}}\n"
        f"    kind: organisation\n    description: {{en: An actor., nl: Een actor.}}\n"
        f"    aliases: [{aliases}]\n"
        for i in range(each)
    )
    with open(data / "actors.yml", "a", encoding="utf-8") as f:
        f.write("\n" + rows)
    _add_claims(data, each, PER_SOURCE, wide=False, relations=0)
    names = " ".join(f"Q{i:03}" for i in range(each))[: TEXT - 10]
    for path in (data / "claims").glob(f"{SOURCE}-*.yml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^      (en|nl): '.*'$", lambda m: f"      {m[1]}: '{names}'", text)
        path.write_text(text, encoding="utf-8")
    return each


def add_feeds(data: Path, topics: int = 230, relating: int = 27, targets: int = 8) -> int:
    """The fifth attacker's shape: new topics with the longest names, one source whose claims
    touch every one of them (each topic has a feed, with an entry for the source) and whose
    other claims state the most relations, with long texts, to a second source; the number of
    new topics. Every topic feed listed all the source brought: 1 GB of feeds."""
    ids = [f"fd-topic-{i}" for i in range(topics)]
    actors = _ids(data, "actors.yml", "actors")
    wide = -(-topics // (MAX_PAGES_PER_CLAIM - 2))

    def source(sid: str, count: int) -> list[str]:
        words = "Een alinea die een bewering in het archief draagt, woord voor woord. "
        paragraphs = [_long(words, 300, f"{sid} {i}") for i in range(count)]
        (data / "sources" / f"{sid}.txt").write_text("\n".join(paragraphs) + "\n", "utf-8")
        text = TEMPLATE.read_text(encoding="utf-8").replace("ai-chips-europe", sid)
        text = re.sub(r"boilerplate:\n.*?\n.*?\n", "boilerplate: []\n", text)
        text = text.replace("anna-de-vries", "null").replace(
            "title_kind: original", "title_kind: editorial"
        )
        title = _long(
            "A source title given at the greatest length a title may have. ", MAX_TITLE_LENGTH, 0
        )
        text = re.sub(
            r"title:\n  en: .*\n  nl: .*\n", f"title:\n  en: '{title}'\n  nl: '{title}'\n", text
        )
        (data / "sources" / f"{sid}.yml").write_text(text, encoding="utf-8")
        return paragraphs

    def claim(cid: str, quote: str, said: str, actor: str, on: list[str], more: str = "") -> str:
        return (
            f"  - id: {cid}\n    quote: '{quote}'\n    text: {{en: '{said}', nl: '{said}'}}\n"
            f"    kind: assessment\n    said_by: {actor}\n    about: [{actor}]\n"
            f"    topics: [{', '.join(on)}]\n{more}"
        )

    rows = [
        claim(
            f"fd-target-{i}",
            q,
            _long("A target claim at length. ", TEXT, i),
            actors[i + 7],
            ["ai-race"],
        )
        for i, q in enumerate(source("fd-target", targets))
    ]
    (data / "claims" / "fd-target.yml").write_text("claims:\n" + "".join(rows), "utf-8")
    paragraphs = source("fd-src", wide + relating)
    step = MAX_PAGES_PER_CLAIM - 2
    rows = [
        claim(
            f"fd-wide-{i}",
            paragraphs[i],
            f"A wide claim {i}.",
            "china",
            ids[i * step : (i + 1) * step],
        )
        for i in range(wide)
    ]
    relations = "    relations:\n" + "".join(
        f"      - {{kind: supports, claim: fd-target-{r}, note: {{en: Both., nl: Beide.}}}}\n"
        for r in range(targets)
    )
    rows += [
        claim(f"fd-rel-{j}", paragraphs[wide + j], _long("A relating claim at length. ", TEXT, j),
              actors[j % len(actors)], [ids[j % topics]], relations)
        for j in range(relating)
    ]  # fmt: skip
    (data / "claims" / "fd-src.yml").write_text("claims:\n" + "".join(rows), "utf-8")
    with open(data / "topics.yml", "a", encoding="utf-8") as f:
        f.write("\n" + "".join(
            f"  - id: {t}\n    name: {{en: '{_long('A briefing named. ', MAX_TITLE_LENGTH, i)}', "
            f"nl: '{_long('Een briefing. ', MAX_TITLE_LENGTH, i)}'}}\n"
            f"    summary: {{en: 'A briefing {i}.', nl: 'Een briefing {i}.'}}\n"
            f"    evidence: [fd-wide-{i // step}]\n"
            for i, t in enumerate(ids)
        ))  # fmt: skip
    return topics


def add_cited_titles(data: Path) -> int:
    """The sixth attacker's shape: the real sources retitled at the greatest length a title may
    have, of characters that grow when escaped ('&'), and new briefings each citing as many real
    claims as a record may, as many as the record bound leaves; the number of briefings. Each
    citation's link carries its source's title."""
    title = ("R&D " * MAX_TITLE_LENGTH)[:MAX_TITLE_LENGTH].strip()
    used = 0
    for path in sorted((data / "sources").glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        used += _records_in("sources", doc)
        text = re.sub(
            r"(?m)^title:\n  en: .*\n  nl: .*\n",
            f"title:\n  en: '{title}'\n  nl: '{title}'\n",
            path.read_text(encoding="utf-8"),
        )
        text = text.replace("title_kind: original", "title_kind: editorial")
        path.write_text(text, encoding="utf-8")
    cited = ", ".join(_real_claims(data)[:MAX_EVIDENCE])
    topics = MAX_PR_RECORDS - used
    with open(data / "topics.yml", "a", encoding="utf-8") as f:
        f.write("\n" + "".join(
            f"  - id: cited-{i}\n    name: {{en: Cited {i}, nl: Geciteerd {i}}}\n"
            f"    summary: {{en: 'A briefing {i}.', nl: 'Een briefing {i}.'}}\n"
            f"    evidence: [{cited}]\n"
            for i in range(topics)
        ))  # fmt: skip
    return topics


def add_largest_archive(data: Path) -> int:
    """A new source whose archived text is one paragraph as long as the byte bound allows,
    quoted once at its end (every paragraph must be quoted); its size in bytes."""
    add_costliest_claims(data, 1)
    path = data / "sources" / f"{SOURCE}-1.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    room = MAX_PR_BYTES - 40_000 - len("\n".join(lines).encode())
    filler = "Een alinea zonder einde, die het archief zo groot maakt als mag. " * (room // 66)
    lines[-1] = filler + lines[-1]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path.stat().st_size


def add_everything(data: Path) -> tuple[int, int]:
    """The claims of `add_costliest_claims` and, up to MAX_PR_RECORDS with their sources, actors."""
    claims = add_costliest_claims(data)
    # A source counts as one record and one for each boilerplate entry (the byline, the title).
    sources = sum(
        _records_in("sources", yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in (data / "sources").glob(f"{SOURCE}-*.yml")
    )
    return claims, add_record_pages(data, MAX_PR_RECORDS - claims - sources)


CONSTRUCTS = {
    "claim pages": add_costliest_claims,
    "record pages": add_record_pages,
    "relations": add_relations,
    "aliases": add_aliases,
    "events": add_events,
    "terms": add_terms,
    "topics": add_topics,
    "comparisons": add_comparisons,
    "search tags": add_search_tags,
    "feeds": add_feeds,
    "cited titles": add_cited_titles,
    "largest archive": add_largest_archive,
    "both at once": add_everything,
}


def added_size(data: Path, base: Path) -> int:
    """Bytes the construct grew the data by (it only adds lines), against MAX_PR_BYTES."""
    size = sum(p.stat().st_size for p in data.rglob("*") if p.is_file())
    return size - sum(p.stat().st_size for p in base.rglob("*") if p.is_file())


def copy_data(target: Path) -> Path:
    shutil.copytree(REPO / "data", target)
    return target


assert QUOTE * 2 + TEXT * 2 < MAX_PR_BYTES // (MAX_PR_CLAIM_PAGES // MAX_PAGES_PER_CLAIM)
