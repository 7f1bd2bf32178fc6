"""Criteria sets as readable text: the list of sets, and one set in full."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from hallbarhet_cli import fmt
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.files.printable import printable
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.models import localize
from hallbarhet_cli.models.text import unit_text
from hallbarhet_cli.reporters.console import text_console
from hallbarhet_cli.scoring.explain import Explainer

_TYPES = {"project": N_("project"), "business_support": N_("business support")}
_EFFECTS = {"exclude": N_("excludes"), "review": N_("needs review")}


def _console(buffer: io.StringIO) -> Console:
    return text_console(buffer, color=False, width=110)


def render_list(library: CriteriaLibrary, lang: str) -> str:
    buffer = io.StringIO()
    table = Table(expand=False)
    for header in (N_("Id"), N_("Version"), N_("Title"), N_("Applies to"), N_("File")):
        table.add_column(gettext(header, lang))
    for sourced in library.available():
        model = sourced.model
        table.add_row(
            model.id,
            model.version,
            localize(model.title, lang),
            ", ".join(gettext(_TYPES[t], lang) for t in model.applies_to),
            sourced.document.file,
        )
    _console(buffer).print(table)
    return printable(buffer.getvalue())


def render_set(resolved: ResolvedSet, lang: str) -> str:
    def _(message: str) -> str:
        return gettext(message, lang)

    explain = Explainer(resolved, lang)
    buffer = io.StringIO()
    out = _console(buffer)
    model = resolved.root.model
    out.print(f"{localize(model.title, lang)} ({model.id} {model.version})")
    if model.description:
        out.print(localize(model.description, lang).strip())
    out.print(f"sha256 {resolved.sha256}")
    if len(resolved.chain) > 1:
        out.print(_("Extends") + ": " + ", ".join(s.model.id for s in resolved.chain[:-1]))
    rule = resolved.verdict
    if resolved.criteria:
        out.print(
            _(
                "Sustainability-proofed when the overall percent is at least {overall} and "
                "every dimension reaches at least {dim}."
            ).format(
                overall=fmt.percent(rule.pass_percent, lang),
                dim=fmt.percent(rule.dimension_min_percent, lang),
            )
        )

    out.print("\n[bold]" + _("Questions") + "[/bold]")
    for q in resolved.questions:
        flags = [q.type + (f", {unit_text(q.unit, lang)}" if q.unit else "")]
        if q.required:
            flags.append(_("required"))
        out.print(f"  {q.id}: {localize(q.label, lang)} ({'; '.join(flags)})", markup=False)
        if q.options:
            options = ", ".join(
                f"{o.value} = {localize(o.label, lang) or o.value}" for o in q.options
            )
            out.print("      " + _("Options") + f": {options}", markup=False)
        if q.relevant is not None:
            out.print(
                "      " + _("Asked when") + f": {explain.condition(q.relevant)}", markup=False
            )

    for dim_id, dimension in resolved.dimensions.items():
        members = [c for c in resolved.criteria if c.dimension == dim_id]
        weight = _("weight {weight}").format(weight=fmt.number(dimension.weight, lang))
        out.print(f"\n[bold]{localize(dimension.title, lang)}[/bold] ({weight})")
        for c in members:
            facts = _("weight {weight}, at most {points} p").format(
                weight=fmt.number(c.weight, lang), points=c.max_points
            )
            out.print(f"  {c.id} {localize(c.title, lang)} ({facts})", markup=False)
            if c.manual is not None:
                out.print("      " + _("The case officer scores this criterion."), markup=False)
            for i, level in enumerate(c.levels or []):
                when = explain.condition(level.when) if level.when else _("otherwise")
                out.print(f"      {explain.level_name(c.id, i)}: {when}", markup=False)

    if resolved.gates:
        out.print("\n[bold]" + _("Gates") + "[/bold]")
        for g in resolved.gates:
            effect = _(_EFFECTS[g.effect])
            out.print(
                f"  {g.id} {localize(g.title, lang)} ({effect}): {explain.condition(g.when)}",
                markup=False,
            )
    return printable(buffer.getvalue())
