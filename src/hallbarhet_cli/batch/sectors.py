"""Who applies in a round: applications and requested kronor per applicant sector.

The programme asks how much of its money reaches civil society (*idéburen sektor*), so
the summary gives every sector's share of the applications and of the amount requested,
and civil society's on its own. No data is not zero: an application whose sector is not
known counts as ``unknown``, and the shares are of the applications whose sector is
known, so an unknown one is never read as "not civil society".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Final

from hallbarhet_cli.batch.viewtypes import SectorRow, Sectors

SECTORS: Final = ("public", "company", "civil_society", "academia", "other")
UNKNOWN: Final = "unknown"
CIVIL_SOCIETY: Final = "civil_society"


@dataclass
class SectorTally:
    """Counts and requested kronor per sector, added one application at a time."""

    count: dict[str, int] = field(default_factory=lambda: dict.fromkeys((*SECTORS, UNKNOWN), 0))
    sek: dict[str, list[float]] = field(
        default_factory=lambda: {s: [] for s in (*SECTORS, UNKNOWN)}
    )

    def add(self, sector: str | None, requested_sek: float) -> None:
        key = sector if sector in self.count else UNKNOWN
        self.count[key] += 1
        self.sek[key].append(requested_sek)

    def summary(self) -> Sectors:
        """Each sector's applications and kronor with their shares of those whose sector
        is known; ``unknown`` has no share. Shares are ``None`` when no sector is known."""
        totals = {s: math.fsum(amounts) for s, amounts in self.sek.items()}
        known = sum(self.count[s] for s in SECTORS)
        known_sek = math.fsum(totals[s] for s in SECTORS)

        def row(sector: str) -> SectorRow:
            counted = sector != UNKNOWN
            return {
                "sector": sector,
                "count": self.count[sector],
                "percent": _share(self.count[sector], known) if counted else None,
                "requested_sek": totals[sector],
                "percent_of_requested": _share(totals[sector], known_sek) if counted else None,
            }

        rows = [row(s) for s in (*SECTORS, UNKNOWN)]
        return {
            "known": known,
            "known_requested_sek": known_sek,
            "unknown": self.count[UNKNOWN],
            "civil_society": rows[SECTORS.index(CIVIL_SOCIETY)],
            "by_sector": rows,
        }


def _share(part: float, whole: float) -> float | None:
    return 100.0 * part / whole if whole else None
