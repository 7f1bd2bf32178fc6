"""The scoring engine: a pure function from a criteria set and an application to an
:class:`~hallbarhet_cli.scoring.assessment.Assessment`. It reads no files, prints nothing and knows
no language, which is what lets batch runs, tests and reports share it."""

from __future__ import annotations

import math
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Final

from hallbarhet_cli.arithmetic import exact
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.models import (
    Application,
    Condition,
    Criterion,
    Gate,
    Question,
)
from hallbarhet_cli.models.conditions import questions_read
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
from hallbarhet_cli.scoring.predicates import Predicate, compile_condition, compiled

_ZERO: Final = Fraction(0)


class Facts:
    """What conditions see: relevant, non-empty answers and the application's fields."""

    def __init__(self, application: Application, answers: Mapping[str, Any]) -> None:
        self.application = application
        self.answers = answers

    def holds(self, condition: Condition) -> bool:
        """Whether ``condition`` holds, evaluated by the same compiled code that scores."""
        return compiled(condition)(self.answers, self.application)

    def read(self, condition: Condition | None) -> tuple[tuple[str, Any], ...]:
        """The questions a condition reads, with their answers, in order of appearance."""
        if condition is None:
            return ()
        return tuple((q, self.answers.get(q)) for q in questions_read(condition))


@dataclass(frozen=True)
class _Ladder:
    """What scoring one criterion needs, read off the model once."""

    id: str
    dimension: str
    weight: Fraction
    max_points: int
    manual: bool
    levels: tuple[tuple[int, Predicate | None], ...]
    questions: tuple[str, ...]  # what its levels read, in order of appearance
    # (points, level index) of each level, for finding the next rung up
    rungs: tuple[tuple[int, int], ...]
    named: tuple[tuple[str, int], ...] = ()  # a manual criterion's named levels and points
    minimum: int | None = None  # the fewest points the verdict ``pass`` allows


@dataclass(frozen=True)
class _Sum:
    """A weighted sum with whole-number factors over one common denominator:
    ``Σ(factor × value) / denominator``. Scoring adds integers and divides once, and the
    result is exact."""

    denominator: int
    factors: tuple[tuple[int, int], ...]  # (index of the value, factor)

    @classmethod
    def of(cls, shares: dict[int, Fraction]) -> _Sum:
        denominator = math.lcm(*(share.denominator for share in shares.values()))
        factors = tuple((i, int(share * denominator)) for i, share in shares.items() if share)
        return cls(denominator, factors)

    def numerator(self, values: list[int]) -> int:
        return sum(factor * values[i] for i, factor in self.factors)


@dataclass(frozen=True)
class _Arithmetic:
    """What turns a criteria set's points into percents, worked out once per set, exactly.

    A dimension's percent is 100 × Σ(weight × points / max) / Σ(weight) over its criteria;
    the overall percent weights the dimension percents by the dimension weights; a
    criterion's improvement gain is what one more point adds to the overall percent, times
    the points it would gain.
    """

    dimensions: tuple[tuple[str, _Sum | None, Fraction], ...]  # id, percent × ..., weight
    overall: _Sum | None  # over the dimensions' numerators (percent = numerator / denominator)
    gains: _Sum  # per criterion: overall percentage points per point
    minimum: Fraction
    passing: Fraction


def _arithmetic(criteria: ResolvedSet, ladders: tuple[_Ladder, ...]) -> _Arithmetic:
    dimensions: list[tuple[str, _Sum | None, Fraction]] = []
    # What one point of each criterion is worth in its dimension's percent.
    point_value: dict[int, Fraction] = {}
    for dim_id, dimension in criteria.dimensions.items():
        members = [i for i, ladder in enumerate(ladders) if ladder.dimension == dim_id]
        total = sum((ladders[i].weight for i in members), _ZERO)
        percent: _Sum | None = None
        if total > 0:
            shares = {
                i: 100 * ladders[i].weight / total / ladders[i].max_points
                if ladders[i].max_points
                else _ZERO
                for i in members
            }
            point_value.update(shares)
            percent = _Sum.of(shares)
        dimensions.append((dim_id, percent, exact(dimension.weight)))
    scored = [(j, s, w) for j, (_, s, w) in enumerate(dimensions) if s is not None]
    weight = sum((w for _, _, w in scored), _ZERO)
    overall = None
    gains: dict[int, Fraction] = {}
    if weight > 0:
        overall = _Sum.of({j: w / weight / s.denominator for j, s, w in scored})
        dim_share = {dimensions[j][0]: w / weight for j, _, w in scored}
        for i, value in point_value.items():
            gains[i] = value * dim_share[ladders[i].dimension]
    return _Arithmetic(
        dimensions=tuple(dimensions),
        overall=overall,
        gains=_Sum.of(gains) if gains else _Sum(1, ()),
        minimum=exact(criteria.verdict.dimension_min_percent),
        passing=exact(criteria.verdict.pass_percent),
    )


@dataclass(frozen=True)
class _Plan:
    """A criteria set's conditions compiled once (see :mod:`hallbarhet_cli.scoring.predicates`),
    and what scoring needs of each criterion, so each application only evaluates."""

    questions: tuple[tuple[Question, Predicate | None], ...]
    ladders: tuple[_Ladder, ...]
    gates: tuple[tuple[Gate, Predicate], ...]
    arithmetic: _Arithmetic


_PLANS: Final[weakref.WeakKeyDictionary[ResolvedSet, _Plan]] = weakref.WeakKeyDictionary()


