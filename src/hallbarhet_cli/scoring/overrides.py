"""The case officer's last word: ``review.overrides`` replaces a criterion's automatic score.

Both scores stay on record. The result carries the officer's points (which the percentages
use) and keeps the automatic points beside them, so that reports can show both and the
audit can count how many scores a person changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from hallbarhet_cli.models.application import Override
from hallbarhet_cli.scoring.assessment import CriterionResult, Status


def apply_overrides(
    results: Sequence[CriterionResult], overrides: Mapping[str, Override]
) -> list[CriterionResult]:
    """``results`` with each overridden criterion's points replaced by the officer's
    (capped at its maximum; ``validate`` reports points above it)."""
    if not overrides:
        return list(results)
    return [_overridden(r, overrides[r.id]) if r.id in overrides else r for r in results]


def _overridden(result: CriterionResult, override: Override) -> CriterionResult:
    points = min(override.points, result.max_points)
    automatic = None if result.status is Status.UNSCORED else result.points
    return dataclasses.replace(
        result,
        points=points,
        status=officer_status(points, result.max_points),
        comment=override.comment,
        overridden=True,
        automatic_points=automatic,
    )


def officer_status(points: int, maximum: int) -> Status:
    """A score the officer set is never waiting for an answer."""
    if points >= maximum:
        return Status.MET
    return Status.PARTIAL if points > 0 else Status.NOT_MET


def override_count(results: Sequence[CriterionResult]) -> int:
    return sum(1 for r in results if r.overridden)
