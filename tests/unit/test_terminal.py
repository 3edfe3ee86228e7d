"""Issue 26, finding 4: no byte of a contributor's reaches a terminal or a CI log raw.

One escaper (macros/facts/terminal.py) for every message the project prints, every log record of
a build (MkDocs' own lines quote prose link targets), and the output of quote, suggest and
new-source; and one character rule for prose as for data (macros/safety/prose.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from mkdocs.exceptions import PluginError

from macros.adapter.site_pages import prose_text
from macros.cli.commands import main
from macros.facts import terminal
from macros.safety import prose
from tests.conftest import FIXTURE, edit
from tests.sitebuild import mkdocs_build, project_copy, project_env

# A clipboard write (OSC 52, ended by BEL), erase-line and cursor-up: finding 4's payload.
CLIPBOARD = "\x1b]52;c;aGVsbG8=\x07\x1b[2K\x1b[1A"
INVISIBLE = {
    "escape sequence": CLIPBOARD,
    "bell": "\x07",
    "carriage return": "\r",
    "C1 control (CSI)": "\x9b",
    "right-to-left override": "\u202e",
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "tag character": "\U000e0041",
    "Hangul filler": "\u3164",
    "DEL": "\x7f",
}


def _raw(text: str) -> list[str]:
    """The characters of `text` that would act on a terminal or hide from a reader."""
    return [c for c in text if (not c.isprintable() and c not in "\n\t") or c in "\u3164"]


@pytest.mark.parametrize("payload", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_the_escaper_leaves_nothing_raw_and_is_idempotent(payload):
    text = f"link 'a{payload}b' in méthode"
    once = terminal.escape(text)
    assert _raw(text) and not _raw(once)
    assert terminal.escape(once) == once
    assert once.startswith("link 'a") and once.endswith("b' in méthode")


def test_plain_text_and_line_breaks_pass_unchanged():
    text = "Coppens: “geen AI-oorlog”, 500 miljoen — 中国\n\tnext"
    assert terminal.escape(text, lines=True) == text
    assert terminal.escape(text) == text.replace("\n", "\\n").replace("\t", "\\t")


def test_every_log_record_of_the_process_is_escaped():
    """MkDocs logs on child loggers (`mkdocs.structure.pages`) and Markdown on `MARKDOWN`: a
    filter on the `mkdocs` logger alone would not see them."""
    script = (
        "import logging, sys\n"
        "from macros.facts import terminal\n"
        "logging.basicConfig(stream=sys.stdout, format='%(name)s %(message)s')\n"
        "terminal.install()\n"
        "for name in ('mkdocs.structure.pages', 'MARKDOWN', 'mkdocs', 'x'):\n"
        "    logging.getLogger(name).warning('link %r and %s', sys.argv[1], sys.argv[1])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, CLIPBOARD],
        capture_output=True,
        text=True,
        check=True,
        env=project_env(FIXTURE.parent),
    )
    assert run.stdout.count("\\x1b]52;c;aGVsbG8=\\x07") == 8
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout


def test_quote_prints_an_archived_paragraph_escaped(data_dir, capsys):
    text = next((data_dir / "sources").glob("*.txt"))
    first = text.read_text(encoding="utf-8").split("\n")[0]
    text.write_text(f"{first}\nHidden {CLIPBOARD} words in the archive here\n", encoding="utf-8")
    code = main(["--data", str(data_dir), "quote", text.stem, "words in the archive here"])
    out = capsys.readouterr()
    assert code == 0
    assert "\\x1b]52;c;aGVsbG8=\\x07" in out.out
    assert not _raw(out.out + out.err)


def test_quote_echoes_the_maintainers_own_text_escaped(data_dir, capsys):
    text = next((data_dir / "sources").glob("*.txt"))
    main(["--data", str(data_dir), "quote", text.stem, f"no such {CLIPBOARD} quote here at all"])
    out = capsys.readouterr()
    assert not _raw(out.out + out.err)


@pytest.mark.parametrize("payload", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_prose_with_an_invisible_character_is_refused_with_its_place(payload, tmp_path):
    folder = tmp_path / "_prose"
    folder.mkdir()
    (folder / "x.en.md").write_text(f"# X\n\nSee [it](page{payload}.md)\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"_prose/x\.en\.md:3:14: .* not allowed in prose") as e:
        prose_text(tmp_path, "x", "en")
    assert not _raw(str(e.value))


@pytest.mark.parametrize("reference", ["&#x202E;", "&#27;", "&#x1b;", "&#917569;", "&#8203;"])
def test_prose_writing_one_as_a_character_reference_is_refused(reference, tmp_path):
    folder = tmp_path / "_prose"
    folder.mkdir()
    (folder / "x.en.md").write_text(f"# X\n\n## Head{reference}ing\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"x\.en\.md:3:8: .* written as"):
        prose_text(tmp_path, "x", "en")


@pytest.mark.parametrize(
    "image",
    ["/other-repo/x.png", "../../../x.png", "../x.png", "%2e%2e/x.png", "https://a.example/x.png"],
)
def test_prose_images_stay_inside_the_site(image, tmp_path):
    folder = tmp_path / "_prose"
    folder.mkdir()
    (folder / "x.en.md").write_text(f"# X\n\n![a]({image})\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"x\.en\.md:3:6: image .* is not inside this site"):
        prose_text(tmp_path, "x", "en")


@pytest.mark.parametrize("src", ["/other-repo/x.png", "../../x.png", "../%2e%2e/x.png"])
def test_the_sanitiser_drops_an_image_from_above_the_site(src):
    html = f'<p><img alt="a" src="{src}"></p>'
    assert "src=" not in prose.clean(html, 1)
    assert 'src="../assets/x.png"' in prose.clean('<img src="../assets/x.png">', 1)


@pytest.mark.build
def test_mkdocs_own_log_lines_reach_the_terminal_escaped(tmp_path):
    """A link target in a page (MkDocs logs it as found) reaches the terminal escaped; the same
    in prose is refused before MkDocs sees it, and the refusal is escaped too."""
    project = project_copy(tmp_path / "project", FIXTURE)
    with open(project / "docs" / "index.md", "a", encoding="utf-8") as f:
        f.write(f"\n\n[x](nowhere{CLIPBOARD}.md)\n")
    run = mkdocs_build(project)
    assert "nowhere\\x1b]52;c;aGVsbG8=\\x07\\x1b[2K\\x1b[1A.md" in run.stderr
    assert not _raw(run.stderr.replace("\x1b[33m", "").replace("\x1b[0m", ""))
    project = project_copy(tmp_path / "prose", FIXTURE)
    edit(project / "docs" / "_prose" / "method.nl.md", "\n", f"\n\n[x](y{CLIPBOARD}.md)\n")
    run = mkdocs_build(project)
    assert run.returncode == 1
    assert "method.nl.md:" in run.stderr and "U+001B" in run.stderr, run.stderr
    assert not _raw(run.stderr.replace("\x1b[33m", "").replace("\x1b[0m", ""))
    assert "Traceback" not in run.stderr
