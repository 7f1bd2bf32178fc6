"""The condition operators: what each computes, and the laws they keep."""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallbarhet_cli.files.yamlload import parse_text
from hallbarhet_cli.models import Comparison
from hallbarhet_cli.models.operators import OPERATORS, QUESTION_TYPES, Range, holds

D1 = dt.date(2026, 1, 1)
D2 = dt.date(2026, 6, 30)

CASES: list[tuple[str, Any, Any, bool]] = [
    # (operator, answer, value, holds)
    ("eq", 5, 5, True),
    ("eq", 5, 5.0, True),
    ("eq", 5, 6, False),
    ("eq", "done", "done", True),
    ("eq", "done", "Done", False),
    ("eq", True, True, True),
    ("eq", False, True, False),
    ("eq", D1, D1, True),
    ("ne", "none", "done", True),
    ("ne", "done", "done", False),
    ("ne", False, True, True),
    ("lt", -11, -10, True),
    ("lt", -10, -10, False),
    ("lt", 0.5, 1, True),
    ("lt", D1, D2, True),
    ("lt", D2, D1, False),
    ("le", -10, -10, True),
    ("le", -9, -10, False),
    ("le", D1, D1, True),
    ("gt", 1, 0, True),
    ("gt", 0, 0, False),
    ("gt", D2, D1, True),
    ("ge", 50, 50, True),
    ("ge", 49.9, 50, False),
    ("ge", D1, D2, False),
    ("between", 40, Range(min=40, max=60), True),
    ("between", 60.0, Range(min=40, max=60), True),
    ("between", 60.5, Range(min=40, max=60), False),
    ("between", 39, Range(min=40, max=60), False),
    ("between", D1, Range(min=D1, max=D2), True),
    ("between", D2, Range(min=D1, max=D1), False),
    ("between", 50, Range(min=60, max=40), False),
    ("in", "planned", ["planned", "done"], True),
    ("in", "none", ["planned", "done"], False),
    ("in", 3, [1, 2, 3], True),
    ("in", "x", [], False),
    ("not_in", "positive", ["negative"], True),
    ("not_in", "negative", ["negative"], False),
    ("not_in", "x", [], True),
    ("includes_any", ["reuse", "share"], ["reuse", "repair"], True),
    ("includes_any", ["share"], ["reuse", "repair"], False),
    ("includes_any", [], ["reuse"], False),
    ("includes_any", ["reuse"], [], False),
    ("includes_all", ["gender", "environment", "x"], ["gender", "environment"], True),
    ("includes_all", ["gender"], ["gender", "environment"], False),
    ("includes_all", [], [], True),
    ("includes_all", ["a"], [], True),
    ("min_length", "x" * 200, 200, True),
    ("min_length", "x" * 199, 200, False),
    ("min_length", "  abc  ", 3, True),
    ("min_length", "  abc  ", 4, False),
    ("min_length", "", 0, True),
    ("min_length", ["a", "b"], 2, True),
    ("min_length", ["a"], 2, False),
    ("answered", "text", True, True),
    ("answered", "text", False, False),
    ("answered", 0, True, True),
    ("answered", False, True, True),
    ("answered", [], True, True),
    ("answered", None, True, False),
    ("answered", None, False, True),
]


@pytest.mark.parametrize(
    ("op", "answer", "value", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[1]!r}-{c[2]!r}"[:60] for c in CASES],
)
def test_holds(op: str, answer: Any, value: Any, expected: bool) -> None:
    assert holds(op, answer, value) is expected


def test_every_operator_has_a_case() -> None:
    assert {c[0] for c in CASES} == set(OPERATORS)


@pytest.mark.parametrize("op", sorted(set(OPERATORS) - {"answered"}))
@pytest.mark.parametrize("value", [None, 0, "", "x", [], ["x"], True, False, D1])
def test_unanswered_is_false_for_every_operator_but_answered(op: str, value: Any) -> None:
    assert holds(op, None, value) is False


MISMATCHES: list[tuple[str, Any, Any]] = [
    # A set that passed validation never compares these; one that did not must not score
    # by accident: a mismatch never holds.
    ("lt", "2026-01-01", D2),
    ("lt", D1, 5),
    ("gt", None, 5),
    ("min_length", 12345, 3),
    ("min_length", True, 0),
    ("includes_any", 5, [5]),
    ("eq", 2026, "2026"),
    ("eq", "true", True),
    # a text or choice answer is not a list of choices, nor a set of its letters
    ("includes_any", "reuse", ["r", "x"]),
    ("includes_all", "repair", ["r", "e"]),
    # a boolean answer is not the number 1, nor a number answer the boolean true
    ("eq", True, 1),
    ("eq", 1, True),
    ("in", False, [0, 1]),
    ("ge", "b", "a"),
    ("between", "b", Range(min="a", max="c")),
    ("between", 5, Range(min=D1, max=D2)),
    ("between", 5, Range(min=1, max=D2)),
    ("between", True, Range(min=0, max=1)),
]


