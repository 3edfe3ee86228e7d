"""The package's layers (ARCHITECTURE.md) hold, and the checks that guard them catch a break.

`lint-imports` reads the contracts in pyproject.toml; ./scripts/test runs it before pytest. Here it
also runs on copies of the package, each with one import that breaks one contract."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.adapter.site_pages import RECORD_PAGES
from macros.render import pages
from macros.routes.site_map import INDEX_SECTIONS, RECORD_FOLDERS

REPO = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(project: Path) -> subprocess.CompletedProcess:
    # From the project's folder: lint-imports puts it first on the path, so the copy is analysed.
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "pyproject.toml"],
        check=False,
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_contracts_hold():
    run = _lint(REPO)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "4 kept, 0 broken" in run.stdout


@pytest.mark.parametrize(
    "module, line, broken",
    [
        # problems.py imports limits.py: the other way round closes a cycle.
        ("facts/limits.py", "from macros.facts import problems", "No import cycle anywhere"),
        # A cycle inside a layer: two renderers that import each other.
        ("render/html.py", "from macros.render import view", "No import cycle anywhere"),
        ("facts/models.py", "from macros.render import html", "Data flows one way"),
        ("routes/site_map.py", "from macros.adapter import theme", "Data flows one way"),
        ("outputs/downloads.py", "from macros.safety import prose", "Data flows one way"),
        ("render/labels.py", "import mkdocs.utils", "Only the adapter imports"),
        ("safety/prose.py", "import material", "Only the adapter imports"),
        ("cli/synth.py", "from mkdocs import utils", "reach MkDocs only through the adapter"),
    ],
)
def test_an_import_against_the_layers_fails(tmp_path, module, line, broken):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "pyproject.toml", project)
    shutil.copytree(REPO / "macros", project / "macros", ignore=shutil.ignore_patterns("locale"))
    path = project / "macros" / module
    # Inside a function: the copy is only analysed, never run, and a cycle must be found all
    # the same (a lazy import is an import).
    path.write_text(path.read_text() + f"\n\ndef _test_breaks_a_contract():\n    {line}\n")
    run = _lint(project)
    assert run.returncode == 1, run.stdout[-3000:]
    # An import up the layers also closes a cycle between packages: both contracts may say so.
    assert broken in run.stdout.split("Broken contracts")[1], run.stdout[-3000:]


def test_every_paged_section_has_its_renderer_and_every_record_folder_its_page():
    assert tuple(pages.INDEXES) == INDEX_SECTIONS
    assert set(RECORD_PAGES) == set(RECORD_FOLDERS)
