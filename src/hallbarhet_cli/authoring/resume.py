"""Going on with a draft: what a partly filled-in application already says, as the
questionnaire's starting point (``hallbarhet new --interactive --resume DRAFT``).

A value is taken over when it is an answer the application file accepts; a placeholder,
or a value the file would not accept, is asked again. An empty value (``~``) settles an
optional field or question; a required field is asked again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from hallbarhet_cli.applications.loading import read_document, typed_answer
from hallbarhet_cli.applications.placeholders import is_placeholder
from hallbarhet_cli.authoring.template import METADATA, Filled
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.models import Question

_ABSENT: Final = object()


def _at(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return _ABSENT
        data = data[part]
    return data


def _take(question: Question, value: Any, filled: Filled, into: dict[str, Any]) -> None:
    if value is _ABSENT or is_placeholder(value):
        return
    if isinstance(value, list) and any(is_placeholder(item) for item in value):
        return
    if value is None:
        if not question.required:
            filled.settled.add(question.id)
        return
    typed, problem = typed_answer(question, value)
    if problem is None:
        into[question.id] = typed


def filled_from_draft(path: Path, criteria: ResolvedSet, lang: str) -> Filled:
    """What the draft at ``path`` already answers of ``criteria``."""
    data = read_document(path).data
    filled = Filled()
    for meta in METADATA:
        _take(meta.as_question(lang), _at(data, meta.path), filled, filled.fields)
    answers = _at(data, ("answers",))
    for question in criteria.questions:
        value = answers.get(question.id, _ABSENT) if isinstance(answers, dict) else _ABSENT
        _take(question, value, filled, filled.answers)
    return filled
