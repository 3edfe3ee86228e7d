"""Ids the site already uses: a record id equal to one would take a page's address or anchor.

An actor with id `index` became actors/index.md, the actors index itself, and broke 402 links.
Nothing here is typed twice: every name is read from where the site defines it (the page tables
of macros/routes/site_map.py, the paging scheme, the docs/ tree, the MkDocs
configs and the renderers' headings).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml

from macros.facts.anchors import ReservedIds, heading_anchor
from macros.facts.models import ID_PATTERN
from macros.i18n import catalogs as i18n
from macros.routes.site_map import (
    INDEX_DATA,
    INDEX_SECTIONS,
    PROSE_PAGES,
    RECORD_FOLDERS,
    page_src,
)

CONFIGS = ("mkdocs.yml", "mkdocs.nl.yml")


class _ConfigLoader(yaml.SafeLoader):
    """Safe, and reads MkDocs' own tags (`!ENV`, `!!python/name:`) as nothing: only the plain
    `extra.alternate` and `plugins` entries are wanted here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, s, node: None)


def read_config(path: Path) -> dict:
    """A MkDocs config file as plain data, MkDocs' tags (`site_url: !ENV ...`) read as None."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506


def site_paths(project: Path, theme_folders: Iterable[str]) -> dict[str, str]:
    """Names a record page must not take, each with where the site uses it: the site's own
    pages and sections, the project's docs/ tree and configs (`project`, the folder that holds
    mkdocs.yml), and the folders the theme writes beside the pages (`theme_folders`)."""
    return dict(_site_paths(project.resolve(), tuple(theme_folders)))


@lru_cache(maxsize=4)
def _site_paths(project: Path, theme_folders: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    names: dict[str, str] = {}

    def add(name: str, why: str) -> None:
        if re.fullmatch(ID_PATTERN, name):  # others cannot be ids anyway
            names.setdefault(name, why)

    for src in [*INDEX_DATA, *PROSE_PAGES]:
        for part in Path(src).with_suffix("").parts:
            add(part, f"the page {src}")
    paged = Path(page_src("section", 2)).parts[1]
    add(paged, f"the later pages of every index ({page_src('section', 2)})")
    for section in [*RECORD_FOLDERS, *INDEX_SECTIONS]:
        add(section, f"the section {section}/")
    docs = project / "docs"
    if docs.is_dir():
        for entry in docs.iterdir():
            add(entry.name.removesuffix(".md"), f"docs/{entry.name}")
    for name in CONFIGS:
        if not (project / name).is_file():
            continue
        config = read_config(project / name) or {}
        for alternate in config.get("extra", {}).get("alternate", []):
            folder = alternate["link"].strip("/").split("/")[0]
            if folder and folder != "..":
                add(folder, f"the {alternate['lang']} site ({name})")
        for plugin in config.get("plugins", []):
            add(next(iter(plugin)) if isinstance(plugin, dict) else plugin, f"a plugin ({name})")
    for folder in theme_folders:  # assets/; search/ comes from the plugin above
        add(folder, "the theme")
    return tuple(names.items())


def reserved_ids(project: Path, theme_folders: Iterable[str]) -> ReservedIds:
    """Everything a record id must not take, for `factbase.load`."""
    return ReservedIds(site_paths(project, theme_folders), page_anchors())


@lru_cache(maxsize=1)
def page_anchors() -> frozenset[str]:
    """Anchors every page can hold already: the site's own words as headings, in every UI
    language of the catalogs (macros/locale/). A claim id is an anchor on its source page, a term
    id on the glossary, `event-<id>` on the timeline; none may be one of these."""

    catalogs = i18n.load()
    texts = [*catalogs.english.values()]
    for words in catalogs.translations.values():
        texts.extend(words.values())
    return frozenset(heading_anchor(w) for w in texts)
