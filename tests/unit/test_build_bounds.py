"""Issue 26, round three: what a build costs is bounded at `check`, before any build.

An attacker briefed with SECURITY.md built 5,500 extra actors (valid, each a page in both
languages) in 54 s of CPU, within the memory and site budgets; and spread finding 1's claims,
each about and by every actor and in every topic, over many sources: every page built, then the
site budget refused 615 MB. `check` now refuses both, with their place: more record pages than
MAX_RECORD_PAGES, and a claim drawn on more than MAX_PAGES_PER_CLAIM pages."""

from __future__ import annotations

import time
from pathlib import Path

from macros.cli.commands import main
from macros.facts import limits

ACTORS = "data/actors.yml"


def _actors(n: int) -> str:
    return "".join(
        f"  - id: extra-{i}\n    name: {{en: Extra {i}, nl: Extra {i}}}\n    kind: organisation\n"
        f"    description: {{en: An organisation., nl: Een organisatie.}}\n"
        for i in range(n)
    )


def _check(data_dir: Path, capsys) -> tuple[int, str]:
    code = main(["--data", str(data_dir), "check"])
    return code, capsys.readouterr().err


def test_thousands_of_extra_actors_are_refused_at_the_first_page_beyond_the_bound(data_dir, capsys):
    # The fixture has one source and three actors (four record pages) before the extra ones,
    # and a topic and two comparisons after them.
    with open(data_dir / "actors.yml", "a", encoding="utf-8") as f:
        f.write(_actors(5_500))
    start = time.process_time()
    code, err = _check(data_dir, capsys)
    assert time.process_time() - start < 2.0  # refused by check, within its own contract
    first_beyond = limits.MAX_RECORD_PAGES - 4
    line = 2 + 4 * (3 + first_beyond)  # each actor takes four lines after `actors:`
    assert code == 1
    assert err.splitlines()[0] == (
        f"{ACTORS}:{line}:5: actor 'extra-{first_beyond}' would be record page "
        f"{limits.MAX_RECORD_PAGES + 1:,}; the site may have at most {limits.MAX_RECORD_PAGES:,} "
        "(sources, actors, briefings and comparisons together, each a page in every language), "
        "so that any fact base builds in bounded time"
    )
    assert err.count("would be record page") == 1


def test_as_many_record_pages_as_the_bound_pass(data_dir, capsys):
    with open(data_dir / "actors.yml", "a", encoding="utf-8") as f:
        f.write(_actors(limits.MAX_RECORD_PAGES - 7))  # with the fixture's seven, the bound
    code, err = _check(data_dir, capsys)
    assert code == 0, err


def test_a_claim_spread_over_every_page_is_refused_at_check(data_dir, capsys):
    # The spread attack's claim: about and said by every actor, in every topic. Here 17 actors
    # and one topic with its source: 19 pages.
    with open(data_dir / "actors.yml", "a", encoding="utf-8") as f:
        f.write(_actors(17))
    everyone = "[" + ", ".join(f"extra-{i}" for i in range(17)) + "]"
    path = data_dir / "claims" / "sample-news.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    about: [russia, china]\n", f"    about: {everyone}\n", 1),
        encoding="utf-8",
    )
    code, err = _check(data_dir, capsys)
    assert code == 1
    assert err.splitlines()[0] == (
        "data/claims/sample-news.yml:7:5: claim 'russia-seeks-china' would be drawn on 19 pages "
        "(its source's, and one for each actor and topic it names: 17 and 1); a claim may be on "
        "at most "
        f"{limits.MAX_PAGES_PER_CLAIM}: name the actors and topics it is chiefly about"
    )


