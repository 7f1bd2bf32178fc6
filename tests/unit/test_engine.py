"""The scoring engine: ladders, percents, relevance, gates, verdicts and improvements.

Every test writes a small criteria set as YAML to ``tmp_path`` and an application next to
it, loads both the way the CLI does and checks the assessment with exact numbers.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from hallbarhet_cli.applications.loading import LoadedApplication, application_from_document
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.errors import InputError
from hallbarhet_cli.files.yamlload import parse_text
from hallbarhet_cli.models import Application
from hallbarhet_cli.scoring.assessment import (
    Assessment,
    CriterionResult,
    MissingAnswer,
    Status,
    Verdict,
)
from hallbarhet_cli.scoring.engine import assess, fill_form

THREE_DIMENSIONS = """\
social: {title: Social, weight: 1}
ecological: {title: Ecological, weight: 1}
economic: {title: Economic, weight: 1}
"""
DEFAULT_VERDICT = "{pass_percent: 60, dimension_min_percent: 40}"


def criteria_set(
    body: str, *, dimensions: str = THREE_DIMENSIONS, verdict: str = DEFAULT_VERDICT
) -> str:
    """A criteria set: a fixed head, the given dimensions and verdict, then ``body``
    (``questions``, ``criteria`` and ``gates`` as YAML)."""
    head = "kind: criteria-set\nid: t\nversion: '1'\ntitle: T\n"
    dims = "dimensions:\n" + textwrap.indent(textwrap.dedent(dimensions), "  ")
    return f"{head}{dims}verdict: {verdict}\n{textwrap.dedent(body)}"


def load(
    tmp_path: Path,
    set_yaml: str,
    answers: Mapping[str, Any] | None = None,
    *,
    review: Mapping[str, Any] | None = None,
    type_: str = "project",
    sector: str = "public",
    requested: int = 1_000_000,
    start: str = "2026-04-01",
) -> LoadedApplication:
    """Write ``set_yaml`` to ``tmp_path/set.yaml`` and load an application for it."""
    (tmp_path / "set.yaml").write_text(set_yaml, encoding="utf-8")
    app: dict[str, Any] = {
        "kind": "application",
        "id": "T-1",
        "criteria": "set.yaml",
        "type": type_,
        "title": "Test",
        "applicant": {"name": "Testkommun", "sector": sector},
        "budget": {"total_sek": 10_000_000, "requested_sek": requested},
        "period": {"start": start, "end": "2029-12-31"},
        "answers": dict(answers or {}),
    }
    if review is not None:
        app["review"] = dict(review)
    text = yaml.safe_dump(app, allow_unicode=True, sort_keys=False)
    document = parse_text(text, "app.yaml")
    return application_from_document(document, tmp_path, CriteriaLibrary(folders=[tmp_path]))


def run(
    tmp_path: Path, set_yaml: str, answers: Mapping[str, Any] | None = None, **kwargs: Any
) -> Assessment:
    loaded = load(tmp_path, set_yaml, answers, **kwargs)
    return assess(loaded.criteria, loaded.model, loaded.answers)


def result(assessment: Assessment, criterion_id: str) -> CriterionResult:
    return next(r for r in assessment.criteria if r.id == criterion_id)


def percents(assessment: Assessment) -> dict[str, float | None]:
    return {d.id: d.percent for d in assessment.dimensions}


def scores(**points: int) -> dict[str, Any]:
    """A review with the officer's points for manual criteria."""
    return {"scores": {cid: {"points": p} for cid, p in points.items()}}


# -- the ladder ---------------------------------------------------------------------------

LADDER = criteria_set(
    """\
    questions:
      - {id: x, type: number, label: X}
    criteria:
      - id: C
        dimension: social
        title: C
        levels:
          - {points: 3, when: {question: x, lt: -10}}
          - {points: 2, when: {question: x, lt: 0}}
          - {points: 1, when: {question: x, eq: 0}}
          - {points: 0}
    """
)


