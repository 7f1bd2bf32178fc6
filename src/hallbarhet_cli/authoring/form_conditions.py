"""Conditions as JSON for the application form, read by a small evaluator in the page.

The form (:mod:`hallbarhet_cli.authoring.form`) decides which questions to show with the
same ``relevant`` conditions the engine uses. Each condition is written out here as plain
JSON, a tree of ``all``/``any``/``not`` over comparisons that carry their operator's name,
the shape of its value and whether it orders (all read from
:data:`~hallbarhet_cli.models.operators.OPERATORS`). The evaluator
(``templates/partials/form-conditions.js``) implements :meth:`Operator.matcher` on that tree:
an unanswered question makes every comparison false except ``answered``, values of
different kinds never compare, dates compare as dates. ``tests/unit/test_form_conditions.py``
holds the two to the same result on thousands of generated conditions and answers.

Values keep their kind in JSON: a date is ``{"$date": "YYYY-MM-DD"}``, and anything that is
not a boolean, number, text, date or list is ``{"$other": "…"}`` (it equals nothing an
applicant can answer).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Final

from hallbarhet_cli.files.bundled import bundled_dir
from hallbarhet_cli.models.conditions import All, Any_, Comparison, Condition, Not
from hallbarhet_cli.models.operators import OPERATORS, Range

EVALUATOR: Final = "partials/form-conditions.js"


def evaluator_path() -> Path:
    """The evaluator's source, inlined into every form and run by the tests in node."""
    return bundled_dir("templates") / EVALUATOR


def value_json(value: Any) -> Any:
    """``value`` in JSON with its kind kept (see the module's docstring)."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, list):
        return [value_json(item) for item in value]
    return {"$other": repr(value)}


def condition_json(condition: Condition) -> dict[str, Any]:
    """``condition`` as the JSON tree the form's evaluator reads."""
    if isinstance(condition, Comparison):
        op = OPERATORS[condition.op]
        value = condition.value
        if isinstance(value, Range):
            shown: Any = {"min": value_json(value.min), "max": value_json(value.max)}
        else:
            shown = value_json(value)
        subject = (
            {"question": condition.question}
            if condition.question is not None
            else {"field": condition.field}
        )
        return {
            **subject,
            "op": op.name,
            "shape": op.shape,
            "ordered": op.ordered,
            "value": shown,
        }
    if isinstance(condition, All):
        return {"all": [condition_json(c) for c in condition.all]}
    if isinstance(condition, Any_):
        return {"any": [condition_json(c) for c in condition.any]}
    if isinstance(condition, Not):
        return {"not": condition_json(condition.not_)}
    raise TypeError(condition)
