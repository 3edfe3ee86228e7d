"""`python -m macros diff BASE_REF`: a synthetic change of each kind shows in the report."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from macros.cli import diff
from macros.cli.commands import main
from tests.conftest import FIXTURE, edit

PREVIEW = "https://preview.example/"


class NoAliases(yaml.SafeDumper):
    """Writes a value used twice out twice: the data files hold no anchors or aliases (the diff
    reads them as `check` does, which refuses both)."""

    def ignore_aliases(self, data):
        return True


@pytest.fixture
def base(tmp_path) -> Path:
    target = tmp_path / "base" / "data"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture
def head(tmp_path) -> Path:
    target = tmp_path / "head" / "data"
    shutil.copytree(FIXTURE, target)
    return target


def _change(path: Path, change) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(
        yaml.dump(doc, Dumper=NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def test_an_unchanged_fact_base_reports_nothing(base, head):
    out = diff.report(base, head, "main", PREVIEW)
    assert "0 added, 0 removed, 0 changed" in out
    assert "- added" not in out and "- removed" not in out and "- changed" not in out
    assert "- sample-news: 2/2 → 2/2" in out or "sample-news:" in out


def test_every_kind_of_change_is_shown(base, head):
    claims = head / "claims" / "sample-news.yml"

    def claims_change(doc):
        first, second = doc["claims"][0], doc["claims"][1]
        first["quote"] = "Rusland zoekt samenwerking"  # still in the text: it loads
        first["kind"] = "assessment"
        first["said_by"] = "russia"
        first["text"]["en"] = "Russia looks for cooperation with China."
        doc["claims"].remove(second)
        new = {
            **first,
            "id": "a-new-claim",
            "relations": [{"kind": "supports", "claim": first["id"]}],
        }
        doc["claims"].append(new)

    _change(claims, claims_change)
    _change(head / "actors.yml", lambda d: d["actors"][0]["description"].update(en="Changed."))
    _change(head / "actors.yml", lambda d: d["actors"].append(
        {**d["actors"][0], "id": "new-actor"}))  # fmt: skip
    _change(head / "topics.yml", lambda d: d["topics"][0]["summary"].update(en="New summary."))
    _change(head / "events.yml", lambda d: d["events"].pop(0))
    edit(head / "sources" / "sample-news.yml", 'added: "2026-11-25"', 'added: "2026-11-26"')
    out = diff.report(base, head, "main", PREVIEW)

    assert "### Claims: 1 added, 1 removed, 1 changed" in out
    assert f"- added [a-new-claim]({PREVIEW}sources/sample-news/#a-new-claim)" in out
    assert "- removed us-weighs-controls (was in sample-news)" in out
    assert (
        f"- changed [russia-seeks-china]({PREVIEW}sources/sample-news/#russia-seeks-china)" in out
    )
    for field in ("quote", "text", "kind", "said_by"):
        assert f"  - {field}: " in out, field
    assert "  - kind: fact → assessment" in out
    assert "### Actors: 1 added, 0 removed, 1 changed" in out and "- added new-actor" in out
    assert "### Topics: 0 added, 0 removed, 1 changed" in out and "- changed cooperation" in out
    assert "### Events: 0 added, 1 removed, 0 changed" in out
    assert "- removed russia-turns-to-china" in out
    assert "### Relations: 1 added" in out
    assert "### Sources: 0 added, 0 removed, 1 changed" in out
    # Coverage before and after; the head has a field today's models refuse (relations may
    # not exist yet): the report says so rather than failing
    assert "### Coverage" in out
    assert "sample-news:" in out


def test_data_cannot_make_markdown(base, head):
    hostile = "[click](javascript:alert(1)) <img src=x> | a |"
    _change(
        head / "claims" / "sample-news.yml",
        lambda d: d["claims"].append({**d["claims"][0], "id": "x", "quote": hostile}),
    )
    out = diff.report(base, head, "main", PREVIEW)
    line = next(x for x in out.splitlines() if x.startswith("- added [x]"))
    quote = line.split("): ", 1)[1]
    # Every character Markdown or HTML would act on is escaped
    assert not re.search(r"(?<!\\)[\[\]()<>|]", quote), quote
    assert r"\[click\]\(javascript\:alert\(1\)\) \<img src=x\> \| a \|" in line


def test_the_command_compares_with_a_git_ref(tmp_path, capsys):
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo / "data")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    edit(repo / "data" / "topics.yml", "Russia seeks cooperation.", "Russia seeks partners.")
    out = diff.run(repo, repo / "data", "HEAD", PREVIEW)
    assert "- changed cooperation" in out
    with pytest.raises(diff.DiffError):
        diff.run(repo, repo / "data", "no-such-ref", PREVIEW)
    assert main(["--data", str(repo / "data"), "diff", "--", "--output=x"]) == 1
    assert "not a git ref" in capsys.readouterr().err


ALIAS_BOMB = "  bomb: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"  b{i}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(3)
)


def test_the_diff_reads_yaml_as_check_does_and_refuses_an_alias_bomb(base, head, capsys):
    # Plain PyYAML read this and json.dumps expanded it: at eight levels, 1.9 GB. The diff now
    # reads each file with check's loader (no anchors or aliases, its size and value limits).
    text = (head / "actors.yml").read_text(encoding="utf-8")
    (head / "actors.yml").write_text(text.replace("actors:\n", "x:\n" + ALIAS_BOMB + "actors:\n"))
    with pytest.raises(diff.DiffError) as caught:
        diff.report(base, head, "main", PREVIEW)
    assert re.match(
        r"cannot compare the fact base: data/actors\.yml:2:\d+: .*alias", str(caught.value)
    )


def test_the_diff_refuses_what_check_refuses_in_a_file_with_its_place(base, head):
    text = (head / "topics.yml").read_text(encoding="utf-8")
    (head / "topics.yml").write_text("# hidden\u2028topics: []\n" + text, encoding="utf-8")
    with pytest.raises(diff.DiffError, match=r"data/topics\.yml:1:9: the file holds U\+2028"):
        diff.report(base, head, "main", PREVIEW)


def test_glossary_comparisons_and_archived_texts_are_shown(base, head):
    # The attacker of 2026-12-07: a changed glossary term or comparison gave a report of zeros,
    # and a sentence added to an archived text, quoted by a claim of the same change, read as
    # verified verbatim ('35/35 → 35/35'), the archive's change unseen.
    edit(head / "glossary.yml", "{en: Limits on exports.,", "{en: Limits on everything.,")
    edit(head / "comparisons" / "sides.yml", "{en: Sides,", "{en: Other sides,")
    edit(head / "sources" / "sample-news.txt", "De VS overwegen", "Invented. De VS overwegen")
    out = diff.report(base, head, "main", PREVIEW)
    assert "| terms | 0 | 0 | 1 |" in out and "| comparisons | 0 | 0 | 1 |" in out
    assert "- changed export-controls\n  - definition\\.en: Limits on exports\\. → " in out
    assert "Limits on everything\\." in out
    assert "- changed sides\n  - title\\.en: Sides → Other sides" in out
    assert "### Archived texts: 1 changed" in out
    assert "- sample-news.txt ¶3: De VS overwegen exportbeperkingen\\. → Invented\\. De VS" in out


def test_an_added_claim_shows_its_text(base, head):
    def add(doc):
        doc["claims"].append({**doc["claims"][0], "id": "new-one", "text": {"en": "E", "nl": "N"}})

    _change(head / "claims" / "sample-news.yml", add)
    out = diff.report(base, head, "main", PREVIEW)
    assert re.search(r"- added \[new-one\].*\n  - text: .*\"E\"", out), out
