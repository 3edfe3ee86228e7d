"""A failed build publishes nothing: an existing site/ stays as it was, and a first build that
fails writes no site at all."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, edit
from tests.sitebuild import mkdocs_build, project_copy

pytestmark = pytest.mark.build  # every test here builds a site


def _snapshot(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _break_data(project: Path) -> None:
    edit(project / "data/actors.yml", "kind: country", "kind: planet")


def _break_dutch_prose(project: Path) -> None:
    (project / "docs/_prose/method.nl.md").unlink()


def _strict_warning(project: Path) -> None:
    path = project / "docs/_prose/method.nl.md"
    path.write_text(path.read_text() + "\n[broken](no-such-page.md)\n")


def _unsafe_prose(project: Path) -> None:
    path = project / "docs/_prose/method.en.md"
    path.write_text(path.read_text() + "\n<script>alert(1)</script>\n")


@pytest.mark.parametrize(
    "breakage", [_break_data, _break_dutch_prose, _strict_warning, _unsafe_prose]
)
def test_a_failed_build_leaves_the_published_site_as_it_was(tmp_path, breakage):
    project = project_copy(tmp_path / "project", FIXTURE)
    first = mkdocs_build(project)
    assert first.returncode == 0, first.stderr
    before = _snapshot(project / "site")
    assert "nl/index.html" in before
    # Mark the published site so a rebuild, even an identical one, would show.
    (project / "site" / "marker").write_text("published")
    breakage(project)
    run = mkdocs_build(project)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    after = _snapshot(project / "site")
    assert after == {**before, "marker": after["marker"]}
    assert not list(project.glob(".site.*"))


def test_a_first_build_that_fails_writes_nothing(tmp_path):
    project = project_copy(tmp_path / "project", FIXTURE)
    _break_data(project)
    run = mkdocs_build(project)
    assert run.returncode != 0
    assert "data/actors.yml:4:5:" in run.stderr
    assert not (project / "site").exists() and not list(project.glob(".site.*"))
