"""Write a portfolio's outputs: all of them into a folder at once (staged, then renamed
into place, so a failure leaves the folder as it was), or one to standard output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hallbarhet_cli.files.output import write_atomic
from hallbarhet_cli.portfolio.render import render_html, render_json, render_text
from hallbarhet_cli.portfolio.tables import csv_text, tables, write_xlsx
from hallbarhet_cli.portfolio.viewtypes import PortfolioView


def write_stdout(view: PortfolioView, format: str, template_dir: Path | None = None) -> None:
    if format == "json":
        text = render_json(view)
    elif format == "html":
        text = render_html(view, template_dir)
    else:
        text = render_text(view, template_dir)
    write_atomic("-", text)


def write_folder(
    view: PortfolioView, folder: Path, formats: list[str], template_dir: Path | None = None
) -> list[str]:
    """Write ``formats`` of ``view`` into ``folder``; the names of the files written.
    ``template_dir`` holds templates that replace the bundled ones by name."""
    from hallbarhet_cli.batch.outputs import Staging

    moment = dt.datetime.fromisoformat(view["generated_at"].replace("Z", "+00:00"))
    all_tables = tables(view)
    names: list[str] = []
    with Staging(folder) as staging:
        if "json" in formats:
            names.append("portfolio.json")
            staging.path(names[-1]).write_text(render_json(view), encoding="utf-8")
        if "html" in formats:
            names.append("portfolio.html")
            staging.path(names[-1]).write_text(render_html(view, template_dir), encoding="utf-8")
        if "csv" in formats:
            for table in all_tables:
                names.append(f"{table.name}.csv")
                staging.path(names[-1]).write_text(
                    csv_text(table), encoding="utf-8-sig", newline=""
                )
        if "xlsx" in formats:
            names.append("portfolio.xlsx")
            write_xlsx(staging.path(names[-1]), all_tables, moment.replace(tzinfo=None))
        staging.commit(names)
    return names
