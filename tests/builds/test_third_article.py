"""The tests that state facts about the data hold for the data, not for today's two articles: the
same checks, run on the site built from the real data plus a third article as a contributor
adds one (tests/third_article.py: signed, dated to the day, with a url, added later than the
others, and an id that sorts first). Each check fails on the real data too when what it checks
breaks; here it must also pass when the data grows."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.facts import factbase
from tests.browser.test_reader_minute import (
    PAGES,
    ROOTS,
    as_of_day,
    bottom_line_views,
    check_modified_days,
)
from tests.builds.test_open_data import (
    SITE_URL,
    check_csl_json,
    check_no_absolute_address,
    check_source_pages,
    day_published,
)
from tests.sitebuild import mkdocs_build, parse, project_copy
from tests.third_article import THIRD_ID, with_third_article

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def third(tmp_path_factory) -> Path:
    return with_third_article(tmp_path_factory.mktemp("third-article") / "data")


@pytest.fixture(scope="module")
def fb(third):
    return factbase.load(third)


def _build(tmp_path_factory, data: Path, site_url: str | None) -> Path:
    root = tmp_path_factory.mktemp("third-site")
    project = project_copy(root / "project", data)
    run = mkdocs_build(project, root / "site", site_url=site_url)
    assert run.returncode == 0, run.stderr
    return root / "site"


@pytest.fixture(scope="module")
def third_site(tmp_path_factory, third) -> Path:
    """Built as a contributor's pull request is: without site_url."""
    return _build(tmp_path_factory, third, None)


@pytest.fixture(scope="module")
def third_published(tmp_path_factory, third) -> Path:
    """Built as the Pages workflow builds it: with site_url."""
    return _build(tmp_path_factory, third, SITE_URL)


def test_the_third_article_changes_what_the_data_dependent_tests_expect(fb, real_fb):
    """The fixture is worth running only where it moves an expectation off today's values."""
    third = fb.sources[THIRD_ID]
    assert third.added > max(s.added for s in real_fb.sources.values())
    assert day_published(third) is not None  # the real sources' dates are inferred
    assert all(day_published(s) is None for s in real_fb.sources.values())
    assert third.url and sorted(fb.sources)[0] == THIRD_ID and third.author
    assert len(fb.sources) == len(real_fb.sources) + 1
    # It cites no framing: the bottom line keeps one view per framing, not one per source.
    assert bottom_line_views(fb) == bottom_line_views(real_fb)
    # Some pages draw on it, some do not: their as-of days part.
    assert as_of_day(fb, "") == third.added != as_of_day(fb, "briefings/military-ai/")


@pytest.mark.parametrize("lang", ROOTS)
def test_source_pages_describe_each_article(third_published, fb, lang):
    check_source_pages(third_published, fb, lang)


def test_csl_json(third_published, fb):
    check_csl_json(third_published, fb)


def test_no_absolute_address_of_its_own_without_site_url(third_site, fb):
    check_no_absolute_address(third_site, fb)


def test_modified_days(third_site, fb):
    check_modified_days(third_site, fb, [*PAGES, f"sources/{THIRD_ID}/", "briefings/europe/"])


@pytest.mark.parametrize("lang", ROOTS)
@pytest.mark.parametrize(
    "path", ["", "briefings/military-ai/", "briefings/europe/", "timeline/", "actors/sberbank/"]
)
def test_the_as_of_line(third_site, fb, lang, path):
    doc = parse(third_site / ROOTS[lang] / path / "index.html")
    [line] = [p for p in doc.iter("p") if p.get("class") == "as-of"]
    assert [t.get("datetime") for t in line.iter("time")][:1] == [as_of_day(fb, path)]


@pytest.mark.parametrize("lang", ROOTS)
def test_the_bottom_line(third_site, fb, lang):
    doc = parse(third_site / ROOTS[lang] / "index.html")
    [bottom] = [d for d in doc.iter("div") if d.get("class") == "bottom-line"]
    views, sources = bottom_line_views(fb)
    assert len(bottom.findall("p")) == views
    cited = {
        "".join(s.itertext())
        for s in bottom.iter("span")
        if "cite-source" in (s.get("class") or "").split()
    }
    assert len(cited) == sources
