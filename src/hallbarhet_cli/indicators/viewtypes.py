"""The shape of the indicator report view (:func:`~hallbarhet_cli.indicators.report.build_report`),
so that the type checker catches a misspelt key in the renderers. Dicts at run time: the
JSON output is the view as it was.

The report's top level has a key ``from`` (the first period asked for), a Python keyword,
so it is declared in the functional form.
"""

from __future__ import annotations

from typing import TypedDict


class IndicatorSetPart(TypedDict):
    id: str
    version: str
    title: str
    description: str
    sha256: str


class DataFile(TypedDict):
    file: str
    sha256: str


class Method(TypedDict):
    slope: str
    window: int
    min_periods: int
    stable_share: float


class Overall(TypedDict):
    all_improving: bool
    not_improving: list[str]


class Point(TypedDict):
    period: str
    value: float | None
    status: str | None


class SeriesPoint(TypedDict):
    period: str
    value: float | None
    status: str | None
    note: str | None


class BandView(TypedDict):
    min: float | None
    max: float | None


class SourceView(TypedDict):
    publisher: str
    table: str | None
    code: str | None
    url: str | None


class FrameworkView(TypedDict):
    framework: str
    ref: str | None
    title: str | None


class BaselineView(TypedDict):
    period: str
    value: float


class TargetView(TypedDict):
    period: str
    at_least: float | None
    at_most: float | None
    note: str | None
    status: str
    projected: float | None


class TrendLine(TypedDict):
    first: str
    last: str
    first_value: float
    last_value: float


class BreakdownView(TypedDict):
    breakdown: dict[str, str]
    latest: Point | None
    trend: str


class IndicatorView(TypedDict):
    """One indicator: its series, trend, targets and what is missing."""

    id: str
    title: str
    description: str
    unit: str
    dimension: str
    direction: str
    band: BandView | None
    decimals: int
    frequency: str
    source: SourceView
    frameworks: list[FrameworkView]
    sdg: list[int]
    latest: Point | None
    previous: Point | None
    change_since_previous: float | None
    baseline: BaselineView | None
    change_since_baseline: float | None
    trend: str
    slope_per_period: float | None
    trend_periods: int
    trend_line: TrendLine | None
    targets: list[TargetView]
    series: list[SeriesPoint]
    breakdowns: list[BreakdownView]
    missing: list[str]


class DimensionView(TypedDict):
    """A dimension summed up on its own."""

    id: str
    title: str
    indicators: list[str]
    trends: dict[str, int]
    targets: dict[str, int]
    missing: int
    state: str


class MissingPeriods(TypedDict):
    indicator: str
    title: str
    periods: list[str]


IndicatorReport = TypedDict(
    "IndicatorReport",
    {
        "format_version": int,
        "tool_version": str,
        "language": str,
        "indicator_set": IndicatorSetPart,
        "area": str,
        "from": str | None,
        "data_files": list[DataFile],
        "method": Method,
        "overall": Overall,
        "dimensions": list[DimensionView],
        "indicators": list[IndicatorView],
        "missing": list[MissingPeriods],
    },
)
IndicatorReport.__doc__ = "Everything the indicator report shows about one area, in one language."
