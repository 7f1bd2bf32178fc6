#!/usr/bin/env python3
"""Write the example indicator data in examples/indicators/: invented figures for
2015–2025, plausible in size and direction but NOT official statistics. Every row says so
in its note. Deterministic: the same script gives the same files.

    python scripts/make_indicator_examples.py
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AREA = "Kronobergs län"
NOTE = "påhittad exempelsiffra"
YEARS = range(2015, 2026)
# id: (value in 2015, change per year, noise, decimals, first year, every nth year)
BESOKSNARING = {
    "gastnatter": (980000, 22000, 15000, 0, 2015, 1),
    "utlandsk-andel": (33.0, -0.3, 0.6, 1, 2015, 1),
    "belaggning": (42.0, 0.5, 0.8, 1, 2015, 1),
    "sasongsvariation": (47.0, -0.35, 0.4, 1, 2015, 1),
    "sysselsatta-turism": (4300, 40, 60, 0, 2015, 1),
    "nojda-besokare": (84.0, 0.05, 0.3, 1, 2015, 1),
    "gastnatter-per-invanare": (4.9, 0.09, 0.08, 1, 2015, 1),
    "invanares-syn": (60.0, 0.6, 0.8, 1, 2015, 2),
    "tillganglighetsinformation": (5.0, 6.0, 1.5, 1, 2021, 1),
    "lokala-upplevelser": (41.0, 1.1, 1.0, 1, 2015, 1),
    "kvinnor-i-ledning": (36.0, 0.5, 0.6, 1, 2015, 1),
    "miljocertifierade": (7.0, 1.3, 0.4, 1, 2015, 1),
    "resor-med-bil": (79.0, -0.2, 0.5, 1, 2015, 1),
    "energi-per-gastnatt": (61.0, -1.1, 0.8, 1, 2019, 1),
    "avfall-per-gastnatt": (0.92, 0.02, 0.015, 2, 2019, 1),
    "skyddad-natur-besok": (20.0, 3.0, 1.0, 1, 2024, 1),
}
REGIONAL = {
    "vaxthusgaser-per-invanare": (4.9, -0.15, 0.06, 2, 2015, 1),
    "fornybar-energi": (66.0, 1.2, 0.7, 1, 2015, 1),
    "skyddad-natur": (3.4, 0.08, 0.02, 1, 2015, 1),
    "ekologiska-livsmedel": (31.0, 0.6, 1.2, 1, 2015, 1),
    "hushallsavfall": (455, -3.5, 5, 0, 2015, 1),
    "forvarvsfrekvens": (79.4, 0.3, 0.3, 1, 2015, 1),
    "kvinnors-inkomst": (80.5, 0.45, 0.3, 1, 2015, 1),
    "gymnasieexamen": (72.0, -0.25, 0.8, 1, 2015, 1),
    "langtidsarbetsloshet": (3.1, 0.04, 0.12, 1, 2015, 1),
    "ekonomiskt-bistand": (4.6, -0.12, 0.08, 1, 2015, 1),
    "valdeltagande": (84.0, 0.1, 0.5, 1, 2018, 4),
    "brp-per-invanare": (410, 14, 6, 0, 2015, 1),
    "nyforetagande": (7.9, 0.02, 0.3, 1, 2015, 1),
    "nettoflyttning": (9.5, -0.6, 1.0, 1, 2015, 1),
    "hogskoleutbildade": (38.0, 0.5, 0.15, 1, 2015, 1),
    "bredband": (62.0, 3.6, 0.8, 1, 2015, 1),
}
# Breakdowns written beside the total: id -> (column, {value: share of the total level}).
BREAKDOWNS = {
    "gastnatter": ("origin", {"sverige": 0.68, "utlandet": 0.32}),
    "forvarvsfrekvens": ("sex", {"kvinnor": 0.97, "män": 1.03}),
    "gymnasieexamen": ("sex", {"kvinnor": 1.05, "män": 0.95}),
}
# Tourism fell in the pandemic year 2020 (as the real series did); these examples show it.
PANDEMIC = {
    "gastnatter": 0.72,
    "belaggning": 0.7,
    "utlandsk-andel": 0.55,
    "gastnatter-per-invanare": 0.72,
}


def rows(spec: dict[str, tuple[float, float, float, int, int, int]], seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for indicator, (start, step, noise, decimals, first, every) in spec.items():
        for year in YEARS:
            level = start + step * (year - 2015) + rng.gauss(0, noise)
            if year < first or (year - first) % every:
                continue
            if year == 2020:
                level *= PANDEMIC.get(indicator, 1.0)
            status = "preliminary" if year == 2025 else ""
            out.append([indicator, str(year), AREA, "", _fmt(level, decimals), status, NOTE])
            column, parts = BREAKDOWNS.get(indicator, ("", {}))
            for name, share in parts.items():
                part = level * share
                out.append(
                    [
                        indicator,
                        str(year),
                        AREA,
                        f"{column}={name}",
                        _fmt(part, decimals),
                        status,
                        NOTE,
                    ]
                )
    return out


def _fmt(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def write(name: str, spec: dict[str, tuple[float, float, float, int, int, int]], seed: int) -> None:
    table = rows(spec, seed)
    columns = sorted({cell.split("=")[0] for row in table for cell in [row[3]] if cell})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["indicator", "period", "area", *columns, "value", "status", "note"])
    for indicator, period, area, breakdown, value, status, note in table:
        key, _, part = breakdown.partition("=")
        writer.writerow(
            [
                indicator,
                period,
                area,
                *(part if c == key else "" for c in columns),
                value,
                status,
                note,
            ]
        )
    (ROOT / "examples" / "indicators" / f"{name}.csv").write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    write("kronoberg-besoksnaring", BESOKSNARING, 2026)
    write("kronoberg-regional-uppfoljning", REGIONAL, 2027)
