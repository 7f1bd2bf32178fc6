"""Exact numbers for scoring, and the one rounding rule for showing them.

Money follows the ranking, so equal scores must be equal: points, weights, thresholds and
percents are computed as exact rationals (:class:`fractions.Fraction`), and every
comparison (the verdict thresholds, the dimension minimums, the ranking, the funding line)
is made on those. A weight written ``0.1`` is one tenth, not the binary number nearest to
it: a value read from a file is taken as the decimal it was written as.

A figure is rounded once, for display, half up (``43,75`` → ``43,8``; ``43,65`` →
``43,7``), as a Swedish reader expects from "avrundat till en decimal".
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction


def exact(value: int | float | Fraction) -> Fraction:
    """``value`` as an exact rational: an integer as itself, a float as the shortest decimal
    that reads back as it (which is what was written in the file, ``0.1`` for ``0.1``)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    return Fraction(repr(value))


def round_half_up(value: int | float | Fraction, places: int = 1) -> Decimal:
    """``value`` rounded to ``places`` decimals, halves away from zero, computed exactly.

    A float is first taken as the decimal it prints as (:func:`exact`), so a percent that
    reached a report as a float rounds as its exact value does.
    """
    exact_value = exact(value)
    scale = 10**places
    magnitude = math.floor(abs(exact_value) * scale + Fraction(1, 2))
    return Decimal(-magnitude if exact_value < 0 else magnitude).scaleb(-places)
