"""``hallbarhet followup REPORT``: promised against delivered, the requests for completion
and the ex-post verdict of one progress or final report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hallbarhet_cli.cli.common import (
    DEFAULT_LANG,
    LangOption,
    OutputOption,
    ReportTemplatesOption,
    T,
    fail,
    handle_errors,
    stdout_is_terminal,
)
from hallbarhet_cli.errors import Message
from hallbarhet_cli.i18n import N_


class Format(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"
    pdf = "pdf"


def followup(
    report: Annotated[
        Path,
        typer.Argument(help=T(N_("The follow-up report (YAML).")), show_default=False),
    ],
    application: Annotated[
        Path | None,
        typer.Option(
            "--application",
            "-a",
            help=T(
                N_(
                    "The application file the report is about, when the report does not "
                    "name its path."
                )
            ),
        ),
    ] = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help=T(N_("Output format.")))
    ] = Format.text,
    output: OutputOption = "-",
    lang: LangOption = DEFAULT_LANG,
    template_dir: ReportTemplatesOption = None,
) -> None:
    if format is Format.pdf and output == "-" and stdout_is_terminal():
        raise fail(
            Message(N_("A PDF cannot be shown in the terminal; write it to a file with -o.")),
            lang.value,
        )
    from hallbarhet_cli.criteria.library import CriteriaLibrary
    from hallbarhet_cli.files.output import write_atomic
    from hallbarhet_cli.followup.loading import load_report
    from hallbarhet_cli.followup.render import render_followup
    from hallbarhet_cli.followup.view import followup_view

    with handle_errors(lang.value):
        loaded = load_report(report, CriteriaLibrary(), application)
        view = followup_view(loaded, lang.value)
        write_atomic(output, render_followup(view, lang.value, format.value, template_dir))
        # Warnings (a period that ends after the report, ...) are in the report too; on
        # standard error they reach the officer who runs the command in a script.
        for warning in loaded.warnings:
            typer.echo(warning.render(lang.value), err=True)
