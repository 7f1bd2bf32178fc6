"""The officer's last word, the goals a score may claim, and no data is not zero."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from hallbarhet_cli.scoring.assessment import Status, Verdict
from tests.unit.test_engine import criteria_set, percents, result, run

GOALS = criteria_set(
    """\
    questions:
      - {id: x, type: integer, label: X}
      - {id: y, type: integer, label: Y}
    criteria:
      - id: MARKED
        dimension: social
        title: Marked
        sdg: [5]
        levels:
          - {points: 3, contributes: true, when: {question: x, ge: 3}}
          - {points: 2, contributes: true, when: {question: x, ge: 2}}
          - {points: 1, contributes: false, when: {question: x, ge: 1}}
          - {points: 0}
      - id: TOP
        dimension: social
        title: Top
        sdg: [13]
        levels:
          - {points: 2, when: {question: y, ge: 2}}
          - {points: 1, when: {question: y, ge: 1}}
          - {points: 0}
    gates:
      - {id: STOP, title: Stop, when: {question: y, ge: 9}, effect: exclude}
    """
)


def test_marked_levels_contribute_and_unmarked_criteria_only_at_the_top(tmp_path: Path) -> None:
    assert run(tmp_path, GOALS, {"x": 1, "y": 1}).sdg == ()
    assert run(tmp_path, GOALS, {"x": 2, "y": 1}).sdg == (5,)
    assert run(tmp_path, GOALS, {"x": 1, "y": 2}).sdg == (13,)


def test_an_excluded_application_contributes_to_nothing_and_is_final(tmp_path: Path) -> None:
    a = run(tmp_path, GOALS, {"x": 3, "y": 9})
    assert a.verdict is Verdict.EXCLUDED and a.final
    assert a.sdg == () and a.improvements == () and not a.provisional


def test_an_override_replaces_the_score_and_keeps_the_automatic_one(tmp_path: Path) -> None:
    review = {"overrides": {"MARKED": {"points": 1, "comment": "Only on paper."}}}
    a = run(tmp_path, GOALS, {"x": 3, "y": 2}, review=review)
    marked = result(a, "MARKED")
    assert (marked.points, marked.automatic_points, marked.overridden) == (1, 3, True)
    assert marked.status is Status.PARTIAL and marked.comment == "Only on paper."
    assert a.overrides == 1
    assert percents(a)["social"] == float(Fraction(100) * (Fraction(1, 3) + 1) / 2)
    assert a.sdg == (13,)  # 1 point is below the lowest contributing level
    assert "MARKED" not in {i.criterion for i in a.improvements}  # the officer decided


def test_nothing_answered_cannot_be_scored_but_an_override_can(tmp_path: Path) -> None:
    empty = run(tmp_path, GOALS, {})
    assert not empty.scorable and empty.verdict is Verdict.INCOMPLETE
    assert empty.overall_percent is None and set(percents(empty).values()) == {None}
    assert {r.status for r in empty.criteria} == {Status.MISSING}
    review = {"overrides": {"TOP": {"points": 2, "comment": "Seen on site."}}}
    scored = run(tmp_path, GOALS, {}, review=review)
    assert scored.scorable and scored.overall_percent is not None
