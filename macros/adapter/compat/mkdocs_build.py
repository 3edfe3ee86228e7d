"""MkDocs' private per-page build steps and its theme walk, wrapped while serving.

`serve_reuse` (compat/__init__.py): MkDocs renders every page it is given; incremental serve
(serve/incremental.py) needs a page whose inputs did not change to be neither read nor rendered,
its output linked from the last published build instead. MkDocs 1.6 has no public event between
"this page is in the site" and "read and render it", so its two private steps,
`mkdocs.commands.build._populate_page` and `_build_page`, are replaced by wrappers that ask first.
Public path: not installed; every rebuild renders every page (the same site, as a full build).

`theme_files_once`: `Files.add_files_from_theme` walks the theme's thousands of files at every
rebuild (a third of a second per language); the wrapper walks them once while the theme's folders
and their content stay the same. Public path: not installed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import File, Files

populate_page = mkdocs_build._populate_page  # MkDocs' own, whatever is installed
_build_page = mkdocs_build._build_page
_add_files_from_theme = Files.add_files_from_theme


class PageSteps:
    """MkDocs' two per-page steps, asking `skip_read(page, config)` (True: the page is reused,
    not read) and `linked(page, config)` (True: its output was linked, not rendered) first."""

    def __init__(self, skip_read: Callable, linked: Callable) -> None:
        self.skip_read, self.linked = skip_read, linked

    def _populate(self, page, config, files, dirty=False):
        if self.skip_read(page, config):
            return
        populate_page(page, config, files, dirty)

    def _build(self, page, config, doc_files, nav, env, dirty=False, excluded=False):
        if self.linked(page, config):
            return None
        return _build_page(page, config, doc_files, nav, env, dirty, excluded)

    def install(self) -> None:
        mkdocs_build._populate_page = self._populate
        mkdocs_build._build_page = self._build

    def uninstall(self) -> None:
        mkdocs_build._populate_page = populate_page
        mkdocs_build._build_page = _build_page


def _tree_hash(root: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    for p in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(str(p).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


class ThemeWalk:
    """Files.add_files_from_theme, the walk of the theme's folders done once while they are the
    same (their list, the static templates, the content of the first: the overrides)."""

    def __init__(self) -> None:
        self._found: dict[tuple, list[tuple[str, str]]] = {}

    def install(self) -> None:
        walk = self

        def add_files_from_theme(self, env, config) -> None:
            walk.add(self, env, config)

        Files.add_files_from_theme = add_files_from_theme

    def uninstall(self) -> None:
        Files.add_files_from_theme = _add_files_from_theme

    def add(self, files, env, config) -> None:
        dirs = tuple(config.theme.dirs)
        key = (dirs, tuple(sorted(config.theme.static_templates)), _tree_hash(Path(dirs[0])))
        found = self._found.get(key)
        if found is None:
            probe = Files([])
            _add_files_from_theme(probe, env, config)
            found = self._found[key] = [(f.src_uri, f.src_dir) for f in probe]
        for path, folder in found:
            if files.get_file_from_path(path) is None:  # docs files win, as in MkDocs
                files.append(File(path, folder, config.site_dir, config.use_directory_urls))
