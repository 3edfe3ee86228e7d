"""What machines read besides the pages: JSON-LD (schema.org), the citation_* tags reference
managers read, share-card metas, Atom feeds per language and per topic, and CSL-JSON of the
sources. Pure functions of the fact base, like the renderers: the hook only places their output.

Nothing here reads the clock: every date comes from the data, so two builds of one commit write
the same bytes.
"""

from __future__ import annotations

import json
import posixpath
import re

from feedgen.feed import FeedGenerator
from markupsafe import Markup, escape

from macros.facts.factbase import AUTHOR, FactBase
from macros.facts.models import Source
from macros.outputs import page_meta
from macros.render import cite_formats
from macros.render.as_of import modified, sources_of
from macros.render.labels import word
from macros.routes.site_map import FEED_DIR, record_page

LOCALES = {"en": "en_US", "nl": "nl_NL"}
OTHER = {"en": "nl", "nl": "en"}
SCHEMA_ARTICLE = {"news": "NewsArticle", "opinion": "OpinionNewsArticle", "newsletter": "Report",
                  "analysis": "Report"}  # fmt: skip
ACTOR_TYPE = {"person": "Person"}  # every other kind of actor writes or publishes as a body


class Site:
    """Where one language's pages live: absolute when `site_url` is set, else relative to the
    page at hand (a local build refers to no absolute address)."""

    def __init__(self, site_url: str | None, lang: str, page_url: str = ""):
        self.lang = lang
        self.absolute = bool(site_url)
        root = "nl/" if lang == "nl" else ""
        if site_url:
            self.root = site_url.rstrip("/") + "/" + root
            self.other_root = site_url.rstrip("/") + "/" + ("" if root else "nl/")
        else:
            directory = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
            self.root = "../" * len([p for p in directory.split("/") if p])
            self.other_root = None

    def url(self, path: str, fragment: str | None = None) -> str:
        return (self.root + path or "./") + (f"#{fragment}" if fragment else "")


def claim_path(fb: FactBase, claim_id: str) -> str:
    return f"sources/{fb.claim_source[claim_id]}/"


def day_known(spec) -> str | None:
    """The ISO day of a date stated to the day; None for an inferred, rough or interval date
    (schema.org's datePublished and citation_publication_date take a plain date only)."""
    if spec is None or spec.basis != "stated":
        return None
    e = spec.edtf
    if e.is_interval or e.choices or e.start is None or e.start.qualifier:
        return None
    iso = e.start.iso
    return iso if iso and len(iso) == 10 else None


def _actor_node(fb: FactBase, actor_id: str, lang: str) -> dict:
    actor = fb.actors[actor_id]
    return {
        "@type": ACTOR_TYPE.get(actor.kind, "Organization"),
        "name": actor.name[lang],
    }


def speaker_name(fb: FactBase, claim_id: str, lang: str) -> dict | None:
    who = fb.speaker(claim_id)
    return None if who == AUTHOR else _actor_node(fb, who, lang)


def article_node(fb: FactBase, s: Source, site: Site) -> dict:
    lang = site.lang
    node: dict = {
        "@type": SCHEMA_ARTICLE[s.kind],
        "@id": site.url(f"sources/{s.id}/", "article"),
        "headline": s.title[s.language] if s.language in ("en", "nl") else s.title[lang],
        "inLanguage": s.language,
    }
    if s.author:
        node["author"] = _actor_node(fb, s.author, lang)
    if s.publisher:
        node["publisher"] = _actor_node(fb, s.publisher, lang)
    if s.translators:
        node["translator"] = [_actor_node(fb, t, lang) for t in s.translators]
    day = day_known(s.published)
    if day:
        node["datePublished"] = day
    if s.url:
        node["url"] = str(s.url)
        node["isBasedOn"] = str(s.url)
    return node


def claim_node(fb: FactBase, claim_id: str, site: Site) -> dict:
    claim = fb.claims[claim_id]
    source_id = fb.claim_source[claim_id]
    node: dict = {
        "@type": "Claim",
        "@id": site.url(claim_path(fb, claim_id), claim_id),
        "text": claim.text[site.lang],
        "inLanguage": site.lang,
        "appearance": {"@id": site.url(f"sources/{source_id}/", "article")},
    }
    who = speaker_name(fb, claim_id, site.lang)
    if who:
        node["author"] = who
    # schema.org has no claim-to-claim relation: the kind goes in the description
    for relation in claim.relations:
        node.setdefault("isRelatedTo", []).append(
            {
                "@id": site.url(claim_path(fb, relation.claim), relation.claim),
                "description": relation.kind,
            }
        )
    return node


