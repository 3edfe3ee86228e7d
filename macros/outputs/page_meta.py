"""What a link preview and a reference manager read from a page's <head>, besides its JSON-LD.

Every page describes itself, this site's page, and not the article it is about: a web page
(`og:type` website, Dublin Core type Text), with its own title, this site as publisher and the
page's own date (the day its source entered the fact base for a source page, else the day the
newest source did: from the data, so two builds of one commit agree). Highwire `citation_*` tags,
Dublin Core and Open Graph say the same. The article itself, with its real type, people and date,
is in the page's JSON-LD (`about`), its "Cite the article" box and sources.json.

A description is the page's own (a briefing's summary, an actor's description, a section's lead),
at most `DESCRIPTION_MAX` characters, cut at a sentence or a word. Values are plain text, escaped
once here (a title that arrives as HTML is read back to text first).
"""

from __future__ import annotations

from markupsafe import Markup

from macros.facts.factbase import FactBase
from macros.render.labels import word
from macros.routes.site_map import INDEX_SECTIONS, record_page

DESCRIPTION_MAX = 200
OG_IMAGE_SIZE = (600, 315)
# The share image of each kind of page (docs/assets/og/<lang>-<kind>.png, made by
# scripts/og_images.py and committed: nothing is drawn or fetched at build time).
OG_KINDS = ("home", "briefing", "source", "actor", "comparison", "section")


def shorten(value: str, limit: int = DESCRIPTION_MAX) -> str:
    """`value` whole if it fits; else as many whole sentences as fit; else cut at a word, with
    an ellipsis."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    sentences: list[str] = []
    for part in value.replace(". ", ".\n").replace("? ", "?\n").splitlines():
        if len(" ".join([*sentences, part])) > limit:
            break
        sentences.append(part)
    if sentences:
        return " ".join(sentences)
    cut = value[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


def plain(title: str) -> str:
    """A title MkDocs hands over as HTML ("China&#39;s") as text. Only for a page no record
    drives: a record's title is data, plain text already (own_title)."""
    return Markup(title).striptags()


def own_title(fb: FactBase, src_uri: str, lang: str) -> str | None:
    """The title of a record's page, from its data: the text itself, whatever it holds. None
    for a later page of a record, whose title says which page it is (render/paging.py)."""
    found = record_page(src_uri)
    if found is not None and found[2] > 1:
        return None
    kind, record = page_kind(fb, src_uri)
    if kind == "source":
        return fb.sources[record].title[lang]
    if kind == "briefing":
        return fb.topics[record].name[lang]
    if kind == "actor":
        return fb.actors[record].name[lang]
    if kind == "comparison":
        return fb.comparisons[record].title[lang]
    return None


def page_kind(fb: FactBase, src_uri: str) -> tuple[str, str | None]:
    """(kind, record id) of a page: home, briefing, source, actor, comparison or section. Every
    page of a paged record is that record's."""
    if src_uri == "index.md":
        return "home", None
    tables = {
        "briefings": ("briefing", fb.topics),
        "sources": ("source", fb.sources),
        "actors": ("actor", fb.actors),
        "comparisons": ("comparison", fb.comparisons),
    }
    found = record_page(src_uri)
    if found is not None:
        folder, record, _ = found
        if folder in tables and record in tables[folder][1]:
            return tables[folder][0], record
    return "section", None


def page_day(fb: FactBase, src_uri: str) -> str:
    kind, record = page_kind(fb, src_uri)
    if kind == "source":
        return fb.sources[record].added
    return fb.newest_added()


def description(fb: FactBase, src_uri: str, lang: str, site_description: str) -> str:
    kind, record = page_kind(fb, src_uri)
    if kind == "source":
        s = fb.sources[record]
        names = [fb.actors[a].name[lang] for a in (s.author, s.publisher) if a]
        by = f" ({', '.join(names)})" if names else ""
        n = len(fb.claims_by_source[record])
        return shorten(word(lang, "meta_source").format(title=s.title[lang], by=by, n=n))
    if kind == "briefing":
        return shorten(fb.topics[record].summary[lang])
    if kind == "actor":
        actor = fb.actors[record]  # named: actors of a kind can share a description
        about = f"{actor.name[lang]}: {actor.description[lang]}" if actor.description else ""
        return shorten(about or actor.name[lang])
    if kind == "comparison":
        c = fb.comparisons[record]
        return shorten(c.intro[lang] if c.intro else c.title[lang])
    section = src_uri.partition("/")[0].removesuffix(".md")
    if section in (*INDEX_SECTIONS, "method", "data"):
        return shorten(word(lang, f"{section}_lead"))
    if section == "benchmarks":
        return shorten(word(lang, "meta_benchmarks"))
    return shorten(site_description)


def _meta(attr: str, name: str, content: str) -> Markup:
    return Markup('<meta {}="{}" content="{}">').format(attr, name, content)


def metas(
    fb: FactBase, site_name: str, site_description: str, src_uri: str, title: str, lang: str,
    url: str, image_url: str | None,
) -> list[Markup]:  # fmt: skip
    """The page's Open Graph, Highwire and Dublin Core tags (`title`: plain text; `url`: the
    page's absolute address, "" in a local build; `image_url`: its share image, absolute, or
    None). The theme writes <meta name="description"> from the page's meta, which the adapter
    sets to `description()`."""
    day = page_day(fb, src_uri)
    kind, _ = page_kind(fb, src_uri)
    about = description(fb, src_uri, lang, site_description)
    out = [
        _meta("property", "og:site_name", site_name),
        _meta("property", "og:title", title),
        _meta("property", "og:description", about),
        _meta("property", "og:type", "website"),
        _meta("name", "citation_title", title),
        _meta("name", "citation_publisher", site_name),
        _meta("name", "citation_date", day.replace("-", "/")),
        _meta("name", "citation_language", lang),
        _meta("name", "DC.title", title),
        _meta("name", "DC.publisher", site_name),
        _meta("name", "DC.date", day),
        _meta("name", "DC.type", "Text"),
        _meta("name", "DC.format", "text/html"),
        _meta("name", "DC.language", lang),
    ]
    if url:
        out.append(_meta("name", "citation_public_url", url))
        out.append(_meta("name", "DC.identifier", url))
    if image_url:
        width, height = OG_IMAGE_SIZE
        alt = word(lang, "og_image_alt").format(site=site_name, kind=word(lang, f"og_{kind}"))
        out += [
            _meta("property", "og:image", image_url),
            _meta("property", "og:image:type", "image/png"),
            _meta("property", "og:image:width", str(width)),
            _meta("property", "og:image:height", str(height)),
            _meta("property", "og:image:alt", alt),
        ]
    return out


def og_image_path(fb: FactBase, src_uri: str, lang: str) -> str:
    """The share image of a page, relative to the site's root (both languages' images live in
    the English root's assets, copied into each language's folder by MkDocs)."""
    return f"assets/og/{lang}-{page_kind(fb, src_uri)[0]}.png"
