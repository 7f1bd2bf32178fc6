"""The files a batch writes, and how they get there without ever being half written.

Everything is first written into a hidden staging folder inside the output folder
(``.hallbarhet-batch-*``): the JSON Lines and the table rows as results arrive, the
tables, ``summary.json`` and the overview at the end. Only then is each file renamed into
place (a rename within a folder is atomic). An interrupted or failed run removes the
staging folder and leaves the output folder as it was.

Text that a spreadsheet would run as a formula is neutralised in CSV and XLSX; numbers
stay numbers.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final

import orjson

from hallbarhet_cli.arithmetic import round_half_up
from hallbarhet_cli.batch.interrupts import deferred
from hallbarhet_cli.batch.records import Outcome, SetInfo, Status
from hallbarhet_cli.batch.summary import Ranking
from hallbarhet_cli.files.output import writing
from hallbarhet_cli.files.printable import printable_cell
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.reporters.views import UNSCORABLE_LABEL, VERDICT_LABELS
from hallbarhet_cli.scoring.assessment import Verdict

RESULTS_CSV: Final = "results.csv"
RESULTS_XLSX: Final = "results.xlsx"
RESULTS_JSONL: Final = "results.jsonl"
JSONL_PARTS: Final = "jsonl-parts"
SUMMARY_JSON: Final = "summary.json"
OVERVIEW_HTML: Final = "overview.html"
REPORTS_DIR: Final = "reports"
_ROWS: Final = "rows.tmp.jsonl"

# What a spreadsheet reads as the start of a formula (or of a hidden one).
FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` made inert in a spreadsheet: a leading formula character gets a ``'``."""
    return "'" + text if text.startswith(FORMULA_START) else text


# -- staging ---------------------------------------------------------------------------------
class Staging:
    """A hidden folder inside ``folder`` where the outputs are written before they are
    renamed into place. Use as a context manager: leaving it by an exception (Ctrl-C
    included) removes the folder and everything in it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # The folders this run creates, so that a failed run takes them away again.
        self.created = [p for p in (folder, *folder.parents) if not p.exists()]
        with writing(folder):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                self.root = Path(tempfile.mkdtemp(prefix=".hallbarhet-batch-", dir=folder))
            except BaseException:
                self._remove_created()
                raise

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        if kind is not None:
            self._remove_created()

    def _remove_created(self) -> None:
        for folder in self.created:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty: never what someone else put there

    def path(self, name: str) -> Path:
        return self.root / name

    def commit(self, names: Sequence[str]) -> None:
        """Move the named files (and folders) into the output folder, replacing what is
        there. Ctrl-C (and any signal that stops a batch) is held back until every rename
        is done."""
        with deferred():
            for name in names:
                staged, target = self.root / name, self.folder / name
                if staged.is_dir():
                    if target.exists():
                        old = self.root / f".old-{name}"
                        target.rename(old)
                    staged.rename(target)
                else:
                    with staged.open("rb+") as handle:
                        os.fsync(handle.fileno())
                    staged.replace(target)


# -- written while the batch runs ------------------------------------------------------------
@dataclass
class Sinks:
    """The files results are appended to as they arrive, in input order: the table rows
    (ranked at the end) and ``results.jsonl``. Workers send both already encoded, or
    write a chunk's JSON lines to a part file of their own that is appended here."""

    staging: Staging
    jsonl: bool
    _rows: IO[bytes] = field(init=False)
    _jsonl: IO[bytes] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self._rows = self.staging.path(_ROWS).open("wb")
        if self.jsonl:
            self._jsonl = self.staging.path(RESULTS_JSONL).open("wb")

    def add(self, outcome: Outcome) -> None:
        if outcome.status is Status.SKIPPED:
            return
        self._rows.write(outcome.row + b"\n")
        if self._jsonl is not None and outcome.jsonl is not None:
            self._jsonl.write(outcome.jsonl + b"\n")

    def add_part(self, part: str) -> None:
        """Append a chunk's JSON lines, which a worker wrote to ``part``, and remove it."""
        path = Path(part)
        if self._jsonl is not None:
            self._jsonl.write(path.read_bytes())
        path.unlink()

    def close(self) -> None:
        self._rows.close()
        if self._jsonl is not None:
            self._jsonl.close()

    def rows(self) -> Iterator[dict[str, Any]]:
        with self.staging.path(_ROWS).open("rb") as handle:
            for line in handle:
                yield orjson.loads(line)


