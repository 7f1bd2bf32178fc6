"""``hallbarhet indicators new``: an empty data file to fill in, with one row per
indicator and period."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os

from hallbarhet_cli.errors import Message, Problem, Severity, UsageError
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.indicators.data import OPTIONAL, REQUIRED
from hallbarhet_cli.indicators.library import ResolvedIndicatorSet
from hallbarhet_cli.indicators.model import BREAKDOWNS
from hallbarhet_cli.indicators.periods import Period, parse_period, parse_range, span


def _usage(message: Message) -> UsageError:
    return UsageError([Problem("indicators new", None, None, "usage", Severity.ERROR, message)])


def default_periods() -> str:
    """Last year (by ``SOURCE_DATE_EPOCH`` when set): the figures usually being gathered."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    today = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch.isdigit() else dt.date.today()
    )
    return str(today.year - 1)


def _end(text: str, frequency: str, *, last: bool) -> Period | None:
    """A range end as a period of ``frequency``; a bare year means its first or last
    quarter or month."""
    period = parse_period(text, frequency)
    if period is None and frequency != "annual" and parse_period(text, "annual") is not None:
        part = ("Q4" if last else "Q1") if frequency == "quarterly" else ("12" if last else "01")
        period = parse_period(f"{text}-{part}", frequency)
    return period


def _ends(text: str, frequency: str) -> tuple[Period, Period]:
    first_text, last_text = parse_range(text) or (text, text)
    first = _end(first_text, frequency, last=False)
    last = _end(last_text, frequency, last=True)
    if first is None or last is None:
        raise _usage(
            Message(
                N_("--periods {value!r} is not a period or a range such as 2024..2026."),
                {"value": text},
            )
        )
    if last.ordinal < first.ordinal:
        raise _usage(Message(N_("--periods {value!r} ends before it starts."), {"value": text}))
    return first, last


def data_template(resolved: ResolvedIndicatorSet, periods: str, area: str | None) -> bytes:
    """The CSV text (UTF-8 with a byte-order mark, so spreadsheets read å, ä and ö)."""
    chosen = area or resolved.area
    if not chosen:
        raise _usage(Message(N_("The indicator set names no area; give one with --area.")))
    used = [b for b in BREAKDOWNS if any(b in i.breakdowns for i in resolved.indicators)]
    columns = [*REQUIRED[:3], *used, REQUIRED[3], *OPTIONAL]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for indicator in resolved.indicators:
        first, last = _ends(periods, indicator.frequency)
        for period in span(first, last):
            row = {"indicator": indicator.id, "period": period.text, "area": chosen}
            writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue().encode("utf-8-sig")