@pytest.mark.parametrize(
    ("x", "points", "level", "status"),
    [
        (-20, 3, 0, Status.MET),
        (-10.5, 3, 0, Status.MET),
        (-10, 2, 1, Status.PARTIAL),
        (-0.5, 2, 1, Status.PARTIAL),
        (0, 1, 2, Status.PARTIAL),
        (7, 0, 3, Status.NOT_MET),
    ],
)
def test_first_level_whose_condition_holds_scores(
    tmp_path: Path, x: float | None, points: int, level: int, status: Status
) -> None:
    a = run(tmp_path, LADDER, {} if x is None else {"x": x})
    c = result(a, "C")
    assert (c.points, c.max_points, c.level, c.status) == (points, 3, level, status)
    assert c.answers == (("x", x),)
    assert percents(a)["social"] == pytest.approx(100 * points / 3, rel=1e-12)
    assert a.overall_percent == pytest.approx(100 * points / 3, rel=1e-12)


OUT_OF_ORDER = criteria_set(
    """\
    questions:
      - {id: x, type: number, label: X}
    criteria:
      - id: C
        dimension: social
        title: C
        levels:
          - {points: 1, when: {question: x, gt: 0}}
          - {points: 3, when: {question: x, gt: 10}}
    """
)


@pytest.mark.parametrize(
    ("x", "points", "level"),
    [
        (20, 1, 0),  # the first level that holds wins, even though a later one is worth more
        (5, 1, 0),
        (-1, 0, None),  # no level holds and there is no unconditional last level
        (None, 0, None),
    ],
)
def test_ladder_order_and_max_points(
    tmp_path: Path, x: int | None, points: int, level: int | None
) -> None:
    c = result(run(tmp_path, OUT_OF_ORDER, {} if x is None else {"x": x}), "C")
    assert (c.points, c.level) == (points, level)
    assert c.max_points == 3  # the highest level's points, not the first level's
    assert c.fraction == points / 3


def test_no_level_holds_scores_zero_with_level_none(tmp_path: Path) -> None:
    a = run(tmp_path, OUT_OF_ORDER, {"x": -5})
    c = result(a, "C")
    assert c.points == 0
    assert c.level is None
    assert c.status is Status.NOT_MET
    assert percents(a)["social"] == 0.0


def test_manual_max_points_and_points_from_review(tmp_path: Path) -> None:
    body = """\
    criteria:
      - id: M
        dimension: social
        title: M
        manual: {max_points: 4}
    """
    review = {"scores": {"M": {"points": 3, "comment": "Godtagbart."}}}
    a = run(tmp_path, criteria_set(body), review=review)
    m = result(a, "M")
    assert (m.points, m.max_points, m.status, m.manual) == (3, 4, Status.PARTIAL, True)
    assert m.comment == "Godtagbart."
    assert m.level is None
    assert percents(a)["social"] == 75.0
    assert a.overall_percent == 75.0


# -- percents ------------------------------------------------------------------------------

PERCENTS = criteria_set(
    """\
    criteria:
      - {id: S1, dimension: social, title: S1, weight: 2, manual: {max_points: 3}}
      - {id: S2, dimension: social, title: S2, weight: 1, manual: {max_points: 4}}
      - {id: E1, dimension: ecological, title: E1, weight: 1.5, manual: {max_points: 5}}
      - {id: E2, dimension: ecological, title: E2, weight: 0.5, manual: {max_points: 2}}
    """,
    dimensions="""\
    social: {title: Social, weight: 2}
    ecological: {title: Ecological, weight: 1}
    economic: {title: Economic, weight: 1}
    """,
)


def test_dimension_and_overall_percents_are_weighted_means(tmp_path: Path) -> None:
    a = run(tmp_path, PERCENTS, review=scores(S1=1, S2=4, E1=2, E2=0))
    social = 100 * (2 * (1 / 3) + 1 * (4 / 4)) / (2 + 1)
    ecological = 100 * (1.5 * (2 / 5) + 0.5 * (0 / 2)) / (1.5 + 0.5)
    assert social == pytest.approx(55.5555555556)
    assert ecological == pytest.approx(30.0)
    got = percents(a)
    assert got["social"] == pytest.approx(social, rel=1e-12)
    assert got["ecological"] == pytest.approx(ecological, rel=1e-12)
    # economic has no criteria: no percent, and it does not count towards overall
    assert got["economic"] is None
    overall = (2 * social + 1 * ecological) / (2 + 1)
    assert a.overall_percent == pytest.approx(overall, rel=1e-12)
    assert [(d.id, d.weight) for d in a.dimensions] == [
        ("social", 2.0),
        ("ecological", 1.0),
        ("economic", 1.0),
    ]
    assert a.verdict is Verdict.FAIL  # ecological 30 % is below the 40 % minimum