@pytest.mark.parametrize(
    ("op", "answer", "value"), MISMATCHES, ids=[f"{m[0]}-{m[1]!r}-{m[2]!r}" for m in MISMATCHES]
)
def test_a_type_mismatch_never_holds(op: str, answer: Any, value: Any) -> None:
    assert holds(op, answer, value) is False


# --- the registry is the documentation -----------------------------------------------------


@pytest.mark.parametrize("name", list(OPERATORS))
def test_each_operator_is_documented_with_an_example_that_validates(name: str) -> None:
    operator = OPERATORS[name]
    assert operator.name == name
    assert operator.doc.strip().endswith(".")
    assert operator.fits
    assert operator.fits <= set(QUESTION_TYPES)
    assert "{subject}" in operator.phrase
    example = parse_text(operator.example, "example.yaml").data
    comparison = Comparison.model_validate(example)
    assert comparison.op == name
    assert isinstance(comparison.value, list) is operator.takes_list


def test_list_operators_are_the_ones_that_take_lists() -> None:
    assert {n for n, o in OPERATORS.items() if o.takes_list} == {
        "in",
        "not_in",
        "includes_any",
        "includes_all",
    }


def test_ordering_operators_fit_only_ordered_types() -> None:
    for name in ("lt", "le", "gt", "ge"):
        assert OPERATORS[name].fits == {"number", "integer", "date"}
    assert OPERATORS["includes_any"].fits == {"multichoice"}
    assert OPERATORS["answered"].fits == set(QUESTION_TYPES)


# --- laws ----------------------------------------------------------------------------------

numbers = st.one_of(st.integers(-(10**6), 10**6), st.floats(-1e6, 1e6, allow_nan=False))
words = st.text(string.ascii_lowercase, min_size=1, max_size=4)


@given(numbers, numbers)
def test_order_operators_agree_with_arithmetic(a: float, b: float) -> None:
    assert holds("lt", a, b) is (a < b)
    assert holds("le", a, b) is (a <= b)
    assert holds("gt", a, b) is (a > b)
    assert holds("ge", a, b) is (a >= b)
    assert holds("lt", a, b) is holds("gt", b, a)
    assert holds("eq", a, b) is not holds("ne", a, b)


@given(
    st.one_of(
        st.tuples(numbers, st.lists(numbers, max_size=4)),
        st.tuples(words, st.lists(words, max_size=4)),
    )
)
def test_in_and_not_in_are_complements_for_values_of_one_kind(
    case: tuple[Any, list[Any]],
) -> None:
    answer, values = case
    assert holds("in", answer, values) is not holds("not_in", answer, values)


@given(numbers, st.lists(words, min_size=1, max_size=4))
def test_in_and_not_in_both_fail_across_kinds(answer: float, values: list[str]) -> None:
    assert not holds("in", answer, values)
    assert not holds("not_in", answer, values)


@given(st.lists(words, max_size=5), st.lists(words, max_size=5))
def test_includes_all_implies_includes_any(answer: list[str], values: list[str]) -> None:
    if values and holds("includes_all", answer, values):
        assert holds("includes_any", answer, values)
    assert holds("includes_all", answer, values) is set(values).issubset(answer)


@given(st.text(max_size=30), st.integers(0, 40))
def test_min_length_ignores_surrounding_space(text: str, n: int) -> None:
    assert holds("min_length", text, n) is (len(text.strip()) >= n)
    assert holds("min_length", f"  {text}\n", n) is holds("min_length", text, n)


@given(st.one_of(st.none(), numbers, words, st.lists(words)), st.booleans())
def test_answered_is_whether_there_is_an_answer(answer: Any, value: bool) -> None:
    assert holds("answered", answer, value) is ((answer is not None) == value)


@given(numbers, numbers, numbers)
def test_between_is_ge_and_le(a: float, low: float, high: float) -> None:
    assert holds("between", a, Range(min=low, max=high)) is (
        holds("ge", a, low) and holds("le", a, high)
    )


def test_a_long_in_list_is_a_set_built_once() -> None:
    listed = [f"v{i}" for i in range(200_000)]
    match = OPERATORS["in"].matcher(listed)
    assert match("v199999") and not match("w") and not match(None)
    assert not OPERATORS["not_in"].matcher(listed)("v5")
