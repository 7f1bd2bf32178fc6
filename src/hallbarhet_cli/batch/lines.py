"""One line of a JSON Lines file as an application: decoded, parsed and checked, with
every problem placed at ``file:line:column``. Batch's workers and ``portfolio`` read
lines through this one function.

The common case goes through Python's quick JSON parser, which keeps no positions; only
a line with problems is parsed again with the position-keeping loader (JSON is YAML), so
that each problem points at its value in the line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hallbarhet_cli.applications.loading import LoadedApplication, application_from_document
from hallbarhet_cli.batch.formats.jsonlines import JsonLines
from hallbarhet_cli.batch.items import InputFile, InputKind, LineItem, Prepared, ProblemItem
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.errors import InputError, Message, Problem, Severity
from hallbarhet_cli.files.normal import nfc_data
from hallbarhet_cli.files.yamlload import Document, LoadError, parse_text
from hallbarhet_cli.i18n import N_


class LineError(InputError):
    """A line that is not a valid application; ``id_hint`` is its id when it has one."""

    def __init__(self, problems: list[Problem], id_hint: str | None = None) -> None:
        super().__init__(problems)
        self.id_hint = id_hint


class _Duplicate(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Duplicate
    return result


def read_lines(path: Path, display: str) -> Iterator[LineItem | ProblemItem]:
    """The non-blank lines of the JSON Lines file at ``path``, one at a time; a line over
    the size limit, or a file that cannot be opened, is a :class:`ProblemItem`."""
    entry = InputFile(path, display, InputKind.JSONL, True)
    for item in JsonLines().items(entry, Prepared(0), None, 0):
        assert isinstance(item, LineItem | ProblemItem)
        yield item


def application_from_line(
    item: LineItem, library: CriteriaLibrary, criteria_ref: str | None = None
) -> LoadedApplication:
    """The application on ``item``'s line; :class:`LineError` with located problems."""
    base_dir = Path(item.base_dir)

    def fail(column: int | None, rule: str, message: Message) -> LineError:
        return LineError([Problem(item.file, item.line, column, rule, Severity.ERROR, message)])

    try:
        text = item.text.decode("utf-8")
    except UnicodeDecodeError as err:
        raise fail(
            err.start + 1,
            "encoding",
            Message(
                N_("The line is not valid UTF-8 (byte 0x{byte:02x}). Save the file as UTF-8."),
                {"byte": err.object[err.start]},
            ),
        ) from None
    try:
        data = nfc_data(json.loads(text, object_pairs_hook=_no_duplicates))
    except _Duplicate:
        problems = _located_problems(text, item, base_dir, library, criteria_ref)
        raise LineError(
            problems
            or [
                Problem(
                    item.file,
                    item.line,
                    1,
                    "duplicate-key",
                    Severity.ERROR,
                    Message(N_("A key appears twice in the same JSON object.")),
                )
            ]
        ) from None
    except json.JSONDecodeError as err:
        raise fail(
            err.colno,
            "json-syntax",
            Message(N_("JSON syntax error: {detail}."), {"detail": err.msg}),
        ) from None
    if not isinstance(data, dict):
        raise fail(
            1,
            "not-object",
            Message(
                N_(
                    "Each line of a JSON Lines file must be one application, written as "
                    "a JSON object."
                )
            ),
        )
    document = Document(item.file, data, {(): (item.line, 1)}, source=text)
    try:
        return application_from_document(document, base_dir, library, criteria_ref)
    except InputError as err:
        problems = _located_problems(text, item, base_dir, library, criteria_ref)
        raise LineError(problems or err.problems, _id_of(data)) from None


def _located_problems(
    text: str,
    item: LineItem,
    base_dir: Path,
    library: CriteriaLibrary,
    criteria_ref: str | None,
) -> list[Problem]:
    """The line's problems again, from a parse that keeps the column of every value."""
    try:
        parsed = parse_text(text, item.file)
    except LoadError as err:
        return [_shift(problem, item.line) for problem in err.problems]
    document = Document(
        item.file,
        parsed.data,
        {path: (item.line, column) for path, (_, column) in parsed.values.items()},
        {path: (item.line, column) for path, (_, column) in parsed.keys.items()},
    )
    if not isinstance(document.data, dict):
        return []
    try:
        application_from_document(document, base_dir, library, criteria_ref)
    except InputError as err:
        return err.problems
    return []


def _shift(problem: Problem, line: int) -> Problem:
    return Problem(
        problem.file, line, problem.column, problem.rule, problem.severity, problem.message
    )


def _id_of(data: dict[str, Any]) -> str | None:
    value = data.get("id")
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None
