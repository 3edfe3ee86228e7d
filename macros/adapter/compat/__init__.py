"""The fence: every reach into another project's internals (MkDocs, Material for MkDocs,
Python-Markdown) lives in this package, and nowhere else in `macros/`.

Each shortcut below names what it relies on, the versions it was verified on and what the public
path does instead. At start-up (`choose`) the plugin takes a shortcut only when every project it
reaches into is installed at a verified version, and `public_api_only` (plugin option, or the
environment variable BRIEFING_PUBLIC_ONLY=1) is off; otherwise it takes the public path, and one
warning line names the shortcuts an unverified version turned off. The public paths build the same
site, byte for byte (tests/builds/test_compat.py builds it both ways).

One shortcut has no public path that gives the same site: `theme_scripts` (below). It is taken
whatever the versions; if Material changes its script partials, the page audit fails the build
loudly (every page's inline scripts must be among the hashed ones), it never passes silently.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

# Not under `mkdocs`: MkDocs' strict mode counts that logger's warnings and aborts, and an
# unverified version is no reason to fail a build whose public path gives the same site.
log = logging.getLogger("briefing.compat")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    log.addHandler(_handler)
    log.propagate = False

PUBLIC_ONLY_ENV = "BRIEFING_PUBLIC_ONLY"


@dataclass(frozen=True)
class Shortcut:
    name: str
    relies_on: str  # the private or undocumented names it uses
    verified: tuple[tuple[str, str, str], ...]  # (distribution, verified on, first unverified)
    public: str | None  # what the public path does; None: there is none giving the same site


SHORTCUTS = (
    Shortcut(
        "serve_reuse",
        "mkdocs.commands.build._populate_page and _build_page, replaced while serving "
        "(serve/incremental.py): a page whose inputs did not change is neither read nor rendered",
        (("mkdocs", "1.6.1", "1.7"),),
        "`mkdocs serve` renders every page at every rebuild (the same site, slower)",
    ),
    Shortcut(
        "theme_files_once",
        "mkdocs.structure.files.Files.add_files_from_theme, replaced on the class while serving "
        "(serve/incremental.py): the theme's folders are walked once, not at every rebuild",
        (("mkdocs", "1.6.1", "1.7"),),
        "MkDocs walks the theme's folders at every rebuild",
    ),
    Shortcut(
        "markdown_stash",
        "Markdown's htmlStash filled by a preprocessor at priority 25, chosen against MkDocs' "
        "private _RawHTMLPreprocessor (21) and Python-Markdown's HtmlBlockPreprocessor (20); "
        "Page.present_anchor_ids completed with the ids MkDocs' skipped scan would have found "
        "(markdown_stash.py)",
        (("markdown", "3.11.3", "3.12"), ("mkdocs", "1.6.1", "1.7")),
        "Python-Markdown and MkDocs parse every raw HTML block of a generated page",
    ),
    Shortcut(
        "search_parser",
        "material.plugins.search.plugin.Parser (replaced) and .void, and the parser's skip, "
        "context and section attributes (search_parser.py)",
        (("mkdocs-material", "9.8.2", "9.9"),),
        "Material's own html.parser reads every page for the search index",
    ),
    Shortcut(
        "theme_scripts",
        "Material's partials/javascripts/*.html templates, rendered to learn the inline scripts "
        "the theme writes on a page, whose hashes the Content-Security-Policy allows "
        "(theme_scripts.py)",
        (("mkdocs-material", "9.8.2", "9.9"),),
        None,
    ),
)
BY_NAME = {s.name: s for s in SHORTCUTS}


def _release(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text.split("+")[0])[:3])


def _installed(distribution: str) -> str | None:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def unverified(shortcut: Shortcut, installed=_installed) -> list[str]:
    """'name version' of each project the shortcut reaches into that is outside its range."""
    out = []
    for dist, low, high in shortcut.verified:
        found = installed(dist)
        if found is None or not _release(low) <= _release(found) < _release(high):
            out.append(f"{dist} {found or 'not installed'}")
    return out


def public_only_env() -> bool:
    return os.environ.get(PUBLIC_ONLY_ENV, "") not in ("", "0")


@dataclass(frozen=True)
class Choice:
    """The shortcuts a build takes (`enabled`), and the one warning line, if any."""

    enabled: frozenset[str]
    warning: str | None = None

    def __contains__(self, name: str) -> bool:
        return name in self.enabled


def choose(public_api_only: bool, installed=_installed) -> Choice:
    enabled: set[str] = set()
    off: dict[str, list[str]] = {}
    kept: dict[str, list[str]] = {}
    for shortcut in SHORTCUTS:
        if shortcut.public is None:
            # No public path: taken, and the page audit fails the build if it no longer holds.
            enabled.add(shortcut.name)
            outside = unverified(shortcut, installed)
            if outside:
                kept[shortcut.name] = outside
            continue
        if public_api_only:
            continue
        outside = unverified(shortcut, installed)
        if outside:
            off[shortcut.name] = outside
        else:
            enabled.add(shortcut.name)
    warning = None
    if off or kept:
        versions = sorted({v for found in (*off.values(), *kept.values()) for v in found})
        said = []
        if off:
            said.append(f"taking the public path for {', '.join(off)} (the same site, slower)")
        if kept:
            said.append(f"keeping {', '.join(kept)} (no public path; the page audit checks it)")
        warning = (
            f"{', '.join(versions)}: not a version the build's shortcuts were verified on; "
            + "; ".join(said)
        )
    return Choice(frozenset(enabled), warning)