def test_dimension_with_only_zero_weight_criteria_has_no_percent(tmp_path: Path) -> None:
    """The linter rejects such a set (zero-weight), so an application never meets it; the
    engine itself still handles it without dividing by zero."""
    body = """\
    criteria:
      - {id: S1, dimension: social, title: S1, manual: {max_points: 2}}
      - {id: E1, dimension: ecological, title: E1, weight: 0, manual: {max_points: 2}}
    """
    with pytest.raises(InputError) as refused:
        run(tmp_path, criteria_set(body), review=scores(S1=1, E1=0))
    assert [p.rule for p in refused.value.problems] == ["zero-weight"]
    resolved = CriteriaLibrary(folders=[tmp_path]).resolve_path(tmp_path / "set.yaml")
    application = Application.model_validate(
        {
            "kind": "application",
            "id": "A",
            "type": "project",
            "title": "T",
            "applicant": {"name": "N", "sector": "public"},
            "budget": {"total_sek": 2, "requested_sek": 1},
            "period": {"start": "2026-01-01", "end": "2026-12-31"},
            "review": scores(S1=1, E1=0),
        }
    )
    a = assess(resolved, application, {})
    assert percents(a) == {"social": 50.0, "ecological": None, "economic": None}
    assert a.overall_percent == 50.0


def test_dimension_with_zero_weight_is_left_out_of_overall(tmp_path: Path) -> None:
    body = """\
    criteria:
      - {id: S1, dimension: social, title: S1, manual: {max_points: 2}}
      - {id: E1, dimension: ecological, title: E1, manual: {max_points: 2}}
    """
    dims = """\
    social: {title: Social, weight: 1}
    ecological: {title: Ecological, weight: 0}
    """
    a = run(tmp_path, criteria_set(body, dimensions=dims), review=scores(S1=2, E1=1))
    assert percents(a) == {"social": 100.0, "ecological": 50.0}
    assert a.overall_percent == 100.0


def test_set_without_criteria_has_no_overall_percent(tmp_path: Path) -> None:
    a = run(tmp_path, criteria_set("questions:\n  - {id: x, type: number, label: X}\n"))
    assert a.overall_percent is None
    assert percents(a) == {"social": None, "ecological": None, "economic": None}
    assert a.improvements == ()


# -- relevance -----------------------------------------------------------------------------

RELEVANCE = criteria_set(
    """\
    questions:
      - id: analysis
        type: choice
        label: Analysis
        required: true
        options: [{value: none}, {value: planned}, {value: done}]
      - id: plan
        type: text
        label: Plan
        required: true
        min_length: 20
        relevant: {question: analysis, in: [planned, done]}
    criteria:
      - id: HAS-PLAN
        dimension: social
        title: Has a plan
        levels:
          - {points: 1, when: {question: plan, answered: true}}
          - {points: 0}
      - id: NO-PLAN
        dimension: ecological
        title: Has no plan
        levels:
          - {points: 1, when: {question: plan, answered: false}}
          - {points: 0}
    """
)
LONG_PLAN = "En plan som är tillräckligt lång för att räknas."


def test_answer_to_question_not_asked_is_ignored(tmp_path: Path) -> None:
    a = run(tmp_path, RELEVANCE, {"analysis": "none", "plan": LONG_PLAN})
    assert a.missing == ()
    assert a.ignored_answers == ("plan",)
    # conditions see the ignored answer as unanswered
    assert result(a, "HAS-PLAN").points == 0
    assert result(a, "NO-PLAN").points == 1
    assert result(a, "HAS-PLAN").answers == (("plan", None),)
    assert a.verdict is not Verdict.INCOMPLETE


def test_required_question_not_asked_is_never_missing(tmp_path: Path) -> None:
    a = run(tmp_path, RELEVANCE, {"analysis": "none"})
    assert a.missing == ()
    assert a.ignored_answers == ()
    assert not a.provisional


def test_required_relevant_unanswered_question_is_missing(tmp_path: Path) -> None:
    a = run(tmp_path, RELEVANCE, {"analysis": "done"})
    assert a.missing == (MissingAnswer("plan"),)
    assert a.verdict is Verdict.INCOMPLETE
    assert a.provisional
    assert result(a, "HAS-PLAN").status is Status.MISSING


