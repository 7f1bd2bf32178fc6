"""The analysis as figures for people: per application the probability of passing and of
being funded, the median rank and a 90 % interval, and whether the decision is stable; for
the round, which decisions are stable and which are contested. Language-neutral: the same
section goes into ``summary.json`` and ``robustness.json``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from hallbarhet_cli.robustness.declared import DEFAULT_UNCERTAINTY
from hallbarhet_cli.robustness.limits import MAX_APPLICATIONS
from hallbarhet_cli.robustness.round import RoundInput

if TYPE_CHECKING:
    from hallbarhet_cli.robustness.analysis import Counts

# A decision is stable when it comes out the same way in at least this share of draws.
STABLE_SHARE: Final = 0.95
# The rank interval reported: from the 5th to the 95th percentile (90 % of the draws).
INTERVAL: Final = (0.05, 0.5, 0.95)
DIGITS: Final = 6
# Columns of results.csv and robustness.csv, in this order.
COLUMNS: Final = ("p_pass", "p_funded", "rank_median", "rank_p05", "rank_p95", "stable")


def section(
    round_: RoundInput, counts: Counts, seed: int, budget: float | None, rule: str = "stop"
) -> dict[str, Any]:
    """The ``robustness`` section: how the analysis was made, each set's weight
    uncertainty, the round's stable and contested decisions, and per application (in
    input order) its figures and rank acceptability: the share of draws in which it got
    each rank, from the best rank it got (``from``) to the worst."""
    import numpy as np

    draws = counts.draws
    n = len(round_.entries)
    quantiles = _rank_quantiles(counts)
    applications: list[dict[str, Any]] = []
    for i, entry in enumerate(round_.entries):
        p_pass = round(float(counts.passes[i]) / draws, DIGITS)
        p_funded = None if counts.funded is None else round(float(counts.funded[i]) / draws, DIGITS)
        deciding = p_funded if p_funded is not None else p_pass
        row = counts.ranks[i]
        ranks = np.flatnonzero(row)
        applications.append(
            {
                "input": entry.input,
                "id": entry.id,
                "title": entry.title,
                "verdict": entry.verdict,
                "requested_sek": entry.requested_sek,
                "p_pass": p_pass,
                "p_funded": p_funded,
                "rank_median": int(quantiles[i][1]),
                "rank_p05": int(quantiles[i][0]),
                "rank_p95": int(quantiles[i][2]),
                "stable": bool(deciding >= STABLE_SHARE or deciding <= 1 - STABLE_SHARE),
                "rank_acceptability": {
                    "from": int(ranks[0]) + 1,
                    "shares": [
                        round(float(share) / draws, DIGITS)
                        for share in row[ranks[0] : ranks[-1] + 1]
                    ],
                },
            }
        )
    contested = [a for a in applications if not a["stable"]]
    funded_mean = None if counts.funded is None else float(counts.funded.sum()) / draws
    return {
        "method": "SMAA-2",
        "draws": draws,
        "seed": seed,
        "decision": "funded" if budget is not None else "pass",
        "stable_share": STABLE_SHARE,
        "default_uncertainty": DEFAULT_UNCERTAINTY,
        "criteria_sets": [
            {"id": w.id, "version": w.version, "sha256": w.sha256, **w.uncertainty.as_json()}
            for w in (round_.sets[sha] for sha in sorted(round_.sets))
        ],
        "budget_sek": budget,
        "funding_rule": rule if budget is not None else None,
        "funded_mean": None if funded_mean is None else round(funded_mean, DIGITS),
        "applications_analysed": n,
        "stable": n - len(contested),
        "contested": len(contested),
        "contested_ids": [a["id"] for a in contested],
        "applications": applications,
    }


def _rank_quantiles(counts: Counts) -> list[tuple[int, int, int]]:
    """The 5th, 50th and 95th percentile of each application's rank: the lowest rank at
    which the share of draws at or above it reaches the percentile."""
    import numpy as np

    n = counts.ranks.shape[0]
    if n == 0:
        return []
    cumulative = np.cumsum(counts.ranks, axis=1)
    found = [
        (cumulative >= q * counts.draws - 1e-9 * counts.draws).argmax(axis=1) + 1 for q in INTERVAL
    ]
    return [(int(found[0][i]), int(found[1][i]), int(found[2][i])) for i in range(n)]


def columns_of(application: dict[str, Any]) -> dict[str, Any]:
    """The table columns of one application of the section."""
    return {key: application[key] for key in COLUMNS}


def too_many(round_: RoundInput) -> bool:
    return len(round_.entries) > MAX_APPLICATIONS


def not_analysed(count: int) -> dict[str, Any]:
    """The section of a round too large to analyse."""
    return {
        "not_analysed": "too_many_applications",
        "applications": count,
        "limit": MAX_APPLICATIONS,
    }


def analyse_round(
    round_: RoundInput, draws: int, seed: int, budget: float | None, rule: str = "stop"
) -> dict[str, Any]:
    """Run the analysis and return its section (the caller checks :func:`too_many`)."""
    from hallbarhet_cli.robustness.analysis import analyse

    counts = analyse(round_, draws, seed, budget, rule)
    return section(round_, counts, seed, budget, rule)
