"""Locale-aware numbers, money, dates and lists, as Babel formats them for sv_SE and en_GB.

The few symbols, patterns and month names these need are tables here, held to Babel's
output by tests/unit/test_fmt.py: loading Babel's locale data took a command longer than
everything it formatted. Babel itself is used only for numbers beyond the quick path."""

from __future__ import annotations

import datetime as dt
import decimal
import math
from collections.abc import Sequence
from fractions import Fraction
from functools import cache
from typing import Any, Final, Literal

from hallbarhet_cli.arithmetic import round_half_up

_LOCALES: Final = {"sv": "sv_SE", "en": "en_GB"}


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, "sv_SE")


@cache
def _number_format(lang: str, decimals: int | None) -> tuple[Any, Any]:
    """The parsed Babel pattern and locale for a number format (parsing is the slow part,
    so it is done once per format)."""
    from babel import Locale
    from babel.numbers import parse_pattern

    if decimals is None:
        pattern = "#,##0.###"
    else:
        pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return parse_pattern(pattern), Locale.parse(_locale(lang))


# The decimal and group symbols of the two locales, as in Babel's locale data (CLDR):
# loading that data costs a command more than everything else it formats.
# ``tests/unit/test_fmt.py`` holds them to Babel.
SEPARATORS: Final = {"sv_SE": (",", "\u00a0"), "en_GB": (".", ",")}


def _separators(lang: str) -> tuple[str, str]:
    """The locale's decimal and group symbols."""
    return SEPARATORS[_locale(lang)]


_QUANTUM: Final = tuple(decimal.Decimal(1).scaleb(-n) for n in range(10))
# Below this size a number is formatted directly (see _quick); larger ones, and anything
# that is not a finite number, go through Babel's pattern.
_QUICK_LIMIT: Final = 10**15


def number(value: float, lang: str, decimals: int | None = None) -> str:
    """``value`` with the locale's separators; at most three decimals unless told."""
    if decimals is not None:
        value = round(value, decimals)
    places = 3 if decimals is None else decimals
    if (
        type(value) in (int, float)
        and places < len(_QUANTUM)
        and math.isfinite(value)
        and -_QUICK_LIMIT < value < _QUICK_LIMIT
    ):
        return _quick(value, lang, places, decimals is None)
    pattern, locale = _number_format(lang, decimals)
    try:
        return str(pattern.apply(value, locale))
    except (decimal.InvalidOperation, OverflowError, ValueError):
        # Beyond what Babel can quantize (about 28 digits): say it in scientific notation.
        return format(decimal.Decimal(value), ".6g")


def _quick(value: float, lang: str, places: int, trim: bool) -> str:
    """What Babel's ``#,##0.###`` (``trim``) or ``#,##0.00…`` pattern gives for ``value``,
    the same steps without parsing a pattern each time: the shortest decimal text of the
    value, rounded half to even, grouped in threes. A report formats thousands of
    numbers; ``tests/unit/test_fmt.py`` holds this to Babel's result."""
    exact = decimal.Decimal(str(value))
    rounded = abs(exact).normalize().quantize(_QUANTUM[places])
    whole, _, fraction = f"{rounded:f}".partition(".")
    if trim:
        fraction = fraction.rstrip("0")
    decimal_symbol, group_symbol = _separators(lang)
    text = f"{int(whole):,}".replace(",", group_symbol)
    if fraction:
        text = f"{text}{decimal_symbol}{fraction}"
    return f"-{text}" if exact.is_signed() else text


def percent(value: float | Fraction, lang: str) -> str:
    """A percent rounded to one decimal, half up (:func:`~hallbarhet_cli.arithmetic.round_half_up`):
    ``62,5 %`` in Swedish, ``62.5%`` in English."""
    text = number(float(round_half_up(value, 1)), lang, 1)
    return f"{text}\u00a0%" if lang == "sv" else f"{text}%"


def money(value: float, lang: str) -> str:
    """Whole kronor: ``2 100 000 kr`` in Swedish, ``SEK 2,100,000`` in English."""
    text = number(value, lang, 0)
    return f"{text}\u00a0kr" if lang == "sv" else f"SEK\u00a0{text}"


# Babel's long date format of both locales is ``d MMMM y``; the month names are its
# (CLDR's), held to Babel by tests/unit/test_fmt.py.
MONTHS: Final = {
    "sv_SE": [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en_GB": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def date(value: dt.date, lang: str) -> str:
    """A date as people write it: ``1 april 2026`` / ``1 April 2026``."""
    return f"{value.day} {MONTHS[_locale(lang)][value.month - 1]} {value.year}"


# Babel's list patterns (CLDR) of the two locales, held to Babel by tests/unit/test_fmt.py.
_LIST_END: Final = {
    ("sv_SE", "standard"): "{0} och {1}",
    ("sv_SE", "or"): "{0} eller {1}",
    ("en_GB", "standard"): "{0} and {1}",
    ("en_GB", "or"): "{0} or {1}",
}
LIST_PATTERNS: Final = {
    key: {"start": "{0}, {1}", "middle": "{0}, {1}", "end": end, "2": end}
    for key, end in _LIST_END.items()
}


def join(items: Sequence[str], lang: str, style: Literal["standard", "or"] = "standard") -> str:
    """``a, b och c`` (``style="or"``: ``a, b eller c``), the steps of Babel's
    ``format_list`` with the patterns above."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    patterns = LIST_PATTERNS[(_locale(lang), style)]
    if len(items) == 2:
        return patterns["2"].format(*items)
    result = patterns["start"].format(items[0], items[1])
    for item in items[2:-1]:
        result = patterns["middle"].format(result, item)
    return patterns["end"].format(result, items[-1])


def quote(text: str, lang: str) -> str:
    """Quotation marks of the language: ”Swedish”, “English”."""
    return f"\u201d{text}\u201d" if lang == "sv" else f"\u201c{text}\u201d"
