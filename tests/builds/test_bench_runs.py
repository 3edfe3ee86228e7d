"""The benchmark measures what it runs: plain MkDocs (the floor) builds the same pages, with the
site's overrides/ given the words the plugin would give them; serve's rebuild is timed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from macros.adapter.theme import override_words
from macros.cli import bench, synth
from tests.conftest import REPO


@pytest.mark.build
def test_plain_mkdocs_builds_the_same_pages(tmp_path):
    project = synth.write_project(REPO, tmp_path / "scale-1", 1)
    bench._plain_project(project)
    done = subprocess.run(
        [sys.executable, "-c", bench.PLAIN_BUILD, "plain-en.yml", "plain-nl.yml"],
        cwd=project,
        env=bench.ENV,
        check=False,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    site = project / "plain-site"
    assert (site / "sources").is_dir()  # the generated pages are there
    for lang, folder in (("en", site), ("nl", site / "nl")):
        page = (folder / "404.html").read_text(encoding="utf-8")
        assert override_words(lang)["not_found_title"] in page


@pytest.mark.build
def test_the_serve_figure_is_measured(tmp_path):
    project = synth.write_project(REPO, tmp_path / "scale-1", 1)
    seconds = bench._serve_rebuild(project, 1, bench.ENV)
    # It returns once serve has rebuilt after the edit; a missed line would end in SystemExit.
    assert 0 < seconds < 30 + 5
