"""Every budget a contributor's files are held to, in one place.

A pull request can hold any file; these keep `python -m macros check` and the build within
seconds and a few hundred megabytes whatever it holds (scripts/bench_check.py measures the worst
cases). Each is far above what the real data needs.
"""

from __future__ import annotations

MAX_YAML_BYTES = 2_000_000  # one data file
MAX_TEXT_BYTES = 2_000_000  # one archived article (data/sources/<id>.txt); the real ones are ~7 kB
MAX_PROSE_BYTES = 50_000  # one prose file (docs/_prose/<page>.<lang>.md); the real ones are ~5 kB
# Python-Markdown's worst cases are quadratic: 5,000 unclosed `[` took 59 s. Within these shapes
# (macros/prose.check_source) a 50 kB file of the worst kind renders in about a second
# (scripts/bench_check.py --prose). The real prose: no `[`, lines of 173 characters, indents of
# 4 spaces, no blockquote, 8 headings.
MAX_PROSE_BRACKETS = 40  # `[` in one paragraph (links, images, footnote-like text)
MAX_PROSE_LINE = 1_000  # characters in one line
MAX_PROSE_HEADINGS = 100  # `#` headings and `===`/`---` underlines
MAX_PROSE_BREAKS = 100  # thematic breaks: `***`, `___`, `* * *` (the real prose has none)
MAX_PROSE_QUOTE_DEPTH = 4  # `> > > >`
MAX_PROSE_INDENT = 16  # spaces before a line's text (lists nested four deep)
# Values (scalars, lists, mappings) in one YAML file. The largest real file has ~1,400; the
# synthetic corpus of the benchmark at scale 100 has 54,300 in actors.yml (1.2 MB).
MAX_NODES = 100_000
MAX_DEPTH = 20  # nesting of lists and mappings in our walker (libyaml stops at 1000)

MAX_PROBLEMS = 200  # problems printed; the rest are counted ("… and 4,312 more problems")
MAX_PROBLEMS_PER_FILE = 200  # schema errors worked out per file before the rest are counted
MAX_SPAN_HINTS = 20  # missing quotes checked for "runs across paragraphs" (each scans the text)
# Missing quotes looked up in one source before the rest are reported unchecked: each miss scans
# the whole text (2 MB), so 5,000 of them took 11 s; found quotes stop at their first match.
MAX_MISSES = 200
# The one pass that finds all of a source's quotes (macros/facts/quote_index.py) reads every match,
# repeats included: past this many beyond the text's length it stops, and what is left is looked up
# one by one, each search reading the text once, for at most MAX_FIND_WORK characters in all.
MAX_MATCH_WORK = 1_000_000
MAX_FIND_WORK = 40_000_000
MAX_SUGGESTIONS = 200  # "did you mean" hints
# Ids compared (difflib's ratio) for all the hints of one check: each hint compares at most 32
# ids near the word (macros/problems.Suggestions); a ratio of two 64-character ids that share
# most of their characters takes up to 0.3 ms, so 2,000 take ~0.6 s.
MAX_SUGGESTION_WORK = 2_000
MAX_ALIASES = 20  # other spellings of one actor (macros/facts/models.py, Actor.aliases)
MAX_ALIAS_LENGTH = 100
MAX_RELATIONS_PER_CLAIM = 8
# Other spellings of the actors an entry of the search index names, added to it as tags: a claim
# naming 245 actors, each with 20 aliases of 100 characters and a Dutch name of 2,000, made each
# search index 89 MB and a build 308 s at 4.7 GB (the fourth attacker of 2026-12-07). The real
# entries hold at most a few hundred characters of them.
MAX_TAG_CHARACTERS = 1_000
MAX_ACTOR_NAME_LENGTH = 100  # an actor's name, in each language (shown wherever it is named)
MAX_TITLE_LENGTH = 200  # a source's title, a briefing's name, a comparison's title (each language)
MAX_EVIDENCE = 40  # claims a briefing's summary, a takeaway, a cell, an axis or a term cites
MAX_COMPARISON_COLUMNS = 6  # sides compared in one comparison (each row is drawn once a side)
MAX_TERM_WORDS = 8  # words of a glossary term or its expansion, in each language
MAX_EVIDENCE_PER_EVENT = 8  # claims an event cites, on every page that lists it
MAX_SHOWN = 80  # characters of a value quoted in a message before it is cut with "…"

