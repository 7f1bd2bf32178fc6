"""The JSON Schema of follow-up reports, for editors; with a criteria set it knows that
set's promises (their types and options) and its other questions."""

from __future__ import annotations

from hallbarhet_cli.criteria.promises import promises
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.criteria.schema import Schema, _answer, _document, _tidy
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.models.followup import FollowUpReport


def followup_schema(criteria: ResolvedSet | None, lang: str) -> Schema:
    """The schema of a ``kind: follow-up`` report; for ``criteria``'s promises when given."""
    schema = _tidy(FollowUpReport.model_json_schema(by_alias=True))
    if criteria is None:
        return _document(schema, gettext(N_("hallbarhet follow-up report"), lang))
    props = schema["properties"]
    declared = promises(criteria)
    questions = criteria.question_map
    props["values"] = {
        "title": props["values"].get("title", "Values"),
        "description": gettext(N_("What was delivered for each promise of {set}."), lang).format(
            set=criteria.id
        ),
        "type": "object",
        "properties": {q: _answer(questions[q], lang) for q in declared},
        "additionalProperties": False,
    }
    props["explanations"] = {
        "title": props["explanations"].get("title", "Explanations"),
        "description": gettext(N_("Why a delivered value deviates from the promise."), lang),
        "type": "object",
        "properties": {q: {"type": "string", "minLength": 1} for q in declared},
        "additionalProperties": False,
    }
    props["answers"] = {
        "title": props["answers"].get("title", "Answers"),
        "description": gettext(N_("Other answers of {set} that have changed."), lang).format(
            set=criteria.id
        ),
        "type": "object",
        "properties": {q.id: _answer(q, lang) for q in criteria.questions if q.id not in declared},
        "additionalProperties": False,
    }
    title = gettext(N_("hallbarhet follow-up report for {set} {version}"), lang)
    return _document(schema, title.format(set=criteria.id, version=criteria.version))
