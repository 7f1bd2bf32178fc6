"""The scoring engine: a pure function from a criteria set and an application to an
:class:`~hallbarhet_cli.scoring.assessment.Assessment`. It reads no files, prints nothing and knows
no language, which is what lets batch runs, tests and reports share it."""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.models import (
    All,
    Any_,
    Application,
    Comparison,
    Condition,
    Gate,
    Not,
    Question,
)
from hallbarhet_cli.models.conditions import comparisons
from hallbarhet_cli.models.fields import FIELDS
from hallbarhet_cli.models.operators import holds
from hallbarhet_cli.scoring.assessment import (
    Assessment,
    CriterionResult,
    DimensionResult,
    GateResult,
    Improvement,
    MissingAnswer,
    Status,
    Verdict,
)
from hallbarhet_cli.scoring.contributions import contributed_goals
from hallbarhet_cli.scoring.nodata import has_data, unknown_percents, waiting_for_data
from hallbarhet_cli.scoring.overrides import apply_overrides, override_count
from hallbarhet_cli.scoring.predicates import Predicate, compile_condition


class Facts:
    """What conditions see: relevant, non-empty answers and the application's fields."""

    def __init__(self, application: Application, answers: Mapping[str, Any]) -> None:
        self.application = application
        self.answers = answers

    def value(self, comparison: Comparison) -> Any:
        if comparison.question is not None:
            return self.answers.get(comparison.question)
        field = FIELDS.get(comparison.subject)
        return field.read(self.application) if field is not None else None

    def holds(self, condition: Condition) -> bool:
        if isinstance(condition, Comparison):
            return holds(condition.op, self.value(condition), condition.value)
        if isinstance(condition, All):
            return all(self.holds(c) for c in condition.all)
        if isinstance(condition, Any_):
            return any(self.holds(c) for c in condition.any)
        if isinstance(condition, Not):
            return not self.holds(condition.not_)
        raise TypeError(condition)

    def read(self, condition: Condition | None) -> tuple[tuple[str, Any], ...]:
        """The questions a condition reads, with their answers, in order of appearance."""
        if condition is None:
            return ()
        seen: dict[str, Any] = {}
        for _, comparison in comparisons(condition):
            if comparison.question is not None:
                seen.setdefault(comparison.question, self.answers.get(comparison.question))
        return tuple(seen.items())


@dataclass(frozen=True)
class _Ladder:
    """What scoring one criterion needs, read off the model once."""

    id: str
    dimension: str
    weight: float
    max_points: int
    manual: bool
    levels: tuple[tuple[int, Predicate | None], ...]
    questions: tuple[str, ...]  # what its levels read, in order of appearance
    # (points, level index) of each level, for finding the next rung up
    rungs: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class _Plan:
    """A criteria set's conditions compiled once (see :mod:`hallbarhet_cli.scoring.predicates`),
    and what scoring needs of each criterion, so each application only evaluates."""

    questions: tuple[tuple[Question, Predicate | None], ...]
    ladders: tuple[_Ladder, ...]
    gates: tuple[tuple[Gate, Predicate], ...]


_PLANS: Final[weakref.WeakKeyDictionary[ResolvedSet, _Plan]] = weakref.WeakKeyDictionary()


def _plan(criteria: ResolvedSet) -> _Plan:
    plan = _PLANS.get(criteria)
    if plan is None:

        def compiled(condition: Condition | None) -> Predicate | None:
            return None if condition is None else compile_condition(condition)

        reads = criteria.criterion_questions
        plan = _Plan(
            questions=tuple((q, compiled(q.relevant)) for q in criteria.questions),
            ladders=tuple(
                _Ladder(
                    id=c.id,
                    dimension=c.dimension,
                    weight=float(c.weight),
                    max_points=c.max_points,
                    manual=c.manual is not None,
                    levels=tuple((lv.points, compiled(lv.when)) for lv in c.levels or ()),
                    questions=reads[c.id],
                    rungs=tuple((lv.points, i) for i, lv in enumerate(c.levels or ())),
                )
                for c in criteria.criteria
            ),
            gates=tuple((g, compile_condition(g.when)) for g in criteria.gates),
        )
        _PLANS[criteria] = plan
    return plan