def _plan(criteria: ResolvedSet) -> _Plan:
    plan = _PLANS.get(criteria)
    if plan is None:

        def compiled(condition: Condition | None) -> Predicate | None:
            return None if condition is None else compile_condition(condition)

        reads = criteria.criterion_questions
        ladders = tuple(
            _Ladder(
                id=c.id,
                dimension=c.dimension,
                weight=exact(c.weight),
                max_points=c.max_points,
                manual=c.manual is not None,
                levels=tuple((lv.points, compiled(lv.when)) for lv in c.levels or ()),
                questions=reads[c.id],
                rungs=tuple((lv.points, i) for i, lv in enumerate(c.levels or ())),
                named=_named_levels(c),
                minimum=_minimum(criteria, c),
            )
            for c in criteria.criteria
        )
        plan = _Plan(
            questions=tuple((q, compiled(q.relevant)) for q in criteria.questions),
            ladders=ladders,
            gates=tuple((g, compile_condition(g.when)) for g in criteria.gates),
            arithmetic=_arithmetic(criteria, ladders),
        )
        _PLANS[criteria] = plan
    return plan


def _named_levels(criterion: Criterion) -> tuple[tuple[str, int], ...]:
    manual = criterion.manual
    return tuple((lv.level, lv.points) for lv in manual.levels or ()) if manual else ()


def _minimum(criteria: ResolvedSet, criterion: Criterion) -> int | None:
    """A criterion's own ``min_points``, else the set's ``verdict.criterion_min_points``."""
    if criterion.min_points is not None:
        return criterion.min_points
    return criteria.verdict.criterion_min_points


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

    dimensions, overall = _dimensions(plan, results)
    below = _below_minimum(plan, results)
    if not scorable:
        dimensions, overall = unknown_percents(dimensions), None
    incomplete = bool(missing or unscored or uncleared) or not scorable
    excluded = any(g.effect == "exclude" for g in gates)
    if excluded:
        verdict = Verdict.EXCLUDED
    elif incomplete:
        verdict = Verdict.INCOMPLETE
    elif (
        (overall is not None and overall < plan.arithmetic.passing)
        or any(d.below_minimum for d in dimensions)
        or below
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
        overall_exact=overall,
        pass_exact=plan.arithmetic.passing,
        dimensions=dimensions,
        criteria=tuple(results),
        gates=gates,
        missing=tuple(missing),
        unscored=unscored,
        uncleared=uncleared,
        ignored_answers=tuple(form.ignored),
        improvements=() if excluded or not scorable else _improvements(plan, results),
        scorable=scorable,
        sdg=() if excluded else contributed_goals(criteria, results),
        overrides=override_count(results),
        criteria_below_minimum=below,
    )


def _below_minimum(plan: _Plan, results: list[CriterionResult]) -> tuple[str, ...]:
    """The criteria below the fewest points the verdict rules allow them: each of these
    fails the application, whatever its total."""
    return tuple(
        result.id
        for ladder, result in zip(plan.ladders, results, strict=True)
        if ladder.minimum is not None and result.points < ladder.minimum
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
                float(ladder.weight),
                Status.UNSCORED,
                True,
                None,
                (),
            )
        points = _manual_points(ladder, score.points, score.level)
        return CriterionResult(
            ladder.id,
            ladder.dimension,
            0 if points is None else points,
            maximum,
            float(ladder.weight),
            Status.UNSCORED if points is None else _status(points, maximum, False),
            True,
            None,
            (),
            score.comment,
            grade=score.level if points is not None else None,
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
        float(ladder.weight),
        _status(points, maximum, waiting),
        False,
        reached,
        read,
    )


def _manual_points(ladder: _Ladder, points: int | None, level: str | None) -> int | None:
    """The officer's points: what the named ``level`` is worth, or ``points`` up to the
    maximum. ``None`` for a level the scale does not name (loading reports it), since a
    grade that cannot be read is no score, not zero."""
    if level is not None:
        return dict(ladder.named).get(level)
    return None if points is None else min(points, ladder.max_points)


def _status(points: int, maximum: int, waiting: bool) -> Status:
    if points >= maximum:
        return Status.MET
    if waiting:
        return Status.MISSING
    return Status.PARTIAL if points > 0 else Status.NOT_MET


def _dimensions(
    plan: _Plan, results: list[CriterionResult]
) -> tuple[tuple[DimensionResult, ...], Fraction | None]:
    """Each dimension's percent and the overall percent, exactly."""
    arithmetic = plan.arithmetic
    points = [r.points for r in results]
    numerators: list[int] = []
    out = []
    for dim_id, percent, weight in arithmetic.dimensions:
        numerator = 0 if percent is None else percent.numerator(points)
        numerators.append(numerator)
        exact_percent = None if percent is None else Fraction(numerator, percent.denominator)
        out.append(DimensionResult(dim_id, exact_percent, weight, arithmetic.minimum))
    overall = arithmetic.overall
    if overall is None:
        return tuple(out), None
    return tuple(out), Fraction(overall.numerator(numerators), overall.denominator)


def _improvements(plan: _Plan, results: list[CriterionResult]) -> tuple[Improvement, ...]:
    """For each criterion below its maximum, the next rung up and its gain in overall
    percentage points (other criteria unchanged), highest gain first."""
    gains = plan.arithmetic.gains
    per_point = dict(gains.factors)
    found = []
    for i, (ladder, result) in enumerate(zip(plan.ladders, results, strict=True)):
        factor = per_point.get(i)
        if not factor or result.points >= result.max_points or result.overridden:
            # An override is the officer's decision, not a rung to climb.
            continue
        if ladder.manual:
            target, level = result.max_points, None
        else:
            target, level = min(rung for rung in ladder.rungs if rung[0] > result.points)
        numerator = factor * (target - result.points)
        found.append(
            (
                -numerator,
                result.id,
                Improvement(result.id, result.points, target, level, numerator, gains.denominator),
            )
        )
    found.sort(key=lambda item: item[:2])
    return tuple(item[2] for item in found)
