"""The time of an assessment as the officer reads it: local time with its zone shown.

Reports carry the moment in UTC (``assessed_at``); a decision basis shows it in the time
zone named by ``TZ`` (an IANA name such as ``Europe/Stockholm``), or Swedish time when
``TZ`` is unset or unknown, with the zone's abbreviation so that nobody has to guess.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from typing import Final

from hallbarhet_cli import fmt

DEFAULT_ZONE: Final = "Europe/Stockholm"


def report_zone() -> dt.tzinfo:
    name = os.environ.get("TZ", "").lstrip(":") or DEFAULT_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        try:
            return zoneinfo.ZoneInfo(DEFAULT_ZONE)
        except zoneinfo.ZoneInfoNotFoundError:  # a system without time-zone data
            return dt.UTC


def local_timestamp(value: str, lang: str) -> str:
    """``value`` (ISO 8601, ``Z`` for UTC) as a date and time in the report's zone, e.g.
    ``1 januari 2026 01:00 CET``."""
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(report_zone())
    return f"{fmt.date(moment.date(), lang)} {moment:%H:%M} {moment.tzname() or 'UTC'}"
