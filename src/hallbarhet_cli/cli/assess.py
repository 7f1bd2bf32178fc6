"""``hallbarhet assess``: one application, to the terminal or a file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hallbarhet_cli.assessment import Verdict
from hallbarhet_cli.cli.common import (
    DEFAULT_LANG,
    EXIT_FINDINGS,
    LangOption,
    T,
    handle_errors,
    stdout_is_terminal,
)
from hallbarhet_cli.i18n import N_


class Format(StrEnum):
    text = "text"
    json = "json"


class FailOn(StrEnum):
    excluded = "excluded"
    incomplete = "incomplete"
    fail = "fail"


# --fail-on LEVEL fails on LEVEL and on every verdict that takes precedence over it.
FAILING = {
    FailOn.excluded: {Verdict.EXCLUDED},
    FailOn.incomplete: {Verdict.EXCLUDED, Verdict.INCOMPLETE},
    FailOn.fail: {Verdict.EXCLUDED, Verdict.INCOMPLETE, Verdict.FAIL},
}


def assess(
    application: Annotated[
        Path, typer.Argument(help=T(N_("The application file (YAML).")), show_default=False)
    ],
    criteria: Annotated[
        str | None,
        typer.Option(
            "--criteria",
            "-c",
            help=T(
                N_(
                    "Criteria set to use instead of the application's: a "
                    "bundled id, id@version or a path."
                )
            ),
        ),
    ] = None,
    lang: LangOption = DEFAULT_LANG,
    format: Annotated[
        Format, typer.Option("--format", "-f", help=T(N_("Output format.")))
    ] = Format.text,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            help=T(N_("Write to this file instead of standard output (- for standard output).")),
        ),
    ] = "-",
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help=T(
                N_(
                    "Exit with 1 when the verdict is this or takes precedence "
                    "over it (excluded > incomplete > fail)."
                )
            ),
        ),
    ] = None,
) -> None:
    from hallbarhet_cli.applications import load_application
    from hallbarhet_cli.engine import assess as run_assessment
    from hallbarhet_cli.output import write_atomic
    from hallbarhet_cli.reporters import REPORTERS
    from hallbarhet_cli.resolve import CriteriaLibrary
    from hallbarhet_cli.views import assessment_view

    with handle_errors(lang.value):
        loaded = load_application(application, CriteriaLibrary(), criteria)
        result = run_assessment(loaded.criteria, loaded.model, loaded.answers)
        view = assessment_view(result, loaded, lang.value)
        color = output == "-" and stdout_is_terminal()
        write_atomic(output, REPORTERS[format.value](view, lang.value, color))
    if fail_on is not None and result.verdict in FAILING[fail_on]:
        raise typer.Exit(EXIT_FINDINGS)
