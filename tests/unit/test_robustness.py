"""The robustness analysis (SMAA) on small rounds built in memory: its laws, the ranking and
funding rules it shares with the batch, the declared uncertainty and reading results."""

from __future__ import annotations

import dataclasses
import json
import random
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallbarhet_cli.batch.records import Outcome, Record, Status
from hallbarhet_cli.batch.summary import Tally
from hallbarhet_cli.errors import InputError
from hallbarhet_cli.robustness.analysis import analyse, draw_weights
from hallbarhet_cli.robustness.declared import DEFAULT_UNCERTAINTY, Declared, declared_uncertainty
from hallbarhet_cli.robustness.report import analyse_round
from hallbarhet_cli.robustness.round import RoundInput, SetWeights, read_results
from tests.unit.conftest import SetFolder

DIMENSIONS = (("social", 1.0), ("ecological", 2.0), ("economic", 1.0))
CRITERIA = (
    ("S1", "social", 1.0),
    ("S2", "social", 2.0),
    ("E1", "ecological", 1.0),
    ("E2", "ecological", 1.0),
    ("K1", "economic", 3.0),
    ("K2", "economic", 1.0),
)


def weights(spread: float | str, sha: str = "s" * 64) -> SetWeights:
    return SetWeights(
        sha256=sha,
        id="t",
        version="1",
        pass_percent=60.0,
        dimension_min_percent=40.0,
        dimensions=DIMENSIONS,
        criteria=CRITERIA,
        uncertainty=Declared(
            True,
            spread,
            {d: spread for d, _ in DIMENSIONS},
            {c: spread for c, _, _ in CRITERIA},
        ),
    )


def scored(fractions: list[float]) -> tuple[float, dict[str, float | None], str]:
    """The engine's arithmetic on nominal weights: overall, dimension percents, verdict."""
    per: dict[str, float | None] = {}
    for dimension, _ in DIMENSIONS:
        members = [
            (w, f) for (_, d, w), f in zip(CRITERIA, fractions, strict=True) if d == dimension
        ]
        total = sum(w for w, _ in members)
        per[dimension] = 100.0 * sum(w * f for w, f in members) / total
    overall = sum(w * (per[d] or 0.0) for d, w in DIMENSIONS) / sum(w for _, w in DIMENSIONS)
    passes = overall >= 60 and all((p or 0.0) >= 40 for p in per.values())
    return overall, per, "pass" if passes else "fail"


def make_round(
    apps: list[tuple[str, list[float], float]],
    spread: float | str,
    verdicts: dict[str, str] | None = None,
) -> RoundInput:
    """A round of applications ``(id, fractions, requested SEK)`` scored on 3 points."""
    round_ = RoundInput()
    set_weights = weights(spread)
    for app_id, fractions, requested in apps:
        overall, per, verdict = scored(fractions)
        round_.add(
            f"{app_id}.yaml",
            (app_id, app_id, requested),
            set_weights,
            (verdicts or {}).get(app_id, verdict),
            overall,
            per,
            {c: (3.0 * f, 3.0) for (c, _, _), f in zip(CRITERIA, fractions, strict=True)},
        )
    return round_


def by_id(section: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in section["applications"]}


def test_an_application_far_above_the_others_is_funded_in_every_draw() -> None:
    apps = [("TOP", [1.0] * 6, 1_000_000.0)] + [
        (f"A{i}", [2 / 3, 2 / 3, 2 / 3, 1 / 3 + i / 30, 2 / 3, 2 / 3], 1_000_000.0)
        for i in range(8)
    ]
    section = analyse_round(make_round(apps, 0.5), 4000, 1, 2_500_000.0)
    top = by_id(section)["TOP"]
    assert top["p_funded"] == 1.0
    assert top["p_pass"] == 1.0
    assert (top["rank_median"], top["rank_p05"], top["rank_p95"]) == (1, 1, 1)
    assert top["rank_acceptability"] == {"from": 1, "shares": [1.0]}
    assert top["stable"] is True
    # Only one more fits the budget: the others share that place.
    others = [a["p_funded"] for a in section["applications"] if a["id"] != "TOP"]
    assert sum(others) == pytest.approx(1.0)
    assert section["funded_mean"] == pytest.approx(2.0)


