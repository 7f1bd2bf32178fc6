"""Indicator data in other shapes: a table saved from Kolada or SCB's statistical
database, wide with one column per year, semicolons, Swedish decimal commas and Windows
encoding, or saved as an Excel workbook (``.xlsx``; ``read: {sheet: ...}`` picks the
sheet). A mapping file (``kind: indicator-mapping``) says which column holds what, the
same way a batch column mapping (``kind: mapping``) does for applications::

    kind: indicator-mapping
    read: {delimiter: ";", encoding: cp1252}     # as a batch mapping's `read`
    indicator: {column: Nyckeltal, values: {"Förvärvsarbetande 20-64 år (%)": forvarvsfrekvens}}
    area: Kommun                                 # a column; or {value: Kronobergs län}
    periods: "[0-9]{4}"                          # wide: every column whose header is a year
    breakdowns: {sex: {column: Kön, values: {Kvinnor: kvinnor, Män: män, Totalt: ""}}}

A long table names ``period`` and ``value`` columns instead of ``periods``. Every value
read becomes one tidy row and is checked as one (see :mod:`.data`); a problem points at
the export's own row and column.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from hallbarhet_cli.batch.csvshape import guess_delimiter
from hallbarhet_cli.batch.mapping import ReadOptions
from hallbarhet_cli.batch.rows import as_text
from hallbarhet_cli.errors import InputError, Message, Problem, Severity
from hallbarhet_cli.files.yamlload import DataPath, Document, Limits, LoadError, load_file
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.indicators.model import Breakdown
from hallbarhet_cli.models.base import Model
from hallbarhet_cli.models.text import Text
from hallbarhet_cli.models.validation import did_you_mean, validate

ColumnName = Annotated[str, StringConstraints(min_length=1)]


class Source(Model):
    """Where a tidy column comes from: an export ``column`` (its cells translated by
    ``values`` when listed) or a fixed ``value``."""

    column: ColumnName | None = None
    value: str | None = None
    values: dict[str, str] = Field(default_factory=dict)


Spec = ColumnName | Source


class IndicatorMapping(Model):
    """A mapping file (``kind: indicator-mapping``)."""

    kind: Literal["indicator-mapping"]
    title: Text | None = None
    read: ReadOptions = Field(default_factory=ReadOptions)
    indicator: Spec
    area: Spec
    period: Spec | None = None
    value: Spec | None = None
    periods: Annotated[str, StringConstraints(min_length=1)] | None = None
    breakdowns: dict[Breakdown, Spec] = Field(default_factory=dict)
    status: Spec | None = None
    note: Spec | None = None


@dataclass(frozen=True)
class LoadedIndicatorMapping:
    model: IndicatorMapping
    periods: re.Pattern[str] | None

    def specs(self) -> dict[str, Spec]:
        """Every tidy column the mapping fills from a column or a fixed value."""
        m = self.model
        found: dict[str, Spec | None] = {
            "indicator": m.indicator,
            "area": m.area,
            "period": m.period,
            "value": m.value,
            "status": m.status,
            "note": m.note,
        }
        found.update({str(name): spec for name, spec in m.breakdowns.items()})
        return {name: spec for name, spec in found.items() if spec is not None}

    def records(
        self, path: Path, display: str
    ) -> Iterator[tuple[int, dict[str, str], dict[str, int]]]:
        """``(row, tidy cells, where each was read)`` for every value in the export;
        raises :class:`InputError` when the export cannot be read or lacks a column."""
        options = self.model.read
        header_row = options.header_row
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            rows = _workbook_rows(path, display, options.sheet)
        else:
            rows = _csv_rows(path, display, options)
        header = next((cells for number, cells in rows if number == header_row), None)
        if header is None:
            raise InputError(
                [_problem(display, None, None, Message(N_("The export has no header row.")))]
            )
        names = [cell.strip() for cell in header]
        index = {name: i for i, name in enumerate(names)}
        missing = [
            spec.column if isinstance(spec, Source) else spec
            for spec in self.specs().values()
            if (spec.column if isinstance(spec, Source) else spec) not in index
            and not (isinstance(spec, Source) and spec.column is None)
        ]
        if missing:
            raise InputError(
                [
                    _problem(
                        display,
                        header_row,
                        None,
                        Message(N_("The export has no column {name!r}."), {"name": name}),
                    )
                    for name in missing
                ]
            )
        period_columns = (
            [(i, name) for i, name in enumerate(names) if self.periods.fullmatch(name)]
            if self.periods is not None
            else []
        )
        for number, cells in rows:
            if number <= header_row or not any(cell.strip() for cell in cells):
                continue
            base: dict[str, str] = {}
            where: dict[str, int] = {}
            for name, spec in self.specs().items():
                base[name], column = _read(spec, cells, index)
                if column is not None:
                    where[name] = column + 1
            if self.periods is None:
                yield number, base, where
                continue
            for i, period in period_columns:
                value = cells[i].strip() if i < len(cells) else ""
                yield (
                    number,
                    {**base, "period": period, "value": value},
                    {
                        **where,
                        "period": i + 1,
                        "value": i + 1,
                    },
                )


def _csv_rows(path: Path, display: str, options: ReadOptions) -> list[tuple[int, list[str]]]:
    csv.field_size_limit(max(csv.field_size_limit(), Limits().max_bytes))
    codec = codecs.lookup(options.encoding).name
    encoding = "utf-8-sig" if codec == "utf-8" else options.encoding
    try:
        with path.open(encoding=encoding, newline="") as handle:
            first = handle.readline()
            handle.seek(0)
            reader = csv.reader(handle, delimiter=options.delimiter or guess_delimiter(first))
            return list(enumerate(reader, 1))
    except (UnicodeDecodeError, csv.Error) as err:
        message = _unreadable(err, options.encoding)
        raise InputError([_problem(display, None, None, message)]) from None


def _workbook_rows(path: Path, display: str, sheet: str | None) -> list[tuple[int, list[str]]]:
    """The cells of a workbook's sheet (the first unless named) as text, as a CSV would
    hold them: numbers without a spurious ``.0``, dates in ISO form."""
    from hallbarhet_cli.batch.formats.xlsxexport import opened_workbook as workbook
    from hallbarhet_cli.batch.workbook import WorkbookError

    try:
        with workbook(path) as book:
            if sheet is not None and sheet not in book.sheetnames:
                message = Message(
                    N_("The workbook has no sheet {sheet!r}."),
                    {"sheet": sheet},
                    did_you_mean(sheet, book.sheetnames),
                )
                raise InputError([_problem(display, None, None, message)])
            cells = book[sheet] if sheet is not None else book.worksheets[0]
            return [
                (number, ["" if value is None else str(as_text(value)) for value in row])
                for number, row in enumerate(cells.iter_rows(values_only=True), 1)
            ]
    except WorkbookError as err:
        message = Message(N_("The workbook cannot be read: {reason}."), {"reason": str(err)})
        raise InputError([_problem(display, None, None, message)]) from None


def _read(spec: Spec, cells: list[str], index: dict[str, int]) -> tuple[str, int | None]:
    if isinstance(spec, str):
        i = index[spec]
        return (cells[i].strip() if i < len(cells) else ""), i
    if spec.column is None:
        return spec.value or "", None
    i = index[spec.column]
    text = cells[i].strip() if i < len(cells) else ""
    return spec.values.get(text, text), i


def _unreadable(err: Exception, encoding: str) -> Message:
    if isinstance(err, UnicodeDecodeError):
        return Message(
            N_(
                "The export is not valid {encoding} text (byte 0x{byte:02x}). If it was saved "
                "by Excel on Windows, set `read: {{encoding: cp1252}}` in the mapping."
            ),
            {"encoding": encoding, "byte": err.object[err.start]},
        )
    return Message(N_("The file cannot be read as CSV: {reason}."), {"reason": str(err)})


def _problem(file: str, line: int | None, column: int | None, message: Message) -> Problem:
    return Problem(file, line, column, "indicator-mapping", Severity.ERROR, message)


def load_indicator_mapping(path: Path) -> LoadedIndicatorMapping:
    """Load and check a mapping file; raise :class:`InputError` with located problems."""
    try:
        document = load_file(path, display=str(path))
    except LoadError as err:
        raise InputError([err.problem]) from None
    data = document.data
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind != "indicator-mapping":
        raise InputError(
            [
                document.problem(
                    ("kind",) if kind else (),
                    "indicator-mapping",
                    Message(
                        N_("This is not an indicator mapping (its kind is {kind!r})."),
                        {"kind": kind},
                    ),
                )
            ]
        )
    model, problems = validate(IndicatorMapping, document)
    if model is None:
        raise InputError(problems)
    problems.extend(_check(model, document))
    pattern = None
    if model.periods is not None:
        try:
            pattern = re.compile(model.periods)
        except re.error as err:
            problems.append(
                _at(
                    document,
                    ("periods",),
                    Message(N_("Not a valid pattern: {reason}."), {"reason": str(err)}),
                )
            )
    if problems:
        raise InputError(problems)
    return LoadedIndicatorMapping(model, pattern)


def _at(document: Document, path: DataPath, message: Message) -> Problem:
    return document.problem(path, "indicator-mapping", message)


def _check(model: IndicatorMapping, document: Document) -> list[Problem]:
    problems = []
    for name in ("indicator", "area", "period", "value", "status", "note"):
        spec = getattr(model, name)
        if isinstance(spec, Source) and (spec.column is None) == (spec.value is None):
            problems.append(
                _at(document, (name,), Message(N_("Give either `column` or `value`, not both.")))
            )
    for name, spec in model.breakdowns.items():
        if isinstance(spec, Source) and (spec.column is None) == (spec.value is None):
            problems.append(
                _at(
                    document,
                    ("breakdowns", name),
                    Message(N_("Give either `column` or `value`, not both.")),
                )
            )
    wide = model.periods is not None
    if wide == (model.period is not None or model.value is not None) or (
        not wide and (model.period is None or model.value is None)
    ):
        problems.append(
            _at(
                document,
                (),
                Message(N_("Give either `periods` (a wide table) or both `period` and `value`.")),
            )
        )
    try:
        codecs.lookup(model.read.encoding)
    except LookupError:
        problems.append(
            _at(
                document,
                ("read", "encoding"),
                Message(
                    N_("Unknown text encoding {encoding!r}."), {"encoding": model.read.encoding}
                ),
            )
        )
    return problems
