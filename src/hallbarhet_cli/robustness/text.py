"""The analysis in a few sentences for the terminal, in the user's language."""

from __future__ import annotations

from typing import Any

from hallbarhet_cli import fmt
from hallbarhet_cli.i18n import N_, gettext, ngettext


def summary_line(section: dict[str, Any], lang: str) -> str:
    """What the robustness section says, for the end of a batch or the robustness
    command: stable and contested decisions, and the uncertainty that was assumed."""
    if "not_analysed" in section:
        return gettext(
            N_(
                "Robustness was not analysed: the round has {n} assessed applications, "
                "more than the {limit} the analysis takes."
            ),
            lang,
        ).format(
            n=fmt.number(section["applications"], lang),
            limit=fmt.number(section["limit"], lang),
        )
    n = section["applications_analysed"]
    template = (
        ngettext(
            "Robustness over {draws} draws of the weights: of {n} funding decision, "
            "{stable} stable and {contested} contested.",
            "Robustness over {draws} draws of the weights: of {n} funding decisions, "
            "{stable} stable and {contested} contested.",
            n,
            lang,
        )
        if section["decision"] == "funded"
        else ngettext(
            "Robustness over {draws} draws of the weights: of {n} verdict, {stable} stable "
            "and {contested} contested.",
            "Robustness over {draws} draws of the weights: of {n} verdicts, {stable} stable "
            "and {contested} contested.",
            n,
            lang,
        )
    )
    lines = [
        template.format(
            draws=fmt.number(section["draws"], lang),
            n=fmt.number(n, lang),
            stable=fmt.number(section["stable"], lang),
            contested=fmt.number(section["contested"], lang),
        )
    ]
    defaulted = [s["id"] for s in section["criteria_sets"] if not s["declared"]]
    if defaulted:
        lines.append(
            gettext(
                N_(
                    "No weight uncertainty is declared in {sets}; every weight there was "
                    "taken to be uncertain by ±{percent}."
                ),
                lang,
            ).format(
                sets=fmt.join(defaulted, lang),
                percent=fmt.percent(100 * section["default_uncertainty"], lang),
            )
        )
    return "\n".join(lines)
