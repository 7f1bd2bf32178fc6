"""The analysis's defaults and limits, apart so the command line can read them without
importing the analysis."""

from __future__ import annotations

from typing import Final

DEFAULT_DRAWS: Final = 10_000
MAX_DRAWS: Final = 10_000_000
# Fixed, so that the same round gives the same figures unless another seed is asked for.
DEFAULT_SEED: Final = 20_260_101
# Rounds larger than this are not analysed: the rank counts grow with its square.
MAX_APPLICATIONS: Final = 3_000
