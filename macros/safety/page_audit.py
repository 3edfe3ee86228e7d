"""The second and third layers of defence, after escaping: every page the build writes is read as a
browser reads it and refused if it holds anything that could run or fetch on its own (an event
handler, a script URL, an outside resource, a script, frame or plugin that is not the theme's, a
duplicate id); and every page carries a Content-Security-Policy that lets only the theme's own
scripts run, in case anything gets past both.

Pages are parsed by Lexbor (selectolax), a spec-compliant C parser: html5lib would cost more than
the rest of the build at scale.
"""

from __future__ import annotations

import base64
import hashlib
import json
import multiprocessing
import os
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

import tinycss2
from selectolax.lexbor import LexborHTMLParser

from macros.facts.process_tree import die_with_parent

MAX_OFFENCES = 20  # per page: enough to see the pattern, short enough to read

# Attributes whose value a browser follows as a URL (srcset holds several).
_URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "srcset",
        "imagesrcset",
        "xlink:href",
        "action",
        "formaction",
        "poster",
        "data",
        "background",
        "ping",
        "cite",
        "longdesc",
        "codebase",
        "manifest",
        # SVG animation can set an href to any of these values
        "to",
        "from",
        "values",
    }
)
# Attributes that make the browser fetch something without a click.
_RESOURCE_ATTRIBUTES = frozenset(
    {"src", "srcset", "imagesrcset", "poster", "data", "background", "ping", "codebase"}
)
# Links that navigate only when followed (an href on anything else, SVG <image> and <use>
# included, is fetched).
_LINK_ELEMENTS = frozenset({"a", "area"})
# A <link> with only these rel values fetches nothing.
_NAVIGATION_RELS = frozenset(
    {"alternate", "next", "prev", "canonical", "author", "help", "license", "bookmark", "search"}
)
_SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data"})
# SVG presentation attributes that take a CSS url().
_CSS_ATTRIBUTES = frozenset(
    {"style", "fill", "stroke", "filter", "clip-path", "mask", "marker-start", "marker-mid",
     "marker-end", "marker", "cursor"}
)  # fmt: skip
# <template> is here because its content is inert and invisible to the parse: nothing of ours
# needs one, so none may hide anything.
_FORBIDDEN_ELEMENTS = frozenset(
    {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "template"}
)

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_THEME_SCRIPT_SRC = re.compile(r"assets/(?:[\w-]+/)*[\w.-]+\.js")


@dataclass(frozen=True)
class Theme:
    """What the theme itself puts on a page, so the audit can tell it from what content added."""

    base_url: str = "."  # the page's way to the site root, as the theme writes it
    scripts: frozenset[str] = field(default_factory=frozenset)  # its inline scripts, verbatim
    policy: str | None = (
        None  # the Content-Security-Policy expected first in <head>, after the charset
    )


def _normal(url: str) -> str:
    """A URL as the browser's URL parser sees it (entities are already decoded by the parse)."""
    return _TAB_OR_NEWLINE.sub("", url.strip(_C0_AND_SPACE)).replace("\\", "/")


def _scheme(url: str) -> str | None:
    found = _SCHEME.match(url)
    return found.group(1).lower() if found else None


def _urls(name: str, value: str) -> list[str]:
    if name in ("srcset", "imagesrcset"):
        return [_normal(part.split()[0]) for part in value.split(",") if part.strip()]
    if name == "values":
        return [_normal(part) for part in value.split(";")]
    return [_normal(value)]


def _url_offence(url: str, fetched: bool) -> str | None:
    scheme = _scheme(url)
    if scheme in _SCRIPT_SCHEMES:
        return f"a {scheme}: URL"
    if fetched and (scheme is not None or url.startswith("//")):
        return "a resource from another origin"
    return None


def css_urls(css: str) -> list[str]:
    """Every URL a stylesheet or style attribute can load: url(), src(), image-set() strings
    and @import, with CSS escapes decoded."""
    found: list[str] = []

    def walk(tokens, in_image_set: bool = False) -> None:
        importing = False
        for token in tokens:
            kind = token.type
            if kind == "url":
                found.append(token.value)
            elif kind == "function":
                name = token.lower_name
                if name in ("url", "src"):
                    found.extend(t.value for t in token.arguments if t.type == "string")
                walk(token.arguments, name.endswith("image-set") or name == "image")
            elif kind in ("() block", "[] block", "{} block"):
                walk(token.content)
            elif kind == "at-keyword":
                importing = token.lower_value == "import"
            elif kind == "string" and (in_image_set or importing):
                found.append(token.value)
                importing = False

    walk(tinycss2.parse_component_value_list(css, skip_comments=True))
    return [_normal(url) for url in found]


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


