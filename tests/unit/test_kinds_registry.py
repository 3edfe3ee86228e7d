"""Every kind of record (macros/facts/kinds.py) reaches every place that must know it: loading,
the fact base, the routes and the id check, mkdocs serve's dependency tracking, the downloads
and the schemas. Adding a row to KINDS and forgetting one of them fails here."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from macros.adapter.serve import incremental
from macros.adapter.site_pages import RECORD_PAGES
from macros.facts import data_files, factbase, schema
from macros.facts.kinds import KINDS
from macros.outputs import downloads
from macros.render.pages import PAGED_RECORDS
from macros.routes.site_map import PAGED_FOLDERS, RECORD_FOLDERS

FIXTURE = Path(__file__).parents[1] / "fixtures" / "minimal"
FIELDS = {f.name: f for f in dataclasses.fields(factbase.FactBase)}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_is_loaded_kept_tracked_and_published(kind, mini_fb):
    # Loading: a file of this kind is found where the table says, and validated.
    assert data_files.ADAPTERS[kind.file_kind].core_schema is not None
    assert data_files.RECORD_NOUN[kind.file_kind] == kind.name
    if kind.records_field:
        assert kind.records_field in kind.file_model.model_fields
    # The fact base keeps it by id, and counts it.
    assert kind.table in FIELDS and str(FIELDS[kind.table].type).startswith("dict")
    assert kind.table in mini_fb.counts()
    # mkdocs serve notes every read of its table.
    assert kind.table in incremental._TABLES
    # The downloads and the schemas hold it.
    assert kind.download in json.loads(downloads.facts_json(mini_fb))
    assert schema.SCHEMA_FILES[kind.file_kind] in schema.schemas()
    # A page per record: a route, and a renderer for it.
    if kind.page_folder:
        assert RECORD_FOLDERS[kind.page_folder] == kind.name
        assert kind.page_folder in RECORD_PAGES
    # A page that gathers without bound is paged: its lists say how many pages it has.
    assert (kind.page_folder in PAGED_RECORDS) == kind.paged
    assert (kind.page_folder in PAGED_FOLDERS) == kind.paged


def test_the_fixture_has_a_record_of_every_kind(mini_fb):
    # Otherwise the test above proves less than it says for the missing kind.
    assert all(mini_fb.counts()[kind.table] > 0 for kind in KINDS)


def test_every_table_of_the_fact_base_is_tracked_by_serve():
    tracked = set(incremental._TABLES) | set(incremental._LISTS)
    assert set(FIELDS) - tracked == incremental._UNTRACKED
