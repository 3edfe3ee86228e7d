"""What the MkDocs side shares: where the data is, the fact base loaded once per change, which
page shows which record, and the pages the build generates from records."""

from __future__ import annotations

import gc
import os
import re
import stat
import weakref
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from macros.adapter.theme import theme_folders
from macros.facts.anchors import ReservedIds
from macros.facts.factbase import FactBase, load
from macros.facts.limits import MAX_PROSE_BYTES
from macros.facts.problems import DataError, shown
from macros.facts.repo_files import Refused, read_text
from macros.render import pages
from macros.render.html import Linker
from macros.render.pages import INDEXES
from macros.render.view import View
from macros.routes import site_map
from macros.routes.reserved import reserved_ids
from macros.routes.site_map import page_count, page_src, record_page, record_src
from macros.safety import prose


class DataProblems(PluginError):
    """The data did not load: MkDocs prints the message; `mkdocs serve` shows `problems` (the
    plugin's error page) instead of stopping."""

    def __init__(self, message: str, problems: list):
        super().__init__(message)
        self.problems = problems


def data_dir(config) -> Path:
    return Path(config["config_file_path"]).resolve().parent / "data"


def _fingerprint(root: Path) -> tuple:
    return tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    )


class FactBases:
    """The fact base of each data folder, reloaded only when a data file changed (`mkdocs serve`
    rebuilds often). Owned by the plugin: it lives as long as the plugin, across rebuilds."""

    def __init__(self) -> None:
        self._cache: dict[Path, tuple[tuple, FactBase]] = {}
        # The render cache of each loaded fact base (View.cache): fragments drawn once, shown on
        # many pages of every language; it goes with its fact base.
        self._drawn: dict[int, dict] = {}
        # The files of each data folder's last load: a reload parses only the changed ones.
        self._kept: dict[Path, dict] = {}

    def drawn(self, fb: FactBase, replace: dict | None = None) -> dict:
        """The render cache of `fb` for every page drawn with it (or, given `replace`, that one
        from now on: mkdocs serve's tracking cache)."""
        key = id(fb)
        if key not in self._drawn:
            weakref.finalize(fb, self._drawn.pop, key, None)  # an id is reused once fb is gone
        if replace is not None:
            self._drawn[key] = replace
        return self._drawn.setdefault(key, {})

    def get(self, root: Path, reserved: ReservedIds | None = None) -> FactBase:
        key = _fingerprint(root)
        cached = self._cache.get(root)
        if cached and cached[0] == key:
            return cached[1]
        if cached:  # mkdocs serve, after an edit: the fact base this one replaces can go
            self._cache.pop(root)
            self._drawn.pop(id(cached[1]), None)
            gc.unfreeze()
            gc.collect()
        try:
            fb = load(root, reserved, kept=self._kept.setdefault(root, {}))
        except DataError as exc:
            # MkDocs prints a PluginError as a plain message and exits 1: no traceback.
            raise DataProblems(
                f"the data has {len(exc.problems)} problem(s):\n{exc}", exc.problems
            ) from None
        # It lives as long as the build, and at scale it is millions of objects: frozen, the
        # cyclic collector stops rescanning them each time MkDocs allocates.
        gc.freeze()
        self._cache[root] = (key, fb)
        return fb


# Generated pages: folder -> (renderer, records of the fact base it shows); which kind of
# record each folder shows is macros/routes/site_map.py's RECORD_FOLDERS.
RECORD_PAGES = {
    "briefings": (pages.topic_page, lambda fb: fb.topics),
    "actors": (pages.actor_page, lambda fb: fb.actors),
    "sources": (pages.source_page, lambda fb: fb.sources),
    "comparisons": (pages.comparison_page, lambda fb: fb.comparisons),
}


def project_reserved(config) -> ReservedIds:
    """The page addresses and anchors of this project that no record id may take."""
    return reserved_ids(Path(config["config_file_path"]).resolve().parent, theme_folders())


def page_size(config) -> int:
    """Entries per index page (`extra.page_size`): what keeps every page light at any scale."""
    size = config["extra"].get("page_size", View.page_size)
    if type(size) is not int or size < 1:
        raise PluginError(
            f"{config['config_file_path']}: extra.page_size must be a whole number of at least 1 "
            f"(got {size!r})"
        )
    return size


def view(fb: FactBase, config, page_url: str, cache: dict) -> View:
    """What the renderers need to draw a page of this build (`cache`: the build's render cache
    for `fb`, FactBases.drawn)."""
    # The site_url of another language's build already ends in its folder (adapter/plugin.py).
    return View(
        fb,
        config["theme"]["language"],
        Linker(page_url),
        page_size(config),
        repo_url=config.get("repo_url") or "",
        site_url=config.get("site_url") or "",
        site_name=config.get("site_name") or "",
        cache=cache,
    )


