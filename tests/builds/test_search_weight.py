"""The search index holds each long paragraph once (macros/outputs/search_index.py), and still every
claim, in both languages."""

from __future__ import annotations

import json

from selectolax.lexbor import LexborHTMLParser

from macros.facts import factbase
from macros.outputs.search_index import MIN_CHARS, lighten
from tests.conftest import REPO

CLAIM = "<li>" + "A claim long enough to be worth indexing once, and only once. " * 2 + "</li>"
OTHER = "<li>" + "Another claim, shown on one page only, that must stay where it is. " * 2 + "</li>"
LABEL = "<p>Fact · Said by: X</p>"


def test_a_long_block_is_kept_at_its_first_copy_only():
    docs = [
        {"location": "a/", "title": "A", "text": f"{LABEL}<ul>{CLAIM}</ul>"},
        {"location": "b/", "title": "B", "text": f"{LABEL}<ul>{CLAIM}{OTHER}</ul>"},
        {"location": "c/", "title": "C", "text": f"{LABEL}<ul>{CLAIM}</ul>"},
    ]
    out = lighten(docs)
    assert out[0]["text"] == docs[0]["text"]
    assert out[1]["text"] == f"{LABEL}<ul>{OTHER}</ul>"
    assert out[2]["text"] == LABEL  # short labels stay: the context of their entry
    assert [e["location"] for e in out] == ["a/", "b/", "c/"]
    assert len(LABEL) < MIN_CHARS <= len(CLAIM)


def test_text_outside_any_element_stays_escaped():
    hostile = "&lt;img src=x onerror=alert(1)&gt; " * 4
    out = lighten([{"location": "a/", "title": "A", "text": f"{hostile}<p>x</p>{hostile}!"}])
    assert out[0]["text"] == f"{hostile}<p>x</p>{hostile}!"


def test_the_built_index_is_lighter_and_still_finds_every_claim(site):
    fb = factbase.load(REPO / "data")
    for root, lang in (("", "en"), ("nl/", "nl")):
        docs = json.loads((site / root / "search" / "search_index.json").read_text("utf-8"))["docs"]
        texts = [e["text"] for e in docs]
        # No long list item is indexed twice.
        items = [
            li.html
            for t in texts
            for li in LexborHTMLParser(f"<div>{t}</div>").css("li")
            if len(li.html) >= MIN_CHARS and not li.css("li")
        ]
        assert len(items) == len(set(items))
        index = _plain(" ".join(LexborHTMLParser(f"<div>{t}</div>").text() for t in texts))
        missing = [c.id for c in fb.claims.values() if _plain(getattr(c.text, lang)) not in index]
        assert missing == []


def _plain(text: str) -> str:
    return " ".join(text.split())


def test_text_stays_escaped_when_entries_are_rewritten():
    escaped = "&lt;img src=x onerror=alert(1)&gt; " + "a long enough run of words " * 3
    docs = lighten([{"location": "a/", "title": "A", "text": escaped}])
    assert docs[0]["text"] == escaped


def test_no_preview_nor_cite_box_is_indexed(site, view):
    """Previews (and the Cite box's sentence) repeat a claim that its card already indexes: they
    carry data-search-exclude, which Material's search plugin honours."""
    from macros.render.cite import citation_text
    from macros.render.claims import preview

    fb = factbase.load(REPO / "data")
    for root, lang in (("", "en"), ("nl/", "nl")):
        raw = (site / root / "search" / "search_index.json").read_text("utf-8")
        docs = json.loads(raw)["docs"]
        index = _plain(" ".join(LexborHTMLParser(f"<div>{e['text']}</div>").text() for e in docs))
        v = view(fb, lang, "")
        for claim_id in fb.claims:
            shown = LexborHTMLParser(str(preview(v, claim_id))).css_first(".cite-preview-source")
            assert _plain(shown.text()) not in index, claim_id
            assert _plain(citation_text(v, claim_id)) not in index, claim_id
        assert "cite-preview" not in raw