def test_relevant_question_with_answer_counts(tmp_path: Path) -> None:
    a = run(tmp_path, RELEVANCE, {"analysis": "planned", "plan": LONG_PLAN})
    assert a.missing == ()
    assert a.ignored_answers == ()
    assert result(a, "HAS-PLAN").points == 1
    assert result(a, "NO-PLAN").points == 0


@pytest.mark.parametrize("plan", ["Kort plan", "   Kort plan        "])
def test_text_shorter_than_min_length_is_missing_and_unanswered(tmp_path: Path, plan: str) -> None:
    a = run(tmp_path, RELEVANCE, {"analysis": "done", "plan": plan})
    assert a.missing == (MissingAnswer("plan", too_short=True, length=len("Kort plan")),)
    assert result(a, "HAS-PLAN").points == 0
    assert result(a, "NO-PLAN").points == 1  # `answered: false` holds for a too short text
    assert a.verdict is Verdict.INCOMPLETE


def test_text_of_exactly_min_length_counts(tmp_path: Path) -> None:
    a = run(tmp_path, RELEVANCE, {"analysis": "done", "plan": "x" * 20})
    assert a.missing == ()
    assert result(a, "HAS-PLAN").points == 1


def test_relevance_chains_through_questions_not_asked(tmp_path: Path) -> None:
    body = """\
    questions:
      - {id: a, type: boolean, label: A, required: true}
      - {id: b, type: boolean, label: B, required: true, relevant: {question: a, eq: true}}
      - {id: c, type: text, label: C, required: true, relevant: {question: b, eq: true}}
    """
    loaded = load(tmp_path, criteria_set(body), {"a": False, "b": True, "c": "svar"})
    form = fill_form(loaded.criteria, loaded.model, loaded.answers)
    assert form.answers == {"a": False}
    assert form.asked == {"a"}
    assert form.ignored == ["b", "c"]  # c is not asked, because b (not asked) reads as unanswered
    assert form.missing == []


def test_false_and_zero_are_answers(tmp_path: Path) -> None:
    body = """\
    questions:
      - {id: flag, type: boolean, label: Flag, required: true}
      - {id: n, type: integer, label: N, required: true}
      - {id: picks, type: multichoice, label: P, required: true, options: [{value: a}]}
      - {id: words, type: text, label: W, required: true}
    """
    loaded = load(tmp_path, criteria_set(body), {"flag": False, "n": 0, "picks": [], "words": " "})
    form = fill_form(loaded.criteria, loaded.model, loaded.answers)
    assert form.answers == {"flag": False, "n": 0}
    assert form.missing == [MissingAnswer("picks"), MissingAnswer("words")]


# -- gates ---------------------------------------------------------------------------------

GATES = criteria_set(
    """\
    questions:
      - {id: fossil, type: boolean, label: Fossil}
      - {id: water, type: boolean, label: Water}
      - {id: plan, type: text, label: Plan, required: true}
    criteria:
      - id: C
        dimension: social
        title: C
        levels:
          - {points: 1, when: {question: plan, answered: true}}
          - {points: 0}
    gates:
      - {id: FOSSIL, title: Fossil, when: {question: fossil, eq: true}, effect: exclude}
      - {id: WATER, title: Water, when: {question: water, eq: true}, effect: review}
    """
)


def test_exclude_gate_excludes_even_when_incomplete(tmp_path: Path) -> None:
    a = run(tmp_path, GATES, {"fossil": True})
    assert a.verdict is Verdict.EXCLUDED
    assert a.missing == (MissingAnswer("plan"),)
    assert not a.provisional  # final: nothing missing changes the gate
    assert a.final and a.improvements == ()
    assert [(g.id, g.effect, g.cleared) for g in a.gates] == [("FOSSIL", "exclude", False)]
    assert a.gates[0].answers == (("fossil", True),)


def test_review_gate_not_cleared_makes_incomplete(tmp_path: Path) -> None:
    a = run(tmp_path, GATES, {"water": True, "plan": "En plan."})
    assert a.verdict is Verdict.INCOMPLETE
    assert a.provisional
    assert a.uncleared == ("WATER",)
    assert [(g.id, g.effect, g.cleared) for g in a.gates] == [("WATER", "review", False)]
    assert a.overall_percent == 100.0