def test_two_identical_applications_share_their_probabilities() -> None:
    twin = [2 / 3, 1.0, 2 / 3, 2 / 3, 1.0, 1 / 3]
    apps = [
        ("LEAD", [1.0, 1.0, 1.0, 1.0, 1.0, 2 / 3], 1_000_000.0),
        ("TWIN-B", twin, 500_000.0),
        ("TWIN-A", twin, 500_000.0),
        ("LOW", [1 / 3, 2 / 3, 1 / 3, 2 / 3, 2 / 3, 1 / 3], 400_000.0),
    ]
    section = analyse_round(make_round(apps, 0.3), 3000, 5, 1_600_000.0)
    a, b = by_id(section)["TWIN-A"], by_id(section)["TWIN-B"]
    for key in ("p_pass", "p_funded", "rank_median", "rank_p05", "rank_p95", "stable"):
        assert a[key] == b[key], key
    assert a["rank_acceptability"] == b["rank_acceptability"]
    # Money for the leader and one twin: each twin is funded in half the draws.
    assert a["p_funded"] == pytest.approx(0.5)
    assert a["stable"] is False
    assert section["contested_ids"] == ["TWIN-B", "TWIN-A"]


def _record(**values: Any) -> Record:
    """A batch record with the values the ranking reads. Fields the tests do not care
    about are filled in; the exact overall percent, where the record keeps one, is the
    float's own value."""
    names = {f.name for f in dataclasses.fields(Record)}
    if "overall_exact" in names and "overall_exact" not in values:
        overall = values["overall_percent"]
        values["overall_exact"] = None if overall is None else Fraction(overall)
    return Record(**values)


def _plain_ranking(round_: RoundInput, budget: float) -> tuple[dict[str, int], dict[str, bool]]:
    """The batch's own ranking and funding line for the same round."""
    tally = Tally()
    for index, entry in enumerate(round_.entries):
        record = _record(
            id=entry.id,
            title=entry.title,
            applicant="",
            requested_sek=entry.requested_sek,
            criteria_sha=entry.set_sha,
            criteria_set="t",
            verdict=entry.verdict,
            provisional=entry.verdict == "incomplete",
            overall_percent=entry.overall,
            dimensions=(),
            criteria=(),
            missing=(),
            gates=(),
            sdg=(),
        )
        tally.add(Outcome(index, entry.input, Status.ASSESSED, record))
    ranking = tally.rank(budget)
    ranks = {e.id: ranking.rank_of(i) or 0 for i, e in enumerate(round_.entries)}
    funded = {e.id: bool(ranking.within_budget(i)) for i, e in enumerate(round_.entries)}
    return ranks, funded


def test_without_uncertainty_the_figures_are_the_plain_ranking() -> None:
    draw = random.Random(4)
    apps: list[tuple[str, list[float], float]] = []
    seen: set[float] = set()
    while len(apps) < 24:
        fractions = [draw.choice([1 / 3, 2 / 3, 1.0]) for _ in CRITERIA]
        overall = round(scored(fractions)[0], 6)
        if overall not in seen:
            seen.add(overall)
            apps.append((f"A{len(apps):02d}", fractions, 100_000.0 * draw.randint(2, 20)))
    verdicts = {"A03": "incomplete", "A07": "excluded"}
    round_ = make_round(apps, 0.0, verdicts)
    overall = [e.overall for e in round_.entries]
    assert len(set(overall)) == len(overall), "the round must have no ties for this test"
    budget = 5_000_000.0
    section = analyse_round(round_, 500, 3, budget)
    ranks, funded = _plain_ranking(round_, budget)
    assert any(funded.values()) and not all(funded.values())
    for application in section["applications"]:
        app_id = application["id"]
        assert application["p_funded"] in (0.0, 1.0)
        assert application["p_pass"] in (0.0, 1.0)
        assert application["p_funded"] == float(funded[app_id]), app_id
        assert application["p_pass"] == float(application["verdict"] == "pass")
        rank = ranks[app_id]
        assert (application["rank_median"], application["rank_p05"], application["rank_p95"]) == (
            rank,
            rank,
            rank,
        )
        assert application["stable"] is True


def test_incomplete_and_excluded_keep_their_verdict() -> None:
    good = [1.0] * 6
    round_ = make_round(
        [("I", good, 1.0), ("X", good, 1.0), ("P", good, 1.0)],
        "unknown",
        {"I": "incomplete", "X": "excluded"},
    )
    figures = by_id(analyse_round(round_, 500, 1, 10.0))
    assert figures["I"]["p_pass"] == figures["X"]["p_pass"] == 0.0
    assert figures["I"]["p_funded"] == figures["X"]["p_funded"] == 0.0
    assert figures["P"]["p_funded"] == 1.0
    assert figures["X"]["rank_median"] == 3


