"""The trend method: the Theil–Sen slope, how a trend is judged against a direction, and
how targets are judged against the trend."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallbarhet_cli.indicators import trend
from hallbarhet_cli.indicators.periods import PARTS, from_ordinal, parse_period, span

values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
series = st.lists(values, min_size=trend.MIN_PERIODS, max_size=12)


def points(ys: list[float], start: int = 2015) -> list[tuple[int, float]]:
    return [(start + i, y) for i, y in enumerate(ys)]


def test_the_slope_of_a_straight_line_is_its_slope() -> None:
    line = trend.theil_sen(points([10, 12, 14, 16, 18]))
    assert line is not None
    assert line.slope == pytest.approx(2)
    assert line.at(2015) == pytest.approx(10)
    assert line.at(2030) == pytest.approx(40)


def test_one_odd_year_moves_the_slope_little() -> None:
    line = trend.theil_sen(points([10, 11, 2, 13, 14]))  # a pandemic year
    assert line is not None
    assert line.slope == pytest.approx(1)


def test_fewer_than_three_points_give_no_line() -> None:
    assert trend.theil_sen(points([1, 2])) is None
    assert trend.judge(points([1, 2]), "increase") == ("too_little_data", None)
    assert trend.judge([], "increase") == ("no_data", None)


@pytest.mark.parametrize(
    ("ys", "direction", "expected"),
    [
        ([1, 2, 3, 4, 5], "increase", "improving"),
        ([5, 4, 3, 2, 1], "increase", "worsening"),
        ([5, 4, 3, 2, 1], "decrease", "improving"),
        ([100, 100.2, 99.9, 100.1, 100], "increase", "stable"),
        ([0, 0, 0], "decrease", "stable"),
        ([20, 25, 30, 35], "target", "improving"),  # toward a band of 40–60 from below
        ([80, 75, 70, 66], "target", "improving"),  # toward it from above
        ([30, 28, 26, 24], "target", "worsening"),  # away from it
        ([50, 50.1, 49.9, 50], "target", "stable"),  # inside and staying
        ([50, 54, 58, 62], "target", "worsening"),  # leaving it
    ],
)
def test_judge(ys: list[float], direction: str, expected: str) -> None:
    judged, _ = trend.judge(points(ys), direction, (40, 60))
    assert judged == expected


def test_only_the_recent_window_counts() -> None:
    ys = [100, 90, 80, 70, 60, 61, 62, 63, 64, 65]
    judged, line = trend.judge(points(ys), "increase")
    assert judged == "improving"
    assert line is not None and line.first == 2015 + len(ys) - trend.WINDOW


@pytest.mark.parametrize(
    ("latest", "target", "at_least", "at_most", "expected"),
    [
        ((2023, 61.0), 2021, 52.0, None, "met"),  # a target already passed is met
        ((2023, 61.0), 2030, 50.0, None, "met"),
        ((2023, 45.0), 2021, 52.0, None, "missed"),
        ((2023, 2.0), 2030, None, 1.0, "on_track"),  # the line falls 1 a year
        ((2023, 2.0), 2030, None, -10.0, "off_track"),
        (None, 2030, 50.0, None, "unknown"),
    ],
)
def test_judge_target(
    latest: tuple[int, float] | None,
    target: int,
    at_least: float | None,
    at_most: float | None,
    expected: str,
) -> None:
    line = trend.theil_sen([(2021, 4.0), (2022, 3.0), (2023, 2.0)])
    status, _ = trend.judge_target(latest, line, target, at_least, at_most)
    assert status == expected


def test_a_target_ahead_without_a_trend_cannot_be_judged() -> None:
    assert trend.judge_target((2023, 1.0), None, 2030, 5.0, None) == ("unknown", None)


@given(series, values)
def test_adding_a_constant_keeps_the_slope(ys: list[float], shift: float) -> None:
    before = trend.theil_sen(points(ys))
    after = trend.theil_sen(points([y + shift for y in ys]))
    assert before is not None and after is not None
    assert after.slope == pytest.approx(before.slope, rel=1e-6, abs=1e-3)


@given(series, st.floats(min_value=0.01, max_value=100))
def test_scaling_scales_the_slope(ys: list[float], factor: float) -> None:
    before = trend.theil_sen(points(ys))
    after = trend.theil_sen(points([y * factor for y in ys]))
    assert before is not None and after is not None
    assert after.slope == pytest.approx(before.slope * factor, rel=1e-6, abs=1e-3)


@given(series)
def test_the_slope_lies_between_the_steepest_pairwise_slopes(ys: list[float]) -> None:
    pts = points(ys)
    slopes = [(b[1] - a[1]) / (b[0] - a[0]) for i, a in enumerate(pts) for b in pts[i + 1 :]]
    line = trend.theil_sen(pts)
    assert line is not None
    assert min(slopes) - 1e-9 <= line.slope <= max(slopes) + 1e-9


@given(series)
def test_increase_and_decrease_judge_a_series_oppositely(ys: list[float]) -> None:
    up, _ = trend.judge(points(ys), "increase")
    down, _ = trend.judge(points(ys), "decrease")
    opposite = {"improving": "worsening", "worsening": "improving", "stable": "stable"}
    assert down == opposite[up]


@given(series)
def test_negating_a_series_swaps_improving_and_worsening(ys: list[float]) -> None:
    up, _ = trend.judge(points(ys), "increase")
    negated, _ = trend.judge(points([-y for y in ys]), "increase")
    opposite = {"improving": "worsening", "worsening": "improving", "stable": "stable"}
    assert negated == opposite[up]


@pytest.mark.parametrize(
    ("text", "frequency", "ok"),
    [
        ("2024", "annual", True),
        ("2024-Q3", "quarterly", True),
        ("2024-03", "monthly", True),
        ("2024-03", "annual", False),
        ("2024", "quarterly", False),
        ("2024-Q5", "quarterly", False),
        ("2024-13", "monthly", False),
        ("24", "annual", False),
    ],
)
def test_periods_are_written_by_their_frequency(text: str, frequency: str, ok: bool) -> None:
    assert (parse_period(text, frequency) is not None) is ok


@given(
    st.integers(min_value=1000, max_value=2999),
    st.integers(min_value=0, max_value=11),
    st.sampled_from(["annual", "quarterly", "monthly"]),
)
def test_periods_round_trip(year: int, part: int, frequency: str) -> None:
    parts = PARTS[frequency]
    period = from_ordinal(year * parts + part % parts, frequency)
    assert parse_period(period.text, frequency) == period


def test_span_counts_every_period() -> None:
    first = parse_period("2023-Q3", "quarterly")
    last = parse_period("2024-Q2", "quarterly")
    assert first is not None and last is not None
    assert [p.text for p in span(first, last)] == ["2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2"]


@pytest.mark.parametrize(
    ("start", "annual", "quarterly", "monthly"),
    [
        ("2020", "2020", "2020-Q1", "2020-01"),
        ("2020-Q3", "2020", "2020-Q3", "2020-07"),
        ("2020-06", "2020", "2020-Q2", "2020-06"),
    ],
)
def test_from_starts_each_frequency_at_the_period_holding_it(
    start: str, annual: str, quarterly: str, monthly: str
) -> None:
    from hallbarhet_cli.indicators.report import _start

    assert [str(_start(start, f)) for f in ("annual", "quarterly", "monthly")] == [
        annual,
        quarterly,
        monthly,
    ]
