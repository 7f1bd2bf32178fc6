"""The marker an application template puts where an answer is still to be written, and
finding it again in an application (``"<fyll i>"`` or ``"<fill in>"``), so that a forgotten
answer is reported as not filled in instead of being scored."""

from __future__ import annotations

import os
from typing import Any, Final

from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.errors import Message, Problem, Severity
from hallbarhet_cli.files.yamlload import DataPath, Document
from hallbarhet_cli.i18n import N_

PLACEHOLDERS: Final = {"sv": "<fyll i>", "en": "<fill in>"}
MARKERS: Final = frozenset(PLACEHOLDERS.values())
# What every marker starts with: a file without it (or an escape) holds no marker.
_MARKER_START: Final = os.path.commonprefix(sorted(MARKERS))  # noqa: RUF071 (by character)

_NOT_FILLED: Final = N_("Not filled in: replace {marker!r} with an answer.")
_LEAVE_EMPTY: Final = N_("If the question is optional or does not apply, write ~ instead.")


def placeholder(lang: str) -> str:
    """The marker a template puts where an answer is still to be written."""
    return PLACEHOLDERS.get(lang, PLACEHOLDERS["sv"])


def is_placeholder(value: Any) -> bool:
    """Whether ``value`` is a template's placeholder that was never filled in."""
    return isinstance(value, str) and value.strip() in MARKERS


# -- finding placeholders in an application ------------------------------------------------
def unfilled(document: Document, criteria: ResolvedSet | None = None) -> list[Problem]:
    """A ``placeholder`` error at every value that still holds a template's marker."""
    source = document.source
    if source is not None and _MARKER_START not in source and "\\" not in source:
        # No marker in the text, nor an escape that could spell one: nothing to find.
        return []
    problems: list[Problem] = []
    for path, value in _strings(document.data, ()):
        if not is_placeholder(value):
            continue
        hint = None
        if criteria is not None and len(path) >= 2 and path[0] == "answers":
            question = criteria.question_map.get(str(path[1]))
            if question is not None and (not question.required or question.relevant is not None):
                hint = Message(_LEAVE_EMPTY)
        problems.append(
            document.problem(
                path, "placeholder", Message(_NOT_FILLED, {"marker": value.strip()}, hint)
            )
        )
    return problems


def mark_unfilled(
    document: Document, problems: list[Problem], criteria: ResolvedSet | None = None
) -> list[Problem]:
    """``problems`` with a ``placeholder`` error for each unfilled value, in place of the
    type or option errors that the marker itself causes at the same spot."""
    found = unfilled(document, criteria)
    if not found:
        return problems
    spots = {(p.line, p.column) for p in found if p.line is not None}
    kept = [
        p for p in problems if p.severity is not Severity.ERROR or (p.line, p.column) not in spots
    ]
    return [*found, *kept]


def _strings(value: Any, path: DataPath) -> list[tuple[DataPath, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [
            found
            for key, item in value.items()
            if isinstance(key, str)
            for found in _strings(item, (*path, key))
        ]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _strings(item, (*path, i))]
    return []
