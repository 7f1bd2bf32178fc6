"""Conditions compiled into plain Python functions: the one way a condition is evaluated.

Each comparison becomes a closure that reads its question, field or ratio (computed
exactly, as a fraction) and applies its
operator's matcher (:meth:`hallbarhet_cli.models.operators.Operator.matcher`, built once per
comparison); ``all``, ``any`` and ``not`` join them. The engine scores with these, and the
explanations (``--explain``, ``--precheck``) mark what holds with the same functions, so
a ✔ can never contradict a score. ``tests/unit/test_predicates.py`` holds them to an
independent reading of the operators on generated conditions and answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from hallbarhet_cli.models.conditions import All, Any_, Comparison, Condition, Not, Quantity, Ratio
from hallbarhet_cli.models.fields import FIELDS
from hallbarhet_cli.models.operators import OPERATORS

if TYPE_CHECKING:
    from hallbarhet_cli.models.application import Application

Answers = Mapping[str, Any]
Predicate = Callable[[Answers, "Application"], bool]


Reader = Callable[[Answers, "Application"], Any]


def _reader(quantity: Quantity) -> Reader:
    """What one side of a ratio reads: an answer or an application field."""
    question = quantity.question
    if question is not None:
        return lambda answers, application: answers.get(question)
    found = FIELDS.get(quantity.subject)
    if found is None:
        return lambda answers, application: None
    read = found.read
    return lambda answers, application: read(application)


def _exact(value: Any) -> Fraction | None:
    """A number as an exact fraction; ``None`` for anything else (booleans included)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return Fraction(value)
    except (ValueError, OverflowError):  # nan and infinity are no numbers to divide
        return None


def _ratio_reader(ratio: Ratio) -> Callable[[Answers, Application], Fraction | None]:
    read_of, read_per, scale = _reader(ratio.of), _reader(ratio.per), Fraction(ratio.scale)

    def value(answers: Answers, application: Application) -> Fraction | None:
        of = _exact(read_of(answers, application))
        per = _exact(read_per(answers, application))
        if of is None or per is None or per == 0:
            return None
        return of / per * scale

    return value


def _comparison(comparison: Comparison) -> Predicate:
    match = OPERATORS[comparison.op].matcher(comparison.value)
    if comparison.ratio is not None:
        derived = _ratio_reader(comparison.ratio)
        return lambda answers, application: match(derived(answers, application))
    question = comparison.question
    if question is not None:
        return lambda answers, application: match(answers.get(question))
    found = FIELDS.get(comparison.subject)
    if found is None:
        return lambda answers, application: match(None)
    read = found.read
    return lambda answers, application: match(read(application))


def compile_condition(condition: Condition) -> Predicate:
    """A function of the answers and the application that holds exactly when
    ``condition`` does."""
    if isinstance(condition, Comparison):
        return _comparison(condition)
    if isinstance(condition, All):
        return _joined(tuple(compile_condition(c) for c in condition.all), every=True)
    if isinstance(condition, Any_):
        return _joined(tuple(compile_condition(c) for c in condition.any), every=False)
    if isinstance(condition, Not):
        inner = compile_condition(condition.not_)
        return lambda answers, application: not inner(answers, application)
    raise TypeError(condition)


def _joined(members: tuple[Predicate, ...], *, every: bool) -> Predicate:
    """All of ``members`` (``every``) or any of them, evaluated left to right and only
    as far as needed."""
    if len(members) == 1:
        return members[0]
    if len(members) == 2:
        first, second = members
        if every:
            return lambda answers, application: (
                first(answers, application) and second(answers, application)
            )
        return lambda answers, application: (
            first(answers, application) or second(answers, application)
        )

    def joined(answers: Answers, application: Application) -> bool:
        # A plain loop: all() or any() over a generator costs a frame per call.
        for member in members:
            if member(answers, application) is not every:
                return not every
        return every

    return joined


_COMPILED: dict[int, tuple[Condition, Predicate]] = {}


def compiled(condition: Condition) -> Predicate:
    """:func:`compile_condition`, remembered per condition object (conditions live as long
    as their criteria set, and the memo keeps each one alive so its id is never reused)."""
    known = _COMPILED.get(id(condition))
    if known is None:
        known = _COMPILED[id(condition)] = (condition, compile_condition(condition))
    return known[1]
