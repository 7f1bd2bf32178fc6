"""The order of a ranking of assessed applications."""

from __future__ import annotations

from typing import Any

from hallbarhet_cli.scoring.assessment import Verdict


def rank_key(verdict: Verdict, percent: float | None, app_id: str) -> tuple[Any, ...]:
    """The order of a ranking: passing applications first, then by overall percent
    (highest first, none last), then by id."""
    return (verdict is not Verdict.PASS, percent is None, -(percent or 0.0), app_id)
