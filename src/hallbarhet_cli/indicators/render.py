"""The indicator report in each output format, chosen by name from :data:`FORMATS`."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Callable
from typing import Final

from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.indicators.document import document_view
from hallbarhet_cli.indicators.viewtypes import IndicatorReport


def render_json(report: IndicatorReport, lang: str) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def render_text(report: IndicatorReport, lang: str) -> str:
    """A plain-text summary for the terminal: each dimension, then its indicators."""
    view = document_view(report, lang)

    def _(message: str) -> str:
        return gettext(message, lang)

    s = view["indicator_set"]
    lines = [f"{s['title']} ({s['id']} {s['version']}) – {view['area']}", ""]
    if view["overall"]["all_improving"]:
        lines.append(_("Every dimension is moving the right way."))
    else:
        lines.append(
            _("Not yet on course: {dimensions}.").format(
                dimensions=", ".join(view["not_improving_titles"])
            )
        )
    for d in view["dimension_list"]:
        lines += ["", f"{d['title']}: {d['state_label']}"]
        counts = ", ".join(f"{c['label']} {c['count']}" for c in d["trend_counts"] if c["count"])
        lines.append(f"  {counts}")
        if d["target_counts"]:
            lines.append(
                "  "
                + _("Targets")
                + ": "
                + ", ".join(f"{c['label']} {c['count']}" for c in d["target_counts"])
            )
        for i in d["indicator_list"]:
            latest = (
                f"{i['latest_text']} {i['unit']} ({i['latest']['period']})"
                if i["latest"]
                else _("no data")
            )
            lines.append(f"  {i['trend_symbol']} {i['title']}: {latest} – {i['trend_label']}")
            for t in i["targets"]:
                lines.append(f"      {_('Target')} {t['period']} {t['bound']}: {t['status_label']}")
    lines += ["", _("Missing data") + ":"]
    for m in view["missing"]:
        lines.append(f"  {m['title']}: {', '.join(m['periods'])}")
    if not view["missing"]:
        lines.append("  " + _("No period is missing."))
    return "\n".join(lines) + "\n"


def render_markdown(report: IndicatorReport, lang: str) -> str:
    from hallbarhet_cli.reporters.documents import render_template

    return render_template("indicators.md.j2", {"report": document_view(report, lang)}, lang)


def render_html(report: IndicatorReport, lang: str) -> str:
    from hallbarhet_cli.reporters.documents import render_template

    return render_template("indicators.html.j2", {"report": document_view(report, lang)}, lang)


def _moment() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime(2000, 1, 1)


def render_xlsx(report: IndicatorReport, lang: str) -> bytes:
    """A workbook with one sheet of indicators (latest value, trend, targets) and one of
    every value, for analysts to work on further."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from hallbarhet_cli.batch.outputs import _xlsx_value, reproducible_zip

    view = document_view(report, lang)

    def _(message: str) -> str:
        return gettext(message, lang)

    book = Workbook()
    book.remove(book.worksheets[0])
    summary = book.create_sheet(_("Indicators"))
    header = [
        _("Dimension"),
        _("Indicator"),
        _("Id"),
        _("Unit"),
        _("Latest period"),
        _("Latest value"),
        _("Change since previous period"),
        _("Change since baseline"),
        _("Trend"),
        _("Targets"),
        _("Missing periods"),
        _("Source"),
    ]
    summary.append(header)
    dimension_titles = {d["id"]: d["title"] for d in view["dimension_list"]}
    for i in view["indicator_list"]:
        summary.append(
            [
                _xlsx_value(v)
                for v in (
                    dimension_titles.get(i["dimension"], i["dimension"]),
                    i["title"],
                    i["id"],
                    i["unit"],
                    i["latest"]["period"] if i["latest"] else None,
                    i["latest"]["value"] if i["latest"] else None,
                    i["change_since_previous"],
                    i["change_since_baseline"],
                    i["trend_label"],
                    "; ".join(
                        f"{t['period']} {t['bound']}: {t['status_label']}" for t in i["targets"]
                    )
                    or None,
                    ", ".join(i["missing"]) or None,
                    i["source"]["publisher"],
                )
            ]
        )
    values = book.create_sheet(_("Values"))
    values.append([_("Id"), _("Indicator"), _("Period"), _("Value"), _("Status"), _("Note")])
    for i in view["indicator_list"]:
        for row in i["rows"]:
            values.append(
                [
                    _xlsx_value(v)
                    for v in (
                        i["id"],
                        i["title"],
                        row["period"],
                        row["value"],
                        row["status_label"] or None,
                        row["note"],
                    )
                ]
            )
    for sheet in (summary, values):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    moment = _moment()
    book.properties.creator = "hallbarhet"
    book.properties.created = moment
    book.properties.modified = moment
    buffer = io.BytesIO()
    book.save(buffer)
    return _reproducible(buffer.getvalue(), moment, reproducible_zip)


def _reproducible(data: bytes, moment: dt.datetime, fix: Callable[..., None]) -> bytes:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="hallbarhet-") as folder:
        path = Path(folder) / "report.xlsx"
        path.write_bytes(data)
        fix(path, moment)
        return path.read_bytes()


FORMATS: Final[dict[str, Callable[[IndicatorReport, str], str | bytes]]] = {
    "text": render_text,
    "json": render_json,
    "md": render_markdown,
    "html": render_html,
    "xlsx": render_xlsx,
}
# Names of the sheets above, for the message catalogue.
_SHEETS: Final = (N_("Indicators"), N_("Values"))
