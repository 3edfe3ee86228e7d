"""Heading anchors, and the names and anchors a record id must not take (the site's own).

The data layer checks ids against these; it does not work them out. Which names the site uses is
known above it (macros/routes/reserved.py derives them from the page tables, the docs/ tree, the
configs and the theme) and handed to `factbase.load`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify


def heading_anchor(text: str) -> str:
    """The anchor MkDocs gives a heading (Python-Markdown's toc, as configured in mkdocs.yml)."""
    return slugify(text, "-")


@dataclass(frozen=True)
class ReservedIds:
    """What a record id must not be: a page address (name -> where the site uses it), or an
    anchor every page can hold already (the site's own words as headings)."""

    paths: Mapping[str, str] = field(default_factory=dict)
    anchors: frozenset[str] = frozenset()
