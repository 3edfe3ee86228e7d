"""Glossary terms in the running text: the first occurrence of each term in a claim text or a
topic summary links to the term on the glossary page, with its definition on hover, focus or tap
(docs/assets/cite-preview.js; without JavaScript the link's title carries it).

"First" is per page: claim cards are drawn once per language and depth and shared by every page
that shows them, so each card and summary links the first occurrence of each term in it, and the
page hook (first_per_page) then unlinks every repeat of a term the page has already linked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def _exact(form: str) -> bool:
    return any(ch.isupper() for ch in form[1:])


def glossary_order(v: View) -> list[str]:
    """Term ids in the glossary page's order (pages.glossary_page lists them so)."""
    terms = v.fb.terms
    return sorted(terms, key=lambda t: (terms[t].term[v.lang].lower(), t))


def _index(v: View) -> tuple[dict[str, list[_Form]], dict[str, str]]:
    """First word (casefolded) -> the forms starting with it, longest first; and each term's
    address on the glossary. Built once per language: one dictionary look-up per word of text
    whatever the number of terms, where an alternation of every term would try each at every
    position."""
    key = ("glossary_index", v.lang, v.page_size)
    if key in v.cache:
        return v.cache[key]
    by_first: dict[str, list[_Form]] = {}
    for tid, term in v.fb.terms.items():
        forms = {term.term[v.lang]}
        if term.expansion:  # "artificial intelligence" as the sources write it, beside "AI"
            forms.add(term.expansion[v.lang])
        for form in forms:
            words = tuple(_WORD.findall(form))
            if not words:
                continue
            exact = _exact(form)
            entry = _Form(words if exact else tuple(w.casefold() for w in words), exact, tid)
            by_first.setdefault(words[0].casefold(), []).append(entry)
    for forms in by_first.values():
        forms.sort(key=lambda f: -len(f.words))
    where = {
        tid: page_url("glossary", n // v.page_size + 1) for n, tid in enumerate(glossary_order(v))
    }
    out = v.cache[key] = (by_first, where)
    return out


def _matches(form: _Form, words: list[re.Match], i: int, s: str) -> bool:
    if i + len(form.words) > len(words):
        return False
    start, end = words[i].start(), words[i + len(form.words) - 1].end()
    if _compound(s, start, end):
        return False
    for n, want in enumerate(form.words):
        got = words[i + n]
        if (got[0] if form.exact else got[0].casefold()) != want:
            return False
        if n and not _GAP.fullmatch(s, words[i + n - 1].end(), got.start()):
            return False
    return True


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
    by_first, where = _index(v)
    words = list(_WORD.finditer(s))
    out: list[Markup] = []
    done: set[str] = set()
    last = i = 0
    while i < len(words):
        step = 1
        # Terms spelled alike match alike: each spelling is tried once per position.
        tried: dict[tuple[tuple[str, ...], bool], bool] = {}
        for form in by_first.get(words[i][0].casefold(), ()):
            if form.term_id in done:
                continue
            spelling = (form.words, form.exact)
            if spelling not in tried:
                tried[spelling] = _matches(form, words, i, s)
            if tried[spelling]:
                start, end = words[i].start(), words[i + len(form.words) - 1].end()
                out += [
                    text(s[last:start]),
                    gloss_link(v, form.term_id, s[start:end], where[form.term_id]),
                ]
                done.add(form.term_id)
                last, step = end, len(form.words)
                break
        i += step
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
