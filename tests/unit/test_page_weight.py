"""No page grows with the fact base (issue 14; issue 16 point 4): an index entry shows a bounded
number of citations whatever the number of claims behind it, a page carries one preview per claim
it cites, and no preview reaches the search index."""

from __future__ import annotations

import dataclasses
import re

import html5lib
import pytest

from macros.render import pages
from macros.render.claims import citations, one_preview_per_claim
from tests.conftest import make_view
from tests.inert import every_page

PREVIEW = re.compile(r'<a href="([^"]*)" class="cite"[^>]*>[^<]*</a><small class="cite-preview"')


def _citing(fb, term_id: str, claim_ids: list[str]):
    """The fact base with one glossary term cited by `claim_ids`, nothing drawn yet."""
    terms = dict(fb.terms)
    terms[term_id] = terms[term_id].model_copy(update={"evidence": claim_ids})
    return dataclasses.replace(fb, terms=terms)


def _term_entry(fb, term_id: str, lang: str) -> str:
    """The term's <dd> as the glossary page draws it."""
    md = pages.glossary_page(make_view(fb, lang, "glossary/", page_size=len(fb.terms)))
    return re.search(rf'<dt id="{re.escape(term_id)}">.*?</dt>(<dd>.*?</dd>)', md, re.S)[1]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_term_cited_by_every_claim_weighs_what_a_term_cited_by_eight_weighs(lang, real_fb):
    term_id = next(iter(real_fb.terms))
    claims = list(real_fb.claims)
    assert len(claims) > 8 * 4
    few = _term_entry(_citing(real_fb, term_id, claims[:8]), term_id, lang)
    every = _term_entry(_citing(real_fb, term_id, claims), term_id, lang)
    for entry, n in ((few, 8), (every, len(claims))):
        assert entry.count('class="cite"') == pages.ENTRY_CITATIONS
        assert entry.count('class="cite-preview"') <= pages.ENTRY_CITATIONS
        more = html5lib.parseFragment(entry, namespaceHTMLElements=False).find(
            ".//span[@class='cites-more']/a"
        )
        # "and N more" is a link: the site's search, opened with the term (Material reads ?q=)
        assert more is not None and more.get("href").startswith("?q=")
        assert str(n - pages.ENTRY_CITATIONS) in "".join(more.itertext())
    # The same bounded entry: only the count in "and N more" and the claims shown may differ.
    assert abs(len(every) - len(few)) < 0.2 * len(few)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_briefing_cited_by_every_claim_keeps_its_index_entry_bounded(lang, real_fb, view):
    topic_id = next(iter(real_fb.topics))
    claims = list(real_fb.claims)
    topics = dict(real_fb.topics)

    def index_with(evidence: list[str]) -> int:
        topics[topic_id] = real_fb.topics[topic_id].model_copy(update={"evidence": evidence})
        fb = dataclasses.replace(real_fb, topics=dict(topics))
        return len(pages.briefings_index(view(fb, lang, "briefings/")))

    assert abs(index_with(claims) - index_with(claims[:8])) < 600


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_page_carries_one_preview_per_claim(lang, real_fb):
    repeated = 0
    for name, md in every_page(real_fb, lang, page_size=5):
        hrefs = PREVIEW.findall(md)
        repeated += len(hrefs) - len(set(hrefs))
        once = PREVIEW.findall(one_preview_per_claim(md))
        assert len(once) == len(set(once)), name
        assert set(once) == set(hrefs), name  # every claim cited keeps one preview
    assert repeated  # the real data cites some claim twice on a page: the rule is exercised


def test_a_repeated_citation_keeps_its_link_and_loses_only_its_preview(real_fb, view):
    v = view(real_fb, "en", "briefings/")
    claim = next(iter(real_fb.claims))
    page = f"<p>{citations(v, [claim])}</p><p>{citations(v, [claim])}</p>"
    out = one_preview_per_claim(page)
    assert out.count('class="cite"') == 2
    assert out.count('class="cite-preview"') == 1
    assert out.index('class="cite-preview"') < out.rindex('class="cite"')  # the first one stays
