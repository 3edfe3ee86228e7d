"""Issue 26, the cost contract (SECURITY.md): the costliest pull request of each construct that
`pr-bound` lets through (tests/worst_pr.py), on the real data, is checked and built whole, every
page, the site and the build's memory within their budgets (macros/adapter/build/budget.py).
Its time and memory are figures of scripts/bench_pr.py, not asserted here."""

from __future__ import annotations

import subprocess
import sys

import pytest

from macros.cli import pr_bound
from macros.facts import limits
from tests import worst_pr
from tests.sitebuild import REPO, mkdocs_build, project_copy


def _commit(root, message: str) -> None:
    for args in (["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@localhost", "-C", str(root), *args],
            check=True, capture_output=True,
        )  # fmt: skip


@pytest.mark.build
# "both at once" holds the claim pages and the record pages at their bounds together, and the
# others fan out otherwise (each construct alone, the archive and aliases too,
# is measured by scripts/bench_pr.py: a build costs the test run 10 to 30 s).
@pytest.mark.parametrize(
    "construct", ["both at once", "relations", "events", "search tags", "feeds", "cited titles"]
)
def test_the_costliest_pull_request_within_the_bounds_is_checked_and_built(tmp_path, construct):
    project = project_copy(tmp_path / "project", REPO / "data")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    _commit(project, "base")
    worst_pr.CONSTRUCTS[construct](project / "data")
    _commit(project, construct)
    assert pr_bound.problems(project, project / "data", "HEAD~1") == []
    assert 0 < worst_pr.added_size(project / "data", REPO / "data") <= limits.MAX_PR_BYTES
    check = subprocess.run(
        [sys.executable, "-m", "macros", "--data", str(project / "data"), "check"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr[-2000:]
    run = mkdocs_build(project)
    assert run.returncode == 0, run.stderr[-3000:]
    pages = list((project / "site").rglob("*.html"))
    assert max(p.stat().st_size for p in pages) <= limits.MAX_PAGE_BYTES
