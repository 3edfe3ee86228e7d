"""Issue 26: what one pull request may add (macros/cli/pr_bound.py, run by CI before the tests).

The attacker of 2026-12-07 added 1,000 valid copies of a source (a 431 kB pull request): each
file within its limits, `check` took 16 s and 717 MB and the review diff 56 s. A pull request is
now bounded as a whole: files, bytes of added lines, records added or changed and the pages its
claims are drawn on, each refused at a place (file:line:col) a contributor can go to."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from macros.cli import commands, pr_bound
from macros.facts import limits
from tests import worst_pr
from tests.third_article import with_third_article

REPO = Path(__file__).resolve().parents[2]


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@localhost", "-C", str(root), *args],
        check=True,
        capture_output=True,
    )


def _commit(root: Path, message: str) -> None:
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", message)


@pytest.fixture
def project(tmp_path) -> Path:
    """A repository holding the real data and prose, committed as the base."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "docs" / "_prose", root / "docs" / "_prose")
    _git(root, "init", "-q")
    _commit(root, "base")
    return root


def _problems(root: Path) -> list[str]:
    _commit(root, "pull request")
    return pr_bound.problems(root, root / "data", "HEAD~1")


def _line(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line == text)


def test_a_thousand_copies_of_a_source_are_refused_before_anything_is_parsed(project, monkeypatch):
    sources = project / "data" / "sources"
    for i in range(1_000):
        for kind, suffix in (("sources", ".yml"), ("sources", ".txt"), ("claims", ".yml")):
            original = project / "data" / kind / f"russia-china-ai-cooperation{suffix}"
            shutil.copy(original, project / "data" / kind / f"copy-{i:04}{suffix}")
    assert len(list(sources.iterdir())) == 2_004

    def never(*_):
        raise AssertionError("the data was read")

    monkeypatch.setattr(pr_bound, "records", never)
    (found,) = _problems(project)
    assert found.startswith("data/claims/copy-0040.yml:1:1: this pull request adds, changes or ")
    touched = (
        f"3,000 files under data/ and docs/_prose/; one may touch at most {limits.MAX_PR_FILES}"
    )
    assert touched in found


def test_records_beyond_the_bound_are_refused_at_the_first_one_beyond(project):
    data = project / "data"
    worst_pr.add_record_pages(data, limits.MAX_PR_RECORDS + 1)
    (found,) = _problems(project)
    line = _line(data / "actors.yml", f"  - id: worst-actor-{limits.MAX_PR_RECORDS}")
    beyond = f"worst-actor-{limits.MAX_PR_RECORDS}"
    assert found.startswith(f"data/actors.yml:{line}:1: actor '{beyond}'")
    assert f"is record {limits.MAX_PR_RECORDS + 1:,} this pull request adds or changes" in found


def test_as_many_records_as_the_bound_pass(project):
    worst_pr.add_record_pages(project / "data", limits.MAX_PR_RECORDS)
    assert _problems(project) == []


def test_claims_drawn_on_more_pages_than_the_bound_are_refused_at_the_claim(project):
    data = project / "data"
    per_claim = limits.MAX_PAGES_PER_CLAIM
    worst_pr.add_costliest_claims(data, limits.MAX_PR_CLAIM_PAGES // per_claim + 1)
    (found,) = _problems(project)
    beyond = limits.MAX_PR_CLAIM_PAGES // per_claim
    source = f"{worst_pr.SOURCE}-{beyond // worst_pr.PER_SOURCE + 1}"
    line = _line(data / "claims" / f"{source}.yml", f"  - id: worst-claim-{beyond}")
    assert found.startswith(f"data/claims/{source}.yml:{line}:1: claim 'worst-claim-{beyond}'")
    assert f"to {limits.MAX_PR_CLAIM_PAGES + per_claim:,}; they may be drawn on at most" in found


def test_a_changed_record_counts_as_an_added_one(project, monkeypatch):
    # Rewriting the real claims into the costliest shape costs as much as adding them.
    monkeypatch.setattr(pr_bound, "MAX_PR_RECORDS", 10)
    path = project / "data" / "claims" / "coppens-no-ai-war.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    kind: ", "    # rewritten\n    kind: "), encoding="utf-8")
    assert _problems(project) == []  # a comment changes no record
    path.write_text(text.replace("said_by: author", "said_by: [author, china]"), "utf-8")
    (found,) = _problems(project)
    assert found.startswith("data/claims/coppens-no-ai-war.yml:")
    assert "is record 11 this pull request adds or changes; one may add or change at most 10" in (
        found
    )


