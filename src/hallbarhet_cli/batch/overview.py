"""The round's overview as one self-contained HTML page (``overview.html``).

The view is built here from the summary, in the report's language; the template
``templates/overview.html.j2`` only lays it out, with the shared Jinja environment of the
report documents (autoescaped, ``StrictUndefined``, the i18n extension bound to our
catalogue, the number, percent and money filters of :mod:`hallbarhet_cli.fmt`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from hallbarhet_cli.batch.viewtypes import (
    BatchSummary,
    Bin,
    DimensionDistribution,
    DistributionRow,
    ErrorRow,
    LabelledSector,
    OverviewRankingRow,
    OverviewView,
    RankingRow,
    Sectors,
    VerdictRow,
)
from hallbarhet_cli.errors import Message, Problem, Severity, UsageError
from hallbarhet_cli.i18n import N_, gettext

TEMPLATE: Final = "overview.html.j2"
# The overview lists the ranking this far; results.csv and results.xlsx hold all of it.
RANKING_LIMIT: Final = 1000
ERROR_LIMIT: Final = 100
TOP_LIMIT: Final = 10


def overview_view(
    summary: BatchSummary,
    ranking: list[RankingRow],
    errors: list[ErrorRow],
    lang: str,
) -> OverviewView:
    """``summary`` with what the page adds: labels and symbols in ``lang``, histogram bar
    lengths, the SDG names and the place of the funding line in the ranked list."""
    from hallbarhet_cli.reporters.documents import SDG_NAMES, VERDICT_SYMBOLS
    from hallbarhet_cli.reporters.views import UNSCORABLE_LABEL, VERDICT_LABELS
    from hallbarhet_cli.robustness.view import overview_view as robustness_view
    from hallbarhet_cli.scoring.assessment import Verdict

    def _(message: str) -> str:
        return gettext(message, lang)

    def label(verdict: str) -> str:
        return _(VERDICT_LABELS[Verdict(verdict)])

    verdicts: list[VerdictRow] = [
        {**v, "label": label(v["verdict"]), "symbol": VERDICT_SYMBOLS[v["verdict"]]}
        for v in summary["verdicts"]
    ]
    overall: DimensionDistribution = {
        **summary["overall"],
        "id": "overall",
        "title": _(N_("Overall")),
    }
    dimensions: list[DistributionRow] = [
        {**d, "bins": _bins(d["histogram"])} for d in [overall, *summary["dimensions"]]
    ]
    budget = summary["budget"]
    line = budget["funding_line_after_rank"] if budget else None
    rows: list[OverviewRankingRow] = [
        {
            **row,
            "verdict_label": _(UNSCORABLE_LABEL)
            if row.get("scorable") is False
            else label(row["verdict"]),
            "verdict_symbol": VERDICT_SYMBOLS[row["verdict"]],
            "line_after": line is not None and row["rank"] == line,
        }
        for row in ranking
    ]
    return {
        **summary,
        "verdict_rows": verdicts,
        "distributions": dimensions,
        "criteria_low_top": [c for c in summary["criteria_low"] if c["low"]][:TOP_LIMIT],
        "missing_top": summary["missing"][:TOP_LIMIT],
        "sector_rows": _sector_rows(summary["sectors"], _),
        "sdg_rows": [
            {**s, "name": _(SDG_NAMES[s["goal"]])} for s in summary["sdg"] if s["goal"] in SDG_NAMES
        ],
        "ranking": rows,
        "ranking_shown": len(rows),
        "ranking_total": summary["inputs"]["assessed"],
        "funding_line_at_top": line == 0,
        "error_rows": errors,
        "errors_shown": len(errors),
        "robustness_view": robustness_view(summary.get("robustness"), rows, line),
    }


def _sector_rows(sectors: Sectors, _: Any) -> list[LabelledSector]:
    """The sectors with applications, labelled; civil society is always shown, since its
    share is what the programme follows, and ``unknown`` only when there are some."""
    from hallbarhet_cli.models.fields import option_label

    rows: list[LabelledSector] = []
    for row in sectors["by_sector"]:
        sector = row["sector"]
        if row["count"] == 0 and sector not in ("civil_society",):
            continue
        label = (
            _(UNKNOWN_SECTOR)
            if sector == "unknown"
            else _(option_label("applicant.sector", sector))
        )
        rows.append({**row, "label": label[:1].upper() + label[1:]})
    return rows


UNKNOWN_SECTOR: Final = N_("sector not known")


def _bins(histogram: list[int]) -> list[Bin]:
    largest = max(histogram, default=0) or 1
    return [
        {
            "low": 10 * i,
            "high": 10 * (i + 1),
            "count": count,
            "width": round(100 * count / largest, 1),
        }
        for i, count in enumerate(histogram)
    ]


def render_overview(view: OverviewView, lang: str, template_dir: Path | None = None) -> str:
    """The overview page; a broken template (an organisation's override, most likely) is
    one located error rather than a traceback."""
    import jinja2

    from hallbarhet_cli.reporters.documents import environment

    try:
        template = environment(lang, template_dir).get_template(TEMPLATE)
        return template.render(overview=view)
    except jinja2.TemplateSyntaxError as err:
        raise _template_error(
            err.filename or TEMPLATE, err.lineno, err.message or str(err)
        ) from err
    except jinja2.TemplateError as err:
        raise _template_error(TEMPLATE, None, err.message or str(err)) from err


def _template_error(file: str, line: int | None, detail: str) -> UsageError:
    message = Message(N_("Template error: {error}"), {"error": detail})
    return UsageError([Problem(file, line, None, "template", Severity.ERROR, message)])
