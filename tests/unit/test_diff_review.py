"""Issue 26, finding 5: the reviewers' diff shows everything and links nothing.

Rendered as GitHub renders a job summary (cmarkgfm: GitHub's fork of cmark, with its autolink,
strikethrough, table and tag-filter extensions), the report of a hostile change holds no link but
the permalinks it writes itself, no image, no HTML; no `@mention` or `:emoji:` outside code (GitHub
makes those after rendering, in every text but code); and it fits in a job summary."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import cmarkgfm
import html5lib
import pytest
import yaml
from cmarkgfm.cmark import Options

from macros.cli import diff
from tests.conftest import FIXTURE

PREVIEW = "https://preview.example/"


class NoAliases(yaml.SafeDumper):
    """Writes a value used twice out twice: the data files hold no anchors or aliases (the diff
    reads them as `check` does, which refuses both)."""

    def ignore_aliases(self, data):
        return True


HOSTILE = {
    "bare URL": "see https://evil.example/login now",
    "www address": "see www.evil.example today",
    "e-mail address": "write to boss@evil.example now",
    "mention of a team": "ping @ai-geopolitics-briefing/maintainers please",
    "mention of a user": "thanks @octocat for this",
    "emoji shortcodes": "approved :white_check_mark: :shipit: :+1:",
    "raw HTML": "<a href='https://evil.example'>x</a> <img src=x onerror=alert(1)>",
    "image": "![pixel](https://evil.example/p.png)",
    "link": "[click](https://evil.example)",
    "reference link": "[click][r]\n\n[r]: https://evil.example",
    "autolink in brackets": "<https://evil.example>",
    "mailto": "mailto:boss@evil.example",
    "xmpp": "xmpp:boss@evil.example",
    "HTML comment hiding text": "shown <!-- hidden --> shown",
    "entity": "&lt;script&gt; &#64;octocat",
    "setext underline": "title\n===",
    # GitHub's references, linked after rendering (issue 26, round three)
    "issue references": "see #123, GH-45 and gh-6",
    "cross-repository issue": "fixed in owner/repo#1",
    "commit SHAs": "by a5c3785ed8d6a35868bc169f07e40e889087fd2e and 16e2398",
    "commit in another repository": "owner/repo@16e2398 too",
}
# What GitHub makes a reference of in a text node outside code.
REFERENCE = re.compile(
    r"#[0-9]|(?<![0-9A-Za-z])(?i:gh)-[0-9]|(?<![0-9A-Za-z])[0-9a-fA-F]{7,40}(?![0-9A-Za-z])"
)


def _project(root: Path) -> Path:
    target = root / "data"
    shutil.copytree(FIXTURE, target)
    return target


def _add_claims(data: Path, values: list[str], name: str = "sample-news") -> None:
    path = data / "claims" / f"{name}.yml"
    doc = yaml.safe_load((data / "claims" / "sample-news.yml").read_text(encoding="utf-8"))
    first = doc["claims"][0]
    if name != "sample-news":
        doc["claims"] = []
    for i, value in enumerate(values):
        doc["claims"].append(
            {
                **first,
                "id": f"x{i}" if name == "sample-news" else f"{name}-x{i}",
                "quote": value,
                "said_by": value,
                "kind": value,
            }
        )
    path.write_text(
        yaml.dump(doc, Dumper=NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def github_html(markdown_text: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(
        markdown_text, options=Options.CMARK_OPT_UNSAFE
    )


def _outside_code(html: str) -> str:
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    # A code element's text goes, its tail (the text after it) stays; GitHub looks for
    # mentions, emoji and references in each text node, so a code element parts them.
    for code in list(tree.iter("code")):
        tail = code.tail
        code.clear()
        code.text, code.tail = " ", tail
    return "".join(tree.itertext())


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_report_links_nothing_but_its_own_permalinks(value, tmp_path):
    base, head = _project(tmp_path / "base"), _project(tmp_path / "head")
    _add_claims(head, [value])
    html = github_html(diff.report(base, head, "main", PREVIEW))
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    links = [a.get("href") for a in tree.iter("a")]
    assert links == [f"{PREVIEW}sources/sample-news/#x0"], html
    tags = {el.tag for el in tree.iter()} - {"html", "head", "body"}
    assert tags <= {"h2", "h3", "p", "ul", "li", "a", "code", "table", "thead", "tbody", "tr",
                    "th", "td", "strong"}, html  # fmt: skip
    text = _outside_code(html)
    assert not re.search(r"(?<![\w`])@\w", text), text
    assert not re.search(r":[\w+-]+:", text), text
    assert not REFERENCE.search(text), text


@pytest.mark.parametrize("claim_id", [
    "x) ![i](https://evil.example/p.png) @octocat #12 [a](https://evil.example",
    "y <img src=https://evil.example/y.png> www.evil.example",
])  # fmt: skip
def test_a_claim_id_that_is_no_id_is_shown_unlinked(claim_id, tmp_path):
    # The attacker of 2026-12-07: the report is also written when the data does not load, and
    # an id that is not one was the permalink's fragment: ')' closed the link, and an image,
    # raw HTML, a link and a mention followed.
    base, head = _project(tmp_path / "base"), _project(tmp_path / "head")
    _add_claims(head, ["a quote"])
    path = head / "claims" / "sample-news.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: x0", f"id: {claim_id!r}"),
                    encoding="utf-8")  # fmt: skip
    html = github_html(diff.report(base, head, "main", PREVIEW))
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    assert [a.get("href") for a in tree.iter("a")] == [], html
    assert not [el for el in tree.iter() if el.tag in ("img", "script")], html
    assert not re.search(r"(?<![\w`])@\w", _outside_code(html)), html


def test_references_are_shown_as_code_that_reads_as_written():
    shown = diff.md("see #123, GH-45, owner/repo#1 and owner/repo@16e2398 (a5c3785ed8)")
    assert shown == (
        "see `#`123, `GH-`45, owner/repo`#`1 and owner/repo`@16e2398` \\(`a5c3785ed8`\\)"
    )
    # and a reader of the rendered summary sees the characters written, only in code
    text = "".join(html5lib.parse(github_html(shown), namespaceHTMLElements=False).itertext())
    assert text.strip() == "see #123, GH-45, owner/repo#1 and owner/repo@16e2398 (a5c3785ed8)"


def test_every_hostile_value_was_live_unescaped():
    """The test above is not void: each value, as it stood in the old report, made a link, a
    mention, an emoji, an image or HTML (or hid text)."""
    for name, value in HOSTILE.items():
        html = github_html(value)
        text = _outside_code(html)
        live = (
            "<a " in html or "<img" in html or "<!--" in html or "<h1>" in html
            or "&lt;script" not in html and "<script" in html
            or re.search(r"(?<!\w)@\w", text) or re.search(r":[\w+-]+:", text)
            or REFERENCE.search(text)
            or "&lt;" in value
        )  # fmt: skip
        assert live, name


def test_a_huge_change_fits_a_job_summary_and_counts_what_it_leaves_out(tmp_path):
    base, head = _project(tmp_path / "base"), _project(tmp_path / "head")
    paragraph = "Een lange alinea die de bijdrager herhaalt. " * 25
    # A 5 MB change, in files of at most 2 MB as check allows (the diff reads them as it does).
    for part in range(5):
        _add_claims(head, [f"{paragraph} {i}" for i in range(300)], f"part-{part}")
    full = diff.report(base, head, "main", PREVIEW)
    assert len(full.encode()) > 2_000_000
    summary = diff.report(base, head, "main", PREVIEW, diff.SUMMARY_LIMIT)
    assert len(summary.encode()) < 1024 * 1024
    assert "| claims | 1500 | 0 | 0 |" in summary
    shown = summary.count("\n- added ")
    assert 0 < shown < 1_500
    assert f"and {1_500 - shown:,} more changes: see the artifact `fact-base-diff`" in summary
    for heading in ("### Claims:", "### Sources:", "### Relations:", "### Coverage"):
        assert heading in summary
    assert "<a " not in github_html(summary).replace(f'<a href="{PREVIEW}', "")


def test_the_command_writes_the_whole_report_for_the_artifact(tmp_path):
    import subprocess

    repo = tmp_path / "repo"
    data = _project(repo)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    _add_claims(data, ["a @mention and www.evil.example"])
    full = tmp_path / "fact-base-diff.md"
    shown = diff.run(repo, data, "HEAD", PREVIEW, full)
    assert full.read_text(encoding="utf-8") == shown
    assert "`@`mention and www\\.evil\\.example" in shown


def test_the_command_prints_no_contributor_control_byte(monkeypatch, capsys):
    # Found by the attacker of issue 26: a claim's kind holding OSC 52 reached the terminal raw.
    import argparse

    from macros.cli import commands
    from macros.cli import diff as diff_module

    hostile = "- kind: fact → fact\x1b]52;c;aGVsbG8=\x07\x1b[2K\u202e\n"
    monkeypatch.setattr(diff_module, "run", lambda *args: hostile)
    args = argparse.Namespace(data=None, base_ref="main", preview="", full=None)
    assert commands._diff(args) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "- kind: fact → fact" in out and out.endswith("\n")
