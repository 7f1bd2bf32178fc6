"""``hallbarhet assess``: one application, to the terminal or a file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hallbarhet_cli.cli.common import (
    DEFAULT_LANG,
    LangOption,
    OutputOption,
    ReportTemplatesOption,
    T,
    colour_wanted,
    fail,
    format_choices,
    handle_errors,
    stdout_is_terminal,
    terminal_width,
)
from hallbarhet_cli.errors import ExitCode, Message
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.reporters import (
    EXPLANATIONS,
    PRECHECKS,
    REPORTERS,
    TEXT_WIDTH,
    Destination,
)
from hallbarhet_cli.scoring.assessment import Verdict

if TYPE_CHECKING:
    Format = StrEnum
else:
    Format = format_choices("Format", REPORTERS)
DEFAULT_FORMAT = Format("text")


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
    ] = DEFAULT_FORMAT,
    output: OutputOption = "-",
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help=T(
                N_(
                    "Exit with code 1 when the verdict is this one or a more serious one; "
                    "from most to least serious: excluded, incomplete, fail."
                )
            ),
        ),
    ] = None,
    template_dir: ReportTemplatesOption = None,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="CRITERION",
            help=T(
                N_(
                    "Show one criterion in full: the questions it reads with their answers, "
                    "each level's condition and points, and what the next level needs."
                )
            ),
        ),
    ] = None,
    precheck: Annotated[
        bool,
        typer.Option(
            "--precheck",
            help=T(
                N_(
                    "A pre-check for the applicant, in plain language: what to complete and "
                    "what would earn more points, then a preliminary verdict."
                )
            ),
        ),
    ] = False,
    show_ids: Annotated[
        bool,
        typer.Option(
            "--show-ids",
            help=T(N_("With --precheck: also show the ids of questions, criteria and gates.")),
        ),
    ] = False,
) -> None:
    if (explain is not None and format not in EXPLANATIONS) or (
        precheck and format not in PRECHECKS
    ):
        raise fail(
            Message(N_("--explain and --precheck write text; leave out --format.")), lang.value
        )
    if explain is not None and precheck:
        raise fail(Message(N_("Use --explain or --precheck, not both.")), lang.value)
    if format == "pdf" and output == "-" and stdout_is_terminal():
        raise fail(
            Message(N_("A PDF cannot be shown in the terminal; write it to a file with -o.")),
            lang.value,
        )
    from hallbarhet_cli.applications.loading import load_application
    from hallbarhet_cli.criteria.library import CriteriaLibrary
    from hallbarhet_cli.files.output import write_atomic
    from hallbarhet_cli.reporters.views import assessment_view
    from hallbarhet_cli.scoring.engine import assess as run_assessment

    with handle_errors(lang.value):
        loaded = load_application(application, CriteriaLibrary(), criteria, draft=precheck)
        result = run_assessment(loaded.criteria, loaded.model, loaded.answers)
        shown = output == "-" and stdout_is_terminal()
        to = Destination(
            color=shown and colour_wanted(),
            width=terminal_width() if shown else TEXT_WIDTH,
            template_dir=template_dir,
        )
        report: str | bytes
        if explain is not None:
            report = EXPLANATIONS[format.value](result, loaded, explain, lang.value, to)
        elif precheck:
            precheck_as = PRECHECKS[format.value]
            report = precheck_as(result, loaded, lang.value, to, show_ids=show_ids)
        else:
            view = assessment_view(result, loaded, lang.value)
            report = REPORTERS[format.value](view, lang.value, to)
        write_atomic(output, report)
    if fail_on is not None and result.verdict in FAILING[fail_on]:
        raise typer.Exit(ExitCode.FINDINGS)
