"""Ids the site already uses: a record id equal to one would take a page's address or anchor.

An actor with id `index` became actors/index.md, the actors index itself, and broke 402 links.
Nothing here is typed twice: every name is read from where the site defines it (the page tables
of macros/site.py and macros/render/pages.py, the paging scheme, the docs/ tree, the MkDocs
configs and the renderers' headings).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify

from macros.facts.models import ID_PATTERN

REPO = Path(__file__).resolve().parents[2]
_CONFIGS = ("mkdocs.yml", "mkdocs.nl.yml")


class _ConfigLoader(yaml.SafeLoader):
    """Safe, and reads MkDocs' own tags (`!ENV`, `!!python/name:`) as nothing: only the plain
    `extra.alternate` and `plugins` entries are wanted here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, s, node: None)


def read_config(path: Path) -> dict:
    """A MkDocs config file as plain data, MkDocs' tags (`site_url: !ENV ...`) read as None."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506


@lru_cache(maxsize=1)
def site_paths() -> dict[str, str]:
    """Names a record page must not take, each with where the site uses it."""
    from macros.adapter.site_pages import INDEX_DATA, PROSE_PAGES, RECORD_PAGES
    from macros.render.pages import INDEXES
    from macros.render.paging import page_src

    names: dict[str, str] = {}

    def add(name: str, why: str) -> None:
        if re.fullmatch(ID_PATTERN, name):  # others cannot be ids anyway
            names.setdefault(name, why)

    for src in [*INDEX_DATA, *PROSE_PAGES]:
        for part in Path(src).with_suffix("").parts:
            add(part, f"the page {src}")
    paged = Path(page_src("section", 2)).parts[1]
    add(paged, f"the later pages of every index ({page_src('section', 2)})")
    for section in [*RECORD_PAGES, *INDEXES]:
        add(section, f"the section {section}/")
    docs = REPO / "docs"
    for entry in docs.iterdir():
        add(entry.name.removesuffix(".md"), f"docs/{entry.name}")
    for name in _CONFIGS:
        config = yaml.load((REPO / name).read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506
        for alternate in config.get("extra", {}).get("alternate", []):
            folder = alternate["link"].strip("/").split("/")[0]
            if folder and folder != "..":
                add(folder, f"the {alternate['lang']} site ({name})")
        for plugin in config.get("plugins", []):
            add(next(iter(plugin)) if isinstance(plugin, dict) else plugin, f"a plugin ({name})")
    # What the theme writes beside the pages (assets/, search/ comes from the plugin above).
    import material

    for entry in (Path(material.__file__).parent / "templates").iterdir():
        if entry.is_dir():
            add(entry.name, "the theme")
    return names


def heading_anchor(text: str) -> str:
    """The anchor MkDocs gives a heading (Python-Markdown's toc, as configured in mkdocs.yml)."""
    return slugify(text, "-")


@lru_cache(maxsize=1)
def page_anchors() -> frozenset[str]:
    """Anchors every page can hold already: the site's own words as headings, in every UI
    language of the catalogs (macros/locale/). A claim id is an anchor on its source page, a term
    id on the glossary, `event-<id>` on the timeline; none may be one of these."""
    from macros.i18n import catalogs as i18n

    catalogs = i18n.load()
    texts = [*catalogs.english.values()]
    for words in catalogs.translations.values():
        texts.extend(words.values())
    return frozenset(heading_anchor(w) for w in texts)
