"""The result of assessing one application: plain values, no language, no formatting."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    """Verdicts in order of precedence: the first that applies is the verdict."""

    EXCLUDED = "excluded"
    INCOMPLETE = "incomplete"
    FAIL = "fail"
    PASS = "pass"


class Status(StrEnum):
    """How a criterion came out."""

    MET = "met"  # full points
    PARTIAL = "partial"  # some points, below the maximum
    NOT_MET = "not_met"  # no points, though everything it reads is answered
    MISSING = "missing"  # below the maximum while a question it reads is unanswered
    UNSCORED = "unscored"  # a manual criterion the officer has not scored yet


@dataclass(frozen=True)
class CriterionResult:
    """One criterion's points, and what decided them.

    For a ladder, ``level`` is the index of the level that scored (``None`` when none did)
    and ``answers`` the answers it read; for a manual criterion, ``comment`` is the
    officer's. When the officer ``overridden`` the score, ``points`` are the officer's,
    ``automatic_points`` what the criterion scored by itself and ``comment`` the reason.
    """

    id: str
    dimension: str
    points: int
    max_points: int
    weight: float
    status: Status
    manual: bool
    level: int | None
    answers: tuple[tuple[str, Any], ...]
    comment: str | None = None
    overridden: bool = False
    automatic_points: int | None = None

    @property
    def fraction(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0


@dataclass(frozen=True)
class DimensionResult:
    """A dimension's percent (``None`` when the set has no criteria in it)."""

    id: str
    percent: float | None
    weight: float
    min_percent: float

    @property
    def below_minimum(self) -> bool:
        return self.percent is not None and self.percent < self.min_percent


@dataclass(frozen=True)
class GateResult:
    """A gate that fired, and for a review gate whether the officer cleared it."""

    id: str
    effect: str
    cleared: bool
    answers: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class MissingAnswer:
    """A required, relevant question with no (or a too short) answer."""

    question: str
    too_short: bool = False
    length: int = 0


@dataclass(frozen=True)
class Improvement:
    """The next level a criterion could reach, and what it would add overall."""

    criterion: str
    from_points: int
    to_points: int
    level: int | None
    gain: float  # percentage points of the overall percent


@dataclass(frozen=True)
class Assessment:
    """A criteria set applied to one application. Deterministic for the same inputs.

    ``scorable`` is false when the application has nothing to score yet (see
    :mod:`hallbarhet_cli.scoring.nodata`); ``final`` when a gate excludes it, so that
    nothing missing can change the verdict unless it changes the gate. ``sdg`` are the
    goals it contributes to (see :mod:`hallbarhet_cli.scoring.contributions`)."""

    application_id: str
    application_title: str
    criteria_id: str
    criteria_version: str
    criteria_sha256: str
    verdict: Verdict
    provisional: bool
    overall_percent: float | None
    pass_percent: float
    dimensions: tuple[DimensionResult, ...]
    criteria: tuple[CriterionResult, ...]
    gates: tuple[GateResult, ...]
    missing: tuple[MissingAnswer, ...]
    unscored: tuple[str, ...]
    uncleared: tuple[str, ...]
    ignored_answers: tuple[str, ...]
    improvements: tuple[Improvement, ...]
    scorable: bool = True
    sdg: tuple[int, ...] = ()
    overrides: int = 0

    @property
    def final(self) -> bool:
        return self.verdict is Verdict.EXCLUDED
