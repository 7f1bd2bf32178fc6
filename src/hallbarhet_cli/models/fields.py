"""Application fields that conditions may compare with ``{field: NAME, ...}``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from hallbarhet_cli.i18n import N_

if TYPE_CHECKING:
    from hallbarhet_cli.models.application import Application


@dataclass(frozen=True)
class ApplicationField:
    """A field of the application that conditions can read, with its type and label."""

    name: str
    type: str
    label: str
    read: Callable[[Application], Any]
    options: tuple[tuple[str, str], ...] = ()  # (value, label) for choice fields


def option_label(field: str, value: str) -> str:
    """The (untranslated) label of a choice field's value, or the value itself."""
    found = FIELDS.get(field)
    return dict(found.options).get(value, value) if found else value


FIELDS: Final[dict[str, ApplicationField]] = {
    f.name: f
    for f in (
        ApplicationField(
            "type",
            "choice",
            N_("type of application"),
            lambda a: a.type,
            (("project", N_("project")), ("business_support", N_("business support"))),
        ),
        ApplicationField(
            "applicant.sector",
            "choice",
            N_("applicant's sector"),
            lambda a: a.applicant.sector,
            (
                ("public", N_("public sector")),
                ("company", N_("company")),
                ("civil_society", N_("civil society")),
                ("academia", N_("academia")),
                ("other", N_("other")),
            ),
        ),
        ApplicationField(
            "budget.total_sek", "number", N_("total budget (SEK)"), lambda a: a.budget.total_sek
        ),
        ApplicationField(
            "budget.requested_sek",
            "number",
            N_("requested amount (SEK)"),
            lambda a: a.budget.requested_sek,
        ),
        ApplicationField("period.start", "date", N_("project start"), lambda a: a.period.start),
        ApplicationField("period.end", "date", N_("project end"), lambda a: a.period.end),
    )
}