def website_node(site_name: str, site: Site) -> dict:
    node: dict = {
        "@type": "WebSite",
        "@id": site.url("", "website"),
        "name": site_name,
        "url": site.url(""),
        "inLanguage": ["en", "nl"],
    }
    return node


def page_record(fb: FactBase, src_uri: str) -> tuple[str, str] | None:
    """(folder, record id) of a generated source or briefing page (any page of a briefing)."""
    found = record_page(src_uri)
    if found is None:
        return None
    folder, record, _ = found
    if folder == "sources" and record in fb.sources:
        return folder, record
    if folder == "briefings" and record in fb.topics:
        return folder, record
    return None


def page_modified(fb: FactBase, src_uri: str) -> str | None:
    """The day a page was last changed, as its as-of line says (render/as_of.py): the latest
    `added` day of the sources it draws on; of every source for a page no record drives."""
    found = page_record(fb, src_uri)
    if found and found[0] == "sources":
        return modified(fb, [found[1]])
    if found and found[0] == "briefings":
        return modified(fb, sources_of(fb, fb.claims_by_topic.get(found[1], [])))
    return modified(fb)


def jsonld(
    fb: FactBase, site_name: str, src_uri: str, site: Site, page_url: str = "", title: str = ""
) -> dict:
    """The site, this page (a WebPage by the site, dated by its data) and, on a source page,
    the article it is about (with its real type) and its claims."""
    graph = [website_node(site_name, site)]
    page: dict = {
        "@type": "WebPage",
        "@id": site.url(page_url, "page"),
        "name": title or site_name,
        "url": site.url(page_url),
        "inLanguage": site.lang,
        "isPartOf": {"@id": site.url("", "website")},
        "publisher": {"@type": "Organization", "name": site_name},
        "datePublished": page_meta.page_day(fb, src_uri),
    }
    day = page_modified(fb, src_uri)
    if day:
        page["dateModified"] = day
    graph.append(page)
    found = page_record(fb, src_uri)
    if found and found[0] == "sources":
        s = fb.sources[found[1]]
        page["about"] = {"@id": site.url(f"sources/{s.id}/", "article")}
        graph.append(article_node(fb, s, site))
        graph += [claim_node(fb, c, site) for c in fb.claims_by_source[s.id]]
    return {"@context": "https://schema.org", "@graph": graph}


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_json(document: object) -> str:
    """JSON no data can end the script element with: no <, > or & is left in it (JSON reads
    the \\u escapes back as the same characters)."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_SAFE)


def _meta(attr: str, name: str, content: str) -> Markup:
    return Markup('<meta {}="{}" content="{}">').format(attr, name, content)


def head(
    fb: FactBase, site_name: str, site_description: str, src_uri: str, page_url: str,
    title: str, site: Site,
) -> Markup:  # fmt: skip
    """The markup a page adds to its <head>: JSON-LD, share cards, citation_* and Dublin Core
    tags (outputs/page_meta.py), feed links, and (with site_url) absolute hreflang alternates."""
    lang = site.lang
    title = page_meta.own_title(fb, src_uri, lang) or page_meta.plain(title)
    url = site.url(page_url) if site.absolute else ""
    image = site.url(page_meta.og_image_path(fb, src_uri, lang)) if site.absolute else None
    parts: list[Markup] = page_meta.metas(
        fb, site_name, site_description, src_uri, title, lang, url, image
    )
    day = page_modified(fb, src_uri)
    if day:
        parts.append(_meta("property", "article:modified_time", day))
    parts += [
        _meta("property", "og:locale", LOCALES[lang]),
        _meta("property", "og:locale:alternate", LOCALES[OTHER[lang]]),
        _meta("name", "twitter:card", "summary"),
    ]
    if site.absolute:
        parts.append(_meta("property", "og:url", site.url(page_url)))
        # The page's twins in each language are in the sitemap (overrides/sitemap.xml), not
        # here: Material fetches sitemap.xml beside every <link rel="alternate"> of a page, and
        # beside the page's own address there is none (a 404 on every page view).
    # Material fetches sitemap.xml beside every <link rel="alternate"> it finds; without
    # site_url there is no sitemap, so a local build links no alternate at all (the feeds are
    # still written, and listed on the Data page).
    for href, feed_title in feed_links(fb, src_uri, lang, site_name) if site.absolute else []:
        parts.append(
            Markup('<link rel="alternate" type="application/atom+xml" title="{}" href="{}">')
            .format(feed_title, site.url(href))
        )  # fmt: skip
    parts.append(
        Markup('<script type="application/ld+json">{}</script>').format(
            Markup(script_json(jsonld(fb, site_name, src_uri, site, page_url, title)))
        )
    )
    return Markup("\n").join(parts)


# Material writes one hreflang link per language, to that language's home page and relative:
# with site_url, head() writes each page's absolute twins instead, and search engines read
# conflicting alternates as none.
_THEME_HREFLANG = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="(?:en|nl)">\s*')


def without_theme_hreflang(html: str) -> str:
    return _THEME_HREFLANG.sub("", html)


# --- Atom feeds -----------------------------------------------------------------------------


def feed_links(fb: FactBase, src_uri: str, lang: str, site_name: str) -> list[tuple[str, str]]:
    links = [(f"{FEED_DIR}/all.xml", f"{site_name}: {word(lang, 'feed_all')}")]
    found = page_record(fb, src_uri)
    if found and found[0] == "briefings":
        topic = fb.topics[found[1]]
        links.append((f"{FEED_DIR}/topic-{topic.id}.xml", f"{site_name}: {topic.name[lang]}"))
    return links


def sources_in_order(fb: FactBase) -> list[str]:
    """Sources as they entered the fact base (by `added`, then id)."""
    return sorted(fb.sources, key=lambda sid: (fb.sources[sid].added, sid))


def changes(fb: FactBase) -> dict[str, dict[str, list]]:
    """What each source brought that no earlier source had: actors, topics, relations."""
    seen_actors: set[str] = set()
    seen_topics: set[str] = set()
    out = {}
    for sid in sources_in_order(fb):
        actors: list[str] = []
        topics: list[str] = []
        relations: list[tuple[str, str, str]] = []
        s = fb.sources[sid]
        for who in (s.author, s.publisher, *s.translators):
            if who and who not in seen_actors and who not in actors:
                actors.append(who)
        for cid in fb.claims_by_source[sid]:
            c = fb.claims[cid]
            for a in (*c.about, fb.speaker(cid)):
                if a != AUTHOR and a not in seen_actors and a not in actors:
                    actors.append(a)
            topics += [t for t in c.topics if t not in seen_topics and t not in topics]
            for r in c.relations:
                relations.append((cid, r.kind, r.claim))
        seen_actors.update(actors)
        seen_topics.update(topics)
        out[sid] = {"actors": actors, "topics": topics, "relations": relations}
    return out


def _entry_html(fb, sid, claims, site: Site, changed) -> str:
    lang = site.lang

    def w(key: str) -> str:
        return word(lang, f"feed_{key}")

    s = fb.sources[sid]
    rows = []
    if s.author:
        rows.append(Markup("<p>{} {}</p>").format(w("by"), fb.actors[s.author].name[lang]))
    if s.publisher:
        rows.append(
            Markup("<p>{} {}</p>").format(w("published_by"), fb.actors[s.publisher].name[lang])
        )
    items = Markup("").join(
        Markup('<li><a href="{}">{}</a></li>').format(
            site.url(claim_path(fb, c), c), fb.claims[c].text[lang]
        )
        for c in claims
    )
    rows.append(Markup("<h2>{}</h2><ul>{}</ul>").format(w("claims"), items))
    for key, names in (
        ("new_actors", [fb.actors[a].name[lang] for a in changed["actors"]]),
        ("new_topics", [fb.topics[t].name[lang] for t in changed["topics"]]),
    ):
        if names:
            rows.append(
                Markup("<h2>{}</h2><p>{}</p>").format(w(key), Markup(", ").join(map(escape, names)))
            )
    if changed["relations"]:
        sentences = Markup("").join(
            Markup("<li>{}</li>").format(relation_sentence(fb, *r, lang))
            for r in changed["relations"]
        )
        rows.append(Markup("<h2>{}</h2><ul>{}</ul>").format(w("relations"), sentences))
    return str(Markup("").join(rows))


def relation_sentence(fb: FactBase, claim_id: str, kind: str, other_id: str, lang: str) -> str:
    """A relation between two claims as a sentence in the feed's language, with the claims'
    texts and their sources' titles ("“…” (Title) qualifies “…” (Title).")."""

    def source_of(cid: str) -> str:
        return fb.sources[fb.claim_source[cid]].title[lang]

    return word(lang, f"feed_rel_{kind}").format(
        claim=fb.claims[claim_id].text[lang].rstrip("."),
        source=source_of(claim_id),
        other=fb.claims[other_id].text[lang].rstrip("."),
        other_source=source_of(other_id),
    )


