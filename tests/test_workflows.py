"""The delivery files, linted offline: workflows (zizmor, schema, our own rules), dependabot,
issue forms and the pre-commit configuration."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import REPO

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
