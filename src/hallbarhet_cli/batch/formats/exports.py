"""Spreadsheet exports, one application per row, read through a column mapping (``--map``).

Before the round, the header row is bound to the mapping and the rows are counted; during
it, each non-blank row below the header becomes an item. CSV and XLSX differ only in how
their rows are read (:class:`Export` subclasses), so both behave alike on bad input.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from typing import Any

from hallbarhet_cli.batch.csvshape import delimiter_hint
from hallbarhet_cli.batch.items import (
    InputFile,
    Item,
    Prepared,
    ProblemItem,
    RowItem,
    input_problem,
    unreadable,
)
from hallbarhet_cli.batch.mapping import LoadedMapping
from hallbarhet_cli.batch.rows import RowPlan, bind
from hallbarhet_cli.batch.workbook import WorkbookError
from hallbarhet_cli.errors import InputError, Message, Problem, UsageError
from hallbarhet_cli.i18n import N_


class Export:
    """What CSV and XLSX exports share; a subclass says how the rows are read."""

    needs_mapping = True

    def records(self, entry: InputFile, mapping: LoadedMapping) -> Iterator[tuple[int, Any]]:
        """``(row number, cells)`` of every row, from 1; the header is one of them."""
        raise NotImplementedError

    def misshapen(self, entry: InputFile, number: int, cells: Any, width: int) -> Problem | None:
        """Why a row does not fit the header row of ``width`` cells, if it does not."""
        return None

    def notes(self, entry: InputFile, mapping: LoadedMapping) -> tuple[Message, ...]:
        return ()

    def prepare(self, entry: InputFile, mapping: LoadedMapping | None) -> Prepared:
        assert mapping is not None
        plan, rows = self._bind(entry, mapping)
        return Prepared(rows, plan, self.notes(entry, mapping))

    def _bind(self, entry: InputFile, mapping: LoadedMapping) -> tuple[RowPlan | Problem, int]:
        header_row = mapping.model.read.header_row
        header: Sequence[Any] | None = None
        rows = 0
        try:
            for number, cells in self.records(entry, mapping):
                if number == header_row:
                    header = cells
                elif number > header_row and not _blank_row(cells):
                    rows += 1
        except UnicodeDecodeError as err:
            encoding = mapping.model.read.encoding
            return _decode_problem(entry.display, err, encoding, rows + header_row + 1), 1
        except WorkbookError as err:
            # A workbook that must not or cannot be opened (a zip bomb, a damaged part) is
            # the whole export: stop before the round starts, naming the file.
            raise UsageError([unreadable(entry.display, err)]) from None
        except (OSError, csv.Error) as err:
            return unreadable(entry.display, err), 1
        if header is None:
            return input_problem(
                entry.display,
                "no-header",
                Message(N_("The export has no header row (row {row})."), {"row": header_row}),
            ), 1
        try:
            return bind(mapping, header, entry.display, entry.path.parent), rows
        except InputError as err:
            hint = delimiter_hint(mapping, header, entry.display)
            if hint is None:
                raise
            raise InputError([hint, *err.problems]) from None

    def items(
        self, entry: InputFile, prepared: Prepared, mapping: LoadedMapping | None, start: int
    ) -> Iterator[Item]:
        plan = prepared.plan
        if isinstance(plan, Problem):
            yield ProblemItem(start, entry.display, plan)
            return
        assert mapping is not None and plan is not None
        header_row = mapping.model.read.header_row
        index = start
        number = header_row
        width = 0
        try:
            for number, cells in self.records(entry, mapping):
                if number == header_row:
                    width = len(cells)
                elif number > header_row and not _blank_row(cells):
                    problem = self.misshapen(entry, number, cells, width)
                    if problem is not None:
                        yield ProblemItem(index, f"{entry.display}:{number}", problem)
                    else:
                        yield RowItem(index, plan, number, tuple(cells))
                    index += 1
        except UnicodeDecodeError as err:
            label = f"{entry.display}:{number + 1}"
            problem = _decode_problem(entry.display, err, mapping.model.read.encoding, number + 1)
            yield ProblemItem(index, label, problem)
        except (OSError, csv.Error, WorkbookError) as err:
            label = f"{entry.display}:{number + 1}"
            yield ProblemItem(index, label, unreadable(entry.display, err))


def _blank_row(cells: Sequence[Any]) -> bool:
    return all(_blank(c) for c in cells)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decode_problem(file: str, err: UnicodeDecodeError, encoding: str, row: int) -> Problem:
    return input_problem(
        file,
        "encoding",
        Message(
            N_(
                "The export is not valid {encoding} text (byte 0x{byte:02x} near row {row}). If "
                "it was saved by Excel on Windows, set `read: {{encoding: cp1252}}` in the "
                "mapping."
            ),
            {"encoding": encoding, "byte": err.object[err.start], "row": row},
        ),
    )
