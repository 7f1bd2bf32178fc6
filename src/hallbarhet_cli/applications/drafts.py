"""Drafts: an application in which some answers still hold a template's placeholder (a
template partly filled in, or what ``hallbarhet new --interactive --draft-on-abort``
wrote when it was stopped).

``hallbarhet validate`` reports every placeholder, because a draft is not an application
yet. The pre-check reads a draft as the application so far: an answer still to be written
is an answer not given, listed with what else is missing, rather than an error that stops
the pre-check. The application's own fields must be filled in, as it cannot be assessed
without them.
"""

from __future__ import annotations

from typing import Any

from hallbarhet_cli.applications.placeholders import is_placeholder
from hallbarhet_cli.files.yamlload import Document


def _unwritten(value: Any) -> bool:
    if isinstance(value, list):
        return bool(value) and all(is_placeholder(item) for item in value)
    return is_placeholder(value)


def open_answers(document: Document) -> list[str]:
    """Make every answer that still holds a placeholder no answer; the ids of those."""
    data = document.data
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, dict):
        return []
    opened = [key for key, value in answers.items() if _unwritten(value)]
    for key in opened:
        answers[key] = None
    return opened
