"""Periods as written in indicator files, and their place on a time axis.

A year is written ``2024``, a quarter ``2024-Q1`` and a month ``2024-03``. Each frequency
accepts only its own form, so a monthly figure cannot slip into a yearly series. The
ordinal of a period counts periods of its frequency, so consecutive periods are one apart
and a trend's slope is "per period".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from hallbarhet_cli.i18n import N_

_FORMS: Final = {
    "annual": re.compile(r"(?P<year>[12][0-9]{3})"),
    "quarterly": re.compile(r"(?P<year>[12][0-9]{3})-Q(?P<part>[1-4])"),
    "monthly": re.compile(r"(?P<year>[12][0-9]{3})-(?P<part>0[1-9]|1[0-2])"),
}
PARTS: Final = {"annual": 1, "quarterly": 4, "monthly": 12}
EXAMPLES: Final = {"annual": "2024", "quarterly": "2024-Q1", "monthly": "2024-03"}
FREQUENCY_LABELS: Final = {
    "annual": N_("yearly"),
    "quarterly": N_("quarterly"),
    "monthly": N_("monthly"),
}


@dataclass(frozen=True, order=True)
class Period:
    """A period of one frequency; sorts in time order within a frequency."""

    ordinal: int
    frequency: str
    text: str

    def __str__(self) -> str:
        return self.text


def parse_period(text: str, frequency: str) -> Period | None:
    """``text`` as a period of ``frequency``, or ``None`` when it is not written that way."""
    match = _FORMS[frequency].fullmatch(text.strip())
    if match is None:
        return None
    part = int(match.groupdict().get("part") or 1)
    ordinal = int(match["year"]) * PARTS[frequency] + part - 1
    return Period(ordinal, frequency, text.strip())


def from_ordinal(ordinal: int, frequency: str) -> Period:
    """The period of ``frequency`` at ``ordinal``."""
    year, part = divmod(ordinal, PARTS[frequency])
    if frequency == "annual":
        text = f"{year}"
    elif frequency == "quarterly":
        text = f"{year}-Q{part + 1}"
    else:
        text = f"{year}-{part + 1:02d}"
    return Period(ordinal, frequency, text)


def span(first: Period, last: Period) -> list[Period]:
    """Every period from ``first`` to ``last``, both included."""
    return [from_ordinal(o, first.frequency) for o in range(first.ordinal, last.ordinal + 1)]


def parse_range(text: str) -> tuple[str, str] | None:
    """``2024..2026`` as its two ends, or ``None`` when it is not written so."""
    first, sep, last = text.partition("..")
    return (first.strip(), last.strip()) if sep and first.strip() and last.strip() else None
