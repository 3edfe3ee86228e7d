"""What a renderer is given besides the record: the facts, the language, where the page is, and
the cache of fragments this build has drawn already."""

from __future__ import annotations

from dataclasses import dataclass, field

from macros.facts.factbase import FactBase
from macros.render.html import Linker
from macros.render.labels import word


@dataclass(frozen=True)
class View:
    """Everything a renderer needs besides the record: the facts, the language, where we are."""

    fb: FactBase
    lang: str
    link: Linker
    page_size: int = 20  # entries per page of an index (mkdocs.yml: extra.page_size)
    repo_url: str = ""  # mkdocs.yml: repo_url; "Suggest a correction" opens its issue form
    site_url: str = ""  # mkdocs.yml: site_url, when set (issue 15); permalinks then are absolute
    site_name: str = ""  # mkdocs.yml: site_name (the language's own), the publisher of its pages
    # Fragments drawn once and shown on many pages (a claim card, a preview), keyed by what they
    # show and the language. Owned by the build that draws with this fact base (the adapter
    # hands every page of one build the same dict); a View made alone gets its own.
    cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def w(self, key: str) -> str:
        return word(self.lang, key)
