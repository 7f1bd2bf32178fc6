"""What a portfolio can be broken down by, read off one application.

``applicant_type`` is the legal form that the first digit of a Swedish organisation number
gives (its "group number", under the Act on identity numbers for legal persons, SFS
1974:174, as Skatteverket and SCB describe it): 2 public bodies, 5 limited companies,
7 economic associations, 8 non-profit associations and foundations, and so on. A number
whose third digit is 0 or 1 is a personal identity number: a sole trader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models import Application

BY: Final = ("year", "round", "instrument", "municipality", "sector", "applicant_type")

INSTRUMENT_LABELS: Final = {
    "project": N_("Project funds"),
    "business_support": N_("Business support"),
}
SECTOR_LABELS: Final = {
    "public": N_("public sector"),
    "company": N_("company"),
    "civil_society": N_("civil society"),
    "academia": N_("academia"),
    "other": N_("other"),
}
LEGAL_FORMS: Final = {
    "1": N_("estate of a deceased person"),
    "2": N_("state, region, municipality or parish"),
    "3": N_("foreign company"),
    "5": N_("limited company"),
    "6": N_("simple partnership"),
    "7": N_("economic association"),
    "8": N_("non-profit association or foundation"),
    "9": N_("trading or limited partnership"),
    "sole_trader": N_("sole trader"),
}
NOT_GIVEN: Final = {
    "year": N_("no decision yet"),
    "round": N_("no decision yet"),
    "municipality": N_("municipality not given"),
    "applicant_type": N_("organisation number not given"),
}


def legal_form(org_number: str | None) -> str | None:
    """The legal form's key in :data:`LEGAL_FORMS`, or ``None`` when it cannot be told."""
    digits = [c for c in org_number or "" if c.isdigit()]
    if len(digits) == 12:  # with the century or the legal persons' prefix 16
        digits = digits[2:]
    if len(digits) != 10:
        return None
    if digits[2] in "01":
        return "sole_trader"
    return digits[0] if digits[0] in LEGAL_FORMS else None


KEYS: Final[dict[str, Callable[[Application], str | None]]] = {
    "year": lambda app: str(app.decision.date.year) if app.decision else None,
    "round": lambda app: app.decision.round if app.decision else None,
    "instrument": lambda app: app.type,
    "municipality": lambda app: app.applicant.municipality,
    "sector": lambda app: app.applicant.sector,
    "applicant_type": lambda app: legal_form(app.applicant.org_number),
}
LABELS: Final[dict[str, dict[str, str]]] = {
    "instrument": INSTRUMENT_LABELS,
    "sector": SECTOR_LABELS,
    "applicant_type": LEGAL_FORMS,
}
BY_LABELS: Final = {
    "year": N_("year of decision"),
    "round": N_("call"),
    "instrument": N_("instrument"),
    "municipality": N_("municipality"),
    "sector": N_("sector"),
    "applicant_type": N_("type of applicant"),
}
