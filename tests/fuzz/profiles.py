"""Hypothesis profiles for the fuzz tests.

``ci`` (the default) is short, bounded and derandomised, so every CI run tries the same
examples in a few seconds and a failure reproduces. ``long`` explores: set
``HALLBARHET_FUZZ_EXAMPLES=5000`` (or any number) to use it, with fresh random examples
each run and Hypothesis's example database to replay what it finds.
"""

from __future__ import annotations

import os
from typing import Final

from hypothesis import HealthCheck, Phase, settings

EXAMPLES_VARIABLE: Final = "HALLBARHET_FUZZ_EXAMPLES"
CI_EXAMPLES: Final = 75
# Generated documents are deliberately large and odd; Hypothesis must not reject them.
_QUIET: Final = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
    HealthCheck.large_base_example,
]


def register() -> None:
    """Register ``ci`` and ``long``; idempotent."""
    settings.register_profile(
        "ci",
        max_examples=CI_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=True,
        suppress_health_check=_QUIET,
    )
    settings.register_profile(
        "long",
        max_examples=long_examples(),
        deadline=None,
        print_blob=True,
        suppress_health_check=_QUIET,
    )


def long_examples() -> int:
    try:
        return max(1, int(os.environ.get(EXAMPLES_VARIABLE, "5000")))
    except ValueError:
        return 5000


def active() -> str:
    """``long`` when HALLBARHET_FUZZ_EXAMPLES is set, else ``ci``."""
    return "long" if os.environ.get(EXAMPLES_VARIABLE) else "ci"


def fuzz(fraction: float = 1.0, *, shrink: bool = True) -> settings:
    """The settings for a fuzz test: the active profile, with ``fraction`` of its
    examples for properties that cost more per example. ``shrink=False`` for tests that
    run the command (each step of shrinking would be another process): the failing
    example is reported as found."""
    register()
    profile = settings.get_profile(active())
    phases = list(Phase) if shrink else [p for p in Phase if p is not Phase.shrink]
    return settings(
        profile, max_examples=max(1, int(profile.max_examples * fraction)), phases=phases
    )
