"""The date checks of a decision and a follow-up report, table-driven: a small document
and the findings expected, with their lines and columns."""

from __future__ import annotations

import pytest

from hallbarhet_cli.applications.decision import check_decision, today
from hallbarhet_cli.errors import Severity
from hallbarhet_cli.files.yamlload import parse_text
from hallbarhet_cli.followup.dates import check_dates
from hallbarhet_cli.models import Application
from hallbarhet_cli.models.followup import Decision, FollowUpReport

APPLICATION = """\
kind: application
id: A-1
type: project
title: T
applicant: {name: N, sector: public}
budget: {total_sek: 2000, requested_sek: 1000}
period: {start: 2026-01-01, end: 2026-12-31}
submitted: {submitted}
decision:
  date: {decided}
  outcome: rejected
"""
REPORT = """\
kind: follow-up
application: {{id: A-1}}
report: final
period: {{start: {start}, end: {end}}}
reported_at: {reported_at}
"""
DECISION = Decision(date="2026-03-01", outcome="granted", granted_sek=1000)


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01


def test_today_follows_the_pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    assert today().isoformat() == "2026-01-01"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")
    assert today().isoformat() == "2030-01-01"


@pytest.mark.parametrize(
    ("submitted", "decided", "found"),
    [
        ("2025-09-01", "2025-12-10", []),
        ("2025-12-10", "2025-12-10", []),  # decided on the day it came in
        ("2025-12-11", "2025-12-10", [("decision-before-submitted", Severity.ERROR, 10, 9)]),
        ("null", "2026-01-02", [("decision-in-future", Severity.WARNING, 10, 9)]),
        ("null", "2026-01-01", []),  # today is not the future
    ],
)
def test_decision_dates(submitted: str, decided: str, found: list[tuple[object, ...]]) -> None:
    text = APPLICATION.replace("{submitted}", submitted).replace("{decided}", decided)
    document = parse_text(text, "app.yaml")
    app = Application.model_validate(document.data)
    got = [(p.rule, p.severity, p.line, p.column) for p in check_decision(document, app)]
    assert got == found


@pytest.mark.parametrize(
    ("start", "end", "reported_at", "found"),
    [
        ("2026-03-01", "2026-12-31", "2027-01-15", []),
        ("2026-03-01", "2026-12-31", "2026-02-28", [
            ("report-before-decision", Severity.ERROR, 5, 14),
            ("period-after-report", Severity.WARNING, 4, 34),
        ]),
        ("2026-02-01", "2026-12-31", "2027-01-15", [
            ("period-before-decision", Severity.WARNING, 4, 17),
        ]),
        ("2026-03-01", "2027-02-01", "2027-01-15", [
            ("period-after-report", Severity.WARNING, 4, 34),
        ]),
    ],
)  # fmt: skip
def test_report_dates(
    start: str, end: str, reported_at: str, found: list[tuple[object, ...]]
) -> None:
    document = parse_text(REPORT.format(start=start, end=end, reported_at=reported_at), "r.yaml")
    report = FollowUpReport.model_validate(document.data)
    got = [(p.rule, p.severity, p.line, p.column) for p in check_dates(document, report, DECISION)]
    assert got == found


def test_without_a_decision_only_the_period_and_the_report_are_compared() -> None:
    text = REPORT.format(start="2020-01-01", end="2027-02-01", reported_at="2027-01-15")
    document = parse_text(text, "r.yaml")
    report = FollowUpReport.model_validate(document.data)
    assert [p.rule for p in check_dates(document, report, None)] == ["period-after-report"]
