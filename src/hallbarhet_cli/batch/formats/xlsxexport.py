"""XLSX exports (``.xlsx``, ``.xlsm``): the first sheet, or the one the mapping names, read
as values in read-only mode after the workbook's parts are checked (see
:mod:`hallbarhet_cli.batch.workbook`)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hallbarhet_cli.batch.formats.exports import Export
from hallbarhet_cli.batch.items import InputFile, InputKind
from hallbarhet_cli.batch.mapping import LoadedMapping
from hallbarhet_cli.batch.workbook import open_workbook, rows_of
from hallbarhet_cli.errors import InputError, Message
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models.validation import did_you_mean


class XlsxExport(Export):
    kind = InputKind.XLSX
    suffixes: tuple[str, ...] = (".xlsx", ".xlsm")

    def records(self, entry: InputFile, mapping: LoadedMapping) -> Iterator[tuple[int, Any]]:
        with opened_workbook(entry.path) as book:
            yield from enumerate(rows_of(_sheet(book, entry, mapping)), 1)


@contextlib.contextmanager
def opened_workbook(path: Path) -> Iterator[Any]:
    """The workbook at ``path``, closed afterwards."""
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
