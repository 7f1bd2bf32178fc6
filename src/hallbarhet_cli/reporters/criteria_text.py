"""Criteria sets as readable text: the list of sets, and one set in full."""

from __future__ import annotations

from hallbarhet_cli import fmt
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.files.printable import printable
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.models import localize
from hallbarhet_cli.models.text import unit_text
from hallbarhet_cli.reporters.layout import Column, Page, Styled, Table
from hallbarhet_cli.scoring.explain import Explainer

_TYPES = {"project": N_("project"), "business_support": N_("business support")}
_EFFECTS = {"exclude": N_("excludes"), "review": N_("needs review")}


WIDTH = 110


def render_list(library: CriteriaLibrary, lang: str) -> str:
    headers = (N_("Id"), N_("Version"), N_("Title"), N_("Applies to"), N_("File"))
    table = Table([Column(gettext(header, lang)) for header in headers])
    for sourced in library.available():
        model = sourced.model
        table.add_row(
            model.id,
            model.version,
            localize(model.title, lang),
            ", ".join(gettext(_TYPES[t], lang) for t in model.applies_to),
            sourced.document.file,
        )
    page = Page(color=False, width=WIDTH)
    page.block(table.lines(WIDTH))
    return printable(page.text())


def render_set(resolved: ResolvedSet, lang: str) -> str:
    def _(message: str) -> str:
        return gettext(message, lang)

    explain = Explainer(resolved, lang)
    page = Page(color=False, width=WIDTH)
    out = page.out
    model = resolved.root.model
    out(f"{localize(model.title, lang)} ({model.id} {model.version})")
    if model.description:
        out(localize(model.description, lang).strip())
    out(f"sha256 {resolved.sha256}")
    if len(resolved.chain) > 1:
        out(_("Extends") + ": " + ", ".join(s.model.id for s in resolved.chain[:-1]))
    rule = resolved.verdict
    if resolved.criteria:
        out(
            _(
                "Sustainability-proofed when the overall percent is at least {overall} and "
                "every dimension reaches at least {dim}."
            ).format(
                overall=fmt.percent(rule.pass_percent, lang),
                dim=fmt.percent(rule.dimension_min_percent, lang),
            )
        )

    out()
    out(_("Questions"), style="bold")
    for q in resolved.questions:
        flags = [q.type + (f", {unit_text(q.unit, lang)}" if q.unit else "")]
        if q.required:
            flags.append(_("required"))
        out(f"  {q.id}: {localize(q.label, lang)} ({'; '.join(flags)})")
        if q.options:
            options = ", ".join(
                f"{o.value} = {localize(o.label, lang) or o.value}" for o in q.options
            )
            out("      " + _("Options") + f": {options}")
        if q.relevant is not None:
            out("      " + _("Asked when") + f": {explain.condition(q.relevant)}")

    for dim_id, dimension in resolved.dimensions.items():
        members = [c for c in resolved.criteria if c.dimension == dim_id]
        weight = _("weight {weight}").format(weight=fmt.number(dimension.weight, lang))
        out()
        out(Styled(localize(dimension.title, lang), "bold").append(f" ({weight})"))
        for c in members:
            facts = _("weight {weight}, at most {points} p").format(
                weight=fmt.number(c.weight, lang), points=c.max_points
            )
            out(f"  {c.id} {localize(c.title, lang)} ({facts})")
            if c.manual is not None:
                out("      " + _("The case officer scores this criterion."))
            for i, level in enumerate(c.levels or []):
                when = explain.condition(level.when) if level.when else _("otherwise")
                out(f"      {explain.level_name(c.id, i)}: {when}")

    if resolved.gates:
        out()
        out(_("Gates"), style="bold")
        for g in resolved.gates:
            effect = _(_EFFECTS[g.effect])
            out(
                f"  {g.id} {localize(g.title, lang)} ({effect}): {explain.condition(g.when)}",
            )
    return printable(page.text())
