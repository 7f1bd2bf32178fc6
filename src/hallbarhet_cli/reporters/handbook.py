"""The applicant handbook: what a criteria set asks and what earns points, from the set alone.

Built as a plain view (texts in the handbook's language, every condition put into words
by :class:`~hallbarhet_cli.scoring.explain.Explainer`) and rendered by ``handbook.md.j2`` or
``handbook.html.j2``, which organisations can override with ``--template-dir`` like the
reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from hallbarhet_cli import __version__, fmt
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.files.printable import printable_data
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.models import Condition, Criterion, Question, localize
from hallbarhet_cli.models.conditions import questions_read
from hallbarhet_cli.models.fields import option_label
from hallbarhet_cli.models.text import unit_text
from hallbarhet_cli.scoring.explain import Explainer

TEMPLATES: Final = {"md": "handbook.md.j2", "html": "handbook.html.j2"}
_TYPES: Final = {
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "boolean": N_("yes or no"),
    "choice": N_("one of the options"),
    "multichoice": N_("one or more of the options"),
    "text": N_("text"),
    "date": N_("a date (YYYY-MM-DD)"),
}
_EFFECTS: Final = {
    "exclude": N_("The application cannot be granted."),
    "review": N_("The case officer looks into it before deciding."),
}


def _reads(condition: Condition | None) -> set[str]:
    return set(questions_read(condition))


def _limits(question: Question, lang: str) -> str | None:
    parts = []
    if question.min is not None:
        parts.append(
            gettext(N_("at least {value}"), lang).format(value=fmt.number(question.min, lang))
        )
    if question.max is not None:
        parts.append(
            gettext(N_("at most {value}"), lang).format(value=fmt.number(question.max, lang))
        )
    if question.min_length:
        parts.append(gettext(N_("at least {n} characters"), lang).format(n=question.min_length))
    return fmt.join(parts, lang) if parts else None


def handbook_view(criteria: ResolvedSet, lang: str) -> dict[str, Any]:
    """Everything the handbook shows, in ``lang``."""
    explain = Explainer(criteria, lang)
    model = criteria.root.model
    users: dict[str, list[str]] = {q.id: [] for q in criteria.questions}
    for criterion in criteria.criteria:
        for level in criterion.levels or []:
            for question_id in _reads(level.when):
                title = localize(criterion.title, lang)
                if question_id in users and title not in users[question_id]:
                    users[question_id].append(title)
    for gate in criteria.gates:
        for question_id in _reads(gate.when):
            title = localize(gate.title, lang)
            if question_id in users and title not in users[question_id]:
                users[question_id].append(title)

    questions = [
        {
            "id": q.id,
            "label": localize(q.label, lang),
            "help": localize(q.help, lang) or None,
            "answer": gettext(_TYPES[q.type], lang),
            "unit": unit_text(q.unit, lang) or None,
            "required": q.required,
            "options": [localize(o.label, lang) or o.value for o in q.options or []],
            "limits": _limits(q, lang),
            "asked_when": explain.condition(q.relevant) if q.relevant is not None else None,
            "used_by": users[q.id],
        }
        for q in criteria.questions
    ]
    dimensions = []
    for dim_id, dimension in criteria.dimensions.items():
        members = [c for c in criteria.criteria if c.dimension == dim_id]
        dimensions.append(
            {
                "id": dim_id,
                "title": localize(dimension.title, lang),
                "weight": dimension.weight,
                "criteria": [
                    {
                        "id": c.id,
                        "title": localize(c.title, lang),
                        "guidance": localize(c.guidance, lang) or None,
                        "advice": localize(c.advice, lang) or None,
                        "weight": c.weight,
                        "max_points": c.max_points,
                        "sdg": c.sdg,
                        "manual": (
                            localize(c.manual.guidance or c.guidance, lang) or None
                            if c.manual is not None
                            else None
                        ),
                        "grades": _grades(c, lang),
                        "min_points": explain.criterion_minimum(c.id) or None,
                        "levels": [
                            {
                                "points": level.points,
                                "label": localize(level.label, lang) or None,
                                "when": explain.condition(level.when) if level.when else None,
                            }
                            for level in c.levels or []
                        ],
                    }
                    for c in members
                ],
            }
        )
    view = {
        "language": lang,
        "tool_version": __version__,
        "id": model.id,
        "version": model.version,
        "sha256": criteria.sha256,
        "title": localize(model.title, lang),
        "description": localize(model.description, lang) or None,
        "applies_to": [gettext(option_label("type", t), lang) for t in model.applies_to],
        "extends": [s.model.id for s in criteria.chain[:-1]],
        "pass_percent": criteria.verdict.pass_percent,
        "dimension_min_percent": criteria.verdict.dimension_min_percent,
        "has_criteria": bool(criteria.criteria),
        "questions": questions,
        "dimensions": [d for d in dimensions if d["criteria"]],
        "gates": [
            {
                "id": g.id,
                "title": localize(g.title, lang),
                "excludes": g.effect == "exclude",
                "effect": gettext(_EFFECTS[g.effect], lang),
                "when": explain.condition(g.when),
                "reason": localize(g.reason, lang) or None,
            }
            for g in criteria.gates
        ],
    }
    result: dict[str, Any] = printable_data(view)
    return result


def _grades(criterion: Criterion, lang: str) -> list[dict[str, Any]]:
    """A manual criterion's named levels, such as IG, G, VG and MVG, with their points."""
    levels = criterion.manual.levels if criterion.manual is not None else None
    return [
        {"level": lv.level, "points": lv.points, "label": localize(lv.label, lang) or None}
        for lv in levels or []
    ]


def render_handbook(
    criteria: ResolvedSet, lang: str, kind: str, template_dir: Path | None = None
) -> str:
    """The handbook as Markdown (``md``) or a self-contained HTML page (``html``)."""
    from hallbarhet_cli.reporters.documents import render_template

    return render_template(
        TEMPLATES[kind], {"handbook": handbook_view(criteria, lang)}, lang, template_dir
    )
