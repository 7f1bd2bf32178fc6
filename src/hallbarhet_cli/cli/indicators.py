"""``hallbarhet indicators list|new|report``: follow-up of the county and its visitor
economy with indicator sets and yearly data."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hallbarhet_cli.cli.common import (
    DEFAULT_LANG,
    LangOption,
    OutputOption,
    T,
    handle_errors,
    stdout_is_terminal,
)
from hallbarhet_cli.i18n import N_

app = typer.Typer(
    no_args_is_help=True,
    help=T(N_("Follow up the county and its visitor economy: indicator sets, data and trends.")),
)

SetArgument = Annotated[
    str,
    typer.Argument(
        help=T(N_("An indicator set: a bundled id, id@version or a path.")),
        show_default=False,
        metavar="SET",
    ),
]


class Format(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"
    xlsx = "xlsx"


@app.command(
    "list",
    help=T(
        N_("List the indicator sets: those on HALLBARHET_INDICATORS_PATH, then the bundled ones.")
    ),
)
def list_sets(lang: LangOption = DEFAULT_LANG) -> None:
    from hallbarhet_cli.indicators.library import IndicatorLibrary
    from hallbarhet_cli.indicators.listing import render_list

    with handle_errors(lang.value):
        typer.echo(render_list(IndicatorLibrary(), lang.value), nl=False)


@app.command(
    "new",
    help=T(
        N_(
            "Write an empty data file for an indicator set: the right columns and one row "
            "per indicator and period, ready to fill in."
        )
    ),
)
def new(
    ref: SetArgument,
    periods: Annotated[
        str | None,
        typer.Option(
            "--periods",
            help=T(N_("The periods to fill in: a year, or a range such as 2024..2026.")),
            show_default=False,
        ),
    ] = None,
    area: Annotated[
        str | None,
        typer.Option("--area", help=T(N_("The area the figures are for.")), show_default=False),
    ] = None,
    output: OutputOption = "-",
    lang: LangOption = DEFAULT_LANG,
) -> None:
    from hallbarhet_cli.files.output import write_atomic
    from hallbarhet_cli.indicators.library import IndicatorLibrary, load_checked
    from hallbarhet_cli.indicators.template import data_template, default_periods

    with handle_errors(lang.value):
        resolved = load_checked(IndicatorLibrary(), ref)
        write_atomic(output, data_template(resolved, periods or default_periods(), area))


@app.command(
    "report",
    help=T(
        N_(
            "Report indicator data against its set: latest values, trends judged against "
            "each indicator's direction, targets, a summary per dimension and missing data."
        )
    ),
)
def report(
    ref: SetArgument,
    data: Annotated[
        list[Path],
        typer.Argument(help=T(N_("Indicator data files (tidy CSV).")), show_default=False),
    ],
    area: Annotated[
        str | None,
        typer.Option("--area", help=T(N_("The area to report on.")), show_default=False),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help=T(N_("Leave out periods before this one (such as 2018).")),
            show_default=False,
        ),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--map",
            metavar="MAPPING.yaml",
            help=T(
                N_(
                    "Read the data files as exports of another shape (a wide table from "
                    "Kolada or SCB) through this indicator mapping."
                )
            ),
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help=T(N_("Output format. Default: text, or html when writing to a .html file.")),
            show_default=False,
        ),
    ] = None,
    output: OutputOption = "-",
    lang: LangOption = DEFAULT_LANG,
) -> None:
    from hallbarhet_cli.files.output import write_atomic
    from hallbarhet_cli.indicators.data import read_data
    from hallbarhet_cli.indicators.library import IndicatorLibrary, load_checked
    from hallbarhet_cli.indicators.render import FORMATS
    from hallbarhet_cli.indicators.report import build_report

    chosen = format or _format_for(output)
    with handle_errors(lang.value):
        if chosen is Format.xlsx and output == "-" and stdout_is_terminal():
            from hallbarhet_cli.cli.common import fail
            from hallbarhet_cli.errors import Message

            raise fail(
                Message(N_("An Excel workbook is not for the terminal; give -o FILE.")), lang.value
            )
        resolved = load_checked(IndicatorLibrary(), ref)
        files = [(path, str(path)) for path in data]
        loaded = None
        if mapping is not None:
            from hallbarhet_cli.indicators.mapping import load_indicator_mapping

            loaded = load_indicator_mapping(mapping)
        observations = read_data(files, resolved, loaded)
        view = build_report(resolved, observations, files, lang.value, area, start)
        write_atomic(output, FORMATS[chosen.value](view, lang.value))


def _format_for(output: str) -> Format:
    suffix = Path(output).suffix.lower().lstrip(".")
    return {"html": Format.html, "json": Format.json, "md": Format.md, "xlsx": Format.xlsx}.get(
        suffix, Format.text
    )
