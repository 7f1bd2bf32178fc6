"""The pure parts of the follow-up: how a delivered value compares with a promise, the
legal form an organisation number gives, and the decision checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallbarhet_cli.applications.decision import check_decision
from hallbarhet_cli.criteria.promises import DeclaredPromise
from hallbarhet_cli.files.yamlload import parse_text
from hallbarhet_cli.followup.compare import PromiseStatus, Request, compare_one
from hallbarhet_cli.models import Application, Question
from hallbarhet_cli.models.followup import Promise, Tolerance
from hallbarhet_cli.portfolio.groups import legal_form

JOBS = Question(id="jobs", type="integer", label="Jobs")
GHG = Question(id="ghg", type="number", label="Emissions")
PLAN = Question(
    id="plan",
    type="choice",
    label="Plan",
    options=[{"value": "with_budget"}, {"value": "without_budget"}, {"value": "none"}],  # type: ignore[list-item]
)
YES = Question(id="yes", type="boolean", label="Yes")


def declared(question: Question, shortfall: str = "below", **tolerance: Any) -> DeclaredPromise:
    promise = Promise.model_validate(
        {"question": question.id, "shortfall": shortfall}
        | ({"tolerance": tolerance} if tolerance else {})
    )
    return DeclaredPromise(promise, None, 0)  # type: ignore[arg-type]


def status(
    question: Question,
    promised: Any,
    delivered: Any,
    shortfall: str = "below",
    explanation: str | None = None,
    final: bool = True,
    **tolerance: Any,
) -> tuple[PromiseStatus, Request | None]:
    result = compare_one(
        declared(question, shortfall, **tolerance),
        question,
        promised,
        delivered,
        explanation,
        final,
    )
    return result.status, result.request


@pytest.mark.parametrize(
    ("promised", "delivered", "tolerance", "expected"),
    [
        (10, 10, {}, PromiseStatus.DELIVERED),
        (10, 12, {}, PromiseStatus.EXCEEDED),
        (10, 9, {}, PromiseStatus.SHORT),
        (10, 9, {"percent": 10}, PromiseStatus.WITHIN_TOLERANCE),  # 1 short, 10 % of 10
        (10, 8, {"percent": 10}, PromiseStatus.SHORT),
        (10, 8, {"absolute": 2}, PromiseStatus.WITHIN_TOLERANCE),
        (0, 0, {"percent": 50}, PromiseStatus.DELIVERED),
    ],
)
def test_numbers_where_less_falls_short(
    promised: int, delivered: int, tolerance: dict[str, float], expected: PromiseStatus
) -> None:
    assert status(JOBS, promised, delivered, **tolerance)[0] is expected


def test_emissions_where_more_falls_short() -> None:
    # a promised cut of 210 t; 205 t is a smaller cut, within 10 %; 150 t is short
    assert status(GHG, -210, -205, "above", percent=10)[0] is PromiseStatus.WITHIN_TOLERANCE
    assert status(GHG, -210, -150, "above", percent=10)[0] is PromiseStatus.SHORT
    assert status(GHG, -210, -300, "above", percent=10)[0] is PromiseStatus.EXCEEDED


def test_choices_rank_by_their_order_and_booleans_yes_above_no() -> None:
    assert status(PLAN, "with_budget", "none", "above")[0] is PromiseStatus.SHORT
    assert status(PLAN, "without_budget", "with_budget", "above")[0] is PromiseStatus.EXCEEDED
    assert status(YES, True, False)[0] is PromiseStatus.SHORT
    assert status(YES, False, True)[0] is PromiseStatus.EXCEEDED


def test_what_becomes_a_completion_request() -> None:
    assert status(JOBS, 10, 5) == (PromiseStatus.SHORT, Request.EXPLAIN)
    assert status(JOBS, 10, 5, explanation="Two left") == (PromiseStatus.SHORT, None)
    assert status(JOBS, 10, 9, percent=10) == (PromiseStatus.WITHIN_TOLERANCE, None)
    assert status(JOBS, 10, None) == (PromiseStatus.NOT_REPORTED, Request.REPORT)
    assert status(JOBS, 10, None, final=False) == (PromiseStatus.NOT_REPORTED, None)


@given(
    st.integers(-10_000, 10_000),
    st.integers(-10_000, 10_000),
    st.sampled_from(["below", "above"]),
    st.floats(0, 100),
)
def test_a_status_always_agrees_with_the_direction(
    promised: int, delivered: int, shortfall: str, percent: float
) -> None:
    found, request = status(JOBS, promised, delivered, shortfall, percent=percent)
    worse = delivered < promised if shortfall == "below" else delivered > promised
    if delivered == promised:
        assert found is PromiseStatus.DELIVERED
    elif not worse:
        assert found is PromiseStatus.EXCEEDED
    else:
        assert found in (PromiseStatus.WITHIN_TOLERANCE, PromiseStatus.SHORT)
        within = abs(delivered - promised) <= abs(promised) * percent / 100
        assert (found is PromiseStatus.WITHIN_TOLERANCE) is within
    assert (request is Request.EXPLAIN) is (found is PromiseStatus.SHORT)


def test_a_tolerance_is_a_percent_or_an_amount() -> None:
    assert Tolerance(percent=10).allowance(-210) == 21
    assert Tolerance(absolute=2).allowance(5) == 2
    with pytest.raises(ValueError, match="either `percent` or `absolute`"):
        Tolerance(percent=10, absolute=2)
    with pytest.raises(ValueError):
        Tolerance()


@pytest.mark.parametrize(
    ("number", "form"),
    [
        ("212000-0142", "2"),  # a municipality
        ("556036-0793", "5"),  # a limited company
        ("802517-4406", "8"),  # an association
        ("16556036-0793", "5"),  # with the prefix 16
        ("19800101-1234", "sole_trader"),  # a personal identity number
        ("8001011234", "sole_trader"),
        ("412345-6789", None),  # no such group
        ("12-34", None),
        (None, None),
    ],
)
def test_the_legal_form_from_an_organisation_number(number: str | None, form: str | None) -> None:
    assert legal_form(number) == form


APPLICATION = """\
kind: application
id: A-1
type: project
title: T
applicant: {name: N, sector: public}
budget: {total_sek: 2000, requested_sek: 1000}
period: {start: 2026-01-01, end: 2026-12-31}
decision:
  date: 2026-03-01
"""


@pytest.mark.parametrize(
    ("decision", "rules"),
    [
        ("  outcome: granted\n  granted_sek: 1000\n", []),
        ("  outcome: partly_granted\n  granted_sek: 600\n", []),
        ("  outcome: granted\n  granted_sek: 1001\n", [("decision-exceeds", 11, 16)]),
        ("  outcome: granted\n", [("decision-amount", 10, 12)]),
        ("  outcome: granted\n  granted_sek: 0\n", [("decision-amount", 11, 16)]),
        ("  outcome: rejected\n  granted_sek: 10\n", [("decision-amount", 11, 16)]),
        ("  outcome: withdrawn\n", []),
        ("  outcome: partly_granted\n  granted_sek: 1000\n", [("decision-outcome", 10, 12)]),
    ],
)
def test_decision_checks(decision: str, rules: list[tuple[str, int, int]]) -> None:
    document = parse_text(APPLICATION + decision, "app.yaml")
    app = Application.model_validate(document.data)
    assert app.decision is not None and app.decision.date == dt.date(2026, 3, 1)
    found = [(p.rule, p.line, p.column) for p in check_decision(document, app)]
    assert found == rules
