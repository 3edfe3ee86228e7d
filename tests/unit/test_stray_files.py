"""Issue 26, finding 6: no file in data/ or docs/_prose/ that the build does not understand.

A `data/.gitattributes` with `* -diff` made every claims file "Binary files differ" to a
reviewer while `check` said ok; `__init__.py`, `readme.html` and `x.schema.json` passed too."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from macros.adapter.site_pages import refuse_stray_prose
from tests.conftest import REPO
from tests.mutations import assert_refused_at, write

STRAY = {
    ".gitattributes": ("* -diff linguist-generated=true\n", "dotfiles are not allowed"),
    "claims/.gitattributes": ("* -diff\n", "dotfiles are not allowed"),
    ".gitignore": ("*\n", "dotfiles are not allowed"),
    ".hidden/x.yml": ("claims: []\n", "hidden folder '.hidden'"),
    "__init__.py": ("import os\n", "unexpected file"),
    "claims/readme.html": ("<script>alert(1)</script>\n", "unexpected file"),
    "claims/x.schema.json": ("{}\n", "unexpected file"),
    "schema/extra.py": ("print(1)\n", "data/schema/ holds only"),
    "schema/sub/x.schema.json": ("{}\n", "unexpected folder"),
    "notes/extra.md": ("notes\n", "unexpected folder"),
    "claims/sub/x.yml": ("claims: []\n", "unexpected folder"),
    "sources/x.pdf": ("%PDF\n", "unexpected file"),
}


@pytest.mark.parametrize("name", STRAY, ids=STRAY)
def test_a_stray_file_in_data_is_a_located_error(name, data_dir, capsys):
    content, words = STRAY[name]
    write(name, content)(data_dir)
    first = name.split("/")[0] if words.startswith(("hidden folder", "unexpected folder")) else name
    if name.startswith(("claims/sub", "schema/sub")):
        first = name.rsplit("/", 1)[0]
    assert_refused_at(data_dir, capsys, f"data/{first}:1:1:", words)


def test_what_data_may_hold_besides_data_files_passes(data_dir, capsys):
    from macros.cli.commands import main

    write("README.md", "# The data\n")(data_dir)
    write("schema/claims.schema.json", "{}\n")(data_dir)
    assert main(["--data", str(data_dir), "check"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    "name, words",
    [
        (".gitattributes", "dotfiles are not allowed"),
        ("notes.html", "unexpected file"),
        ("method.fr.md", "unexpected file"),
        ("sub", "unexpected folder"),
    ],
)
def test_a_stray_file_in_prose_is_a_located_error(name, words, tmp_path):
    docs = tmp_path / "docs"
    (docs / "_prose").mkdir(parents=True)
    for real in (REPO / "docs" / "_prose").iterdir():
        (docs / "_prose" / real.name).write_text(real.read_text(encoding="utf-8"))
    refuse_stray_prose(docs, ["en", "nl"])  # the real folder passes
    target = docs / "_prose" / name
    if name == "sub":
        target.mkdir()
    else:
        target.write_text("* -diff\n", encoding="utf-8")
    with pytest.raises(PluginError, match=f"_prose/{name}:1:1: {words}"):
        refuse_stray_prose(docs, ["en", "nl"])


def _git(repo, *args):
    import subprocess

    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def repo(tmp_path):
    import shutil

    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    shutil.copy2(REPO / "scripts" / "review-guard", root / "scripts")
    (root / "data" / "claims").mkdir(parents=True)
    (root / "data" / "claims" / "x.yml").write_text("claims: []\n")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    return root


def _guard(repo):
    import subprocess

    return subprocess.run(
        [str(repo / "scripts" / "review-guard"), "main"],
        check=False,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    "name, content, words",
    [
        (".gitattributes", "* -diff\n", "may not add, change or remove a .gitattributes"),
        ("docs/.gitattributes", "*.yml -diff\n", "may not add, change or remove a .gitattributes"),
        ("data/claims/x.yml", "claims: []\n\x00\x01\x02\n", "Git treats this file as binary"),
    ],
)
def test_ci_refuses_a_change_that_blinds_review(repo, name, content, words):
    _git(repo, "checkout", "-qb", "pr")
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(content)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "pr")
    run = _guard(repo)
    assert run.returncode == 1
    assert f"{name}:1:1: " in run.stdout and words in run.stdout


def test_ci_lets_a_plain_data_change_through(repo):
    _git(repo, "checkout", "-qb", "pr")
    (repo / "data" / "claims" / "x.yml").write_text("claims: []\n# more\n")
    _git(repo, "commit", "-qam", "pr")
    assert _guard(repo).returncode == 0


def test_the_publishing_steps_start_with_the_code_owners():
    """Finding 9: GitHub ignores a code owner that does not exist; nothing said so."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    steps = readme.split("## Publishing", 1)[1].split("\n## ", 1)[0]
    first = steps.split("\n2. ", 1)[0]
    owners = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    team = next(line.split()[1] for line in owners.splitlines() if line.startswith("*"))
    assert first.lstrip().startswith("1. **Name the real code owners first.**")
    assert team in first and "placeholder" in first and "Require review from Code Owners" in first
    assert "Publishing" in owners and "placeholder" in owners
