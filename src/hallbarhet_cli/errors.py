"""Problems are values with a location; exceptions are for failures that stop a command.

A :class:`Problem` is one finding in one file (a YAML syntax error, an unknown key, a lint
check). Loading never raises for a bad file: it returns problems, so one bad file never
stops a run over many. :class:`HallbarhetError` and its subclasses are raised only where a
command cannot go on; the command line prints them as one line each and exits non-zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any, Final, Protocol

from hallbarhet_cli.i18n import N_, gettext


class Severity(StrEnum):
    """How serious a problem is. Errors make a file unusable; warnings do not."""

    ERROR = "error"
    WARNING = "warning"


class Renderable(Protocol):
    """A message argument that depends on the language (a list joined with "or", a
    translated label)."""

    def render(self, lang: str) -> str: ...


@dataclass(frozen=True)
class Label:
    """An English label (marked with ``N_``) translated when rendered."""

    text: str

    def render(self, lang: str) -> str:
        return gettext(self.text, lang)


@dataclass(frozen=True)
class OneOf:
    """Values joined as the language joins alternatives: ``'a', 'b' eller 'c'``. Plain
    values are quoted; :class:`Label` values are translated."""

    values: tuple[str | Label, ...]

    def render(self, lang: str) -> str:
        from hallbarhet_cli.fmt import join

        return join(
            [v.render(lang) if isinstance(v, Label) else repr(v) for v in self.values], lang, "or"
        )


@dataclass(frozen=True)
class AllOf:
    """Values listed as the language lists them: ``'a', 'b' och 'c'``, each quoted."""

    values: tuple[str, ...]

    def render(self, lang: str) -> str:
        from hallbarhet_cli.fmt import join

        return join([repr(v) for v in self.values], lang)


@dataclass(frozen=True)
class Message:
    """An English message template with its arguments, translated when rendered."""

    template: str
    args: Mapping[str, Any] = field(default_factory=dict)
    hint: Message | None = None

    def render(self, lang: str) -> str:
        """The message in ``lang``, with a translated hint appended when there is one."""
        args = {
            k: v.render(lang) if isinstance(v, OneOf | AllOf | Label | Message) else _shown(v)
            for k, v in self.args.items()
        }
        text = gettext(self.template, lang).format(**args)
        if self.hint is not None:
            text = f"{text} {self.hint.render(lang)}"
        return text


class _Null:
    """YAML's ``null`` where a message shows a missing value (never Python's ``None``)."""

    def __repr__(self) -> str:
        return "null"

    __str__ = __repr__


_LONGEST: Final = 120


def _shown(value: Any) -> Any:
    """A message argument as users should see it: ``null`` for nothing, long text and
    huge numbers shortened, so one line stays one readable line."""
    if value is None:
        return _Null()
    if isinstance(value, str) and len(value) > _LONGEST:
        return value[: _LONGEST - 1] + "…"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**30:
        # Roughly, without converting thousands of digits to text.
        return f"{'-' if value < 0 else ''}~1e{int(abs(value).bit_length() * 0.30103)}"
    return value


@dataclass(frozen=True)
class Problem:
    """One finding: where it is, which rule found it, and what is wrong."""

    file: str
    line: int | None
    column: int | None
    rule: str
    severity: Severity
    message: Message

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.rule)

    def location(self) -> str:
        """``file:line:col``, or as much of it as is known."""
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"

    def to_json(self, lang: str) -> dict[str, Any]:
        """The problem as every JSON output writes it, the message in ``lang``."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message.render(lang),
        }

    def render(self, lang: str) -> str:
        label = N_("error") if self.severity is Severity.ERROR else N_("warning")
        severity = gettext(label, lang)
        return f"{self.location()}: {severity} [{self.rule}] {self.message.render(lang)}"


def unique(problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` sorted by place, each reported once (the same check can reach the same
    place along several paths, e.g. a base answer checked for every test case)."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for p in sorted(problems, key=Problem.sort_key):
        key = (p.file, p.line, p.column, p.rule, p.message.render("en"))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def has_errors(problems: Iterable[Problem]) -> bool:
    """Whether any of ``problems`` is an error (not only warnings)."""
    return any(p.severity is Severity.ERROR for p in problems)


class ExitCode(IntEnum):
    """What a command's exit status means: the one table every command follows (the README
    prints it too)."""

    OK = 0
    FINDINGS = 1  # validation errors, the --fail-on verdict met, inputs that could not be assessed
    USAGE = 2  # a usage error or an input that cannot be read
    INTERNAL = 3  # a bug in hallbarhet
    INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


class HallbarhetError(Exception):
    """A failure that stops a command. Carries the problems that explain it."""

    exit_code = ExitCode.USAGE

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("; ".join(p.render("en") for p in self.problems))


class InputError(HallbarhetError):
    """An input could not be read, parsed or resolved (exit code 2)."""


class UsageError(HallbarhetError):
    """The command was called in a way that cannot work (exit code 2)."""
