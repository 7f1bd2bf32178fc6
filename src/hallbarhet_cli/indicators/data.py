"""Indicator data: a tidy CSV with one value per row.

Columns: ``indicator``, ``period``, ``area`` and ``value`` (required); ``status``
(``final``, ``preliminary`` or ``revised``) and ``note`` (optional); and any of the
breakdown columns ``sex``, ``age``, ``origin``, ``season`` and ``month``. Comma, semicolon
or tab separated (guessed from the header), UTF-8 (a byte-order mark is fine). Numbers may
use a decimal comma and spaces between thousands, as Swedish exports do.

Every row is accounted for: a row for an unknown indicator, a number that cannot be read,
a second value for the same indicator, period, area and breakdown, or a period that does
not fit the indicator's frequency is an error at ``file:row:col``. An empty value cell is
a value not yet reported (a template to fill in): it counts as missing, never as zero.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from hallbarhet_cli.batch.csvshape import guess_delimiter
from hallbarhet_cli.batch.rows import as_number
from hallbarhet_cli.errors import ExitCode, InputError, Message, Problem, Severity, unique
from hallbarhet_cli.files.yamlload import Limits
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.indicators.library import ResolvedIndicatorSet
from hallbarhet_cli.indicators.mapping import LoadedIndicatorMapping
from hallbarhet_cli.indicators.model import BREAKDOWNS
from hallbarhet_cli.indicators.periods import EXAMPLES, FREQUENCY_LABELS, Period, parse_period
from hallbarhet_cli.models.validation import did_you_mean

REQUIRED: Final = ("indicator", "period", "area", "value")
OPTIONAL: Final = ("status", "note")
COLUMNS: Final = (*REQUIRED, *BREAKDOWNS, *OPTIONAL)
STATUSES: Final = ("final", "preliminary", "revised")

Key = tuple[str, int, str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class Observation:
    """One row of indicator data. ``value`` is ``None`` when the cell is empty."""

    indicator: str
    period: Period
    area: str
    breakdown: tuple[tuple[str, str], ...]
    value: float | None
    status: str
    note: str
    file: str
    row: int


class DataError(InputError):
    """Indicator data that does not hold up: findings in the data (exit code 1), as
    ``hallbarhet validate`` reports findings in a file."""

    exit_code = ExitCode.FINDINGS


def _error(file: str, row: int, column: int | None, rule: str, message: Message) -> Problem:
    return Problem(file, row, column, rule, Severity.ERROR, message)


def read_rows(path: Path, display: str) -> list[tuple[int, list[str]]]:
    """The file's records as ``(row number, cells)``; the header is row 1."""
    csv.field_size_limit(max(csv.field_size_limit(), Limits().max_bytes))
    with path.open("rb") as probe:
        if b"\x00" in probe.read(8192):
            message = Message(N_("This is a binary file, not a CSV text file."))
            raise InputError([_error(display, 1, None, "binary-file", message)])
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            delimiter = guess_delimiter(handle.readline())
            handle.seek(0)
            return list(enumerate(csv.reader(handle, delimiter=delimiter, strict=False), 1))
    except UnicodeDecodeError as err:
        message = Message(
            N_(
                "The file is not valid UTF-8 (byte 0x{byte:02x}). Save it as CSV UTF-8, or "
                "in a spreadsheet program choose UTF-8 when saving."
            ),
            {"byte": err.object[err.start]},
        )
        raise InputError([_error(display, 1, None, "encoding", message)]) from None
    except csv.Error as err:
        message = Message(N_("The file cannot be read as CSV: {reason}."), {"reason": str(err)})
        raise InputError([_error(display, 1, None, "csv", message)]) from None


def read_data(
    paths: Iterable[tuple[Path, str]],
    indicators: ResolvedIndicatorSet,
    mapping: LoadedIndicatorMapping | None = None,
) -> list[Observation]:
    """Read and check every data file against ``indicators`` (through ``mapping`` when the
    files are exports of another shape); raise :class:`DataError` with every problem found
    (all files, all rows) when there is any."""
    problems: list[Problem] = []
    observations: list[Observation] = []
    seen: dict[Key, Observation] = {}
    for path, display in paths:
        if mapping is not None:
            reader = _FileReader(display, indicators, seen)
            try:
                for number, cells, where in mapping.records(path, display):
                    observation = reader.record(number, cells, where)
                    if observation is not None:
                        observations.append(observation)
            except InputError as err:
                problems.extend(err.problems)
            except OSError as err:
                problems.append(_unreadable(display, err))
            problems.extend(reader.problems)
            continue
        try:
            rows = read_rows(path, display)
        except InputError as err:
            problems.extend(err.problems)
            continue
        except OSError as err:
            problems.append(_unreadable(display, err))
            continue
        reader = _FileReader(display, indicators, seen)
        observations.extend(reader.read(rows))
        problems.extend(reader.problems)
    if problems:
        raise DataError(unique(problems))
    return observations


def _unreadable(display: str, err: OSError) -> Problem:
    message = Message(
        N_("The file cannot be read: {reason}."), {"reason": err.strerror or str(err)}
    )
    return Problem(display, None, None, "unreadable", Severity.ERROR, message)


