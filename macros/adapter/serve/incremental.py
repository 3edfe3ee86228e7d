"""Incremental rebuilds for `mkdocs serve`: after an edit, only the pages whose inputs changed are
rendered again; every other page, and its search entries, comes from the previous build.

How a page's inputs are known. While serving, the fact base's tables are wrapped (`track`) so that
every read is noted in a log: a record read by id is the dependency `(table, id)`; walking a
table's ids is `(table, KEYS)`, its values `(table, ALL)`. The fragments renderers keep in the
render cache (FactBases.drawn: a claim card drawn once, shown on many pages) carry the dependencies
noted while they were drawn, and hand them on to every page that reuses them. A value worked out
from the records for many pages (FactBase.derived: a briefing's claims sorted newest first and by
kind, the claims with figures) is the dependency `(DERIVED, key)`, whose hash is that of the value,
worked out again for the next fact base by the same recipe: a page depends on the ids it lists,
and on the records of those it shows, not on every record read to sort them. A page's dependencies
are what the log holds between its `on_pre_page` and its `on_page_content`, then between its
`on_page_context` and its `on_post_page`; each is stored with the content hash (BLAKE2 of its
pickle) of what it read.

A page is reused only when, since the build that wrote it, none of these changed: the content hash
of every dependency; its own source (the one-line page in docs/, its prose in docs/_prose/, or the
renderer and record of a generated page); the set of pages; and the site-wide inputs (the two
configs, macros/ with the UI catalogs, overrides/, docs/assets/). A nav page whose title changed
makes every page render again (the nav is on every page). Reuse is a hard link to the file of the
published site (the staged build is swapped in whole, macros/adapter/build/staging.py, so the
failure rule stands); its search entries are put back in their place, and the whole index is
lightened again (macros/outputs/search_index.py), as a full build does, from what the last index
worked out per entry (search_index.Memo: an unchanged entry is neither parsed nor searched for
names again).

MkDocs renders every page it is given, so while serving its two per-page steps ask this module
first (compat/mkdocs_build.py, a fenced shortcut): a reused page is neither read nor rendered,
and its output is linked. `mkdocs build` never gets here: it always builds whole; nor does serve
when the shortcut is off (`public_api_only`, or an unverified MkDocs): it then renders every page.

The state lives on an `Incremental` object the plugin owns (MkDocs keeps the plugin's instance
across rebuilds and reloads the configs at each), and the other languages are built in the
serving process (adapter/plugin.py) so that their state lives there too. The read log of the fact
base (`track`, `reuse`) is this module's: the fact base is loaded once per process for all
languages, and outputs reach it through `reuse`. Only a build that was published (swapped in)
becomes the state; a failed one leaves the previous state, like the previous site; a build with
data problems (the error page) leaves none, so the next build is whole.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import pickle
import shutil
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from macros.adapter.compat.mkdocs_build import PageSteps, ThemeWalk, populate_page
from macros.facts.factbase import FactBase

log = logging.getLogger("mkdocs.plugins.briefing")

KEYS = "*keys"  # a table's ids, in order
ALL = "*all"  # a table's ids and every value
DERIVED = "*derived"  # a value worked out from the records (FactBase.derived), by its key

# The reads noted since the log was last emptied; None while nothing is tracked.
_log: list | None = None


def _note(dep) -> None:
    if _log is not None:
        _log.append(dep)


class _Table(Mapping):
    """A fact base table that notes what is read from it. A missing id of a defaultdict reads as
    its default without adding it: the table stays as loaded, and so does its hash."""

    __slots__ = ("_d", "_name", "_default")

    def __init__(self, name: str, d: dict):
        self._d, self._name = d, name
        self._default = getattr(d, "default_factory", None)

    def __getitem__(self, key):
        _note((self._name, key))
        try:
            return self._d[key]
        except KeyError:
            if self._default is None:
                raise
            return self._default()

    def get(self, key, default=None):
        _note((self._name, key))
        return self._d.get(key, default)

    def __contains__(self, key):
        _note((self._name, key))
        return key in self._d

    def __iter__(self):
        _note((self._name, KEYS))
        return iter(self._d)

    def __len__(self):
        _note((self._name, KEYS))
        return len(self._d)

    def keys(self):
        _note((self._name, KEYS))
        return self._d.keys()

    def values(self):
        _note((self._name, ALL))
        return self._d.values()

    def items(self):
        _note((self._name, ALL))
        return self._d.items()

    def __repr__(self):
        return f"_Table({self._name!r}, {len(self._d)} entries)"


class _List(Sequence):
    """A fact base list: any read depends on all of it."""

    __slots__ = ("_l", "_name")

    def __init__(self, name: str, items: list):
        self._l, self._name = items, name

    def __getitem__(self, i):
        _note((self._name, ALL))
        return self._l[i]

    def __len__(self):
        _note((self._name, ALL))
        return len(self._l)

    def __iter__(self):
        _note((self._name, ALL))
        return iter(self._l)


class _Rendered(dict):
    """The render cache (FactBases.drawn) that remembers what each fragment read, and hands
    it on when reused.

    Renderers look a fragment up (`key in`, `.get`), draw it on a miss, then store it: what the
    log noted between the miss and the store is what the fragment depends on."""

    def __init__(self, items):
        super().__init__(items)
        self.deps: dict = {}
        self._started: dict = {}
        self.inputs: dict[str, str] = {}  # language -> the site-wide inputs it was drawn under

    def _looked_up(self, key, found: bool) -> None:
        if _log is None:
            return
        if found:
            deps = self.deps.get(key)
            # Drawn before tracking began: depend on everything rather than on nothing.
            _log.extend(deps if deps is not None else (("*", ALL),))
        else:
            self._started[key] = len(_log)

    def __contains__(self, key):
        found = dict.__contains__(self, key)
        self._looked_up(key, found)
        return found

    def get(self, key, default=None):
        found = dict.__contains__(self, key)
        self._looked_up(key, found)
        return dict.get(self, key, default)

    def __getitem__(self, key):
        value = dict.__getitem__(self, key)
        self._looked_up(key, True)
        return value

    def __setitem__(self, key, value):
        dict.__setitem__(self, key, value)
        if _log is None:
            return
        start = self._started.pop(key, None)
        # Stored without a look-up first: all the page read so far, to be safe.
        self.deps[key] = frozenset(_log[start:] if start is not None else _log)


# What is tracked: every table and list the fact base holds (every kind of record's table, see
# macros/facts/kinds.py, and the indexes built from them), read from FactBase itself so that a
# new one cannot be missed. `memo` is the fact base's own working state, not data.
_UNTRACKED = {"root", "memo"}
_TABLES = tuple(
    f.name
    for f in dataclasses.fields(FactBase)
    if f.name not in _UNTRACKED and not str(f.type).startswith("list")
)
_LISTS = tuple(f.name for f in dataclasses.fields(FactBase) if str(f.type).startswith("list"))


class _Hashes:
    """Content hashes of one fact base's records, each computed once."""

    def __init__(self, fb):
        self.raw = {name: getattr(fb, name)._d for name in _TABLES}
        self.raw |= {name: getattr(fb, name)._l for name in _LISTS}
        self.fb = fb
        self.memo: dict = {}
        self.intern: dict = {}  # one object per dependency, however many pages read it

    def __call__(self, dep) -> str:
        found = self.memo.get(dep)
        if found is None:
            found = self.memo[dep] = self._compute(dep)
        return found

    def _compute(self, dep) -> str:
        name, key = dep
        if name == "*":  # an unknown read: never the same
            return os.urandom(16).hex()
        if name == DERIVED:
            return self._derived(key)
        table = self.raw[name]
        if name in _LISTS:
            return _digest(table)
        if key == KEYS:
            return _digest(list(table))
        if key == ALL:
            h = hashlib.blake2b(digest_size=16)
            for k in table:
                h.update(repr(k).encode())
                h.update(self((name, k)).encode())
            return h.hexdigest()
        if key in table:
            return _digest(table[key])
        default = getattr(table, "default_factory", None)
        return _digest(default()) if default else "missing"

    def _derived(self, key) -> str:
        """The hash of a derived value (FactBase.derived) of this fact base, worked out the way
        the last build that asked for it did."""
        global _log
        recipe = _recipes.get(key)
        if recipe is None:
            return os.urandom(16).hex()
        saved, _log = _log, None  # what it reads is not what the page reads
        try:
            return _digest(FactBase.derived(self.fb, key, recipe))
        except Exception:  # noqa: BLE001 (a record it needs is gone: changed)
            return os.urandom(16).hex()
        finally:
            _log = saved


