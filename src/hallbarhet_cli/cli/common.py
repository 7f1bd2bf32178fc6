"""What every command shares: options, error handling and exit codes."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Final

import typer

from hallbarhet_cli.errors import HallbarhetError, Message
from hallbarhet_cli.i18n import N_, default_language, gettext

EXIT_OK: Final = 0
EXIT_FINDINGS: Final = 1
EXIT_USAGE: Final = 2
EXIT_INTERNAL: Final = 3


def T(message: str) -> str:
    """Help text in the default language (``HALLBARHET_LANG``, else Swedish)."""
    return gettext(message, default_language())


class Lang(StrEnum):
    sv = "sv"
    en = "en"


LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        "-l",
        envvar="HALLBARHET_LANG",
        help=T(N_("Language of messages and reports: sv (Swedish) or en (English).")),
    ),
]


DEFAULT_LANG: Final = Lang(default_language())


class State:
    debug = False


def fail(message: Message, lang: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print ``message`` as one line on standard error and return the exit to raise."""
    typer.echo(f"hallbarhet: {message.render(lang)}", err=True)
    return typer.Exit(code)


@contextmanager
def handle_errors(lang: str) -> Iterator[None]:
    """Turn failures into one line per problem and an exit code; never a traceback
    (unless ``--debug``)."""
    try:
        yield
    except HallbarhetError as err:
        for problem in err.problems:
            typer.echo(problem.render(lang), err=True)
        raise typer.Exit(err.exit_code) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as err:
        if State.debug:
            raise
        typer.echo(traceback.format_exception_only(err)[-1].strip(), err=True)
        raise fail(
            Message(
                N_(
                    "Internal error: this is a bug in hallbarhet. Run again with "
                    "--debug for details and report it."
                )
            ),
            lang,
            EXIT_INTERNAL,
        ) from None


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