def test_the_real_claims_are_far_within_the_bound():
    from macros.facts import factbase
    from tests.conftest import REPO

    fb = factbase.load(REPO / "data")
    pages = [
        1 + len((set(c.about) | set(c.said_by_all)) - {"author"}) + len(set(c.topics))
        for c in fb.claims.values()
    ]
    assert max(pages) <= limits.MAX_PAGES_PER_CLAIM // 2
    record_pages = len(fb.sources) + len(fb.actors) + len(fb.topics) + len(fb.comparisons)
    assert record_pages * 50 < limits.MAX_RECORD_PAGES


def test_an_id_named_twice_in_a_list_is_refused_with_its_place(data_dir, capsys):
    # The attacker of 2026-12-07: `about: [china × 1000]` passed check (the page bound counts
    # distinct pages) and put 'china' 1,204 times into facts.json.
    from tests.conftest import edit
    from tests.mutations import assert_refused_at

    edit(data_dir / "claims" / "sample-news.yml", "about: [russia, china]",
         "about: [russia, china" + ", china" * 1000 + "]")  # fmt: skip
    assert_refused_at(
        data_dir, capsys, "data/claims/sample-news.yml:7:", "names 'china' twice; list each id once"
    )


def test_an_actor_has_at_most_twenty_other_spellings_each_once_and_short(data_dir, capsys):
    # The attacker of the round after the pull-request bound: one changed actor whose aliases
    # were 90,000 short spellings on one line (one record within the bound) took check 10 s (a
    # pattern per spelling per claim) and a build 201 s (every entry naming it tagged with all).
    from tests.conftest import edit
    from tests.mutations import assert_refused_at

    actors = data_dir / "actors.yml"
    many = ", ".join(f"q{i}" for i in range(limits.MAX_ALIASES + 1))
    edit(actors, "    kind: country\n", f"    kind: country\n    aliases: [{many}]\n")
    assert_refused_at(data_dir, capsys, "data/actors.yml:", "at most 20 items")
    edit(actors, f"[{many}]", "[Moskou, Moskou]")
    assert_refused_at(data_dir, capsys, "data/actors.yml:", "names 'Moskou' twice")
    edit(actors, "[Moskou, Moskou]", "[" + "M" * (limits.MAX_ALIAS_LENGTH + 1) + "]")
    assert_refused_at(data_dir, capsys, "data/actors.yml:", "at most 100 characters")
    edit(actors, "[" + "M" * (limits.MAX_ALIAS_LENGTH + 1) + "]", "[Moskou, Moscow]")
    assert main(["--data", str(data_dir), "check"]) == 0


def test_a_claim_has_at_most_eight_relations(data_dir, capsys):
    # 4,000 relations (ten a claim) drew 2,800 extra pages of the briefings' disagreement lists.
    from tests.conftest import edit
    from tests.mutations import assert_refused_at

    relation = "      - {kind: supports, claim: other-claim, note: {en: A note., nl: Een noot.}}\n"
    many = "    relations:\n" + relation * (limits.MAX_RELATIONS_PER_CLAIM + 1)
    path = data_dir / "claims" / "sample-news.yml"
    edit(path, "  - id: us-weighs-controls\n", many + "  - id: us-weighs-controls\n")
    assert_refused_at(data_dir, capsys, "data/claims/sample-news.yml:", "at most 8 items")


def test_an_event_is_drawn_on_at_most_as_many_pages_as_a_claim_and_cites_at_most_eight(
    data_dir, capsys
):
    from tests.conftest import edit
    from tests.mutations import assert_refused_at

    events = data_dir / "events.yml"
    text = events.read_text(encoding="utf-8")
    actors = ", ".join(f"extra-{i}" for i in range(limits.MAX_PAGES_PER_CLAIM))
    with open(data_dir / "actors.yml", "a", encoding="utf-8") as f:
        f.write(_actors(limits.MAX_PAGES_PER_CLAIM))
    # The fixture's first event names two actors and one topic: with these, 1 + 16 + 1 pages.
    events.write_text(text.replace("    actors: [russia, china]\n", f"    actors: [{actors}]\n", 1))
    assert_refused_at(data_dir, capsys, "data/events.yml:4:", "would be drawn on 18 pages")
    events.write_text(text, encoding="utf-8")
    edit(events, "    evidence: [", "    evidence: [" + "".join(f"x{i}, " for i in range(8)))
    assert_refused_at(data_dir, capsys, "data/events.yml:", "at most 8 items")


