"""The ``hallbarhet`` command and its global options."""

from __future__ import annotations

from typing import Annotated

import typer
import typer.main

from hallbarhet_cli import __version__
from hallbarhet_cli.cli import assess, batch, criteria, new, robustness, schema, test, validate
from hallbarhet_cli.cli import followup as followup_cli
from hallbarhet_cli.cli import indicators as indicators_cli
from hallbarhet_cli.cli import portfolio as portfolio_cli
from hallbarhet_cli.cli.common import State, T
from hallbarhet_cli.cli.parser_words import install, name_metavars
from hallbarhet_cli.i18n import N_, default_language

app = typer.Typer(
    name="hallbarhet",
    help=T(
        N_(
            "Sustainability-proofing of applications for regional development funding: "
            "assess applications against criteria sets, validate criteria and "
            "applications."
        )
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hallbarhet {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=T(N_("Show the version and exit."))
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", envvar="HALLBARHET_DEBUG", help=T(N_("Show a traceback on internal errors."))
        ),
    ] = False,
) -> None:
    State.debug = debug


app.command("assess", help=T(N_("Assess one application against its criteria set.")))(assess.assess)
app.command(
    "batch",
    help=T(
        N_(
            "Score a whole funding round: files, folders, JSON Lines and CSV or XLSX "
            "exports, ranked, with a portfolio summary and an HTML overview."
        )
    ),
)(batch.batch)
app.command(
    "robustness",
    help=T(
        N_(
            "How sure the ranking and the funding line of a scored round are when the "
            "weights are uncertain: rank acceptability, probability of passing and of "
            "being funded (SMAA)."
        )
    ),
)(robustness.robustness)
app.command("validate", help=T(N_("Validate criteria sets and applications (files or folders).")))(
    validate.validate
)
app.add_typer(
    criteria.app, name="criteria", help=T(N_("List and show the bundled and local criteria sets."))
)
app.add_typer(indicators_cli.app, name="indicators")
app.add_typer(schema.app, name="schema", help=T(N_("Print JSON Schemas for editors.")))
app.command("test", help=T(N_("Run criteria test cases and report rule coverage.")))(test.test)
app.command(
    "new",
    help=T(
        N_(
            "Write an application template for a criteria set, or fill in an application "
            "by answering its questions in the terminal."
        )
    ),
)(new.new)

app.command(
    "followup",
    help=T(
        N_(
            "Follow up a progress or final report: promised against delivered, requests "
            "for completion and the ex-post verdict."
        )
    ),
)(followup_cli.followup)

app.command(
    "portfolio",
    help=T(
        N_(
            "The region's follow-up over rounds and years: the share sustainability-proofed "
            "by count, requested and granted SEK, and promised against delivered."
        )
    ),
)(portfolio_cli.portfolio)


def run() -> None:
    install()
    command = typer.main.get_command(app)
    name_metavars(command, default_language())
    command()
