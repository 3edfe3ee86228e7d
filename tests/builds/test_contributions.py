"""What a contributor's pull request does to the site: a record added to YAML gets its pages in
both languages without touching docs/, and whatever text it holds is shown literally."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import html5lib
import pytest

from tests.conftest import FIXTURE, edit
from tests.sitebuild import ids, mkdocs_build, parse, project_copy

pytestmark = pytest.mark.build  # every test here builds a site

NEW_ACTOR = """  - id: european-commission
    name: {en: European Commission, nl: Europese Commissie}
    kind: organisation
    description: {en: An institution., nl: Een instelling.}
"""
HOSTILE = "</title><script>alert(1)</script><img src=x onerror=alert(2)> & [x](javascript:y)"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return project_copy(tmp_path / "project", FIXTURE)


def _build(project: Path) -> Path:
    out = project / "site"
    run = mkdocs_build(project, out)
    assert run.returncode == 0, run.stderr
    return out


def test_an_added_actor_gets_its_page_in_both_languages(project):
    docs_before = sorted(p.relative_to(project) for p in (project / "docs").rglob("*"))
    (project / "data/actors.yml").write_text(
        (project / "data/actors.yml").read_text() + NEW_ACTOR, encoding="utf-8"
    )
    site = _build(project)
    for root in ("", "nl/"):
        page = site / root / "actors" / "european-commission" / "index.html"
        assert page.is_file()
        h1 = next(parse(page).iter("h1"))
        expected = "European Commission" if not root else "Europese Commissie"
        assert "".join(h1.itertext()).strip().startswith(expected)
    assert sorted(p.relative_to(project) for p in (project / "docs").rglob("*")) == docs_before


def test_an_added_source_gets_its_page_and_permalinks(project):
    shutil.copy(project / "data/sources/sample-news.txt", project / "data/sources/second-news.txt")
    meta = (
        (project / "data/sources/sample-news.yml").read_text().replace("sample-news", "second-news")
    )
    (project / "data/sources/second-news.yml").write_text(meta)
    (project / "data/claims/second-news.yml").write_text(
        (project / "data/claims/sample-news.yml")
        .read_text()
        .replace("russia-seeks-china", "second-russia")
        .replace("us-weighs-controls", "second-us")
    )
    site = _build(project)
    for root in ("", "nl/"):
        page = site / root / "sources" / "second-news" / "index.html"
        assert {"second-russia", "second-us"} <= ids(page)


def test_text_from_data_stays_text_in_body_title_and_navigation(project):
    edit(
        project / "data/actors.yml",
        "name: {en: Russia, nl: Rusland}",
        f"name: {{en: '{HOSTILE}', nl: '{HOSTILE}'}}",
    )
    site = _build(project)
    for root in ("", "nl/"):
        for page in (
            site / root / "actors" / "russia" / "index.html",
            site / root / "actors" / "index.html",
        ):
            doc = parse(page)
            scripts = [s for s in doc.iter("script") if not s.get("src")]
            # Data may be in the page's JSON-LD (its title names the page), as data: no "<"
            # there that could end the element. No other inline script holds any data.
            data = [s for s in scripts if s.get("type") == "application/ld+json"]
            assert not any("<" in (s.text or "") for s in data), page
            code = [s for s in scripts if s not in data]
            assert not any("alert" in (s.text or "") for s in code), page
            assert not any(img.get("onerror") for img in doc.iter("img")), page
            assert not any((a.get("href") or "").startswith("javascript:") for a in doc.iter("a"))
        title = "".join(
            next(parse(site / root / "actors/russia/index.html").iter("title")).itertext()
        )
        assert title.startswith(HOSTILE), title
        index = json.loads((site / root / "search" / "search_index.json").read_text())
        for doc in index["docs"]:
            # Material shows search titles and texts as HTML: they must hold the text as entities.
            rendered = html5lib.parseFragment(
                doc["title"] + doc["text"], namespaceHTMLElements=False
            )
            assert not any(el.tag in ("script", "img") for el in rendered.iter()), doc["location"]