def _digest(value) -> str:
    try:
        data = pickle.dumps(value, protocol=5)
    except Exception:  # noqa: BLE001 (an unpicklable value: its repr, or never the same)
        data = repr(value).encode()
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# How each derived value (FactBase.derived) was worked out, by key: to tell, for the next fact
# base, whether it changed.
_recipes: dict = {}


def _tracked_derived(fb):
    """FactBase.derived for a tracked fact base: the page asking depends on the value (its hash,
    worked out again for the next fact base by the same recipe), not on what it read."""

    ref = weakref.ref(fb)  # the fact base holds this function: no cycle back to it

    def derived(key, compute):
        global _log
        if _log is None:
            return FactBase.derived(ref(), key, compute)
        _log.append((DERIVED, key))
        _recipes[key] = compute
        saved, _log = _log, None
        try:
            return FactBase.derived(ref(), key, compute)
        finally:
            _log = saved

    return derived


def track(fb, fact_bases) -> None:
    """Wrap a fact base's tables, and its render cache (`fact_bases.drawn`), so that reads are
    noted (once per fact base)."""
    if isinstance(fb.claims, _Table):
        return
    for name in _TABLES:
        setattr(fb, name, _Table(name, getattr(fb, name)))
    for name in _LISTS:
        setattr(fb, name, _List(name, getattr(fb, name)))
    fb.derived = _tracked_derived(fb)
    fact_bases.drawn(fb, _Rendered(fact_bases.drawn(fb)))


