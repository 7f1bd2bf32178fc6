"""The applicant, budget and period of an application as plain data for reports, with
their shapes declared so that the type checker catches a misspelt key.

Each part has the fields of its model (:mod:`hallbarhet_cli.models.application`) in the
model's order, dates written as ISO 8601; the assessment and the follow-up views both show
them.
"""

from __future__ import annotations

from typing import TypedDict

from hallbarhet_cli.models.application import Applicant, Budget, Period


class ApplicantView(TypedDict):
    name: str
    org_number: str | None
    sector: str
    municipality: str | None


class BudgetView(TypedDict):
    total_sek: int | float
    requested_sek: int | float


class PeriodView(TypedDict):
    start: str
    end: str


def applicant_view(applicant: Applicant) -> ApplicantView:
    return {
        "name": applicant.name,
        "org_number": applicant.org_number,
        "sector": applicant.sector,
        "municipality": applicant.municipality,
    }


def budget_view(budget: Budget) -> BudgetView:
    return {"total_sek": budget.total_sek, "requested_sek": budget.requested_sek}


def period_view(period: Period) -> PeriodView:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}
