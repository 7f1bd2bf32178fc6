"""The follow-up, portfolio, batch summary and overview, and indicator report views have exactly the
keys their declared shapes name, at every level, for the bundled examples, so the type
checker's view of each output is the view its writers get."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallbarhet_cli.batch.overview import overview_view
from hallbarhet_cli.batch.progress import Silent
from hallbarhet_cli.batch.scoring import BatchOptions, score_round
from hallbarhet_cli.batch.viewtypes import BatchSummary, OverviewView, RankingRow
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.followup.loading import load_report
from hallbarhet_cli.followup.view import followup_view
from hallbarhet_cli.followup.viewtypes import FollowupView
from hallbarhet_cli.indicators.data import read_data
from hallbarhet_cli.indicators.library import IndicatorLibrary, load_checked
from hallbarhet_cli.indicators.mapping import load_indicator_mapping
from hallbarhet_cli.indicators.report import build_report
from hallbarhet_cli.indicators.viewtypes import IndicatorReport
from hallbarhet_cli.portfolio.collect import collect
from hallbarhet_cli.portfolio.groups import BY
from hallbarhet_cli.portfolio.view import portfolio_view
from hallbarhet_cli.portfolio.viewtypes import PortfolioView
from tests.unit.shapes import mismatches

EXAMPLES = Path(__file__).parents[2] / "examples"
REPORTS = sorted((EXAMPLES / "followup" / "rapporter").glob("*.yaml"))


@pytest.mark.parametrize("report", REPORTS, ids=[p.stem for p in REPORTS])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_followup_view_has_exactly_the_declared_keys(report: Path, lang: str) -> None:
    view = followup_view(load_report(report, CriteriaLibrary()), lang)
    assert mismatches(view, FollowupView) == []
    assert view["promises"] and view["decision"] is not None


def test_the_followup_examples_fill_every_list_of_the_view() -> None:
    """So that the shapes inside the lists were looked into, not only the empty lists."""
    views = [followup_view(load_report(r, CriteriaLibrary()), "en") for r in REPORTS]
    assert any(v["completion_requests"] for v in views)
    assert any(v["ex_post"]["changed_criteria"] for v in views)
    assert any(v["ex_post"]["replaced_answers"] for v in views)
    assert all(v["ex_post"]["dimensions"] for v in views)


def indicator_reports() -> list[IndicatorReport]:
    """The report of every example: each data file under its own set, and the Kolada
    export read through its mapping."""
    folder = EXAMPLES / "indicators"
    inputs = [(p.stem, p, None) for p in sorted(folder.glob("*.csv"))]
    kolada = folder / "kolada"
    inputs.append(
        (
            "kronoberg-regional-uppfoljning",
            kolada / "kolada-export.csv",
            kolada / "kolada-mapping.yaml",
        )
    )
    reports = []
    for set_id, data, columns in inputs:
        resolved = load_checked(IndicatorLibrary(), set_id)
        files = [(data, str(data))]
        loaded = load_indicator_mapping(columns) if columns else None
        observations = read_data(files, resolved, loaded)
        for lang in ("sv", "en"):
            reports.append(build_report(resolved, observations, files, lang))
    return reports


def test_the_indicator_report_view_has_exactly_the_declared_keys() -> None:
    reports = indicator_reports()
    assert len(reports) == 6
    for report in reports:
        assert mismatches(report, IndicatorReport) == [], report["indicator_set"]["id"]
    # the shapes inside the lists and optional parts were looked into
    indicators = [i for r in reports for i in r["indicators"]]
    assert all(r["dimensions"] for r in reports)
    assert any(r["missing"] for r in reports)
    for part in ("breakdowns", "targets", "frameworks", "series"):
        assert any(i[part] for i in indicators), part
    for part in ("band", "baseline", "trend_line", "latest", "previous"):
        assert any(i[part] is not None for i in indicators), part


@pytest.mark.parametrize("by", BY)
def test_the_portfolio_view_has_exactly_the_declared_keys(by: str) -> None:
    inputs = collect([EXAMPLES / "followup"])
    for lang in ("sv", "en"):
        view = portfolio_view(inputs, by, lang)
        assert mismatches(view, PortfolioView) == [], lang
        # the shapes inside the lists were looked into
        for part in ("verdicts", "groups", "by_instrument_and_year", "dimensions"):
            assert view[part], part
        for part in ("criteria", "promises", "unreported", "applications"):
            assert view[part], part
        assert all(c["levels"] for c in view["criteria"])


@pytest.mark.parametrize(
    ("inputs", "mapping", "budget", "lang"),
    [
        ((EXAMPLES,), None, None, "sv"),
        ((EXAMPLES,), None, 5_000_000.0, "en"),
        ((EXAMPLES / "round" / "utlysning-2026-export.csv",), "utlysning-2026.map.yaml", 2e7, "sv"),
    ],
    ids=["examples", "examples-with-budget", "export-with-budget"],
)
def test_the_batch_summary_and_overview_have_exactly_the_declared_keys(
    inputs: tuple[Path, ...], mapping: str | None, budget: float | None, lang: str, tmp_path: Path
) -> None:
    options = BatchOptions(
        inputs=tuple(str(p) for p in inputs),
        output=tmp_path / "out",
        jobs=1,
        lang=lang,
        mapping=EXAMPLES / "round" / mapping if mapping else None,
        budget=budget,
        formats=frozenset({"html"}),
    )
    summary = score_round(options, lambda total: Silent()).summary
    assert mismatches(summary, BatchSummary) == []
    view = overview_view(summary, summary["ranking"], summary["errors"], lang)
    assert mismatches(view, OverviewView) == []
    # the shapes inside the lists and the optional parts were looked into
    for part in ("ranking", "verdicts", "dimensions", "criteria_low", "missing", "sdg"):
        assert summary[part], part
    assert (summary["budget"] is not None) == (budget is not None)
    assert all(("within_budget" in r) == (budget is not None) for r in summary["ranking"])
    assert all("below_minimum" in d for d in summary["dimensions"])


def test_an_optional_key_may_be_left_out_but_a_required_one_may_not() -> None:
    row: dict[str, object] = {
        "rank": 1,
        "input": "a.yaml",
        "id": "A-1",
        "title": "A",
        "applicant": "Org",
        "verdict": "pass",
        "provisional": False,
        "scorable": True,
        "overall_percent": 75.0,
        "requested_sek": 100.0,
        "report": None,
    }
    assert mismatches(row, RankingRow) == []  # no budget: no within_budget, cumulative_sek
    del row["rank"]
    row["within_budgt"] = True
    assert mismatches(row, RankingRow) == ["view: ['rank', 'within_budgt']"]