# -- per build and per language ---------------------------------------------------------------


@dataclass
class _Page:
    own: str  # hash of the page's own source
    deps: frozenset  # what it read (the hashes are the build's, in _State.hashes)
    title: str | None
    dest_uri: str
    entries: list = field(default_factory=list)  # its search entries, before lightening


@dataclass
class _State:
    """What one language's published build was made of."""

    site: str  # the published folder of this language
    inputs: str  # hash of the site-wide inputs and the set of pages
    pages: dict[str, _Page]
    nav_titles: dict[str, str | None]
    hashes: dict  # dependency -> content hash, of every dependency of every page


@dataclass
class _Build:
    lang: str
    hashes: _Hashes
    inputs: str
    previous: _State | None
    reuse: set[str] = field(default_factory=set)
    pages: dict[str, _Page] = field(default_factory=dict)
    order: list = field(default_factory=list)  # (src, url) of the pages in build order
    own: dict[str, str] = field(default_factory=dict)
    files: object = None
    rendered: int = 0
    nav_titles: dict = field(default_factory=dict)
    half: dict = field(default_factory=dict)  # src -> what a page read in its first half
    folders: set = field(default_factory=set)  # the site's folders made for linked pages


def _files_hash(paths: list[Path]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for root in paths:
        if root.is_file():
            found = [root]
        elif root.is_dir():
            found = sorted(
                p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            )
        else:
            found = []
        for p in found:
            h.update(str(p).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _site_inputs(config, files, config_files: list[Path]) -> str:
    project = Path(config["config_file_path"]).resolve().parent
    docs = Path(config["docs_dir"])
    paths = [*config_files, project / "macros"]
    paths += [project / "overrides", docs / "assets"]
    pages = sorted(f.src_uri for f in files.documentation_pages())
    return _files_hash(paths) + _digest((pages, config["site_url"], config["theme"]["language"]))


def _own(config, file, generated: dict) -> str:
    if file.src_uri in generated:
        render, arguments = generated[file.src_uri]
        return _digest((render.__name__, arguments))
    docs = Path(config["docs_dir"])
    paths = [Path(file.abs_src_path)]
    lang = config["theme"]["language"]
    paths.append(docs / "_prose" / f"{file.src_uri.removesuffix('.md')}.{lang}.md")
    return _files_hash(paths)


def drop_drawn(drawn: _Rendered) -> None:
    """Forget what was drawn under other site-wide inputs: the shared fragments, the feed entries
    and the UI words. The catalogs are looked at once a second at most (i18n.words): an edit saved
    within a second of the last look-up was otherwise built with the old words, and the next
    rebuild, finding the inputs unchanged, reused those pages."""
    from macros.i18n import catalogs as i18n

    drawn.clear()
    drawn.deps.clear()
    drawn.inputs.clear()
    _memo.clear()
    _recipes.clear()
    i18n._cache.clear()


def _widened(read: set, tables: dict) -> set:
    """A page that read most of a table (an index page sorting every record) depends on the
    whole table: one dependency instead of thousands. It would be drawn again after nearly any
    change to that table anyway, and the state stays linear in the number of pages (at scale
    100 the paged indexes, each holding every id, made it quadratic)."""
    counts: dict[str, int] = {}
    for name, key in read:
        if key != KEYS and key != ALL:
            counts[name] = counts.get(name, 0) + 1
    wide = {
        name
        for name, n in counts.items()
        if n > _WIDE and name in tables and 2 * n > len(tables[name])
    }
    if not wide:
        return read
    return {dep for dep in read if dep[0] not in wide} | {(name, ALL) for name in wide}


_WIDE = 64


_memo: dict = {}  # key -> (what it read with its hashes, value), see reuse()
_hashes: _Hashes | None = None  # of the fact base of the build under way


def reuse(key, compute, *args):
    """`compute(*args)`, or its value from an earlier rebuild if nothing it read has changed since.
    For what is drawn outside pages (the feeds); the key must name every input that is not
    read from the fact base. Without tracking (`mkdocs build`), always computed."""
    if _log is None or _hashes is None:
        return compute(*args)
    found = _memo.get(key)
    if found is not None and all(_hashes(dep) == h for dep, h in found[0].items()):
        _log.extend(found[0])
        return found[1]
    start = len(_log)
    value = compute(*args)
    _memo[key] = ({dep: _hashes(dep) for dep in set(_log[start:])}, value)
    return value


class _MemoryBytecode(jinja2.BytecodeCache):
    """Compiled theme templates, kept between rebuilds (checked against their source)."""

    def __init__(self):
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


class Incremental:
    """The incremental state of `mkdocs serve`, per language: owned by the plugin, whose instance
    MkDocs keeps across rebuilds (the configs are loaded anew at each). The other languages are
    built in the serving process (adapter/plugin.py), so their state lives here too."""

    def __init__(self, config_files: list[Path], fact_bases) -> None:
        self.config_files = config_files  # every language's config: site-wide inputs
        self.fact_bases = fact_bases  # the plugin's (site_pages.FactBases), with render caches
        self._states: dict[str, _State] = {}  # by language: the published builds
        self._builds: dict[str, _Build] = {}  # by language: the builds under way
        self._done: dict[str, _Build] = {}  # by language: built, waiting for the swap
        self._themes: dict[tuple[str, str], dict] = {}
        self.bytecode = _MemoryBytecode()  # compiled theme templates, kept between rebuilds
        # MkDocs' page steps and theme walk, wrapped (compat/mkdocs_build.py)
        self._steps = PageSteps(self._skip_read, self._linked)
        self._walk = ThemeWalk()
        self.reusing = False  # whether pages are reused (begin() is called)

    def install(self, steps: bool, walk: bool) -> None:
        """While serving: MkDocs' page steps ask this object first (`steps`: pages are reused),
        and the theme's folders are walked once (`walk`). Either off: MkDocs' own (the public
        path, adapter/compat/)."""
        self.reusing = steps
        if not steps:
            self.forget()
        for shortcut, on in ((self._steps, steps), (self._walk, walk)):
            if on:
                shortcut.install()
            else:
                shortcut.uninstall()

    def begin(self, config, fb, files, generated: dict) -> None:
        """Decide which pages of this build can be reused (after on_files, before any page)."""
        global _log, _hashes
        lang = config["theme"]["language"]
        track(fb, self.fact_bases)
        _log = []
        if _hashes is None or _hashes.fb is not fb:
            _hashes = _Hashes(fb)
        hashes = _hashes
        inputs = _site_inputs(config, files, self.config_files)
        build = _Build(lang, hashes, inputs, self._states.get(lang), files=files)
        self._builds[lang] = build
        # The fact base outlives edits that are not data (a UI catalog, a config, the
        # renderers): fragments drawn under other site-wide inputs would come back with the old
        # words or links.
        drawn = self.fact_bases.drawn(fb)
        if drawn.inputs.get(lang, build.inputs) != build.inputs:
            drop_drawn(drawn)
        drawn.inputs[lang] = build.inputs
        previous = build.previous
        for file in files.documentation_pages():
            build.own[file.src_uri] = _own(config, file, generated)
        if previous is None or previous.inputs != build.inputs:
            log.debug(f"Incremental build ({lang}): nothing to reuse (site-wide inputs changed)")
            return
        site = Path(previous.site)
        changed = {dep for dep, h in previous.hashes.items() if hashes(dep) != h}
        log.debug(f"Incremental build ({lang}): changed {sorted(map(repr, changed))[:20]}")
        for src, page in previous.pages.items():
            if (
                build.own.get(src) == page.own
                and page.deps.isdisjoint(changed)
                and (site / page.dest_uri).is_file()
            ):
                build.reuse.add(src)

    def forget(self) -> None:
        """The next build reuses nothing (the data did not load: the site is the error page)."""
        global _log
        self._builds.clear()
        self._done.clear()
        self._states.clear()
        _log = None

    def page_begin(self, config) -> None:
        if _log is not None and config["theme"]["language"] in self._builds:
            _log.clear()

    def page_pause(self, page, config) -> None:
        """End of the page's first half (read and rendered): keep what it read."""
        build = self._builds.get(config["theme"]["language"])
        if build is None or _log is None:
            return
        build.half[page.file.src_uri] = set(_log)
        _log.clear()

    def page_end(self, page, config) -> None:
        """End of the page's second half (its template drawn): its dependencies, with their
        hashes."""
        build = self._builds.get(config["theme"]["language"])
        if build is None or _log is None:
            return
        src = page.file.src_uri
        read = build.half.pop(src, set())
        read.update(_log)
        _log.clear()
        read = _widened(read, build.hashes.raw)
        intern = build.hashes.intern
        deps = frozenset(intern.setdefault(dep, dep) for dep in read)
        build.pages[src] = _Page(build.own[src], deps, page.title, page.file.dest_uri)
        build.rendered += 1

    def check_nav(self, config, nav, files) -> None:
        """on_env: a nav page drawn again with another title changes every page's nav."""
        build = self._builds.get(config["theme"]["language"])
        if build is None or not build.reuse:
            return
        titles = {p.file.src_uri: p.title for p in nav.pages}
        if titles == build.previous.nav_titles:
            return
        log.info("A title in the navigation changed: every page is drawn again")
        reused, build.reuse = build.reuse, set()
        for file in files.documentation_pages():
            if file.src_uri in reused:
                populate_page(file.page, config, files)

    def search_and_state(self, config, nav) -> None:
        """on_post_build, after the search plugin wrote its index: put the reused pages' entries
        back in build order; note the build's state, to publish with the site."""
        build = self._builds.pop(config["theme"]["language"], None)
        if build is None:
            return
        path = Path(config["site_dir"]) / "search" / "search_index.json"
        index = json.loads(path.read_text(encoding="utf-8"))
        by_url: dict[str, list] = {}
        for entry in index["docs"]:
            by_url.setdefault(entry["location"].partition("#")[0], []).append(entry)
        docs = []
        for src, url in build.order:
            if src in build.reuse:
                page = build.previous.pages[src]
                build.pages[src] = page
            else:
                page = build.pages[src]
                page.entries = by_url.get(url, [])
            docs += page.entries
        if build.reuse:
            index["docs"] = docs
            path.write_text(
                json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8"
            )
        build.nav_titles = {p.file.src_uri: p.title for p in nav.pages}
        self._done[build.lang] = build
        drawn = [s for s, _ in build.order if s not in build.reuse]
        log.debug(f"Drawn again ({build.lang}): {drawn}")
        log.info(
            f"Incremental build ({build.lang}): {build.rendered} page(s) drawn, "
            f"{len(build.reuse)} reused"
        )

    def published(self, sites: dict[str, str]) -> None:
        """The builds were swapped in at these folders (by language): they are what the next
        build starts from."""
        global _log
        for lang, build in list(self._done.items()):
            if lang in sites:
                # Only what some page read: the hashes of a reused page's reads are this
                # build's too (unchanged, or the page would not have been reused).
                needed = set().union(*(p.deps for p in build.pages.values()))
                hashes = {dep: build.hashes(dep) for dep in needed}
                self._states[lang] = _State(
                    sites[lang], build.inputs, build.pages, build.nav_titles, hashes
                )
        self._done.clear()
        _log = None

    def discarded(self) -> None:
        global _log
        self._builds.clear()
        self._done.clear()
        _log = None

    def theme_cache(self, config) -> dict | None:
        """The audit's view of the theme (safety/page_audit.py), kept while the site-wide
        inputs (the theme, the configs) stay the same; None when not serving."""
        build = self._builds.get(config["theme"]["language"])
        if build is None:
            return None
        return self._themes.setdefault((build.lang, build.inputs), {})

    # -- asked by MkDocs' two per-page steps (compat/mkdocs_build.py) --------------------------

    def _skip_read(self, page, config) -> bool:
        build = self._builds.get(config["theme"]["language"])
        if build is not None and page.file.src_uri in build.reuse:
            page.title = build.previous.pages[page.file.src_uri].title  # for the nav
            return True
        return False

    def _linked(self, page, config) -> bool:
        build = self._builds.get(config["theme"]["language"])
        if build is None:
            return False
        src = page.file.src_uri
        build.order.append((src, page.url))  # the url the search entries give
        if src not in build.reuse:
            return False
        before = os.path.join(build.previous.site, build.previous.pages[src].dest_uri)
        target = page.file.abs_dest_path
        folder = os.path.dirname(target)
        if folder not in build.folders:  # made once; most are a page's own, made here
            try:
                os.mkdir(folder)
            except FileNotFoundError:
                os.makedirs(folder, exist_ok=True)
            except FileExistsError:
                pass
            build.folders.add(folder)
        try:
            os.link(before, target)
        except OSError:  # another file system: a copy does as well
            shutil.copyfile(before, target)
        return True
