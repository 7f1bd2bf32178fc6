"""The condition operators, one small registered unit each.

Each operator says which question types it fits, how it is evaluated and how it reads in
words. The docstring of each is its documentation for criteria authors. A comparison on an
unanswered question is false, whatever the operator, except ``answered``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from hallbarhet_cli.i18n import N_

QUESTION_TYPES: Final = ("number", "integer", "boolean", "choice", "multichoice", "text", "date")
ORDERED: Final = frozenset({"number", "integer", "date"})
SCALAR: Final = frozenset({"number", "integer", "boolean", "choice", "text", "date"})


@dataclass(frozen=True)
class Operator:
    """One operator: where it fits, what it computes, and how it reads."""

    name: str
    doc: str
    fits: frozenset[str]
    takes_list: bool
    evaluate: Callable[[Any, Any], bool]
    phrase: str
    example: str


def _length(answer: Any) -> int:
    return len(answer.strip()) if isinstance(answer, str) else len(answer)


OPERATORS: Final[dict[str, Operator]] = {
    op.name: op
    for op in (
        Operator(
            "eq",
            "Holds when the answer equals the value.",
            SCALAR,
            False,
            lambda a, v: bool(a == v),
            N_("{subject} is {value}"),
            "{question: fossil_fuel_activity, eq: true}",
        ),
        Operator(
            "ne",
            "Holds when the question is answered and the answer differs from the value.",
            SCALAR,
            False,
            lambda a, v: bool(a != v),
            N_("{subject} is not {value}"),
            "{question: gender_analysis, ne: none}",
        ),
        Operator(
            "lt",
            "Holds when the answer is less than the value (numbers and dates).",
            ORDERED,
            False,
            lambda a, v: bool(a < v),
            N_("{subject} is less than {value}"),
            "{question: ghg_change_t, lt: -10}",
        ),
        Operator(
            "le",
            "Holds when the answer is at most the value (numbers and dates).",
            ORDERED,
            False,
            lambda a, v: bool(a <= v),
            N_("{subject} is at most {value}"),
            "{field: budget.requested_sek, le: 1000000}",
        ),
        Operator(
            "gt",
            "Holds when the answer is greater than the value (numbers and dates).",
            ORDERED,
            False,
            lambda a, v: bool(a > v),
            N_("{subject} is more than {value}"),
            "{question: new_jobs, gt: 0}",
        ),
        Operator(
            "ge",
            "Holds when the answer is at least the value (numbers and dates).",
            ORDERED,
            False,
            lambda a, v: bool(a >= v),
            N_("{subject} is at least {value}"),
            "{question: cofinancing_percent, ge: 50}",
        ),
        Operator(
            "in",
            "Holds when the answer is one of the listed values.",
            SCALAR - {"boolean"},
            True,
            lambda a, v: a in v,
            N_("{subject} is one of {value}"),
            "{question: gender_analysis, in: [planned, done]}",
        ),
        Operator(
            "not_in",
            "Holds when the question is answered with none of the listed values.",
            SCALAR - {"boolean"},
            True,
            lambda a, v: a not in v,
            N_("{subject} is none of {value}"),
            "{question: strategy_impact, not_in: [negative]}",
        ),
        Operator(
            "includes_any",
            "Holds when a multiple-choice answer includes at least one of the listed values.",
            frozenset({"multichoice"}),
            True,
            lambda a, v: bool(set(a) & set(v)),
            N_("{subject} includes at least one of {value}"),
            "{question: circular_measures, includes_any: [reuse, repair]}",
        ),
        Operator(
            "includes_all",
            "Holds when a multiple-choice answer includes every listed value.",
            frozenset({"multichoice"}),
            True,
            lambda a, v: set(v) <= set(a),
            N_("{subject} includes all of {value}"),
            "{question: follow_up, includes_all: [gender, environment]}",
        ),
        Operator(
            "min_length",
            "Holds when a text answer has at least this many characters "
            "(surrounding spaces not counted), or a multiple-choice answer at least this many "
            "choices.",
            frozenset({"text", "multichoice"}),
            False,
            lambda a, v: _length(a) >= v,
            N_("{subject} has at least {value} characters"),
            "{question: gender_plan, min_length: 200}",
        ),
        Operator(
            "answered",
            "`answered: true` holds when the question has an answer; "
            "`answered: false` when it has none (also when it is not asked).",
            frozenset(QUESTION_TYPES),
            False,
            lambda a, v: (a is not None) == v,
            N_("{subject} is answered"),
            "{question: budget_plan, answered: true}",
        ),
    )
}
NOT_ANSWERED_PHRASE: Final = N_("{subject} is not answered")
MIN_CHOICES_PHRASE: Final = N_("{subject} has at least {value} choices")


def kind_of(value: Any) -> str:
    """What kind of value this is, for deciding whether two values can be compared:
    ``True`` is not the number 1, and ``"b"`` is not "more" than ``"a"``."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    return "other"


def _comparable(op: str, answer: Any, value: Any) -> bool:
    if op == "answered":
        return True
    if op == "min_length":
        return kind_of(answer) in ("text", "list") and kind_of(value) == "number"
    if op in ("includes_any", "includes_all"):
        return kind_of(answer) == "list" and kind_of(value) == "list"
    if op in ("in", "not_in"):
        return kind_of(value) == "list" and all(kind_of(v) == kind_of(answer) for v in value)
    if op in ("lt", "le", "gt", "ge"):
        return kind_of(answer) == kind_of(value) and kind_of(answer) in ("number", "date")
    return kind_of(answer) == kind_of(value)


def holds(op: str, answer: Any, value: Any) -> bool:
    """Evaluate one comparison. Unanswered (``None``) is false except for ``answered``,
    and a comparison of values of different kinds (a boolean with a number, text with a
    list) never holds: the linter reports such conditions, and scoring must not depend
    on Python's coercions."""
    if op != "answered" and answer is None:
        return False
    if not _comparable(op, answer, value):
        return False
    return OPERATORS[op].evaluate(answer, value)
