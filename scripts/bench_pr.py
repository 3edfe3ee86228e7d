"""The cost contract of SECURITY.md, measured: each costliest pull request of tests/worst_pr.py,
committed onto a copy of the project with the real data, then `pr-bound`, `check` and a strict
build, with the wall time and peak memory of each (the build's: all its processes together, as
`python -m macros bench` reads them). The contract: within the bounds, checked in ≤ 2 s and built
in ≤ 30 s at ≤ 1 GiB. Figures to read, not a test (tests/builds/test_pr_contract.py holds the
bounds).

Usage: python scripts/bench_pr.py [CONSTRUCT...]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from macros.cli.bench import ENV, _timed  # installed by scripts/setup

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the generator lives with the tests

from tests import worst_pr  # noqa: E402
from tests.sitebuild import project_copy  # noqa: E402


def commit(project: Path, message: str) -> None:
    for args in (["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(
            ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "-C", project,
             *args], check=True, capture_output=True,
        )  # fmt: skip


def pull_request(root: Path, construct: str) -> Path:
    """A git repository holding the project, then the construct as one more commit."""
    project = project_copy(root, REPO / "data")
    subprocess.run(["git", "init", "-q", project], check=True)
    commit(project, "base")
    worst_pr.CONSTRUCTS[construct](project / "data")
    commit(project, construct)
    return project


def main(names: list[str]) -> int:
    names = names or list(worst_pr.CONSTRUCTS)
    print(f"{'pull request':18} {'bound':>7} {'check':>14} {'build':>16}")
    for name in names:
        with tempfile.TemporaryDirectory(prefix="briefing-bench-pr-") as tmp:
            project = pull_request(Path(tmp) / "project", name)
            cells = []
            for args in (
                ["-m", "macros", "--data", str(project / "data"), "pr-bound", "HEAD~1"],
                ["-m", "macros", "--data", str(project / "data"), "check"],
                ["-m", "mkdocs", "build", "--strict"],
            ):
                seconds, peak_kib = _timed([sys.executable, *args], project, dict(ENV))
                cells.append((seconds, peak_kib / 1024))
            (bound, _), (check, check_mib), (build, build_mib) = cells
            print(
                f"{name:18} {bound:>6.1f}s {check:>5.1f}s {check_mib:>5,.0f} MiB "
                f"{build:>5.1f}s {build_mib:>6,.0f} MiB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