def test_a_glossary_term_has_at_most_eight_words(data_dir, capsys):
    # The second attacker of 2026-12-07: a term whose expansion was 991 words, and 40 summaries
    # of one repeated word, built for 80 s: the glossary links walk a term's words at every word.
    from tests.mutations import assert_refused_at

    glossary = data_dir / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    long = " ".join(["x"] * (limits.MAX_TERM_WORDS + 1))
    head = text.index("    term: ")
    end = text.index("\n", head)
    glossary.write_text(text[:head] + f"    term: {{en: {long}, nl: x}}" + text[end:], "utf-8")
    line = text.count("\n", 0, head) + 1
    assert_refused_at(data_dir, capsys, f"data/glossary.yml:{line}:", "at most 8 words")


def test_a_comparison_has_at_most_six_sides(data_dir, capsys):
    # The third attacker of 2026-12-07: 165 sides drew every row 165 times (a 1.7 MB page; 40
    # such files built for 41 s at 1.9 GB).
    from tests.mutations import assert_refused_at

    path = next((data_dir / "comparisons").glob("*.yml"))
    text = path.read_text(encoding="utf-8")
    head = text.index("columns:\n") + len("columns:\n")
    extra = "".join(
        f"  - {{id: side-{i}, label: {{en: S{i}, nl: S{i}}}, actor: russia}}\n"
        for i in range(limits.MAX_COMPARISON_COLUMNS)
    )
    path.write_text(text[:head] + extra + text[head:], encoding="utf-8")
    where = f"data/comparisons/{path.name}:"
    assert_refused_at(data_dir, capsys, where, f"at most {limits.MAX_COMPARISON_COLUMNS} items")


def test_an_actor_name_is_at_most_a_hundred_characters(data_dir, capsys):
    # The fourth attacker of 2026-12-07 gave actors Dutch names of 2,000 characters, each a
    # spelling the search index tags entries with.
    from tests.conftest import edit
    from tests.mutations import assert_refused_at

    long = "R" * (limits.MAX_ACTOR_NAME_LENGTH + 1)
    edit(data_dir / "actors.yml", "nl: Rusland}", f"nl: {long}}}")
    assert_refused_at(data_dir, capsys, "data/actors.yml:3:", "at most 100 characters")


def test_a_title_is_at_most_two_hundred_characters_and_a_record_cites_at_most_forty(
    data_dir, capsys
):
    # The sixth attacker of 2026-12-07: sources retitled at 2,000 characters, cited by 487 new
    # briefings of 74 claims each (every citation's link carries its source's title), built
    # 5.6 GB before the memory budget refused them.
    from tests.conftest import edit
    from tests.mutations import assert_refused_at

    source = data_dir / "sources" / "sample-news.yml"
    text = source.read_text(encoding="utf-8")
    start = text.index("title:")
    line = text.count("\n", 0, start) + 1
    title = "T" * (limits.MAX_TITLE_LENGTH + 1)
    end = text.index("\ntitle_kind")
    source.write_text(text[:start] + f"title: {{en: {title}, nl: T}}" + text[end:], "utf-8")
    assert_refused_at(data_dir, capsys, f"data/sources/sample-news.yml:{line}:", "at most 200")
    source.write_text(text, encoding="utf-8")
    many = ", ".join(["russia-seeks-china"] + [f"x{i}" for i in range(limits.MAX_EVIDENCE)])
    edit(data_dir / "topics.yml", "evidence: [russia-seeks-china", f"evidence: [{many}")
    assert_refused_at(data_dir, capsys, "data/topics.yml:", "at most 40 items")