def test_more_bytes_than_the_bound_are_refused_in_the_file_that_passes_it(project):
    archive = project / "data" / "sources" / "russia-china-ai-cooperation.txt"
    line = "Een regel die het archief groter maakt dan een pull request mag. " * 15 + "\n"
    with open(archive, "a", encoding="utf-8") as f:
        f.write(line * (limits.MAX_PR_BYTES // len(line) + 1))
    (found,) = _problems(project)
    assert found.startswith("data/sources/russia-china-ai-cooperation.txt:1:1: this pull request")
    assert f"adds more than {limits.MAX_PR_BYTES:,} bytes of lines" in found


def test_a_gitattributes_cannot_hide_lines_from_the_count(project):
    # `-diff` would make git print "Binary files differ" and count nothing.
    (project / ".gitattributes").write_text("* -diff\n", encoding="utf-8")
    _commit(project, "attributes on the base")
    archive = project / "data" / "sources" / "russia-china-ai-cooperation.txt"
    with open(archive, "a", encoding="utf-8") as f:
        f.write(("x" * 999 + "\n") * (limits.MAX_PR_BYTES // 1_000 + 1))
    (found,) = _problems(project)
    assert "adds more than" in found


def test_an_article_as_contributors_add_it_passes(project):
    shutil.rmtree(project / "data")
    with_third_article(project / "data")
    assert _problems(project) == []


def test_a_hostile_file_name_reaches_the_terminal_escaped(project, capsys):
    for i in range(limits.MAX_PR_FILES + 1):
        name = f"zz-\x1b]52;c;aGk=\x07\x1b[2K-{i:02}.yml"
        (project / "data" / "claims" / name).write_text("claims: []\n", encoding="utf-8")
    _commit(project, "pull request")
    status = commands.main(["--data", str(project / "data"), "pr-bound", "HEAD~1"])
    err = capsys.readouterr().err
    assert status == 1
    assert "one may touch at most" in err
    assert "\x1b" not in err and "\x07" not in err


def test_relations_count_as_records_drawn_on_both_claims_pages(project):
    # The attacker of the round after: 8 sources of 50 claims, each claim contradicting ten of
    # the next source's (4,000 relations, 408 records as counted then) passed, and drew 2,800
    # extra pages of the briefings' disagreement lists. A claim may now state at most eight,
    # and each relation is a record, drawn on the pages of both its claims.
    data = project / "data"
    per_claim = limits.MAX_RELATIONS_PER_CLAIM
    worst_pr._add_claims(data, 400, 50, wide=False, relations=per_claim, note=20)
    (found,) = _problems(project)
    assert ": a relation of claim 'worst-claim-" in found
    assert f"is record {limits.MAX_PR_RECORDS + 1:,} this pull request adds or changes" in found


def test_the_costliest_relations_within_the_bounds_pass_and_one_more_page_does_not(
    project, monkeypatch
):
    relations = worst_pr.add_relations(project / "data")
    assert _problems(project) == []
    # Each relation of these claims (one actor, one topic: three pages each) is on six pages.
    claims = relations // limits.MAX_RELATIONS_PER_CLAIM
    monkeypatch.setattr(pr_bound, "MAX_PR_CLAIM_PAGES", claims * 3 + relations * 6 - 1)
    (found,) = pr_bound.problems(project, project / "data", "HEAD~1")
    assert "a relation of claim 'worst-claim-" in found and "brings the pages" in found


def test_events_count_the_pages_they_are_drawn_on(project):
    # 500 events each naming every actor and topic and citing every claim passed the bound as
    # records, then built 69 s and 4 GB before the site budget refused 783 MB. `check` now
    # bounds an event's pages as a claim's, and the bound counts them.
    data = project / "data"
    per_event = limits.MAX_PAGES_PER_CLAIM
    beyond = limits.MAX_PR_CLAIM_PAGES // per_event
    worst_pr.add_events(data, beyond + 1)
    (found,) = _problems(project)
    line = _line(data / "events.yml", f"  - id: worst-event-{beyond}")
    assert found.startswith(f"data/events.yml:{line}:1: event 'worst-event-{beyond}' brings")


def test_a_comparison_counts_once_and_once_for_each_row_side_and_cell(project, monkeypatch):
    # The second attacker of 2026-12-07: one comparison of 230 rows of long cells was one
    # record to the bound (and took check 25 s); the third: 40 comparisons of 165 sides (each
    # row drawn once a side) built 41 s at 1.9 GB.
    path = project / "data" / "comparisons" / "five-axes.yml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows, sides = len(doc["rows"]), len(doc["columns"])
    weight = 1 + rows + sides + rows * sides
    monkeypatch.setattr(pr_bound, "MAX_PR_RECORDS", weight - 1)
    path.write_text(path.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    assert _problems(project) == []  # a comment changes no record
    shutil.copy(path, path.with_name("five-axes-copy.yml"))
    (found,) = _problems(project)
    assert found.startswith("data/comparisons/five-axes-copy.yml:1:1: comparison 'five-axes-copy'")
    assert f"is record {weight} this pull request adds or changes" in found


def test_check_prints_at_most_as_many_warnings_as_problems(project, capsys):
    # The fourth attacker of 2026-12-07: 245 uncited claims printed a warning each.
    from macros.facts.limits import MAX_PROBLEMS

    worst_pr.add_costliest_claims(project / "data", MAX_PROBLEMS + 50)
    assert commands.main(["--data", str(project / "data"), "check"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert sum("warning:" in line for line in err) == MAX_PROBLEMS
    assert any(line.startswith("… and ") and line.endswith(" more warnings") for line in err)
