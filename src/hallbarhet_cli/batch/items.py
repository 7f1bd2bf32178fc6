"""What a batch streams to its workers: one work item per application (a file, a line of
JSON Lines, a row of an export), or a problem where an input could not even be read, and
the small contract every input format fulfils to produce them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from hallbarhet_cli.errors import Message, Problem, Severity
from hallbarhet_cli.i18n import N_

if TYPE_CHECKING:
    from hallbarhet_cli.batch.mapping import LoadedMapping
    from hallbarhet_cli.batch.rows import RowPlan


class InputKind(StrEnum):
    APPLICATION = "application"
    JSONL = "jsonl"
    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True)
class InputFile:
    """A file to read; ``named`` when the user named it rather than a folder holding it."""

    path: Path
    display: str
    kind: InputKind
    named: bool


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


# -- the contract of an input format --------------------------------------------------------
@dataclass(frozen=True)
class Prepared:
    """What a format learnt of one file before the round starts: how many items it holds
    (for the progress bar), an export's columns bound to the mapping (or why they cannot
    be), and what the user should know about how it was read."""

    count: int
    plan: RowPlan | Problem | None = None
    notes: tuple[Message, ...] = ()


class InputFormat(Protocol):
    """One kind of input file: the suffixes it is known by, whether it is read through a
    column mapping, a look at the file before the round, and its items, read lazily."""

    kind: InputKind
    suffixes: tuple[str, ...]
    needs_mapping: bool

    def prepare(self, entry: InputFile, mapping: LoadedMapping | None) -> Prepared: ...

    def items(
        self,
        entry: InputFile,
        prepared: Prepared,
        mapping: LoadedMapping | None,
        start: int,
    ) -> Iterator[Item]: ...


def input_problem(file: str, rule: str, message: Message, line: int | None = None) -> Problem:
    """A problem with an input of the round, located in ``file`` (at ``line``)."""
    return Problem(file, line, None, rule, Severity.ERROR, message)


def unreadable(file: str, err: BaseException) -> Problem:
    reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
    return input_problem(
        file, "unreadable", Message(N_("The file cannot be read: {reason}."), {"reason": reason})
    )
