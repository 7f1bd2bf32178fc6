"""CSV exports (``.csv``, ``.tsv``): the delimiter from the mapping or guessed from the
first line, UTF-8 with or without a byte-order mark unless the mapping names another
encoding; a row with more or fewer cells than the header is a problem of its own."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from hallbarhet_cli.batch.csvshape import (
    delimiter_found,
    found_delimiter,
    guess_delimiter,
    ragged_row,
)
from hallbarhet_cli.batch.formats.exports import Export
from hallbarhet_cli.batch.items import InputFile, InputKind
from hallbarhet_cli.batch.mapping import LoadedMapping
from hallbarhet_cli.errors import Message, Problem
from hallbarhet_cli.files.yamlload import Limits


class CsvExport(Export):
    kind = InputKind.CSV
    suffixes: tuple[str, ...] = (".csv", ".tsv")

    def records(self, entry: InputFile, mapping: LoadedMapping) -> Iterator[tuple[int, Any]]:
        csv.field_size_limit(max(csv.field_size_limit(), Limits().max_bytes))
        handle, reader = _open_csv(entry.path, mapping)
        with handle:
            yield from enumerate(reader, 1)

    def misshapen(self, entry: InputFile, number: int, cells: Any, width: int) -> Problem | None:
        if len(cells) != width:
            return ragged_row(entry.display, number, len(cells), width)
        return None

    def notes(self, entry: InputFile, mapping: LoadedMapping) -> tuple[Message, ...]:
        """The delimiter found, when the mapping names none."""
        if mapping.model.read.delimiter is None:
            found = found_delimiter(entry.path, mapping.model.read.encoding)
            if found is not None:
                return (delimiter_found(entry.display, found),)
        return ()


def _encoding(name: str) -> str:
    return "utf-8-sig" if codecs.lookup(name).name == "utf-8" else name


def _open_csv(path: Path, mapping: LoadedMapping) -> tuple[IO[str], Any]:
    options = mapping.model.read
    handle = path.open(encoding=_encoding(options.encoding), newline="")
    try:
        delimiter = options.delimiter or guess_delimiter(handle.readline())
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    return handle, csv.reader(handle, delimiter=delimiter, strict=False)