def test_cleared_review_gate_has_no_effect(tmp_path: Path) -> None:
    a = run(tmp_path, GATES, {"water": True, "plan": "En plan."}, review={"cleared": ["WATER"]})
    assert a.verdict is Verdict.PASS
    assert not a.provisional
    assert a.uncleared == ()
    assert [(g.id, g.effect, g.cleared) for g in a.gates] == [("WATER", "review", True)]


@pytest.mark.parametrize(
    "when",
    [
        "{question: q, eq: false}",
        "{question: q, ne: true}",
        "{question: n, lt: 100}",
        "{question: n, ne: 5}",
        "{question: pick, not_in: [a]}",
        "{question: pick, in: [a, b]}",
        "{question: many, includes_any: [a]}",
        "{question: words, min_length: 0}",
        "{question: q, answered: true}",
    ],
)
def test_comparison_on_unanswered_question_is_false(tmp_path: Path, when: str) -> None:
    body = f"""\
    questions:
      - {{id: q, type: boolean, label: Q}}
      - {{id: n, type: number, label: N}}
      - {{id: pick, type: choice, label: P, options: [{{value: a}}, {{value: b}}]}}
      - {{id: many, type: multichoice, label: M, options: [{{value: a}}]}}
      - {{id: words, type: text, label: W}}
    gates:
      - {{id: G, title: G, when: {when}, effect: exclude}}
    """
    a = run(tmp_path, criteria_set(body), {})
    assert a.gates == ()
    assert a.verdict is not Verdict.EXCLUDED


@pytest.mark.parametrize(
    "when", ["{question: q, answered: false}", "{not: {question: q, eq: true}}"]
)
def test_answered_false_and_not_hold_for_unanswered_question(tmp_path: Path, when: str) -> None:
    body = f"""\
    questions:
      - {{id: q, type: boolean, label: Q}}
    gates:
      - {{id: G, title: G, when: {when}, effect: exclude}}
    """
    a = run(tmp_path, criteria_set(body), {})
    assert [g.id for g in a.gates] == ["G"]
    assert a.verdict is Verdict.EXCLUDED


# -- verdicts ------------------------------------------------------------------------------

VERDICTS = criteria_set(
    """\
    questions:
      - {id: fossil, type: boolean, label: Fossil}
      - {id: big, type: boolean, label: Big}
      - {id: good, type: boolean, label: Good}
      - {id: plan, type: text, label: Plan, required: true}
    criteria:
      - id: C
        dimension: social
        title: C
        levels:
          - {points: 1, when: {question: good, eq: true}}
          - {points: 0}
      - {id: M, dimension: social, title: M, manual: {max_points: 1}}
    gates:
      - {id: EXCL, title: Excl, when: {question: fossil, eq: true}, effect: exclude}
      - {id: REV, title: Rev, when: {question: big, eq: true}, effect: review}
    """
)
PLAN = {"plan": "En plan."}


@pytest.mark.parametrize(
    ("answers", "review", "verdict", "provisional"),
    [
        pytest.param({**PLAN, "good": True}, scores(M=1), Verdict.PASS, False, id="pass"),
        pytest.param({**PLAN, "good": False}, scores(M=1), Verdict.FAIL, False, id="fail"),
        pytest.param({"good": True}, scores(M=1), Verdict.INCOMPLETE, True, id="missing"),
        pytest.param({**PLAN, "good": True}, None, Verdict.INCOMPLETE, True, id="unscored"),
        pytest.param(
            {**PLAN, "good": True, "big": True}, scores(M=1), Verdict.INCOMPLETE, True, id="review"
        ),
        pytest.param(
            {**PLAN, "good": True, "big": True},
            {**scores(M=1), "cleared": ["REV"]},
            Verdict.PASS,
            False,
            id="review-cleared",
        ),
        pytest.param({"good": False}, scores(M=0), Verdict.INCOMPLETE, True, id="incomplete>fail"),
        pytest.param(
            {**PLAN, "good": True, "fossil": True},
            scores(M=1),
            Verdict.EXCLUDED,
            False,
            id="excluded>pass",
        ),
        pytest.param(
            # an exclusion is final: not provisional, whatever is missing
            {"fossil": True, "big": True},
            None,
            Verdict.EXCLUDED,
            False,
            id="excluded>incomplete",
        ),
        pytest.param(
            {**PLAN, "fossil": True, "good": False},
            scores(M=0),
            Verdict.EXCLUDED,
            False,
            id="excluded>fail",
        ),
    ],
)
def test_verdict_precedence(
    tmp_path: Path,
    answers: dict[str, Any],
    review: dict[str, Any] | None,
    verdict: Verdict,
    provisional: bool,
) -> None:
    a = run(tmp_path, VERDICTS, answers, review=review)
    assert a.verdict is verdict
    assert a.provisional is provisional


