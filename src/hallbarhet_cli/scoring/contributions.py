"""Which UN Sustainable Development Goals an application contributes to.

A criterion's ``sdg`` goals are claimed only from a level that says there is a
contribution: a level marked ``contributes: true``, or, when no level of the criterion is
marked, its highest level. A manual criterion contributes at full points. A score the
officer set (an override) contributes when it reaches the lowest contributing level's
points. An excluded application contributes to nothing: no goal is served by a project
that cannot be funded.
"""

from __future__ import annotations

from collections.abc import Sequence

from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.models import Criterion
from hallbarhet_cli.scoring.assessment import CriterionResult


def contributing_levels(criterion: Criterion) -> frozenset[int]:
    """The indexes of the levels that contribute to ``criterion``'s goals."""
    levels = criterion.levels or []
    marked = {i for i, level in enumerate(levels) if level.contributes}
    if any(level.contributes is not None for level in levels):
        return frozenset(marked)
    top = criterion.max_points
    return frozenset(i for i, level in enumerate(levels) if level.points == top)


def contributes(criterion: Criterion, result: CriterionResult) -> bool:
    """Whether ``result`` reaches a level of ``criterion`` that contributes."""
    if result.points <= 0:
        return False
    if criterion.levels is None:
        return result.points >= result.max_points
    levels = contributing_levels(criterion)
    if not levels:
        return False
    if result.overridden or result.level is None:
        threshold = min(criterion.levels[i].points for i in levels)
        return result.points >= threshold
    return result.level in levels


def contributed_goals(criteria: ResolvedSet, results: Sequence[CriterionResult]) -> tuple[int, ...]:
    """The goals ``results`` contribute to, in order."""
    goals: set[int] = set()
    for result in results:
        criterion = criteria.criterion_map[result.id]
        if criterion.sdg and contributes(criterion, result):
            goals.update(criterion.sdg)
    return tuple(sorted(goals))
