"""JSON Schemas for editors and pre-commit, generated from the models (never edited by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from macros.facts.data_files import ADAPTERS

SCHEMA_FILES = {kind: f"{kind}.schema.json" for kind in ADAPTERS}


def schemas() -> dict[str, str]:
    """File name -> schema text, exactly as committed under data/schema/."""
    out = {}
    for kind, adapter in ADAPTERS.items():
        schema = adapter.json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema.setdefault("title", kind)
        out[SCHEMA_FILES[kind]] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
