"""What may reach a reader's browser from data or prose, judged on the final HTML: the property
the renderer, prose and fuzz tests share."""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import html5lib
import markdown
import yaml

from macros.routes.reserved import read_config

from .conftest import FIXTURE, REPO

# Every element a renderer (macros/render/) or prose Markdown makes; anything else came from data.
ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "article",
        "blockquote",
        "br",
        "button",  # its Copy button (type=button, in no form; assets/cite-copy.js acts on it)
        "circle",
        "code",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figure",
        "g",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "li",
        "line",
        "nav",
        "ol",
        "p",
        "pre",
        "q",
        "rect",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "svg",
        "table",
        "tbody",
        "td",
        "text",
        "textarea",  # the Cite box (render/cite.py): read-only text, in no form
        "th",
        "thead",
        "time",
        "title",
        "tr",
        "ul",
    ]
)
URL_ATTRIBUTES = ("href", "src", "action", "data", "formaction", "xlink:href", "poster")
SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
ALIGNMENT = re.compile(r"text-align: (left|right|center);")


@cache
def _site_extensions() -> tuple[list[str], dict]:
    config = read_config(REPO / "mkdocs.yml")
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = options or {}
    return names, configs


def site_markdown(text: str) -> str:
    """`text` through Python-Markdown with the extensions and options of mkdocs.yml."""
    return site_markdown_toc(text)[0]


def site_markdown_toc(text: str) -> tuple[str, list]:
    """The HTML and the toc tokens (as MkDocs gets them) of `text`."""
    names, configs = _site_extensions()
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    return md.convert(text), md.toc_tokens


def live(html: str) -> list[str]:
    """Everything in `html` that would run, or fetch from elsewhere, in a browser."""
    found = []
    for el in html5lib.parseFragment(html, namespaceHTMLElements=False).iter():
        if not isinstance(el.tag, str):
            continue  # comments
        tag = el.tag.rsplit("}", 1)[-1]
        if tag not in ELEMENTS and tag != "DOCUMENT_FRAGMENT":
            found.append(f"<{tag}>")
        for name, value in el.attrib.items():
            name = str(name).rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            # Markdown's own table alignment is the one style the prose sanitiser lets through.
            if name == "style" and not ALIGNMENT.fullmatch(value):
                found.append(f"<{tag} style>")
            url = "".join(ch for ch in value if ord(ch) > 32).lower()  # as browsers read it
            if name in URL_ATTRIBUTES and url.startswith(SCRIPT_SCHEMES):
                found.append(f"<{tag} {name}={value[:40]!r}>")
            if name == "src" and (urlsplit(value.strip()).netloc or "\\" in value):
                found.append(f"<{tag} src={value[:40]!r}> (off-site)")
            if name == "srcset" and ("//" in value or "\\" in value or ":" in value):
                found.append(f"<{tag} srcset={value[:40]!r}> (off-site)")
    return found


def data_with_text(target: Path, text: str) -> Path:
    """A copy of the minimal fact base whose events are dated (so the timeline draws its SVG) and
    where `text` is an event's title, an actor's name, an axis pole and a topic summary."""
    shutil.copytree(FIXTURE, target)

    def rewrite(rel: str, change) -> None:
        path = target / rel
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(doc)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, width=100_000), encoding="utf-8")

    def events(doc):
        first = doc["events"][0]
        first["date"] = {"value": "2022", "basis": "stated"}
        first["title"] = {"en": text, "nl": text}
        second = copy.deepcopy(first) | {"id": "later-event"}
        second["date"] = {"value": "2024-05", "basis": "stated"}
        doc["events"].append(second)

    rewrite("events.yml", events)
    rewrite("actors.yml", lambda d: d["actors"][0].update(name={"en": text, "nl": text}))
    rewrite("topics.yml", lambda d: d["topics"][0].update(summary={"en": text, "nl": text}))
    rewrite(
        "comparisons/poles.yml",
        lambda d: d["rows"][0]["poles"].update(left={"en": text, "nl": text}),
    )
    return target


def every_page(fb, lang: str, page_size: int = 100) -> Iterator[tuple[str, str]]:
    """(name, Markdown) of every kind of page the site has, for one language, drawn one by one."""
    from macros.adapter.site_pages import RECORD_PAGES
    from macros.render import pages
    from tests.conftest import make_view

    def view(url: str):
        return make_view(fb, lang, url, page_size=page_size)

    yield "home", pages.home(view(""))
    yield "data", pages.data_page(view("data/"))
    for section, (render, count) in pages.INDEXES.items():
        yield section, render(view(f"{section}/"), 1)
        if count(fb) > page_size:
            yield f"{section}/page/2", render(view(f"{section}/page/2/"), 2)
    for folder, (render, records) in RECORD_PAGES.items():
        lists = pages.PAGED_RECORDS.get(folder)
        for record_id in records(fb):
            yield f"{folder}/{record_id}", render(view(f"{folder}/{record_id}/"), record_id)
            url = f"{folder}/{record_id}/page/2/"
            if lists and pages.record_pages(view(url), lists(view(url), record_id)) > 1:
                yield url.rstrip("/"), render(view(url), record_id, 2)
