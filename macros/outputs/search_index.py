"""A lighter search download: each long paragraph of the search index is indexed once.

A claim is shown on its topic page, its source page, the pages of its actors and in comparisons;
Material's search plugin indexes every copy, and the search index (downloaded whole by every
reader who searches) grows with the copies, not with the claims. After the plugin has written
`search/search_index.json`, every top-level block (paragraph, table; each item of a list) of at
least `MIN_CHARS` characters that an earlier entry of the index already holds is dropped from the
later entries. The first copy stays, so every claim is still found; short blocks (labels such as
"Fact · Said by: ...") stay everywhere, as the context of the entry they are in.

A section whose text is left empty (its claims are indexed on their source pages, its events on
the timeline) is dropped too when its title heads an empty section elsewhere as well: "Timeline",
"Facts" or "2024" on every briefing and actor page would each answer a search with hundreds of
results that hold nothing. A page's own entry, and a heading found once, stay.

It works on the index, not on page markup: renderers may change what pages show; this keeps
doing the same.

Two additions make search read as a reader expects (`for_readers`): each claim is an entry of its
own, titled with its text, at its permalink (`sources/<source>/#<claim>`), so a search for a
claim's words opens the claim; and an entry that names an actor in one spelling ("Poetin") is
tagged with the others (its name in the other language, its aliases: "Putin"), so a name is
found in either language's spelling. Tags weigh what text weighs, and search results do not show
them (briefing.css).
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import ahocorasick
from markupsafe import escape
from selectolax.lexbor import LexborHTMLParser

from macros.facts.factbase import FactBase
from macros.facts.limits import MAX_TAG_CHARACTERS

MIN_CHARS = 60


class Memo:
    """What lightening worked out per entry, kept between the rebuilds of `mkdocs serve`: the
    blocks of an entry's text and the spellings an entry is tagged with, each a function of the
    entry alone (and of the actors' names), so an entry whose page was reused is not parsed or
    searched for names again. Only what the last index held is kept."""

    def __init__(self) -> None:
        self.blocks: dict[str, list] = {}
        self.tags: dict[tuple, list[str]] = {}
        self.names: tuple = ()  # the actors' spellings the tags were found with
        self.spellings: list = []
        self.finder = None
        self._blocks: dict[str, list] = {}
        self._tags: dict[tuple, list[str]] = {}

    def start(self) -> None:
        """A new index: what the last one used is what may be asked again."""
        self._blocks, self.blocks = self.blocks, {}
        self._tags, self.tags = self.tags, {}

    def block_list(self, text: str) -> list:
        found = self.blocks.get(text)
        if found is None:
            found = self._blocks.get(text)
            if found is None:
                found = _blocks(text)
            self.blocks[text] = found
        return found


def _blocks(text: str) -> list:
    """The top-level blocks of an entry's text: ("list", tag, [item HTML]) for a list whose items
    are all its children, else ("block", HTML)."""
    root = LexborHTMLParser(f"<div id=r>{text}</div>").css_first("#r")
    out: list = []
    node = root.child
    while node is not None:
        if node.tag in ("ul", "ol"):
            # List items one by one: a claim is one item among others that differ by page.
            items = [li.html for li in node.css("li") if li.parent == node]
            if len(items) == len(node.css("li")):
                out.append(("list", node.tag, items))
                node = node.next
                continue
        # A bare text node too as HTML: its text_content would unescape `&lt;script&gt;`,
        # and Material shows the index's text as HTML.
        out.append(("block", node.html or ""))
        node = node.next
    return out


def lighten(docs: list[dict], memo: Memo | None = None) -> list[dict]:
    """The index's entries, every long block after its first copy dropped."""
    seen: set[str] = set()

    def first_copy(html: str) -> bool:
        if len(html) < MIN_CHARS:
            return True
        if html in seen:
            return False
        seen.add(html)
        return True

    out = []
    for entry in docs:
        text = entry.get("text") or ""
        if len(text) < MIN_CHARS:
            out.append(entry)
            continue
        kept = []
        for block in memo.block_list(text) if memo is not None else _blocks(text):
            if block[0] == "list":
                _, tag, items = block
                kept_items = [li for li in items if first_copy(li)]
                if kept_items:
                    kept.append(f"<{tag}>{''.join(kept_items)}</{tag}>")
            elif first_copy(block[1]):
                kept.append(block[1])
        out.append({**entry, "text": "".join(kept)})
    return _without_empty_repeats(out)


def _empty_section(entry: dict) -> bool:
    return "#" in entry["location"] and not (entry.get("text") or "").strip()


def _without_empty_repeats(docs: list[dict]) -> list[dict]:
    titles: dict[str, int] = {}
    for entry in docs:
        if _empty_section(entry):
            titles[entry["title"]] = titles.get(entry["title"], 0) + 1
    return [e for e in docs if not (_empty_section(e) and titles[e["title"]] > 1)]


def claim_entries(fb: FactBase, lang: str, source_id: str) -> list[dict]:
    """An entry per claim of a source, in document order, at the claim's permalink."""
    s = fb.sources[source_id]
    out = []
    for cid in fb.claims_by_source[source_id]:
        place = f"{s.title[lang]}, ¶{fb.claim_place[cid].paragraph}"
        out.append(
            {
                "location": f"sources/{source_id}/#{cid}",
                "title": str(escape(fb.claims[cid].text[lang])),
                "text": f"<p>{escape(place)}</p>",
            }
        )
    return out


def with_claims(docs: list[dict], fb: FactBase, lang: str) -> list[dict]:
    """The index with each source's claims after the source page's own entries."""
    out: list[dict] = []
    pending: str | None = None
    for entry in docs:
        page = entry["location"].split("#", 1)[0]
        if pending and page != f"sources/{pending}/":
            out += claim_entries(fb, lang, pending)
            pending = None
        out.append(entry)
        folder, _, rest = page.partition("/")
        if folder == "sources" and rest.rstrip("/") in fb.sources and "#" not in entry["location"]:
            pending = rest.rstrip("/")
    if pending:
        out += claim_entries(fb, lang, pending)
    return out


def _spellings(fb: FactBase) -> list[tuple[re.Pattern, list[str]]]:
    """Each distinct list of an actor's spellings, with the pattern that finds them. Two actors
    spelled alike would tag an entry alike, so the second adds nothing (and a growing feed may
    hold many)."""
    out = []
    seen: set[tuple[str, ...]] = set()
    for actor in fb.actors.values():
        names = list(dict.fromkeys([actor.name["en"], actor.name["nl"], *actor.aliases]))
        if len(names) < 2 or tuple(names) in seen:
            continue
        seen.add(tuple(names))
        pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")
        out.append((pattern, names))
    return out


def _name_finder(spellings: list[tuple[re.Pattern, list[str]]]) -> ahocorasick.Automaton | None:
    """Every spelling of every actor in one automaton, whose one pass over an entry tells which
    actors' patterns can match there at all: running each actor's pattern over every entry made
    the index's cost grow with actors × entries."""
    if not spellings:
        return None
    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
    for number, (_, names) in enumerate(spellings):
        for name in names:
            if automaton.exists(name):
                automaton.get(name).add(number)
            else:
                automaton.add_word(name, {number})
    automaton.make_automaton()
    return automaton


def _names(fb: FactBase) -> tuple:
    """Each actor's spellings, as `_spellings` reads them: what the tags depend on."""
    return tuple((a.name["en"], a.name["nl"], *a.aliases) for a in fb.actors.values())


def with_spellings(docs: list[dict], fb: FactBase, memo: Memo | None = None) -> list[dict]:
    """Each entry that names an actor tagged with that actor's other spellings.

    Which spellings an entry holds is what each actor's pattern finds, leftmost and not
    overlapping ("Joe Biden" holds "Joe Biden", not "Biden" as well); the automaton only picks
    the actors whose patterns are worth running."""
    if memo is None:
        spellings = _spellings(fb)
        finder = _name_finder(spellings)
        return [_tagged(entry, _tags(entry, spellings, finder)) for entry in docs]
    names = _names(fb)
    if names != memo.names:  # other names: every entry's tags are found again
        memo.names, memo.spellings = names, _spellings(fb)
        memo.finder = _name_finder(memo.spellings)
        memo._tags, memo.tags = {}, {}
    out = []
    for entry in docs:
        key = (entry["title"], entry.get("text", ""), *entry.get("tags", ()))
        tags = memo.tags.get(key)
        if tags is None:
            tags = memo._tags.get(key)
            if tags is None:
                tags = _tags(entry, memo.spellings, memo.finder)
            memo.tags[key] = tags
        out.append(_tagged(entry, tags))
    return out


def _tagged(entry: dict, tags: list[str]) -> dict:
    return {**entry, "tags": list(tags)} if tags else entry


def _tags(entry: dict, spellings, finder) -> list[str]:
    """The entry's tags and the other spellings of each actor it names."""
    plain = unescape(re.sub(r"<[^>]*>", " ", f"{entry['title']} {entry.get('text', '')}"))
    tags = list(entry.get("tags", []))
    candidates: set[int] = set()
    if finder is not None:
        for _, numbers in finder.iter(plain):
            candidates |= numbers
    room = MAX_TAG_CHARACTERS
    for number in sorted(candidates):
        pattern, names = spellings[number]
        found = set(pattern.findall(plain))
        if found:
            # Material's search shows a tag as HTML, as it shows the title and text: a spelling
            # is a contributor's text, so it goes in escaped ('<img onerror>' as an alias was
            # live markup in the results, held only by the page's security policy).
            for name in names:
                tag = str(escape(name))
                if name in found or tag in tags:
                    continue
                if len(tag) > room:  # the entry has as many other spellings as it may hold
                    return tags
                tags.append(tag)
                room -= len(tag)
    return tags


def for_readers(index: dict, fb: FactBase | None, lang: str, memo: Memo | None = None) -> dict:
    """The index lightened, with an entry per claim and every name in every spelling. `memo`:
    what an earlier index of this language worked out (`mkdocs serve`); the same index either
    way."""
    if memo is not None:
        memo.start()
    docs = lighten(index["docs"], memo)
    if fb is not None:
        docs = with_spellings(with_claims(docs, fb, lang), fb, memo)
        fields = index.get("config", {}).get("fields", {})
        if "tags" in fields:  # Material weighs a tag a million times a word of text
            fields["tags"] = {**fields["tags"], "boost": fields.get("text", {}).get("boost", 1.0)}
    return {**index, "docs": docs}


def lighten_index(
    site_dir: Path, fb: FactBase | None = None, lang: str = "en", memo: Memo | None = None
) -> None:
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return
    index = for_readers(json.loads(path.read_text(encoding="utf-8")), fb, lang, memo)
    # Compact, as the search plugin writes it.
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
