"""The fence around other projects' internals (macros/adapter/compat/): each shortcut is taken only
on the versions it was verified on, a switch forces every public path, the public paths build the
same site byte for byte, and no code outside the fence patches MkDocs, Material, Markdown or
Python's import system."""

from __future__ import annotations

import ast
import re
import urllib.request
from pathlib import Path

import pytest
import yaml

from macros.adapter import compat
from tests.conftest import REPO
from tests.sitebuild import mkdocs_build, mkdocs_serving, project_copy

# --- the gate -----------------------------------------------------------------------------------


def _versions(**over):
    verified = {d: v for s in compat.SHORTCUTS for d, v, _ in s.verified}
    verified.update({k.replace("_", "-"): v for k, v in over.items()})
    return lambda dist: verified.get(dist)


def test_every_shortcut_is_taken_on_the_verified_versions():
    choice = compat.choose(False, _versions())
    assert choice.enabled == {s.name for s in compat.SHORTCUTS}
    assert choice.warning is None


def test_the_switch_forces_every_public_path():
    choice = compat.choose(True, _versions())
    # Only what has no public path giving the same site stays (and says so in its module).
    assert choice.enabled == {s.name for s in compat.SHORTCUTS if s.public is None}
    assert choice.enabled == {"theme_scripts"}
    assert choice.warning is None


def test_an_unverified_version_takes_the_public_path_with_one_warning_line():
    choice = compat.choose(False, _versions(mkdocs_material="10.0.0"))
    assert "search_parser" not in choice
    assert {"serve_reuse", "theme_files_once", "markdown_stash"} <= choice.enabled
    assert "theme_scripts" in choice  # no public path: kept, and said
    assert choice.warning is not None and "\n" not in choice.warning
    assert "mkdocs-material 10.0.0" in choice.warning and "search_parser" in choice.warning
    older = compat.choose(False, _versions(markdown="3.10.0"))
    assert "markdown_stash" not in older and "markdown 3.10.0" in older.warning


def test_every_shortcut_says_what_it_relies_on_and_where_it_is_verified():
    for shortcut in compat.SHORTCUTS:
        assert shortcut.relies_on and shortcut.verified, shortcut.name
        for _dist, low, high in shortcut.verified:
            assert compat._release(low) < compat._release(high), shortcut.name
    # The one without a public path says so in its module.
    source = (REPO / "macros" / "adapter" / "compat" / "theme_scripts.py").read_text()
    assert "No public path gives the same site" in source


def test_the_environment_variable_is_the_switch(monkeypatch):
    monkeypatch.setenv(compat.PUBLIC_ONLY_ENV, "1")
    assert compat.public_only_env()
    monkeypatch.setenv(compat.PUBLIC_ONLY_ENV, "0")
    assert not compat.public_only_env()


# --- nothing outside the fence patches another project ------------------------------------------

FOREIGN = ("mkdocs", "material", "markdown", "mkdocs_macros", "jinja2")