def test_strong_dimension_does_not_buy_off_a_weak_one(tmp_path: Path) -> None:
    body = """\
    criteria:
      - {id: S, dimension: social, title: S, manual: {max_points: 10}}
      - {id: E, dimension: ecological, title: E, manual: {max_points: 10}}
      - {id: K, dimension: economic, title: K, manual: {max_points: 10}}
    """
    a = run(tmp_path, criteria_set(body), review=scores(S=3, E=10, K=10))
    assert percents(a) == {"social": 30.0, "ecological": 100.0, "economic": 100.0}
    assert a.overall_percent == pytest.approx(230 / 3, rel=1e-12)
    assert a.overall_percent is not None
    assert a.overall_percent > 60
    assert [d.id for d in a.dimensions if d.below_minimum] == ["social"]
    assert a.verdict is Verdict.FAIL


def threshold_set(pass_percent: float, dimension_min: float, points: list[int]) -> str:
    """One criterion out of 10 000 points whose points equal the answer to ``x``."""
    levels = "".join(
        f"      - {{points: {p}, when: {{question: x, eq: {p}}}}}\n" for p in [10000, *points]
    )
    body = (
        "questions:\n  - {id: x, type: integer, label: X}\n"
        "criteria:\n  - id: C\n    dimension: social\n    title: C\n    levels:\n" + levels
    )
    return criteria_set(
        body,
        verdict=f"{{pass_percent: {pass_percent}, dimension_min_percent: {dimension_min}}}",
    )


@pytest.mark.parametrize(
    ("x", "percent", "verdict"),
    [
        (6000, 60.0, Verdict.PASS),  # exactly at the threshold passes
        (5999, 59.99, Verdict.FAIL),
        (5996, 59.96, Verdict.FAIL),  # would show as 60.0 in a report, still fails
        (6001, 60.01, Verdict.PASS),
    ],
)
def test_pass_percent_compares_unrounded_values(
    tmp_path: Path, x: int, percent: float, verdict: Verdict
) -> None:
    a = run(tmp_path, threshold_set(60, 0, [6001, 6000, 5999, 5996]), {"x": x})
    assert a.overall_percent == pytest.approx(percent, rel=1e-12)
    assert a.verdict is verdict


@pytest.mark.parametrize(
    ("x", "verdict"),
    [(4000, Verdict.PASS), (3999, Verdict.FAIL), (3996, Verdict.FAIL)],
)
def test_dimension_minimum_compares_unrounded_values(
    tmp_path: Path, x: int, verdict: Verdict
) -> None:
    a = run(tmp_path, threshold_set(0, 40, [4000, 3999, 3996]), {"x": x})
    assert a.dimensions[0].below_minimum is (verdict is Verdict.FAIL)
    assert a.verdict is verdict


# -- manual criteria -----------------------------------------------------------------------

MANUAL = criteria_set(
    """\
    criteria:
      - {id: M, dimension: social, title: M, manual: {max_points: 3}}
      - {id: N, dimension: social, title: N, manual: {max_points: 1}}
    """
)


def test_unscored_manual_criterion_counts_zero_and_is_incomplete(tmp_path: Path) -> None:
    a = run(tmp_path, MANUAL, review=scores(N=1))
    m = result(a, "M")
    assert (m.points, m.max_points, m.status, m.manual) == (0, 3, Status.UNSCORED, True)
    assert a.unscored == ("M",)
    assert a.verdict is Verdict.INCOMPLETE
    assert a.provisional
    assert percents(a)["social"] == 50.0  # (0/3 + 1/1) / 2, conservative while unscored


def test_no_review_leaves_every_manual_criterion_unscored(tmp_path: Path) -> None:
    a = run(tmp_path, MANUAL)
    assert a.unscored == ("M", "N")
    assert {r.status for r in a.criteria} == {Status.UNSCORED}
    assert not a.scorable  # nothing answered, nothing scored: unknown, not 0 %
    assert a.overall_percent is None


