"""The result of assessing one application: plain values, no language, no formatting."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
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
    grade: str | None = None  # the named level the officer picked, such as ``VG``

    @property
    def fraction(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0


@dataclass(frozen=True)
class DimensionResult:
    """A dimension's percent (``None`` when the set has no criteria in it).

    ``exact`` is the percent as an exact rational, what thresholds are compared with;
    ``percent`` is the same value as a float, for reports and JSON.
    """

    id: str
    exact: Fraction | None
    weight: Fraction
    min_exact: Fraction

    @property
    def percent(self) -> float | None:
        return None if self.exact is None else float(self.exact)

    @property
    def min_percent(self) -> float:
        return float(self.min_exact)

    @property
    def below_minimum(self) -> bool:
        return self.exact is not None and self.exact < self.min_exact


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
    # The gain in percentage points of the overall percent, as an exact fraction.
    gain_numerator: int
    gain_denominator: int

    @property
    def exact_gain(self) -> Fraction:
        return Fraction(self.gain_numerator, self.gain_denominator)

    @property
    def gain(self) -> float:
        return self.gain_numerator / self.gain_denominator


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
    overall_exact: Fraction | None  # what the verdict and the ranking compare
    pass_exact: Fraction
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

    # Criteria below the fewest points the verdict rules allow: any one fails the verdict.
    criteria_below_minimum: tuple[str, ...] = ()

    @property
    def overall_percent(self) -> float | None:
        """The overall percent as a float, for reports and JSON (never for comparing)."""
        return None if self.overall_exact is None else float(self.overall_exact)

    @property
    def pass_percent(self) -> float:
        return float(self.pass_exact)
