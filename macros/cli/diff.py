"""`python -m macros diff BASE_REF`: what a change does to the fact base, in Markdown, for a
reviewer (CI writes it to the pull request's job summary).

Records are compared as the YAML holds them, not through the models: the base may predate a
field the models now require, and a reviewer still wants to see what changed. Coverage needs
the whole fact base, so it is given for each side that loads.
"""

from __future__ import annotations

import difflib
import io
import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

from macros.facts.factbase import load
from macros.facts.located_yaml import read_yaml
from macros.facts.models import ID_PATTERN
from macros.facts.problems import DataError
from macros.facts.source_text import SourceText

CLAIM_FIELDS = ("quote", "text", "kind", "said_by")
KINDS = {
    "actors": "actors.yml",
    "topics": "topics.yml",
    "events": "events.yml",
    "terms": "glossary.yml",
}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()<>#+!|~&:.])")
# GitHub links `@user`, `@org/team` and shows `:emoji:` after rendering, in every text node but
# those inside <code>: a backslash escape does not stop either, so `@`, and a `:` that opens a
# shortcode, are shown as code. (Backslash escapes before `:` and `.` break the autolinks of
# `http://` and `www.`. A value never starts a line, so `-`, `=` and `1.` cannot make a list,
# a rule or a heading.) Any `:` a shortcode could start with is code, even one whose shortcode
# would close across another code span (`::shipit:`, `:@x:`).
#
# GitHub also links references after rendering, in the same text nodes: `#123`, `GH-123` and
# `owner/repo#1` to issues, and a run of 7 to 40 hex digits (`16e2398`, `owner/repo@16e2398`) to
# a commit; a backslash or an entity is decoded before GitHub looks. So a `#` before a digit, a
# `GH-` before one, and every run of seven or more hex digits standing alone are code too.
_CODE_SPAN = re.compile(
    r"@|:(?=[\w+-]+:)|:(?=[@:])|#(?=[0-9])|(?<![0-9A-Za-z])(?i:gh)-(?=[0-9])"
    r"|(?<![0-9A-Za-z])[0-9A-Fa-f]{7,}(?![0-9A-Za-z])"
)
# GitHub shows at most 1 MiB of a step's summary, and nothing at all above it.
SUMMARY_LIMIT = 900_000
ARTIFACT = "fact-base-diff"  # the CI artifact holding the whole report (.github/workflows/ci.yml)
_SHOWN_VALUE = 300  # characters of one value in the summary (the artifact has every one)


class DiffError(Exception):
    pass


