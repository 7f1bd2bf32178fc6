"""Manual criteria graded by named levels, and the per-criterion minimum of the verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallbarhet_cli.errors import InputError
from hallbarhet_cli.reporters.views import criteria_below_minimum
from hallbarhet_cli.scoring.assessment import Status, Verdict
from hallbarhet_cli.scoring.explain import Explainer
from tests.unit.test_engine import criteria_set, load, result, run

GRADES = criteria_set(
    """\
    criteria:
      - id: K1
        dimension: social
        title: Relevans
        manual:
          levels:
            - {level: IG, points: 0}
            - {level: G, points: 1}
            - {level: VG, points: 3, label: Väl godkänt}
            - {level: MVG, points: 5}
      - id: K2
        dimension: social
        title: Samverkan
        manual: {max_points: 5}
    """,
    dimensions="social: {title: Kvalitet, weight: 1}\n",
    verdict="{pass_percent: 0, dimension_min_percent: 0, criterion_min_points: 1}",
)


def graded(k1: str, k2: int) -> dict[str, object]:
    return {"scores": {"K1": {"level": k1, "comment": "Motiverat."}, "K2": {"points": k2}}}


def test_named_level_scores_its_points_and_keeps_its_name(tmp_path: Path) -> None:
    a = run(tmp_path, GRADES, review=graded("VG", 5))
    k1 = result(a, "K1")
    assert (k1.points, k1.max_points, k1.grade, k1.status) == (3, 5, "VG", Status.PARTIAL)
    assert a.verdict is Verdict.PASS
    reason = Explainer(load(tmp_path, GRADES, review=graded("VG", 5)).criteria, "en").reason(k1)
    assert reason == "Case officer's grade VG (Väl godkänt), 3 p: Motiverat."


def test_criterion_below_its_minimum_fails_whatever_the_total(tmp_path: Path) -> None:
    a = run(tmp_path, GRADES, review=graded("IG", 5))
    assert a.overall_percent == 50.0
    assert a.verdict is Verdict.FAIL
    assert a.criteria_below_minimum == ("K1",)
    loaded = load(tmp_path, GRADES, review=graded("IG", 5))
    assert criteria_below_minimum(a, Explainer(loaded.criteria, "en")) == [
        "“Relevans” has 0 p, below the minimum of 1 p it must reach; no total makes up for that."
    ]


def test_own_min_points_overrides_the_set_wide_minimum(tmp_path: Path) -> None:
    body = GRADES.replace("manual: {max_points: 5}", "manual: {max_points: 5}\n    min_points: 3")
    a = run(tmp_path, body, review=graded("G", 2))
    assert a.verdict is Verdict.FAIL
    assert a.criteria_below_minimum == ("K2",)
    assert run(tmp_path, body, review=graded("G", 3)).verdict is Verdict.PASS


def test_an_unscored_criterion_is_incomplete_not_below_its_minimum(tmp_path: Path) -> None:
    a = run(tmp_path, GRADES, review={"scores": {"K2": {"points": 4}}})
    assert a.verdict is Verdict.INCOMPLETE
    assert result(a, "K1").status is Status.UNSCORED


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        ({"level": "MGV"}, "'MGV' is not a level of 'K1'; the levels are IG, G, VG, MVG."),
        ({"points": 3}, "'K1' is scored by naming a level, one of IG, G, VG, MVG"),
    ],
)
def test_scores_must_name_a_level_of_the_scale(
    tmp_path: Path, score: dict[str, object], expected: str
) -> None:
    with pytest.raises(InputError) as raised:
        load(tmp_path, GRADES, review={"scores": {"K1": score}})
    text = "\n".join(p.render("en") for p in raised.value.problems)
    assert expected in text
    assert "score-level" in text


def test_points_or_level_not_both(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load(tmp_path, GRADES, review={"scores": {"K1": {"level": "G", "points": 1}}})
