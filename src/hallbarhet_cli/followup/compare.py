"""Promised against delivered, and the application re-scored with what was delivered.

Pure functions of models and answers, like the engine: no files, no language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hallbarhet_cli.criteria.promises import NUMERIC, DeclaredPromise, rank
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.models import Application, Question
from hallbarhet_cli.models.followup import FollowUpReport, Tolerance
from hallbarhet_cli.scoring.assessment import Assessment
from hallbarhet_cli.scoring.engine import assess


class PromiseStatus(StrEnum):
    """How a delivered value stands against the promise."""

    DELIVERED = "delivered"  # exactly as promised
    WITHIN_TOLERANCE = "within_tolerance"  # short, but no more than the tolerance allows
    SHORT = "short"  # short by more than the tolerance
    EXCEEDED = "exceeded"  # better than promised
    NOT_REPORTED = "not_reported"  # the report gives no value


class Request(StrEnum):
    """What the project owner is asked to complete."""

    EXPLAIN = "explain"  # a shortfall beyond tolerance, without an explanation
    REPORT = "report"  # a final report without a value for a promise


@dataclass(frozen=True)
class PromiseResult:
    """One promise of one application compared with one report."""

    question: str
    shortfall: str
    tolerance: Tolerance | None
    promised: Any
    delivered: Any
    deviation: float | None  # delivered minus promised, for numbers
    deviation_percent: float | None  # of the promised value, when it is not 0
    status: PromiseStatus
    explanation: str | None
    request: Request | None


def compare_one(
    declared: DeclaredPromise,
    question: Question,
    promised: Any,
    delivered: Any,
    explanation: str | None,
    final: bool,
) -> PromiseResult:
    """Compare one delivered value (``None`` when not reported) with its promise."""
    promise = declared.promise
    numeric = question.type in NUMERIC
    deviation = percent = None
    request = None
    if delivered is None:
        status = PromiseStatus.NOT_REPORTED
        request = Request.REPORT if final else None
    else:
        before, after = rank(question, promised), rank(question, delivered)
        assert before is not None and after is not None  # checked when the files were read
        change = after - before
        if numeric:
            deviation = delivered - promised
            percent = 100 * change / abs(before) if before else None
        better = change > 0 if promise.shortfall == "below" else change < 0
        allowance = promise.tolerance.allowance(before) if promise.tolerance and numeric else 0
        if change == 0:
            status = PromiseStatus.DELIVERED
        elif better:
            status = PromiseStatus.EXCEEDED
        elif abs(change) <= allowance:
            status = PromiseStatus.WITHIN_TOLERANCE
        else:
            status = PromiseStatus.SHORT
            request = None if explanation else Request.EXPLAIN
    return PromiseResult(
        question=question.id,
        shortfall=promise.shortfall,
        tolerance=promise.tolerance,
        promised=promised,
        delivered=delivered,
        deviation=deviation,
        deviation_percent=percent,
        status=status,
        explanation=explanation,
        request=request,
    )


def compare(
    criteria: ResolvedSet,
    declared: Mapping[str, DeclaredPromise],
    promised: Mapping[str, Any],
    report: FollowUpReport,
    delivered: Mapping[str, Any],
) -> tuple[PromiseResult, ...]:
    """Every promise the application made (the promised questions it answered), compared
    with the report's typed ``delivered`` values."""
    results = []
    for question_id, promise in declared.items():
        if promised.get(question_id) is None:
            continue  # not answered in the application: nothing was promised
        results.append(
            compare_one(
                promise,
                criteria.question_map[question_id],
                promised[question_id],
                delivered.get(question_id),
                report.explanations.get(question_id),
                report.report == "final",
            )
        )
    return tuple(results)


def delivered_answers(
    promised: Mapping[str, Any], delivered: Mapping[str, Any], other: Mapping[str, Any]
) -> dict[str, Any]:
    """The application's answers with the delivered values (and the report's other answers)
    in place of what was promised; what the report leaves out stays as promised."""
    return {**promised, **other, **delivered}


def ex_post(
    criteria: ResolvedSet, application: Application, answers: Mapping[str, Any]
) -> Assessment:
    """The application re-scored through the engine with ``answers`` (see
    :func:`delivered_answers`): would it still have been sustainability-proofed?"""
    return assess(criteria, application.model_copy(update={"answers": dict(answers)}), answers)
