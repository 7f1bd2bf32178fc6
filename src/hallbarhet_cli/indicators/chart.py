"""Geometry of the small line chart drawn for each indicator in the HTML report (SVG user
units, 1 unit = 1 CSS pixel). Templates only draw what this computes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

WIDTH: Final = 560
HEIGHT: Final = 150
LEFT: Final = 64
RIGHT: Final = WIDTH - 16
TOP: Final = 12
BOTTOM: Final = HEIGHT - 28


def geometry(
    points: Sequence[tuple[int, float]],
    targets: Sequence[tuple[int, float]],
    band: tuple[float | None, float | None],
    trend: tuple[int, float, int, float] | None,
) -> dict[str, Any] | None:
    """Where the chart draws its line, points, targets, band and trend line; ``None``
    without data. ``points`` and ``targets`` are ``(period ordinal, value)``; ``trend`` is
    the trend line's two ends."""
    if not points:
        return None
    xs = [x for x, _ in points] + [x for x, _ in targets]
    ys = [y for _, y in points] + [y for _, y in targets]
    ys += [v for v in band if v is not None]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys), max(ys)
    pad = (y1 - y0) * 0.1 or abs(y1) * 0.1 or 1.0
    y0, y1 = y0 - pad, y1 + pad

    def sx(x: float) -> float:
        return round(LEFT + (RIGHT - LEFT) * ((x - x0) / (x1 - x0) if x1 != x0 else 0.5), 1)

    def sy(y: float) -> float:
        return round(BOTTOM - (BOTTOM - TOP) * (y - y0) / (y1 - y0), 1)

    low, high = band
    band_box = None
    if low is not None or high is not None:
        top = sy(min(high, y1) if high is not None else y1)
        bottom = sy(max(low, y0) if low is not None else y0)
        band_box = {"y": top, "height": round(max(bottom - top, 1.0), 1)}
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": RIGHT,
        "top": TOP,
        "bottom": BOTTOM,
        "line": " ".join(f"{sx(x)},{sy(y)}" for x, y in points),
        "points": [{"x": sx(x), "y": sy(y)} for x, y in points],
        "targets": [{"x": sx(x), "y": sy(y)} for x, y in targets],
        "band": band_box,
        "trend": None
        if trend is None
        else {"x1": sx(trend[0]), "y1": sy(trend[1]), "x2": sx(trend[2]), "y2": sy(trend[3])},
        "y_low": y0 + pad,
        "y_high": y1 - pad,
        "y_low_at": sy(y0 + pad),
        "y_high_at": sy(y1 - pad),
        "label_y": HEIGHT - 8,
    }