def _stamp(day: str) -> str:
    return f"{day}T00:00:00+00:00"


def _claims_per_feed(fb: FactBase) -> dict[str | None, list[tuple[str, list[str]]]]:
    """(source, its claims) of each feed (None: all sources), sources in order: one pass over
    the claims for every feed, where a pass per topic feed grew with topics times claims."""
    out: dict[str | None, list[tuple[str, list[str]]]] = {None: []}
    for sid in sources_in_order(fb):
        per_topic: dict[str, list[str]] = {}
        for c in fb.claims_by_source[sid]:
            for topic in dict.fromkeys(fb.claims[c].topics):
                per_topic.setdefault(topic, []).append(c)
        if fb.claims_by_source[sid]:
            out[None].append((sid, list(fb.claims_by_source[sid])))
        for topic, claims in per_topic.items():
            out.setdefault(topic, []).append((sid, claims))
    return out


def _brought_to(fb: FactBase, sid: str, claims: list[str], topic: str, changed: dict) -> dict:
    """What a source brought that a topic's feed shows beside the topic's claims: the actors new
    with the source that those claims name (or that wrote, published or translated it), the
    topic itself if it is new, and the relations those claims state. Every topic feed showed all
    the source brought: 230 topics and 216 relations in one pull request made the feeds 1 GB (the
    fifth attacker of 2026-12-07)."""
    s = fb.sources[sid]
    named = {s.author, s.publisher, *s.translators}
    for c in claims:
        named.update((*fb.claims[c].about, fb.speaker(c)))
    shown = set(claims)
    return {
        "actors": [a for a in changed["actors"] if a in named],
        "topics": [t for t in changed["topics"] if t == topic],
        "relations": [r for r in changed["relations"] if r[0] in shown],
    }


