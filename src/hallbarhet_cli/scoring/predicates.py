"""Conditions compiled into plain Python functions, for scoring many applications.

:meth:`hallbarhet_cli.scoring.engine.Facts.holds` walks a condition and looks up its operator for
every comparison: clear, and the definition of what a condition means. Scoring a funding
round walks the same few dozen conditions for every application, so here each condition is
turned once into a closure that knows its operator, its question or field and what kind of
answer can match. :func:`compile_condition` must agree with ``Facts.holds`` on every
condition and every set of answers; ``tests/unit/test_predicates.py`` checks that on
generated conditions and answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

from hallbarhet_cli.models.conditions import All, Any_, Comparison, Condition, Not
from hallbarhet_cli.models.fields import FIELDS
from hallbarhet_cli.models.operators import OPERATORS, kind_of

if TYPE_CHECKING:
    from hallbarhet_cli.models.application import Application

Answers = Mapping[str, Any]
Predicate = Callable[[Answers, "Application"], bool]
Read = Callable[[Answers, "Application"], Any]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_other(value: Any) -> bool:
    return kind_of(value) == "other"


# For each kind of value, a test that a value is of that kind (as ``kind_of`` decides).
_IS_KIND: Final[dict[str, Callable[[Any], bool]]] = {
    "boolean": lambda value: isinstance(value, bool),
    "number": _is_number,
    "date": lambda value: isinstance(value, dt.date),
    "text": lambda value: isinstance(value, str),
    "list": lambda value: isinstance(value, list),
    "other": _is_other,
}


def _never(answers: Answers, application: Application) -> bool:
    return False


def _reader(comparison: Comparison) -> Read:
    question = comparison.question
    if question is not None:
        return lambda answers, application: answers.get(question)
    found = FIELDS.get(comparison.subject)
    if found is None:
        return lambda answers, application: None
    read = found.read
    return lambda answers, application: read(application)


def _comparison(comparison: Comparison) -> Predicate:
    op, value = comparison.op, comparison.value
    question = comparison.question
    if question is not None:
        quick = _on_question(question, op, value)
        if quick is not None:
            return quick
    read = _reader(comparison)
    evaluate = OPERATORS[op].evaluate
    if op == "answered":
        return lambda answers, application: (read(answers, application) is not None) == value

    fits: Callable[[Any], bool]
    value_kind = kind_of(value)
    if op == "min_length":
        if value_kind != "number":
            return _never

        def fits(answer: Any) -> bool:
            return isinstance(answer, str | list)

    elif op in ("includes_any", "includes_all"):
        if value_kind != "list":
            return _never
        fits = _IS_KIND["list"]
    elif op in ("in", "not_in"):
        if value_kind != "list":
            return _never
        kinds = {kind_of(v) for v in value}
        if len(kinds) > 1:
            return _never
        if not kinds:
            # Every answer passes the kind check against an empty list.
            def fits(answer: Any) -> bool:
                return True

        else:
            fits = _IS_KIND[kinds.pop()]
        try:
            # Membership on a set built once per criteria set: an `in:` list may hold
            # hundreds of thousands of values, and a list is searched from the start.
            listed = frozenset(value)
        except TypeError:  # unhashable values (lists): kept as a list
            pass
        else:
            member = op == "in"

            def holds_listed(answers: Answers, application: Application) -> bool:
                answer = read(answers, application)
                if answer is None or not fits(answer):
                    return False
                try:
                    found = answer in listed
                except TypeError:  # an unhashable answer (a list) equals no listed value
                    found = False
                return found == member

            return holds_listed
    elif op in ("lt", "le", "gt", "ge"):
        if value_kind not in ("number", "date"):
            return _never
        fits = _IS_KIND[value_kind]
    else:
        fits = _IS_KIND[value_kind]

    def holds(answers: Answers, application: Application) -> bool:
        answer = read(answers, application)
        return answer is not None and fits(answer) and evaluate(answer, value)

    return holds


def _on_question(question: str, op: str, value: Any) -> Predicate | None:
    """The commonest comparisons on a question, written out; ``None`` for the rest."""
    if op == "answered":
        return lambda answers, application: (answers.get(question) is not None) == value
    if isinstance(value, bool) and op in ("eq", "ne"):
        # Booleans are the two singletons: the same kind and equal means identical.
        wanted = value if op == "eq" else not value
        return lambda answers, application: answers.get(question) is wanted
    if isinstance(value, str) and op == "eq":
        # Only text equals text.
        return lambda answers, application: answers.get(question) == value
    if (
        op in ("in", "not_in")
        and isinstance(value, list)
        and value
        and all(isinstance(v, str) for v in value)
    ):
        listed = frozenset(value)
        if op == "in":
            return lambda answers, application: (
                isinstance(answer := answers.get(question), str) and answer in listed
            )
        return lambda answers, application: (
            isinstance(answer := answers.get(question), str) and answer not in listed
        )
    return None


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
