"""The portfolio as plain view data in one language: what the JSON holds and the HTML,
CSV and XLSX outputs lay out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from hallbarhet_cli import __version__
from hallbarhet_cli.applications.decision import OUTCOME_LABELS
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.followup.compare import delivered_answers, ex_post
from hallbarhet_cli.followup.view import STATUS_LABELS
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.models import localize
from hallbarhet_cli.models.text import unit_text
from hallbarhet_cli.portfolio import summary
from hallbarhet_cli.portfolio.collect import Entry, Inputs
from hallbarhet_cli.portfolio.groups import BY_LABELS, KEYS, LABELS, NOT_GIVEN
from hallbarhet_cli.portfolio.viewtypes import (
    ApplicationRow,
    CriterionRow,
    DimensionRow,
    GroupView,
    LevelCell,
    LevelRow,
    PortfolioView,
    PromiseRow,
    UnreportedRow,
)
from hallbarhet_cli.reporters.views import VERDICT_LABELS, assessed_at
from hallbarhet_cli.scoring.assessment import Verdict
from hallbarhet_cli.scoring.explain import explainer

# format_version 1: the first published shape of the portfolio JSON.
FORMAT_VERSION: Final = 1

NOT_SCORED: Final = N_("not scored")


def _label(by: str, value: str | None, lang: str) -> str:
    if value is None:
        return gettext(NOT_GIVEN.get(by, N_("not given")), lang)
    labels = LABELS.get(by)
    return gettext(labels[value], lang) if labels and value in labels else value


def _key(by: str) -> Any:
    read = KEYS[by]
    return lambda entry: read(entry.application.model)


def portfolio_view(inputs: Inputs, by: str, lang: str) -> PortfolioView:
    """Everything the portfolio shows, in ``lang``, broken down ``by`` one key."""
    entries = inputs.entries
    sets = _sets(entries)
    groups: list[GroupView] = [
        {"key": {by: value}, "label": _label(by, value, lang), **summary.totals(members).as_dict()}
        for (value,), members in summary.grouped(entries, _key(by))
    ]
    by_instrument_and_year: list[GroupView] = [
        {
            "key": {"instrument": instrument, "year": year},
            "label": f"{_label('instrument', instrument, lang)} {_label('year', year, lang)}",
            **summary.totals(members).as_dict(),
        }
        for (instrument, year), members in summary.grouped(
            entries, _key("instrument"), _key("year")
        )
    ]
    return {
        "format_version": FORMAT_VERSION,
        "tool_version": __version__,
        "language": lang,
        "generated_at": assessed_at(),
        "by": by,
        "by_label": gettext(BY_LABELS[by], lang),
        "inputs": {
            "applications": len(entries),
            "reports": sum(len(e.reports) for e in entries),
            "skipped": inputs.skipped,
            "problems": [p.render(lang) for p in inputs.problems],
        },
        "totals": summary.totals(entries).as_dict(),
        "verdicts": [
            {"verdict": v, "label": gettext(VERDICT_LABELS[Verdict(v)], lang), **stats}
            for v, stats in summary.by_verdict(entries).items()
        ],
        "groups": groups,
        "by_instrument_and_year": by_instrument_and_year,
        "dimensions": _dimensions(entries, sets, lang),
        "criteria": _criteria(entries, sets, lang),
        "promises": _promises(entries, sets, lang),
        "unreported": _unreported(entries, lang),
        "applications": [_application(e, lang) for e in entries],
    }


def _sets(entries: Sequence[Entry]) -> dict[str, ResolvedSet]:
    found: dict[str, ResolvedSet] = {}
    for entry in entries:
        found.setdefault(entry.application.criteria.id, entry.application.criteria)
    return dict(sorted(found.items()))


def _dimensions(
    entries: Sequence[Entry], sets: dict[str, ResolvedSet], lang: str
) -> list[DimensionRow]:
    titles: dict[str, str] = {}
    for criteria in sets.values():
        for dim_id, dimension in criteria.dimensions.items():
            titles.setdefault(dim_id, localize(dimension.title, lang))
    stats = summary.dimension_stats(entries)
    return [{"id": d, "title": titles.get(d, d), **stats[d]} for d in sorted(stats)]


def _criteria(
    entries: Sequence[Entry], sets: dict[str, ResolvedSet], lang: str
) -> list[CriterionRow]:
    stats = summary.level_stats(entries)
    out: list[CriterionRow] = []
    for set_id, criteria in sets.items():
        explain = explainer(criteria, lang)
        for criterion in criteria.criteria:
            cells = stats.get((set_id, criterion.id))
            if not cells:
                continue
            levels: list[LevelRow] = []
            if criterion.levels:
                for i, _level in enumerate(criterion.levels):
                    levels.append(
                        {
                            "level": i,
                            "label": explain.level_name(criterion.id, i),
                            **_cell(cells, i),
                        }
                    )
            else:
                for points in range(criterion.max_points, -1, -1):
                    label = gettext(N_("{points} p"), lang).format(points=points)
                    levels.append(
                        {"level": f"p{points}", "label": label, **_cell(cells, f"p{points}")}
                    )
            if None in cells:
                levels.append(
                    {"level": None, "label": gettext(NOT_SCORED, lang), **_cell(cells, None)}
                )
            out.append(
                {
                    "criteria_set": set_id,
                    "id": criterion.id,
                    "title": explain.criterion_title(criterion.id),
                    "dimension": criterion.dimension,
                    "levels": levels,
                }
            )
    return out


def _cell(cells: dict[Any, dict[str, Any]], level: Any) -> LevelCell:
    cell = cells.get(level, {"count": 0, "requested_sek": 0, "granted_sek": 0})
    return {
        "count": cell["count"],
        "requested_sek": summary.whole(cell["requested_sek"]),
        "granted_sek": summary.whole(cell["granted_sek"]),
    }


def _promises(
    entries: Sequence[Entry], sets: dict[str, ResolvedSet], lang: str
) -> list[PromiseRow]:
    out: list[PromiseRow] = []
    for (set_id, question), stats in sorted(summary.promise_stats(entries).items()):
        criteria = sets[set_id]
        out.append(
            {
                "criteria_set": set_id,
                "question": question,
                "label": explainer(criteria, lang).question_label(question),
                "unit": unit_text(criteria.question_map[question].unit, lang) or None,
                **stats,
                "status_labels": {
                    status.value: gettext(label, lang) for status, label in STATUS_LABELS.items()
                },
            }
        )
    return out


def _unreported(entries: Sequence[Entry], lang: str) -> list[UnreportedRow]:
    """Granted applications without a final report, and their latest progress report."""
    out: list[UnreportedRow] = []
    for entry in entries:
        if not summary.is_granted(entry):
            continue
        latest = entry.latest_report()
        if latest is not None and latest.model.report == "final":
            continue
        app = entry.application.model
        out.append(
            {
                "id": app.id,
                "title": app.title,
                "granted_sek": summary.whole(summary.granted_sek(entry)),
                "period_end": app.period.end.isoformat(),
                "latest_report": latest.model.reported_at.isoformat() if latest else None,
            }
        )
    return out


def _application(entry: Entry, lang: str) -> ApplicationRow:
    loaded = entry.application
    app = loaded.model
    decision = app.decision
    latest = entry.latest_report()
    now = None
    basis = entry.rescoring_basis()
    if latest is not None and basis is not None:
        answers = delivered_answers(basis.answers, latest.values, latest.answers)
        now = ex_post(basis.criteria, basis.model, answers).verdict.value
    return {
        "id": app.id,
        "title": app.title,
        "file": entry.source,
        "criteria_set": loaded.criteria.id,
        # the keys of a breakdown, in the order of groups.KEYS
        "year": KEYS["year"](app),
        "round": KEYS["round"](app),
        "instrument": KEYS["instrument"](app),
        "municipality": KEYS["municipality"](app),
        "sector": KEYS["sector"](app),
        "applicant_type": KEYS["applicant_type"](app),
        "requested_sek": summary.whole(app.budget.requested_sek),
        "verdict": entry.assessment.verdict.value,
        "verdict_label": gettext(VERDICT_LABELS[entry.assessment.verdict], lang),
        "overall_percent": entry.assessment.overall_percent,
        "outcome": decision.outcome if decision else None,
        "outcome_label": gettext(OUTCOME_LABELS[decision.outcome], lang) if decision else None,
        "granted_sek": summary.whole(summary.granted_sek(entry)) if decision else None,
        "latest_report": latest.model.report if latest else None,
        "ex_post_verdict": now,
        "ex_post_label": gettext(VERDICT_LABELS[Verdict(now)], lang) if now else None,
    }