def feed(
    fb: FactBase,
    site_name: str,
    site: Site,
    tag_authority: str,
    topic: str | None,
    entries: list[tuple[str, list[str]]],
    changed: dict[str, dict[str, list[str]]],
    reuse=None,
):
    """One Atom feed: every source (or every source with claims on `topic`), newest first."""
    lang = site.lang
    fg = FeedGenerator()
    name = f"{FEED_DIR}/topic-{topic}.xml" if topic else f"{FEED_DIR}/all.xml"
    fg.id(f"tag:{tag_authority}:{lang}/{name}")
    fg.title(f"{site_name}: " + (fb.topics[topic].name[lang] if topic else word(lang, "feed_all")))
    fg.language(lang)
    fg.link(href=site.url(f"briefings/{topic}/" if topic else ""), rel="alternate")
    if site.absolute:
        fg.link(href=site.url(name), rel="self")
    fg.generator("briefing")  # no version: a library upgrade must not change the bytes
    newest = max((fb.sources[sid].added for sid, _ in entries), default=None)
    fg.updated(_stamp(newest or min((s.added for s in fb.sources.values()), default="2000-01-01")))
    for sid, claims in entries:
        s = fb.sources[sid]
        fe = fg.add_entry(order="append")
        # One entry per language: the English and Dutch entries are different texts.
        fe.id(f"tag:{tag_authority}:{lang}/source/{sid}")
        fe.title(s.title[lang])
        fe.link(href=site.url(f"sources/{sid}/"), rel="alternate")
        fe.updated(_stamp(s.added))
        fe.published(_stamp(s.added))
        # An unsigned article has no author: neither its publisher nor this site wrote it.
        if s.author:
            fe.author(name=fb.actors[s.author].name[lang])
        brought = _brought_to(fb, sid, claims, topic, changed[sid]) if topic else changed[sid]
        # While serving, an entry whose source, claims and novelties are unchanged is reused.
        where = (site.lang, site.root, site.other_root)
        key = ("feed_entry", sid, tuple(claims), repr(brought), where)
        args = (fb, sid, claims, site, brought)
        html = reuse(key, _entry_html, *args) if reuse else _entry_html(*args)
        fe.content(html, type="html")
    return name, fg.atom_str(pretty=True).decode("utf-8")


