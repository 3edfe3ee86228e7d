"""Issue 26, finding 1: what a build produces is held to a budget, whatever valid data it reads.

1,150 valid claims quoting a 550-character paragraph, each about every actor, made a site of
447 MB and a process tree of 5 GB, and the build exited 0. The budgets (macros/facts/limits.py,
macros/adapter/build/budget.py) refuse it with a message naming the page and its data file."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from macros.adapter.build import budget
from macros.facts import limits
from tests.conftest import FIXTURE
from tests.sitebuild import mkdocs_build, project_copy

PARAGRAPH = ("Dit is een lange alinea die de bijdrager telkens opnieuw citeert, " * 9)[:550]


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


@pytest.mark.build
def test_valid_claims_that_make_a_huge_page_fail_the_build_with_its_data_file(tmp_path):
    project = project_copy(tmp_path / "project", FIXTURE)
    data = project / "data"
    with open(data / "sources" / "sample-news.txt", "a", encoding="utf-8") as f:
        f.write(f"\n{PARAGRAPH}\n")
    claims = "".join(
        f"  - id: many-{i}\n    quote: {PARAGRAPH.strip()}\n"
        f"    text: {{en: Claim {i} says so at length., nl: Bewering {i} zegt het uitgebreid.}}\n"
        "    kind: fact\n    said_by: author\n    about: [russia, china, united-states]\n"
        "    topics: [cooperation]\n"
        for i in range(1_300)
    )
    with open(data / "claims" / "sample-news.yml", "a", encoding="utf-8") as f:
        f.write(claims)
    run = mkdocs_build(project)
    assert run.returncode == 1, run.stderr[-2000:]
    assert "the page /" in run.stderr and "a page may be at most" in run.stderr, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    assert not (project / "site").exists()  # no half-written site
