"""``hallbarhet assess APP --precheck``: a pre-check written for the applicant.

First what to complete (each missing answer with its question and help text, each too short
text with how many more characters it needs), then what would earn more points, ranked,
then a short verdict line, marked preliminary while the application is incomplete. The
language is the applicant's: question labels and criterion titles, no internal ids unless
asked for with ``--show-ids``.
"""

from __future__ import annotations

from hallbarhet_cli import fmt
from hallbarhet_cli.applications.loading import LoadedApplication
from hallbarhet_cli.i18n import N_, gettext, ngettext
from hallbarhet_cli.models import localize
from hallbarhet_cli.reporters.layout import Styled as Text
from hallbarhet_cli.reporters.textpage import TextPage
from hallbarhet_cli.reporters.views import VERDICT_LABELS, below_minimum
from hallbarhet_cli.reporters.viewtypes import (
    PrecheckGap,
    PrecheckGate,
    PrecheckImprovement,
    PrecheckView,
    printable_view,
)
from hallbarhet_cli.scoring.assessment import Assessment, Status
from hallbarhet_cli.scoring.explain import Explainer


def precheck_view(
    assessment: Assessment, loaded: LoadedApplication, lang: str, *, show_ids: bool = False
) -> PrecheckView:
    """Everything the pre-check shows, in ``lang``; ids only with ``show_ids``."""
    criteria = loaded.criteria
    explain = Explainer(criteria, lang)

    def named(text: str, internal_id: str) -> str:
        return f"{text} ({internal_id})" if show_ids else text

    missing: list[PrecheckGap] = []
    for gap in assessment.missing:
        question = criteria.question_map[gap.question]
        missing.append(
            {
                "label": named(explain.question_label(gap.question), gap.question),
                "help": " ".join(localize(question.help, lang).split()),
                "too_short": gap.too_short,
                "length": gap.length,
                "min_length": question.min_length or 0,
                "options": [localize(o.label, lang) or o.value for o in question.options or []],
            }
        )
    results = {r.id: r for r in assessment.criteria}
    improvements: list[PrecheckImprovement] = [
        {
            "title": named(explain.criterion_title(i.criterion), i.criterion),
            "gain": i.gain,
            "needs": explain.improvement(i) if i.level is not None else "",
            "advice": " ".join(explain.advice(i.criterion).split()),
        }
        for i in assessment.improvements
        # A criterion the case officer has not scored yet is not something to improve.
        if results[i.criterion].status is not Status.UNSCORED
    ]
    gates: list[PrecheckGate] = [
        {
            "title": named(explain.gate_title(g.id), g.id),
            "reason": " ".join(explain.gate_reason(g).split()),
            "excludes": g.effect == "exclude",
        }
        for g in assessment.gates
        if g.effect == "exclude" or not g.cleared
    ]
    below = below_minimum(assessment, explain)
    return {
        "title": loaded.model.title,
        "missing": missing,
        "improvements": improvements,
        "officer_judged": [named(explain.criterion_title(c), c) for c in assessment.unscored],
        "gates": gates,
        "verdict": gettext(VERDICT_LABELS[assessment.verdict], lang),
        "excluded": assessment.verdict == "excluded",
        "provisional": assessment.provisional,
        "overall_percent": assessment.overall_percent,
        "pass_percent": assessment.pass_percent,
        "below_minimum": below,
    }


def render(view: PrecheckView, lang: str, *, color: bool, width: int = 100) -> str:
    """``view`` as text for the terminal or a file to hand to the applicant."""
    view = printable_view(view)
    page = TextPage(lang, color=color, width=width)
    _heading(page, view)
    page.out()
    _missing(page, view["missing"])
    _improvements(page, view["improvements"])
    _officer_judged(page, view["officer_judged"])
    _gates(page, view["gates"])
    page.out()
    page.out(verdict_line(view, lang))
    # Points do not count for an excluded application: showing how far it falls short
    # would suggest that more points could help.
    for sentence in [] if view["excluded"] else view["below_minimum"]:
        page.out(f"• {sentence}", 2)
    return page.text()


def _heading(page: TextPage, view: PrecheckView) -> None:
    tr = page.tr
    page.out(
        Text(
            tr(N_("Pre-check of the application {title}")).format(
                title=fmt.quote(view["title"], page.lang)
            ),
            style="bold",
        )
    )
    page.out(
        Text(
            tr(
                N_(
                    "What the application needs to be complete, and what would earn it more "
                    "points. The case officer makes the final assessment."
                )
            ),
            style="dim",
        )
    )


