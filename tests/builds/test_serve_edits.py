"""Attacks on the incremental `mkdocs serve` (macros/adapter/serve/incremental.py): after a series
of edits to
records that other pages show in passing (a glossary definition, an actor's name, a source's
title, a topic's name), what is served is byte for byte what a full build of the same tree
writes (the live-reload script aside)."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.sitebuild import mkdocs_build, mkdocs_serving, project_copy

pytestmark = pytest.mark.build

LIVERELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>(?=</body>)", re.S)

EDITS = [
    ("glossary.yml", "Limits on exports.", "Limits on exports (edited)."),
    ("actors.yml", "{en: Russia, nl: Rusland}", "{en: Ruthenia, nl: Roethenie}"),
    ("sources/sample-news.yml", "A sample news item", "A sample item retitled"),
    ("topics.yml", "{en: Cooperation, nl: Samenwerking}", "{en: Teamwork, nl: Teamwerk}"),
    ("glossary.yml", "export controls, nl: exportbeperkingen", "export curbs, nl: uitvoercurbs"),
    # Not data: the fact base (and what was drawn from it) outlives this edit.
    ("../mkdocs.yml", "page_size: 20", "page_size: 1"),
    ("../docs/_prose/method.nl.md", "\n\n", "\n\nBewerkt.\n\n"),
]


def _get(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as r:
        return r.read()


def test_served_site_equals_a_full_build_after_edits_shown_elsewhere(tmp_path: Path):
    project = project_copy(tmp_path / "project", REPO / "tests" / "fixtures" / "minimal")
    with mkdocs_serving(project) as serve:
        serve.wait_for("Serving on")
        for name, old, new in EDITS:
            path = project / "data" / name
            text = path.read_text(encoding="utf-8")
            assert old in text, (name, old)
            before = len(serve.lines)
            path.write_text(text.replace(old, new), encoding="utf-8")
            serve.wait_for("Incremental build (nl)", after=before)
            serve.wait_for("Reloading browsers", after=before)

        out = tmp_path / "full"
        full = mkdocs_build(project, out, site_url=f"http://127.0.0.1:{serve.port}/")
        assert full.returncode == 0, full.stderr
        differ = []
        for path in sorted(p for p in out.rglob("*") if p.is_file()):
            rel = path.relative_to(out).as_posix()
            served = _get(serve.port, rel)
            if rel.endswith(".html"):
                served = LIVERELOAD.sub(b"", served, count=1)
            if served != path.read_bytes():
                differ.append(rel)
        assert not differ, f"served differently from the full build: {differ}"
