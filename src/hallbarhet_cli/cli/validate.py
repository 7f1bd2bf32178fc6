"""``hallbarhet validate``: schema and semantic checks for criteria sets and applications."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hallbarhet_cli.checks import FINDINGS_REPORTERS
from hallbarhet_cli.cli.common import (
    DEFAULT_LANG,
    LangOption,
    OutputOption,
    T,
    format_choices,
    handle_errors,
)
from hallbarhet_cli.errors import ExitCode
from hallbarhet_cli.i18n import N_

if TYPE_CHECKING:
    Format = StrEnum
else:
    Format = format_choices("Format", FINDINGS_REPORTERS)


def default_format() -> Format:
    """GitHub annotations inside a GitHub Actions job, plain text elsewhere."""
    return Format("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")


def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help=T(N_("Files or folders to check (folders are searched for *.yaml).")),
            show_default=False,
        ),
    ],
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help=T(
                N_(
                    "Output format: text, json, github (workflow annotations), junit (XML) "
                    "or sarif. Default: github when GITHUB_ACTIONS=true, else text."
                )
            ),
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help=T(N_("Treat warnings as errors.")))
    ] = False,
    output: OutputOption = "-",
    lang: LangOption = DEFAULT_LANG,
) -> None:
    from hallbarhet_cli.checks.checking import check_paths, unreadable
    from hallbarhet_cli.checks.findings import counts
    from hallbarhet_cli.files.output import write_atomic

    chosen = format or default_format()
    with handle_errors(lang.value):
        results = check_paths(paths)
        write_atomic(output, FINDINGS_REPORTERS[chosen.value](results, lang.value, strict))
    errors, warnings = counts(results)
    if unreadable(results):
        raise typer.Exit(ExitCode.USAGE)
    if errors or (strict and warnings):
        raise typer.Exit(ExitCode.FINDINGS)
