"""The portfolio of a round: counts, shares, distributions, the ranking and the funding
line."""

from __future__ import annotations

import math

import pytest

from hallbarhet_cli.arithmetic import exact
from hallbarhet_cli.batch.records import Outcome, Record, Status
from hallbarhet_cli.batch.summary import Tally, distribution, percentile


def record(
    app_id: str,
    verdict: str,
    overall: float | None,
    requested: float = 100.0,
    *,
    criteria: tuple[tuple[str, int, int, str], ...] = (),
    missing: tuple[str, ...] = (),
    sdg: tuple[int, ...] = (),
    sector: str | None = None,
) -> Record:
    return Record(
        id=app_id,
        title=f"Title {app_id}",
        applicant="Applicant",
        requested_sek=requested,
        criteria_sha="sha",
        criteria_set="set",
        verdict=verdict,
        provisional=verdict in ("incomplete", "excluded"),
        overall_percent=overall,
        overall_exact=None if overall is None else exact(overall),
        dimensions=(("social", overall, overall is not None and overall < 40),),
        criteria=criteria,
        missing=missing,
        gates=(),
        sdg=sdg,
        sector=sector,
    )


def tally(*records: Record | None) -> Tally:
    t = Tally()
    for index, r in enumerate(records):
        if r is None:
            t.add(Outcome(index, f"in{index}", Status.ERROR, messages=("broken",)))
        else:
            t.add(Outcome(index, f"in{index}", Status.ASSESSED, r))
    return t


def test_ranking_is_by_verdict_then_percent_then_id() -> None:
    t = tally(
        record("E", "excluded", 90.0),
        record("F", "fail", 55.0),
        None,
        record("P2", "pass", 70.0),
        record("I", "incomplete", 95.0),
        record("P1", "pass", 70.0),
        record("P3", "pass", 88.0),
        record("N", "pass", None),
    )
    ranking = t.rank(None)
    ranked = [i for i in range(8) if ranking.rank_of(i) is not None]
    by_rank = sorted(ranked, key=lambda index: ranking.rank_of(index) or 0)
    assert [t.ids[t.index.tolist().index(i)] for i in by_rank] == [
        "P3",
        "P1",
        "P2",
        "N",
        "F",
        "I",
        "E",
    ]
    assert ranking.rank_of(2) is None  # the error has no rank
    assert ranking.within_budget(0) is None


def test_the_funding_line_falls_at_the_first_pass_that_does_not_fit() -> None:
    t = tally(
        record("A", "pass", 90.0, 400),
        record("B", "pass", 80.0, 500),
        record("C", "fail", 85.0, 10),
        record("D", "pass", 70.0, 200),  # does not fit: the line falls here
        record("E", "pass", 60.0, 50),  # would fit, but is below the line
    )
    ranking = t.rank(1000)
    assert [ranking.within_budget(i) for i in range(5)] == [True, True, False, False, False]
    assert ranking.allocated == 900 and ranking.funded_count == 2
    assert [ranking.cumulative_of(i) for i in range(5)] == [400, 900, None, None, None]
    assert ranking.line_after_rank == 2


def test_no_application_within_the_budget() -> None:
    ranking = tally(record("A", "pass", 90.0, 400)).rank(100)
    assert ranking.within_budget(0) is False
    assert ranking.line_after_rank == 0