def _describe(node) -> str:
    attrs = " ".join(f'{k}="{v}"' if v is not None else k for k, v in node.attributes.items())
    shown = f"<{node.tag}{' ' + attrs if attrs else ''}>"
    shown = _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", shown)
    return shown if len(shown) <= 120 else shown[:117] + "...>"


def _theme_script(node, theme: Theme) -> bool:
    attrs = node.attributes
    if "src" in attrs:
        if set(attrs) - {"src", "defer", "async"} or node.text():
            return False
        src = attrs["src"] or ""
        base = theme.base_url
        prefix = "" if base in ("", ".", "./") else base.rstrip("/") + "/"
        if not src.startswith(prefix):
            return False
        rest = src[len(prefix) :]
        return bool(_THEME_SCRIPT_SRC.fullmatch(rest)) and ".." not in rest.split("/")
    if attrs == {"id": "__config", "type": "application/json"}:
        return True  # Material's settings: data, never run
    if attrs == {"type": "application/ld+json"}:
        # our JSON-LD (macros/outputs/open_data.py): data, never run
        return _data_block(node.text())
    return not attrs and node.text() in theme.scripts


def _data_block(text: str) -> bool:
    """JSON-LD as we write it: valid JSON with no '<' in it, so that nothing in it could have
    ended the element early (a parse would have split it at '</script')."""
    if "<" in text:
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


_ELEMENTS = "script, style, meta, " + ", ".join(sorted(_FORBIDDEN_ELEMENTS))


def offences(html: str, theme: Theme = Theme()) -> list[str]:
    """What in a page could run or fetch by itself and is not the theme's own markup, each as
    '<element attributes>: why'; an empty list for a page that passes."""
    doc = LexborHTMLParser(html)
    found: list[str] = []
    ids: Counter[str] = Counter()

    # Every element's attributes: event handlers can be on any of them. Most elements have
    # no attribute of interest, so the tag name (slow to fetch) is read only when needed.
    for node in doc.root.traverse():
        attrs = node.attributes
        if not attrs:
            continue
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"{_describe(node)}: an event handler ({name})")
                continue
            if value is None:
                continue
            if name == "id":
                ids[value] += 1
            elif name in _URL_ATTRIBUTES:
                tag = node.tag
                fetched = name in _RESOURCE_ATTRIBUTES or (
                    name in ("href", "xlink:href")
                    and tag not in _LINK_ELEMENTS
                    and not (
                        tag == "link"
                        and set((attrs.get("rel") or "").lower().split()) <= _NAVIGATION_RELS
                    )
                )
                for url in _urls(name, value):
                    why = _url_offence(url, fetched)
                    if why:
                        found.append(f"{_describe(node)}: {why} in {name}")
            if name in _CSS_ATTRIBUTES and "(" in value:
                for url in css_urls(value):
                    why = _url_offence(url, fetched=True)
                    if why:
                        found.append(f"{_describe(node)}: {why} in its style")

    csp_seen = False
    # The policy governs only what follows it: it comes first, after the charset (which HTML
    # wants in the first 1024 bytes).
    first_in_head = next(
        (n for n in doc.css("head > *") if not (n.tag == "meta" and "charset" in n.attributes)),
        None,
    )
    for node in doc.css(_ELEMENTS):
        tag = node.tag
        attrs = node.attributes
        if tag == "script":
            if not _theme_script(node, theme):
                found.append(f"{_describe(node)}: a script that is not the theme's")
        elif tag == "style":
            for url in css_urls(node.text()):
                why = _url_offence(url, fetched=True)
                if why:
                    found.append(f"<style>: {why} ({url[:60]})")
        elif tag == "meta":
            if "http-equiv" not in attrs:
                continue
            expected = (
                theme.policy is not None
                and not csp_seen
                and first_in_head is not None
                and node.mem_id == first_in_head.mem_id
                and (attrs["http-equiv"] or "").lower() == "content-security-policy"
                and attrs.get("content") == theme.policy
                and set(attrs) == {"http-equiv", "content"}
            )
            if expected:
                csp_seen = True
            else:
                found.append(f"{_describe(node)}: a <meta http-equiv> that is not the policy")
        else:
            found.append(f"{_describe(node)}: not allowed in a page")
    if theme.policy is not None and not csp_seen:
        found.append("<head>: the Content-Security-Policy does not come first")
    found.extend(
        f'duplicate id "{i}": {n} elements have it (a heading made from a record\'s name or title '
        "can take an id the page already uses: rename the record or change the text)"
        for i, n in ids.items()
        if n > 1
    )
    if len(found) > MAX_OFFENCES:
        found[MAX_OFFENCES:] = [f"... and {len(found) - MAX_OFFENCES} more"]
    return found


