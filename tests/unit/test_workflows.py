"""The delivery files, linted offline: workflows (zizmor, schema, our own rules), dependabot,
issue forms and the pre-commit configuration."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pathspec
import pytest
import yaml

from tests.conftest import FIXTURE, REPO
from tests.sitebuild import project_copy

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.M)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)


def test_zizmor_finds_nothing():
    run = _run(str(BIN / "zizmor"), "--offline", "--no-progress", ".github/workflows/")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings to report" in run.stdout + run.stderr


def test_zizmor_would_catch_a_bad_workflow(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n        with:\n"
        "          ref: ${{ github.event.pull_request.head.sha }}\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n"
    )
    run = _run(str(BIN / "zizmor"), "--offline", "--no-progress", str(bad.parent))
    assert run.returncode != 0 and "template-injection" in run.stdout + run.stderr


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", [str(p) for p in WORKFLOWS]),
        ("vendor.dependabot", [".github/dependabot.yml"]),
        (
            "vendor.github-issue-forms",
            [
                str(p)
                for p in (REPO / ".github/ISSUE_TEMPLATE").glob("*.yml")
                if p.name != "config.yml"
            ],
        ),
        ("vendor.github-issue-config", [".github/ISSUE_TEMPLATE/config.yml"]),
    ],
)
def test_files_match_their_github_schema(schema, files):
    assert files
    run = _run(str(BIN / "check-jsonschema"), "--builtin-schema", schema, *files)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_rules(workflow):
    text = workflow.read_text()
    doc = yaml.safe_load(text)
    triggers = doc.get(True) or doc.get("on")  # YAML 1.1 reads the key `on` as True
    assert "pull_request_target" not in str(triggers)
    assert doc["permissions"] == {}, "default to no permissions; jobs ask for what they need"
    for action, comment in USES.findall(text):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.search(r"#\s*v\d", comment), f"{action}: add the version as a comment"
    for name, job in doc["jobs"].items():
        writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
        assert not writes or name == "deploy", f"{name} asks for {writes}"
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_pre_commit_configuration_is_valid_and_uses_pinned_tools():
    run = _run(str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml")
    assert run.returncode == 0, run.stdout + run.stderr
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    assert {"data-check", "ruff", "schema-claims"} <= {h["id"] for h in hooks}
    for hook in hooks:
        assert hook["entry"].startswith(".venv/bin/"), hook["id"]


# --- Review cannot be bypassed by a file at the repository's root ------------------------------

MAINTAINERS = "@ai-geopolitics-briefing/maintainers"
SCRIPTS = sorted(p for p in (REPO / "scripts").iterdir() if p.read_text().startswith("#!"))
RUNS_PYTHON = re.compile(r"\.venv/bin/|\bpython3?\b|\bmkdocs\b|\bpytest\b")
# Each of these at the root would be imported in place of the module, were the working directory
# on sys.path: the commands CI runs must not import any of them.
SHADOWS = ("yaml", "pip", "venv", "pydantic", "markdown", "jinja2", "mkdocs", "macros", "pytest")


def _repository_files(root: Path) -> list[str]:
    """Files a pull request can add: tracked or untracked (and not ignored), as posix paths."""
    run = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    if run.returncode == 0:
        return [p for p in run.stdout.decode().split("\0") if p]
    skip = {".git", ".venv", "site", "__pycache__"}
    return [
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not skip & set(p.relative_to(root).parts)
    ]


def stray_configuration(root: Path) -> list[str]:
    """Files that would configure pytest or ruff in place of pyproject.toml, or load code into
    pytest from outside tests/."""
    found = []
    names = _repository_files(root)
    # Ignored by git is no protection on a machine where the file exists.
    names += [
        n for n in ("pytest.ini", ".pytest.ini", "tox.ini", "conftest.py") if (root / n).exists()
    ]
    for rel in sorted(set(names)):
        name = rel.rsplit("/", 1)[-1]
        if (
            name in {"pytest.ini", ".pytest.ini", "tox.ini", "ruff.toml", ".ruff.toml"}
            or (name == "conftest.py" and not rel.startswith("tests/"))
            or (name == "setup.cfg" and "[tool:pytest]" in (root / rel).read_text(errors="replace"))
        ):
            found.append(rel)
    return found


def test_no_stray_test_or_lint_configuration():
    assert stray_configuration(REPO) == [], "pyproject.toml is the only configuration"


def test_stray_configuration_is_found(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for rel, text in {
        "pytest.ini": "[pytest]\n",
        "data/tox.ini": "[pytest]\n",
        "setup.cfg": "[tool:pytest]\naddopts = -k nothing\n",
        "docs/_prose/conftest.py": "",
        "tests/conftest.py": "",
        "ruff.toml": "",
        "other/setup.cfg": "[metadata]\n",
    }.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    (tmp_path / ".gitignore").write_text(".pytest.ini\n")
    (tmp_path / ".pytest.ini").write_text("[pytest]\n")
    assert stray_configuration(tmp_path) == [
        ".pytest.ini",
        "data/tox.ini",
        "docs/_prose/conftest.py",
        "pytest.ini",
        "ruff.toml",
        "setup.cfg",
    ]


@pytest.mark.parametrize("script", [*SCRIPTS, REPO / ".ci" / "run"], ids=lambda p: p.name)
def test_scripts_run_python_only_with_a_safe_path(script):
    lines = script.read_text().splitlines()
    commands = [n for n, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    first = next((n for n in commands if RUNS_PYTHON.search(lines[n])), None)
    if first is not None:
        sourced = [n for n in commands if lines[n].strip() == ". scripts/env.sh"]
        assert sourced and sourced[0] < first, f"{script.name}: source scripts/env.sh first"
    for line in lines:
        if "pytest" in line and not line.startswith("#"):
            assert "-c pyproject.toml" in line and "--confcutdir=tests" in line, line


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_run_python_through_the_scripts(workflow):
    doc = yaml.safe_load(workflow.read_text())
    assert doc["env"]["PYTHONSAFEPATH"] == "1"
    for job in doc["jobs"].values():
        for step in job.get("steps", []):
            run = step.get("run", "")
            if RUNS_PYTHON.search(run):
                assert run.startswith("./scripts/"), f"{workflow.name}: {run!r}"


def _fake_venv(project: Path) -> None:
    """The project's .venv, made of links to the environment running these tests."""
    venv, fake = Path(sys.prefix), project / ".venv"
    (fake / "bin").mkdir(parents=True)
    shutil.copy(venv / "pyvenv.cfg", fake)
    (fake / "lib").symlink_to(venv / "lib")
    for entry in (venv / "bin").iterdir():
        # The interpreter is linked to the one the environment's own link leads to, so that
        # it finds this pyvenv.cfg; the console scripts run the real environment's Python.
        (fake / "bin" / entry.name).symlink_to(entry.resolve() if entry.is_symlink() else entry)
    shutil.copy(project / "requirements.txt", fake / ".installed-requirements")
    # The project counts as installed too (scripts/setup): the real environment's `macros` is
    # this checkout's, the same code as the copy's.
    cksum = subprocess.run(
        ["cksum"], stdin=(project / "pyproject.toml").open("rb"), capture_output=True, check=True
    )
    (fake / ".installed-project").write_text(f"{project} {cksum.stdout.decode()}")