def _patches(path: Path, root: Path = REPO) -> list[str]:
    """Assignments to sys.path, sys.modules or an attribute of an imported foreign module or
    class, and calls that change sys.path or sys.modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    foreign: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in (*FOREIGN, "sys"):
                    foreign.add((alias.asname or alias.name).split(".")[0])
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.split(".")[0] in (*FOREIGN, "sys")
        ):
            foreign.update(alias.asname or alias.name for alias in node.names)

    def base(node) -> str | None:
        while isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        return node.id if isinstance(node, ast.Name) else None

    def sys_state(node) -> bool:
        text = ast.unparse(node)
        return text.startswith(("sys.path", "sys.modules"))

    found = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, (ast.Assign, ast.Delete)):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            if isinstance(target, (ast.Attribute, ast.Subscript)) and (
                base(target) in foreign or sys_state(target)
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {ast.unparse(target)}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and sys_state(node.func.value)
        ):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {ast.unparse(node.func)}")
        if (
            isinstance(node, ast.Call)
            and ast.unparse(node.func) in ("setattr", "delattr")
            and node.args
            and base(node.args[0]) in foreign
        ):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {ast.unparse(node)}")
    return sorted(found, key=lambda line: int(line.split(":")[1]))


def test_no_code_outside_the_fence_patches_another_project_or_the_import_system():
    fence = REPO / "macros" / "adapter" / "compat"
    found = [
        line
        for path in sorted((REPO / "macros").rglob("*.py"))
        if not path.is_relative_to(fence)
        for line in _patches(path)
    ]
    assert found == []


def test_the_patch_finder_finds_patches(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import sys\nfrom mkdocs.commands import build as b\nfrom mkdocs.structure.files import"
        " Files\nimport material.plugins.search.plugin as sp\n"
        "b._build_page = None\nFiles.add_files_from_theme = None\nsp.Parser = None\n"
        "sys.path.append('x')\nsys.modules['m'] = None\ndel sys.modules['m']\n"
        "setattr(Files, 'x', 1)\nlocal = object()\nlocal.x = 1\n",
        encoding="utf-8",
    )
    found = [line.split(": ", 1)[1] for line in _patches(sample, tmp_path)]
    assert found == [
        "b._build_page",
        "Files.add_files_from_theme",
        "sp.Parser",
        "sys.path.append",
        "sys.modules['m']",
        "sys.modules['m']",
        "setattr(Files, 'x', 1)",
    ]


# --- the public paths build the same site --------------------------------------------------------


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.build
def test_every_fallback_forced_builds_the_same_site(site, tmp_path, monkeypatch):
    # Pages, search indexes, downloads, feeds, sitemaps: every file, both languages.
    monkeypatch.setenv(compat.PUBLIC_ONLY_ENV, "1")
    out = tmp_path / "public"
    run = mkdocs_build(REPO, out)
    assert run.returncode == 0, run.stderr
    normal, public = _tree(site), _tree(out)
    assert "search/search_index.json" in public and "nl/search/search_index.json" in public
    assert "data/facts.json" in public and "nl/data/claims.csv" in public
    assert sorted(public) == sorted(normal)
    differ = [name for name in normal if normal[name] != public[name]]
    assert differ == []


LIVERELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>(?=</body>)", re.S)


@pytest.mark.build
def test_serve_with_every_fallback_forced_serves_what_the_shortcuts_build(tmp_path, monkeypatch):
    # Serve with no shortcut (every page rendered at every rebuild), after an edit; a normal
    # build of the same tree, every shortcut taken, writes the same files.
    project = project_copy(tmp_path / "project", REPO / "data")
    monkeypatch.setenv(compat.PUBLIC_ONLY_ENV, "1")
    with mkdocs_serving(project) as serve:
        serve.wait_for("Serving on")
        before = len(serve.lines)
        claims = project / "data" / "claims" / "russia-china-ai-cooperation.yml"
        doc = yaml.safe_load(claims.read_text(encoding="utf-8"))
        doc["claims"][0]["text"]["en"] += " Quuxedited."
        claims.write_text(
            yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000),
            encoding="utf-8",
        )
        serve.wait_for("Reloading browsers", after=before)
        assert not [line for line in serve.lines if "Incremental build" in line]
        monkeypatch.delenv(compat.PUBLIC_ONLY_ENV)
        out = tmp_path / "full"
        full = mkdocs_build(project, out, site_url=f"http://127.0.0.1:{serve.port}/")
        assert full.returncode == 0, full.stderr
        differ = []
        for path in sorted(p for p in out.rglob("*") if p.is_file()):
            rel = path.relative_to(out).as_posix()
            url = f"http://127.0.0.1:{serve.port}/{rel}"
            with urllib.request.urlopen(url, timeout=30) as response:
                served = response.read()
            if rel.endswith(".html"):
                served = LIVERELOAD.sub(b"", served, count=1)
            if served != path.read_bytes():
                differ.append(rel)
        assert differ == []
        assert b"Quuxedited" in (out / "search" / "search_index.json").read_bytes()
