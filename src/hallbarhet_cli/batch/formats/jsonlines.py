"""JSON Lines (``.jsonl``, ``.ndjson``): one application per non-blank line, each line
parsed by the worker. A line over the size limit is a problem of its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from hallbarhet_cli.batch.items import (
    InputFile,
    InputKind,
    Item,
    LineItem,
    Prepared,
    ProblemItem,
    input_problem,
    unreadable,
)
from hallbarhet_cli.batch.mapping import LoadedMapping
from hallbarhet_cli.errors import Message, Problem
from hallbarhet_cli.files.yamlload import Limits
from hallbarhet_cli.i18n import N_


class JsonLines:
    kind = InputKind.JSONL
    suffixes: tuple[str, ...] = (".jsonl", ".ndjson")
    needs_mapping = False

    def prepare(self, entry: InputFile, mapping: LoadedMapping | None) -> Prepared:
        return Prepared(_count_lines(entry.path))

    def items(
        self, entry: InputFile, prepared: Prepared, mapping: LoadedMapping | None, start: int
    ) -> Iterator[Item]:
        limit = Limits().max_bytes
        base_dir = str(entry.path.parent)
        index = start
        try:
            handle = entry.path.open("rb")
        except OSError as err:
            yield ProblemItem(index, entry.display, unreadable(entry.display, err))
            return
        with handle:
            for line_number, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue
                if len(raw) > limit:
                    problem = _too_long(entry.display, line_number, len(raw), limit)
                    yield ProblemItem(index, f"{entry.display}:{line_number}", problem)
                else:
                    if line_number == 1:
                        raw = raw.removeprefix(b"\xef\xbb\xbf")
                    yield LineItem(index, entry.display, base_dir, line_number, raw)
                index += 1


def _count_lines(path: Path) -> int:
    """Non-blank lines, counted without decoding (one item when unreadable)."""
    try:
        with path.open("rb") as handle:
            return max(1, sum(1 for line in handle if line.strip()))
    except OSError:
        return 1


def _too_long(file: str, line: int, size: int, limit: int) -> Problem:
    return input_problem(
        file,
        "line-too-long",
        Message(
            N_(
                "The line is {size} MB, more than the limit of {limit} MB. Raise "
                "the limit with HALLBARHET_MAX_FILE_MB."
            ),
            {"size": round(size / 2**20, 1), "limit": limit >> 20},
        ),
        line,
    )
