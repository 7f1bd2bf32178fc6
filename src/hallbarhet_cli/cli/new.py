"""``hallbarhet new``: an application template for a criteria set, or a questionnaire."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hallbarhet_cli.cli.common import (
    DEFAULT_LANG,
    LangOption,
    OutputOption,
    T,
    fail,
    handle_errors,
)
from hallbarhet_cli.errors import ExitCode, Message
from hallbarhet_cli.i18n import N_, gettext

if TYPE_CHECKING:
    from hallbarhet_cli.criteria.resolved import ResolvedSet


class NewFormat(StrEnum):
    yaml = "yaml"
    html = "html"


def new(
    criteria: Annotated[
        str,
        typer.Option(
            "--criteria",
            "-c",
            help=T(N_("The criteria set: a bundled id, id@version or a path.")),
            show_default=False,
        ),
    ],
    output: OutputOption = "-",
    lang: LangOption = DEFAULT_LANG,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive",
            "-i",
            help=T(
                N_(
                    "Ask the questions one at a time in the terminal and write the application "
                    "at the end. Reads one answer per line when standard input is not a "
                    "terminal."
                )
            ),
        ),
    ] = False,
    draft_on_abort: Annotated[
        bool,
        typer.Option(
            "--draft-on-abort",
            help=T(
                N_(
                    "With --interactive: when stopped (Ctrl-C or end of input), write the "
                    "answers so far as a draft in which the rest is still to be filled in."
                )
            ),
        ),
    ] = False,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            help=T(
                N_(
                    "With --interactive: go on with a draft, asking only what it does not "
                    "answer yet."
                )
            ),
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=T(N_("Replace the output file if it exists.")))
    ] = False,
    format_: Annotated[
        NewFormat,
        typer.Option(
            "--format",
            "-f",
            help=T(
                N_(
                    "yaml: the application file to fill in; html: the application form, one "
                    "file that opens in any browser, offline, and saves the application file."
                )
            ),
        ),
    ] = NewFormat.yaml,
    from_export: Annotated[
        Path | None,
        typer.Option(
            "--from-export",
            help=T(
                N_(
                    "Write a starter column mapping for this CSV or XLSX export instead: its "
                    "columns listed, what its headers make clear filled in, the rest and "
                    "the criteria set's questions as comments to fill in."
                )
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    import sys

    from hallbarhet_cli.applications.placeholders import placeholder
    from hallbarhet_cli.authoring.template import Filled, criteria_reference, render_template
    from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
    from hallbarhet_cli.files.output import write_atomic

    # Checked before any question is asked, so no answers are typed in vain.
    _check_output(output, force, lang.value)
    with handle_errors(lang.value):
        resolved = CriteriaLibrary().resolve(
            criteria, Where("--criteria"), Path.cwd(), confine=False
        )
        ref = criteria_reference(criteria, resolved, output)
        file_name = None if output == "-" else output
        if from_export is not None:
            return _starter(
                from_export,
                resolved,
                ref,
                output,
                lang.value,
                interactive or resume is not None or format_ is not NewFormat.yaml,
            )

        def render(filled: Filled | None = None) -> str:
            if format_ is NewFormat.html:
                from hallbarhet_cli.authoring.form import render_form

                return render_form(resolved, lang.value, criteria_ref=ref)
            return render_template(
                resolved,
                lang.value,
                criteria_ref=ref,
                cli_ref=criteria,
                filled=filled,
                file_name=file_name,
            )

        if format_ is NewFormat.html or not interactive:
            _write_file(output, lang.value, render, format_, interactive, resume)
            return

        from rich.console import Console

        from hallbarhet_cli.authoring.questionnaire import Questionnaire, prompter_for, why_stopped
        from hallbarhet_cli.files.printable import printable

        console = Console(file=sys.stderr, highlight=False, markup=False, emoji=False)
        start = None
        if resume is not None:
            from hallbarhet_cli.authoring.resume import filled_from_draft

            start = filled_from_draft(resume, resolved, lang.value)
        session = Questionnaire(resolved, lang.value, prompter_for(sys.stdin, console), start)
        where = output if output != "-" else gettext(N_("standard output"), lang.value)
        try:
            filled = session.run()
        except (KeyboardInterrupt, EOFError) as stop:
            ended = isinstance(stop, EOFError)
            console.print()
            if isinstance(stop, EOFError):
                typer.echo(why_stopped(stop, lang.value), err=True)
            if draft_on_abort:
                write_atomic(output, render(session.filled))
                message = gettext(
                    N_(
                        "Stopped: the answers so far were written to {file} as a draft; what is "
                        "not yet answered says {marker}."
                    ),
                    lang.value,
                ).format(file=where, marker=placeholder(lang.value))
            else:
                message = gettext(N_("Stopped: nothing was written."), lang.value)
            typer.echo(printable(message), err=True)
            raise typer.Exit(ExitCode.USAGE if ended else ExitCode.INTERRUPTED) from None
        write_atomic(output, render(filled))
        console.print()
        console.print(
            gettext(N_("The application was written to {file}."), lang.value).format(file=where)
        )
        if file_name is not None:
            console.print(
                gettext(
                    N_("See what is missing and what would earn more points: {command}"), lang.value
                ).format(command=f"hallbarhet assess {file_name} --precheck")
            )


def _write_file(
    output: str,
    lang: str,
    render: Callable[[], str],
    format_: NewFormat,
    interactive: bool,
    resume: Path | None,
) -> None:
    """The template, or the application form (``--format html``), without questions."""
    from hallbarhet_cli.files.output import write_atomic

    if format_ is NewFormat.html and interactive:
        raise fail(Message(N_("--interactive writes YAML; leave out --format html.")), lang)
    if resume is not None:
        raise fail(Message(N_("--resume goes with --interactive.")), lang)
    write_atomic(output, render())


def _starter(
    export: Path, resolved: ResolvedSet, ref: str, output: str, lang: str, conflicting: bool
) -> None:
    """A starter column mapping (``--from-export``), which no other option goes with."""
    if conflicting:
        raise fail(
            Message(
                N_(
                    "--from-export writes a column mapping; leave out --interactive, "
                    "--resume and --format."
                )
            ),
            lang,
        )
    from hallbarhet_cli.cli.starter import write_starter

    write_starter(export, resolved, ref, output, lang)


def _check_output(output: str, force: bool, lang: str) -> None:
    """Stop when the output file exists (without ``--force``) or its folder does not."""
    if output != "-" and Path(output).is_file() and not force:
        raise fail(
            Message(N_("{file} already exists; use --force to replace it."), {"file": output}),
            lang,
        )
    folder = Path(output).parent
    if output != "-" and folder.exists() and not folder.is_dir():
        raise fail(
            Message(N_("{folder} is a file, not a folder to write into."), {"folder": str(folder)}),
            lang,
        )
    if output != "-" and not folder.is_dir():
        raise fail(
            Message(N_("The folder {folder} does not exist."), {"folder": str(folder)}),
            lang,
        )
