"""Reading an export through a column mapping: the mapping bound to the export's header,
and each row turned into an application document whose every value is located by its row
and column, so that the application check reports problems at the cell.

A cell is read as what it fills needs: amounts as numbers (``1 200 000``, ``12,5`` and
``−85`` included), dates as dates, an answer by its question's type in the criteria set.
A ``values`` map replaces a cell's text (each item's, after ``split``) before that; a cell
that cannot be read is passed on as it is, for the check to report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from hallbarhet_cli.batch.mapping import (
    ANSWER,
    QUESTION_KINDS,
    LoadedMapping,
    Source,
    column_of,
    entries,
    is_fixed,
)
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.errors import InputError, Message, Problem
from hallbarhet_cli.files.normal import nfc
from hallbarhet_cli.files.yamlload import DataPath, Document, Position
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models.validation import did_you_mean


# -- binding a mapping to an export's header --------------------------------------------
@dataclass(frozen=True)
class Cell:
    """One mapped place, bound to a column index (``None`` for a fixed value)."""

    target: DataPath
    kind: str
    column: int | None
    fixed: bool
    value: Any
    split: str | None
    values: dict[str, Any]
    folded: dict[str, Any]
    default: Any


@dataclass(frozen=True)
class RowPlan:
    """A mapping bound to one export: what every row of it is read with."""

    file: str
    base_dir: str
    columns: tuple[str, ...]
    cells: tuple[Cell, ...]
    criteria_cell: Cell | None = field(default=None)

    def column_name(self, column: int | None) -> str | None:
        """The header of a 1-based column number, as problems give it."""
        if column is None or not 1 <= column <= len(self.columns):
            return None
        return self.columns[column - 1]


def header_names(header: Sequence[Any]) -> list[str]:
    return ["" if h is None else nfc(str(h).strip().lstrip("\ufeff")) for h in header]


def bind(loaded: LoadedMapping, header: Sequence[Any], file: str, export_dir: Path) -> RowPlan:
    """Bind ``loaded`` to an export whose header row is ``header``; raise
    :class:`InputError`, located in the mapping file, for a column the export lacks."""
    names = header_names(header)
    index: dict[str, int] = {}
    folded: dict[str, int] = {}
    repeated: set[str] = set()
    for i, name in enumerate(names):
        if not name:
            continue
        if name in index:
            repeated.add(name)
        index.setdefault(name, i)
        folded.setdefault(name.casefold(), i)
    document = loaded.document
    problems: list[Problem] = []
    cells: list[Cell] = []
    criteria_cell = None
    for entry in entries(loaded.model):
        spec = entry.spec
        source = spec if isinstance(spec, Source) else Source(column=spec)
        where = entry.where if isinstance(spec, str) else (*entry.where, "column")
        column: int | None = None
        if not is_fixed(spec):
            name = column_of(spec) or ""
            column = index.get(name, folded.get(name.casefold()))
            if column is None:
                problems.append(
                    document.problem(
                        where,
                        "unknown-column",
                        Message(
                            N_("The export {file} has no column {column!r}."),
                            {"file": file, "column": name},
                            did_you_mean(name, [n for n in names if n]),
                        ),
                    )
                )
                continue
            if names[column] in repeated:
                problems.append(
                    document.problem(
                        where,
                        "ambiguous-column",
                        Message(
                            N_("The export {file} has more than one column {column!r}."),
                            {"file": file, "column": name},
                        ),
                    )
                )
                continue
        cell = Cell(
            target=entry.target,
            kind=entry.kind,
            column=column,
            fixed=is_fixed(spec),
            value=source.value,
            split=source.split,
            values=dict(source.values),
            folded={str(k).strip().casefold(): v for k, v in source.values.items()},
            default=source.default,
        )
        cells.append(cell)
        if entry.target == ("criteria",):
            criteria_cell = cell
    if problems:
        raise InputError(problems)
    fixed_criteria = criteria_cell is not None and criteria_cell.fixed
    base_dir = loaded.folder if fixed_criteria else export_dir
    return RowPlan(file, str(base_dir), tuple(names), tuple(cells), criteria_cell)


# -- reading cells -------------------------------------------------------------------------
_NUMBER: Final = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")
_INTEGER: Final = re.compile(r"^[+-]?\d+$")
_SPACES: Final = str.maketrans("", "", " \u00a0\u202f\u2009\u2007")


def _is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def as_text(raw: Any) -> Any:
    """A cell as text: numbers without a spurious ``.0``, dates in ISO form."""
    if isinstance(raw, str):
        return raw.strip()
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, int | float):
        return str(raw)
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return raw


def as_number(raw: Any) -> Any:
    """A cell as a number: ``1 200 000``, ``12,5``, ``−85`` and ``2.5e3`` are read; other
    text is returned as it is."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() and abs(raw) < 2**53 else raw
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str):
        text = raw.strip().replace("\u2212", "-").translate(_SPACES)
        if _NUMBER.match(text):
            text = text.replace(",", ".")
            return int(text) if _INTEGER.match(text) else as_number(float(text))
        return raw.strip()
    return raw


