"""What a batch reads: the inputs named on the command line, expanded into a lazy stream
of work items, one per application.

* an application file (``.yaml``, ``.yml`` or anything else that is not one of the
  formats below) is one item;
* a folder stands for the YAML files below it, recursively (hidden folders skipped);
* a glob (``"round/**/*.yaml"``, quoted so the shell leaves it alone) for its matches;
* a JSON Lines file (``.jsonl``, ``.ndjson``) holds one application per line;
* a CSV (``.csv``, ``.tsv``) or XLSX (``.xlsx``) export holds one application per row,
  read through a column mapping (``--map``).

Each format is one unit in :mod:`hallbarhet_cli.batch.formats`. Nothing is read twice
into memory: lines and rows are yielded one at a time, and an argument that matches
nothing, or a file that cannot be opened, becomes an item of its own that the worker
turns into an error row.
"""

from __future__ import annotations

import glob
import os
import shlex
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from hallbarhet_cli.batch.formats import FORMATS, kind_of_path
from hallbarhet_cli.batch.items import (
    FileItem,
    InputFile,
    InputKind,
    Item,
    LineItem,
    Prepared,
    ProblemItem,
    RowItem,
    input_problem,
)
from hallbarhet_cli.batch.mapping import LoadedMapping
from hallbarhet_cli.errors import AllOf, Label, Message, Problem, UsageError
from hallbarhet_cli.files.yamlload import iter_yaml_files
from hallbarhet_cli.i18n import N_

__all__ = [
    "TABULAR",
    "FileItem",
    "InputFile",
    "InputKind",
    "Item",
    "LineItem",
    "ProblemItem",
    "Round",
    "RowItem",
    "Unmatched",
    "expand",
    "iter_items",
    "kind_of_path",
    "prepare",
]

TABULAR: Final = frozenset(kind for kind, f in FORMATS.items() if f.needs_mapping)
# How many of an export's columns the hint of a batch without ``--map`` names, and how
# much of each.
_COLUMNS_SHOWN: Final = 12
_LONGEST_HEADER: Final = 40


@dataclass(frozen=True)
class Unmatched:
    """An argument that is neither a file, a folder nor a glob with matches."""

    display: str


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
    """The inputs of one batch, each file looked at by its format, ready to stream."""

    files: list[InputFile | Unmatched]
    prepared: dict[Path, Prepared] = field(default_factory=dict)
    total: int | None = 0
    # What the user should know about how the inputs were read (a delimiter found).
    notes: list[Message] = field(default_factory=list)


def prepare(args: Sequence[str], mapping: LoadedMapping | None) -> Round:
    """Expand the arguments, let each file's format look at it (binding every export to
    the mapping) and count the inputs (for the progress bar). Raises :class:`UsageError`
    for an export without ``--map`` and :class:`InputError` (located in the mapping) for
    columns an export lacks."""
    round_ = Round(expand(args))
    _check_something_named(round_.files)
    total = 0
    for entry in round_.files:
        if isinstance(entry, Unmatched):
            total += 1
            continue
        form = FORMATS[entry.kind]
        if form.needs_mapping and mapping is None:
            raise UsageError([_no_mapping(entry)])
        prepared = form.prepare(entry, mapping)
        round_.notes.extend(prepared.notes)
        round_.prepared[entry.path] = prepared
        total += prepared.count
    round_.total = total
    return round_


def _no_mapping(entry: InputFile) -> Problem:
    """An export given without ``--map``: its columns, when it can be read, and the
    command that writes a starter mapping for it."""
    from hallbarhet_cli.batch.exporthead import ExportUnreadable, read_head

    # In the current folder: the export's own folder may be read-only.
    out = Path(entry.display).with_suffix(".map.yaml").name
    command = Message(
        N_(
            "Write a starter mapping for it with: "
            "hallbarhet new -c {set} --from-export {file} -o {output}"
        ),
        {
            "set": Label(N_("<criteria set>")),
            "file": shlex.quote(entry.display),
            "output": shlex.quote(out),
        },
    )
    hint = command
    try:
        columns = read_head(entry.path, entry.kind, sample=0).columns
    except ExportUnreadable:
        columns = ()
    if columns:
        shown = AllOf(tuple(_shortened(c) for c in columns[:_COLUMNS_SHOWN]))
        more = len(columns) - _COLUMNS_SHOWN
        hint = (
            Message(N_("Its columns are {columns}."), {"columns": shown}, command)
            if more <= 0
            else Message(
                N_("Its first {shown} columns are {columns} ({count} more)."),
                {"columns": shown, "shown": _COLUMNS_SHOWN, "count": more},
                command,
            )
        )
    return input_problem(
        entry.display,
        "no-mapping",
        Message(
            N_("This is a spreadsheet export; give a column mapping with --map to read it."),
            hint=hint,
        ),
    )


def _shortened(header: str) -> str:
    return header if len(header) <= _LONGEST_HEADER else header[: _LONGEST_HEADER - 1] + "…"


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
                input_problem(
                    f.display,
                    "no-such-file",
                    Message(N_("No such file or folder, and no file matches this pattern.")),
                )
                for f in wrong
            ]
        )


def iter_items(round_: Round, mapping: LoadedMapping | None) -> Iterator[Item]:
    """Every input of the round as a work item, in order, read lazily."""
    index = 0
    for entry in round_.files:
        if isinstance(entry, Unmatched):
            problem = input_problem(
                entry.display,
                "no-such-file",
                Message(N_("No such file or folder, and no file matches this pattern.")),
            )
            yield ProblemItem(index, entry.display, problem)
            index += 1
            continue
        prepared = round_.prepared[entry.path]
        for item in FORMATS[entry.kind].items(entry, prepared, mapping, index):
            yield item
            index += 1