def test_weights_can_move_an_application_across_the_pass_threshold() -> None:
    # Just below 60 % overall, every dimension above its minimum.
    fractions = [1 / 3, 2 / 3, 2 / 3, 1 / 3, 2 / 3, 1.0]
    overall, _, verdict = scored(fractions)
    assert verdict == "fail" and 55 < overall < 60
    figures = by_id(analyse_round(make_round([("EDGE", fractions, 1.0)], "unknown"), 4000, 2, None))
    assert 0.0 < figures["EDGE"]["p_pass"] < 1.0
    assert figures["EDGE"]["p_funded"] is None


def test_the_same_seed_gives_the_same_figures_and_another_seed_other_ones() -> None:
    apps = [(f"A{i}", [((i * k) % 4) / 3 for k in range(1, 7)], 100.0 * i) for i in range(1, 15)]
    first = analyse_round(make_round(apps, 0.4), 2000, 11, 2000.0)
    again = analyse_round(make_round(apps, 0.4), 2000, 11, 2000.0)
    other = analyse_round(make_round(apps, 0.4), 2000, 12, 2000.0)
    assert json.dumps(first) == json.dumps(again)
    assert json.dumps(first) != json.dumps(other)


rounds = st.lists(
    st.tuples(
        st.lists(st.sampled_from([0.0, 1 / 3, 2 / 3, 1.0]), min_size=6, max_size=6),
        st.floats(0, 5_000_000),
        st.sampled_from(["scored", "scored", "scored", "incomplete", "excluded"]),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    apps=rounds,
    spread=st.one_of(st.floats(0, 1), st.just("unknown")),
    budget=st.one_of(st.none(), st.floats(0, 20_000_000)),
    seed=st.integers(0, 2**32),
)
def test_probabilities_lie_in_0_1_and_rank_shares_sum_to_1(
    apps: list[tuple[list[float], float, str]], spread: float | str, budget: float | None, seed: int
) -> None:
    verdicts = {f"A{i}": v for i, (_, _, v) in enumerate(apps) if v != "scored"}
    round_ = make_round(
        [(f"A{i}", fractions, amount) for i, (fractions, amount, _) in enumerate(apps)],
        spread,
        verdicts,
    )
    n = len(apps)
    counts = analyse(round_, 200, seed, budget)
    assert counts.ranks.sum(axis=1).tolist() == pytest.approx([200.0] * n)
    assert counts.ranks.sum(axis=0).tolist() == pytest.approx([200.0] * n)
    section = analyse_round(round_, 200, seed, budget)
    for application in section["applications"]:
        assert 0.0 <= application["p_pass"] <= 1.0
        if budget is not None:
            assert 0.0 <= application["p_funded"] <= application["p_pass"]
        acceptability = application["rank_acceptability"]
        assert sum(acceptability["shares"]) == pytest.approx(1.0, abs=1e-5)  # rounded shares
        assert acceptability["from"] == application["rank_p05"] or acceptability["shares"][0] < 0.05
        assert (
            1
            <= application["rank_p05"]
            <= application["rank_median"]
            <= application["rank_p95"]
            <= n
        )


def test_drawn_weights_stay_within_their_declared_uncertainty() -> None:
    import numpy as np

    rng = np.random.default_rng(0)
    nominal = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    spread = np.array([0.0, 0.25, np.nan, np.nan, np.nan])
    groups = np.array([0, 0, 0, 0, 1])
    drawn = draw_weights(rng, nominal, spread, groups, 5000)
    assert (drawn[:, 0] == 1.0).all()
    assert drawn[:, 1].min() >= 1.5 and drawn[:, 1].max() <= 2.5
    assert drawn[:, 1].min() < 1.55 and drawn[:, 1].max() > 2.45
    # Two unknown weights in one group share their nominal sum, uniformly.
    assert np.allclose(drawn[:, 2] + drawn[:, 3], 7.0)
    assert abs(drawn[:, 2].mean() - 3.5) < 0.1
    # An unknown weight alone among known ones: from zero to twice its value.
    assert drawn[:, 4].min() >= 0.0 and drawn[:, 4].max() <= 10.0
    assert abs(drawn[:, 4].mean() - 5.0) < 0.2


BASE = """\
kind: criteria-set
id: base
version: "1"
title: Base
weight_uncertainty: {default: 0.1, dimensions: {social: unknown}}
dimensions:
  social: {title: Social}
  economic: {title: Economic}
criteria:
  - {id: S1, dimension: social, title: S1, manual: {max_points: 1}}
  - {id: S2, dimension: social, title: S2, manual: {max_points: 1}}
  - {id: K1, dimension: economic, title: K1, manual: {max_points: 1}}
"""


def test_the_declared_uncertainty_cascades_and_the_extending_set_wins(sets: SetFolder) -> None:
    sets.write(BASE, "base.yaml")
    sets.write(
        """\
        kind: criteria-set
        id: child
        version: "1"
        title: Child
        extends: [base.yaml]
        weight_uncertainty: {criteria: {S2: 0.5}}
        """,
        "child.yaml",
    )
    declared = declared_uncertainty(sets.resolve("child.yaml"))
    assert declared.declared is True
    assert declared.default == 0.1
    assert declared.dimensions == {"social": "unknown", "economic": 0.1}
    assert declared.criteria == {"S1": "unknown", "S2": 0.5, "K1": 0.1}
    sets.write(
        """\
        kind: criteria-set
        id: plain
        version: "1"
        title: Plain
        dimensions: {social: {title: Social}}
        criteria:
          - {id: S1, dimension: social, title: S1, manual: {max_points: 1}}
        """,
        "plain.yaml",
    )
    plain = declared_uncertainty(sets.resolve("plain.yaml"))
    assert plain.declared is False
    assert plain.criteria == {"S1": DEFAULT_UNCERTAINTY}
    assert Declared.from_json(plain.as_json()) == plain


def test_a_line_that_is_not_a_result_is_an_error_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "results.jsonl").write_text(
        '{"input": "a.yaml", "error": ["broken"]}\n{"input": "b.yaml", "verdict": "pass"}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_results(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.rule, problem.line) == ("not-results", 2)
    assert "criteria_set" in problem.message.render("en")


def test_a_folder_without_results_says_how_to_get_them(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_results(tmp_path)
    assert caught.value.problems[0].rule == "no-results"


def test_a_round_beyond_the_limit_is_said_not_to_be_analysed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hallbarhet_cli.batch.records import SetInfo
    from hallbarhet_cli.batch.robustness import RobustnessRun
    from hallbarhet_cli.robustness import report
    from hallbarhet_cli.robustness.text import summary_line
    from hallbarhet_cli.robustness.view import overview_view

    monkeypatch.setattr(report, "MAX_APPLICATIONS", 1)
    set_weights = weights(0.2)
    info = SetInfo(set_weights.sha256, "t", "1", "T", (), (), (), (), set_weights)
    run = RobustnessRun(100, 1)
    for index in range(2):
        record = _record(
            id=f"A{index}",
            title="",
            applicant="",
            requested_sek=1.0,
            criteria_sha=set_weights.sha256,
            criteria_set="t",
            verdict="pass",
            provisional=False,
            overall_percent=80.0,
            dimensions=tuple((d, 80.0, False) for d, _ in DIMENSIONS),
            criteria=tuple((c, 2, 3, "partial") for c, _, _ in CRITERIA),
            missing=(),
            gates=(),
            sdg=(),
        )
        run.add(Outcome(index, f"a{index}", Status.ASSESSED, record), {info.sha256: info})
    section = run.analyse(10.0)["robustness"]
    assert section == {"not_analysed": "too_many_applications", "applications": 2, "limit": 1}
    assert run.table_columns("en")  # the columns are there, and stay empty
    assert RobustnessRun(None, 1).analyse(10.0) == {}
    assert RobustnessRun(None, 1).table_columns("en") == []
    assert run.columns(0) == {}
    assert "more than the 1" in summary_line(section, "en")
    view = overview_view(section, [], None)
    assert view is not None and view["analysed"] is False


def test_the_funding_rule_skip_funds_later_applications_that_still_fit() -> None:
    apps = [
        ("BIG", [1.0] * 6, 5_000_000.0),
        ("SMALL", [1.0, 1.0, 1.0, 1.0, 1.0, 2 / 3], 1_000_000.0),
        ("NEXT", [1.0, 1.0, 1.0, 1.0, 2 / 3, 2 / 3], 3_500_000.0),
    ]
    budget = 4_000_000.0
    stop = by_id(analyse_round(make_round(apps, 0.0), 200, 1, budget, "stop"))
    skip = by_id(analyse_round(make_round(apps, 0.0), 200, 1, budget, "skip"))
    # The leader asks for more than there is: under stop nothing is funded.
    assert [stop[a]["p_funded"] for a in ("BIG", "SMALL", "NEXT")] == [0.0, 0.0, 0.0]
    # Under skip it is passed over, the next fits, and the third no longer does.
    assert [skip[a]["p_funded"] for a in ("BIG", "SMALL", "NEXT")] == [0.0, 1.0, 0.0]
    # The batch's own (stop) rule agrees.
    _, funded = _plain_ranking(make_round(apps, 0.0), budget)
    assert funded == {"BIG": False, "SMALL": False, "NEXT": False}
