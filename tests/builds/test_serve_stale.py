"""Attacks on the incremental `mkdocs serve` (macros/adapter/serve/incremental.py): an edit to
something that is
not a data record must not leave the served site showing the old version anywhere.

The fact base, and with it its render cache (claim cards, previews, citations drawn once per build
and shared by every page), is kept while the data files are unchanged. An edit to a UI catalog
(or to the configs) makes every page render again, but the shared fragments came from the
previous build, drawn with the old words.
"""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.sitebuild import mkdocs_serving, project_copy

pytestmark = pytest.mark.build

MARK = "Quuxvolgens"


def _get(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as r:
        return r.read().decode("utf-8")


def test_an_edited_ui_word_reaches_every_served_page(tmp_path: Path):
    project = project_copy(tmp_path / "project", REPO / "tests" / "fixtures" / "minimal")
    po = project / "macros" / "locale" / "nl" / "LC_MESSAGES" / "messages.po"
    with mkdocs_serving(project) as serve:
        serve.wait_for("Serving on")
        candidates = ["nl/sources/sample-news/", "nl/timeline/", "nl/actors/", "nl/glossary/"]
        showing = [p for p in candidates if "Volgens: " in _get(serve.port, p)]
        assert showing, "no page shows the word to edit"
        feed = "nl/feeds/all.xml"
        assert "Belangrijkste beweringen" in _get(serve.port, feed)
        before = len(serve.lines)
        text = po.read_text(encoding="utf-8")
        text = text.replace('msgstr "Volgens"', f'msgstr "{MARK}"', 1)
        feed_word = 'msgctxt "feed_claims"\nmsgid "Key claims"\nmsgstr "Belangrijkste beweringen"'
        assert feed_word in text
        text = text.replace(
            feed_word, feed_word.replace("Belangrijkste beweringen", f"{MARK} claims")
        )
        po.write_text(text, encoding="utf-8")
        serve.wait_for("Incremental build (nl)", after=before)
        serve.wait_for("Reloading browsers", after=before)
        stale = [p for p in showing if "Volgens: " in _get(serve.port, p)]
        assert not stale, f"pages still showing the old word after the catalog edit: {stale}"
        # Feed entries are reused across rebuilds too (incremental.reuse).
        got = _get(serve.port, feed)
        assert f"{MARK} claims" in got, "the feed kept the old word"


def test_changed_inputs_drop_the_words_read_within_the_last_second(tmp_path: Path):
    # No build: the catalogs are read once a second at most, so a rebuild that starts right after
    # an edit could still be given the old words unless the changed inputs drop them.
    import shutil

    from macros.adapter.serve import incremental
    from macros.i18n import catalogs as i18n

    locale = tmp_path / "locale"
    shutil.copytree(REPO / "macros" / "locale", locale)
    po = locale / "nl" / "LC_MESSAGES" / "messages.po"
    assert i18n.words(locale).translations["nl"]["said_by"] == "Volgens"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Volgens"', f'msgstr "{MARK}"', 1),
        encoding="utf-8",
    )
    assert i18n.words(locale).translations["nl"]["said_by"] == "Volgens"  # the gap

    drawn = incremental._Rendered({("card", "nl"): "old"})
    incremental.drop_drawn(drawn)
    assert not drawn
    assert i18n.words(locale).translations["nl"]["said_by"] == MARK
