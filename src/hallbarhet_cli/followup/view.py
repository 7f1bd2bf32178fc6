"""The follow-up of one report as plain view data: promised against delivered, the
requests for completion and the ex-post assessment, with texts in the report's language.
JSON output is the view itself; the text, Markdown and HTML templates only lay it out."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from hallbarhet_cli import __version__, fmt
from hallbarhet_cli.applications.decision import decision_view
from hallbarhet_cli.applications.parts import applicant_view, budget_view, period_view
from hallbarhet_cli.followup.compare import (
    PromiseResult,
    PromiseStatus,
    Request,
    compare,
    delivered_answers,
    ex_post,
)
from hallbarhet_cli.followup.loading import LoadedReport
from hallbarhet_cli.followup.viewtypes import (
    ChangedCriterion,
    CompletionRequest,
    ExPostView,
    FollowupView,
    PromiseView,
    VerdictState,
)
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.models.text import unit_text
from hallbarhet_cli.reporters.views import VERDICT_LABELS, assessed_at
from hallbarhet_cli.scoring.assessment import Assessment
from hallbarhet_cli.scoring.engine import assess
from hallbarhet_cli.scoring.explain import Explainer, explainer

# format_version 1: the first published shape of the follow-up JSON.
FORMAT_VERSION: Final = 1

STATUS_LABELS: Final = {
    PromiseStatus.DELIVERED: N_("delivered"),
    PromiseStatus.WITHIN_TOLERANCE: N_("within tolerance"),
    PromiseStatus.SHORT: N_("short"),
    PromiseStatus.EXCEEDED: N_("exceeded"),
    PromiseStatus.NOT_REPORTED: N_("not reported"),
}
STATUS_SYMBOLS: Final = {
    PromiseStatus.DELIVERED: "●",
    PromiseStatus.WITHIN_TOLERANCE: "◐",
    PromiseStatus.SHORT: "✘",
    PromiseStatus.EXCEEDED: "▲",
    PromiseStatus.NOT_REPORTED: "?",
}
REPORT_LABELS: Final = {"progress": N_("Progress report"), "final": N_("Final report")}
SHORTFALL_LABELS: Final = {
    "below": N_("less than promised falls short"),
    "above": N_("more than promised falls short"),
}


def _t(explain: Explainer, message: str) -> str:
    return gettext(message, explain.lang)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def followup_view(report: LoadedReport, lang: str) -> FollowupView:
    """Everything the follow-up of ``report`` shows, in ``lang``."""
    loaded = report.application
    criteria = loaded.criteria
    explain = explainer(criteria, lang)
    results = compare(criteria, report.promises, loaded.answers, report.model, report.values)
    then = assess(criteria, loaded.model, loaded.answers)
    now = ex_post(
        criteria, loaded.model, delivered_answers(loaded.answers, report.values, report.answers)
    )
    app = loaded.model
    model = report.model
    return {
        "format_version": FORMAT_VERSION,
        "tool_version": __version__,
        "language": lang,
        "generated_at": assessed_at(),
        "report": {
            "file": report.document.file,
            "kind": model.report,
            "kind_label": gettext(REPORT_LABELS[model.report], lang),
            "period": {
                "start": model.period.start.isoformat(),
                "end": model.period.end.isoformat(),
            },
            "reported_at": model.reported_at.isoformat(),
            "reported_by": model.reported_by,
            "note": model.note,
        },
        "application": {
            "id": app.id,
            "title": app.title,
            "type": app.type,
            "applicant": applicant_view(app.applicant),
            "budget": budget_view(app.budget),
            "period": period_view(app.period),
            "file": loaded.document.file,
        },
        "criteria_set": {"id": criteria.id, "version": criteria.version},
        "decision": decision_view(app.decision, lang),
        "promises": [_promise(r, explain) for r in results],
        "completion_requests": [
            _request(r, r.request, explain) for r in results if r.request is not None
        ],
        "ex_post": _ex_post(then, now, explain, sorted({*report.values, *report.answers})),
        "warnings": [p.render(lang) for p in report.warnings],
    }


def _promise(result: PromiseResult, explain: Explainer) -> PromiseView:
    question = explain.criteria.question_map[result.question]
    tolerance = result.tolerance
    return {
        "question": result.question,
        "label": explain.question_label(result.question),
        "unit": unit_text(question.unit, explain.lang) or None,
        "shortfall": result.shortfall,
        "shortfall_label": _t(explain, SHORTFALL_LABELS[result.shortfall]),
        "tolerance": tolerance.model_dump(exclude_none=True) if tolerance else None,
        "tolerance_text": _tolerance_text(result, explain),
        "promised": _plain(result.promised),
        "promised_text": explain.answer(result.question, result.promised),
        "delivered": _plain(result.delivered),
        "delivered_text": (
            explain.answer(result.question, result.delivered)
            if result.delivered is not None
            else None
        ),
        "deviation": result.deviation,
        "deviation_percent": result.deviation_percent,
        "status": result.status.value,
        "status_label": _t(explain, STATUS_LABELS[result.status]),
        "status_symbol": STATUS_SYMBOLS[result.status],
        "explanation": result.explanation,
        "request": result.request.value if result.request else None,
    }


def _tolerance_text(result: PromiseResult, explain: Explainer) -> str:
    tolerance = result.tolerance
    lang = explain.lang
    if tolerance is None:
        return _t(explain, N_("exact"))
    if tolerance.percent is not None:
        return fmt.percent(tolerance.percent, lang)
    absolute = tolerance.absolute or 0
    unit = unit_text(explain.criteria.question_map[result.question].unit, lang, absolute)
    amount = fmt.number(absolute, lang)
    return f"{amount} {unit}" if unit else amount


def _request(result: PromiseResult, request: Request, explain: Explainer) -> CompletionRequest:
    label = fmt.quote(explain.question_label(result.question), explain.lang)
    promised = explain.answer(result.question, result.promised)
    if request is Request.EXPLAIN:
        delivered = explain.answer(result.question, result.delivered)
        text = _t(
            explain,
            N_(
                "Explain why {question} falls short of the promise: {promised} was promised "
                "and {delivered} delivered."
            ),
        ).format(question=label, promised=promised, delivered=delivered)
    else:
        text = _t(
            explain, N_("Report what was delivered for {question}: {promised} was promised.")
        ).format(question=label, promised=promised)
    return {"question": result.question, "kind": request, "text": text}


def _state(assessment: Assessment, explain: Explainer) -> VerdictState:
    return {
        "verdict": assessment.verdict.value,
        "verdict_label": _t(explain, VERDICT_LABELS[assessment.verdict]),
        "provisional": assessment.provisional,
        "overall_percent": assessment.overall_percent,
    }


def _ex_post(
    then: Assessment, now: Assessment, explain: Explainer, replaced: list[str]
) -> ExPostView:
    """The verdict then and now, and every dimension and criterion that changed."""
    before = {c.id: c for c in then.criteria}
    changed: list[ChangedCriterion] = []
    for after in now.criteria:
        old = before[after.id]
        if (old.points, old.level) == (after.points, after.level):
            continue
        changed.append(
            {
                "id": after.id,
                "title": explain.criterion_title(after.id),
                "dimension": after.dimension,
                "max_points": after.max_points,
                "then": {"points": old.points, "level_label": explain.level_label(old)},
                "now": {"points": after.points, "level_label": explain.level_label(after)},
            }
        )
    old_dimensions = {d.id: d for d in then.dimensions}
    return {
        "then": _state(then, explain),
        "now": _state(now, explain),
        "verdict_changed": then.verdict != now.verdict,
        "replaced_answers": [{"question": q, "label": explain.question_label(q)} for q in replaced],
        "dimensions": [
            {
                "id": d.id,
                "title": explain.dimension_title(d.id),
                "then": old_dimensions[d.id].percent,
                "now": d.percent,
                "min_percent": d.min_percent,
                "below_minimum_now": d.below_minimum,
            }
            for d in now.dimensions
        ],
        "changed_criteria": changed,
    }