def as_boolean(raw: Any) -> Any:
    if isinstance(raw, str) and raw.strip().casefold() in ("true", "false"):
        return raw.strip().casefold() == "true"
    return raw


def as_date(raw: Any) -> Any:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        if len(text) == 10 or (len(text) > 10 and text[10] in " T"):
            try:
                return dt.date.fromisoformat(text[:10])
            except ValueError:
                return text
        return text
    return raw


_READERS: Final[dict[str, Callable[[Any], Any]]] = {
    "text": as_text,
    "number": as_number,
    "integer": as_number,
    "boolean": as_boolean,
    "date": as_date,
    "list": as_text,
    "auto": as_text,
}


def _mapped(cell: Cell, raw: Any) -> tuple[bool, Any]:
    """The ``values`` map's replacement for a cell (or item) text, if it has one."""
    if not cell.values:
        return False, None
    text = as_text(raw)
    if isinstance(text, str):
        if text in cell.values:
            return True, cell.values[text]
        key = text.casefold()
        if key in cell.folded:
            return True, cell.folded[key]
    return False, None


def read_cell(cell: Cell, raw: Any, kind: str) -> Any:
    """The value ``raw`` gives the place ``cell`` fills, read as ``kind``."""
    if cell.fixed:
        return cell.value
    if _is_empty(raw):
        return cell.default
    if cell.split is not None or kind == "list":
        parts = (
            [p for p in (s.strip() for s in raw.split(cell.split)) if p]
            if cell.split is not None and isinstance(raw, str)
            else [raw]
        )
        items: list[Any] = []
        for part in parts:
            found, value = _mapped(cell, part)
            if not found:
                value = as_text(part)
            items.extend(value if isinstance(value, list) else [value])
        return items
    found, value = _mapped(cell, raw)
    if found:
        return value
    return _READERS.get(kind, as_text)(raw)


def answer_kind(criteria: ResolvedSet | None) -> Callable[[str], str]:
    """How to read the answer to each question of ``criteria`` (as text when unknown)."""
    questions = criteria.question_map if criteria is not None else {}

    def kind(question_id: str) -> str:
        question = questions.get(question_id)
        return QUESTION_KINDS.get(question.type, "auto") if question else "auto"

    return kind


def criteria_ref(plan: RowPlan, cells: Sequence[Any]) -> str | None:
    """The criteria set a row names, if the mapping gives one."""
    cell = plan.criteria_cell
    if cell is None:
        return None
    raw = cells[cell.column] if cell.column is not None and cell.column < len(cells) else None
    value = read_cell(cell, raw, "text")
    return value if isinstance(value, str) and value else None


def row_document(
    plan: RowPlan, number: int, cells: Sequence[Any], kind_of_answer: Callable[[str], str]
) -> Document:
    """Row ``number`` of the export as an application document. Each value's position is
    its row and (1-based) column, so every problem found later names the cell; fixed
    values and the application as a whole are at column 0."""
    data: dict[str, Any] = {"kind": "application"}
    values: dict[DataPath, Position] = {(): (number, 0)}
    for cell in plan.cells:
        kind = kind_of_answer(str(cell.target[1])) if cell.kind == ANSWER else cell.kind
        raw = cells[cell.column] if cell.column is not None and cell.column < len(cells) else None
        if isinstance(raw, str):
            raw = nfc(raw)
        value = read_cell(cell, raw, kind)
        _put(data, cell.target, value)
        if cell.column is not None:
            position = (number, cell.column + 1)
            values[cell.target] = position
            if isinstance(value, list):
                for i in range(len(value)):
                    values[(*cell.target, i)] = position
    _tidy_review(data)
    return Document(plan.file, data, values, dict(values), {})


def _put(data: dict[str, Any], path: DataPath, value: Any) -> None:
    node = data
    for part in path[:-1]:
        node = node.setdefault(str(part), {})
    node[str(path[-1])] = value


def _tidy_review(data: dict[str, Any]) -> None:
    """An empty score is not a score, and a review with nothing in it is no review."""
    review = data.get("review")
    if not isinstance(review, dict):
        return
    scores = review.get("scores")
    if isinstance(scores, dict):
        for criterion in [c for c, s in scores.items() if s.get("points") is None]:
            del scores[criterion]
        if not scores:
            del review["scores"]
    for key in ("officer", "date", "cleared"):
        if review.get(key) in (None, []):
            review.pop(key, None)
    if not review:
        del data["review"]
