"""The downloads the build publishes: the whole fact base as JSON, the claims as CSV."""

from __future__ import annotations

import csv
import io
import json

from macros.facts.factbase import FactBase
from macros.facts.kinds import KINDS
from macros.facts.models import SCHEMA_VERSION


def facts_json(fb: FactBase) -> str:
    def dump(model) -> dict:
        return model.model_dump(mode="json", exclude_none=True)

    claims = []
    for cid, claim in fb.claims.items():
        record = {
            "id": cid,
            "source": fb.claim_source[cid],
            "paragraph": fb.claim_place[cid].paragraph,
        }
        record.update(dump(claim))
        claims.append(record)
    document: dict = {"schema_version": SCHEMA_VERSION}
    for kind in KINDS:  # every kind of record (macros/facts/kinds.py)
        records = getattr(fb, kind.table).values()
        document[kind.download] = claims if kind.name == "claim" else [dump(r) for r in records]
    document |= {
        # Each relation once, as stated: `from` relates to `to` (both claim ids).
        "relations": [
            {"from": r.start, "kind": r.kind, "to": r.end, "note": dump(r.note)}
            for r in fb.relations
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


CSV_COLUMNS = [
    "id",
    "source",
    "paragraph",
    "kind",
    "said_by",
    "quote",
    "text_en",
    "text_nl",
    "about",
    "topics",
    "date",
    "date_basis",
    "date_earliest",  # the earliest and latest day the EDTF `date` allows, for sorting;
    "date_latest",  # empty when that end is open ("../2024", "2025-12-02/..")
    "figure_value",
    "figure_qualifier",
    "note_en",
    "note_nl",
]


def claims_csv(fb: FactBase) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for cid, c in fb.claims.items():
        writer.writerow(
            [
                cid,
                fb.claim_source[cid],
                fb.claim_place[cid].paragraph,
                c.kind,
                " ".join(c.said_by_all),
                _cell(c.quote),
                _cell(c.text.en),
                _cell(c.text.nl),
                " ".join(c.about),
                " ".join(c.topics),
                c.date.value if c.date else "",
                c.date.basis if c.date else "",
                _day(c.date.edtf.earliest) if c.date else "",
                _day(c.date.edtf.latest) if c.date else "",
                c.figure.value if c.figure else "",
                c.figure.qualifier if c.figure else "",
                _cell(c.note.en) if c.note else "",
                _cell(c.note.nl) if c.note else "",
            ]
        )
    return out.getvalue()


def _day(day) -> str:
    return day.isoformat() if day else ""


def _cell(value: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheets: keep it text.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