def test_the_summary_counts_shares_by_number_and_by_amount() -> None:
    t = tally(
        record("A", "pass", 80.0, 300, criteria=(("C1", 0, 2, "not_met"),), sdg=(5, 13)),
        record("B", "fail", 30.0, 100, criteria=(("C1", 2, 2, "met"),), sdg=(5,)),
        record("C", "incomplete", 50.0, 600, criteria=(("C1", 0, 2, "missing"),), missing=("q",)),
        None,
    )
    summary = t.summary({}, t.rank(None))
    assert summary["inputs"] == {"total": 4, "assessed": 3, "errors": 1, "skipped": 0}
    proofed = summary["sustainability_proofed"]
    assert (proofed["count"], proofed["of"]) == (1, 3)
    assert proofed["percent"] == pytest.approx(100 / 3)
    assert proofed["percent_of_requested"] == pytest.approx(30.0)
    # Only criteria judged on answers count as scored low; a missing answer is not low.
    assert summary["criteria_low"][0] | {"title": ""} == {
        "criteria_set": "",
        "criterion": "C1",
        "title": "",
        "dimension": "",
        "judged": 2,
        "low": 1,
        "percent": 50.0,
    }
    assert summary["missing"][0]["applications"] == 1
    goals = {s["goal"]: s for s in summary["sdg"]}
    assert goals[5]["applications"] == 2 and goals[5]["requested_sek"] == 400
    assert goals[1]["applications"] == 0
    assert summary["dimensions"][0]["below_minimum"] == 1


def test_repeated_ids_are_reported() -> None:
    t = tally(record("A", "pass", 80.0), record("B", "fail", 30.0), record("A", "pass", 80.0))
    assert t.summary({}, t.rank(None))["duplicate_ids"] == ["A"]


def test_distribution_and_percentiles() -> None:
    assert percentile([10.0, 20.0, 30.0, 40.0], 0.5) == 25.0
    result = distribution([0.0, 9.9, 10.0, 55.0, 100.0, math.nan], 2)
    assert result["count"] == 5
    assert result["histogram"] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]
    assert result["min"] == 0.0 and result["max"] == 100.0
    assert result["below_minimum_percent"] == 40.0
    empty = distribution([], None)
    assert empty["count"] == 0 and empty["mean"] is None


def test_the_civil_society_share_is_of_the_applications_whose_sector_is_known() -> None:
    t = tally(
        record("A", "pass", 80.0, 300, sector="civil_society"),
        record("B", "fail", 30.0, 100, sector="company"),
        record("C", "pass", 70.0, 100, sector="civil_society"),
        record("D", "incomplete", 50.0, 500),  # no sector: unknown, not "not civil society"
        None,  # an input that could not be assessed is no application of any sector
    )
    sectors = t.summary({}, t.rank(None))["sectors"]
    assert (sectors["known"], sectors["known_requested_sek"], sectors["unknown"]) == (3, 500, 1)
    civil = sectors["civil_society"]
    assert civil["count"] == 2 and civil["requested_sek"] == 400
    assert civil["percent"] == pytest.approx(200 / 3)
    assert civil["percent_of_requested"] == pytest.approx(80.0)
    rows = {row["sector"]: row for row in sectors["by_sector"]}
    assert list(rows) == ["public", "company", "civil_society", "academia", "other", "unknown"]
    assert rows["public"] == {
        "sector": "public",
        "count": 0,
        "percent": 0.0,
        "requested_sek": 0.0,
        "percent_of_requested": 0.0,
    }
    assert rows["unknown"]["count"] == 1 and rows["unknown"]["requested_sek"] == 500
    assert rows["unknown"]["percent"] is None and rows["unknown"]["percent_of_requested"] is None


def test_without_any_known_sector_the_share_is_not_known_rather_than_zero() -> None:
    t = tally(record("A", "pass", 80.0, 300), record("B", "fail", 30.0, 0))
    sectors = t.summary({}, t.rank(None))["sectors"]
    assert sectors["known"] == 0 and sectors["unknown"] == 2
    assert sectors["civil_society"]["count"] == 0
    assert sectors["civil_society"]["percent"] is None
    assert sectors["civil_society"]["percent_of_requested"] is None


def test_a_share_of_no_kronor_is_not_known() -> None:
    t = tally(record("A", "pass", 80.0, 0, sector="civil_society"))
    civil = t.summary({}, t.rank(None))["sectors"]["civil_society"]
    assert civil["percent"] == 100.0 and civil["percent_of_requested"] is None
