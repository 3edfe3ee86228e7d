"""Injection payloads in every kind of text field: the whole site is built with them, and none may
become live markup, open a dialog or make the browser request anything outside localhost."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import html5lib
import markupsafe
import pytest
import yaml

from macros.cli.commands import main
from macros.facts.limits import (
    MAX_ACTOR_NAME_LENGTH,
    MAX_ALIAS_LENGTH,
    MAX_ALIASES,
    MAX_TERM_WORDS,
    MAX_TITLE_LENGTH,
)
from macros.outputs.page_meta import shorten
from macros.render.cite_formats import bib_escape
from tests.chromium import chromium, record_requests, served
from tests.conftest import FIXTURE
from tests.mutations import replace_in
from tests.sitebuild import mkdocs_build, pages, parse, project_copy

EVIL = "evil.example.invalid"
PAYLOADS = [
    "<script>alert('p1')</script>",
    "<img src=x onerror=alert('p2')>",
    "<svg onload=alert('p3')>",
    "<a href=\"javascript:alert('p4')\">p4</a>",
    "[p5](javascript:alert('p5'))",
    "![p6](javascript:alert('p6'))",
    "[p7](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<iframe src=\"javascript:alert('p8')\"></iframe>",
    "</title><script>alert('p9')</script>",
    "\"><script>alert('p10')</script>",
    "' onmouseover='alert(11)",
    '" onfocus="alert(12)" autofocus="',
    "<style>body{display:none}</style>",
    '<div markdown="1">*p14*</div>',
    "<details open ontoggle=alert('p15')>",
    "| p16 | breaks | a | table |",
    "<!-- p17",
    "]]><![CDATA[<script>alert('p18')</script>",
    "&lt;script&gt;alert('p19')&lt;/script&gt;",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('p20')>",
    "<object data=\"javascript:alert('p21')\">",
    # Elements whose text runs to their end tag: the Cite box and the JSON-LD block
    "</textarea><script>alert('p31')</script>",
    "</script><script>alert('p32')</script>",
    "<embed src=\"javascript:alert('p22')\">",
    f'<base href="https://{EVIL}/">',
    f'<meta http-equiv="refresh" content="0;url=https://{EVIL}/">',
    f'<link rel=stylesheet href="https://{EVIL}/p25.css">',
    "*p26* __p26__ `p26` # p26",
    f'<form action="https://{EVIL}/"><button>p27</button></form>',
    "javascript:alert('p28')",
    "<svg><script>alert('p29')</script></svg>",
    f"<img src=https://{EVIL}/p30.png>",
    # issue 26: what GitHub's Markdown would link, mention or make an emoji of; plain text here
    f"https://{EVIL}/p33 www.{EVIL}/p33 p33@{EVIL} @org/p33 :p33:",
    "![p34](/other-repo/p34.png) ![p34](../../../p34.png)",
]
TEXT = " ".join(PAYLOADS)


def _within_words(limit: int) -> str:
    """As many payloads as a text of `limit` words holds (a glossary term's limit)."""
    out, words = [], 0
    for payload in PAYLOADS:
        n = len(re.findall(r"\w+", payload))
        if words + n <= limit:
            out.append(payload)
            words += n
    return " ".join(out)


TERM_TEXT = _within_words(MAX_TERM_WORDS)


def _within_characters(limit: int) -> str:
    """As many payloads as a text of `limit` characters holds (an actor name's limit)."""
    out = ""
    for payload in PAYLOADS:
        if len(out) + len(payload) + 1 <= limit:
            out = f"{out} {payload}".strip()
    return out


NAME_TEXT = _within_characters(MAX_ACTOR_NAME_LENGTH)
TITLE_TEXT = _within_characters(MAX_TITLE_LENGTH)  # a source's title, a briefing's name
TEMPLATE_PAYLOADS = [
    "{{ config }}",
    "{% include 'mkdocs.yml' %}",
    "{# hidden #}",
    "{{ ''.__class__.__mro__ }}",
]


def _poison(value, key: str | None = None):
    """Every human-readable text in a data structure replaced by the payloads."""
    if isinstance(value, dict):
        if set(value) == {"en", "nl"}:
            # A glossary term holds at most MAX_TERM_WORDS words: the payloads that fit.
            short = {"term": TERM_TEXT, "expansion": TERM_TEXT, "title": TITLE_TEXT}.get(key, TEXT)
            short = TITLE_TEXT if key == "name" else short
            return {"en": short, "nl": short}
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if key == "aliases":
            return PAYLOADS[:1]
        return [_poison(v) for v in value]
    if key in ("quote", "archived_from") and isinstance(value, str) and value != "Tussenkop":
        return TEXT
    return value


def hostile_data(target: Path) -> Path:
    data = target / "data"
    for path in FIXTURE.rglob("*"):
        out = data / path.relative_to(FIXTURE)
        if path.is_dir():
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".yml":
            doc = _poison(yaml.safe_load(path.read_text(encoding="utf-8")))
            out.write_text(yaml.safe_dump(doc, allow_unicode=True, width=100_000), "utf-8")
        else:
            out.write_text(path.read_text(encoding="utf-8") + TEXT + "\n", encoding="utf-8")
    actors = yaml.safe_load((data / "actors.yml").read_text())
    # An actor has at most MAX_ALIASES spellings of MAX_ALIAS_LENGTH characters: the payloads
    # are spread over the actors, each whole (cut where one is longer), every one an alias.
    for i, actor in enumerate(actors["actors"]):
        actor["name"] = {"en": NAME_TEXT, "nl": NAME_TEXT}
        mine = PAYLOADS[i * MAX_ALIASES : (i + 1) * MAX_ALIASES] or PAYLOADS[:MAX_ALIASES]
        actor["aliases"] = list(dict.fromkeys(p[:MAX_ALIAS_LENGTH] for p in mine))
    (data / "actors.yml").write_text(yaml.safe_dump(actors, allow_unicode=True, width=100_000))
    # The claims now quote the payload paragraph: the article's own paragraphs are declared
    # boilerplate (with the payloads as their reason), since check refuses uncovered paragraphs.
    for path in (data / "sources").glob("*.yml"):
        source = yaml.safe_load(path.read_text())
        declared = {b["quote"] for b in source.get("boilerplate", [])}
        text = (FIXTURE / "sources" / f"{path.stem}.txt").read_text(encoding="utf-8")
        source["boilerplate"] = source.get("boilerplate", []) + [
            {"quote": line, "reason": {"en": TEXT, "nl": TEXT}}
            for line in text.splitlines()
            if line.strip() and line not in declared
        ]
        path.write_text(yaml.safe_dump(source, allow_unicode=True, width=100_000), "utf-8")
    return data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    data = hostile_data(root / "input")
    project = project_copy(root / "project", data)
    run = mkdocs_build(project, project / "site")
    assert run.returncode == 0, run.stderr
    return project / "site"


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 25


def test_hostile_data_passes_the_check(tmp_path):
    assert main(["--data", str(hostile_data(tmp_path)), "check"]) == 0


@pytest.mark.parametrize("payload", TEMPLATE_PAYLOADS)
def test_template_syntax_is_refused_with_its_place(payload, data_dir, capsys):
    replace_in(
        "actors.yml",
        "name: {en: China, nl: China}",
        f"name: {{en: {json.dumps(payload)}, nl: China}}",
    )(data_dir)
    assert main(["--data", str(data_dir), "check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("data/actors.yml:7:") and "template syntax" in err


def _live(site: Path) -> list[str]:
    """Everything in the built pages that a browser would run or fetch because of the data."""
    found = []
    for page in pages(site) + [p for p in [site / "404.html"] if p.exists()]:
        policies = 0
        for el in parse(page).iter():
            tag = str(el.tag).rsplit("}", 1)[-1]
            for name, value in el.attrib.items():
                lowered = value.strip().lower()
                if name.lower().startswith("on"):
                    found.append(f"{page}: <{tag} {name}>")
                # A meta's content is text a reader sees in a share card, unless it is an
                # address (og:url) or the page's own instructions (http-equiv).
                textual = tag == "meta" and name == "content" and not _meta_url(el)
                if (
                    name in ("href", "src", "action", "data", "content")
                    and not textual
                    and (lowered.startswith(("javascript:", "data:")) or EVIL in lowered)
                ):
                    found.append(f"{page}: <{tag} {name}={value[:40]}>")
            if tag in ("iframe", "object", "embed", "base", "mglyph"):
                found.append(f"{page}: <{tag}>")
            if tag == "script" and "alert(" in (el.text or "") and not _data_block(el):
                found.append(f"{page}: <script>{(el.text or '')[:40]}")
            if tag == "style" and "display:none" in (el.text or ""):
                found.append(f"{page}: <style>")
            if tag == "meta" and el.get("http-equiv"):
                # The site's own Content-Security-Policy: one per page, naming no address.
                policies += _our_policy(el)
                if not _our_policy(el) or policies > 1:
                    found.append(f"{page}: <meta http-equiv>")
    return found


def _meta_url(el) -> bool:
    return el.get("http-equiv") is not None or (el.get("property") or el.get("name") or "") in (
        "og:url", "og:image", "twitter:image", "citation_public_url", "citation_pdf_url",
    )  # fmt: skip


def _our_policy(el) -> bool:
    # The page audit's Content-Security-Policy (issue 11), not a payload: it names no address.
    content = el.get("content") or ""
    return (
        el.get("http-equiv") == "Content-Security-Policy"
        and content.startswith("default-src 'self';")
        and EVIL not in content
    )


def _data_block(el) -> bool:
    # JSON-LD holds the payloads as JSON strings; that they cannot close the element (no '<'
    # in it) is what test_open_outputs_hold_the_payloads_as_data proves.
    return el.get("type") == "application/ld+json" and "<" not in (el.text or "")


def test_no_payload_becomes_live_markup(hostile_site):
    assert len(pages(hostile_site)) > 20
    assert _live(hostile_site) == []


def test_the_live_markup_check_sees_an_injection(hostile_site, tmp_path):
    page = tmp_path / "index.html"
    page.write_text(
        (hostile_site / "index.html")
        .read_text()
        .replace("</article>", "<img src=x onerror=alert(1)></article>", 1)
    )
    assert _live(tmp_path)


@pytest.mark.parametrize(
    "path",
    [
        "actors/russia/",
        "nl/actors/russia/",
        "sources/sample-news/",
        "briefings/cooperation/",
        "comparisons/sides/",
        "comparisons/poles/",
        "glossary/",
        "timeline/",
        "figures/",
        "",
    ],
)
def test_payloads_are_shown_literally(hostile_site, path):
    doc = parse(hostile_site / path / "index.html")
    shown = "".join(next(doc.iter("article")).itertext())
    assert PAYLOADS[0] in shown and PAYLOADS[-1] in shown and PAYLOADS[18] in shown


def test_payloads_are_literal_in_titles_and_search(hostile_site):
    title = "".join(next(parse(hostile_site / "actors/russia/index.html").iter("title")).itertext())
    assert title.startswith(NAME_TEXT)
    index = json.loads((hostile_site / "search" / "search_index.json").read_text())
    # Material shows search texts as HTML: the index must hold them escaped.
    assert any(html.escape(PAYLOADS[0], quote=False) in d["text"] for d in index["docs"])
    assert not any(PAYLOADS[0] in d["text"] + d["title"] for d in index["docs"])
    # So must every tag (an actor's other spellings, a contributor's text like any other).
    tags = [t for d in index["docs"] for t in d.get("tags", [])]
    assert any(str(markupsafe.escape(PAYLOADS[1])) in t for t in tags)
    assert not any("<" in t for t in tags)


def test_downloads_hold_the_payloads_as_data(hostile_site):
    facts = json.loads((hostile_site / "data" / "facts.json").read_text())
    assert facts["actors"][0]["name"]["en"] == NAME_TEXT
    rows = list(csv.DictReader(io.StringIO((hostile_site / "data" / "claims.csv").read_text())))
    assert rows[0]["text_en"] == TEXT


@pytest.mark.build
def test_in_chromium_nothing_runs_and_nothing_leaves_localhost(hostile_site):
    dialogs: list[str] = []
    with served(hostile_site) as base, chromium() as browser:
        context = browser.new_context()
        requested = record_requests(context)
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        # The browser's policy is the last layer: no payload may even reach it (a violation it
        # reports is markup that the first two layers let through).
        blocked: list[str] = []
        page.on(
            "console",
            lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
        )
        for path in [
            "",
            "nl/",
            "actors/russia/",
            "actors/",
            "sources/sample-news/",
            "briefings/cooperation/",
            "comparisons/sides/",
            "comparisons/poles/",
            "timeline/",
            "glossary/",
            "figures/",
            "questions/",
            "data/",
        ]:
            page.goto(base + path, wait_until="networkidle")
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
            for link in page.locator("a.cite").all()[:5]:
                link.hover()
        page.goto(base, wait_until="networkidle")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").press_sequentially("breaks", delay=30)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        page.wait_for_timeout(500)
        context.close()
    assert dialogs == []
    assert blocked == []
    assert {urlsplit(u).hostname for u in requested if urlsplit(u).scheme.startswith("http")} == {
        "127.0.0.1"
    }


def test_open_outputs_hold_the_payloads_as_data(hostile_site):
    """JSON-LD (read by extruct), share-card and citation metas (html5lib), feeds (feedparser)
    and sources.json: each gives the payloads back as the text they are, and none closes the
    element it sits in."""
    import extruct
    import feedparser

    for root in ("", "nl/"):
        page = hostile_site / root / "sources" / "sample-news" / "index.html"
        raw = page.read_text(encoding="utf-8")
        [doc] = extruct.extract(raw, syntaxes=["json-ld"], uniform=True)["json-ld"]
        [article] = [n for n in doc["@graph"] if n["@type"] == "NewsArticle"]
        assert article["headline"] == TITLE_TEXT
        claims = [n for n in doc["@graph"] if n["@type"] == "Claim"]
        assert claims and all(c["text"] == TEXT for c in claims)
        scripts = [
            "".join(el.itertext())
            for el in parse(page).iter("script")
            if el.get("type") == "application/ld+json"
        ]
        assert len(scripts) == 1 and "<" not in scripts[0]
        metas = {
            (el.get("property") or el.get("name")): el.get("content")
            for el in parse(page).iter("meta")
        }
        assert metas["og:title"] == metas["citation_title"] == TITLE_TEXT
        topic = parse(hostile_site / root / "briefings" / "cooperation" / "index.html")
        # A description is at most 200 characters: the payload's first ones, as text.
        assert any(
            el.get("property") == "og:description" and el.get("content") == shorten(TEXT)
            for el in topic.iter("meta")
        )
        for feed in sorted((hostile_site / root / "feeds").glob("*.xml")):
            parsed = feedparser.parse(feed.read_bytes())
            assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
            assert parsed.entries[0].title == TITLE_TEXT
            # The entry's HTML, read as a feed reader shows it: the payload is its text
            content = html5lib.parseFragment(
                parsed.entries[0].content[0].value, namespaceHTMLElements=False
            )
            assert TEXT in ["".join(li.itertext()) for li in content.iter("li")]
            assert not [el for el in content.iter() if el.tag in ("script", "img", "svg")]
        # The Cite boxes hold the payload as their text: in the claim's sentence and APA as
        # written, in CSL-JSON as the JSON string it is, in BibTeX escaped for BibTeX.
        formats: dict[str, list[str]] = {}
        for box in parse(page).iter("div"):
            if box.get("class") == "cite-format":
                name = "".join(next(box.iter("span")).itertext())
                formats.setdefault(name, []).append("".join(next(box.iter("textarea")).itertext()))
        assert formats and all(TITLE_TEXT in t for t in formats["APA"])
        assert all(TITLE_TEXT in t for name, ts in formats.items() if name not in (
            "APA", "BibTeX", "CSL-JSON") for t in ts)  # fmt: skip
        # The fixture's title is one the site gave (editorial): citations bracket it.
        editorial = yaml.safe_load((FIXTURE / "sources" / "sample-news.yml").read_text())
        assert editorial["title_kind"] == "editorial"
        assert all(json.loads(t)[0]["title"] == f"[{TITLE_TEXT}]" for t in formats["CSL-JSON"])
        assert all(bib_escape(TITLE_TEXT) in t for t in formats["BibTeX"])
    sources = json.loads((hostile_site / "data" / "sources.json").read_text())
    # CSL-JSON, as in the Cite box: the site-given title in square brackets.
    assert sources[0]["title"] == f"[{TITLE_TEXT}]"
