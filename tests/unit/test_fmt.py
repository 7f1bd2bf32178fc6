"""Number formatting: the quick path agrees with Babel's patterns on every finite number."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Literal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hallbarhet_cli import fmt
from hallbarhet_cli.models.text import PLURAL_RULES, _plural_form

LANGS = ("sv", "en")


def babel_number(value: float, lang: str, decimals: int | None) -> str:
    """The number as Babel's pattern formats it (what ``fmt.number`` did before it had a
    quick path)."""
    pattern, locale = fmt._number_format(lang, decimals)
    if decimals is not None:
        value = round(value, decimals)
    return str(pattern.apply(value, locale))


numbers = st.one_of(
    st.integers(-(10**16), 10**16),
    st.floats(-1e16, 1e16, allow_nan=False),
    st.floats(-10, 10, allow_nan=False).map(lambda f: round(f, 4)),
    st.decimals(-1000, 1000, places=4, allow_nan=False).map(float),
)


@settings(max_examples=400, deadline=None)
@given(numbers, st.sampled_from(LANGS), st.sampled_from([None, 0, 1, 2]))
@example(0.0005, "sv", None)
@example(0.0015, "en", None)
@example(2.675, "sv", 2)
@example(-0.0, "sv", None)
@example(-0.0004, "en", None)
@example(-1234.5, "en", 0)
@example(999_999_999_999_999, "sv", None)
@example(1e15, "en", 1)
@example(5e-324, "sv", None)
def test_quick_path_agrees_with_babel(value: float, lang: str, decimals: int | None) -> None:
    assert fmt.number(value, lang, decimals) == babel_number(value, lang, decimals)


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "text"),
    [
        (1234567.125, "sv", None, "1\u00a0234\u00a0567,125"),
        (1234567.125, "en", None, "1,234,567.125"),
        (62.5, "sv", 1, "62,5"),
        (62.0, "en", 1, "62.0"),
        (-20, "sv", None, "-20"),
        (0.1 + 0.2, "en", None, "0.3"),
        (2_100_000, "sv", 0, "2\u00a0100\u00a0000"),
    ],
)
def test_numbers_read_as_people_write_them(
    value: float, lang: str, decimals: int | None, text: str
) -> None:
    assert fmt.number(value, lang, decimals) == text


def test_numbers_beyond_the_quick_path_still_format() -> None:
    assert fmt.number(float("inf"), "sv") == "\u221e"
    assert fmt.number(10**30, "en") == format(decimal.Decimal(10**30), ".6g")
    assert fmt.percent(12.345, "sv") == "12,3\u00a0%"
    assert fmt.money(1_500_000, "en") == "SEK\u00a01,500,000"


@pytest.mark.parametrize("lang", LANGS)
def test_separators_are_babels(lang: str) -> None:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = fmt._locale(lang)
    assert fmt.SEPARATORS[locale] == (get_decimal_symbol(locale), get_group_symbol(locale))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("style", ["standard", "or"])
def test_list_patterns_are_babels(lang: str, style: str) -> None:
    from babel import Locale

    patterns = Locale.parse(fmt._locale(lang)).list_patterns[style]
    assert fmt.LIST_PATTERNS[(fmt._locale(lang), style)] == dict(patterns)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(max_size=8), max_size=6),
    st.sampled_from(LANGS),
    st.sampled_from(["standard", "or"]),
)
def test_join_agrees_with_babel(
    items: list[str], lang: str, style: Literal["standard", "or"]
) -> None:
    from babel.lists import format_list

    assert fmt.join(items, lang, style) == format_list(items, style=style, locale=fmt._locale(lang))


@pytest.mark.parametrize("lang", LANGS)
def test_plural_rules_are_babels(lang: str) -> None:
    from babel import Locale

    assert PLURAL_RULES[lang] == Locale.parse(lang).plural_form.rules


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.integers(-(10**6), 10**6), st.floats(-1e6, 1e6, allow_nan=False)),
    st.sampled_from(LANGS),
)
@example(1, "sv")
@example(1.0, "en")
@example(-1, "sv")
@example(1.5, "sv")
@example(-1.0, "en")
@example(1e-07, "en")
def test_plural_form_agrees_with_babel(count: float, lang: str) -> None:
    from babel import Locale

    assert _plural_form(count, lang) == Locale.parse(lang).plural_form(abs(count))


@settings(max_examples=300, deadline=None)
@given(st.dates(), st.sampled_from(LANGS))
@example(dt.date(2026, 4, 1), "sv")
@example(dt.date(1, 1, 1), "en")
def test_dates_agree_with_babel(value: dt.date, lang: str) -> None:
    from babel.dates import format_date

    assert fmt.date(value, lang) == format_date(value, "long", locale=fmt._locale(lang))
