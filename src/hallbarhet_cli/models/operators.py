"""The condition operators: one declared unit each, and the only place a comparison's
meaning is written down.

Each :class:`Operator` says everything about itself: the question types it fits, the shape
of its value in a file, how it tests an answer, how it reads in words and an example. All
the rest reads from here: the :class:`~hallbarhet_cli.models.conditions.Comparison` model's
fields, the JSON Schema for editors, the lint checks, the explanations in words, and the
compiled predicates (:meth:`Operator.matcher`) that the engine, ``--explain`` and
``--precheck`` evaluate. The docstring of each is its documentation for criteria authors.

A comparison on an unanswered question is false, whatever the operator, except
``answered``; and values of different kinds never compare (``True`` is not the number 1,
``"b"`` is not "more" than ``"a"``).

Adding an operator is one more :class:`Operator` in :data:`OPERATORS` and its cases in
``tests/unit/test_operators.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Annotated, Any, Final, Literal

from pydantic import Field

from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models.base import Model

QUESTION_TYPES: Final = ("number", "integer", "boolean", "choice", "multichoice", "text", "date")
ORDERED: Final = frozenset({"number", "integer", "date"})
SCALAR: Final = frozenset({"number", "integer", "boolean", "choice", "text", "date"})

Shape = Literal["value", "list", "count", "flag", "range"]
"""What an operator's value is in a file: one value of the answer's kind, a list of such
values, a count (a whole number, at least 0), ``true``/``false``, or a range
``{min: …, max: …}``."""

Matcher = Callable[[Any], bool]
"""A test of one answer (``None`` when unanswered), built once per comparison."""


class Range(Model):
    """Both ends of a ``between`` comparison, included."""

    min: Any
    max: Any


def kind_of(value: Any) -> str:
    """What kind of value this is, for deciding whether two values can be compared:
    ``True`` is not the number 1, and ``"b"`` is not "more" than ``"a"``."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float | Fraction):  # a ratio is an exact fraction
        return "number"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    return "other"


def _of_kind(kind: str) -> Callable[[Any], bool]:
    """A test that a value is of ``kind``, exactly as :func:`kind_of` decides."""
    return lambda answer: kind_of(answer) == kind


def _never(answer: Any) -> bool:
    return False


def _length(answer: Any) -> int:
    return len(answer.strip()) if isinstance(answer, str) else len(answer)