def test_an_application_with_no_answers_cannot_be_scored(tmp_path: Path) -> None:
    a = run(tmp_path, LADDER, {})
    c = result(a, "C")
    assert not a.scorable
    assert a.verdict is Verdict.INCOMPLETE
    assert (c.level, c.status) == (3, Status.MISSING)
    assert a.overall_percent is None
    assert percents(a)["social"] is None
    assert a.improvements == ()


@pytest.mark.parametrize(
    ("points", "status"), [(0, Status.NOT_MET), (2, Status.PARTIAL), (3, Status.MET)]
)
def test_scored_manual_criterion_takes_points_from_review(
    tmp_path: Path, points: int, status: Status
) -> None:
    a = run(tmp_path, MANUAL, review=scores(M=points, N=1))
    m = result(a, "M")
    assert (m.points, m.status) == (points, status)
    assert a.unscored == ()
    assert percents(a)["social"] == pytest.approx(100 * (points / 3 + 1) / 2, rel=1e-12)


# -- improvements --------------------------------------------------------------------------

IMPROVEMENTS = criteria_set(
    """\
    questions:
      - {id: a, type: integer, label: A}
      - {id: c, type: integer, label: C}
    criteria:
      - id: A
        dimension: social
        title: A
        levels:
          - {points: 3, when: {question: a, ge: 10}}
          - {points: 2, when: {question: a, ge: 5}}
          - {points: 1, when: {question: a, ge: 1}}
          - {points: 0}
      - {id: B, dimension: social, title: B, weight: 3, manual: {max_points: 4}}
      - id: C
        dimension: ecological
        title: C
        levels:
          - {points: 2, when: {question: c, ge: 2}}
          - {points: 1, when: {question: c, ge: 1}}
          - {points: 0}
      - {id: D, dimension: ecological, title: D, manual: {max_points: 2}}
    """,
    dimensions="""\
    social: {title: Social, weight: 2}
    ecological: {title: Ecological, weight: 1}
    """,
)


def test_improvements_next_level_exact_gain_and_rank(tmp_path: Path) -> None:
    a = run(tmp_path, IMPROVEMENTS, {"a": 0, "c": 1}, review=scores(B=1, D=2))
    # shares of the overall: social 2/3 split A 1/4, B 3/4; ecological 1/3 split C 1/2, D 1/2
    gain_a = 100 * (2 / 3) * (1 / 4) * (1 - 0) / 3  # to the lowest level above 0: 1 point
    gain_b = 100 * (2 / 3) * (3 / 4) * (4 - 1) / 4  # manual: to its maximum
    gain_c = 100 * (1 / 3) * (1 / 2) * (2 - 1) / 2
    assert (gain_b, gain_c, gain_a) == pytest.approx((37.5, 25 / 3, 50 / 9), rel=1e-12)
    got = [(i.criterion, i.from_points, i.to_points, i.level) for i in a.improvements]
    assert got == [("B", 1, 4, None), ("C", 1, 2, 0), ("A", 0, 1, 2)]
    assert [i.gain for i in a.improvements] == pytest.approx([gain_b, gain_c, gain_a], rel=1e-12)


@pytest.mark.parametrize(("before", "after"), [({"a": 0}, {"a": 1}), ({"a": 7}, {"a": 10})])
def test_improvement_gain_equals_the_change_in_overall(
    tmp_path: Path, before: dict[str, int], after: dict[str, int]
) -> None:
    review = scores(B=1, D=2)
    a = run(tmp_path, IMPROVEMENTS, {**before, "c": 1}, review=review)
    gain = next(i.gain for i in a.improvements if i.criterion == "A")
    b = run(tmp_path, IMPROVEMENTS, {**after, "c": 1}, review=review)
    assert a.overall_percent is not None
    assert b.overall_percent is not None
    assert b.overall_percent - a.overall_percent == pytest.approx(gain, rel=1e-9)


def test_no_improvement_for_criteria_at_max(tmp_path: Path) -> None:
    a = run(tmp_path, IMPROVEMENTS, {"a": 10, "c": 2}, review=scores(B=4, D=2))
    assert a.overall_percent == 100.0
    assert a.improvements == ()


