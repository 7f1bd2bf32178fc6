"""The head of a spreadsheet export: its column headers and its first rows, read by the
rules the batch reads it with, for a starter mapping and for the hint of a batch run
without ``--map``.

A CSV export is read as UTF-8 (with or without a byte-order mark), or as cp1252 when it
is not valid UTF-8 (what Excel on Windows writes); its delimiter is the one the batch
finds in the header line. An XLSX export is read from its first sheet, after the same
checks of its parts as in a batch. The headers are the ones a mapping names: stripped,
in NFC, without a byte-order mark.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Final

from hallbarhet_cli.batch.csvshape import guess_delimiter
from hallbarhet_cli.batch.items import InputKind
from hallbarhet_cli.batch.rows import header_names
from hallbarhet_cli.batch.workbook import WorkbookError, open_workbook, rows_of
from hallbarhet_cli.files.yamlload import Limits

# The encodings tried, in order: what the batch reads by default, then Excel's on Windows.
ENCODINGS: Final = ("utf-8", "cp1252")
# How many rows below the header are kept to see what a column holds.
SAMPLE_ROWS: Final = 2000


class ExportUnreadable(Exception):
    """The export cannot be read; the message says why (in English, as ``unreadable``)."""


@dataclass(frozen=True)
class ExportHead:
    """The headers of an export and how they were read."""

    kind: InputKind
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    delimiter: str | None = None
    encoding: str | None = None
    sheet: str | None = None

    def values_of(self, column: int, most: int = 40) -> list[str]:
        """The distinct non-empty values of ``column`` in the rows read, in order of first
        appearance, at most ``most``."""
        seen: dict[str, None] = {}
        for row in self.rows:
            if column < len(row) and row[column] is not None:
                text = str(row[column]).strip()
                if text:
                    seen.setdefault(text, None)
                    if len(seen) >= most:
                        break
        return list(seen)


def read_head(path: Path, kind: InputKind, sample: int = SAMPLE_ROWS) -> ExportHead:
    """The head of the CSV or XLSX export at ``path``; raise :class:`ExportUnreadable`."""
    if kind is InputKind.XLSX:
        return _xlsx_head(path, sample)
    csv.field_size_limit(max(csv.field_size_limit(), Limits().max_bytes))
    for encoding in ENCODINGS:
        name = "utf-8-sig" if encoding == "utf-8" else encoding
        try:
            with path.open(encoding=name, newline="") as handle:
                delimiter = guess_delimiter(handle.readline())
                handle.seek(0)
                reader = csv.reader(handle, delimiter=delimiter, strict=False)
                header = next(reader, None)
                rows = tuple(tuple(r) for r in islice(reader, sample))
        except UnicodeDecodeError:
            continue
        except (OSError, csv.Error) as err:
            raise ExportUnreadable(getattr(err, "strerror", None) or str(err)) from None
        if header is None:
            raise ExportUnreadable("the export is empty")
        return ExportHead(kind, tuple(header_names(header)), rows, delimiter, encoding)
    raise ExportUnreadable("the export is neither UTF-8 nor cp1252 text")


def _xlsx_head(path: Path, sample: int) -> ExportHead:
    try:
        book = open_workbook(path)
    except WorkbookError as err:
        raise ExportUnreadable(str(err)) from None
    except OSError as err:
        raise ExportUnreadable(err.strerror or str(err)) from None
    try:
        sheet = book.worksheets[0]
        records = rows_of(sheet)
        header = next(records, None)
        rows = tuple(islice(records, sample))
    except WorkbookError as err:
        raise ExportUnreadable(str(err)) from None
    finally:
        book.close()
    if header is None:
        raise ExportUnreadable("the first sheet is empty")
    return ExportHead(InputKind.XLSX, tuple(header_names(header)), rows, sheet=sheet.title)
