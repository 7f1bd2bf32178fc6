"""The shape of a CSV export: which delimiter separates its cells, and rows that do not
have as many cells as the header.

A semicolon-separated export (what Excel writes where the decimal sign is a comma, as in
Sweden) read with ``,`` has one column, and every column the mapping names is missing;
the hint here says which delimiter the header row does use. A row with more or fewer
cells than the header has lost or gained a cell somewhere (an unquoted delimiter in a
text, a cell cut off): its values cannot be trusted to be in their columns, so it is an
error row rather than an assessment of shifted answers.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from hallbarhet_cli.batch.mapping import LoadedMapping
from hallbarhet_cli.errors import Message, Problem, Severity
from hallbarhet_cli.i18n import N_

DELIMITERS: Final = (",", ";", "\t", "|")
_NAMES: Final = {",": "','", ";": "';'", "\t": "tab", "|": "'|'"}


def guess_delimiter(first_line: str) -> str:
    """The most frequent of ``,``, ``;``, tab and ``|`` in the header line (``,`` on a
    tie or when there is none)."""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def delimiter_name(delimiter: str) -> str:
    return _NAMES.get(delimiter, repr(delimiter))


def found_delimiter(path: Path, encoding: str) -> str | None:
    """The delimiter the header line of the CSV file at ``path`` suggests, or ``None``
    when the file cannot be read (that is reported where it is read)."""
    name = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
    try:
        with path.open(encoding=name, newline="") as handle:
            return guess_delimiter(handle.readline())
    except (OSError, UnicodeDecodeError):
        return None


def delimiter_found(file: str, delimiter: str) -> Message:
    return Message(
        N_(
            "{file}: the cells are separated by {delimiter} (found in the header row; set "
            "`read: {{delimiter: ...}}` in the mapping to choose)."
        ),
        {"file": file, "delimiter": delimiter_name(delimiter)},
    )


def delimiter_hint(mapping: LoadedMapping, header: Sequence[Any], file: str) -> Problem | None:
    """When the header row came out as one cell that holds another delimiter, the problem
    that says so (placed at the mapping's ``read.delimiter``)."""
    used = mapping.model.read.delimiter
    if used is None or len(header) != 1 or not isinstance(header[0], str):
        return None
    counts = {d: header[0].count(d) for d in DELIMITERS if d != used}
    best = max(counts, key=lambda d: counts[d])
    if not counts[best]:
        return None
    return mapping.document.problem(
        ("read", "delimiter"),
        "delimiter",
        Message(
            N_(
                "The header row of {file} is one column with {delimiter} in it: the export "
                "looks separated by {delimiter}, not {used}. Set `read: {{delimiter: "
                "{suggested}}}` in the mapping, or leave the delimiter out to have it found."
            ),
            {
                "file": file,
                "delimiter": delimiter_name(best),
                "used": delimiter_name(used),
                "suggested": '"\\t"' if best == "\t" else f'"{best}"',
            },
        ),
    )


def ragged_row(file: str, row: int, cells: int, header_cells: int) -> Problem:
    """The problem of a row with ``cells`` cells under a header of ``header_cells``."""
    template = (
        N_(
            "Row {row} has {cells} cells but the header has {header}: a cell was added "
            "somewhere (an unquoted delimiter in a text?), so the values may not be in their "
            "columns."
        )
        if cells > header_cells
        else N_(
            "Row {row} has {cells} cells but the header has {header}: cells are missing, so "
            "the values may not be in their columns."
        )
    )
    message = Message(template, {"row": row, "cells": cells, "header": header_cells})
    return Problem(file, row, None, "ragged-row", Severity.ERROR, message)