@dataclass(frozen=True)
class Operator:
    """One operator: where it fits, what its value is, what it computes and how it reads.

    ``test(answer, value)`` is only called with an answer and a value of kinds that can be
    compared (checked by :meth:`matcher` from the shape); ``prepare`` turns the value as
    written into what ``test`` works on, once per comparison.
    """

    name: str
    doc: str
    example: str
    fits: frozenset[str]
    shape: Shape
    test: Callable[[Any, Any], bool]
    phrase: str
    ordered: bool = False  # only numbers and dates compare
    join: Literal["or", "standard"] = "or"  # how a list value reads: "a or b", "a and b"
    prepare: Callable[[Any], Any] | None = None

    @property
    def takes_list(self) -> bool:
        return self.shape == "list"

    @property
    def attribute(self) -> str:
        """The model attribute that holds the value (``in`` is a Python keyword)."""
        return f"{self.name}_" if self.name in ("in", "not") else self.name

    @property
    def annotation(self) -> Any:
        """The value's type in the :class:`Comparison` model."""
        return _ANNOTATIONS[self.shape]

    def schema(self) -> dict[str, Any]:
        """The value's JSON Schema (without its description)."""
        return dict(_SCHEMAS[self.shape])

    def compared_values(self, value: Any) -> list[tuple[tuple[str | int, ...], Any]]:
        """The values in ``value`` that stand for answers, each with its place inside the
        value: what the linter checks against the question's type and options."""
        if self.shape == "value":
            return [((), value)]
        if self.shape == "list":
            return [((i,), item) for i, item in enumerate(value)] if isinstance(value, list) else []
        if self.shape == "range" and isinstance(value, Range):
            return [(("min",), value.min), (("max",), value.max)]
        return []

    def matcher(self, value: Any) -> Matcher:
        """A test of an answer that holds exactly when ``{question: …, <op>: value}`` holds
        for that answer. Every evaluation of a condition goes through here."""
        if self.shape == "flag":
            wanted = bool(value)
            return lambda answer: (answer is not None) is wanted
        fits = self._fits(value)
        if fits is _never:
            return _never
        prepared = self.prepare(value) if self.prepare is not None else value
        quick = self._quick(value, prepared)
        if quick is not None:
            return quick
        test = self.test
        return lambda answer: answer is not None and fits(answer) and test(answer, prepared)

    def _fits(self, value: Any) -> Callable[[Any], bool]:
        """A test that an answer is of a kind this value can be compared with; ``_never``
        when the value itself cannot be compared with anything."""
        kind = kind_of(value)
        if self.shape == "count":
            if kind != "number":
                return _never
            return lambda answer: isinstance(answer, str | list)
        if self.shape == "list" and self.name.startswith("includes"):
            return _of_kind("list") if kind == "list" else _never
        if self.shape == "list":
            if kind != "list":
                return _never
            kinds = {kind_of(v) for v in value}
            if len(kinds) > 1:
                return _never
            # Against an empty list every answer is of the right kind.
            return _of_kind(kinds.pop()) if kinds else lambda answer: True
        if self.shape == "range":
            if not isinstance(value, Range):
                return _never
            kind = kind_of(value.min)
            if kind != kind_of(value.max) or kind not in ("number", "date"):
                return _never
            return _of_kind(kind)
        if self.ordered and kind not in ("number", "date"):
            return _never
        return _of_kind(kind)

    def _quick(self, value: Any, prepared: Any) -> Matcher | None:
        """The commonest comparisons, written out for speed; each holds exactly when the
        general form would."""
        if self.name in ("eq", "ne") and isinstance(value, bool):
            # Booleans are the two singletons: the same kind and equal means identical.
            wanted = value if self.name == "eq" else not value
            return lambda answer: answer is wanted
        if self.name == "eq" and isinstance(value, str):
            # Only text equals text.
            return lambda answer: answer == value
        listed_text = isinstance(prepared, frozenset) and all(isinstance(v, str) for v in prepared)
        if self.name in ("in", "not_in") and prepared and listed_text:
            if self.name == "in":
                return lambda answer: isinstance(answer, str) and answer in prepared
            return lambda answer: isinstance(answer, str) and answer not in prepared
        return None


def _members(value: list[Any]) -> frozenset[Any] | list[Any]:
    """A listed set of values ready for membership tests: a set, built once, when the values
    are plain scalars (so a long ``in:`` list costs no more per answer than a short one).
    Only an answer of the values' own kind is ever looked up, so it can be hashed too."""
    if value and all(kind_of(v) in ("boolean", "number", "date", "text") for v in value):
        return frozenset(value)
    return value


_ANNOTATIONS: Final[dict[Shape, Any]] = {
    "value": Any,
    "list": list[Any],
    "count": Annotated[int, Field(ge=0)],
    "flag": bool,
    "range": Range,
}
_SCHEMAS: Final[dict[Shape, dict[str, Any]]] = {
    "value": {},
    "list": {"type": "array"},
    "count": {"type": "integer", "minimum": 0},
    "flag": {"type": "boolean"},
    "range": {
        "type": "object",
        "properties": {"min": {}, "max": {}},
        "required": ["min", "max"],
        "additionalProperties": False,
    },
}

