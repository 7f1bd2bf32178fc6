"""The option parser's own words in the session's language.

Typer's parser (a copy of Click inside Typer) writes its usage line, its error messages and
its help sections in English, and names option values by Python types (``<list[str]>``,
``<float range>``). This module puts those words into the catalogue's language before a
command runs: the help sections through Typer's gettext hook, the usage prefix and errors
by wrapping the two methods that print them, and the metavars by naming each value for
what it is (a file, a folder, a number of kronor). Messages the table below does not know
keep their English words inside a translated frame.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import IO, Any, Final

import typer
import typer.core
from typer import _click

from hallbarhet_cli.i18n import N_, default_language, gettext

USAGE: Final = N_("Usage: ")
ERROR: Final = N_("Error: {message}")
TRY: Final = N_("Try '{command} {option}' for help.")

# Typer's own help words, passed through its gettext hook (typer.core._).
HELP_WORDS: Final = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("required"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)

# Typer's words that mean something else in the rest of the catalogue.
PARSER_WORDS: Final = {"Options": N_("Command options")}

# Parser messages (English pattern, message in the catalogue), tried in order; each
# group is put into the message by number.
MESSAGES: Final = (
    (r"Missing argument '(.+)'\.", N_("The argument {0} is missing.")),
    (r"Missing option '(.+)'\.", N_("The option {0} is missing.")),
    (r"No such option: (\S+)", N_("There is no option {0}.")),
    (r"No such command '(.+)'\.", N_("There is no command {0}.")),
    (r"Got unexpected extra argument\(s\) \((.*)\)", N_("Unexpected extra argument: {0}.")),
    (r"Option '(.+)' requires an argument\.", N_("The option {0} needs a value.")),
    (r"Invalid value for (.+?)(?: \(env var: '[^']+'\))?: (.*)", N_("Invalid value for {0}: {1}")),
)
# Reasons inside "Invalid value for ...", most from the value checks.
REASONS: Final = (
    (r"(?:Value error, )?'(.*)' is not one of (.*)\.", N_("{0!r} is not one of {1}.")),
    (r"Input should be greater than or equal to (\S+)", N_("the value must be at least {0}.")),
    (r"Input should be less than or equal to (\S+)", N_("the value must be at most {0}.")),
    (r"Input should be a valid number.*", N_("the value must be a number.")),
    (r"Input should be a valid integer.*", N_("the value must be a whole number.")),
)

HELP_HELP: Final = N_("Show this message and exit.")
# Metavars the commands name themselves, translated where they are given.
NAMED: Final = frozenset(
    {N_("CRITERION"), N_("OLD"), N_("NEW"), N_("INPUT"), N_("PATH"), N_("N"), N_("FILE")}
)
OPTIONS_METAVAR: Final = N_("[OPTIONS]")
COMMAND_METAVAR: Final = N_("COMMAND [ARGS]...")

# Metavars by parameter name, then by the kind of value.
METAVARS: Final = {
    "criteria": N_("SET"),
    "output": N_("FILE"),
    "template_dir": N_("FOLDER"),
    "map": N_("MAPPING"),
    "mapping": N_("MAPPING"),
    "budget": N_("KRONOR"),
    "jobs": N_("N"),
    "min_coverage": N_("N"),
    "application": N_("APPLICATION"),
    "inputs": N_("INPUT"),
    "paths": N_("PATH"),
    "ref": N_("SET"),
    "explain": N_("CRITERION"),
    "draws": N_("N"),
    "seed": N_("N"),
    "report": N_("REPORT"),
    "resume": N_("DRAFT"),
    "results": N_("FOLDER"),
    "set_ref": N_("SET"),
    "periods": N_("PERIODS"),
    "area": N_("AREA"),
    "start": N_("PERIOD"),
    "from_": N_("PERIOD"),
}


def install() -> None:
    """Put the parser's words into the default language (``HALLBARHET_LANG``, else
    Swedish), before any command is parsed."""
    lang = default_language()
    if lang == "en":
        return

    def _(message: str) -> str:
        return gettext(message, lang)

    def help_word(message: str) -> str:
        return _(PARSER_WORDS.get(message, message))

    typer.core._ = help_word  # type: ignore[attr-defined]
    formatter = _click.formatting.HelpFormatter
    original_usage = formatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original_usage(self, prog, args, _(USAGE) if prefix is None else prefix)

    formatter.write_usage = write_usage  # type: ignore[method-assign]
    _click.exceptions.ClickException.show = _show_error(lang)  # type: ignore[method-assign, assignment]
    _click.exceptions.UsageError.show = _show_error(lang)  # type: ignore[method-assign, assignment]


def translate(message: str, lang: str) -> str:
    """A parser message in ``lang``, or as it is when the table does not know it."""
    for pattern, template in MESSAGES:
        match = re.fullmatch(pattern, message, re.DOTALL)
        if match:
            parts = [translate_reason(g, lang) if g else "" for g in match.groups()]
            return gettext(template, lang).format(*parts)
    return message


def translate_reason(text: str, lang: str) -> str:
    for pattern, template in REASONS:
        match = re.fullmatch(pattern, text, re.DOTALL)
        if match:
            return gettext(template, lang).format(*match.groups())
    return text


def _translate_help_option(command: Any, lang: str) -> None:
    """The ``--help`` option's own help text, which the parser makes when asked."""
    original = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = original(ctx)
        if option is not None:
            option.help = gettext(HELP_HELP, lang)
        return option

    command.get_help_option = get_help_option


def _no_type(ctx: Any = None) -> None:
    return None


def _show_error(lang: str) -> Callable[[Any, IO[Any] | None], None]:
    def show(self: Any, file: IO[Any] | None = None) -> None:
        stream = file if file is not None else _click._compat.get_text_stderr()
        ctx = getattr(self, "ctx", None)
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                hint = gettext(TRY, lang).format(
                    command=ctx.command_path, option=ctx.help_option_names[0]
                )
                hint += "\n"
            _click.utils.echo(f"{ctx.get_usage()}\n{hint}", file=stream, color=ctx.color)
        message = translate(self.format_message(), lang)
        _click.utils.echo(gettext(ERROR, lang).format(message=message), file=stream)

    return show


def name_metavars(command: Any, lang: str) -> None:
    """Give every option and argument of ``command`` (and its subcommands) a metavar that
    names what to write, in ``lang``, instead of a Python type."""
    for param in getattr(command, "params", []):
        label = METAVARS.get(param.name or "")
        choices = getattr(param.type_descriptor, "choices", None)
        if param.metavar is not None:
            if param.metavar not in NAMED:
                continue
            param.metavar = gettext(param.metavar, lang)
        elif label is not None:
            param.metavar = gettext(label, lang)
        elif choices and param.type_descriptor.is_list:
            # repeatable choices: the choices, not a Python list type
            param.metavar = "<" + "|".join(str(getattr(c, "value", c)) for c in choices) + ">"
        else:
            continue
        if param.param_type_name == "argument":
            # the usage line and the list name an argument once, without a type
            param.display_type_rich = _no_type
    _translate_help_option(command, lang)
    if getattr(command, "options_metavar", None) == "[OPTIONS]":
        command.options_metavar = gettext(OPTIONS_METAVAR, lang)
    if getattr(command, "subcommand_metavar", None) == "COMMAND [ARGS]...":
        command.subcommand_metavar = gettext(COMMAND_METAVAR, lang)
    for sub in getattr(command, "commands", {}).values():
        name_metavars(sub, lang)
