"""The indicator report as plain data: what every output format shows.

Built from a resolved set and its observations for one area. Each dimension is summed up
on its own (how many indicators improve, worsen, are stable or lack data; how the targets
stand): there is no overall score, so a good economic picture never hides a bad social or
ecological one. Everything here is language-neutral except the set's own texts, which are
given in the report language.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from hallbarhet_cli import __version__
from hallbarhet_cli.errors import Message, OneOf, Problem, Severity, UsageError
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.indicators import trend
from hallbarhet_cli.indicators.data import Observation
from hallbarhet_cli.indicators.library import ResolvedIndicatorSet
from hallbarhet_cli.indicators.model import Indicator
from hallbarhet_cli.indicators.periods import PARTS, Period, from_ordinal, parse_period, span
from hallbarhet_cli.indicators.viewtypes import (
    BreakdownView,
    DimensionView,
    IndicatorReport,
    IndicatorView,
    Point,
    TargetView,
)
from hallbarhet_cli.models.text import localize

# Version 1: the first version.
FORMAT_VERSION: Final = 1
TRENDS: Final = ("improving", "worsening", "stable", "too_little_data", "no_data")
TARGET_STATUSES: Final = ("met", "on_track", "off_track", "missed", "unknown")


def choose_area(
    resolved: ResolvedIndicatorSet, observations: Sequence[Observation], area: str | None
) -> str:
    """The area to report: the one asked for, else the set's own, else the only one in
    the data."""
    areas = sorted({o.area for o in observations})
    chosen = area or resolved.area
    if chosen is None and len(areas) == 1:
        chosen = areas[0]
    if chosen is None:
        raise _usage(
            Message(
                N_("The data hold several areas; choose one with --area: {areas}."),
                {"areas": OneOf(tuple(areas))},
            )
        )
    return chosen


def _usage(message: Message) -> UsageError:
    return UsageError([Problem("indicators report", None, None, "usage", Severity.ERROR, message)])


def build_report(
    resolved: ResolvedIndicatorSet,
    observations: Sequence[Observation],
    files: Sequence[tuple[Path, str]],
    lang: str,
    area: str | None = None,
    start: str | None = None,
) -> IndicatorReport:
    """The report view for ``area`` from period ``start`` on."""
    chosen = choose_area(resolved, observations, area)
    in_area = [o for o in observations if o.area == chosen]
    by_indicator: dict[str, list[Observation]] = defaultdict(list)
    for observation in in_area:
        by_indicator[observation.indicator].append(observation)
    starts = {f: _start(start, f) for f in ("annual", "quarterly", "monthly")}
    # The periods expected of every indicator run from the first to the last period that
    # any value in the data has (in any area): a year the other areas report is missing
    # here too.
    latest: dict[str, int] = {}
    earliest: dict[str, int] = {}
    # A row with an empty value (a template not yet filled in) expects its period too.
    for o in observations:
        if not _after(o.period, starts[o.period.frequency]):
            continue
        f = o.period.frequency
        latest[f] = max(latest.get(f, o.period.ordinal), o.period.ordinal)
        earliest[f] = min(earliest.get(f, o.period.ordinal), o.period.ordinal)
    indicators: list[IndicatorView] = []
    for indicator in resolved.indicators:
        rows = [
            o for o in by_indicator[indicator.id] if _after(o.period, starts[o.period.frequency])
        ]
        f = indicator.frequency
        expected: list[Period] = []
        if f in latest:
            begin = starts[f]
            first = begin.ordinal if begin is not None else earliest[f]
            expected = span(_period(first, f), _period(latest[f], f))
        indicators.append(indicator_view(indicator, rows, expected, lang))
    dimensions = [
        dimension_view(dimension_id, localize(d.title, lang), indicators)
        for dimension_id, d in resolved.dimensions.items()
    ]
    not_improving = [d["id"] for d in dimensions if d["state"] != "improving"]
    return {
        "format_version": FORMAT_VERSION,
        "tool_version": __version__,
        "language": lang,
        "indicator_set": {
            "id": resolved.id,
            "version": resolved.version,
            "title": localize(resolved.root.model.title, lang),
            "description": localize(resolved.root.model.description, lang),
            "sha256": resolved.sha256,
        },
        "area": chosen,
        "from": start,
        "data_files": [{"file": display, "sha256": _sha256(path)} for path, display in files],
        "method": {
            "slope": "theil-sen",
            "window": trend.WINDOW,
            "min_periods": trend.MIN_PERIODS,
            "stable_share": trend.STABLE_SHARE,
        },
        "overall": {"all_improving": not not_improving, "not_improving": not_improving},
        "dimensions": dimensions,
        "indicators": indicators,
        "missing": [
            {"indicator": i["id"], "title": i["title"], "periods": i["missing"]}
            for i in indicators
            if i["missing"]
        ],
    }


def _start(start: str | None, frequency: str) -> Period | None:
    """The period of ``frequency`` that contains the start of ``start`` (a year, quarter
    or month): ``--from 2020-Q3`` keeps the year 2020 and the months from 2020-07."""
    if start is None:
        return None
    for written in ("annual", "quarterly", "monthly"):
        period = parse_period(start, written)
        if period is None:
            continue
        year, part = divmod(period.ordinal, PARTS[written])
        month = part * 12 // PARTS[written]  # 0-based month the period starts in
        return from_ordinal(year * PARTS[frequency] + month * PARTS[frequency] // 12, frequency)
    raise _usage(
        Message(
            N_("--from {value!r} is not a period such as 2020, 2020-Q1 or 2020-01."),
            {"value": start},
        )
    )


def _after(period: Period, start: Period | None) -> bool:
    return start is None or period.ordinal >= start.ordinal


def _period(ordinal: int, frequency: str) -> Period:
    return from_ordinal(ordinal, frequency)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _band(indicator: Indicator) -> tuple[float | None, float | None]:
    band = indicator.band
    return (band.min, band.max) if band is not None else (None, None)


def _series(rows: Sequence[Observation]) -> list[Observation]:
    return sorted((o for o in rows if o.value is not None), key=lambda o: o.period.ordinal)


def _point(o: Observation | None) -> Point | None:
    if o is None:
        return None
    return {"period": o.period.text, "value": o.value, "status": o.status or None}


def _change(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(b - a, 10)


def indicator_view(
    indicator: Indicator, rows: Sequence[Observation], expected: Sequence[Period], lang: str
) -> IndicatorView:
    """One indicator: its total series (no breakdown), trend, targets and what is missing;
    each breakdown's latest value and trend beside it."""
    total = _series([o for o in rows if not o.breakdown])
    points = [(o.period.ordinal, o.value) for o in total if o.value is not None]
    judged, line = trend.judge(points, indicator.direction, _band(indicator))
    latest = total[-1] if total else None
    previous = total[-2] if len(total) > 1 else None
    baseline = indicator.baseline
    targets: list[TargetView] = []
    for target in indicator.targets:
        period = parse_period(target.period, indicator.frequency)
        status, projected = (
            trend.judge_target(
                points[-1] if points else None,
                line,
                period.ordinal,
                target.at_least,
                target.at_most,
            )
            if period is not None
            else ("unknown", None)
        )
        targets.append(
            {
                "period": target.period,
                "at_least": target.at_least,
                "at_most": target.at_most,
                "note": localize(target.note, lang) or None,
                "status": status,
                "projected": None if projected is None else round(projected, 10),
            }
        )
    present = {o.period.ordinal for o in total}
    if indicator.every > 1 and expected:
        anchor = min(present) if present else expected[0].ordinal
        expected = [p for p in expected if (p.ordinal - anchor) % indicator.every == 0]
    breakdowns: dict[tuple[tuple[str, str], ...], list[Observation]] = defaultdict(list)
    for o in rows:
        if o.breakdown:
            breakdowns[o.breakdown].append(o)
    source = indicator.source
    return {
        "id": indicator.id,
        "title": localize(indicator.title, lang),
        "description": localize(indicator.description, lang),
        "unit": localize(indicator.unit, lang),
        "dimension": indicator.dimension,
        "direction": indicator.direction,
        "band": None
        if indicator.band is None
        else {"min": indicator.band.min, "max": indicator.band.max},
        "decimals": indicator.decimals,
        "frequency": indicator.frequency,
        "source": {
            "publisher": localize(source.publisher, lang),
            "table": localize(source.table, lang) or None,
            "code": source.code,
            "url": source.url,
        },
        "frameworks": [
            {"framework": f.framework, "ref": f.ref, "title": localize(f.title, lang) or None}
            for f in indicator.frameworks
        ],
        "sdg": list(indicator.sdg),
        "latest": _point(latest),
        "previous": _point(previous),
        "change_since_previous": _change(
            previous.value if previous else None, latest.value if latest else None
        ),
        "baseline": None
        if baseline is None
        else {"period": baseline.period, "value": baseline.value},
        "change_since_baseline": _change(
            baseline.value if baseline else None, latest.value if latest else None
        ),
        "trend": judged,
        "slope_per_period": None if line is None else round(line.slope, 10),
        "trend_periods": len(trend.window(points)) if line is not None else len(points),
        "trend_line": None
        if line is None
        else {
            "first": _period(line.first, indicator.frequency).text,
            "last": _period(line.last, indicator.frequency).text,
            "first_value": round(line.at(line.first), 10),
            "last_value": round(line.at(line.last), 10),
        },
        "targets": targets,
        "series": [
            {
                "period": o.period.text,
                "value": o.value,
                "status": o.status or None,
                "note": o.note or None,
            }
            for o in total
        ],
        "breakdowns": [
            _breakdown_view(indicator, key, series) for key, series in sorted(breakdowns.items())
        ],
        "missing": [p.text for p in expected if p.ordinal not in present],
    }


