"""Finding the data files and turning each into a validated model, with located problems."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from macros.facts import models
from macros.facts.kinds import KINDS
from macros.facts.limits import MAX_PROBLEMS_PER_FILE
from macros.facts.located_yaml import Loc, LocatedDocument, Read, Unparsed, prepare, read_yaml
from macros.facts.parallel_parse import parse_all, settle
from macros.facts.problems import Problem, did_you_mean, display_path
from macros.facts.repo_files import SYMLINK as _SYMLINK
from macros.facts.repo_files import symlink_in

# file kind -> what validates it, what its records are called, where such files are
# (macros/facts/kinds.py)
ADAPTERS: dict[str, TypeAdapter] = {k.file_kind: TypeAdapter(k.file_model) for k in KINDS}
RECORD_NOUN = {k.file_kind: k.name for k in KINDS}
_SINGLE_FILES = {k.place: k.file_kind for k in KINDS if not k.place.endswith("/")}
_FOLDERS = {k.place.rstrip("/"): k.file_kind for k in KINDS if k.place.endswith("/")}


def _field_names() -> set[str]:
    names: set[str] = set()
    for model in vars(models).values():
        if isinstance(model, type) and issubclass(model, models.Strict):
            names.update(model.model_fields)
    return names


FIELD_NAMES = _field_names()


@dataclass
class DataFile:
    kind: str
    path: Path
    shown_as: str  # the path as a contributor sees it, e.g. data/claims/x.yml
    doc: LocatedDocument
    model: Any


def discover(root: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """Every data file with its kind. Stray and misnamed files are problems, not silently
    skipped: a file the loader passes over is a claim nobody checked. Symlinks are refused."""
    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    if symlink_in(root, root):
        return [], [Problem(display_path(root, root), 1, 1, _SYMLINK)]
    for path in _walk(root):
        rel = path.relative_to(root)
        shown = display_path(path, root)
        if path.is_symlink():
            problems.append(Problem(shown, 1, 1, _SYMLINK))
            continue
        stray = _stray(rel, path.is_dir())
        if stray:
            problems.append(Problem(shown, 1, 1, stray))
            continue
        if rel.parts[0] == "schema" or path.is_dir() or rel.as_posix() in _DOCUMENTS:
            continue
        name = rel.name
        written = name.rstrip(" .")  # "x.yml " and "x.yml." open as x.yml on some systems
        suffix = Path(written).suffix.lower()
        proper = Path(written).stem + (".txt" if suffix == ".txt" else ".yml")
        if name != proper:
            problems.append(Problem(shown, 1, 1, _misnamed(name, proper)))
        elif suffix == ".txt":
            if len(rel.parts) != 2 or rel.parts[0] != "sources":
                problems.append(
                    Problem(
                        shown, 1, 1, "unexpected text file; archived texts are sources/<id>.txt"
                    )
                )
            elif not path.with_suffix(".yml").is_file():
                problems.append(
                    Problem(
                        shown,
                        1,
                        1,
                        f"archived text with no sources/{path.stem}.yml beside it; every text "
                        "belongs to a source",
                    )
                )
        elif len(rel.parts) == 1 and rel.name in _SINGLE_FILES:
            found.append((_SINGLE_FILES[rel.name], path))
        elif len(rel.parts) == 2 and rel.parts[0] in _FOLDERS:
            found.append((_FOLDERS[rel.parts[0]], path))
        else:
            expected = sorted(_SINGLE_FILES) + [f"{d}/<id>.yml" for d in _FOLDERS]
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"unexpected data file; data files are: {', '.join(expected)}",
                )
            )
    return found, problems


# What data/ may hold besides data files: its own README, and the generated schemas.
_DOCUMENTS = frozenset({"README.md"})
_DATA_FOLDERS = frozenset({"schema", "sources", *_FOLDERS})


def _stray(rel: Path, is_dir: bool) -> str | None:
    """Why a file or folder under data/ is no part of the data, or None. Nothing the build does
    not read may sit there: Git reads a `.gitattributes` (`* -diff` shows every claims file as
    "Binary files differ" to a reviewer), Python may import an `__init__.py`, and a file the
    loader passed over would be a claim nobody checked."""
    name = rel.name
    if name.startswith("."):
        what = "folder" if is_dir else "file"
        return (
            f"hidden {what} '{name}' in data/: dotfiles are not allowed here (a .gitattributes "
            "can hide changes from review); remove it"
        )
    if is_dir:
        if len(rel.parts) == 1 and name in _DATA_FOLDERS:
            return None
        return (
            f"unexpected folder; data/ holds only the folders {', '.join(sorted(_DATA_FOLDERS))}"
            ", with no folders inside them"
        )
    if len(rel.parts) == 1 and name in _DOCUMENTS:
        return None
    if rel.parts[0] == "schema":
        if len(rel.parts) == 2 and name.endswith(".schema.json"):
            return None
        return "unexpected file; data/schema/ holds only the generated <kind>.schema.json files"
    if not name.lower().rstrip(" .").endswith((".yml", ".yaml", ".txt")):
        return (
            "unexpected file; data/ holds only .yml data files, sources/<id>.txt archives, "
            "README.md and schema/"
        )
    return None


def _misnamed(name: str, proper: str) -> str:
    if name.rstrip(" .") != name:
        return f"the file name ends in a space or a dot; rename it to '{proper}'"
    if name.lower().endswith(".yaml"):
        return f"data files end in .yml, not .yaml; rename it to '{proper}'"
    return f"file names end in lower-case '{Path(proper).suffix}'; rename it to '{proper}'"


def _walk(root: Path) -> list[Path]:
    """Every entry under `root`, symlinks included and never followed, in a stable order."""
    out = []
    for folder, dirs, files in os.walk(root):  # os.walk does not descend into linked folders
        here = Path(folder)
        out += [here / name for name in dirs + files]
    return sorted(out)


def load_file(kind: str, path: Path, root: Path) -> tuple[DataFile | None, list[Problem]]:
    shown = display_path(path, root)
    return _validated(kind, path, shown, read_yaml(path, shown, root))


def load_files(
    found: list[tuple[str, Path]], root: Path, kept: dict | None = None
) -> list[tuple[DataFile | None, list[Problem]]]:
    """load_file() for every file, in order; the files to parse are parsed together, on two
    cores when there are many (macros/facts/parallel_parse.py).

    `kept`: the files of the load before (owned by the caller, updated here), each reused as it
    was validated when its text is the same; every file is still read and checked as it is
    read (links, budget, characters). `mkdocs serve` reloads after an edit to one file."""
    settle()  # the parse cache entries of the load before, if it is still writing them
    shown = [display_path(path, root) for _, path in found]
    reads = [prepare(path, s, root) for (_, path), s in zip(found, shown, strict=True)]
    out: list = [None] * len(found)
    before = kept or {}
    for i, r in enumerate(reads):
        same = before.get((found[i][0], found[i][1], shown[i]))
        if same is not None and same[0] == _text_of(r):
            out[i] = (same[1], [])
    waiting = [i for i, r in enumerate(reads) if isinstance(r, Unparsed) and out[i] is None]
    for i, r in enumerate(reads):
        if not isinstance(r, Unparsed) and out[i] is None:
            out[i] = _validated(found[i][0], found[i][1], shown[i], r)
    # Validated as they are parsed: the files of a worker while it parses the next ones.
    for j, read in parse_all([reads[i] for i in waiting]):  # type: ignore[misc]
        i = waiting[j]
        out[i] = _validated(found[i][0], found[i][1], shown[i], read)
    if kept is not None:
        kept.clear()
        for (kind, path), s, r, (loaded, _) in zip(found, shown, reads, out, strict=True):
            if loaded is not None:
                kept[(kind, path, s)] = (_text_of(r), loaded)
    return out


def _text_of(read: Read | Unparsed) -> str | None:
    if isinstance(read, Unparsed):
        return read.text
    return read[0].text if read[0] is not None else None


def _validated(kind: str, path: Path, shown: str, read: Read) -> tuple[DataFile | None, list]:
    doc, problems = read
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        found = type(doc.data).__name__.replace("NoneType", "nothing").replace("dict", "mapping")
        return None, [doc.problem((), f"the file must hold a mapping of fields, found a {found}")]
    try:
        model = ADAPTERS[kind].validate_python(doc.data)
    except ValidationError as exc:
        total = exc.error_count()
        if total > MAX_PROBLEMS_PER_FILE:
            # A file of 100,000 `{}` has 400,000 errors: turning them all into Python took
            # seconds and hundreds of megabytes. The same errors, for the first records only.
            try:
                ADAPTERS[kind].validate_python(_first(doc.data, MAX_PROBLEMS_PER_FILE))
            except ValidationError as sample:
                exc = sample
        errors = exc.errors(include_url=False)[:MAX_PROBLEMS_PER_FILE]
        problems = [_located(doc, kind, err) for err in errors]
        if total > len(errors):
            more = total - len(errors)
            problems.append(
                doc.problem((), f"… and {more:,} more problems in this file, not shown")
            )
        return None, problems
    return DataFile(kind, path, shown, doc, model), []


def _first(value: Any, n: int) -> Any:
    """`value` with every list and mapping cut to its first `n` entries: the errors it gives are
    errors of the whole, at the same places. (No record needs more than a dozen keys.)"""
    if isinstance(value, list):
        return [_first(v, n) for v in value[:n]]
    if isinstance(value, dict):
        return {k: _first(v, n) for k, v in list(value.items())[:n]}
    return value


def _located(doc: LocatedDocument, kind: str, err: dict) -> Problem:
    loc = _data_loc(doc.data, err["loc"])
    record, field = _record_and_field(doc.data, loc, kind)
    typ = err["type"]
    if typ == "extra_forbidden":
        name = str(loc[-1])
        message = f"unknown field '{name}'{did_you_mean(name, FIELD_NAMES)}"
        field = ".".join(field.split(".")[:-1])
    elif typ == "missing":
        message = f"missing field '{err['loc'][-1]}'"
        field = ".".join(field.split(".")[:-1])
    else:
        text = err["msg"].removeprefix("Value error, ")
        message = text[:1].lower() + text[1:]
        if typ == "string_pattern_mismatch":
            message = _PATTERN_MEANS.get(err["ctx"]["pattern"], message)
        if typ.startswith("literal_error"):
            message += f" (found {err['input']!r})"
    where = f"{record}: " if record else ""
    at_field = f"field '{field}': " if field else ""
    return doc.problem(loc, f"{where}{at_field}{message}")


_PATTERN_MEANS = {
    models.ID_PATTERN: "must be kebab-case: lower-case letters, digits and single hyphens",
    models.URL_PATTERN: "must be an http:// or https:// address",
}


def _data_loc(data: Any, loc: tuple) -> Loc:
    """The part of pydantic's error location that exists in the data (it adds union tags)."""
    out: list = []
    node = data
    for part in loc:
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part not in models.UNION_TAGS:
            out.append(part)  # a missing or unknown key: keep it for the message
            break
        else:
            continue
        out.append(part)
    return tuple(out)


def _record_and_field(data: Any, loc: Loc, kind: str) -> tuple[str, str]:
    """ "claim 'x'" and "text.en" for an error at ('claims', 3, 'text', 'en')."""
    start = 2 if kind not in {"source", "comparison"} and len(loc) >= 2 else 0
    node = data
    for part in loc[:start]:
        node = node[part]
    record = ""
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        record = f"{RECORD_NOUN[kind]} '{node['id']}'"
    elif start:
        record = f"{RECORD_NOUN[kind]} #{loc[1] + 1}"
    field = ".".join(str(p) for p in loc[start:])
    return record, field