# -- the tables ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    key: str  # the CSV header
    label: str  # the XLSX header, in the batch's language
    read: Callable[[dict[str, Any]], Any]
    width: int = 12


def _percent(value: Any) -> float | None:
    """A percent as the tables show it: one decimal, rounded half up like every report."""
    return float(round_half_up(value, 1)) if isinstance(value, int | float) else None


def _amount(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def table_columns(
    dimensions: Sequence[str], criteria: Sequence[str], sets: dict[str, SetInfo], lang: str
) -> list[Column]:
    """The columns of ``results.csv`` and ``results.xlsx``, in the order of the brief: who
    and what, the verdict and percentages, each criterion's points, what is missing, the
    gates that fired, the rank and the funding line, and the error for inputs that could
    not be assessed."""

    def _(message: str) -> str:
        return gettext(message, lang)

    titles: dict[str, str] = {}
    for info in sets.values():
        for dimension, title in info.dimensions:
            titles.setdefault(dimension, title)

    def verdict_label(row: dict[str, Any]) -> str | None:
        verdict = row.get("verdict")
        if verdict and row.get("scorable") is False:
            return _(UNSCORABLE_LABEL)
        return _(VERDICT_LABELS[Verdict(verdict)]) if verdict else None

    columns = [
        Column("input", _(N_("Input")), lambda r: r["input"], 28),
        Column("id", _(N_("Application id")), lambda r: r.get("id"), 16),
        Column("title", _(N_("Title")), lambda r: r.get("title"), 40),
        Column("applicant", _(N_("Applicant")), lambda r: r.get("applicant"), 28),
        Column(
            "requested_sek",
            _(N_("Requested amount (SEK)")),
            lambda r: _amount(r.get("requested_sek")),
            16,
        ),
        Column("criteria_set", _(N_("Criteria set")), lambda r: r.get("criteria_set"), 22),
        Column("verdict", _(N_("Verdict (code)")), lambda r: r.get("verdict"), 12),
        Column("verdict_label", _(N_("Verdict")), verdict_label, 24),
        Column("provisional", _(N_("Provisional")), lambda r: r.get("provisional"), 11),
        Column("scorable", _(N_("Can be scored")), lambda r: r.get("scorable"), 11),
        Column(
            "overall_percent",
            _(N_("Overall (%)")),
            lambda r: _percent(r.get("overall_percent")),
            11,
        ),
    ]
    for dimension in dimensions:
        columns.append(
            Column(
                f"percent_{dimension}",
                _(N_("{dimension} (%)")).format(dimension=titles.get(dimension, dimension)),
                _dimension_reader(dimension),
                14,
            )
        )
    for criterion in criteria:
        columns.append(
            Column(
                f"points_{criterion}",
                _(N_("{criterion} (points)")).format(criterion=criterion),
                _points_reader(criterion),
                10,
            )
        )
    columns += [
        Column("missing", _(N_("Missing answers")), lambda r: "; ".join(r.get("missing", [])), 30),
        Column("fired_gates", _(N_("Fired gates")), lambda r: "; ".join(r.get("gates", [])), 20),
        Column("decision", _(N_("Decision")), lambda r: _decision(r, 0), 14),
        Column(
            "granted_sek",
            _(N_("Granted amount (SEK)")),
            lambda r: _amount(_decision(r, 1)),
            16,
        ),
        Column("round", _(N_("Call")), lambda r: _decision(r, 2), 20),
        Column("rank", _(N_("Rank")), lambda r: r.get("rank"), 8),
        Column("within_budget", _(N_("Within budget")), lambda r: r.get("within_budget"), 12),
        Column("error", _(N_("Error")), lambda r: r.get("error"), 60),
    ]
    return columns


def _decision(row: dict[str, Any], part: int) -> Any:
    """Part of the decision on record (outcome, granted SEK, round), when there is one."""
    decision = row.get("decision")
    return decision[part] if decision else None


def _dimension_reader(dimension: str) -> Callable[[dict[str, Any]], Any]:
    return lambda row: _percent(row.get("dimensions", {}).get(dimension))


def _points_reader(criterion: str) -> Callable[[dict[str, Any]], Any]:
    return lambda row: row.get("points", {}).get(criterion)


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        # A NUL byte stops many CSV readers, and escape sequences reach whoever looks at
        # the file in a terminal: control characters are shown as symbols.
        return printable_cell(neutralise(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# Control characters that XML 1.0, and so an XLSX file, cannot hold.
_NOT_IN_XML: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return _NOT_IN_XML.sub("\ufffd", printable_cell(neutralise(value))) or None
    return value


@dataclass
class TableWriter:
    """Writes the ranked rows to ``results.csv`` and/or ``results.xlsx`` in one pass."""

    staging: Staging
    columns: list[Column]
    csv: bool
    xlsx: bool
    lang: str
    timestamp: dt.datetime
    _csv_handle: IO[str] | None = None
    _writer: Any = None
    _book: Any = None
    _sheet: Any = None
    _rows: int = 0

    def __enter__(self) -> TableWriter:
        if self.csv:
            # UTF-8 with a byte-order mark, so that spreadsheet programs read å, ä and ö.
            self._csv_handle = self.staging.path(RESULTS_CSV).open(
                "w", encoding="utf-8-sig", newline=""
            )
            self._writer = csv.writer(self._csv_handle)
            self._writer.writerow([c.key for c in self.columns])
        if self.xlsx:
            self._open_book()
        return self

    def _open_book(self) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet(gettext(N_("Results"), self.lang))
        for i, column in enumerate(self.columns, 1):
            self._sheet.column_dimensions[get_column_letter(i)].width = column.width
        self._sheet.freeze_panes = "C2"
        header = []
        for column in self.columns:
            cell = WriteOnlyCell(self._sheet, value=neutralise(column.label))
            cell.font = Font(bold=True)
            header.append(cell)
        self._sheet.append(header)

    def write(self, row: dict[str, Any]) -> None:
        values = [c.read(row) for c in self.columns]
        self._rows += 1
        if self._writer is not None:
            self._writer.writerow([_csv_value(v) for v in values])
        if self._sheet is not None:
            self._sheet.append([_xlsx_value(v) for v in values])

    def __exit__(self, *exc: object) -> None:
        if self._csv_handle is not None:
            self._csv_handle.close()
        if self._book is not None and exc[0] is None:
            from openpyxl.utils import get_column_letter

            last = get_column_letter(len(self.columns))
            self._sheet.auto_filter.ref = f"A1:{last}{self._rows + 1}"
            self._book.properties.creator = "hallbarhet"
            self._book.properties.created = self.timestamp
            path = self.staging.path(RESULTS_XLSX)
            self._book.save(path)
            reproducible_zip(path, self.timestamp)


_MODIFIED: Final = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def reproducible_zip(path: Path, moment: dt.datetime) -> None:
    """Give every member of a zip file (an XLSX workbook) the same timestamp, and the
    workbook's "modified" property the batch's time, so the same round gives the same
    bytes."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = (
        max(moment.year, 1980),
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
    )
    staged = path.with_suffix(".zip.tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(staged, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            member = zipfile.ZipInfo(info.filename, date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, data)
    staged.replace(path)


def ranked_row(row: dict[str, Any], ranking: Ranking) -> dict[str, Any]:
    """``row`` with its rank and, with a budget, whether it is within it."""
    index = row["index"]
    rank = ranking.rank_of(index)
    if rank is not None:
        row["rank"] = rank
        if ranking.budget is not None:
            row["within_budget"] = ranking.within_budget(index)
            row["cumulative_sek"] = ranking.cumulative_of(index)
    return row


def write_json(path: Path, data: Any) -> None:
    path.write_text(
        json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n", encoding="utf-8"
    )