# What a build may produce (macros/adapter/build/budget.py). The real site: about 9 MB, its largest
# page under 300 kB, and the build's process tree at about 400 MB.
MAX_PAGE_BYTES = 2_000_000  # one HTML page (twelve times the largest real one)
# Claims of one source. A source's page is not paged (each claim's permalink is
# sources/<id>/#<claim>, which must not move when claims are added), so this holds it: the real
# articles have 37 claims each; 300 claims quoting a 550-character paragraph (issue 26's finding
# 1) make a page of 1.2 MB. Longer cards can still make it heavier than MAX_PAGE_BYTES, which
# then refuses it. An actor's or a topic's page gathers claims from every source and is paged
# instead (extra.page_size claims of each list a page).
MAX_CLAIMS_PER_SOURCE = 300
# Record pages (a source's, an actor's, a briefing's, a comparison's: each one page a language
# before paging). Every page costs the build about 10 ms of CPU whatever it holds, so their
# number bounds the build's time: 5,500 extra actors, each a valid record with nothing to show,
# took 54 s of CPU. The benchmark's largest corpus (scale 100: 4,100 record pages, 70.8 s)
# stays within it; the real data has 75.
MAX_RECORD_PAGES = 5_000
# Pages one claim is drawn on: its source's, each actor's it is about or said by, each topic's.
# The real claims: at most 8 (scale 100: 8). The same claims spread over six sources, each about
# and by every one of 29 actors and in 7 topics (66 pages a language), built a 615 MB site before
# the site budget refused it; within this bound each claim costs at most a quarter of that.
MAX_PAGES_PER_CLAIM = 16
MAX_SITE_BYTES = 150_000_000  # the whole site, every language
MAX_BUILD_MEMORY = 2**30  # peak memory of the build's whole process tree (1 GiB)
# A feed that grows makes a bigger site: the site and memory budgets above are for a small fact
# base, and grow with its records (every kind counted) at a few times what a record costs at
# scale 100. The attack of issue 26 (1,150 claims about and by every actor, in every topic) stops
# at MAX_CLAIMS_PER_SOURCE when in one file; spread over sources it makes a 615 MB site for 1,590
# records, outside them. The page budget does not grow: no page may.
SITE_BYTES_PER_RECORD = 200_000
BUILD_MEMORY_PER_RECORD = 250_000

# What one pull request may add or change under data/ and docs/_prose/ (`python -m macros
# pr-bound BASE`, run by scripts/review-guard before anything else in CI). Every file is bounded
# above, but not their number: 1,000 valid copies of a source (a 431 kB pull request) took
# `check` 16 s and 717 MB. Within these, a pull request on the real data is checked in ≤ 2 s and
# built in ≤ 30 s at ≤ 1 GiB (SECURITY.md; scripts/bench_pr.py measures the worst cases). A real
# article adds 3 files, ~60 kB, ~60 records and ~300 claim pages; these allow a day's feed.
MAX_PR_FILES = 40  # files added, changed or removed
MAX_PR_BYTES = 2_000_000  # bytes of the lines added (one archive of the largest size)
MAX_PR_RECORDS = 500  # records added or changed, of every kind (claims, actors, events, …)
# Pages the added or changed claims, relations and events are drawn on (a claim on its source's
# page and each of its actors' and topics', at most MAX_PAGES_PER_CLAIM; a relation on both its
# claims'; an event on the timeline and its actors' and topics'): what a build spends on them.
MAX_PR_CLAIM_PAGES = 4_000
