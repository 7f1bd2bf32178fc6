"""``hallbarhet schema criteria|application``: JSON Schemas for editors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from hallbarhet_cli.cli.common import DEFAULT_LANG, LangOption, OutputOption, T, handle_errors
from hallbarhet_cli.i18n import N_

if TYPE_CHECKING:
    from hallbarhet_cli.criteria.resolved import ResolvedSet

app = typer.Typer(no_args_is_help=True)


def _write(schema: dict[str, Any], output: str) -> None:
    import json

    from hallbarhet_cli.files.output import write_atomic

    write_atomic(output, json.dumps(schema, ensure_ascii=False, indent=2) + "\n")


@app.command(
    "criteria",
    help=T(N_("Print the JSON Schema of criteria-set files, for editors (yaml-language-server).")),
)
def criteria(output: OutputOption = "-", lang: LangOption = DEFAULT_LANG) -> None:
    from hallbarhet_cli.criteria.schema import criteria_schema

    with handle_errors(lang.value):
        _write(criteria_schema(lang.value), output)


@app.command(
    "application",
    help=T(
        N_(
            "Print the JSON Schema of application files, for editors; with --criteria it knows "
            "that set's questions, options and limits."
        )
    ),
)
def application(
    criteria: Annotated[
        str | None,
        typer.Option(
            "--criteria",
            "-c",
            help=T(
                N_("The criteria set the applications answer: a bundled id, id@version or a path.")
            ),
        ),
    ] = None,
    output: OutputOption = "-",
    lang: LangOption = DEFAULT_LANG,
) -> None:
    from hallbarhet_cli.criteria.schema import application_schema

    with handle_errors(lang.value):
        _write(application_schema(_resolved(criteria), lang.value), output)


@app.command(
    "follow-up",
    help=T(
        N_(
            "Print the JSON Schema of follow-up reports, for editors; with --criteria it knows "
            "that set's promises."
        )
    ),
)
def follow_up(
    criteria: Annotated[
        str | None,
        typer.Option(
            "--criteria",
            "-c",
            help=T(
                N_("The criteria set the reports follow up: a bundled id, id@version or a path.")
            ),
        ),
    ] = None,
    output: OutputOption = "-",
    lang: LangOption = DEFAULT_LANG,
) -> None:
    from hallbarhet_cli.followup.schema import followup_schema

    with handle_errors(lang.value):
        _write(followup_schema(_resolved(criteria), lang.value), output)


def _resolved(criteria: str | None) -> ResolvedSet | None:
    """The set named with ``--criteria`` (a path there may point anywhere), if any."""
    if criteria is None:
        return None
    from pathlib import Path

    from hallbarhet_cli.criteria.library import CriteriaLibrary, Where

    return CriteriaLibrary().resolve(criteria, Where("--criteria"), Path.cwd(), confine=False)
