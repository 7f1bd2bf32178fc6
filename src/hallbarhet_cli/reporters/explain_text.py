"""``hallbarhet assess APP --explain CRITERION``: one criterion in full.

What it is (title, dimension, weight, guidance), the questions it reads with the
application's answers, every level's condition in words with its points (the level reached
marked, and for the levels above it which parts do not hold), and what the next level needs
with the advice. For a manual criterion: the guidance and the case officer's score and
comment, or that it awaits a score.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from hallbarhet_cli import fmt
from hallbarhet_cli.applications.loading import LoadedApplication
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.criteria.titles import criteria_titled
from hallbarhet_cli.errors import Message, Problem, Severity, UsageError
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.models import All, Any_, Condition, localize
from hallbarhet_cli.reporters.layout import Styled as Text
from hallbarhet_cli.reporters.textpage import TextPage
from hallbarhet_cli.reporters.viewtypes import (
    ConditionPart,
    ConditionParts,
    ExplainedLevel,
    ExplainedQuestion,
    ExplanationView,
    printable_view,
)
from hallbarhet_cli.scoring.assessment import Assessment
from hallbarhet_cli.scoring.engine import Facts, fill_form
from hallbarhet_cli.scoring.explain import Explainer

_MARKS: Final = {True: ("✔", "green"), False: ("✘", "red")}
_TITLED: Final = N_("Write the id of the criterion: {criteria}.")


def find_criterion(criteria: ResolvedSet, wanted: str) -> str:
    """The id of the criterion ``wanted`` names (ignoring case when that is unambiguous);
    a :class:`UsageError` with a "did you mean" otherwise."""
    if wanted in criteria.criterion_map:
        return wanted
    same = [c for c in criteria.criterion_map if c.casefold() == wanted.casefold()]
    if len(same) == 1:
        return same[0]
    exact, titled = criteria_titled(criteria, wanted)
    if len(exact) == 1:
        return exact[0]
    message = criteria.no_such("criterion", wanted)
    if titled:
        found = "; ".join(f"{c} ({title})" for c, title in titled)
        message = replace(message, hint=Message(_TITLED, {"criteria": found}))
    raise UsageError(
        [
            Problem(
                "--explain",
                None,
                None,
                "unknown-criterion",
                Severity.ERROR,
                message,
            )
        ]
    )


def explanation_view(
    assessment: Assessment, loaded: LoadedApplication, criterion_id: str, lang: str
) -> ExplanationView:
    """Everything ``--explain`` shows about one criterion, in ``lang``."""
    criteria = loaded.criteria
    explain = Explainer(criteria, lang)
    criterion = criteria.criterion_map[criterion_id]
    result = next(r for r in assessment.criteria if r.id == criterion_id)
    form = fill_form(criteria, loaded.model, loaded.answers)
    facts = Facts(loaded.model, form.answers)
    missing = {m.question: m for m in form.missing}

    def _(message: str) -> str:
        return gettext(message, lang)

    questions: list[ExplainedQuestion] = []
    for question_id, answer in result.answers:
        gap = missing.get(question_id)
        if question_id not in form.asked:
            state = _(N_("not asked: the question does not apply"))
        elif gap is not None and gap.too_short:
            state = _(N_("too short: {length} of at least {min} characters")).format(
                length=gap.length, min=criteria.question_map[question_id].min_length
            )
        elif gap is not None:
            state = _(N_("not answered, though required"))
        else:
            state = explain.answer(question_id, answer)
        questions.append(
            {"id": question_id, "label": explain.question_label(question_id), "answer": state}
        )

    levels: list[ExplainedLevel] = []
    for i, level in enumerate(criterion.levels or []):
        reached = result.level
        status = (
            "reached"
            if i == reached
            else "lower"
            if reached is not None and i > reached
            else "not_met"
        )
        levels.append(
            {
                "name": explain.level_name(criterion_id, i),
                "points": level.points,
                "condition": explain.condition(level.when) if level.when is not None else None,
                "status": status,
                "parts": _parts(level.when, facts, explain),
            }
        )

    improvement = next((i for i in assessment.improvements if i.criterion == criterion_id), None)
    review = loaded.model.review
    score = review.scores.get(criterion_id) if review and criterion.manual else None
    return {
        "id": criterion_id,
        "title": explain.criterion_title(criterion_id),
        "dimension": explain.dimension_title(criterion.dimension),
        "weight": result.weight,
        "sdg": list(criterion.sdg),
        "points": result.points,
        "max_points": result.max_points,
        "status": result.status.value,
        "manual": criterion.manual is not None,
        "guidance": localize(criterion.guidance, lang),
        "manual_guidance": localize(criterion.manual.guidance, lang) if criterion.manual else "",
        "questions": questions,
        "levels": levels,
        "reason": explain.explanation(result),
        "officer": (review.officer if review else None),
        "score": None if score is None else {"points": score.points, "comment": score.comment},
        "next": None
        if improvement is None
        else {
            "gain": improvement.gain,
            "needs": explain.improvement(improvement),
            "advice": explain.advice(criterion_id),
        },
    }


def _parts(condition: Condition | None, facts: Facts, explain: Explainer) -> ConditionParts:
    """A level's condition split for showing why it holds or not: the members of a
    top-level ``all``/``any`` (``join``), or the condition itself, each with whether it
    holds."""
    if condition is None:
        return {"join": "none", "items": []}
    if isinstance(condition, All | Any_):
        join, members = (
            ("all", condition.all) if isinstance(condition, All) else ("any", condition.any)
        )
    else:
        join, members = "single", [condition]
    items: list[ConditionPart] = [
        {"text": explain.condition(c), "holds": facts.holds(c)} for c in members
    ]
    return {"join": join, "items": items}


_PARTS_HEAD: Final = {
    ("reached", "all"): N_("All of these hold:"),
    ("reached", "any"): N_("At least one of these holds:"),
    ("not_met", "all"): N_("Needs all of these:"),
    ("not_met", "any"): N_("Needs at least one of these:"),
}


def render(view: ExplanationView, lang: str, *, color: bool, width: int = 100) -> str:
    """``view`` as text for the terminal."""
    view = printable_view(view)
    page = TextPage(lang, color=color, width=width)
    _heading(page, view)
    if view["manual"]:
        _officer_score(page, view)
    else:
        _questions(page, view)
        _levels(page, view)
        _next_level(page, view)
    return page.text()


def _heading(page: TextPage, view: ExplanationView) -> None:
    """The criterion, its dimension, weight and goals, its result and its guidance."""
    tr, lang = page.tr, page.lang
    page.out(f"{view['id']} · {view['title']}", style="bold")
    facts = [
        tr(N_("Dimension: {dimension}")).format(dimension=view["dimension"]),
        tr(N_("Weight: {weight}")).format(weight=fmt.number(view["weight"], lang)),
    ]
    if view["sdg"]:
        facts.append(tr(N_("Global goals: {goals}")).format(goals=", ".join(map(str, view["sdg"]))))
    page.out(" · ".join(facts), style="dim")
    page.out(
        tr(N_("Result: {points} of {max} points")).format(
            points=view["points"], max=view["max_points"]
        ),
        style="bold",
    )
    if view["guidance"]:
        page.section(tr(N_("Guidance")))
        page.out(view["guidance"].strip())


def _officer_score(page: TextPage, view: ExplanationView) -> None:
    """A criterion the case officer scores: their guidance, their score and the advice."""
    tr = page.tr
    if view["manual_guidance"]:
        page.section(tr(N_("Guidance for the case officer")))
        page.out(view["manual_guidance"].strip())
    page.section(tr(N_("The case officer's score")))
    score = view["score"]
    if score is None:
        page.out("? " + tr(N_("Awaiting the case officer's score.")), style="yellow")
        return
    line = tr(N_("{points} of {max} points")).format(points=score["points"], max=view["max_points"])
    page.out(f"{line} ({view['officer']})" if view["officer"] else line)
    if score["comment"]:
        page.out(" ".join(score["comment"].split()), style="italic")
    upcoming = view["next"]
    if upcoming is not None and upcoming["advice"]:
        page.section(tr(N_("Advice")))
        page.out(upcoming["advice"].strip())


def _questions(page: TextPage, view: ExplanationView) -> None:
    page.section(page.tr(N_("Questions and answers")))
    for q in view["questions"]:
        page.out(f"• {q['label']} ({q['id']})", 2)
        page.out(q["answer"], 4, "cyan")


def _levels(page: TextPage, view: ExplanationView) -> None:
    """Each level with its status, and for the levels that decide, each part of its
    condition marked as holding or not."""
    tr = page.tr
    page.section(tr(N_("Levels")))
    for level in view["levels"]:
        status = level["status"]
        head = Text(f"{_STATUS_MARK[status]} {level['name']}", style=_STATUS_STYLE[status])
        if status == "reached":
            head.append("  ← " + tr(N_("reached")), style="green")
        elif status == "not_met":
            head.append("  " + tr(N_("not reached")), style="dim")
        page.out(head, 2)
        parts = level["parts"]
        if level["condition"] is None:
            page.out(tr(N_("otherwise")), 6, "dim")
        elif status == "lower":
            page.out(level["condition"], 6, "dim")
        elif parts["join"] == "single":
            page.out(_mark(parts["items"][0]), 6)
        else:
            page.out(tr(_PARTS_HEAD[status, parts["join"]]), 6)
            for item in parts["items"]:
                page.out(_mark(item), 8)


def _next_level(page: TextPage, view: ExplanationView) -> None:
    """What the next level needs and what it would add, with the advice."""
    tr = page.tr
    page.section(tr(N_("Next level")))
    upcoming = view["next"]
    if upcoming is None:
        page.out(tr(N_("This criterion has its highest score.")), style="green")
        return
    gain = tr(N_("+{gain} percentage points")).format(
        gain=fmt.number(upcoming["gain"], page.lang, 1)
    )
    page.out(f"{upcoming['needs']} ({gain})")
    if upcoming["advice"]:
        page.section(tr(N_("Advice")))
        page.out(upcoming["advice"].strip())


_STATUS_MARK: Final = {"reached": "▶", "not_met": "✘", "lower": "·"}
_STATUS_STYLE: Final = {"reached": "bold green", "not_met": "", "lower": "dim"}


def _mark(item: ConditionPart) -> Text:
    symbol, colour = _MARKS[item["holds"]]
    return Text(f"{symbol} ", style=colour) + Text(item["text"])


def render_explanation(
    assessment: Assessment,
    loaded: LoadedApplication,
    criterion: str,
    lang: str,
    *,
    color: bool,
    width: int = 100,
) -> str:
    """``--explain CRITERION``: find the criterion (or fail with a suggestion) and render it."""
    criterion_id = find_criterion(loaded.criteria, criterion)
    view = explanation_view(assessment, loaded, criterion_id, lang)
    return render(view, lang, color=color, width=width)
