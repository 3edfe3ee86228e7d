"""The Dutch site is built in a second process beside the English one
(macros/adapter/build/parallel.py), and
the failure rule holds across the two: `site/` is the old site or the new one, whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURE
from tests.sitebuild import mkdocs_build, project_copy

pytestmark = pytest.mark.build  # every test here builds a site

BREAKOUT = "\n\n## Away {: id='x\"onmouseover=\"alert(1)' }\n"


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = project_copy(tmp_path_factory.mktemp("parallel") / "project", FIXTURE)
    run = mkdocs_build(project)
    assert run.returncode == 0, run.stderr
    return project


def test_both_languages_are_published_together(built):
    site = built / "site"
    assert (site / "index.html").is_file() and (site / "nl" / "index.html").is_file()
    assert (site / "search" / "search_index.json").is_file()
    assert (site / "nl" / "search" / "search_index.json").is_file()
    assert (site / "nl" / "data" / "facts.json").is_file()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_failure_in_either_language_leaves_the_old_site_whole(built, lang):
    before = _snapshot(built / "site")
    prose = built / "docs" / "_prose" / f"method.{lang}.md"
    text = prose.read_text(encoding="utf-8")
    prose.write_text(text + BREAKOUT, encoding="utf-8")
    try:
        run = mkdocs_build(built)
    finally:
        prose.write_text(text, encoding="utf-8")
    assert run.returncode == 1
    # The message of the process that failed reaches the contributor, located, plainly.
    assert f"docs/_prose/method.{lang}.md: heading id" in run.stderr
    assert "Traceback" not in run.stderr
    assert _snapshot(built / "site") == before
    assert sorted(p.name for p in built.glob(".site*")) == []
