"""What the HTML overview shows of the analysis: the applications around the funding line
(or, without a budget, around the pass threshold), with their probability as a bar.
Plain data, no language: the template puts it into words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

# Stable applications shown on each side of the line, beside every contested one.
NEIGHBOURS: Final = 3
MAX_ROWS: Final = 40


def overview_view(
    section: dict[str, Any] | None, ranking: Sequence[Mapping[str, Any]], line: int | None
) -> dict[str, Any] | None:
    """The rows and notes of the overview's robustness section. ``ranking`` is the plain
    ranked list (rank order) and ``line`` the rank after which the funding line falls
    (``None`` without a budget: the line is then after the last passing application)."""
    if section is None:
        return None
    if "not_analysed" in section:
        return {"analysed": False, **section}
    by_input = {a["input"]: a for a in section["applications"]}
    funded = section["decision"] == "funded"
    rows: list[dict[str, Any]] = []
    for plain in ranking:
        application = by_input.get(plain["input"])
        if application is None:
            continue
        p = application["p_funded"] if funded else application["p_pass"]
        rows.append(
            {
                "rank": plain["rank"],
                "id": plain["id"],
                "title": plain["title"],
                "verdict": plain["verdict"],
                "verdict_label": plain.get("verdict_label", plain["verdict"]),
                "verdict_symbol": plain.get("verdict_symbol", ""),
                "probability": 100.0 * p,
                "width": round(100.0 * p, 1),
                "rank_median": application["rank_median"],
                "rank_p05": application["rank_p05"],
                "rank_p95": application["rank_p95"],
                "stable": application["stable"],
                "decided": bool(plain.get("within_budget"))
                if funded
                else plain["verdict"] == "pass",
            }
        )
    if line is None:
        line = sum(1 for r in rows if r["verdict"] == "pass")
    shown = _around(rows, line)
    return {
        "analysed": True,
        "decision": section["decision"],
        "draws": section["draws"],
        "seed": section["seed"],
        "stable_percent": 100.0 * section["stable_share"],
        "stable": section["stable"],
        "contested": section["contested"],
        "applications": section["applications_analysed"],
        "criteria_sets": [_uncertainty(s) for s in section["criteria_sets"]],
        "rows": shown,
        "line_after": line,
    }


def _around(rows: list[dict[str, Any]], line: int) -> list[dict[str, Any]]:
    """Every contested application and the stable ones nearest the line."""
    keep = {
        r["rank"]
        for r in rows
        if not r["stable"] or line - NEIGHBOURS < r["rank"] <= line + NEIGHBOURS
    }
    shown = [r for r in rows if r["rank"] in keep][:MAX_ROWS]
    for row in shown:
        row["line_after"] = row["rank"] == line
    return shown


def _uncertainty(criteria_set: dict[str, Any]) -> dict[str, Any]:
    """A set's weight uncertainty in brief: one value for all weights when they share one,
    else the range of the numbers and whether any weight is unknown."""
    values = [*criteria_set["dimensions"].values(), *criteria_set["criteria"].values()]
    shares = sorted({float(v) for v in values if v != "unknown"})
    return {
        "id": criteria_set["id"],
        "version": criteria_set["version"],
        "declared": criteria_set["declared"],
        "low": 100.0 * shares[0] if shares else None,
        "high": 100.0 * shares[-1] if shares else None,
        "unknown": "unknown" in values,
    }
