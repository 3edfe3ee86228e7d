"""The real fact base: its size, its coverage of the articles, its schema, its fidelity rules."""

from __future__ import annotations

import json

from macros.facts import schema
from tests.conftest import REPO


def test_the_fact_base_meets_its_minimums(real_fb):
    counts = real_fb.counts()
    assert counts["sources"] >= 2 and counts["claims"] >= 45
    assert counts["actors"] >= 20 and counts["topics"] >= 6 and counts["events"] >= 10
    assert len(real_fb.terms) >= 12 and counts["comparisons"] >= 3
    kinds = {c.kind for c in real_fb.claims.values()}
    assert {"fact", "statistic", "assessment", "opinion", "question"} <= kinds


def test_every_paragraph_is_quoted_or_declared_boilerplate(real_fb):
    for source_id in real_fb.sources:
        assert real_fb.uncovered(source_id) == [], source_id


def test_the_committed_schemas_are_the_generated_ones():
    folder = REPO / "data" / "schema"
    generated = schema.schemas()
    assert sorted(p.name for p in folder.glob("*.json")) == sorted(generated)
    for name, text in generated.items():
        assert (folder / name).read_text(encoding="utf-8") == text, (
            f"{name} is stale: run `python -m macros schema`"
        )


def test_every_data_file_names_its_schema_for_editors():
    for path in (REPO / "data").rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file() and json.loads(target.read_text()), path


def test_claims_are_in_document_order_per_source(real_fb):
    for claim_ids in real_fb.claims_by_source.values():
        places = [
            (real_fb.claim_place[c].paragraph, real_fb.claim_place[c].offset) for c in claim_ids
        ]
        assert places == sorted(places)


def test_figures_keep_their_qualifiers(real_fb):
    figures = {c: claim.figure for c, claim in real_fb.claims.items() if claim.figure}
    assert any(f.qualifier == "more-than" and f.value == 500_000_000 for f in figures.values())
    for claim_id, figure in figures.items():
        if (
            "Meer dan" in real_fb.claims[claim_id].quote
            or "meer dan" in real_fb.claims[claim_id].quote
        ):
            assert figure.qualifier == "more-than", claim_id


def test_typos_stay_in_quotes_and_are_corrected_in_text(real_fb):
    quotes = " ".join(c.quote for c in real_fb.claims.values())
    texts = " ".join(c.text.en + c.text.nl for c in real_fb.claims.values())
    assert "Invesrment" in quotes or "russen" in quotes
    assert "Invesrment" not in texts and "russen gebruiker" not in texts


def test_opinion_and_reported_speech_are_attributed(real_fb):
    huang = [c for c, claim in real_fb.claims.items() if claim.said_by == "jensen-huang"]
    assert huang and all(real_fb.claim_source[c] == "coppens-no-ai-war" for c in huang)
    analysts = [c for c, claim in real_fb.claims.items() if claim.said_by == "analysts"]
    assert analysts and all(real_fb.claims[c].kind in ("assessment", "forecast") for c in analysts)


def test_inferred_dates_say_what_they_were_inferred_from(real_fb):
    dates = (
        [c.date for c in real_fb.claims.values() if c.date]
        + [e.date for e in real_fb.events.values() if e.date]
        + [s.published for s in real_fb.sources.values() if s.published]
    )
    for date in dates:
        assert (date.basis == "inferred") == (date.inferred_from is not None)
    assert any(e.date is None for e in real_fb.events.values()), "undated events stay undated"


def test_a_reloaded_fact_base_frees_the_one_it_replaces(data_dir):
    """mkdocs serve reloads the fact base after every edit. The old one is held by the old
    build's objects, which form cycles (as MkDocs' config does): freezing must not keep them."""
    import gc
    import weakref

    from macros.adapter import site_pages

    fact_bases = site_pages.FactBases()  # the plugin's, kept across rebuilds
    old_build: dict = {}
    old_build["self"] = old_build  # a cycle, like the config of a finished build
    old_build["fact_base"] = fact_bases.get(data_dir)
    first = weakref.ref(old_build["fact_base"])
    assert fact_bases.get(data_dir) is first()  # unchanged data: the same fact base
    del old_build
    path = data_dir / "actors.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = fact_bases.get(data_dir)
    gc.collect()
    assert first() is None and second is not first()
    gc.unfreeze()
