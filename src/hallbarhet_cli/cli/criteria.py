"""``hallbarhet criteria list|show|docs|diff``: the criteria sets that can be used."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

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
from hallbarhet_cli.reporters import DIFFS, HANDBOOKS

app = typer.Typer(no_args_is_help=True)


@app.command(
    "list",
    help=T(N_("List the criteria sets: those on HALLBARHET_CRITERIA_PATH, then the bundled ones.")),
)
def list_sets(lang: LangOption = DEFAULT_LANG) -> None:
    from hallbarhet_cli.criteria.library import CriteriaLibrary
    from hallbarhet_cli.reporters.criteria_text import render_list

    with handle_errors(lang.value):
        library = CriteriaLibrary()
        typer.echo(render_list(library, lang.value), nl=False)


if TYPE_CHECKING:
    DocsFormat = StrEnum
else:
    DocsFormat = format_choices("DocsFormat", HANDBOOKS)
DEFAULT_DOCS_FORMAT = DocsFormat("md")


@app.command(
    "docs",
    help=T(
        N_(
            "Write the handbook for applicants: every question, what earns points and what "
            "stops an application, from the criteria set alone."
        )
    ),
)
def docs(
    ref: Annotated[
        str, typer.Argument(help=T(N_("A bundled id, id@version or a path.")), show_default=False)
    ],
    format: Annotated[
        DocsFormat, typer.Option("--format", "-f", help=T(N_("Output format.")))
    ] = DEFAULT_DOCS_FORMAT,
    output: OutputOption = "-",
    template_dir: Annotated[
        Path | None,
        typer.Option(
            "--template-dir",
            help=T(N_("Folder of templates that replace the bundled ones with the same name.")),
            exists=True,
            file_okay=False,
        ),
    ] = None,
    lang: LangOption = DEFAULT_LANG,
) -> None:
    from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
    from hallbarhet_cli.files.output import write_atomic

    with handle_errors(lang.value):
        library = CriteriaLibrary()
        resolved = library.resolve(ref, Where("criteria docs"), Path.cwd(), confine=False)
        write_atomic(output, HANDBOOKS[format.value](resolved, lang.value, template_dir))


@app.command("show", help=T(N_("Show a criteria set's questions, criteria and gates.")))
def show(
    ref: Annotated[
        str, typer.Argument(help=T(N_("A bundled id, id@version or a path.")), show_default=False)
    ],
    lang: LangOption = DEFAULT_LANG,
) -> None:
    from pathlib import Path

    from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
    from hallbarhet_cli.reporters.criteria_text import render_set

    with handle_errors(lang.value):
        library = CriteriaLibrary()
        resolved = library.resolve(ref, Where("criteria show"), Path.cwd(), confine=False)
        typer.echo(render_set(resolved, lang.value), nl=False)


if TYPE_CHECKING:
    DiffFormat = StrEnum
else:
    DiffFormat = format_choices("DiffFormat", DIFFS)
DEFAULT_DIFF_FORMAT = DiffFormat("text")


@app.command(
    "diff",
    help=T(
        N_(
            "Show what changed between two versions of a criteria set; with --round, which "
            "applications of a round change verdict or rank."
        )
    ),
)
def diff(
    old: Annotated[
        str,
        typer.Argument(
            help=T(N_("The old version: a bundled id, id@version or a path.")),
            show_default=False,
            metavar="OLD",
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            help=T(N_("The new version: a bundled id, id@version or a path.")),
            show_default=False,
            metavar="NEW",
        ),
    ],
    round_inputs: Annotated[
        list[Path] | None,
        typer.Option(
            "--round",
            metavar="INPUT",
            help=T(
                N_(
                    "Application files or folders of a round to re-score under both "
                    "versions (repeat the option for more)."
                )
            ),
        ),
    ] = None,
    format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help=T(N_("Output format.")))
    ] = DEFAULT_DIFF_FORMAT,
    output: OutputOption = "-",
    lang: LangOption = DEFAULT_LANG,
) -> None:
    from hallbarhet_cli.criteria.diff import diff_sets
    from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
    from hallbarhet_cli.files.output import write_atomic
    from hallbarhet_cli.scoring.impact import round_impact

    with handle_errors(lang.value):
        library = CriteriaLibrary()
        where = Where("criteria diff")
        before = library.resolve(old, where, Path.cwd(), confine=False)
        after = library.resolve(new, where, Path.cwd(), confine=False)
        impact = round_impact(before, after, round_inputs) if round_inputs else None
        render = DIFFS[format.value]
        write_atomic(output, render(diff_sets(before, after), impact, lang.value))
    if impact is not None and impact.problems:
        raise typer.Exit(ExitCode.FINDINGS)
