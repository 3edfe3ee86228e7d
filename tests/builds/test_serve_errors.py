"""`mkdocs serve` on bad data: the browser gets a page listing the located problems, escaped,
and the site again once they are fixed; `mkdocs build` still fails."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, edit
from tests.sitebuild import mkdocs_build, mkdocs_serving, project_copy

# A field name that is markup: the message quotes it, and the page must show it as text.
HOSTILE = "<script>alert(1)</script>"
GOOD = "    evidence: [russia-seeks-china]"
BAD = f'{GOOD}\n    "{HOSTILE}": 1'


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode()
    except urllib.error.HTTPError as exc:  # a 404 still carries the page
        return exc.read().decode()


@pytest.mark.build
def test_serve_shows_data_problems_in_the_browser_and_recovers(tmp_path: Path):
    project = project_copy(tmp_path / "project", FIXTURE)
    topics = project / "data/topics.yml"
    edit(topics, GOOD, BAD)
    assert mkdocs_build(project).returncode == 1  # build refuses it as before

    with mkdocs_serving(project) as serve:
        serve.wait_for("Serving on")
        page = _get(f"http://127.0.0.1:{serve.port}/")
        assert "The data has 1 problem(s)" in page
        assert "data/topics.yml:6:" in page and "unknown field" in page
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "The data has 1 problem(s)" in _get(f"http://127.0.0.1:{serve.port}/briefings/")
        seen = len(serve.lines)
        edit(topics, BAD, GOOD)
        serve.wait_for("Reloading browsers", after=seen)
        home = _get(f"http://127.0.0.1:{serve.port}/")
        assert "problem(s)" not in home and "Key takeaways" in home
        assert serve.process.poll() is None


def test_the_error_page_escapes_every_message():
    # (The served page also passed the page audit and its policy: serve audits every page it
    # writes and fails the build on an offence, so the first test would have seen no page.)
    from macros.adapter import site_pages

    markdown = site_pages.error_page(
        [type("P", (), {"path": "data/x.yml", "line": 1, "col": 2, "message": HOSTILE})()], "en"
    )
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert "<code>data/x.yml:1:2</code>" in markdown


def test_the_error_page_shows_backticked_names_as_code_and_stays_escaped():
    # The walkthrough of 2026-12-07: the page showed the messages' backticks literally.
    from macros.adapter import site_pages

    def page(message: str, lang: str = "en") -> str:
        problem = type("P", (), {"path": "data/x.yml", "line": 1, "col": 2, "message": message})
        return site_pages.error_page([problem()], lang)

    shown = page("run `python -m macros quote` on field `quote`")
    assert "run <code>python -m macros quote</code> on field <code>quote</code>" in shown
    assert "`" not in shown.split('class="lead"', 1)[1]  # the lead's `mkdocs build` too
    hostile = page("value `<script>alert(1)</script>` and `<b>`x")
    assert (
        "<script>" not in hostile
        and "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>" in hostile
    )
    odd = page("one ` only <i>")
    assert "one ` only &lt;i&gt;" in odd
