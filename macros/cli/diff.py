"""`python -m macros diff BASE_REF`: what a change does to the fact base, in Markdown, for a
reviewer (CI writes it to the pull request's job summary).

Records are compared as the YAML holds them, not through the models: the base may predate a
field the models now require, and a reviewer still wants to see what changed. Coverage needs
the whole fact base, so it is given for each side that loads.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

import yaml

from macros.facts.factbase import load
from macros.facts.problems import DataError

CLAIM_FIELDS = ("quote", "text", "kind", "said_by")
KINDS = {"actors": "actors.yml", "topics": "topics.yml", "events": "events.yml"}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()<>#+!|~&])")


class DiffError(Exception):
    pass


def md(value: object) -> str:
    """Data as plain Markdown text: nothing in it becomes a link, markup or a table cell."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", text)


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


def _yaml(path: Path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def records(data: Path) -> dict[str, dict[str, dict]]:
    """kind -> id -> record, as written; claims carry the source they come from."""
    out: dict[str, dict[str, dict]] = {"claims": {}, "relations": {}}
    for path in sorted((data / "claims").glob("*.yml")):
        for claim in _yaml(path).get("claims") or []:
            if isinstance(claim, dict) and "id" in claim:
                out["claims"][claim["id"]] = {**claim, "_source": path.stem}
                for relation in claim.get("relations") or []:
                    key = f"{claim['id']} {json.dumps(relation, sort_keys=True)}"
                    out["relations"][key] = {"claim": claim["id"], **(
                        relation if isinstance(relation, dict) else {"to": relation})}  # fmt: skip
    out["sources"] = {p.stem: _yaml(p) for p in sorted((data / "sources").glob("*.yml"))}
    for kind, name in KINDS.items():
        path = data / name
        items = _yaml(path).get(kind) if path.exists() else None
        out[kind] = {r["id"]: r for r in items or [] if isinstance(r, dict) and "id" in r}
    return out


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


def permalink(preview: str, claim: dict) -> str:
    return f"{preview}sources/{claim['_source']}/#{claim['id']}"


def report(base: Path, head: Path, base_ref: str, preview: str) -> str:
    old, new = records(base), records(head)
    lines = [f"## Fact-base changes since {md(base_ref)}", ""]
    added, removed, changed = _compare(old["claims"], new["claims"])
    lines.append(f"### Claims: {len(added)} added, {len(removed)} removed, {len(changed)} changed")
    for cid in added:
        c = new["claims"][cid]
        lines.append(f"- added [{md(cid)}]({permalink(preview, c)}) ({md(c.get('kind', ''))}, "
                     f"{md(c.get('said_by', ''))}): {md(c.get('quote', ''))}")  # fmt: skip
    for cid in removed:
        lines.append(f"- removed {md(cid)} (was in {md(old['claims'][cid]['_source'])})")
    for cid in changed:
        c, was = new["claims"][cid], old["claims"][cid]
        lines.append(f"- changed [{md(cid)}]({permalink(preview, c)})")
        fields = [f for f in CLAIM_FIELDS if c.get(f) != was.get(f)]
        others = sorted(
            k for k in set(c) | set(was) if k not in CLAIM_FIELDS and c.get(k) != was.get(k)
        )
        for f in fields:
            lines.append(f"  - {f}: {md(was.get(f, ''))} → {md(c.get(f, ''))}")
        if others:
            lines.append(f"  - also: {', '.join(md(o.lstrip('_')) for o in others)}")
    lines.append("")
    for kind in ("sources", "actors", "topics", "events", "relations"):
        added, removed, changed = _compare(old[kind], new[kind])
        lines.append(f"### {kind.capitalize()}: {len(added)} added, {len(removed)} removed, "
                     f"{len(changed)} changed")  # fmt: skip
        for word, ids in (("added", added), ("removed", removed), ("changed", changed)):
            for rid in ids:
                lines.append(f"- {word} {md(rid)}")
        lines.append("")
    lines.append("### Coverage (paragraphs quoted or declared boilerplate)")
    before, after = coverage(base), coverage(head)
    if isinstance(before, str) or isinstance(after, str):
        lines.append(f"- before: {md(before) if isinstance(before, str) else 'loads'}; "
                     f"after: {md(after) if isinstance(after, str) else 'loads'}")  # fmt: skip
    for sid in sorted(set(before if isinstance(before, dict) else {}) |
                      set(after if isinstance(after, dict) else {})):  # fmt: skip
        b = before.get(sid) if isinstance(before, dict) else None
        a = after.get(sid) if isinstance(after, dict) else None

        def shown(x):
            return f"{x[0]}/{x[1]}" if x else "—"

        lines.append(f"- {md(sid)}: {shown(b)} → {shown(a)}")
    return "\n".join(lines) + "\n"


def run(repo: Path, data: Path, base_ref: str, preview: str) -> str:
    with tempfile.TemporaryDirectory(prefix="briefing-diff-") as tmp:
        base = checkout_data(repo, base_ref, Path(tmp))
        return report(base, data, base_ref, preview)
