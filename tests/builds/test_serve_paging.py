"""Paged record pages under `mkdocs serve` (macros/adapter/serve/incremental.py): after an edit that
moves a claim from an actor's last page to its first (its quote now stands earlier in the
article), what is served is byte for byte what a full build of the same tree writes, in both
languages, and the claim is on its new page only."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import FIXTURE
from tests.sitebuild import mkdocs_build, mkdocs_serving, project_copy

pytestmark = pytest.mark.build

LIVERELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>(?=</body>)", re.S)
PAGE_SIZE = 3
PARAGRAPH = "Een lange alinea over Rusland die elke extra bewering hieronder letterlijk citeert."
MOVED = 9  # the last of the extra claims: on Russia's last page, then on its first
EARLIER = "Rusland zoekt samenwerking met China."  # the article's first sentence


def _get(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as r:
        return r.read()


def _project(tmp_path: Path) -> Path:
    """The minimal project, Russia with eleven claims (four pages of three)."""
    project = project_copy(tmp_path / "project", FIXTURE)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "page_size: 20" in text
    config.write_text(text.replace("page_size: 20", f"page_size: {PAGE_SIZE}"), encoding="utf-8")
    data = project / "data"
    with open(data / "sources" / "sample-news.txt", "a", encoding="utf-8") as f:
        f.write(f"{PARAGRAPH}\n")
    claims = "".join(
        f"  - id: extra-{i}\n    quote: {PARAGRAPH}\n"
        f"    text: {{en: Extra claim {i} about Russia., nl: Extra bewering {i} over Rusland.}}\n"
        "    kind: fact\n    said_by: author\n    about: [russia]\n    topics: [cooperation]\n"
        for i in range(MOVED + 1)
    )
    with open(data / "claims" / "sample-news.yml", "a", encoding="utf-8") as f:
        f.write(claims)
    return project


def _cards(html: bytes) -> list[str]:
    return re.findall(r'data-claim="([^"]+)"', html.decode("utf-8"))


def test_a_claim_moved_across_a_page_boundary_is_served_as_a_full_build_writes_it(tmp_path):
    project = _project(tmp_path)
    claims = project / "data" / "claims" / "sample-news.yml"
    with mkdocs_serving(project) as serve:
        serve.wait_for("Serving on")
        for root in ("", "nl/"):
            assert f"extra-{MOVED}" in _cards(_get(serve.port, f"{root}actors/russia/page/4/"))
            assert f"extra-{MOVED}" not in _cards(_get(serve.port, f"{root}actors/russia/"))
        before = len(serve.lines)
        text = claims.read_text(encoding="utf-8")
        moved = f"  - id: extra-{MOVED}\n    quote: {PARAGRAPH}\n"
        assert moved in text
        claims.write_text(
            text.replace(moved, f"  - id: extra-{MOVED}\n    quote: {EARLIER}\n"),
            encoding="utf-8",
        )
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
        assert not differ, f"served differently from the full build: {differ[:20]}"

        # The same four pages, the claim now on the first and on no other.
        for root in ("", "nl/"):
            pages = [f"{root}actors/russia/"] + [
                f"{root}actors/russia/page/{n}/" for n in (2, 3, 4)
            ]
            assert (out / root / "actors" / "russia" / "page" / "4").is_dir()
            assert not (out / root / "actors" / "russia" / "page" / "5").exists()
            holding = [p for p in pages if f"extra-{MOVED}" in _cards(_get(serve.port, p))]
            assert holding == [f"{root}actors/russia/"], holding
