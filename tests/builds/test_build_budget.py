"""Issue 26, finding 1: what a build produces is held to a budget, whatever valid data it reads.

1,150 valid claims appended to one claims file, each quoting a 550-character paragraph and about
every actor, made a site of 447 MB (each actor page 6.8 MB) and a process tree of 5 GB, and the
build exited 0. Now the pages that gather claims from every source (actors, briefings) are paged,
a source's page holds at most MAX_CLAIMS_PER_SOURCE claims (`check` refuses the 301st, at its
line), and the page budget (macros/facts/limits.py, macros/adapter/build/budget.py) refuses any
page still too heavy with a message naming the page and its data file."""

from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import PluginError

from macros.adapter.build import budget
from macros.facts import limits
from tests.conftest import FIXTURE
from tests.sitebuild import mkdocs_build, project_copy

PARAGRAPH = ("Dit is een lange alinea die de bijdrager telkens opnieuw citeert, " * 9)[:550]
# Cards near as long as the data allows (a text field holds 2,000 characters).
LONG_PARAGRAPH = (
    "Een nog veel langere alinea die elke bewering van begin tot eind citeert, " * 27
)[:1_990]
LONG_TEXT = "Claim {i} " + "restates the long paragraph at the greatest length allowed " * 32
LONG_CLAIMS = 250


def test_a_page_over_its_budget_is_refused_with_its_data_file():
    budget.check_page("actors/russia/", "data/actors.yml", limits.MAX_PAGE_BYTES)
    with pytest.raises(PluginError, match=r"^data/actors\.yml:1:1: the page /actors/russia/ "):
        budget.check_page("actors/russia/", "data/actors.yml", limits.MAX_PAGE_BYTES + 1)


def test_a_site_over_its_budget_is_refused(tmp_path, monkeypatch):
    (tmp_path / "a.html").write_bytes(b"x" * 5_000)
    monkeypatch.setattr(budget, "MAX_SITE_BYTES", 4_999)
    with pytest.raises(PluginError, match=r"^data/claims/x\.yml:1:1: the site would be"):
        budget.check_site(tmp_path, (5_000, "sources/x/", "data/claims/x.yml"))
    monkeypatch.setattr(budget, "MAX_SITE_BYTES", 5_000)
    budget.check_site(tmp_path, None)


def test_memory_over_its_budget_is_refused():
    budget.check_memory(None, limits.MAX_BUILD_MEMORY)
    with pytest.raises(PluginError, match=r"the build took 1,025 MiB of memory; it may take at"):
        budget.check_memory((1, "actors/x/", "data/actors.yml"), 1025 * 2**20)
    assert budget.tree_peak_memory() > 10 * 2**20  # this very process: a real figure


def _attack(project, claims: int, paragraph: str = PARAGRAPH, text: str = "") -> None:
    """Finding 1's shape in the minimal project: `claims` claims appended to one claims file,
    each quoting one long paragraph, said by every actor together and about every actor, in
    every topic (the fixture has three actors and one topic; the real data 29 and 7)."""
    data = project / "data"
    with open(data / "sources" / "sample-news.txt", "a", encoding="utf-8") as f:
        f.write(f"\n{paragraph}\n")
    everyone = "[russia, china, united-states]"
    said = text or "Claim {i} says so at length."
    rows = "".join(
        f"  - id: many-{i}\n    quote: {paragraph.strip()}\n"
        f"    text: {{en: {said.format(i=i)}, nl: {said.format(i=i)}}}\n"
        f"    kind: fact\n    said_by: {everyone}\n    about: {everyone}\n"
        "    topics: [cooperation]\n"
        for i in range(claims)
    )
    with open(data / "claims" / "sample-news.yml", "a", encoding="utf-8") as f:
        f.write(rows)


