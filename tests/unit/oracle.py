"""An independent reading of what a condition means, kept only as the tests' oracle.

This is the interpreter the engine once used: it walks a condition and decides each
comparison from first principles (the kinds of answer and value, then Python's comparison).
The engine, ``--explain`` and ``--precheck`` evaluate the compiled predicates; the property
tests in ``test_predicates.py`` hold those to this reading.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Any

from hallbarhet_cli.models import Application
from hallbarhet_cli.models.conditions import All, Any_, Comparison, Condition, Not, Quantity, Ratio
from hallbarhet_cli.models.fields import FIELDS
from hallbarhet_cli.models.operators import Range


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float | Fraction):
        return "number"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    return "other"


def _length(answer: Any) -> int:
    return len(answer.strip()) if isinstance(answer, str) else len(answer)


def _comparable(op: str, answer: Any, value: Any) -> bool:
    if op == "min_length":
        return _kind(answer) in ("text", "list") and _kind(value) == "number"
    if op in ("includes_any", "includes_all"):
        return _kind(answer) == "list" and _kind(value) == "list"
    if op in ("in", "not_in"):
        return _kind(value) == "list" and all(_kind(v) == _kind(answer) for v in value)
    if op in ("lt", "le", "gt", "ge"):
        return _kind(answer) == _kind(value) and _kind(answer) in ("number", "date")
    if op == "between":
        return (
            isinstance(value, Range)
            and _kind(answer) in ("number", "date")
            and _kind(value.min) == _kind(answer) == _kind(value.max)
        )
    return _kind(answer) == _kind(value)


def holds(op: str, answer: Any, value: Any) -> bool:
    """One comparison, read from first principles."""
    if op == "answered":
        return (answer is not None) == value
    if answer is None or not _comparable(op, answer, value):
        return False
    results = {
        "eq": lambda: answer == value,
        "ne": lambda: answer != value,
        "lt": lambda: answer < value,
        "le": lambda: answer <= value,
        "gt": lambda: answer > value,
        "ge": lambda: answer >= value,
        "between": lambda: value.min <= answer <= value.max,
        "in": lambda: answer in value,
        "not_in": lambda: answer not in value,
        "includes_any": lambda: bool(set(answer) & set(value)),
        "includes_all": lambda: set(value) <= set(answer),
        "min_length": lambda: _length(answer) >= value,
    }
    return bool(results[op]())


def condition_holds(
    condition: Condition, application: Application, answers: dict[str, Any]
) -> bool:
    """A whole condition, walked recursively."""
    if isinstance(condition, Comparison):
        if condition.ratio is not None:
            answer = ratio(condition.ratio, application, answers)
        elif condition.question is not None:
            answer = answers.get(condition.question)
        else:
            field = FIELDS.get(condition.subject)
            answer = field.read(application) if field is not None else None
        return holds(condition.op, answer, condition.value)
    if isinstance(condition, All):
        return all(condition_holds(c, application, answers) for c in condition.all)
    if isinstance(condition, Any_):
        return any(condition_holds(c, application, answers) for c in condition.any)
    if isinstance(condition, Not):
        return not condition_holds(condition.not_, application, answers)
    raise TypeError(condition)


def _number(quantity: Quantity, application: Application, answers: dict[str, Any]) -> Any:
    if quantity.question is not None:
        value = answers.get(quantity.question)
    else:
        field = FIELDS.get(quantity.subject)
        value = field.read(application) if field is not None else None
    if _kind(value) != "number" or not math.isfinite(value):
        return None
    return value


def ratio(ratio: Ratio, application: Application, answers: dict[str, Any]) -> Fraction | None:
    """``of × scale / per`` in exact arithmetic; ``None`` when it has no value."""
    of = _number(ratio.of, application, answers)
    per = _number(ratio.per, application, answers)
    if of is None or per is None or per == 0:
        return None
    return Fraction(of) * Fraction(ratio.scale) / Fraction(per)
