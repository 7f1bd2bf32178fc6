"""Checks on an application's ``decision`` that its schema cannot make: the amount must
fit the outcome and may not exceed what was asked for, and the date must be one the
decision can have been made on."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, Final, TypedDict

from hallbarhet_cli.errors import Message, Problem, Severity
from hallbarhet_cli.files.yamlload import Document
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.models.application import Application
from hallbarhet_cli.models.followup import GRANTING, Decision


def check_decision(document: Document, app: Application) -> list[Problem]:
    """The problems with ``app.decision`` (none when there is no decision)."""
    decision = app.decision
    if decision is None:
        return []
    problems: list[Problem] = []

    def problem(
        path: tuple[str, ...],
        rule: str,
        template: str,
        severity: Severity = Severity.ERROR,
        **args: Any,
    ) -> None:
        problems.append(
            document.problem(("decision", *path), rule, Message(template, args), severity)
        )

    granted = decision.granted_sek
    requested = app.budget.requested_sek
    if decision.outcome in GRANTING:
        if granted is None or granted <= 0:
            problem(
                ("outcome",) if granted is None else ("granted_sek",),
                "decision-amount",
                N_("A {outcome} decision needs the amount granted (`granted_sek`, more than 0)."),
                outcome=decision.outcome,
            )
        elif granted > requested:
            problem(
                ("granted_sek",),
                "decision-exceeds",
                N_(
                    "The granted amount ({granted}) is more than the requested amount "
                    "({requested})."
                ),
                granted=granted,
                requested=requested,
            )
        elif decision.outcome == "partly_granted" and granted == requested:
            problem(
                ("outcome",),
                "decision-outcome",
                N_(
                    "The decision is partly granted but grants the whole requested amount; "
                    "should the outcome be granted?"
                ),
                Severity.WARNING,
            )
    elif granted is not None:
        problem(
            ("granted_sek",),
            "decision-amount",
            N_("A {outcome} decision grants nothing: leave out `granted_sek`."),
            outcome=decision.outcome,
        )
    # An application cannot be decided on before the region received it: an error. The
    # format has no date for when a call opened, so that cannot be checked.
    if app.submitted is not None and decision.date < app.submitted:
        problem(
            ("date",),
            "decision-before-submitted",
            N_(
                "The decision ({date}) is dated before the application was submitted ({submitted})."
            ),
            date=decision.date.isoformat(),
            submitted=app.submitted.isoformat(),
        )
    # A date in the future is most often a typing error, but a record may be written
    # ahead of the meeting that is to decide, and a pinned clock (SOURCE_DATE_EPOCH)
    # may lie in the past: a warning.
    if decision.date > today():
        problem(
            ("date",),
            "decision-in-future",
            N_(
                "The decision is dated {date}, after today ({today}); a decision on record "
                "should already have been made."
            ),
            Severity.WARNING,
            date=decision.date.isoformat(),
            today=today().isoformat(),
        )
    return problems


def today() -> dt.date:
    """Today in UTC, or the day of ``SOURCE_DATE_EPOCH`` when it is set, so that checks
    against the date give the same result when output is reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


OUTCOME_LABELS: Final = {
    "granted": N_("Granted in full"),
    "partly_granted": N_("Partly granted"),
    "rejected": N_("Rejected"),
    "withdrawn": N_("Withdrawn"),
}


class DecisionView(TypedDict):
    """The funding decision as reports show it."""

    date: str
    outcome: str
    outcome_label: str
    granted_sek: int | float | None
    round: str | None
    decided_by: str | None
    conditions: list[str]
    note: str | None


def decision_view(decision: Decision | None, lang: str) -> DecisionView | None:
    """The decision as plain data for reports, with the outcome in ``lang``."""
    if decision is None:
        return None
    return {
        "date": decision.date.isoformat(),
        "outcome": decision.outcome,
        "outcome_label": gettext(OUTCOME_LABELS[decision.outcome], lang),
        "granted_sek": decision.granted_sek,
        "round": decision.round,
        "decided_by": decision.decided_by,
        "conditions": list(decision.conditions),
        "note": decision.note,
    }