class _FileReader:
    """Reads the records of one file, collecting problems rather than stopping."""

    def __init__(
        self, file: str, indicators: ResolvedIndicatorSet, seen: dict[Key, Observation]
    ) -> None:
        self.file = file
        self.indicators = indicators
        self.seen = seen
        self.problems: list[Problem] = []
        self.columns: dict[str, int] = {}
        # Where each tidy column of the record being read stands in the file (1-based).
        self.where: dict[str, int] = {}

    def fail(self, row: int, column: str | None, rule: str, message: Message) -> None:
        at = self.where.get(column) if column is not None else None
        self.problems.append(_error(self.file, row, at, rule, message))

    def read(self, rows: list[tuple[int, list[str]]]) -> list[Observation]:
        if not rows or not any(cell.strip() for cell in rows[0][1]):
            self.fail(1, None, "empty-file", Message(N_("The file is empty.")))
            return []
        if not self.header(rows[0][1]):
            return []
        found = []
        for number, cells in rows[1:]:
            if not any(cell.strip() for cell in cells):
                continue  # a blank line holds no value to account for
            observation = self.row(number, cells)
            if observation is not None:
                found.append(observation)
        return found

    def header(self, names: list[str]) -> bool:
        ok = True
        for i, raw in enumerate(names):
            name = raw.strip().casefold()
            if name in self.columns:
                self.problems.append(
                    _error(
                        self.file,
                        1,
                        i + 1,
                        "duplicate-column",
                        Message(N_("The column {name!r} appears twice."), {"name": raw}),
                    )
                )
                ok = False
            elif name not in COLUMNS:
                self.problems.append(
                    _error(
                        self.file,
                        1,
                        i + 1,
                        "unknown-data-column",
                        Message(
                            N_("Unknown column {name!r}."),
                            {"name": raw},
                            did_you_mean(name, COLUMNS),
                        ),
                    )
                )
                ok = False
            else:
                self.columns[name] = i
        for name in REQUIRED:
            if name not in self.columns:
                self.problems.append(
                    _error(
                        self.file,
                        1,
                        None,
                        "missing-column",
                        Message(N_("The required column {name!r} is missing."), {"name": name}),
                    )
                )
                ok = False
        return ok

    def row(self, number: int, cells: list[str]) -> Observation | None:
        """One row of a tidy file."""
        if len(cells) > len(self.columns):
            message = Message(
                N_("The row has {count} cells but the header names {columns} columns."),
                {"count": len(cells), "columns": len(self.columns)},
            )
            self.fail(number, None, "row-length", message)
            return None
        record = {
            name: cells[i].strip() if i < len(cells) else "" for name, i in self.columns.items()
        }
        return self.record(number, record, {name: i + 1 for name, i in self.columns.items()})

    def record(
        self, number: int, cells: dict[str, str], where: dict[str, int]
    ) -> Observation | None:
        """One value in tidy form: ``cells`` by tidy column name, ``where`` the column each
        was read from (so a problem points into the file as it is)."""
        self.where = where

        def cell(name: str) -> str:
            return cells.get(name, "")

        before = len(self.problems)
        indicator_id = cell("indicator")
        indicator = self.indicators.indicator_map.get(indicator_id)
        if indicator is None:
            self.fail(
                number,
                "indicator",
                "unknown-indicator",
                Message(
                    N_("There is no indicator {id!r} in the indicator set {set!r}."),
                    {"id": indicator_id, "set": self.indicators.id},
                    did_you_mean(indicator_id, self.indicators.indicator_map),
                ),
            )
        period = None
        if indicator is not None:
            period = parse_period(cell("period"), indicator.frequency)
            if period is None:
                self.fail(
                    number,
                    "period",
                    "period",
                    Message(
                        N_(
                            "{period!r} does not fit the indicator's frequency ({frequency}); "
                            "write it like {example}."
                        ),
                        {
                            "period": cell("period"),
                            "frequency": _label(indicator.frequency),
                            "example": EXAMPLES[indicator.frequency],
                        },
                    ),
                )
        area = cell("area")
        if not area:
            self.fail(number, "area", "missing-area", Message(N_("The area is empty.")))
        breakdown = []
        for name in BREAKDOWNS:
            text = cell(name)
            if not text:
                continue
            breakdown.append((name, text))
            if indicator is not None and name not in indicator.breakdowns:
                self.fail(
                    number,
                    name,
                    "breakdown",
                    Message(
                        N_("The indicator {id!r} is not broken down by {breakdown!r}."),
                        {"id": indicator.id, "breakdown": name},
                    ),
                )
        value = self.value(number, cell("value"))
        status = cell("status").casefold()
        if status and status not in STATUSES:
            self.fail(
                number,
                "status",
                "status",
                Message(
                    N_("Unknown status {status!r}; use final, preliminary or revised."),
                    {"status": cell("status")},
                    did_you_mean(status, STATUSES),
                ),
            )
        if len(self.problems) > before or indicator is None or period is None:
            return None
        observation = Observation(
            indicator.id,
            period,
            area,
            tuple(breakdown),
            value,
            status,
            cell("note"),
            self.file,
            number,
        )
        key: Key = (indicator.id, period.ordinal, area, observation.breakdown)
        first = self.seen.get(key)
        if first is not None:
            self.fail(
                number,
                "indicator",
                "duplicate-row",
                Message(
                    N_(
                        "A second value for {id!r}, {period}, {area}: the first is at {file}:{row}."
                    ),
                    {
                        "id": indicator.id,
                        "period": period.text,
                        "area": area,
                        "file": first.file,
                        "row": first.row,
                    },
                ),
            )
            return None
        self.seen[key] = observation
        return observation

    def value(self, number: int, text: str) -> float | None:
        if not text:
            return None
        parsed = as_number(text)
        if isinstance(parsed, bool) or not isinstance(parsed, int | float):
            self.fail(
                number,
                "value",
                "value",
                Message(N_("{text!r} is not a number."), {"text": text}),
            )
            return None
        if abs(parsed) > 1e15:
            self.fail(
                number,
                "value",
                "value",
                Message(N_("{text!r} is too large to be a plausible value."), {"text": text}),
            )
            return None
        return float(parsed)


def _label(frequency: str) -> Message:
    return Message(FREQUENCY_LABELS[frequency])
