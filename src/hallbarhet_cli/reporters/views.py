"""Plain view data for reports: built once in Python, rendered by every reporter.

The view holds numbers unrounded and texts already in the report's language. JSON output
is the view itself; the terminal, Markdown and HTML reporters only lay it out.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, Final

from hallbarhet_cli import __version__, fmt
from hallbarhet_cli.applications.decision import decision_view
from hallbarhet_cli.applications.loading import LoadedApplication
from hallbarhet_cli.applications.parts import applicant_view, budget_view, period_view
from hallbarhet_cli.i18n import N_, gettext, ngettext
from hallbarhet_cli.models import localize
from hallbarhet_cli.reporters.reading import (
    criterion_questions,
    exclusion_could_change,
    rests_on_length,
    text_answers,
)
from hallbarhet_cli.reporters.viewtypes import AssessmentView
from hallbarhet_cli.robustness.declared import declared_uncertainty
from hallbarhet_cli.scoring.assessment import Assessment, CriterionResult, Verdict
from hallbarhet_cli.scoring.explain import Explainer, explainer

VERDICT_LABELS: Final = {
    Verdict.EXCLUDED: N_("Excluded"),
    Verdict.INCOMPLETE: N_("To be completed"),
    Verdict.FAIL: N_("Not sustainability-proofed"),
    Verdict.PASS: N_("Sustainability-proofed"),
}

UNSCORABLE_LABEL: Final = N_("Cannot be scored yet")

# format_version 1: the first published shape of the assessment JSON.
# format_version 2: ``scorable`` and ``final``; percents and criterion points are null when
# the application cannot be scored yet; each criterion's ``automatic_points``,
# ``overridden``, ``texts`` and ``rests_on_length``; ``overrides`` counts the officer's
# overrides; ``sdg`` only from levels that contribute, and none when excluded.
FORMAT_VERSION: Final = 2


def assessed_at() -> str:
    """The time of the assessment in UTC: ``SOURCE_DATE_EPOCH`` when set, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        if epoch and epoch.isdigit()
        else dt.datetime.now(dt.UTC)
    )
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def assessment_view(assessment: Assessment, loaded: LoadedApplication, lang: str) -> AssessmentView:
    """Everything a report shows about one assessment, in ``lang``."""
    explain = explainer(loaded.criteria, lang)
    app = loaded.model
    criteria = loaded.criteria
    raw = loaded.answers
    return {
        "format_version": FORMAT_VERSION,
        "tool_version": __version__,
        "language": lang,
        "assessed_at": assessed_at(),
        "application": {
            "id": app.id,
            "title": app.title,
            "type": app.type,
            "applicant": applicant_view(app.applicant),
            "budget": budget_view(app.budget),
            "period": period_view(app.period),
            "submitted": app.submitted.isoformat() if app.submitted is not None else None,
            "summary": app.summary,
            "file": loaded.document.file,
        },
        "criteria_set": {
            "id": assessment.criteria_id,
            "version": assessment.criteria_version,
            "sha256": assessment.criteria_sha256,
            "title": localize(criteria.root.model.title, lang),
            "weight_uncertainty": declared_uncertainty(criteria).as_json(),
        },
        "verdict": assessment.verdict.value,
        "verdict_label": verdict_label(assessment, lang),
        "scorable": assessment.scorable,
        "final": assessment.final,
        "verdict_reasons": verdict_reasons(assessment, explain),
        "provisional": assessment.provisional,
        "overall_percent": assessment.overall_percent,
        "thresholds": {
            "pass_percent": criteria.verdict.pass_percent,
            "dimension_min_percent": criteria.verdict.dimension_min_percent,
        },
        "dimensions": {
            d.id: {
                "title": explain.dimension_title(d.id),
                "percent": d.percent,
                "weight": float(d.weight),
                "min_percent": d.min_percent,
                "below_minimum": d.below_minimum,
            }
            for d in assessment.dimensions
        },
        "criteria": [
            {
                "id": r.id,
                "dimension": r.dimension,
                "title": explain.criterion_title(r.id),
                "points": r.points if assessment.scorable else None,
                "max_points": r.max_points,
                "automatic_points": r.automatic_points,
                "overridden": r.overridden,
                "weight": r.weight,
                "status": r.status.value,
                "manual": r.manual,
                "level": r.level,
                "level_label": explain.level_label(r) if assessment.scorable else None,
                "grade": r.grade,
                "comment": r.comment,
                "reason": _reason(assessment, r, explain),
                "explanation": explain.explanation(r) if assessment.scorable else None,
                "answers": {q: _plain(a) for q, a in r.answers},
                "texts": text_answers(criterion_questions(criteria, r.id), raw, explain),
                "rests_on_length": assessment.scorable
                and rests_on_length(criteria.criterion_map[r.id], criteria),
            }
            for r in assessment.criteria
        ],
        "gates": [
            {
                "id": g.id,
                "title": explain.gate_title(g.id),
                "effect": g.effect,
                "cleared": g.cleared,
                "reason": explain.gate_reason(g),
                "answers": {q: _plain(a) for q, a in g.answers},
                "texts": text_answers((q for q, _ in g.answers), raw, explain),
            }
            for g in assessment.gates
        ],
        "missing": [
            {
                "question": m.question,
                "label": explain.question_label(m.question),
                "too_short": m.too_short,
                "length": m.length,
                "min_length": criteria.question_map[m.question].min_length,
            }
            for m in assessment.missing
        ],
        "unscored": [
            {"criterion": c, "title": explain.criterion_title(c)} for c in assessment.unscored
        ],
        "uncleared_gates": list(assessment.uncleared),
        "ignored_answers": list(assessment.ignored_answers),
        "improvements": [
            {
                "criterion": i.criterion,
                "title": explain.criterion_title(i.criterion),
                "from_points": i.from_points,
                "to_points": i.to_points,
                "gain": i.gain,
                "needs": explain.improvement(i),
                "advice": explain.advice(i.criterion),
            }
            for i in assessment.improvements
        ],
        "sdg": list(assessment.sdg),
        "overrides": assessment.overrides,
        "warnings": [p.render(lang) for p in loaded.warnings],
        "decision": decision_view(app.decision, lang),
        "officer": app.review.officer if app.review else None,
        "review_date": app.review.date.isoformat() if app.review and app.review.date else None,
    }