def is_answered(value: Any) -> bool:
    """``None``, empty text and an empty list count as no answer."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return bool(value)
    return True


@dataclass
class Form:
    """The application's answers as the form sees them, decided in one pass in question
    order: a ``relevant`` condition sees only the questions before it (the linter makes
    sure it refers to nothing else)."""

    answers: dict[str, Any] = field(default_factory=dict)
    asked: set[str] = field(default_factory=set)
    ignored: list[str] = field(default_factory=list)
    missing: list[MissingAnswer] = field(default_factory=list)


def fill_form(criteria: ResolvedSet, application: Application, answers: Mapping[str, Any]) -> Form:
    """Which questions are asked, which answers count, and which are missing.

    An answer to a question that is not asked is ignored (conditions see it as
    unanswered); a text answer shorter than its ``min_length`` does not count yet.
    """
    form = Form()
    for question, relevant in _plan(criteria).questions:
        value = answers.get(question.id)
        if relevant is not None and not relevant(form.answers, application):
            if is_answered(value):
                form.ignored.append(question.id)
            continue
        form.asked.add(question.id)
        if not is_answered(value):
            if question.required:
                form.missing.append(MissingAnswer(question.id))
            continue
        if question.min_length and isinstance(value, str):
            length = len(value.strip())
            if length < question.min_length:
                if question.required:
                    form.missing.append(MissingAnswer(question.id, True, length))
                continue
        form.answers[question.id] = value
    return form


def assess(
    criteria: ResolvedSet, application: Application, answers: Mapping[str, Any] | None = None
) -> Assessment:
    """Assess ``application`` against the resolved ``criteria`` set.

    ``answers`` are the application's answers after they were checked against the set's
    question types (see :mod:`hallbarhet_cli.applications`); by default the raw ones.
    """
    form = fill_form(criteria, application, application.answers if answers is None else answers)
    facts = Facts(application, form.answers)
    missing = form.missing
    missing_ids = {m.question for m in missing}

    review = application.review
    scores = review.scores if review else {}
    cleared = set(review.cleared) if review else set()
    plan = _plan(criteria)
    results = [_score(ladder, facts, scores, missing_ids) for ladder in plan.ladders]
    results = apply_overrides(results, review.overrides if review else {})
    scorable = has_data(form.answers, review)
    if not scorable:
        results = waiting_for_data(results)
    unscored = tuple(r.id for r in results if r.status is Status.UNSCORED)

    gates = tuple(
        GateResult(g.id, g.effect, g.effect == "review" and g.id in cleared, facts.read(g.when))
        for g, fires in plan.gates
        if fires(form.answers, application)
    )
    uncleared = tuple(g.id for g in gates if g.effect == "review" and not g.cleared)

    dimensions = _dimensions(criteria, results)
    if not scorable:
        dimensions = unknown_percents(dimensions)
    overall = _overall(dimensions)
    rule = criteria.verdict
    incomplete = bool(missing or unscored or uncleared) or not scorable
    excluded = any(g.effect == "exclude" for g in gates)
    if excluded:
        verdict = Verdict.EXCLUDED
    elif incomplete:
        verdict = Verdict.INCOMPLETE
    elif (overall is not None and overall < rule.pass_percent) or any(
        d.below_minimum for d in dimensions
    ):
        verdict = Verdict.FAIL
    else:
        verdict = Verdict.PASS

    return Assessment(
        application_id=application.id,
        application_title=application.title,
        criteria_id=criteria.id,
        criteria_version=criteria.version,
        criteria_sha256=criteria.sha256,
        verdict=verdict,
        provisional=incomplete and not excluded,
        overall_percent=overall,
        pass_percent=float(rule.pass_percent),
        dimensions=dimensions,
        criteria=tuple(results),
        gates=gates,
        missing=tuple(missing),
        unscored=unscored,
        uncleared=uncleared,
        ignored_answers=tuple(form.ignored),
        improvements=() if excluded or not scorable else _improvements(plan, results, dimensions),
        scorable=scorable,
        sdg=() if excluded else contributed_goals(criteria, results),
        overrides=override_count(results),
    )


def _score(
    ladder: _Ladder, facts: Facts, scores: Mapping[str, Any], missing: set[str]
) -> CriterionResult:
    maximum = ladder.max_points
    if ladder.manual:
        score = scores.get(ladder.id)
        if score is None:
            return CriterionResult(
                ladder.id,
                ladder.dimension,
                0,
                maximum,
                ladder.weight,
                Status.UNSCORED,
                True,
                None,
                (),
            )
        points = min(score.points, maximum)
        return CriterionResult(
            ladder.id,
            ladder.dimension,
            points,
            maximum,
            ladder.weight,
            _status(points, maximum, False),
            True,
            None,
            (),
            score.comment,
        )
    answers, application = facts.answers, facts.application
    reached = None
    points = 0
    for i, (level_points, when) in enumerate(ladder.levels):
        if when is None or when(answers, application):
            reached, points = i, level_points
            break
    read = tuple((question, answers.get(question)) for question in ladder.questions)
    waiting = not missing.isdisjoint(ladder.questions) if missing else False
    return CriterionResult(
        ladder.id,
        ladder.dimension,
        points,
        maximum,
        ladder.weight,
        _status(points, maximum, waiting),
        False,
        reached,
        read,
    )


def _status(points: int, maximum: int, waiting: bool) -> Status:
    if points >= maximum:
        return Status.MET
    if waiting:
        return Status.MISSING
    return Status.PARTIAL if points > 0 else Status.NOT_MET


def _dimensions(
    criteria: ResolvedSet, results: list[CriterionResult]
) -> tuple[DimensionResult, ...]:
    minimum = float(criteria.verdict.dimension_min_percent)
    out = []
    for dim_id, dimension in criteria.dimensions.items():
        members = [r for r in results if r.dimension == dim_id]
        total = sum(r.weight for r in members)
        percent = 100.0 * sum(r.weight * r.fraction for r in members) / total if total > 0 else None
        out.append(DimensionResult(dim_id, percent, float(dimension.weight), minimum))
    return tuple(out)


def _overall(dimensions: tuple[DimensionResult, ...]) -> float | None:
    scored = [d for d in dimensions if d.percent is not None]
    total = sum(d.weight for d in scored)
    if total <= 0:
        return None
    return sum(d.weight * (d.percent or 0.0) for d in scored) / total


def _improvements(
    plan: _Plan,
    results: list[CriterionResult],
    dimensions: tuple[DimensionResult, ...],
) -> tuple[Improvement, ...]:
    """For each criterion below its maximum, the next rung up and its gain in overall
    percentage points (other criteria unchanged), highest gain first."""
    dim_weight = {d.id: d.weight for d in dimensions if d.percent is not None}
    total_dim_weight = sum(dim_weight.values())
    member_weight: dict[str, float] = {}
    for r in results:
        member_weight[r.dimension] = member_weight.get(r.dimension, 0.0) + r.weight
    improvements = []
    for ladder, result in zip(plan.ladders, results, strict=True):
        if result.points >= result.max_points or total_dim_weight <= 0 or result.overridden:
            continue  # an override is the officer's decision, not a rung to climb
        if not member_weight.get(result.dimension):
            continue
        if ladder.manual:
            target, level = result.max_points, None
        else:
            target, level = min(rung for rung in ladder.rungs if rung[0] > result.points)
        share = (dim_weight.get(result.dimension, 0.0) / total_dim_weight) * (
            result.weight / member_weight[result.dimension]
        )
        gain = 100.0 * share * (target - result.points) / result.max_points
        if gain > 0:
            improvements.append(Improvement(result.id, result.points, target, level, gain))
    improvements.sort(key=lambda i: (-i.gain, i.criterion))
    return tuple(improvements)
