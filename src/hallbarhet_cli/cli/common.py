"""What every command shares: options, error handling and exit codes."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Final, cast

import typer

from hallbarhet_cli.errors import ExitCode, HallbarhetError, Message
from hallbarhet_cli.files.printable import printable
from hallbarhet_cli.i18n import N_, default_language, gettext


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


OutputOption = Annotated[
    str,
    typer.Option(
        "--output",
        "-o",
        help=T(N_("Write to this file instead of standard output (- for standard output).")),
    ),
]


ReportTemplatesOption = Annotated[
    Path | None,
    typer.Option(
        "--template-dir",
        help=T(
            N_(
                "Folder of report templates that replace the bundled ones with the same "
                "name (for md, html and pdf)."
            )
        ),
        exists=True,
        file_okay=False,
        dir_okay=True,
    ),
]


def format_choices(name: str, registry: Iterable[str]) -> type[StrEnum]:
    """A command's ``--format`` choices: the names in its registry of renderers, in order.

    The members exist only at run time, so a command module names the choices a plain
    ``StrEnum`` for the type checker and compares them with strings."""
    return cast(type[StrEnum], StrEnum(name, [(n, n) for n in registry]))


class State:
    debug = False


def fail(message: Message, lang: str, code: int = ExitCode.USAGE) -> typer.Exit:
    """Print ``message`` as one line on standard error and return the exit to raise."""
    typer.echo(printable(f"hallbarhet: {message.render(lang)}"), err=True)
    return typer.Exit(code)


@contextmanager
def handle_errors(lang: str) -> Iterator[None]:
    """Turn failures into one line per problem and an exit code; never a traceback
    (unless ``--debug``, which adds it to the one line and keeps exit code 3)."""
    try:
        yield
    except HallbarhetError as err:
        for problem in err.problems:
            # A file name or quoted input may hold escape sequences or bidirectional
            # overrides: shown as symbols, never passed to the terminal.
            typer.echo(printable(problem.render(lang)), err=True)
        raise typer.Exit(err.exit_code) from None
    except (typer.Exit, typer.Abort):
        raise
    except KeyboardInterrupt:
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except BrokenPipeError:
        # The reader went away (`| head`): nothing more to say, and nothing to report.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(ExitCode.OK) from None
    except Exception as err:
        if State.debug:
            traceback.print_exc()
        else:
            typer.echo(printable(traceback.format_exception_only(err)[-1].strip()), err=True)
        raise fail(
            Message(
                N_(
                    "Internal error: this is a bug in hallbarhet. Run again with "
                    "--debug for details and report it."
                )
            ),
            lang,
            ExitCode.INTERNAL,
        ) from None


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def colour_wanted() -> bool:
    """Colour for a report shown in the terminal, unless the user has set ``NO_COLOR``
    (no-color.org: present and not empty)."""
    return stdout_is_terminal() and not os.environ.get("NO_COLOR")


def terminal_width() -> int:
    """The columns to lay a report out in on the user's terminal: its own width (or
    ``COLUMNS``), kept between 60 (narrower breaks the tables' words apart) and 120
    (wider lines are hard to follow)."""
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