def verdict_label(assessment: Assessment, lang: str) -> str:
    if not assessment.scorable and not assessment.final:
        return gettext(UNSCORABLE_LABEL, lang)
    return gettext(VERDICT_LABELS[assessment.verdict], lang)


def verdict_reasons(assessment: Assessment, explain: Explainer) -> list[str]:
    """Why the verdict is what it is, one sentence per reason, most decisive first. An
    excluded application gets only why, and what (if anything) could change that."""
    lang = explain.lang
    reasons: list[str] = []
    for gate in assessment.gates:
        if gate.effect == "exclude":
            reasons.append(
                gettext(N_("Excluded by the gate {gate}."), lang).format(
                    gate=fmt.quote(explain.gate_title(gate.id), lang)
                )
            )
    if assessment.final:
        return [*reasons, _what_could_change(assessment, explain)]
    if not assessment.scorable:
        reasons.append(
            gettext(
                N_(
                    "The application has no answers to score yet, so no percentage can be "
                    "given: no data is not zero."
                ),
                lang,
            )
        )
    if assessment.missing:
        n = len(assessment.missing)
        reasons.append(
            ngettext(
                "{n} required answer is missing.", "{n} required answers are missing.", n, lang
            ).format(n=n)
        )
    if assessment.unscored:
        n = len(assessment.unscored)
        reasons.append(
            ngettext(
                "{n} criterion awaits the case officer's score.",
                "{n} criteria await the case officer's score.",
                n,
                lang,
            ).format(n=n)
        )
    for gate_id in assessment.uncleared:
        reasons.append(
            gettext(N_("The gate {gate} needs the case officer's review."), lang).format(
                gate=fmt.quote(explain.gate_title(gate_id), lang)
            )
        )
    overall = assessment.overall_percent
    if overall is not None:
        template = (
            N_("Overall {percent} meets the required {required}.")
            if overall >= assessment.pass_percent
            else N_("Overall {percent}, below the required {required}.")
        )
        reasons.append(
            gettext(template, lang).format(
                percent=fmt.percent(overall, lang),
                required=fmt.percent(assessment.pass_percent, lang),
            )
        )
    reasons.extend(below_minimum(assessment, explain))
    reasons.extend(criteria_below_minimum(assessment, explain))
    return reasons


def criteria_below_minimum(assessment: Assessment, explain: Explainer) -> list[str]:
    """A sentence for each criterion under the fewest points the verdict rules allow it."""
    template = gettext(
        N_(
            "{criterion} has {points} p, below the minimum of {minimum} p it must reach; "
            "no total makes up for that."
        ),
        explain.lang,
    )
    results = {r.id: r for r in assessment.criteria}
    return [
        template.format(
            criterion=fmt.quote(explain.criterion_title(criterion_id), explain.lang),
            points=results[criterion_id].points,
            minimum=explain.criterion_minimum(criterion_id),
        )
        for criterion_id in assessment.criteria_below_minimum
    ]


def below_minimum(assessment: Assessment, explain: Explainer) -> list[str]:
    """A sentence for each dimension under the minimum every dimension must reach."""
    template = gettext(
        N_(
            "{dimension} is {percent}, below the minimum of {minimum} that every dimension "
            "must reach."
        ),
        explain.lang,
    )
    return [
        template.format(
            dimension=explain.dimension_title(d.id),
            percent=fmt.percent(d.percent, explain.lang),
            minimum=fmt.percent(d.min_percent, explain.lang),
        )
        for d in assessment.dimensions
        if d.below_minimum and d.percent is not None
    ]


def _reason(assessment: Assessment, result: CriterionResult, explain: Explainer) -> str:
    """Why a criterion scored as it did; with nothing to score, that it waits for answers
    (the lowest level holds then only because nothing is answered)."""
    if assessment.scorable or result.manual:
        return explain.reason(result)
    return gettext(N_("Waiting for answers: nothing to score yet."), explain.lang)


def _what_could_change(assessment: Assessment, explain: Explainer) -> str:
    lang = explain.lang
    missing = exclusion_could_change(assessment, explain.criteria)
    if missing:
        return gettext(
            N_("Only answering {questions} could change this, since the gate reads it."), lang
        ).format(
            questions=fmt.join([fmt.quote(explain.question_label(q), lang) for q in missing], lang)
        )
    return gettext(
        N_(
            "The exclusion is final: nothing missing could change it. Only a change to the "
            "answers the gate reads would."
        ),
        lang,
    )