def md(value: object, limit: int | None = None) -> str:
    """Data as plain Markdown text: nothing in it becomes a link, a mention, an emoji, an image,
    HTML, markup or a table cell (tests/test_diff_review.py renders it as GitHub does). With
    `limit`, cut to that many characters first."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    # Spans that touch are one span: two backticks side by side would open a longer one.
    spans: list[list[int]] = []
    for found in _CODE_SPAN.finditer(text):
        if spans and spans[-1][1] == found.start():
            spans[-1][1] = found.end()
        else:
            spans.append([found.start(), found.end()])
    out = []
    at = 0
    for start, end in spans:
        out.append(_MD_SPECIAL.sub(r"\\\1", text[at:start]))
        out.append(f"`{text[start:end]}`")
        at = end
    out.append(_MD_SPECIAL.sub(r"\\\1", text[at:]))
    return "".join(out)


def checkout_data(repo: Path, ref: str, target: Path) -> Path:
    """data/ as it is at `ref`, extracted into `target`."""
    if ref.startswith("-"):
        raise DiffError(f"'{ref}' is not a git ref")
    run = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", ref, "--", "data"],
        capture_output=True,
        check=False,
        timeout=120,
    )
    if run.returncode != 0:
        raise DiffError(f"git archive {ref}: {run.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(run.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / "data"


def _yaml(path: Path, data: Path) -> dict:
    """A data file read as `check` reads it (macros/facts/located_yaml.py): its size, values,
    nesting and characters limited and no anchor or alias (plain PyYAML took 1.9 GB for an alias
    bomb); DiffError naming the place of the first problem."""
    shown = f"data/{path.relative_to(data).as_posix()}"
    doc, problems = read_yaml(path, shown, data)
    if doc is None:
        raise DiffError(f"cannot compare the fact base: {problems[0]}")
    return doc.data if isinstance(doc.data, dict) else {}


def records(data: Path) -> dict[str, dict[str, dict]]:
    """kind -> id -> record, as written; claims carry the source they come from."""
    out: dict[str, dict[str, dict]] = {"claims": {}, "relations": {}}
    for path in sorted((data / "claims").glob("*.yml")):
        for claim in _yaml(path, data).get("claims") or []:
            if isinstance(claim, dict) and "id" in claim:
                out["claims"][claim["id"]] = {**claim, "_source": path.stem}
                for relation in claim.get("relations") or []:
                    key = f"{claim['id']} {json.dumps(relation, sort_keys=True)}"
                    out["relations"][key] = {"claim": claim["id"], **(
                        relation if isinstance(relation, dict) else {"to": relation})}  # fmt: skip
    out["sources"] = {p.stem: _yaml(p, data) for p in sorted((data / "sources").glob("*.yml"))}
    for kind, name in KINDS.items():
        path = data / name
        items = _yaml(path, data).get(kind) if path.exists() else None
        out[kind] = {r["id"]: r for r in items or [] if isinstance(r, dict) and "id" in r}
    out["comparisons"] = {
        p.stem: _yaml(p, data) for p in sorted((data / "comparisons").glob("*.yml"))
    }
    return out


def archives(data: Path) -> dict[str, list[str]]:
    """source -> the paragraphs of its archived text (what every quote is checked against)."""
    return {
        path.stem: SourceText(path.read_text(encoding="utf-8", errors="replace")).paragraphs
        for path in sorted((data / "sources").glob("*.txt"))
    }


def _archive_changes(before: list[str], after: list[str]) -> list[tuple[str, str, str]]:
    """(where, was, now) of each run of paragraphs an archived text changed."""
    changes = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        where = f"¶{j1 + 1}" if j2 - j1 <= 1 else f"¶{j1 + 1}–{j2}"
        if op == "delete":
            where = f"after ¶{j1}" if j1 else "at the start"
        changes.append((where, " ".join(before[i1:i2]), " ".join(after[j1:j2])))
    return changes


def _fields_changed(was: object, now: object, m, path: str = "") -> list[str]:
    """One line per field that differs, its value before and after; a field whose values are
    both mappings (a text in both languages) by its keys ("definition.en")."""
    if not (isinstance(was, dict) and isinstance(now, dict)) or path.count(".") > 1:
        return [f"  - {m(path)}: {m(was if was is not None else '')} → "
                f"{m(now if now is not None else '')}"]  # fmt: skip
    lines = []
    for key in sorted(set(was) | set(now), key=str):
        if was.get(key) != now.get(key) and not str(key).startswith("_"):
            lines += _fields_changed(was.get(key), now.get(key), m, f"{path}.{key}".lstrip("."))
    return lines


def coverage(data: Path) -> dict[str, tuple[int, int]] | str:
    """source -> (paragraphs quoted or boilerplate, paragraphs), or why it cannot be told."""
    try:
        fb = load(data)
    except DataError as exc:
        return f"the fact base does not load ({len(exc.problems)} problem(s))"
    return {
        sid: (len(fb.texts[sid].paragraphs) - len(fb.uncovered(sid)), len(fb.texts[sid].paragraphs))
        for sid in fb.sources
    }


def _compare(before: dict, after: dict):
    added = [k for k in after if k not in before]
    removed = [k for k in before if k not in after]
    changed = [k for k in after if k in before and after[k] != before[k]]
    return added, removed, changed


def linked(preview: str, claim: dict, shown: str) -> str:
    """`shown` as a link to the claim's permalink, or as it is when its id or its source's is
    not an id (the report is also written for data that does not load: a contributor's
    'x) ![i](https://…)' would otherwise close the link and open an image)."""
    ids = (claim.get("id"), claim.get("_source"))
    if not all(isinstance(i, str) and re.fullmatch(ID_PATTERN, i) for i in ids):
        return shown
    return f"[{shown}]({preview}sources/{ids[1]}/#{ids[0]})"


def report(base: Path, head: Path, base_ref: str, preview: str, limit: int | None = None) -> str:
    """The whole report; with `limit` (bytes), what fits in a job summary: the table of counts,
    then changes in order, each value cut short, until the limit, then how many are left out."""
    cut = _SHOWN_VALUE if limit is not None else None

    def m(value: object) -> str:
        return md(value, cut)

    old, new = records(base), records(head)
    table = ["| records | added | removed | changed |", "| --- | --- | --- | --- |"]
    sections: list[tuple[str, list[str]]] = []
    added, removed, changed = _compare(old["claims"], new["claims"])
    table.append(f"| claims | {len(added)} | {len(removed)} | {len(changed)} |")
    items = []
    for cid in added:
        c = new["claims"][cid]
        items.append(f"- added {linked(preview, c, m(cid))} ({m(c.get('kind', ''))}, "
                     f"{m(c.get('said_by', ''))}): {m(c.get('quote', ''))}\n"
                     f"  - text: {m(c.get('text', ''))}")  # fmt: skip
    for cid in removed:
        items.append(f"- removed {m(cid)} (was in {m(old['claims'][cid]['_source'])})")
    for cid in changed:
        c, was = new["claims"][cid], old["claims"][cid]
        lines = [f"- changed {linked(preview, c, m(cid))}"]
        fields = [f for f in CLAIM_FIELDS if c.get(f) != was.get(f)]
        others = sorted(
            k for k in set(c) | set(was) if k not in CLAIM_FIELDS and c.get(k) != was.get(k)
        )
        for f in fields:
            lines.append(f"  - {f}: {m(was.get(f, ''))} → {m(c.get(f, ''))}")
        if others:
            lines.append(f"  - also: {', '.join(m(o.lstrip('_')) for o in others)}")
        items.append("\n".join(lines))
    sections.append(
        (f"### Claims: {len(added)} added, {len(removed)} removed, {len(changed)} changed", items)
    )
    for kind in ("sources", "actors", "topics", "events", "relations", "terms", "comparisons"):
        added, removed, changed = _compare(old[kind], new[kind])
        table.append(f"| {kind} | {len(added)} | {len(removed)} | {len(changed)} |")
        items = []
        for word, ids in (("added", added), ("removed", removed), ("changed", changed)):
            for rid in ids:
                fields = (
                    [] if word == "removed"
                    else _fields_changed(old[kind].get(rid, {}), new[kind].get(rid, {}), m)
                )  # fmt: skip
                items.append("\n".join([f"- {word} {m(rid)}", *fields]))
        sections.append((f"### {kind.capitalize()}: {len(added)} added, {len(removed)} "
                         f"removed, {len(changed)} changed", items))  # fmt: skip
    # A quote is checked against its archived text: a change to the text itself is shown, or a
    # quote invented in the same change would read as verified.
    texts_before, texts_after = archives(base), archives(head)
    items = []
    for sid in sorted(set(texts_before) | set(texts_after)):
        was, now = texts_before.get(sid), texts_after.get(sid)
        if was == now:
            continue
        if was is None or now is None:
            items.append(f"- {'added' if was is None else 'removed'} {m(sid)}.txt")
            continue
        for where, a, b in _archive_changes(was, now):
            items.append(f"- {m(sid)}.txt {m(where)}: {m(a) or '—'} → {m(b) or '—'}")
    table.append(f"| archived texts | | | {len(items)} |")
    sections.append((f"### Archived texts: {len(items)} changed", items))
    coverage_lines = []
    before, after = coverage(base), coverage(head)
    if isinstance(before, str) or isinstance(after, str):
        was = m(before) if isinstance(before, str) else "loads"
        now = m(after) if isinstance(after, str) else "loads"
        coverage_lines.append(f"- before: {was}; after: {now}")
    for sid in sorted(set(before if isinstance(before, dict) else {}) |
                      set(after if isinstance(after, dict) else {})):  # fmt: skip
        b = before.get(sid) if isinstance(before, dict) else None
        a = after.get(sid) if isinstance(after, dict) else None

        def shown(x):
            return f"{x[0]}/{x[1]}" if x else "—"

        coverage_lines.append(f"- {m(sid)}: {shown(b)} → {shown(a)}")
    sections.append(("### Coverage (paragraphs quoted or declared boilerplate)", coverage_lines))

    head_lines = [f"## Fact-base changes since {m(base_ref)}", "", *table, ""]
    out = "\n".join(head_lines) + "\n"
    # What the end needs: every heading, the coverage (one line per source) unless it is itself
    # huge, and the line that counts the changes left out.
    coverage_size = sum(len(line.encode()) + 1 for line in coverage_lines)
    keep_coverage = limit is None or coverage_size < limit // 4
    reserve = sum(len(h.encode()) + 2 for h, _ in sections) + 200
    reserve += coverage_size if keep_coverage else 0
    left_out = 0
    for heading, items in sections:
        out += heading + "\n"
        always = items is coverage_lines and keep_coverage
        for item in items:
            size = len(item.encode()) + 1
            if (
                not always
                and limit is not None
                and (left_out or len(out.encode()) + size + reserve > limit)
            ):
                left_out += 1
                continue
            out += item + "\n"
        out += "\n"
    if left_out:
        out += (
            f"**and {left_out:,} more changes: see the artifact `{ARTIFACT}` of this run** "
            "(the whole report)\n"
        )
    return out


def run(repo: Path, data: Path, base_ref: str, preview: str, full: Path | None = None) -> str:
    """The report; with `full`, the whole report is written there and what is returned fits a
    job summary (SUMMARY_LIMIT)."""
    with tempfile.TemporaryDirectory(prefix="briefing-diff-") as tmp:
        base = checkout_data(repo, base_ref, Path(tmp))
        if full is None:
            return report(base, data, base_ref, preview)
        full.write_text(report(base, data, base_ref, preview), encoding="utf-8")
        return report(base, data, base_ref, preview, SUMMARY_LIMIT)
