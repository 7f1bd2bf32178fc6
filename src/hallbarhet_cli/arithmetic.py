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
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from typing import Final


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


# Floats below this size with at most this many decimals kept are rounded by the decimal
# module; its precision holds every digit they can have.
_FAST_LIMIT: Final = 1e15
_FAST_PLACES: Final = 6
_STEPS: Final = tuple(Decimal(1).scaleb(-places) for places in range(_FAST_PLACES + 1))
_HALF_UP: Final = Context(prec=40, rounding=ROUND_HALF_UP)


def round_half_up(value: int | float | Fraction, places: int = 1) -> Decimal:
    """``value`` rounded to ``places`` decimals, halves away from zero, computed exactly.

    A float is first taken as the decimal it prints as (:func:`exact`), so a percent that
    reached a report as a float rounds as its exact value does.
    """
    if type(value) is float and 0 <= places <= _FAST_PLACES and -_FAST_LIMIT < value < _FAST_LIMIT:
        # The same rule done by the decimal module on the text the float prints as, about
        # ten times faster (the tables round every percent of every application).
        rounded = Decimal(repr(value)).quantize(_STEPS[places], context=_HALF_UP)
        return rounded if rounded else abs(rounded)  # no "-0.0"
    exact_value = exact(value)
    scale = 10**places
    magnitude = math.floor(abs(exact_value) * scale + Fraction(1, 2))
    return Decimal(-magnitude if exact_value < 0 else magnitude).scaleb(-places)
