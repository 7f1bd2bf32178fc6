"""What a batch reads: the inputs named on the command line, expanded into a lazy stream
of work items, one per application.

* an application file (``.yaml``, ``.yml`` or anything else that is not one of the
  formats below) is one item;
* a folder stands for the YAML files below it, recursively (hidden folders skipped);
* a glob (``"round/**/*.yaml"``, quoted so the shell leaves it alone) for its matches;
* a JSON Lines file (``.jsonl``, ``.ndjson``) holds one application per line;
* a CSV (``.csv``, ``.tsv``) or XLSX (``.xlsx``) export holds one application per row,
  read through a column mapping (``--map``).

Nothing is read twice into memory: lines and rows are yielded one at a time, and an
argument that matches nothing, or a file that cannot be opened, becomes an item of its
own that the worker turns into an error row.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import glob
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO, Any, Final

from hallbarhet_cli.batch.csvshape import (
    delimiter_found,
    delimiter_hint,
    found_delimiter,
    guess_delimiter,
    ragged_row,
)
from hallbarhet_cli.batch.mapping import LoadedMapping
from hallbarhet_cli.batch.rows import RowPlan, bind
from hallbarhet_cli.batch.workbook import WorkbookError, open_workbook, rows_of
from hallbarhet_cli.errors import InputError, Message, Problem, Severity, UsageError
from hallbarhet_cli.files.yamlload import Limits, iter_yaml_files
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models.validation import did_you_mean


class InputKind(StrEnum):
    APPLICATION = "application"
    JSONL = "jsonl"
    CSV = "csv"
    XLSX = "xlsx"


_SUFFIXES: Final = {
    ".jsonl": InputKind.JSONL,
    ".ndjson": InputKind.JSONL,
    ".csv": InputKind.CSV,
    ".tsv": InputKind.CSV,
    ".xlsx": InputKind.XLSX,
    ".xlsm": InputKind.XLSX,
}
TABULAR: Final = frozenset({InputKind.CSV, InputKind.XLSX})


@dataclass(frozen=True)
class InputFile:
    """A file to read; ``named`` when the user named it rather than a folder holding it."""

    path: Path
    display: str
    kind: InputKind
    named: bool


@dataclass(frozen=True)
class Unmatched:
    """An argument that is neither a file, a folder nor a glob with matches."""

    display: str


# -- work items: what a worker assesses ------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FileItem:
    index: int
    path: str
    display: str
    named: bool


@dataclass(frozen=True, slots=True)
class LineItem:
    index: int
    file: str
    base_dir: str
    line: int
    text: bytes


@dataclass(frozen=True, slots=True)
class RowItem:
    index: int
    plan: RowPlan
    number: int
    cells: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class ProblemItem:
    """An input that could not even be read; the worker reports ``problem``."""

    index: int
    input: str
    problem: Problem


Item = FileItem | LineItem | RowItem | ProblemItem


def kind_of_path(path: Path) -> InputKind:
    return _SUFFIXES.get(path.suffix.lower(), InputKind.APPLICATION)


def expand(args: Sequence[str]) -> list[InputFile | Unmatched]:
    """The files the arguments stand for, in argument order, each file once."""
    found: list[InputFile | Unmatched] = []
    seen: set[str] = set()

    def add(path: Path, display: str, named: bool) -> None:
        # The absolute path, not the resolved one: resolving costs a system call per part
        # of the path, which adds up over a round of tens of thousands of files.
        key = str(path.absolute())
        if key not in seen:
            seen.add(key)
            found.append(InputFile(path, display, kind_of_path(path), named))

    for arg in args:
        path = Path(arg)
        if path.is_dir():
            for child in iter_yaml_files(path):
                add(child, str(child), False)
        elif path.exists():
            add(path, arg, True)
        elif any(c in arg for c in "*?["):
            # glob.glob, not Path.glob: the pattern may be absolute or start with "..".
            matches = sorted(glob.glob(arg, recursive=True))  # noqa: PTH207
            if not matches:
                found.append(Unmatched(arg))
            for match in matches:
                matched = Path(match)
                if matched.is_dir():
                    for child in iter_yaml_files(matched):
                        add(child, str(child), False)
                else:
                    add(matched, match, True)
        else:
            found.append(Unmatched(arg))
    return found


@dataclass
class Round:
    """The inputs of one batch, with each export bound to the mapping, ready to stream."""

    files: list[InputFile | Unmatched]
    plans: dict[Path, RowPlan | Problem] = field(default_factory=dict)
    total: int | None = 0
    # What the user should know about how the inputs were read (a delimiter found).
    notes: list[Message] = field(default_factory=list)


def _problem(file: str, rule: str, message: Message, line: int | None = None) -> Problem:
    return Problem(file, line, None, rule, Severity.ERROR, message)


def prepare(args: Sequence[str], mapping: LoadedMapping | None) -> Round:
    """Expand the arguments, bind every export to the mapping and count the inputs (for
    the progress bar). Raises :class:`UsageError` for an export without ``--map`` and
    :class:`InputError` (located in the mapping) for columns an export lacks."""
    round_ = Round(expand(args))
    _check_something_named(round_.files)
    total = 0
    for entry in round_.files:
        if isinstance(entry, Unmatched) or entry.kind is InputKind.APPLICATION:
            total += 1
        elif entry.kind is InputKind.JSONL:
            total += _count_lines(entry.path)
        else:
            if mapping is None:
                raise UsageError(
                    [
                        _problem(
                            entry.display,
                            "no-mapping",
                            Message(
                                N_(
                                    "This is a spreadsheet export; give a column mapping with "
                                    "--map to read it."
                                )
                            ),
                        )
                    ]
                )
            plan, rows = _bind_export(entry, mapping)
            if entry.kind is InputKind.CSV and mapping.model.read.delimiter is None:
                found = found_delimiter(entry.path, mapping.model.read.encoding)
                if found is not None:
                    round_.notes.append(delimiter_found(entry.display, found))
            round_.plans[entry.path] = plan
            total += rows
    round_.total = total
    return round_


def _check_something_named(files: Sequence[InputFile | Unmatched]) -> None:
    """A missing folder, or arguments that name nothing at all, are a mistake in the
    command, not an input of the round: stop before writing an empty round. (A missing
    application file among others is an error row, so that every input is accounted
    for.)"""
    unmatched = [f for f in files if isinstance(f, Unmatched)]
    folders = [
        f
        for f in unmatched
        if not any(c in f.display for c in "*?[")
        and (f.display.endswith(("/", os.sep)) or not Path(f.display).suffix)
    ]
    wrong = folders or (unmatched if len(unmatched) == len(files) else [])
    if wrong:
        raise UsageError(
            [
                _problem(
                    f.display,
                    "no-such-file",
                    Message(N_("No such file or folder, and no file matches this pattern.")),
                )
                for f in wrong
            ]
        )


def _count_lines(path: Path) -> int:
    """Non-blank lines, counted without decoding (one item when unreadable)."""
    try:
        with path.open("rb") as handle:
            return max(1, sum(1 for line in handle if line.strip()))
    except OSError:
        return 1


# -- CSV -------------------------------------------------------------------------------------
def _encoding(name: str) -> str:
    return "utf-8-sig" if codecs.lookup(name).name == "utf-8" else name


def _open_csv(path: Path, mapping: LoadedMapping) -> tuple[IO[str], Any]:
    options = mapping.model.read
    handle = path.open(encoding=_encoding(options.encoding), newline="")
    try:
        delimiter = options.delimiter or _guess_delimiter(handle.readline())
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    return handle, csv.reader(handle, delimiter=delimiter, strict=False)


def _guess_delimiter(first_line: str) -> str:
    return guess_delimiter(first_line)


def _decode_problem(file: str, err: UnicodeDecodeError, encoding: str, row: int) -> Problem:
    return _problem(
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


def _csv_records(path: Path, mapping: LoadedMapping) -> Iterator[tuple[int, list[str]]]:
    """``(row number, cells)`` for every record; the header is at ``header_row``."""
    csv.field_size_limit(max(csv.field_size_limit(), Limits().max_bytes))
    handle, reader = _open_csv(path, mapping)
    with handle:
        yield from enumerate(reader, 1)


def _bind_export(entry: InputFile, mapping: LoadedMapping) -> tuple[RowPlan | Problem, int]:
    header_row = mapping.model.read.header_row
    export_dir = entry.path.parent
    header: Sequence[Any] | None = None
    rows = 0
    try:
        if entry.kind is InputKind.CSV:
            for number, record in _csv_records(entry.path, mapping):
                if number == header_row:
                    header = record
                elif number > header_row and any(c.strip() for c in record):
                    rows += 1
        else:
            with _workbook(entry.path) as book:
                sheet = _sheet(book, entry, mapping)
                for number, values in enumerate(rows_of(sheet), 1):
                    if number == header_row:
                        header = values
                    elif number > header_row and any(not _blank(v) for v in values):
                        rows += 1
    except UnicodeDecodeError as err:
        encoding = mapping.model.read.encoding
        return _decode_problem(entry.display, err, encoding, rows + header_row + 1), 1
    except WorkbookError as err:
        # A workbook that must not or cannot be opened (a zip bomb, a damaged part) is the
        # whole export: stop before the round starts, naming the file.
        raise UsageError([_unreadable(entry.display, err)]) from None
    except (OSError, csv.Error) as err:
        return _unreadable(entry.display, err), 1
    if header is None:
        return _problem(
            entry.display,
            "no-header",
            Message(N_("The export has no header row (row {row})."), {"row": header_row}),
        ), 1
    try:
        return bind(mapping, header, entry.display, export_dir), rows
    except InputError as err:
        hint = delimiter_hint(mapping, header, entry.display)
        if hint is None:
            raise
        raise InputError([hint, *err.problems]) from None


def _unreadable(file: str, err: BaseException) -> Problem:
    reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
    return _problem(
        file, "unreadable", Message(N_("The file cannot be read: {reason}."), {"reason": reason})
    )


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# -- XLSX ------------------------------------------------------------------------------------
_XlsxError = WorkbookError


@contextlib.contextmanager
def _workbook(path: Path) -> Iterator[Any]:
    book = open_workbook(path)
    try:
        yield book
    finally:
        book.close()


def _sheet(book: Any, entry: InputFile, mapping: LoadedMapping) -> Any:
    name = mapping.model.read.sheet
    if name is None:
        return book.worksheets[0]
    if name not in book.sheetnames:
        raise InputError(
            [
                mapping.document.problem(
                    ("read", "sheet"),
                    "unknown-sheet",
                    Message(
                        N_("The workbook {file} has no sheet {sheet!r}."),
                        {"file": entry.display, "sheet": name},
                        did_you_mean(name, book.sheetnames),
                    ),
                )
            ]
        )
    return book[name]


# -- streaming items -------------------------------------------------------------------------
def iter_items(round_: Round, mapping: LoadedMapping | None) -> Iterator[Item]:
    """Every input of the round as a work item, in order, read lazily."""
    index = 0
    for entry in round_.files:
        if isinstance(entry, Unmatched):
            problem = _problem(
                entry.display,
                "no-such-file",
                Message(N_("No such file or folder, and no file matches this pattern.")),
            )
            yield ProblemItem(index, entry.display, problem)
            index += 1
            continue
        if entry.kind is InputKind.APPLICATION:
            yield FileItem(index, str(entry.path), entry.display, entry.named)
            index += 1
            continue
        if entry.kind is InputKind.JSONL:
            source: Iterator[Item] = jsonl_items(entry, index)
        else:
            plan = round_.plans[entry.path]
            if isinstance(plan, Problem):
                yield ProblemItem(index, entry.display, plan)
                index += 1
                continue
            assert mapping is not None
            source = _row_items(entry, plan, mapping, index)
        for item in source:
            yield item
            index += 1


def jsonl_items(entry: InputFile, start: int) -> Iterator[Item]:
    """The lines of a JSON Lines file as work items, numbered from ``start``."""
    limit = Limits().max_bytes
    base_dir = str(entry.path.parent)
    index = start
    try:
        handle = entry.path.open("rb")
    except OSError as err:
        yield ProblemItem(index, entry.display, _unreadable(entry.display, err))
        return
    with handle:
        for line_number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            label = f"{entry.display}:{line_number}"
            if len(raw) > limit:
                problem = _problem(
                    entry.display,
                    "line-too-long",
                    Message(
                        N_(
                            "The line is {size} MB, more than the limit of {limit} MB. Raise "
                            "the limit with HALLBARHET_MAX_FILE_MB."
                        ),
                        {"size": round(len(raw) / 2**20, 1), "limit": limit >> 20},
                    ),
                    line_number,
                )
                yield ProblemItem(index, label, problem)
            else:
                if line_number == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                yield LineItem(index, entry.display, base_dir, line_number, raw)
            index += 1


def _row_items(
    entry: InputFile, plan: RowPlan, mapping: LoadedMapping, start: int
) -> Iterator[Item]:
    header_row = mapping.model.read.header_row
    index = start
    number = header_row
    try:
        if entry.kind is InputKind.CSV:
            width = 0
            for number, record in _csv_records(entry.path, mapping):
                if number == header_row:
                    width = len(record)
                elif number > header_row and any(c.strip() for c in record):
                    if len(record) != width:
                        problem = ragged_row(entry.display, number, len(record), width)
                        yield ProblemItem(index, f"{entry.display}:{number}", problem)
                    else:
                        yield RowItem(index, plan, number, tuple(record))
                    index += 1
        else:
            with _workbook(entry.path) as book:
                sheet = _sheet(book, entry, mapping)
                for number, values in enumerate(rows_of(sheet), 1):
                    if number > header_row and any(not _blank(v) for v in values):
                        yield RowItem(index, plan, number, tuple(values))
                        index += 1
    except UnicodeDecodeError as err:
        label = f"{entry.display}:{number + 1}"
        problem = _decode_problem(entry.display, err, mapping.model.read.encoding, number + 1)
        yield ProblemItem(index, label, problem)
    except (OSError, csv.Error, _XlsxError) as err:
        yield ProblemItem(index, f"{entry.display}:{number + 1}", _unreadable(entry.display, err))
