"""What the model lets a contributor say about articles: joint statements, a source's note and
archive state, original titles in any language, and relations between claims of two sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markupsafe import escape

from macros.facts import factbase
from macros.outputs.downloads import facts_json
from macros.render.claims import View, claim_card
from macros.render.pages import source_page, topic_page
from tests.conftest import edit, make_view
from tests.mutations import assert_refused_at

OTHER_META = """id: other-news
title: {en: Another item, nl: Een ander bericht}
title_kind: editorial
kind: news
language: nl
author: null
translators: []
publisher: null
published: null
url: null
archived_from: other.txt
added: "2026-12-01"
"""
OTHER_CLAIMS = """claims:
  - id: other-says
    quote: Rusland werkt niet samen met China.
    text: {en: Russia does not cooperate with China., nl: Rusland werkt niet samen met China.}
    kind: fact
    said_by: [russia, china]
    about: [russia, china]
    topics: [cooperation]
    relations:
      - kind: contradicts
        claim: russia-seeks-china
        note:
          en: one says it seeks, the other denies it
          nl: de ene zegt zoeken, de andere ontkent
"""


@pytest.fixture
def two_sources(data_dir: Path) -> Path:
    (data_dir / "sources/other-news.yml").write_text(OTHER_META)
    (data_dir / "sources/other-news.txt").write_text("Rusland werkt niet samen met China.\n")
    (data_dir / "claims/other-news.yml").write_text(OTHER_CLAIMS)
    return data_dir


def _view(fb, lang: str = "en") -> View:
    return make_view(fb, lang, "briefings/cooperation/")


def test_joint_statement_names_every_speaker(two_sources: Path):
    fb = factbase.load(two_sources)
    assert fb.speakers("other-says") == ["russia", "china"]
    assert (
        "other-says" in fb.claims_said_by["russia"] and "other-says" in fb.claims_said_by["china"]
    )
    card = claim_card(_view(fb), "other-says")
    assert 'href="../../actors/russia/"' in card and 'href="../../actors/china/"' in card


def test_joint_statement_with_one_name_is_refused(two_sources: Path, capsys):
    edit(two_sources / "claims/other-news.yml", "said_by: [russia, china]", "said_by: [russia]")
    assert_refused_at(two_sources, capsys, "data/claims/other-news.yml:6:", "at least 2 items")


def test_relation_shows_on_both_cards_and_in_the_briefing(two_sources: Path):
    fb = factbase.load(two_sources)
    v = _view(fb)
    start, end = claim_card(v, "other-says"), claim_card(v, "russia-seeks-china")
    assert "Contradicts:" in start and "sources/sample-news/#russia-seeks-china" in start
    assert "Contradicted by:" in end and "sources/other-news/#other-says" in end
    page = topic_page(v, "cooperation")
    assert "## Where the sources differ or qualify each other" in page
    assert "one says it seeks, the other denies it" in page
    nl = topic_page(_view(fb, "nl"), "cooperation")
    assert "Waar de bronnen verschillen of elkaar nuanceren" in nl and "Tegengesproken door" in nl


def test_briefing_without_disagreement_has_no_such_section(two_sources: Path):
    edit(two_sources / "claims/other-news.yml", "kind: contradicts", "kind: supports")
    fb = factbase.load(two_sources)
    assert "Where the sources differ or qualify each other" not in topic_page(
        _view(fb), "cooperation"
    )
    assert "Supported by:" in claim_card(_view(fb), "russia-seeks-china")


def test_relations_are_in_facts_json(two_sources: Path):
    doc = json.loads(facts_json(factbase.load(two_sources)))
    assert doc["relations"] == [
        {
            "from": "other-says",
            "kind": "contradicts",
            "to": "russia-seeks-china",
            "note": {
                "en": "one says it seeks, the other denies it",
                "nl": "de ene zegt zoeken, de andere ontkent",
            },
        }
    ]


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("claim: russia-seeks-china", "claim: russia-seeks-chin", 11, "unknown claim"),
        ("claim: russia-seeks-china", "claim: other-says", 11, "within one source"),
    ],
)
def test_bad_relations_are_refused(two_sources: Path, capsys, old, new, line, words):
    edit(two_sources / "claims/other-news.yml", old, new)
    assert_refused_at(two_sources, capsys, f"data/claims/other-news.yml:{line}:", words)


def test_a_relation_stated_twice_is_refused(two_sources: Path, capsys):
    edit(
        two_sources / "claims/sample-news.yml",
        "    topics: [cooperation]\n  - id: us-weighs-controls",
        "    topics: [cooperation]\n    relations:\n      - kind: supports\n"
        "        claim: other-says\n        note: {en: x y, nl: x y}\n"
        "  - id: us-weighs-controls",
    )
    assert_refused_at(two_sources, capsys, "data/claims/", "stated already")


def test_a_cycle_of_updates_is_refused(two_sources: Path, capsys):
    edit(two_sources / "claims/other-news.yml", "kind: contradicts", "kind: updates")
    edit(
        two_sources / "claims/other-news.yml",
        "claims:\n",
        "claims:\n  - id: other-two\n    quote: Rusland werkt niet samen met China.\n"
        "    text: {en: a b, nl: a b}\n    kind: fact\n    said_by: author\n"
        "    about: [russia]\n    topics: [cooperation]\n",
    )
    edit(
        two_sources / "claims/sample-news.yml",
        "    topics: [cooperation]\n  - id: us-weighs-controls",
        "    topics: [cooperation]\n    relations:\n      - kind: updates\n"
        "        claim: other-two\n        note: {en: x y, nl: x y}\n"
        "  - id: us-weighs-controls",
    )
    # other-says updates russia-seeks-china, which updates other-two: no cycle yet
    assert factbase.load(two_sources)
    edit(
        two_sources / "claims/other-news.yml",
        "    topics: [cooperation]\n  - id: other-says",
        "    topics: [cooperation]\n    relations:\n      - kind: updates\n"
        "        claim: us-weighs-controls\n        note: {en: x y, nl: x y}\n"
        "  - id: other-says",
    )
    assert factbase.load(two_sources)  # a chain, still no cycle
    edit(
        two_sources / "claims/sample-news.yml",
        "    figure:",
        "    relations:\n      - kind: updates\n        claim: other-says\n"
        "        note: {en: x y, nl: x y}\n    figure:",
    )
    assert_refused_at(two_sources, capsys, "data/claims/", "cycle of updates")


def test_source_note_and_archive_state_are_shown(two_sources: Path):
    with (two_sources / "sources/other-news.yml").open("a") as f:
        f.write("note: {en: Only the lead was kept., nl: Alleen de aanhef is bewaard.}\n")
        f.write("archive: excerpt\n")
    fb = factbase.load(two_sources)
    en, nl = source_page(_view(fb), "other-news"), source_page(_view(fb, "nl"), "other-news")
    assert "Only the lead was kept." in en and "Only the lead" not in nl
    assert "Alleen de aanhef is bewaard." in nl
    assert "An excerpt" in en and "Een uittreksel" in nl
    assert "The full text of the article" in source_page(_view(fb), "sample-news")


def test_original_title_in_another_language_is_checked(two_sources: Path, capsys):
    meta = two_sources / "sources/other-news.yml"
    edit(meta, "title_kind: editorial", "title_kind: original")
    edit(meta, "language: nl", "language: fr")
    assert_refused_at(two_sources, capsys, "data/sources/other-news.yml:1:", "original_title")
    with meta.open("a") as f:
        f.write("original_title: Rusland werkt niet samen\n")
    assert factbase.load(two_sources)
    edit(meta, "original_title: Rusland werkt niet samen", "original_title: La Russie refuse")
    assert_refused_at(two_sources, capsys, "data/sources/other-news.yml:13:", "original title")


def test_ordered_sorts_by_source_paragraph_and_offset(two_sources: Path):
    fb = factbase.load(two_sources)
    assert fb.ordered(["us-weighs-controls", "other-says", "russia-seeks-china"]) == [
        "other-says",
        "russia-seeks-china",
        "us-weighs-controls",
    ]


def test_the_real_articles_carry_relations_shown_on_both_cards_and_in_briefings():
    from tests.conftest import REPO

    fb = factbase.load(REPO / "data")
    assert len(fb.relations) >= 1  # two were dropped as unsupported (issue 22, second reader)
    assert all(fb.claim_source[r.start] != fb.claim_source[r.end] for r in fb.relations)
    for r in fb.relations:
        for lang in ("en", "nl"):
            v = _view(fb, lang)
            assert f"#{r.end}" in claim_card(v, r.start)
            assert f"#{r.start}" in claim_card(v, r.end)
        if r.kind in ("contradicts", "qualifies"):
            for topic in {*fb.claims[r.start].topics, *fb.claims[r.end].topics}:
                page = topic_page(_view(fb), topic)
                assert (
                    "Where the sources differ or qualify each other" in page
                    and escape(r.note.en) in page
                )


def test_takeaways_cite_every_source_before_they_truncate(two_sources: Path, view):
    from macros.render.pages import (
        ENTRY_CITATIONS,
        HOME_CITATIONS,
        across_sources,
        briefings_index,
        home,
    )

    claims = two_sources / "claims/sample-news.yml"
    extra = "".join(
        f"  - id: filler-{i}\n    quote: De VS overwegen exportbeperkingen.\n"
        "    text: {en: a b c, nl: a b c}\n    kind: fact\n    said_by: author\n"
        "    about: [china]\n    topics: [cooperation]\n"
        for i in range(ENTRY_CITATIONS + 2)
    )
    claims.write_text(claims.read_text() + extra)
    topics = two_sources / "topics.yml"
    many = ", ".join(["russia-seeks-china"] + [f"filler-{i}" for i in range(8)] + ["other-says"])
    topics.write_text(
        topics.read_text().replace("evidence: [russia-seeks-china]", f"evidence: [{many}]")
    )
    fb = factbase.load(two_sources)
    evidence = fb.topics["cooperation"].evidence
    assert "other-says" not in evidence[:ENTRY_CITATIONS]  # listed last: it would be hidden
    picked = across_sources(fb, evidence, ENTRY_CITATIONS)
    assert "other-says" in picked[:ENTRY_CITATIONS] and sorted(picked) == sorted(evidence)
    page = home(view(fb, "en", ""))  # a briefing without a takeaway: its evidence
    assert "sources/other-news/#other-says" in page
    more = len(evidence) - HOME_CITATIONS
    assert f'<a href="briefings/cooperation/">and {more} more</a>' in page
    index = briefings_index(view(fb, "en", "briefings/"))
    assert "sources/other-news/#other-says" in index and ">and 4 more</a>" in index