OPERATORS: Final[dict[str, Operator]] = {
    op.name: op
    for op in (
        Operator(
            name="eq",
            doc="Holds when the answer equals the value.",
            example="{question: fossil_fuel_activity, eq: true}",
            fits=SCALAR,
            shape="value",
            test=lambda a, v: bool(a == v),
            phrase=N_("{subject} is {value}"),
        ),
        Operator(
            name="ne",
            doc="Holds when the question is answered and the answer differs from the value.",
            example="{question: gender_analysis, ne: none}",
            fits=SCALAR,
            shape="value",
            test=lambda a, v: bool(a != v),
            phrase=N_("{subject} is not {value}"),
        ),
        Operator(
            name="lt",
            doc="Holds when the answer is less than the value (numbers and dates).",
            example="{question: ghg_change_t, lt: -10}",
            fits=ORDERED,
            shape="value",
            ordered=True,
            test=lambda a, v: bool(a < v),
            phrase=N_("{subject} is less than {value}"),
        ),
        Operator(
            name="le",
            doc="Holds when the answer is at most the value (numbers and dates).",
            example="{field: budget.requested_sek, le: 1000000}",
            fits=ORDERED,
            shape="value",
            ordered=True,
            test=lambda a, v: bool(a <= v),
            phrase=N_("{subject} is at most {value}"),
        ),
        Operator(
            name="gt",
            doc="Holds when the answer is greater than the value (numbers and dates).",
            example="{question: new_jobs, gt: 0}",
            fits=ORDERED,
            shape="value",
            ordered=True,
            test=lambda a, v: bool(a > v),
            phrase=N_("{subject} is more than {value}"),
        ),
        Operator(
            name="ge",
            doc="Holds when the answer is at least the value (numbers and dates).",
            example="{question: cofinancing_percent, ge: 50}",
            fits=ORDERED,
            shape="value",
            ordered=True,
            test=lambda a, v: bool(a >= v),
            phrase=N_("{subject} is at least {value}"),
        ),
        Operator(
            name="between",
            doc="Holds when the answer is between `min` and `max`, both included (numbers "
            "and dates): one comparison for a band instead of `ge` and `le` under `all`.",
            example="{question: cofinancing_percent, between: {min: 40, max: 60}}",
            fits=ORDERED,
            shape="range",
            ordered=True,
            test=lambda a, v: bool(v.min <= a <= v.max),
            phrase=N_("{subject} is between {low} and {high}, both included"),
        ),
        Operator(
            name="in",
            doc="Holds when the answer is one of the listed values.",
            example="{question: gender_analysis, in: [planned, done]}",
            fits=SCALAR - {"boolean"},
            shape="list",
            test=lambda a, v: a in v,
            phrase=N_("{subject} is one of {value}"),
            prepare=_members,
        ),
        Operator(
            name="not_in",
            doc="Holds when the question is answered with none of the listed values.",
            example="{question: strategy_impact, not_in: [negative]}",
            fits=SCALAR - {"boolean"},
            shape="list",
            test=lambda a, v: a not in v,
            phrase=N_("{subject} is none of {value}"),
            prepare=_members,
        ),
        Operator(
            name="includes_any",
            doc="Holds when a multiple-choice answer includes at least one of the listed values.",
            example="{question: circular_measures, includes_any: [reuse, repair]}",
            fits=frozenset({"multichoice"}),
            shape="list",
            test=lambda a, v: bool(set(a) & set(v)),
            phrase=N_("{subject} includes at least one of {value}"),
        ),
        Operator(
            name="includes_all",
            doc="Holds when a multiple-choice answer includes every listed value.",
            example="{question: follow_up, includes_all: [gender, environment]}",
            fits=frozenset({"multichoice"}),
            shape="list",
            test=lambda a, v: set(v) <= set(a),
            phrase=N_("{subject} includes all of {value}"),
            join="standard",
        ),
        Operator(
            name="min_length",
            doc="Holds when a text answer has at least this many characters "
            "(surrounding spaces not counted), or a multiple-choice answer at least this many "
            "choices.",
            example="{question: gender_plan, min_length: 200}",
            fits=frozenset({"text", "multichoice"}),
            shape="count",
            test=lambda a, v: _length(a) >= v,
            phrase=N_("{subject} has at least {value} characters"),
        ),
        Operator(
            name="answered",
            doc="`answered: true` holds when the question has an answer; "
            "`answered: false` when it has none (also when it is not asked).",
            example="{question: budget_plan, answered: true}",
            fits=frozenset(QUESTION_TYPES),
            shape="flag",
            test=lambda a, v: (a is not None) == v,
            phrase=N_("{subject} is answered"),
        ),
    )
}
NOT_ANSWERED_PHRASE: Final = N_("{subject} is not answered")
MIN_CHOICES_PHRASE: Final = N_("{subject} has at least {value} choices")


def holds(op: str, answer: Any, value: Any) -> bool:
    """Whether ``{<op>: value}`` holds for ``answer``: the operator's own matcher, built
    for this one call. Scoring builds each matcher once instead (:mod:`.predicates`)."""
    return OPERATORS[op].matcher(value)(answer)
