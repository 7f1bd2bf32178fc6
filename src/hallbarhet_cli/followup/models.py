"""The follow-up's file formats (defined with the other models, in
:mod:`hallbarhet_cli.models.followup`, which the application and criteria models include)."""

from hallbarhet_cli.models.followup import (
    GRANTING,
    ApplicationRef,
    Decision,
    FollowUpReport,
    Outcome,
    Promise,
    ReportKind,
    ReportPeriod,
    Shortfall,
    Tolerance,
)

__all__ = [
    "GRANTING",
    "ApplicationRef",
    "Decision",
    "FollowUpReport",
    "Outcome",
    "Promise",
    "ReportKind",
    "ReportPeriod",
    "Shortfall",
    "Tolerance",
]
