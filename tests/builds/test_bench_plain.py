"""The benchmark's floor, plain MkDocs building the same pages pre-rendered, builds: it uses the
site's overrides/, which read words the plugin would have given them."""

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