def _breakdown_view(
    indicator: Indicator, key: tuple[tuple[str, str], ...], rows: Sequence[Observation]
) -> BreakdownView:
    series = _series(rows)
    points = [(o.period.ordinal, o.value) for o in series if o.value is not None]
    judged, _ = trend.judge(points, indicator.direction, _band(indicator))
    return {
        "breakdown": dict(key),
        "latest": _point(series[-1] if series else None),
        "trend": judged,
    }


def dimension_view(
    dimension_id: str, title: str, indicators: Sequence[IndicatorView]
) -> DimensionView:
    """A dimension summed up on its own.

    Its state is ``improving`` when more of its indicators improve than worsen and no
    target is off track or missed; ``too_slow`` when more improve than worsen but a target
    is off track or missed; ``worsening`` when more worsen than improve; ``mixed``
    otherwise; and ``too_little_data`` when fewer than half of its indicators have a trend
    to judge."""
    own = [i for i in indicators if i["dimension"] == dimension_id]
    counts = {t: sum(1 for i in own if i["trend"] == t) for t in TRENDS}
    targets = {
        s: sum(1 for i in own for t in i["targets"] if t["status"] == s) for s in TARGET_STATUSES
    }
    judged = counts["improving"] + counts["worsening"] + counts["stable"]
    if not own or judged * 2 < len(own):
        state = "too_little_data"
    elif counts["worsening"] > counts["improving"]:
        state = "worsening"
    elif counts["improving"] > counts["worsening"]:
        state = "too_slow" if targets["off_track"] or targets["missed"] else "improving"
    else:
        state = "mixed"
    return {
        "id": dimension_id,
        "title": title,
        "indicators": [i["id"] for i in own],
        "trends": counts,
        "targets": targets,
        "missing": sum(1 for i in own if i["missing"]),
        "state": state,
    }
