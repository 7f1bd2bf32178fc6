"""``hallbarhet criteria list|show``: the criteria sets that can be used."""

from __future__ import annotations

from typing import Annotated

import typer

from hallbarhet_cli.cli.common import DEFAULT_LANG, LangOption, T, handle_errors
from hallbarhet_cli.i18n import N_

app = typer.Typer(no_args_is_help=True)


@app.command(
    "list",
    help=T(N_("List the criteria sets: those on HALLBARHET_CRITERIA_PATH, then the bundled ones.")),
)
def list_sets(lang: LangOption = DEFAULT_LANG) -> None:
    from hallbarhet_cli.reporters.criteria_text import render_list
    from hallbarhet_cli.resolve import CriteriaLibrary

    with handle_errors(lang.value):
        library = CriteriaLibrary()
        typer.echo(render_list(library, lang.value), nl=False)


@app.command("show", help=T(N_("Show a criteria set's questions, criteria and gates.")))
def show(
    ref: Annotated[
        str, typer.Argument(help=T(N_("A bundled id, id@version or a path.")), show_default=False)
    ],
    lang: LangOption = DEFAULT_LANG,
) -> None:
    from pathlib import Path

    from hallbarhet_cli.reporters.criteria_text import render_set
    from hallbarhet_cli.resolve import CriteriaLibrary, Where

    with handle_errors(lang.value):
        library = CriteriaLibrary()
        resolved = library.resolve(ref, Where("criteria show"), Path.cwd(), confine=False)
        typer.echo(render_set(resolved, lang.value), nl=False)
