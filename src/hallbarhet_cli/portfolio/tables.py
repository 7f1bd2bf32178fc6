"""The portfolio's tables as CSV files and one XLSX workbook. Text that a spreadsheet would
run as a formula is neutralised (as in a batch's tables); numbers stay numbers; shares are
rounded to one decimal as in the reports."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from hallbarhet_cli.batch.outputs import _NOT_IN_XML, neutralise, reproducible_zip
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.portfolio.viewtypes import PortfolioView

STATS: Final = (
    "applications",
    "proofed",
    "share_by_count",
    "requested_sek",
    "proofed_requested_sek",
    "share_by_requested_sek",
    "granted",
    "proofed_granted",
    "share_of_granted_by_count",
    "granted_sek",
    "proofed_granted_sek",
    "share_by_granted_sek",
)
STATUSES: Final = ("delivered", "within_tolerance", "short", "exceeded", "not_reported")


@dataclass(frozen=True)
class Table:
    """One table: its file stem, sheet title, header and rows of plain values."""

    name: str
    title: str
    header: list[str]
    rows: list[list[Any]]


def _cell(value: Any) -> Any:
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 1)
    return value


def _cells(record: Mapping[str, Any], keys: tuple[str, ...]) -> list[Any]:
    return [_cell(record[k]) for k in keys]


def tables(view: PortfolioView) -> list[Table]:
    """The tables of a portfolio ``view``."""
    lang = view["language"]

    def _(message: str) -> str:
        return gettext(message, lang)

    def stats(group: Mapping[str, Any]) -> list[Any]:
        return [_cell(group[key]) for key in STATS]

    groups = [["total", "", _(N_("All")), *stats(view["totals"])]]
    for group in view["groups"]:
        groups.append([view["by"], group["key"][view["by"]] or "", group["label"], *stats(group)])
    for group in view["by_instrument_and_year"]:
        key = group["key"]
        value = f"{key['instrument']} {key['year'] or ''}".strip()
        groups.append(["instrument_year", value, group["label"], *stats(group)])
    app_keys = (
        "id",
        "title",
        "criteria_set",
        "year",
        "round",
        "instrument",
        "municipality",
        "sector",
        "applicant_type",
        "requested_sek",
        "verdict",
        "overall_percent",
        "outcome",
        "granted_sek",
        "latest_report",
        "ex_post_verdict",
    )
    criteria = [
        [
            c["criteria_set"],
            c["id"],
            c["title"],
            level["level"],
            level["label"],
            level["count"],
            level["requested_sek"],
            level["granted_sek"],
        ]
        for c in view["criteria"]
        for level in c["levels"]
    ]
    promises = [
        [
            p["criteria_set"],
            p["question"],
            p["label"],
            p["unit"],
            p["promised_by"],
            p["reported"],
            _cell(p["promised_total"]),
            _cell(p["delivered_total"]),
            *(p["statuses"][s] for s in STATUSES),
        ]
        for p in view["promises"]
    ]
    return [
        Table("portfolio-groups", _(N_("Shares")), ["breakdown", "group", "label", *STATS], groups),
        Table(
            "portfolio-applications",
            _(N_("Applications")),
            list(app_keys),
            [_cells(a, app_keys) for a in view["applications"]],
        ),
        Table(
            "portfolio-criteria",
            _(N_("Criterion levels")),
            [
                "criteria_set",
                "criterion",
                "title",
                "level",
                "level_label",
                "count",
                "requested_sek",
                "granted_sek",
            ],
            criteria,
        ),
        Table(
            "portfolio-promises",
            _(N_("Promises")),
            [
                "criteria_set",
                "question",
                "label",
                "unit",
                "promised_by",
                "reported",
                "promised_total",
                "delivered_total",
                *STATUSES,
            ],
            promises,
        ),
    ]


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def csv_text(table: Table) -> str:
    """The table as CSV (the caller writes it with a byte-order mark, for spreadsheets)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([_csv_value(v) for v in row])
    return buffer.getvalue()


def write_xlsx(path: Path, all_tables: list[Table], moment: dt.datetime) -> None:
    """All tables in one workbook, one sheet each, with the same bytes for the same
    portfolio."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    for table in all_tables:
        sheet = book.create_sheet(neutralise(table.title)[:31])
        sheet.append(table.header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_xlsx_value(v) for v in row])
        sheet.freeze_panes = "A2"
    book.properties.creator = "hallbarhet"
    book.properties.created = moment.replace(tzinfo=None)
    book.save(path)
    reproducible_zip(path, moment)


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return _NOT_IN_XML.sub("\ufffd", neutralise(value)) or None
    return value
