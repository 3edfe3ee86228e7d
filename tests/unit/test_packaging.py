"""The project is installed in .venv as a package (scripts/setup, `pip install -e .`), and the
MkDocs plugin is found by its entry point. Only `macros` is mapped into the environment: the
project's root folder is never on sys.path, where a `yaml.py` of a pull request would stand in
for PyYAML."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import yaml

from tests.conftest import REPO

PROBE = """
import importlib.util, json, sys
import macros
print(json.dumps({
    "path": sys.path,
    "macros": macros.__file__,
    "root_modules": [n for n in ("tests", "scripts", "docs", "data")
                     if importlib.util.find_spec(n) is not None],
}))
"""


def test_the_root_folder_is_never_on_the_path(tmp_path):
    # From another folder, without the test run's own path: what a build, `python -m macros`
    # and the page audit's spawned worker see.
    env = {"PATH": "/usr/bin:/bin", "PYTHONSAFEPATH": "1"}
    run = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    root = str(REPO.resolve())
    assert seen["macros"] == str(REPO / "macros" / "__init__.py")
    assert [p for p in seen["path"] if p and str(Path(p).resolve()) == root] == []
    # A package or module at the root (tests/ is one) is not importable: nor would a yaml.py be.
    assert seen["root_modules"] == []


def test_the_install_maps_only_the_macros_package():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    build = project["tool"]["hatch"]["build"]
    assert build["dev-mode-exact"] is True
    assert build["targets"]["wheel"]["packages"] == ["macros"]
    # No .pth file of the environment names the project's root as a folder to search.
    site = next(p for p in map(Path, sys.path) if p.name == "site-packages")
    for pth in site.glob("*.pth"):
        lines = pth.read_text(encoding="utf-8").splitlines()
        assert str(REPO) not in [line.strip() for line in lines], pth


def test_mkdocs_finds_the_plugin_by_its_entry_point_and_no_hooks_file():
    (found,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "briefing"]
    assert found.value == "macros.adapter.plugin:BriefingPlugin"
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "briefing" in names and "hooks" not in config
