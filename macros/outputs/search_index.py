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
"""

from __future__ import annotations

import json
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

MIN_CHARS = 60


def lighten(docs: list[dict]) -> list[dict]:
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
        root = LexborHTMLParser(f"<div id=r>{text}</div>").css_first("#r")
        kept = []
        node = root.child
        while node is not None:
            if node.tag in ("ul", "ol"):
                # List items one by one: a claim is one item among others that differ by page.
                items = [li.html for li in node.css("li") if li.parent == node]
                if len(items) == len(node.css("li")):
                    kept_items = [li for li in items if first_copy(li)]
                    if kept_items:
                        kept.append(f"<{node.tag}>{''.join(kept_items)}</{node.tag}>")
                    node = node.next
                    continue
            # A bare text node too as HTML: its text_content would unescape `&lt;script&gt;`,
            # and Material shows the index's text as HTML.
            html = node.html or ""
            if first_copy(html):
                kept.append(html)
            node = node.next
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


def lighten_index(site_dir: Path) -> None:
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = lighten(index["docs"])
    # Compact, as the search plugin writes it.
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
