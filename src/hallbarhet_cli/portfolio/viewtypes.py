"""The shape of the portfolio view (:func:`~hallbarhet_cli.portfolio.view.portfolio_view`)
and of the figures :mod:`~hallbarhet_cli.portfolio.summary` adds to it, so that the type
checker catches a misspelt key. Dicts at run time: the JSON output is the view as it was.

Kronor are whole numbers where they are whole (``int | float``); a share whose base is
empty is ``None`` (no data is not zero).
"""

from __future__ import annotations

from typing import Any, TypedDict

Kronor = int | float


class TotalsView(TypedDict):
    """What every breakdown shows for a group of applications."""

    applications: int
    proofed: int
    share_by_count: float | None
    requested_sek: Kronor
    proofed_requested_sek: Kronor
    share_by_requested_sek: float | None
    granted: int
    proofed_granted: int
    share_of_granted_by_count: float | None
    granted_sek: Kronor
    proofed_granted_sek: Kronor
    share_by_granted_sek: float | None


class GroupView(TotalsView):
    key: dict[str, str | None]
    label: str


class VerdictStats(TypedDict):
    count: int
    requested_sek: Kronor
    granted_sek: Kronor


class VerdictRow(VerdictStats):
    verdict: str
    label: str


class DimensionStats(TypedDict):
    assessed: int
    meets_minimum: int
    requested_sek: Kronor
    granted_sek: Kronor
    share_by_count: float | None


class DimensionRow(DimensionStats):
    id: str
    title: str


class LevelCell(TypedDict):
    count: int
    requested_sek: Kronor
    granted_sek: Kronor


class LevelRow(LevelCell):
    level: int | str | None  # the level's index, "p3" for points, None: not scored
    label: str


class CriterionRow(TypedDict):
    criteria_set: str
    id: str
    title: str
    dimension: str
    levels: list[LevelRow]


class PromiseStats(TypedDict):
    additive: bool
    promised_by: int
    reported: int
    promised_total: Any  # a sum of answers; None where nothing adds up or was reported
    delivered_total: Any
    statuses: dict[str, int]


class PromiseRow(PromiseStats):
    criteria_set: str
    question: str
    label: str
    unit: str | None
    status_labels: dict[str, str]


class UnreportedRow(TypedDict):
    id: str
    title: str
    granted_sek: Kronor
    period_end: str
    latest_report: str | None


class ApplicationRow(TypedDict):
    id: str
    title: str
    file: str
    criteria_set: str
    year: str | None
    round: str | None
    instrument: str | None
    municipality: str | None
    sector: str | None
    applicant_type: str | None
    requested_sek: Kronor
    verdict: str
    verdict_label: str
    overall_percent: float | None
    outcome: str | None
    outcome_label: str | None
    granted_sek: Kronor | None
    latest_report: str | None
    ex_post_verdict: str | None
    ex_post_label: str | None


class InputsPart(TypedDict):
    applications: int
    reports: int
    skipped: int
    problems: list[str]


class PortfolioView(TypedDict):
    """Everything the portfolio shows, in one language, broken down by one key."""

    format_version: int
    tool_version: str
    language: str
    generated_at: str
    by: str
    by_label: str
    inputs: InputsPart
    totals: TotalsView
    verdicts: list[VerdictRow]
    groups: list[GroupView]
    by_instrument_and_year: list[GroupView]
    dimensions: list[DimensionRow]
    criteria: list[CriterionRow]
    promises: list[PromiseRow]
    unreported: list[UnreportedRow]
    applications: list[ApplicationRow]
