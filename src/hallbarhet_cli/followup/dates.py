"""Checks on a follow-up report's dates against the decision it follows up.

Which is an error and which a warning:

* reported **before the decision** (``reported_at`` earlier than ``decision.date``): an
  error. There is nothing granted to report on before the grant, so one of the dates is
  wrong.
* a period that **starts before the decision**: a warning. A project may start at its own
  risk once the application is in (costs are often eligible from the day it was
  received), so the first period can begin before the decision; but it is worth a look.
* a period that **ends after the report was written**: a warning. Delivered values can
  only cover time that has passed, yet a final report handed in days before the project
  ends often states the whole project period.
"""

from __future__ import annotations

from hallbarhet_cli.errors import Message, Problem, Severity
from hallbarhet_cli.files.yamlload import Document
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models.followup import Decision, FollowUpReport


def check_dates(
    document: Document, report: FollowUpReport, decision: Decision | None
) -> list[Problem]:
    """The problems with the dates of ``report`` (read from ``document``)."""
    problems: list[Problem] = []
    if decision is not None and report.reported_at < decision.date:
        problems.append(
            document.problem(
                ("reported_at",),
                "report-before-decision",
                Message(
                    N_(
                        "The report is dated {reported_at}, before the decision it follows up "
                        "({decided})."
                    ),
                    {
                        "reported_at": report.reported_at.isoformat(),
                        "decided": decision.date.isoformat(),
                    },
                ),
            )
        )
    if decision is not None and report.period.start < decision.date:
        problems.append(
            document.problem(
                ("period", "start"),
                "period-before-decision",
                Message(
                    N_(
                        "The period starts ({start}) before the decision ({decided}); that is "
                        "right only if the project started at its own risk."
                    ),
                    {
                        "start": report.period.start.isoformat(),
                        "decided": decision.date.isoformat(),
                    },
                ),
                Severity.WARNING,
            )
        )
    if report.period.end > report.reported_at:
        problems.append(
            document.problem(
                ("period", "end"),
                "period-after-report",
                Message(
                    N_(
                        "The period ends ({end}) after the report was written ({reported_at}); "
                        "delivered values can only cover time that has passed."
                    ),
                    {
                        "end": report.period.end.isoformat(),
                        "reported_at": report.reported_at.isoformat(),
                    },
                ),
                Severity.WARNING,
            )
        )
    return problems
