"""An application for funding, with the case officer's optional review."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Final, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from hallbarhet_cli.models.base import Model
from hallbarhet_cli.models.criteria import ApplicationType, Id
from hallbarhet_cli.models.followup import Decision

APPLICATION_ID_PATTERN: Final = r"^[^\s].*$"
Sector = Literal["public", "company", "civil_society", "academia", "other"]
# Amounts are bounded so that an absurd figure is an error, not a number too large to show.
Amount = Annotated[int | float, Field(ge=0, le=1e15)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class Applicant(Model):
    name: Line
    org_number: Annotated[str, StringConstraints(max_length=40)] | None = None
    sector: Sector
    municipality: Line | None = None


class Budget(Model):
    total_sek: Amount
    requested_sek: Amount


class Period(Model):
    start: dt.date
    end: dt.date


class Score(Model):
    """The officer's score for a manual criterion, with the reasoning behind it: ``points``,
    or the name of one of the criterion's named ``level`` (such as ``VG``)."""

    points: Annotated[int, Field(ge=0)] | None = None
    level: Annotated[str, StringConstraints(min_length=1, max_length=40)] | None = None
    comment: str | None = None

    @model_validator(mode="after")
    def _points_or_level(self) -> Score:
        if (self.points is None) == (self.level is None):
            raise PydanticCustomError(
                "hb_score", "A score gives either `points` or a named `level`, not both."
            )
        return self


class Override(Model):
    """The officer's points in place of a criterion's automatic score, and why. The comment
    is required (``validate`` says so with its place): an override without a reason is not
    something a decision can rest on."""

    points: Annotated[int, Field(ge=0)]
    comment: str | None = None


class Review(Model):
    """What the case officer adds: scores for manual criteria, overrides of automatic
    scores and cleared review gates."""

    officer: str | None = None
    date: dt.date | None = None
    scores: dict[Id, Score] = Field(default_factory=dict)
    overrides: dict[Id, Override] = Field(default_factory=dict)
    cleared: list[Id] = Field(default_factory=list)


class Application(Model):
    """One application, as written in its file. Answers are checked against the criteria
    set separately, because only the set knows each question's type."""

    kind: Literal["application"]
    id: Annotated[str, StringConstraints(pattern=APPLICATION_ID_PATTERN, max_length=100)]
    criteria: Annotated[str, StringConstraints(min_length=1)] | None = None
    type: ApplicationType
    title: Line
    applicant: Applicant
    budget: Budget
    period: Period
    # When the region received the application (the registration date); optional, and
    # what a decision's date is checked against.
    submitted: dt.date | None = None
    summary: str | None = None
    answers: dict[str, Any] = Field(default_factory=dict)
    review: Review | None = None
    decision: Decision | None = None