def feeds(
    fb: FactBase, site_name: str, site: Site, tag_authority: str, reuse=None
) -> dict[str, str]:
    """Every feed's file name and text. `reuse(key, compute, *args)`, when given, may return an
    entry drawn by an earlier build instead of computing it (mkdocs serve keeps them)."""
    changed = changes(fb)
    per_feed = _claims_per_feed(fb)
    out = dict([feed(fb, site_name, site, tag_authority, None, per_feed[None], changed, reuse)])
    for topic in fb.topics:
        entries = per_feed.get(topic, [])
        name, text = feed(fb, site_name, site, tag_authority, topic, entries, changed, reuse)
        out[name] = text
    if site.absolute:
        out[f"{FEED_DIR}/sitemap.xml"] = feeds_sitemap(sorted(out), site)
    return out


def feeds_sitemap(names: list[str], site: Site) -> str:
    """The sitemap of the feeds folder. Material looks for sitemap.xml beside each alternate
    link of a page (to map languages), so the feed links would otherwise cost every page a 404."""
    urls = "".join(f"  <url><loc>{escape(site.url(n))}</loc></url>\n" for n in names)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n"
    )


# --- CSL-JSON ---------------------------------------------------------------------------------

CSL_TYPE = cite_formats.CSL_TYPE


def csl_json(fb: FactBase) -> str:
    """Every source as CSL-JSON (what Zotero, Mendeley and pandoc import): its own title, real
    type, people (a person's name split into family and given), publisher, language, address
    where known, and its date as precise as the evidence (render/cite_formats.py)."""
    items = [cite_formats.source_item(fb, fb.sources[sid]) for sid in sorted(fb.sources)]
    return json.dumps(items, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _csl_schema() -> dict:
    """The schema sources.json is published with: the part of CSL-JSON 1.0 (csl-data.json of
    citation-style-language/schema) that we write, with the same names and shapes."""
    name = {
        "type": "object",
        "properties": {
            "literal": {"type": "string"},
            "family": {"type": "string"},
            "given": {"type": "string"},
            "non-dropping-particle": {"type": "string"},
        },
        "oneOf": [{"required": ["literal"]}, {"required": ["family", "given"]}],
        "additionalProperties": False,
    }
    date = {
        "type": "object",
        "properties": {
            "date-parts": {
                "type": "array",
                "minItems": 1,
                "maxItems": 2,
                "items": {
                    "type": "array",
                    "minItems": 1,  # [0] as the second part: a range open at its end
                    "maxItems": 3,
                    "items": {"type": "integer"},
                },
            },
            "season": {"type": "integer", "minimum": 1, "maximum": 4},
            "circa": {"type": "boolean"},
        },
        "required": ["date-parts"],
        "additionalProperties": False,
    }
    item = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "type": {"enum": sorted(set(CSL_TYPE.values()))},
            "title": {"type": "string"},
            "genre": {"type": "string"},
            "language": {"type": "string"},
            "author": {"type": "array", "items": name},
            "translator": {"type": "array", "items": name},
            "publisher": {"type": "string"},
            "container-title": {"type": "string"},
            "URL": {"type": "string", "format": "uri"},
            "issued": date,
        },
        "required": ["id", "type", "title", "language"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sources.json: the sources as CSL-JSON",
        "type": "array",
        "items": item,
    }


def csl_schema() -> str:
    return json.dumps(_csl_schema(), indent=2, ensure_ascii=False) + "\n"