# The Markdown of a generated page comes straight from its renderer, without a Jinja pass
# (the hook renders it): at scale that pass cost as much as the rendering itself.
GENERATED_SOURCE = "---\nrender_macros: false\n---\n"
# A later page of a record holds nothing search should find: its claims are found at their
# permalinks, its events on the timeline; its title alone ("China (page 2 of 9)") would answer
# a search for the record once per page.
LATER_RECORD_PAGE_SOURCE = "---\nrender_macros: false\nsearch:\n  exclude: true\n---\n"


def generated_source(src_uri: str) -> str:
    """The stand-in source of a generated page (its Markdown comes from its renderer)."""
    found = record_page(src_uri)
    return LATER_RECORD_PAGE_SOURCE if found and found[2] > 1 else GENERATED_SOURCE


def generated_pages(fb: FactBase, size: int, lang: str = "en") -> dict[str, tuple]:
    """src_uri -> (renderer, arguments) of every page the build makes from records: a page per
    record, and per later page of a paged record and of an index."""
    # Counting pages reads the lists the pages show; with a cache of its own, since the build's
    # (FactBases.drawn) notes what each fragment read only once serve's tracking has begun.
    v = View(fb, lang, Linker(""), size)
    records = {}
    for folder, (render, records_of) in RECORD_PAGES.items():
        lists = pages.PAGED_RECORDS.get(folder)
        for record_id in records_of(fb):
            if lists is None:
                records[record_src(folder, record_id)] = (render, (record_id,))
                continue
            for n in range(1, pages.record_pages(v, lists(v, record_id)) + 1):
                records[record_src(folder, record_id, n)] = (render, (record_id, n))
    index_pages = {
        page_src(section, n): (render, (n,))
        for section, (render, count) in INDEXES.items()
        for n in range(2, page_count(count(fb), size) + 1)
    }
    return records | index_pages


def data_file_of(fb: FactBase | None, src_uri: str, lang: str) -> str | None:
    """The file a contributor edits to change what a page shows (`fb` None: the data did not
    load, and only pages that no record drives have one)."""
    return site_map.data_file_of(fb.files if fb is not None else {}, src_uri, lang)


def error_page(problems: list, lang: str) -> str:
    """Markdown of the page `mkdocs serve` shows while the data is broken. Every message is data
    a contributor wrote or quoted: each is escaped, as text, like everything on the site."""
    from macros.render.html import block, heading, tag, text
    from macros.render.labels import word

    def with_code(words: str) -> Markup:
        # Messages name commands and fields in backticks, as the terminal shows them; on the
        # page those are code. Each part stays escaped text: a backtick in a contributor's value
        # can only make more of the message code.
        parts = words.split("`")
        if len(parts) % 2 == 0:
            return text(words)
        return Markup("").join(
            tag("code", text(part)) if i % 2 else text(part) for i, part in enumerate(parts)
        )

    items = Markup("").join(
        tag(
            "li",
            tag("code", text(f"{shown(p.path)}:{p.line}:{p.col}"))
            + Markup(" ")
            + with_code(shown(p.message)),
        )
        for p in problems
    )
    return (
        heading(1, word(lang, "data_problems").format(n=len(problems)))
        + block(tag("p", with_code(word(lang, "data_problems_lead")), class_="lead"))
        + block(tag("ol", items, class_="data-problems"))
    )


def refuse_symlinks(config) -> None:
    """MkDocs reads docs/ and the theme overrides itself and follows links: a symlink there
    could publish any file of the build machine (/proc/self/environ). Refused before it reads."""
    repo = Path(config["config_file_path"]).resolve().parent
    trees = [Path(config["docs_dir"]), data_dir(config)]
    if config["theme"].custom_dir:
        trees.append(Path(config["theme"].custom_dir))
    found = [(link, _SYMLINK) for tree in trees for link in symlinks(tree)]
    found += [(link, HARD_LINK_MESSAGE) for tree in trees for link in hard_links(tree)]
    found += [(path, SPECIAL_FILE_MESSAGE) for tree in trees for path in special_files(tree)]
    if found:
        lines = [
            f"{shown(str(link.relative_to(repo) if link.is_relative_to(repo) else link))}:1:1: "
            + why
            for link, why in found
        ]
        raise PluginError("\n".join(lines))


_SYMLINK = "symlinks are not allowed in docs/, overrides/ or data/; commit the file itself"
HARD_LINK_MESSAGE = (
    "hard links are not allowed in docs/, overrides/ or data/; commit a copy of the file itself"
)


