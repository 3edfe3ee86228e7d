"""Glossary terms in the running text: the first occurrence of each term in a claim text or a
topic summary links to the term on the glossary page, with its definition on hover, focus or tap
(docs/assets/cite-preview.js; without JavaScript the link's title carries it).

"First" is per page: claim cards are drawn once per language and depth and shared by every page
that shows them, so each card and summary links the first occurrence of each term in it, and the
page hook (first_per_page) then unlinks every repeat of a term the page has already linked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from macros.render import html
from macros.render.html import tag, text
from macros.render.view import View
from macros.routes.site_map import page_url

# Words as Python's re sees them (\w is Unicode-aware: Dutch accents included). Matching whole
# tokens makes every match a whole word.
_WORD = re.compile(r"\w+")
# A hyphen that joins a term to the word before or after it: "AI-samenwerking", "AI-chips". A
# term inside such a compound is not linked: the link's end split the word on the page ("AI
# -samenwerking" in the Dutch title of a report), and the compound is not the term.
_HYPHENS = "-‐‑"


def _compound(s: str, start: int, end: int) -> bool:
    """Whether s[start:end] is joined by a hyphen to a word before or after it."""
    before = start >= 2 and s[start - 1] in _HYPHENS and _WORD.match(s, start - 2) is not None
    after = s[end : end + 1] in tuple(_HYPHENS) and _WORD.match(s, end + 1) is not None
    return before or after


# What may stand between the words of a multi-word term in the text.
_GAP = re.compile(r"[\s\-‐‑]+")


@dataclass(frozen=True)
class _Form:
    words: tuple[str, ...]  # casefolded unless `exact`
    exact: bool  # an acronym or brand (an uppercase letter after the first): case counts
    term_id: str
    rank: tuple[int, int]  # which form wins where several match: the longest, then the first


@dataclass
class _Node:
    """The forms whose words, casefolded, run from the root to here, and the words that follow."""

    ends: list[_Form] = field(default_factory=list)
    next: dict[str, _Node] = field(default_factory=dict)


def _exact(form: str) -> bool:
    return any(ch.isupper() for ch in form[1:])


def glossary_order(v: View) -> list[str]:
    """Term ids in the glossary page's order (pages.glossary_page lists them so)."""
    terms = v.fb.terms
    return sorted(terms, key=lambda t: (terms[t].term[v.lang].lower(), t))


def _index(v: View) -> tuple[_Node, dict[str, str]]:
    """Every form of every term in a tree of words (casefolded); and each term's address on the
    glossary. Built once per language: a word of text costs one dictionary look-up per word of
    the longest form it starts, whatever the number of terms (a thousand terms starting "AI"
    included), where an alternation of every term would try each at every position."""
    key = ("glossary_index", v.lang, v.page_size)
    if key in v.cache:
        return v.cache[key]
    root = _Node()
    added = 0
    for tid, term in v.fb.terms.items():
        forms = {term.term[v.lang]}
        if term.expansion:  # "artificial intelligence" as the sources write it, beside "AI"
            forms.add(term.expansion[v.lang])
        for form in forms:
            words = tuple(_WORD.findall(form))
            if not words:
                continue
            exact = _exact(form)
            node = root
            for word in words:
                node = node.next.setdefault(word.casefold(), _Node())
            kept = words if exact else tuple(w.casefold() for w in words)
            node.ends.append(_Form(kept, exact, tid, (-len(words), added)))
            added += 1
    where = {
        tid: page_url("glossary", n // v.page_size + 1) for n, tid in enumerate(glossary_order(v))
    }
    out = v.cache[key] = (root, where)
    return out


def _match_at(root: _Node, words: list[re.Match], i: int, s: str, done: set[str]) -> _Form | None:
    """The form a term is linked by at word i: of the forms of terms not yet linked that match
    there as whole words (joined by spaces or hyphens, not part of a hyphenated compound), the
    longest, then the first added."""
    best: _Form | None = None
    node: _Node | None = root
    for n in range(len(words) - i):
        got = words[i + n]
        if n and not _GAP.fullmatch(s, words[i + n - 1].end(), got.start()):
            break
        node = node.next.get(got[0].casefold())
        if node is None:
            break
        if not node.ends or _compound(s, words[i].start(), got.end()):
            continue
        for form in node.ends:
            if form.term_id in done or (best is not None and best.rank < form.rank):
                continue
            if form.exact and any(words[i + k][0] != w for k, w in enumerate(form.words)):
                continue
            best = form
    return best


def gloss_link(v: View, term_id: str, shown: str, where: str) -> Markup:
    term = v.fb.terms[term_id]
    name = term.term[v.lang]
    if term.expansion:
        name = f"{name} ({term.expansion[v.lang]})"
    link = tag(
        "a",
        text(shown),
        href=v.link.to(where, term_id),
        class_="gloss",
        title=f"{name}: {term.definition[v.lang]}",
    )
    return tag("span", link, class_="cite-wrap gloss-wrap")


def glossed(v: View, s: str) -> Markup:
    """`s`, escaped, with the first occurrence of each glossary term linked to its entry."""
    if not v.fb.terms:
        return text(s)
    root, where = _index(v)
    words = list(_WORD.finditer(s))
    out: list[Markup] = []
    done: set[str] = set()
    last = i = 0
    while i < len(words):
        form = _match_at(root, words, i, s, done)
        if form is None:
            i += 1
            continue
        start, end = words[i].start(), words[i + len(form.words) - 1].end()
        out += [text(s[last:start]), gloss_link(v, form.term_id, s[start:end], where[form.term_id])]
        done.add(form.term_id)
        last = end
        i += len(form.words)
    out.append(text(s[last:]))
    return Markup("").join(out)


def glossed_summary(v: View, topic_id: str) -> Markup:
    """A topic's summary with its terms linked, drawn once per language and depth."""
    key = ("glossed_summary", v.lang, topic_id, v.link.root)
    if key not in v.cache:
        v.cache[key] = glossed(v, v.fb.topics[topic_id].summary[v.lang])
    return v.cache[key]


# A term link exactly as gloss_link draws it. Data reaches the page escaped, so this markup
# can only be ours.
_LINK = re.compile(
    r'<span class="cite-wrap gloss-wrap"><a href="[^"<>]*#([^"<>]+)" class="gloss" '
    r'title="[^"<>]*">([^<>]*)</a></span>'
)


def first_per_page(markdown: str) -> str:
    """Unlinks every repeat of a term on a page, so that only its first occurrence links: cards
    are drawn once for many pages, and only the whole page knows which one comes first."""
    if "gloss-wrap" not in markdown:
        return markdown
    return html.first_per_page(_LINK, markdown, key=1, repeat=2)
