"""No data is not zero: an application with nothing to score "cannot be scored yet".

An application can be scored once at least one of the set's questions has an answer that
counts, or the case officer has scored or overridden a criterion. Until then its verdict
is ``incomplete``, its percentages are unknown (``None``, never 0 %) and its criteria are
waiting for answers, not failed. Criteria that read only the application's own fields
(budget, period) do not make it scorable on their own: those fields are in every
application, also in a register export that holds no sustainability answers at all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from hallbarhet_cli.models.application import Review
from hallbarhet_cli.scoring.assessment import CriterionResult, DimensionResult, Status


def has_data(answers: Mapping[str, Any], review: Review | None) -> bool:
    """Whether anything in the application can be scored."""
    if answers:
        return True
    return review is not None and bool(review.scores or review.overrides)


def waiting_for_data(results: Sequence[CriterionResult]) -> list[CriterionResult]:
    """The automatic criteria that read answers, marked as waiting for them."""
    return [
        dataclasses.replace(r, status=Status.MISSING)
        if not r.manual and r.answers and r.status is not Status.MET
        else r
        for r in results
    ]


def unknown_percents(dimensions: Sequence[DimensionResult]) -> tuple[DimensionResult, ...]:
    return tuple(dataclasses.replace(d, exact=None) for d in dimensions)
