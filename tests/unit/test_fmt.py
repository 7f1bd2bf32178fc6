"""Number formatting: the quick path agrees with Babel's patterns on every finite number."""

from __future__ import annotations

import decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hallbarhet_cli import fmt

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
