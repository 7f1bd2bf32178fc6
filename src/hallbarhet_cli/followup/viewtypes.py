"""The shape of the follow-up view (:func:`~hallbarhet_cli.followup.view.followup_view`), so
that the type checker catches a misspelt key. Dicts at run time: the JSON output is the view
as it was."""

from __future__ import annotations

from typing import Any, TypedDict

from hallbarhet_cli.applications.decision import DecisionView
from hallbarhet_cli.applications.parts import ApplicantView, BudgetView, PeriodView


class ReportPart(TypedDict):
    file: str
    kind: str  # "progress" or "final"
    kind_label: str
    period: PeriodView
    reported_at: str
    reported_by: str | None
    note: str | None


class FollowupApplication(TypedDict):
    id: str
    title: str
    type: str
    applicant: ApplicantView
    budget: BudgetView
    period: PeriodView
    file: str


class FollowupCriteriaSet(TypedDict):
    id: str
    version: str


class PromiseView(TypedDict):
    question: str
    label: str
    unit: str | None
    shortfall: str  # "below" or "above"
    shortfall_label: str
    tolerance: dict[str, int | float] | None  # {"percent": …} or {"absolute": …}
    tolerance_text: str
    promised: Any  # the answer as given, dates as ISO 8601
    promised_text: str
    delivered: Any
    delivered_text: str | None
    deviation: float | None
    deviation_percent: float | None
    status: str
    status_label: str
    status_symbol: str
    explanation: str | None
    request: str | None


class CompletionRequest(TypedDict):
    question: str
    kind: str  # "explain" or "report"
    text: str


class VerdictState(TypedDict):
    verdict: str
    verdict_label: str
    provisional: bool
    overall_percent: float | None


class ScoreState(TypedDict):
    points: int | None
    level_label: str | None


class ChangedCriterion(TypedDict):
    id: str
    title: str
    dimension: str
    max_points: int
    then: ScoreState
    now: ScoreState


class ReplacedAnswer(TypedDict):
    question: str
    label: str


class DimensionChange(TypedDict):
    id: str
    title: str
    then: float | None
    now: float | None
    min_percent: float
    below_minimum_now: bool


class ExPostView(TypedDict):
    """The verdict then and now, and every dimension and criterion that changed."""

    then: VerdictState
    now: VerdictState
    verdict_changed: bool
    replaced_answers: list[ReplacedAnswer]
    dimensions: list[DimensionChange]
    changed_criteria: list[ChangedCriterion]


class FollowupView(TypedDict):
    """Everything the follow-up of one report shows, in one language."""

    format_version: int
    tool_version: str
    language: str
    generated_at: str
    report: ReportPart
    application: FollowupApplication
    criteria_set: FollowupCriteriaSet
    decision: DecisionView | None
    promises: list[PromiseView]
    completion_requests: list[CompletionRequest]
    ex_post: ExPostView
    warnings: list[str]
