"""The shape of the assessment view (:func:`~hallbarhet_cli.reporters.views.assessment_view`)
and of the ``--explain`` and ``--precheck`` views, so that the type checker catches a
misspelt key in a reporter.

The view is plain data: these are ``TypedDict``\\ s, dicts at run time, so the JSON report
is the view as it was. The applicant, budget, period and decision are declared beside
the functions that build them, in :mod:`hallbarhet_cli.applications`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict, TypeVar, cast

from hallbarhet_cli.applications.decision import DecisionView
from hallbarhet_cli.applications.parts import ApplicantView, BudgetView, PeriodView
from hallbarhet_cli.files.printable import printable_data


class ApplicationView(TypedDict):
    id: str
    title: str
    type: str
    applicant: ApplicantView
    budget: BudgetView
    period: PeriodView
    submitted: str | None  # when the region received it, ISO 8601; None when not given
    summary: str | None
    file: str


class CriteriaSetView(TypedDict):
    id: str
    version: str
    sha256: str
    title: str
    weight_uncertainty: dict[str, Any]


class ThresholdsView(TypedDict):
    pass_percent: float
    dimension_min_percent: float


class DimensionView(TypedDict):
    title: str
    percent: float | None
    weight: float
    min_percent: float
    below_minimum: bool


class TextAnswerView(TypedDict):
    """A text answer as written, shown beside the criterion or gate that reads it."""

    question: str
    label: str
    text: str
    length: int


class CriterionView(TypedDict):
    id: str
    dimension: str
    title: str
    points: int | None  # None while the application cannot be scored
    max_points: int
    automatic_points: int | None
    overridden: bool
    weight: float
    status: str
    manual: bool
    level: int | None
    level_label: str | None
    grade: str | None
    comment: str | None
    reason: str
    explanation: str | None
    answers: dict[str, Any]
    texts: list[TextAnswerView]
    rests_on_length: bool


class GateView(TypedDict):
    id: str
    title: str
    effect: str
    cleared: bool
    reason: str
    answers: dict[str, Any]
    texts: list[TextAnswerView]


class MissingView(TypedDict):
    question: str
    label: str
    too_short: bool
    length: int
    min_length: int | None


class UnscoredView(TypedDict):
    criterion: str
    title: str


class ImprovementView(TypedDict):
    criterion: str
    title: str
    from_points: int
    to_points: int
    gain: float
    needs: str
    advice: str


class AssessmentView(TypedDict):
    """Everything a report shows about one assessment, in one language."""

    format_version: int
    tool_version: str
    language: str
    assessed_at: str
    application: ApplicationView
    criteria_set: CriteriaSetView
    verdict: str
    verdict_label: str
    scorable: bool
    final: bool
    verdict_reasons: list[str]
    provisional: bool
    overall_percent: float | None
    thresholds: ThresholdsView
    dimensions: dict[str, DimensionView]
    criteria: list[CriterionView]
    gates: list[GateView]
    missing: list[MissingView]
    unscored: list[UnscoredView]
    uncleared_gates: list[str]
    ignored_answers: list[str]
    improvements: list[ImprovementView]
    sdg: list[int]
    overrides: int
    warnings: list[str]
    decision: DecisionView | None
    officer: str | None
    review_date: str | None


# -- hallbarhet assess --explain CRITERION --------------------------------------------------
class ExplainedQuestion(TypedDict):
    id: str
    label: str
    answer: str  # the answer in words, or why there is none


class ConditionPart(TypedDict):
    text: str
    holds: bool


class ConditionParts(TypedDict):
    join: str  # "all", "any", "single" or "none"
    items: list[ConditionPart]


class ExplainedLevel(TypedDict):
    name: str
    points: int
    condition: str | None  # None: the level that holds otherwise
    status: str  # "reached", "not_met" or "lower"
    parts: ConditionParts


class OfficerScore(TypedDict):
    points: int | None
    comment: str | None


class NextLevel(TypedDict):
    gain: float
    needs: str
    advice: str


class ExplanationView(TypedDict):
    """Everything ``--explain`` shows about one criterion."""

    id: str
    title: str
    dimension: str
    weight: float
    sdg: list[int]
    points: int
    max_points: int
    status: str
    manual: bool
    guidance: str
    manual_guidance: str
    questions: list[ExplainedQuestion]
    levels: list[ExplainedLevel]
    reason: str
    officer: str | None
    score: OfficerScore | None
    next: NextLevel | None


# -- hallbarhet assess --precheck ----------------------------------------------------------
class PrecheckGap(TypedDict):
    label: str
    help: str
    too_short: bool
    length: int
    min_length: int
    options: list[str]


class PrecheckImprovement(TypedDict):
    title: str
    gain: float
    needs: str
    advice: str


class PrecheckGate(TypedDict):
    title: str
    reason: str
    excludes: bool


class PrecheckView(TypedDict):
    """Everything the applicant's pre-check shows."""

    title: str
    missing: list[PrecheckGap]
    improvements: list[PrecheckImprovement]
    officer_judged: list[str]
    gates: list[PrecheckGate]
    verdict: str
    excluded: bool
    provisional: bool
    overall_percent: float | None
    pass_percent: float
    below_minimum: list[str]


_View = TypeVar("_View", bound=Mapping[str, object])


def printable_view(view: _View) -> _View:
    """``view`` with every string made printable for a terminal; the shape is the same."""
    return cast(_View, printable_data(view))