_TABLE_ALIGN = ("left", "right", "center")  # Python-Markdown's tables: style="text-align: …;"


def sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def policy(scripts: frozenset[str]) -> str:
    """The Content-Security-Policy of a page whose only inline scripts are `scripts`.

    Styles: the site's stylesheets, plus exactly the style attributes Markdown writes for aligned
    table columns ('unsafe-hashes' lets a hash match an attribute; no 'unsafe-inline'). Material
    sets styles from its script through the CSSOM, which a policy does not govern.
    """
    hashes = " ".join(sorted(sha256_source(s) for s in scripts))
    aligned = " ".join(sha256_source(f"text-align: {side};") for side in _TABLE_ALIGN)
    return (
        "default-src 'self'; "
        f"script-src 'self' {hashes}; "
        f"style-src 'self' 'unsafe-hashes' {aligned}; "
        "img-src 'self' data:; "
        "font-src 'self'; "
        "connect-src 'self'; "
        "worker-src 'self'; "
        "object-src 'none'; "
        "frame-src 'none'; "
        "base-uri 'none'; "
        "form-action 'none'"
    )


def inline_scripts(html: str) -> frozenset[str]:
    """The inline scripts in a piece of HTML, verbatim (for the theme's own templates)."""
    doc = LexborHTMLParser(html)
    return frozenset(
        node.text() for node in doc.css("script") if not node.attributes and node.text()
    )


def audit_batch(batch: list[tuple[str, str, Theme]]) -> list[tuple[str, list[str]]]:
    """(page, html, theme) -> (page, offences) of the pages that fail."""
    return [(where, found) for where, html, theme in batch if (found := offences(html, theme))]


_pool: ProcessPoolExecutor | None = None


def _executor() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        # spawn: a fresh interpreter that imports only this module, not a fork of a build
        # holding the whole fact base (and, under `mkdocs serve`, a server's threads).
        # The worker ends with the build, even one killed outright.
        _pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        )
    return _pool


def shutdown() -> None:
    """End the worker and wait for it (serve's shutdown: no child outlives the process)."""
    global _pool
    pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


class Auditor:
    """Audits the pages of one build in a second process, in batches, while the build goes on:
    parsing every page costs about a tenth of the build at scale, too much on the build's own
    core (see the Benchmarks page). One core: the pages are audited in line."""

    BATCH = 64

    def __init__(self) -> None:
        self._batch: list[tuple[str, str, Theme]] = []
        self._pending: list = []
        self._failed: list[tuple[str, list[str]]] = []
        self._in_line = (os.cpu_count() or 1) < 2

    def add(self, where: str, html: str, theme: Theme) -> None:
        self._batch.append((where, html, theme))
        if len(self._batch) >= self.BATCH:
            self._send()

    def _send(self) -> None:
        batch, self._batch = self._batch, []
        if batch:
            if self._in_line:
                self._failed.extend(audit_batch(batch))
            else:
                self._pending.append((_executor().submit(audit_batch, batch), batch))
        # Pages are held only until their batch is audited.
        while self._pending and self._pending[0][0].done():
            self._collect(*self._pending.pop(0))

    def _collect(self, future, batch) -> None:
        global _pool
        try:
            self._failed.extend(future.result())
        except BrokenProcessPool:
            # The worker could not start or died (a script without a __main__ guard
            # running the build, say): audit in line rather than not at all.
            _pool = None
            self._in_line = True
            self._failed.extend(audit_batch(batch))

    def failures(self) -> list[tuple[str, list[str]]]:
        """Every page that failed, in the order the build wrote them."""
        self._send()
        while self._pending:
            self._collect(*self._pending.pop(0))
        return self._failed


_CHARSET = '<meta charset="utf-8">'


def with_policy(html: str, policy: str) -> str:
    """The page with its policy as a <meta>, right after the theme's charset (the first thing in
    <head>; the page's content comes later). A page without it is left as it is, and the audit
    then fails it."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html.replace(_CHARSET, _CHARSET + meta, 1)
