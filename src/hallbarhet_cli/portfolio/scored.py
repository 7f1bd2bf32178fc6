"""What a portfolio reads of an assessment: the verdict, the dimensions' percents and each
criterion's level. Made from a fresh :class:`~hallbarhet_cli.scoring.assessment.Assessment`
or read back from a line of a batch's ``results.jsonl``, so that both count the same."""

from __future__ import annotations

from dataclasses import dataclass

from hallbarhet_cli.scoring.assessment import Assessment, Status, Verdict


@dataclass(frozen=True)
class ScoredDimension:
    id: str
    percent: float | None
    below_minimum: bool


@dataclass(frozen=True)
class ScoredCriterion:
    id: str
    manual: bool
    unscored: bool  # a manual criterion the officer has not scored yet
    points: int
    level: int | None


@dataclass(frozen=True)
class Scored:
    """An application's assessment at the decision, as far as the portfolio counts it."""

    criteria_id: str
    verdict: Verdict
    overall_percent: float | None
    dimensions: tuple[ScoredDimension, ...]
    criteria: tuple[ScoredCriterion, ...]


def scored(result: Assessment) -> Scored:
    return Scored(
        criteria_id=result.criteria_id,
        verdict=result.verdict,
        overall_percent=result.overall_percent,
        dimensions=tuple(
            ScoredDimension(d.id, d.percent, d.below_minimum) for d in result.dimensions
        ),
        criteria=tuple(
            ScoredCriterion(r.id, r.manual, r.status is Status.UNSCORED, r.points, r.level)
            for r in result.criteria
        ),
    )
