"""Shared helpers for the unit tests: criteria sets written to a temporary folder, findings
reduced to ``(rule, line, column)`` and a message check that works whether or not the Swedish
catalogue has a translation yet."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from textwrap import dedent

import pytest

from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.criteria.lint import lint
from hallbarhet_cli.criteria.resolved import ResolvedSet, SourcedSet
from hallbarhet_cli.errors import Message, Problem
from hallbarhet_cli.files.yamlload import Document, parse_text
from hallbarhet_cli.i18n import gettext

FIXTURES = Path(__file__).parent.parent / "fixtures"

Finding = tuple[str, int | None, int | None]
Located = Callable[[Iterable[Problem]], list[Finding]]
MessageCheck = Callable[[Problem, str], None]
Parse = Callable[[str], Document]


def finding(problem: Problem) -> Finding:
    """What the tests compare: the rule and where it was found."""
    return (problem.rule, problem.line, problem.column)


def findings(problems: Iterable[Problem]) -> list[Finding]:
    """The findings of ``problems``, sorted by position then rule, as yamllint's tests do."""
    return sorted((finding(p) for p in problems), key=lambda f: (f[1] or 0, f[2] or 0, f[0]))


def parse(text: str, file: str = "t.yaml") -> Document:
    """Parse an inline, indented YAML document."""
    return parse_text(dedent(text), file)


def _translated(message: Message) -> bool:
    if gettext(message.template, "sv") != message.template:
        return True
    return message.hint is not None and _translated(message.hint)


def check_message(problem: Problem, fragment: str) -> None:
    """``fragment`` is in the English message, and the Swedish rendering differs from the
    English one wherever the catalogue already has a Swedish translation."""
    english = problem.message.render("en")
    assert fragment in english, english
    swedish = problem.message.render("sv")  # renders, whatever the catalogue holds
    if _translated(problem.message):
        assert swedish != english


class SetFolder:
    """Criteria-set files in a temporary folder, with a library that searches it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.library = CriteriaLibrary(folders=[folder])

    def write(self, text: str, name: str = "set.yaml") -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
        return path

    def load(self, name: str = "set.yaml") -> SourcedSet:
        return self.library.load((self.folder / name).resolve())

    def resolve(self, name: str = "set.yaml") -> ResolvedSet:
        return self.library.resolve_path(self.folder / name)

    def lint(self, text: str, name: str = "set.yaml") -> list[Problem]:
        """Write ``text`` as ``name`` and lint it against the set it resolves to."""
        self.write(text, name)
        return lint(self.load(name), self.resolve(name))


@pytest.fixture
def sets(tmp_path: Path) -> SetFolder:
    return SetFolder(tmp_path)


@pytest.fixture
def mini_set(sets: SetFolder) -> ResolvedSet:
    """The small valid criteria set of ``tests/fixtures``."""
    sets.write((FIXTURES / "mini-set.yaml").read_text(encoding="utf-8"), "mini-set.yaml")
    return sets.resolve("mini-set.yaml")


@pytest.fixture
def located() -> Located:
    """``located(problems)``: the sorted ``(rule, line, column)`` of each problem."""
    return findings


@pytest.fixture
def message_check() -> MessageCheck:
    """``message_check(problem, fragment)``: see :func:`check_message`."""
    return check_message


@pytest.fixture
def yaml_doc() -> Parse:
    """``yaml_doc(text)``: parse an inline, indented YAML document as ``t.yaml``."""
    return parse