@pytest.mark.build
def test_the_attack_in_one_file_is_refused_by_the_limit_on_claims_per_source(tmp_path):
    # 1,150 claims in one source: its page would hold all of them at their permalinks.
    project = project_copy(tmp_path / "project", FIXTURE)
    _attack(project, 1_150)
    run = mkdocs_build(project)
    assert run.returncode == 1, run.stderr[-2000:]
    beyond = f"many-{limits.MAX_CLAIMS_PER_SOURCE - 2}"  # after the fixture's two claims
    where = f"data/claims/sample-news.yml:{_line_of(project, beyond)}:"
    assert where in run.stderr, run.stderr[-3000:]
    assert f"a source may have at most {limits.MAX_CLAIMS_PER_SOURCE}" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (project / "site").exists()  # no half-written site


def _line_of(project, claim_id: str) -> int:
    lines = (project / "data/claims/sample-news.yml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line == f"  - id: {claim_id}")


@pytest.mark.build
def test_the_attacks_shape_within_the_limit_builds_paged_with_every_page_in_budget(tmp_path):
    # As many claims as a source may have, about and by every actor: the actor and topic pages
    # are paged, and every page, the source's included, stays within the page budget.
    project = project_copy(tmp_path / "project", FIXTURE)
    _attack(project, limits.MAX_CLAIMS_PER_SOURCE - 2)  # the fixture's two, and these
    run = mkdocs_build(project)
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / "site"
    sizes = {p: p.stat().st_size for p in site.rglob("*.html")}
    assert max(sizes.values()) <= limits.MAX_PAGE_BYTES
    for root in ("", "nl/"):
        for actor in ("russia", "china", "united-states"):
            later = sorted((site / root / "actors" / actor / "page").glob("*/index.html"))
            # Each is about one of the fixture's claims and every appended one: pages of 20.
            assert len(later) + 1 == -(-(limits.MAX_CLAIMS_PER_SOURCE - 1) // 20), actor
        source = site / root / "sources" / "sample-news" / "index.html"
        assert source.read_text(encoding="utf-8").count("data-claim=") == (
            limits.MAX_CLAIMS_PER_SOURCE
        )
    actor = max((p for p in sizes if "/actors/russia/" in p.as_posix()), key=sizes.__getitem__)
    # A page of an actor holds its two lists' twenty claims each, whatever the record gathers.
    assert sizes[actor] < 0.25 * limits.MAX_PAGE_BYTES


@pytest.mark.build
def test_a_page_over_its_budget_still_fails_the_build_with_its_data_file(tmp_path):
    # The page budget stays the backstop: with a page size that lets an actor's lists run to
    # hundreds of long cards, its page would weigh more than a page may, and the build refuses
    # it as it is written, naming the data file behind it.
    project = project_copy(tmp_path / "project", FIXTURE)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("page_size: 20", "page_size: 1000"), encoding="utf-8")
    _attack(project, LONG_CLAIMS, LONG_PARAGRAPH, LONG_TEXT)
    run = mkdocs_build(project)
    assert run.returncode == 1, run.stderr[-2000:]
    found = re.search(r"data/actors\.yml:1:1: the page /(nl/)?actors/[a-z-]+/ would be", run.stderr)
    assert found and "a page may be at most" in run.stderr, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    assert not (project / "site").exists()  # no half-written site


def test_the_site_and_memory_budgets_are_watched_while_pages_are_written(monkeypatch):
    # Issue 26, round after the pull-request bound: a fan-out no bound foresaw (events naming
    # every actor) built 69 s at 4 GB before the check at the end refused its 783 MB site.
    counts = {"claims": 10}
    limit = budget.site_budget(10)
    budget.check_growing(limit, 1, (5, "x/", "data/events.yml"), counts)
    with pytest.raises(PluginError, match=r"^data/events\.yml:1:1: the site would be more than"):
        budget.check_growing(limit + 1, 2, (5, "x/", "data/events.yml"), counts)
    monkeypatch.setattr(budget, "tree_peak_memory", lambda: 2**40)
    budget.check_growing(0, budget.MEMORY_EVERY - 1, None, counts)  # not read on this page
    with pytest.raises(PluginError, match=r"the build took .* MiB of memory"):
        budget.check_growing(0, budget.MEMORY_EVERY, None, counts)
