"""The trend method, in one place: a robust slope over the recent periods, judged against
the indicator's direction, and targets judged against where that slope leads.

* The trend looks at the last :data:`WINDOW` periods that have a value (at least
  :data:`MIN_PERIODS`; fewer is "too little data").
* Its slope is the Theil–Sen estimate: the median of the slopes between every pair of
  points, per period. One odd year (a pandemic, a revised figure) moves it little, unlike
  a least-squares line.
* The change the slope implies over the window is "stable" when it is within
  :data:`STABLE_SHARE` of the typical level (the median of the window's values);
  otherwise it is improving or worsening as the indicator's direction says. For a
  ``target`` direction (a band), moving toward the band is improving, moving out of it or
  away from it is worsening, and staying inside is stable.
* A target is met when the latest value meets it; missed when its period has passed
  without that; on track when the trend line (the Theil–Sen slope through the median
  intercept) reaches it by its period; off track otherwise; and cannot be judged while
  the trend has too little data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median
from typing import Final, Literal

WINDOW: Final = 5
MIN_PERIODS: Final = 3
STABLE_SHARE: Final = 0.01

Trend = Literal["improving", "worsening", "stable", "too_little_data", "no_data"]
TargetStatus = Literal["met", "on_track", "off_track", "missed", "unknown"]


@dataclass(frozen=True)
class Line:
    """The robust trend line ``value = intercept + slope × period ordinal``."""

    slope: float
    intercept: float
    first: int
    last: int

    def at(self, ordinal: int) -> float:
        return self.intercept + self.slope * ordinal


def theil_sen(points: Sequence[tuple[int, float]]) -> Line | None:
    """The Theil–Sen line through ``points`` (``(ordinal, value)``, distinct ordinals), or
    ``None`` with fewer than :data:`MIN_PERIODS` points."""
    if len(points) < MIN_PERIODS:
        return None
    slopes = [
        (yj - yi) / (xj - xi)
        for i, (xi, yi) in enumerate(points)
        for xj, yj in points[i + 1 :]
        if xj != xi
    ]
    slope = median(slopes)
    intercept = median(y - slope * x for x, y in points)
    return Line(slope, intercept, min(x for x, _ in points), max(x for x, _ in points))


def window(points: Sequence[tuple[int, float]]) -> list[tuple[int, float]]:
    """The most recent :data:`WINDOW` points, in time order."""
    return sorted(points)[-WINDOW:]


def judge(
    points: Sequence[tuple[int, float]],
    direction: str,
    band: tuple[float | None, float | None] = (None, None),
) -> tuple[Trend, Line | None]:
    """The trend of ``points`` against ``direction`` (with ``band`` for ``target``)."""
    if not points:
        return "no_data", None
    recent = window(points)
    line = theil_sen(recent)
    if line is None:
        return "too_little_data", None
    change = line.slope * (line.last - line.first)
    level = abs(median(y for _, y in recent))
    stable = abs(change) <= STABLE_SHARE * level if level else change == 0
    if direction == "target":
        return _toward_band(recent[-1][1], line, stable, band), line
    if stable:
        return "stable", line
    better = change > 0 if direction == "increase" else change < 0
    return ("improving" if better else "worsening"), line


def _toward_band(
    latest: float, line: Line, stable: bool, band: tuple[float | None, float | None]
) -> Trend:
    low, high = band
    below = low is not None and latest < low
    above = high is not None and latest > high
    if not below and not above:
        return "stable" if stable or _inside(line.at(line.last + 1), band) else "worsening"
    if stable:
        return "stable"
    toward = line.slope > 0 if below else line.slope < 0
    return "improving" if toward else "worsening"


def _inside(value: float, band: tuple[float | None, float | None]) -> bool:
    low, high = band
    return (low is None or value >= low) and (high is None or value <= high)


def meets(value: float, at_least: float | None, at_most: float | None) -> bool:
    """Whether ``value`` meets a target bound."""
    if at_least is not None:
        return value >= at_least
    return at_most is not None and value <= at_most


def judge_target(
    latest: tuple[int, float] | None,
    line: Line | None,
    target_ordinal: int,
    at_least: float | None,
    at_most: float | None,
) -> tuple[TargetStatus, float | None]:
    """A target's status and, when the trend was used, the value it projects for the
    target's period."""
    if latest is None:
        return "unknown", None
    if meets(latest[1], at_least, at_most):
        return "met", None
    if latest[0] >= target_ordinal:
        return "missed", None
    if line is None:
        return "unknown", None
    projected = line.at(target_ordinal)
    return ("on_track" if meets(projected, at_least, at_most) else "off_track"), projected