def test_improvements_with_equal_gain_are_ranked_by_id(tmp_path: Path) -> None:
    body = """\
    criteria:
      - {id: Z, dimension: social, title: Z, manual: {max_points: 2}}
      - {id: B, dimension: social, title: B, manual: {max_points: 2}}
      - {id: M, dimension: ecological, title: M, manual: {max_points: 2}}
      - {id: A, dimension: economic, title: A, manual: {max_points: 4}}
    """
    a = run(tmp_path, criteria_set(body), review=scores(Z=1, B=1, M=1, A=0))
    # A: 1/3 * 4/4 of the overall; Z, B: 1/3 * 1/2 * 1/2; M: 1/3 * 1/2
    assert [i.criterion for i in a.improvements] == ["A", "M", "B", "Z"]
    assert [i.gain for i in a.improvements] == pytest.approx(
        [100 / 3, 100 / 6, 100 / 12, 100 / 12], rel=1e-12
    )


def test_improvement_from_no_level_goes_to_the_lowest_level(tmp_path: Path) -> None:
    a = run(tmp_path, OUT_OF_ORDER, {"x": -1})
    (i,) = a.improvements
    assert (i.criterion, i.from_points, i.to_points, i.level) == ("C", 0, 1, 0)
    assert i.gain == pytest.approx(100 / 3, rel=1e-12)


# -- statuses ------------------------------------------------------------------------------

STATUSES = criteria_set(
    """\
    questions:
      - {id: a, type: boolean, label: A, required: true}
      - {id: b, type: boolean, label: B, required: true}
    criteria:
      - id: C
        dimension: social
        title: C
        levels:
          - {points: 2, when: {all: [{question: a, eq: true}, {question: b, eq: true}]}}
          - {points: 1, when: {question: a, eq: true}}
          - {points: 0}
    """
)


@pytest.mark.parametrize(
    ("answers", "points", "status"),
    [
        ({"a": True, "b": True}, 2, Status.MET),
        ({"a": True, "b": False}, 1, Status.PARTIAL),
        ({"a": False, "b": False}, 0, Status.NOT_MET),
        ({"b": True}, 0, Status.MISSING),  # scored 0 for now: `a` is still unanswered
        ({}, 0, Status.MISSING),
        # below its maximum while `b` is unanswered: the score may still rise, so it is
        # marked missing rather than partial
        ({"a": True}, 1, Status.MISSING),
    ],
)
def test_criterion_status(
    tmp_path: Path, answers: dict[str, bool], points: int, status: Status
) -> None:
    c = result(run(tmp_path, STATUSES, answers), "C")
    assert (c.points, c.status) == (points, status)


# -- fields --------------------------------------------------------------------------------


def field_set(when: str) -> str:
    return criteria_set(
        f"""\
        criteria:
          - id: F
            dimension: economic
            title: F
            levels:
              - {{points: 1, when: {when}}}
              - {{points: 0}}
        """
    )


@pytest.mark.parametrize(
    ("when", "meta", "points"),
    [
        ("{field: budget.requested_sek, gt: 1000000}", {"requested": 1_000_001}, 1),
        ("{field: budget.requested_sek, gt: 1000000}", {"requested": 1_000_000}, 0),
        ("{field: budget.requested_sek, le: 500000}", {"requested": 500_000}, 1),
        ("{field: budget.requested_sek, le: 500000}", {"requested": 500_001}, 0),
        ("{field: type, eq: business_support}", {"type_": "business_support"}, 1),
        ("{field: type, eq: business_support}", {"type_": "project"}, 0),
        ("{field: applicant.sector, in: [public, civil_society]}", {"sector": "public"}, 1),
        ("{field: applicant.sector, in: [public, civil_society]}", {"sector": "company"}, 0),
        ("{field: applicant.sector, not_in: [company]}", {"sector": "academia"}, 1),
        ("{field: period.start, lt: 2026-07-01}", {"start": "2026-06-30"}, 1),
        ("{field: period.start, lt: 2026-07-01}", {"start": "2026-07-01"}, 0),
        ("{field: period.start, ge: 2026-07-01}", {"start": "2026-07-01"}, 1),
        (
            "{all: [{field: type, eq: project}, {field: budget.requested_sek, lt: 100}]}",
            {"requested": 99},
            1,
        ),
    ],
)
def test_field_conditions(tmp_path: Path, when: str, meta: dict[str, Any], points: int) -> None:
    a = run(tmp_path, field_set(when), **meta)
    f = result(a, "F")
    assert f.points == points
    assert f.answers == ()  # fields are not answers
