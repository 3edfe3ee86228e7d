"""`mkdocs serve` rebuilds incrementally (macros/adapter/serve/incremental.py): after one claim is
edited, every
page showing it is drawn again in both languages, the others are reused; after a nav title
changes, every page of that language is drawn again; and what is served is what a full `mkdocs
build` of the same tree writes, byte for byte.

The one difference allowed: the live-reload script mkdocs serve puts before `</body>` of every
HTML page it sends (it is not in the files). The full build is given the serve address as
SITE_URL, since `mkdocs serve` sets site_url to it (canonical addresses, sitemap, JSON-LD).
"""

from __future__ import annotations

import ast
import re
import urllib.request
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO
from tests.sitebuild import mkdocs_build, mkdocs_serving, project_copy

pytestmark = pytest.mark.build

MARK_EN, MARK_NL = "Quuxedited", "Quuxbewerkt"
LIVERELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>(?=</body>)", re.S)


def _get(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as r:
        return r.read()


def _edit_first_claim(project: Path) -> str:
    claims = project / "data" / "claims" / "russia-china-ai-cooperation.yml"
    doc = yaml.safe_load(claims.read_text(encoding="utf-8"))
    claim = doc["claims"][0]
    claim["text"]["en"] += f" {MARK_EN}."
    claim["text"]["nl"] += f" {MARK_NL}."
    claims.write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8"
    )
    return claim["id"]


def _reused(line: str) -> tuple[int, int]:
    drawn, reused = re.search(r"(\d+) page\(s\) drawn, (\d+) reused", line).groups()
    return int(drawn), int(reused)


def test_an_edited_claim_is_served_as_a_full_build_writes_it(tmp_path: Path):
    project = project_copy(tmp_path / "project", REPO / "data")
    with mkdocs_serving(project) as serve:
        serve.wait_for("Serving on")
        before = len(serve.lines)
        claim_id = _edit_first_claim(project)
        en = serve.wait_for("Incremental build (en)", after=before)
        nl = serve.wait_for("Incremental build (nl)", after=before)
        serve.wait_for("Reloading browsers", after=before)
        # The incremental path was taken: some pages drawn again, most reused.
        for line in (en, nl):
            drawn, reused = _reused(line)
            assert 0 < drawn < reused, line

        # A nav title changes (the English Method page's heading): every English page is drawn
        # again, since the nav is on every page; the Dutch site reuses all of its pages.
        before = len(serve.lines)
        prose = project / "docs" / "_prose" / "method.en.md"
        prose.write_text(
            prose.read_text(encoding="utf-8").replace("# Method\n", f"# Method {MARK_EN}\n", 1),
            encoding="utf-8",
        )
        serve.wait_for("A title in the navigation changed", after=before)
        en = serve.wait_for("Incremental build (en)", after=before)
        nl = serve.wait_for("Incremental build (nl)", after=before)
        serve.wait_for("Reloading browsers", after=before)
        assert _reused(en)[1] == 0 and _reused(nl)[0] == 0, (en, nl)

        out = tmp_path / "full"
        full = mkdocs_build(project, out, site_url=f"http://127.0.0.1:{serve.port}/")
        assert full.returncode == 0, full.stderr

        files = sorted(p for p in out.rglob("*") if p.is_file())
        differ, showing = [], {"en": [], "nl": []}
        for path in files:
            rel = path.relative_to(out).as_posix()
            served = _get(serve.port, rel)
            if rel.endswith(".html"):
                served = LIVERELOAD.sub(b"", served, count=1)
            written = path.read_bytes()
            if served != written:
                differ.append(rel)
            lang = "nl" if rel.startswith("nl/") else "en"
            if rel.endswith(".html") and claim_id.encode() in written:
                showing[lang].append((rel, served))
        assert not differ, f"served differently from the full build: {differ[:20]}"
        assert f"Method {MARK_EN}".encode() in _get(serve.port, "timeline/")

    # Every page showing the claim carries its new text, in its language.
    for lang, mark in (("en", MARK_EN), ("nl", MARK_NL)):
        assert len(showing[lang]) > 3, showing[lang]
        stale = [rel for rel, html in showing[lang] if mark.encode() not in html]
        # A page may cite the claim without its text only where the text is on no page of
        # that kind; the preview of every citation carries the text, so none may be stale.
        assert not stale, f"{lang}: pages showing {claim_id} without its edit: {stale}"
        index = (out / ("nl/" if lang == "nl" else "") / "search/search_index.json").read_text(
            encoding="utf-8"
        )
        assert mark in index


def _drawn_again(line: str) -> set[str]:
    """The pages of a "Drawn again (<lang>): [...]" line (`mkdocs serve -v`), as the files of
    the built site they are written to."""
    sources = ast.literal_eval(line.split("): ", 1)[1].strip())
    return {
        src.removesuffix(".md") + ".html"
        if src == "index.md" or src.endswith("/index.md")
        else src.removesuffix(".md") + "/index.html"
        for src in sources
    }


def test_a_claim_edit_draws_again_only_the_pages_that_show_the_claim(tmp_path: Path):
    """Pages that list claims read many claims to sort them (a briefing's claims by kind, newest
    first; the figures; the open questions), and show a page's worth: an edit to one claim's
    text changes none of those lists, so only the pages that show the claim are drawn again,
    in each language, and no page that does not show it."""
    project = project_copy(tmp_path / "project", REPO / "data")
    with mkdocs_serving(project, "-v") as serve:
        serve.wait_for("Serving on")
        before = len(serve.lines)
        claim_id = _edit_first_claim(project)
        drawn = {
            "en": _drawn_again(serve.wait_for("Drawn again (en)", after=before)),
            "nl": _drawn_again(serve.wait_for("Drawn again (nl)", after=before)),
        }
        serve.wait_for("Reloading browsers", after=before)
        counts = [line for line in serve.lines[before:] if "page(s) drawn" in line]
        en, nl = (next(x for x in counts if f"({lang})" in x) for lang in ("en", "nl"))
        out = tmp_path / "full"
        full = mkdocs_build(project, out, site_url=f"http://127.0.0.1:{serve.port}/")
        assert full.returncode == 0, full.stderr

    showing: dict[str, set[str]] = {"en": set(), "nl": set()}
    for path in out.rglob("*.html"):
        rel = path.relative_to(out).as_posix()
        if rel == "404.html" or rel == "nl/404.html":
            continue
        if claim_id.encode() in path.read_bytes():
            lang, rel = ("nl", rel.removeprefix("nl/")) if rel.startswith("nl/") else ("en", rel)
            showing[lang].add(rel)
    for lang, line in (("en", en), ("nl", nl)):
        # Its source page, its briefings, its actor, the timeline, the glossary, the home page...
        assert len(showing[lang]) > 5, showing[lang]
        assert drawn[lang] == showing[lang], (lang, drawn[lang] ^ showing[lang])
        assert _reused(line)[0] == len(showing[lang]), line