# Each other language is built into <lang>/ of the first one's site, by a second process at the
# same time (build/parallel.py): a docs/<lang>/ folder would be written there by both, whichever
# came last.
def reserved_message(lang: str) -> str:
    name = language_name(lang)
    return f"docs/{lang}/ is where the {name} site is built; put {name} prose in docs/_prose/"


def language_name(lang: str) -> str:
    """A language's name in English ('Dutch'), for messages."""
    from babel import Locale

    return Locale.parse(lang).english_name


def refuse_reserved(config, other_languages=()) -> None:
    """A docs/ folder that the first language's build would publish where another one goes."""
    for lang in other_languages:
        reserved = Path(config["docs_dir"]) / lang
        if os.path.lexists(reserved):
            raise PluginError(f"docs/{lang}:1:1: {reserved_message(lang)}")


# A named pipe is read by waiting for a writer: MkDocs, opening one named docs/x.md, waited forever.
SPECIAL_FILE_MESSAGE = (
    "not a regular file (a named pipe, socket or device); only plain files are allowed in "
    "docs/, overrides/ or data/"
)


def special_files(tree: Path) -> list[Path]:
    """Every entry at or under `tree` that is neither a folder, a regular file nor a symlink."""
    found = []
    for folder, _dirs, files in os.walk(tree):
        for name in sorted(files):
            mode = os.lstat(Path(folder) / name).st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
                found.append(Path(folder) / name)
    return found


def hard_links(tree: Path) -> list[Path]:
    """Every regular file at or under `tree` with more than one name (see repo_files)."""
    found = []
    for folder, _dirs, files in os.walk(tree):
        for name in sorted(files):
            info = os.lstat(Path(folder) / name)
            if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
                found.append(Path(folder) / name)
    return found


def symlinks(tree: Path) -> list[Path]:
    """Every symlink at or under `tree` (linked folders are reported, not entered)."""
    if tree.is_symlink():
        return [tree]
    found = []
    for folder, dirs, files in os.walk(tree):
        found += [Path(folder) / n for n in sorted(dirs + files) if (Path(folder) / n).is_symlink()]
    return found


def refuse_stray_prose(docs: Path, languages) -> None:
    """docs/_prose/ holds `<page>.<lang>.md` for the prose pages and languages, and nothing else:
    no dotfile (a .gitattributes hides changes from review), no folder, no other file."""
    folder = docs / "_prose"
    expected = {
        f"{page.removesuffix('.md')}.{lang}.md"
        for page in site_map.PROSE_PAGES
        for lang in languages
    }
    problems = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        if path.name in expected and path.is_file() and not path.is_symlink():
            continue
        if path.name.startswith("."):
            why = (
                "dotfiles are not allowed in docs/_prose/ (a .gitattributes can hide changes "
                "from review)"
            )
        else:
            kind = "folder" if path.is_dir() else "file"
            why = f"unexpected {kind}; docs/_prose/ holds only {', '.join(sorted(expected))}"
        problems.append(f"{shown(str(path))}:1:1: {why}; remove it")
    if problems:
        raise PluginError("\n".join(problems))


def prose_text(docs: Path, name: str, lang: str) -> str:
    """Hand-written prose for a page in one language, kept under docs/_prose/."""
    path = docs / "_prose" / f"{name}.{lang}.md"
    try:
        text = read_text(path, docs, MAX_PROSE_BYTES)
    except FileNotFoundError:
        raise PluginError(
            f"{path}: missing; every prose page needs one file per language"
        ) from None
    except Refused as exc:
        raise PluginError(f"{path}:{exc.line}:{exc.col}: {exc.message}") from None
    # One character rule for every text a contributor writes (controls, bidi, zero-width and tag
    # characters...), also in link targets and heading ids; and images stay inside this site.
    problem = prose.check_characters(text)
    if problem:
        line, col, message = problem
        raise PluginError(f"{path}:{line}:{col}: {message}")
    # Raw HTML is refused here, with its place, as a contributor's mistake. This is not what keeps
    # prose safe: Markdown itself makes attributes and links, so the hook cleans the HTML of every
    # prose page (macros/safety/prose.py), whatever this finds.
    for number, line in enumerate(text.splitlines(), start=1):
        found = _RAW_HTML.search(line)
        if found:
            raise PluginError(
                f"{path}:{number}:{found.start() + 1}: raw HTML is not allowed in prose "
                f"(found {found.group(0)!r}); write plain Markdown"
            )
    # Shapes Python-Markdown takes quadratic time over ('[' * 5000 hung the build for a minute).
    problem = prose.check_source(text)
    if problem:
        line, col, message = problem
        raise PluginError(f"{path}:{line}:{col}: {message}")
    return text


_RAW_HTML = re.compile(r"<[A-Za-z!/?]")
