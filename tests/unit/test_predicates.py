"""Compiled conditions hold exactly when the condition, read by an independent interpreter
(``oracle.py``), holds: for every operator, for values of every kind on both sides (also
the ill-typed ones the linter warns about), and nested in all/any/not. The engine's
``Facts.holds`` (what ``--explain`` marks) is the compiled code, so it agrees too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from hallbarhet_cli.files.yamlload import load_file
from hallbarhet_cli.models import Application
from hallbarhet_cli.models.conditions import All, Any_, Comparison, Condition, Not
from hallbarhet_cli.models.operators import OPERATORS
from hallbarhet_cli.scoring.engine import Facts
from hallbarhet_cli.scoring.predicates import compile_condition
from tests.unit.oracle import condition_holds

EXAMPLES = Path(__file__).parents[2] / "examples"
APPLICATION = Application.model_validate(load_file(EXAMPLES / "solcellspark-alvesta.yaml").data)
QUESTIONS = ("q1", "q2", "q3")
FIELDS = ("budget.requested_sek", "budget.total_sek", "type", "period.start", "no.such.field")

# Per requested krona, scaled by the requested amount: the answer itself, computed.
RATIO: dict[str, Any] = {
    "of": {"question": "q1"},
    "per": {"field": "budget.requested_sek"},
    "scale": APPLICATION.budget.requested_sek,
}

PER_Q2: dict[str, Any] = {**RATIO, "per": {"question": "q2"}}  # dividing by zero

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(-3, 3, allow_nan=False),
    st.sampled_from(["a", "b", " ", "", "project", "public"]),
    st.dates(dt.date(2025, 1, 1), dt.date(2027, 1, 1)),
    st.integers(0, 3_000_000),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3))
answers = st.dictionaries(st.sampled_from(QUESTIONS), values, max_size=3)


@st.composite
def comparisons(draw: Any) -> Comparison:
    op = draw(st.sampled_from(sorted(OPERATORS)))
    pick = draw(st.integers(0, 4))
    if pick == 0:
        subject: dict[str, Any] = {"field": draw(st.sampled_from(FIELDS))}
    elif pick == 1:
        sides = st.one_of(
            st.sampled_from(QUESTIONS).map(lambda q: {"question": q}),
            st.sampled_from(FIELDS).map(lambda f: {"field": f}),
        )
        scale = draw(st.sampled_from([1, 3, 0.5, 1000, 1_000_000]))
        subject = {"ratio": {"of": draw(sides), "per": draw(sides), "scale": scale}}
    else:
        subject = {"question": draw(st.sampled_from(QUESTIONS))}
    if op in ("in", "not_in", "includes_any", "includes_all"):
        value: Any = draw(st.lists(scalars, max_size=3))
    elif op == "min_length":
        value = draw(st.integers(0, 4))
    elif op == "answered":
        value = draw(st.booleans())
    elif op == "between":
        value = {"min": draw(scalars), "max": draw(scalars)}
    else:
        value = draw(scalars.filter(lambda v: v is not None))
    return Comparison.model_validate({**subject, op: value})


conditions = st.recursive(
    comparisons(),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(lambda cs: All.model_validate({"all": cs})),
        st.lists(inner, min_size=1, max_size=3).map(lambda cs: Any_.model_validate({"any": cs})),
        inner.map(lambda c: Not.model_validate({"not": c})),
    ),
    max_leaves=6,
)


@settings(max_examples=600, deadline=None)
@given(conditions, answers)
@example(Comparison.model_validate({"question": "q1", "eq": 1}), {"q1": True})
@example(Comparison.model_validate({"question": "q1", "in": [1, 2]}), {"q1": True})
@example(Comparison.model_validate({"question": "q1", "in": []}), {"q1": "a"})
@example(Comparison.model_validate({"question": "q1", "not_in": []}), {"q1": [1]})
@example(Comparison.model_validate({"question": "q1", "ge": 1}), {"q1": dt.date(2026, 1, 1)})
@example(Comparison.model_validate({"question": "q1", "min_length": 2}), {"q1": " a "})
@example(Comparison.model_validate({"question": "q1", "answered": False}), {"q1": None})
@example(Comparison.model_validate({"field": "type", "eq": "project"}), {})
@example(Comparison.model_validate({"question": "q1", "between": {"min": 1, "max": 2}}), {"q1": 2})
@example(
    Comparison.model_validate({"question": "q1", "between": {"min": 1, "max": "2"}}), {"q1": 1}
)
@example(Comparison.model_validate({"question": "q1", "in": ["a", "b"]}), {"q1": "b"})
@example(Comparison.model_validate({"ratio": RATIO, "ge": 2}), {"q1": 2})  # exactly 2
@example(Comparison.model_validate({"ratio": RATIO, "gt": 1.9}), {"q1": 2})
@example(Comparison.model_validate({"ratio": RATIO, "answered": False}), {"q1": True})
@example(Comparison.model_validate({"ratio": PER_Q2, "eq": 0}), {"q1": 0, "q2": 0})
def test_compiled_condition_agrees_with_the_interpreter(
    condition: Condition, answers: dict[str, Any]
) -> None:
    interpreted = condition_holds(condition, APPLICATION, answers)
    assert compile_condition(condition)(answers, APPLICATION) is interpreted
    assert Facts(APPLICATION, answers).holds(condition) is interpreted
