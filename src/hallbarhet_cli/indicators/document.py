"""The report view dressed for people: labels in the report language, numbers formatted
the language's way, and each indicator's chart geometry. The text, Markdown, HTML and
Excel outputs all lay out this one view."""

from __future__ import annotations

from typing import Any

from hallbarhet_cli import fmt
from hallbarhet_cli.files.printable import printable_data
from hallbarhet_cli.i18n import gettext
from hallbarhet_cli.indicators import chart
from hallbarhet_cli.indicators.labels import (
    BREAKDOWN_LABELS,
    DIRECTION_LABELS,
    STATE_LABELS,
    STATUS_LABELS,
    TARGET_LABELS,
    TREND_LABELS,
    TREND_SYMBOLS,
)
from hallbarhet_cli.indicators.periods import parse_period
from hallbarhet_cli.indicators.viewtypes import IndicatorReport, TargetView


def _ordinal(period: str, frequency: str) -> int:
    parsed = parse_period(period, frequency)
    assert parsed is not None  # the report only holds periods read for this frequency
    return parsed.ordinal


def _bound(target: TargetView) -> float:
    bound = target["at_least"] if target["at_least"] is not None else target["at_most"]
    assert bound is not None  # the indicator set was checked: a target has exactly one
    return bound


def document_view(given: IndicatorReport, lang: str) -> dict[str, Any]:
    """``given`` with labels, formatted figures and chart geometry for ``lang``."""
    report: IndicatorReport = printable_data(given)

    def _(message: str) -> str:
        return gettext(message, lang)

    def number(value: float | None, decimals: int, signed: bool = False) -> str:
        if value is None:
            return "–"
        text = fmt.number(value, lang, decimals)
        return f"+{text}" if signed and value > 0 and text.strip("0,.") else text

    indicators = []
    for i in report["indicators"]:
        d = i["decimals"]
        f = i["frequency"]
        targets = [
            {
                **t,
                "bound": ("≥ " if t["at_least"] is not None else "≤ ")
                + number(t["at_least"] if t["at_least"] is not None else t["at_most"], d),
                "status_label": _(TARGET_LABELS[t["status"]]),
                "projected_text": number(t["projected"], d) if t["projected"] is not None else None,
            }
            for t in i["targets"]
        ]
        line = i["trend_line"]
        geometry = chart.geometry(
            # The series holds the periods with a value only.
            [(_ordinal(p["period"], f), p["value"]) for p in i["series"] if p["value"] is not None],
            [(_ordinal(t["period"], f), _bound(t)) for t in i["targets"]],
            (i["band"]["min"], i["band"]["max"]) if i["band"] else (None, None),
            None
            if line is None
            else (
                _ordinal(line["first"], f),
                line["first_value"],
                _ordinal(line["last"], f),
                line["last_value"],
            ),
        )
        if geometry is not None:
            geometry["y_low_text"] = number(geometry["y_low"], d)
            geometry["y_high_text"] = number(geometry["y_high"], d)
            geometry["first_period"] = i["series"][0]["period"]
            geometry["last_period"] = i["series"][-1]["period"]
        band = i["band"]
        indicators.append(
            {
                **i,
                "direction_label": _(DIRECTION_LABELS[i["direction"]]),
                "sdg_text": ", ".join(str(n) for n in i["sdg"]),
                "band_text": None
                if band is None
                else f"{number(band['min'], d) if band['min'] is not None else '…'}–"
                f"{number(band['max'], d) if band['max'] is not None else '…'}",
                "trend_label": _(TREND_LABELS[i["trend"]]),
                "trend_symbol": TREND_SYMBOLS[i["trend"]],
                "latest_text": None if i["latest"] is None else number(i["latest"]["value"], d),
                "latest_status": None
                if i["latest"] is None or not i["latest"]["status"]
                else _(STATUS_LABELS[i["latest"]["status"]]),
                "baseline_text": None
                if i["baseline"] is None
                else number(i["baseline"]["value"], d),
                "change_previous_text": number(i["change_since_previous"], d, signed=True),
                "change_baseline_text": number(i["change_since_baseline"], d, signed=True),
                "targets": targets,
                "rows": [
                    {
                        **p,
                        "value_text": number(p["value"], d),
                        "status_label": _(STATUS_LABELS[p["status"]]) if p["status"] else "",
                    }
                    for p in i["series"]
                ],
                "breakdown_rows": [
                    {
                        "label": ", ".join(
                            f"{_(BREAKDOWN_LABELS[k])}: {v}" for k, v in b["breakdown"].items()
                        ),
                        "latest_text": None
                        if b["latest"] is None
                        else number(b["latest"]["value"], d),
                        "period": None if b["latest"] is None else b["latest"]["period"],
                        "trend_label": _(TREND_LABELS[b["trend"]]),
                        "trend_symbol": TREND_SYMBOLS[b["trend"]],
                    }
                    for b in i["breakdowns"]
                ],
                "chart": geometry,
            }
        )
    by_id = {i["id"]: i for i in indicators}
    dimensions = [
        {
            **dim,
            "state_label": _(STATE_LABELS[dim["state"]]),
            "indicator_list": [by_id[x] for x in dim["indicators"]],
            "trend_counts": [
                {"key": k, "label": _(TREND_LABELS[k]), "count": n}
                for k, n in dim["trends"].items()
            ],
            "target_counts": [
                {"key": k, "label": _(TARGET_LABELS[k]), "count": n}
                for k, n in dim["targets"].items()
                if n
            ],
        }
        for dim in report["dimensions"]
    ]
    titles = {d["id"]: d["title"] for d in dimensions}
    return {
        **report,
        "dimension_list": dimensions,
        "indicator_list": indicators,
        "not_improving_titles": [titles[x] for x in report["overall"]["not_improving"]],
    }
