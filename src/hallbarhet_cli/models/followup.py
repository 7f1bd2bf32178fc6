"""The file formats added after the decision: an application's ``decision``, a criteria
set's ``follow_up`` entries (the promises) and the ``kind: follow-up`` report."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Final, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from hallbarhet_cli.models.base import Model

# The same pattern as models.criteria.ID_PATTERN (written out here because the criteria
# model imports this module); validation.py knows it by its text and explains it in words.
Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)]

Outcome = Literal["granted", "partly_granted", "rejected", "withdrawn"]
GRANTING: Final = frozenset({"granted", "partly_granted"})
Amount = Annotated[int | float, Field(ge=0, le=1e15)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Note = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
ReportKind = Literal["progress", "final"]
Shortfall = Literal["below", "above"]


class Decision(Model):
    """The funding decision: when, what, how much and in which call."""

    date: dt.date
    outcome: Outcome
    granted_sek: Amount | None = None
    round: Line | None = None
    decided_by: Line | None = None
    conditions: list[Note] = Field(default_factory=list)
    note: Note | None = None


class Tolerance(Model):
    """How far a delivered value may fall short of the promise and still count: a percent
    of the promised value, or an absolute amount in the question's unit."""

    percent: Annotated[int | float, Field(ge=0, le=1000)] | None = None
    absolute: Annotated[int | float, Field(ge=0, le=1e15)] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Tolerance:
        if (self.percent is None) == (self.absolute is None):
            raise PydanticCustomError(
                "hb_tolerance", "A tolerance is either `percent` or `absolute`, not both."
            )
        return self

    def allowance(self, promised: float) -> float:
        """How much below (or above) ``promised`` still counts as within tolerance."""
        if self.absolute is not None:
            return float(self.absolute)
        return abs(promised) * float(self.percent or 0) / 100


class Promise(Model):
    """A ``follow_up`` entry: an answer the project is to report on later. ``shortfall``
    says which way falls short: ``below`` (fewer jobs than promised) or ``above`` (a
    smaller cut in emissions, where the promise is a negative change)."""

    question: Id
    shortfall: Shortfall = "below"
    tolerance: Tolerance | None = None


class ApplicationRef(Model):
    """Which application a report is about: its id, and optionally the path of its file
    (relative to the report)."""

    id: Annotated[str, StringConstraints(pattern=r"^[^\s].*$", max_length=100)]
    path: Annotated[str, StringConstraints(min_length=1, max_length=1000)] | None = None


class ReportPeriod(Model):
    start: dt.date
    end: dt.date


class FollowUpReport(Model):
    """A progress or final report (``lägesrapport``, ``slutrapport``) for one project."""

    kind: Literal["follow-up"]
    application: ApplicationRef
    report: ReportKind
    period: ReportPeriod
    reported_at: dt.date
    reported_by: Line | None = None
    values: dict[str, Any] = Field(default_factory=dict)
    explanations: dict[str, Note] = Field(default_factory=dict)
    answers: dict[str, Any] = Field(default_factory=dict)
    note: Note | None = None
