"""Reading an XLSX export safely: bounded before it is opened, and any failure of the
reader on a malformed workbook turned into one error that names the file.

An XLSX file is a zip archive of XML parts. A part can inflate a thousandfold — a 1 MB
file whose shared strings are 1 GiB — and the reader keeps the shared strings in memory,
so every part's declared size, the total, and how much each part inflates are checked
against limits before the workbook is opened (as the YAML loader bounds a file's size,
depth and values). The declared sizes are what the archive promises; the zip reader
stops at them and refuses a part that says less than it holds, so they bound what is
actually read. The sheet itself is then read row by row (openpyxl's read-only mode).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from hallbarhet_cli.files.yamlload import Limits

# A workbook may unpack to this many times the file size limit (16 MB → 256 MB)...
TOTAL_FACTOR: Final = 16
# ...and a part larger than SMALL_PART may inflate at most MAX_RATIO times. Spreadsheet
# XML compresses about 5 to 30 times; a zip bomb a thousand times and more.
MAX_RATIO: Final = 200
SMALL_PART: Final = 1 << 20


class WorkbookError(Exception):
    """An XLSX file that cannot or must not be read; the message says why (in English,
    for the ``unreadable`` problem)."""


def check_parts(path: Path, limits: Limits | None = None) -> None:
    """Raise :class:`WorkbookError` when a part of the workbook at ``path`` would unpack
    beyond the limits, or the archive cannot be read."""
    limits = limits or Limits()
    most = limits.max_bytes * TOTAL_FACTOR
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as err:
        raise WorkbookError(f"not an XLSX workbook ({err})") from None
    total = 0
    for part in parts:
        total += part.file_size
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > most or total > most:
            raise WorkbookError(
                f"the workbook unpacks to more than {most >> 20} MB (part {part.filename!r}); "
                "raise the limit with HALLBARHET_MAX_FILE_MB if it is genuine"
            )
        if part.file_size > SMALL_PART and ratio > MAX_RATIO:
            raise WorkbookError(
                f"the part {part.filename!r} inflates {ratio:.0f} times "
                f"({part.compress_size} to {part.file_size} bytes): a zip bomb, not a workbook"
            )


def rows_of(sheet: Any) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows as values; any failure of the reader is a :class:`WorkbookError`."""
    try:
        yield from sheet.iter_rows(values_only=True)
    except WorkbookError:
        raise
    except Exception as err:
        raise WorkbookError(_reason(err)) from None


def _reason(err: BaseException) -> str:
    detail = str(err).strip().splitlines()[0][:200] if str(err).strip() else ""
    kind = type(err).__name__
    return f"the workbook is damaged ({kind}: {detail})" if detail else f"damaged ({kind})"


def open_workbook(path: Path) -> Any:
    """The workbook at ``path`` in read-only mode, after :func:`check_parts`; any
    failure of the reader is a :class:`WorkbookError`."""
    import warnings

    check_parts(path)
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it does not read; only values matter.
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=True, data_only=True)
    except Exception as err:
        raise WorkbookError(_reason(err)) from None
