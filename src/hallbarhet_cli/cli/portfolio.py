"""``hallbarhet portfolio INPUT...``: the region's follow-up over rounds and years."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hallbarhet_cli.cli.common import (
    DEFAULT_LANG,
    LangOption,
    T,
    fail,
    handle_errors,
)
from hallbarhet_cli.errors import ExitCode, Message, has_errors
from hallbarhet_cli.i18n import N_


class By(StrEnum):
    year = "year"
    round = "round"
    instrument = "instrument"
    municipality = "municipality"
    sector = "sector"
    applicant_type = "applicant_type"


class Format(StrEnum):
    text = "text"
    json = "json"
    html = "html"
    csv = "csv"
    xlsx = "xlsx"


FOLDER_FORMATS = (Format.json, Format.html, Format.csv, Format.xlsx)


def portfolio(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help=T(
                N_(
                    "Application files, JSON Lines files of applications (.jsonl), folders "
                    "written by hallbarhet batch -o, follow-up reports, and folders holding "
                    "them."
                )
            ),
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=T(
                N_(
                    "Folder to write the outputs to (portfolio.json, portfolio.html, "
                    "portfolio-*.csv, portfolio.xlsx); without it, one format to standard "
                    "output."
                )
            ),
        ),
    ] = None,
    by: Annotated[
        By, typer.Option("--by", help=T(N_("What to break the shares down by.")))
    ] = By.year,
    formats: Annotated[
        list[Format] | None,
        typer.Option(
            "--format",
            "-f",
            help=T(
                N_(
                    "Output format; repeat it for several in a folder (default there: json, "
                    "html, csv and xlsx; on standard output: text)."
                )
            ),
        ),
    ] = None,
    lang: LangOption = DEFAULT_LANG,
    template_dir: Annotated[
        Path | None,
        typer.Option(
            "--template-dir",
            help=T(
                N_(
                    "Folder of templates that replace the bundled ones with the same name "
                    "(portfolio.html.j2, portfolio.txt.j2)."
                )
            ),
            exists=True,
            file_okay=False,
            dir_okay=True,
        ),
    ] = None,
) -> None:
    chosen = list(dict.fromkeys(formats or []))
    if output is None and (len(chosen) > 1 or set(chosen) & {Format.csv, Format.xlsx}):
        raise fail(
            Message(N_("CSV, XLSX and several formats need an output folder: give -o DIR.")),
            lang.value,
        )
    from hallbarhet_cli.portfolio.collect import collect
    from hallbarhet_cli.portfolio.view import portfolio_view
    from hallbarhet_cli.portfolio.write import write_folder, write_stdout

    with handle_errors(lang.value):
        collected = collect(inputs)
        view = portfolio_view(collected, by.value, lang.value)
        if output is None:
            write_stdout(view, (chosen or [Format.text])[0].value, template_dir)
        else:
            write_folder(view, output, [f.value for f in chosen or FOLDER_FORMATS], template_dir)
            written = Message(N_("Portfolio written to {folder}."), {"folder": str(output)})
            typer.echo(written.render(lang.value), err=True)
        for problem in collected.problems:
            typer.echo(problem.render(lang.value), err=True)
    if has_errors(collected.problems):
        raise typer.Exit(ExitCode.FINDINGS)