@pytest.mark.build  # runs the CI commands themselves, scripts/build included
def test_a_module_at_the_root_does_not_run_in_the_ci_commands(tmp_path):
    project = project_copy(tmp_path / "project", FIXTURE)
    for name in ("scripts", "tests/__init__.py", "tests/conftest.py"):
        src, dst = REPO / name, project / name
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            dst.parent.mkdir(exist_ok=True)
            shutil.copy2(src, dst)
    for name in ("pyproject.toml", "requirements.txt"):
        shutil.copy2(REPO / name, project / name)
    _fake_venv(project)
    for name in (*SHADOWS, "sitecustomize", "conftest"):
        (project / f"{name}.py").write_text(f'raise RuntimeError("SHADOWED by {name}.py")\n')
    # Would deselect the one test below, were it read.
    (project / "pytest.ini").write_text("[pytest]\naddopts = -k no_such_test\n")
    (project / "tests" / "test_canary.py").write_text(
        "import yaml\n\n\ndef test_pyyaml_comes_from_site_packages():\n"
        '    assert "site-packages" in yaml.__file__\n'
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}

    def run(command: str, status: int = 0) -> str:
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        out = done.stdout + done.stderr
        assert "SHADOWED" not in out and "Traceback" not in out, f"{command}:\n{out}"
        assert done.returncode == status, f"{command}:\n{out}"
        return out

    assert "1 passed" in run("scripts/test tests/test_canary.py")
    # mkdocs-macros runs a macros.py by its path, so the build refuses to start beside one.
    refused = run("scripts/build", status=1)
    assert "macros.py: mkdocs-macros would run it in place of macros/" in refused
    (project / "macros.py").unlink()
    assert "Documentation built" in run("scripts/build")
    assert (project / "site" / "nl" / "index.html").exists()
    # What scripts/setup runs only on a fresh machine, with the environment it sets.
    run(". scripts/env.sh && .venv/bin/python -m pip --version")
    run(f". scripts/env.sh && {shlex.quote(sys.executable)} -P -m venv --help")


