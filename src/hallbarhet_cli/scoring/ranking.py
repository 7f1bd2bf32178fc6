"""The order of a ranking of assessed applications: one rule for every output that ranks.

Applications are ordered by verdict (sustainability-proofed, not sustainability-proofed, to
be completed, excluded), then by their exact overall percent, highest first (none last),
then by application id in plain string order. Percents are compared as exact rationals, so
two applications with mathematically equal scores are equal and the id decides between
them.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Final

from hallbarhet_cli.scoring.assessment import Verdict

VERDICT_ORDER: Final = (Verdict.PASS, Verdict.FAIL, Verdict.INCOMPLETE, Verdict.EXCLUDED)
_POSITION: Final = {verdict: i for i, verdict in enumerate(VERDICT_ORDER)}
_ZERO: Final = Fraction(0)


def rank_key(
    verdict: Verdict, overall: Fraction | None, app_id: str
) -> tuple[int, bool, Fraction, str]:
    """Sort key of one application in a ranking (smallest first)."""
    return (_POSITION[verdict], overall is None, -(overall or _ZERO), app_id)
