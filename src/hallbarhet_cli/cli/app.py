"""The ``hallbarhet`` command and its global options.

Each subcommand lives in a module of its own, imported only when the command is built.
``run`` builds the one command the arguments name (``hallbarhet assess ...`` neither
imports nor converts the parameters of the other commands); help, completion and anything
it cannot tell build them all, in the same order, so they list what they always did.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Annotated, Final

import typer
import typer.main

from hallbarhet_cli import __version__
from hallbarhet_cli.cli.common import State, T
from hallbarhet_cli.cli.parser_words import install, name_metavars
from hallbarhet_cli.i18n import N_, default_language

HELP: Final = N_(
    "Sustainability-proofing of applications for regional development funding: "
    "assess applications against criteria sets, validate criteria and "
    "applications."
)

# Command name: (module in hallbarhet_cli.cli, its function or Typer app, help), in the
# order help lists them. A Typer app (a group of commands) is named by ``app``; a group
# without a help here keeps its own.
COMMANDS: Final[dict[str, tuple[str, str, str | None]]] = {
    "assess": ("assess", "assess", N_("Assess one application against its criteria set.")),
    "batch": (
        "batch",
        "batch",
        N_(
            "Score a whole funding round: files, folders, JSON Lines and CSV or XLSX "
            "exports, ranked, with a portfolio summary and an HTML overview."
        ),
    ),
    "robustness": (
        "robustness",
        "robustness",
        N_(
            "How sure the ranking and the funding line of a scored round are when the "
            "weights are uncertain: rank acceptability, probability of passing and of "
            "being funded (SMAA)."
        ),
    ),
    "validate": (
        "validate",
        "validate",
        N_("Validate criteria sets and applications (files or folders)."),
    ),
    "criteria": ("criteria", "app", N_("List and show the bundled and local criteria sets.")),
    "indicators": ("indicators", "app", None),
    "schema": ("schema", "app", N_("Print JSON Schemas for editors.")),
    "test": ("test", "test", N_("Run criteria test cases and report rule coverage.")),
    "new": (
        "new",
        "new",
        N_(
            "Write an application template for a criteria set, or fill in an application "
            "by answering its questions in the terminal."
        ),
    ),
    "followup": (
        "followup",
        "followup",
        N_(
            "Follow up a progress or final report: promised against delivered, requests "
            "for completion and the ex-post verdict."
        ),
    ),
    "portfolio": (
        "portfolio",
        "portfolio",
        N_(
            "The region's follow-up over rounds and years: the share sustainability-proofed "
            "by count, requested and granted SEK, and promised against delivered."
        ),
    ),
}

# Global options that take no value and may come before the command's name.
GLOBAL_FLAGS: Final = frozenset({"--debug"})

# Commands that read a few documents and end: they leave almost nothing for the cyclic
# garbage collector (a few hundred objects a run, measured), so they run without it.
# A round (batch, portfolio, criteria diff --round) keeps it.
BRIEF: Final = frozenset({"assess", "new", "test", "validate"})
COMPLETION_VARIABLE: Final = "_HALLBARHET_COMPLETE"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hallbarhet {__version__}")
        raise typer.Exit()


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


def build(names: Iterable[str] = COMMANDS) -> typer.Typer:
    """The ``hallbarhet`` app with the commands ``names`` (all of them unless told)."""
    built = typer.Typer(
        name="hallbarhet",
        help=T(HELP),
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    built.callback()(main)
    for name in names:
        module_name, attribute, help_text = COMMANDS[name]
        target = getattr(importlib.import_module(f"hallbarhet_cli.cli.{module_name}"), attribute)
        if isinstance(target, typer.Typer):
            if help_text is None:
                built.add_typer(target, name=name)
            else:
                built.add_typer(target, name=name, help=T(help_text))
        else:
            built.command(name, help=T(help_text or ""))(target)
    return built


def named_command(args: Sequence[str]) -> str | None:
    """The command ``args`` run, when that is all that needs building: not for help, the
    version, completion or a name that is no command (whose error lists them all)."""
    if COMPLETION_VARIABLE in os.environ:
        return None
    for arg in args:
        if arg in GLOBAL_FLAGS:
            continue
        return arg if arg in COMMANDS else None
    return None


def brief(args: Sequence[str]) -> bool:
    """Whether ``args`` run one of the :data:`BRIEF` commands."""
    return named_command(args) in BRIEF


def __getattr__(name: str) -> typer.Typer:
    # ``app``: every command, for what lists or documents them all.
    if name == "app":
        return build()
    raise AttributeError(name)


def run() -> None:
    install()
    only = named_command(sys.argv[1:])
    command = typer.main.get_command(build(COMMANDS if only is None else [only]))
    name_metavars(command, default_language())
    command()