def _steps(workflow: str, job: str) -> list[dict]:
    doc = yaml.safe_load((REPO / ".github" / "workflows" / workflow).read_text())
    return doc["jobs"][job]["steps"]


def test_pages_publishes_nothing_while_a_permission_is_only_requested():
    """The Pages build runs the gate before it builds and uploads; deploy needs that build. CI
    (pull requests) does not: a request is previewed there (CONTRIBUTING "Add an article")."""
    steps = _steps("pages.yml", "build")
    runs = [str(step.get("run", "")) for step in steps]
    uses = [str(step.get("uses", "")) for step in steps]
    gate = runs.index("./scripts/publish-gate")
    build = runs.index("./scripts/build")
    upload = next(i for i, u in enumerate(uses) if u.startswith("actions/upload-pages-artifact@"))
    assert gate < build < upload
    doc = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text())
    assert doc["jobs"]["deploy"]["needs"] == "build"
    assert "publish-gate" not in (REPO / ".github/workflows/ci.yml").read_text()
    script = (REPO / "scripts/publish-gate").read_text()
    assert script.rstrip().endswith("-m macros --data data check --publish")


def test_the_gate_script_refuses_a_requested_permission_at_its_line(tmp_path):
    project = project_copy(tmp_path / "project", FIXTURE)
    shutil.copytree(REPO / "scripts", project / "scripts")
    for name in ("pyproject.toml", "requirements.txt"):
        shutil.copy2(REPO / name, project / name)
    _fake_venv(project)
    source = project / "data/sources/sample-news.yml"
    source.write_text(
        source.read_text().replace("url: null\n", "url: null\npermission: requested\n")
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}

    def gate() -> subprocess.CompletedProcess:
        return subprocess.run(
            ["scripts/publish-gate"], cwd=project, env=env, capture_output=True, text=True,
            timeout=120, check=False,
        )  # fmt: skip

    refused = gate()
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert re.search(
        r"^data/sources/sample-news\.yml:14:1: source 'sample-news': permission to quote is "
        r"only requested; the site may not be published until",
        refused.stderr,
        re.M,
    ), refused.stderr
    assert refused.stderr.rstrip().endswith("failed: 1 source may not be published yet")
    assert "Traceback" not in refused.stderr
    source.write_text(source.read_text().replace("permission: requested", "permission: null"))
    opened = gate()
    assert opened.returncode == 0, opened.stdout + opened.stderr
    assert "ok: 1 sources" in opened.stdout


def _code_owners(path: str, rules: list[tuple[pathspec.PathSpec, list[str]]]) -> list[str]:
    owners: list[str] = []
    for spec, who in rules:  # the last matching pattern wins, as on GitHub
        if spec.match_file(path):
            owners = who
    return owners


def test_every_path_but_data_and_prose_has_a_code_owner():
    text = (REPO / ".github" / "CODEOWNERS").read_text()
    lines = [line.split() for line in text.splitlines() if line and not line.startswith("#")]
    assert lines[0] == ["*", MAINTAINERS], "a default owner first"
    assert "is a placeholder" in text
    rules = [(pathspec.PathSpec.from_lines("gitignore", [p]), who) for p, *who in lines]
    # Every file there is, and files a pull request could add where no rule expected one.
    new = [
        "yaml.py",
        "pytest.ini",
        "conftest.py",
        "sitecustomize.py",
        ".github/workflows/new.yml",
        ".github/actions/x/action.yml",
        "docs/new-page.md",
        "overrides/partials/x.html",
        "tests/fixtures/minimal/actors.yml",
        "data/claims/new-source.yml",
        "data/sources/new-source.md",
        "docs/_prose/new-page.en.md",
    ]
    for path in [*_repository_files(REPO), *new]:
        open_to_all = path.startswith(("data/", "docs/_prose/"))
        expected = [] if open_to_all else [MAINTAINERS]
        assert _code_owners(path, rules) == expected, path