def _missing(page: TextPage, missing: list[PrecheckGap]) -> None:
    """The completion request: each answer to add or lengthen, with its options and help."""
    tr = page.tr
    if not missing:
        page.out(Text("✔ " + tr(N_("Every required question is answered.")), style="green"))
        return
    page.out(Text(tr(N_("Completion request: answers to add or complete")), style="bold underline"))
    for n, gap in enumerate(missing, 1):
        page.out(Text(f"{n}. {gap['label']}", style="bold"))
        page.out(_gap_note(gap, page.lang), 3, "yellow")
        if gap["options"]:
            page.out(tr(N_("Answer with one of:")), 3)
            for option in gap["options"]:
                page.out(f"– {option}", 3)
        if gap["help"]:
            page.out(gap["help"], 3, "dim")


def _gap_note(gap: PrecheckGap, lang: str) -> str:
    if not gap["too_short"]:
        return gettext(N_("Not answered yet."), lang)
    more = gap["min_length"] - gap["length"]
    return ngettext(
        "The answer is too short: {length} characters, at least {min} are needed "
        "({more} more character).",
        "The answer is too short: {length} characters, at least {min} are needed "
        "({more} more characters).",
        more,
        lang,
    ).format(length=gap["length"], min=gap["min_length"], more=more)


def _improvements(page: TextPage, improvements: list[PrecheckImprovement]) -> None:
    if not improvements:
        return
    page.out()
    page.out(Text(page.tr(N_("What would earn more points")), style="bold underline"))
    for n, item in enumerate(improvements, 1):
        gain = page.tr(N_("+{gain} percentage points")).format(
            gain=fmt.number(item["gain"], page.lang, 1)
        )
        page.out(Text(f"{n}. {item['title']} ({gain})", style="bold"))
        if item["needs"]:
            page.out(item["needs"], 3)
        if item["advice"]:
            page.out(item["advice"], 3, "dim")


def _officer_judged(page: TextPage, titles: list[str]) -> None:
    if not titles:
        return
    page.out()
    page.out(Text(page.tr(N_("Assessed by the case officer")), style="bold underline"))
    page.out(
        Text(
            page.tr(
                N_(
                    "The case officer judges these from the whole application, so describe "
                    "them clearly:"
                )
            )
        )
    )
    for title in titles:
        page.out(Text(f"– {title}"))


def _gates(page: TextPage, gates: list[PrecheckGate]) -> None:
    tr = page.tr
    if not gates:
        return
    page.out()
    page.out(Text(tr(N_("Good to know")), style="bold underline"))
    for gate in gates:
        lead = (
            tr(N_("Cannot be granted: {title}."))
            if gate["excludes"]
            else tr(N_("The case officer will look into: {title}."))
        ).format(title=gate["title"])
        page.out(Text(lead, style="magenta" if gate["excludes"] else "yellow"))
        if gate["reason"]:
            page.out(gate["reason"], 3, "dim")


def verdict_line(view: PrecheckView, lang: str) -> Text:
    """One line: the verdict with the overall percent, marked preliminary when
    the application is incomplete; for an excluded application, that no points can
    change it."""
    lead = gettext(
        N_("Preliminary verdict: {verdict}") if view["provisional"] else N_("Verdict: {verdict}"),
        lang,
    ).format(verdict=view["verdict"])
    line = Text(lead, style="bold")
    if view["excluded"]:
        line.append(
            " – " + gettext(N_("the application cannot be granted, whatever its points."), lang)
        )
    elif view["overall_percent"] is not None:
        line.append(
            " – "
            + gettext(N_("{percent} overall, {required} is needed."), lang).format(
                percent=fmt.percent(view["overall_percent"], lang),
                required=fmt.percent(view["pass_percent"], lang),
            )
        )
    if view["provisional"]:
        line.append(
            " "
            + gettext(
                N_(
                    "The result may change when the application is complete and the case "
                    "officer has assessed it."
                ),
                lang,
            )
        )
    return line


def render_precheck(
    assessment: Assessment,
    loaded: LoadedApplication,
    lang: str,
    *,
    color: bool,
    show_ids: bool,
    width: int = 100,
) -> str:
    """``--precheck``: the applicant's pre-check as text."""
    view = precheck_view(assessment, loaded, lang, show_ids=show_ids)
    return render(view, lang, color=color, width=width)
