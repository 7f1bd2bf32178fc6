"""The corpus cases: discovery, their expectations, and whether what a command reported
meets them. The format of the expectations is documented in ``README.md`` beside this
module."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from tests.corpus.cli import Outcome, Reported, problems_in

CORPUS: Final = Path(__file__).resolve().parent
KINDS: Final = ("application", "criteria")
COMMANDS: Final = ("assess", "validate")
# The application that ``assess --criteria CASE`` assesses for a criteria case.
BASE_APPLICATION: Final = CORPUS / "criteria" / "support" / "application.yaml"
# What a constructing YAML tag in the corpus would create in the current folder if it ran.
MARKER: Final = "hallbarhet-executed-a-tag"
# One problem per line, and a line a person can read: quoted input must be shortened.
MAX_MESSAGE: Final = 1000

_EXPECT: Final = re.compile(r"^#\s*expect\s+(?P<command>[a-z]+)\s*:\s*(?P<body>.*?)\s*$")
_RULE: Final = re.compile(r"^[a-z0-9-]+(?:\|[a-z0-9-]+)*$")
_JSON_BODY: Final = re.compile(r"^(?P<path>\S+)\s+=\s+(?P<value>.+)$")
_AT: Final = re.compile(r"^(?:\d+:\d+|-|\*)$")
_FILTER: Final = re.compile(r"^(?P<name>\w+)\[\?(?P<key>\w+)=(?P<value>[^\]]+)\]$")


class CorpusFormatError(ValueError):
    """A case file's expectations cannot be read."""


@dataclass(frozen=True)
class Expectation:
    """What one command must do with a case.

    ``at`` is ``"L:C"``, ``"-"`` (the problem has no line, such as a missing file) or
    ``"*"`` (it has a line and column, but where exactly is not meaningful). ``rule`` may
    list alternatives, ``a|b``, where more than one rule id is right. ``in_file``
    names the file the problem is in when it is not the case itself (a criteria set the
    case refers to), as the end of its path, or ``--criteria``.
    """

    command: str
    exit: int
    rule: str | None = None
    at: str | None = None
    message: str | None = None
    in_file: str | None = None

    def __post_init__(self) -> None:
        if self.command not in COMMANDS:
            raise CorpusFormatError(f"unknown command {self.command!r}")
        if (self.rule is None) != (self.at is None):
            raise CorpusFormatError("`rule` and `at` go together")
        if self.rule is not None and not _RULE.match(self.rule):
            raise CorpusFormatError(f"`rule` must be a rule id (or a|b), not {self.rule!r}")
        if self.at is not None and not _AT.match(self.at):
            raise CorpusFormatError(f"`at` must be L:C, - or *, not {self.at!r}")
        if self.rule is None and (self.message or self.in_file):
            raise CorpusFormatError("`message` and `in` need a `rule`")
        if (self.exit == 0) != (self.rule is None):
            raise CorpusFormatError("exit=0 goes with no rule, a non-zero exit with a rule")


@dataclass(frozen=True)
class JsonExpectation:
    """A value that ``assess --format json`` must report at a dotted path."""

    path: str
    value: Any


@dataclass(frozen=True)
class Case:
    """One bad (or deliberately good) input and what each command must do with it."""

    kind: str
    path: Path
    expectations: dict[str, Expectation]
    json: tuple[JsonExpectation, ...] = ()
    in_batch: bool = True
    name: str | None = None

    @property
    def id(self) -> str:
        return f"{self.kind}/{self.name or self.path.name}"

    def assess_args(self, *extra: str) -> tuple[str, ...]:
        """How ``assess`` is run on this case: an application directly, a criteria set
        with ``--criteria`` on the corpus's base application."""
        if self.kind == "application":
            return ("assess", "--lang", "en", str(self.path), *extra)
        return (
            "assess",
            "--lang",
            "en",
            str(BASE_APPLICATION),
            "--criteria",
            str(self.path),
            *extra,
        )


def parse_expectations(path: Path, kind: str) -> Case:
    """The case in ``path`` with the expectations from its leading comment block."""
    expectations: dict[str, Expectation] = {}
    json_expectations: list[JsonExpectation] = []
    text = path.read_bytes().decode("utf-8-sig")
    for row in text.splitlines():
        if not row.startswith("#"):
            break
        match = _EXPECT.match(row)
        if match is None:
            continue
        command, body = match["command"], match["body"]
        if command == "json":
            found = _JSON_BODY.match(body)
            if found is None:
                raise CorpusFormatError(f"{path.name}: `expect json` wants `PATH = JSON`")
            json_expectations.append(JsonExpectation(found["path"], json.loads(found["value"])))
            continue
        if command in expectations:
            raise CorpusFormatError(f"{path.name}: two `expect {command}` lines")
        try:
            expectations[command] = _expectation(command, body)
        except CorpusFormatError as err:
            raise CorpusFormatError(f"{path.name}: {err}") from None
    if "validate" not in expectations:
        raise CorpusFormatError(f"{path.name}: no `# expect validate:` line")
    if json_expectations and expectations.get("assess", Expectation("assess", 1, "x", "-")).exit:
        raise CorpusFormatError(f"{path.name}: `expect json` needs `expect assess: exit=0`")
    return Case(kind, path, expectations, tuple(json_expectations))


def _expectation(command: str, body: str) -> Expectation:
    values: dict[str, str] = {}
    for token in shlex.split(body):
        key, sep, value = token.partition("=")
        if not sep or key not in ("exit", "rule", "at", "message", "in"):
            raise CorpusFormatError(f"cannot read {token!r}")
        values[key] = value
    if "exit" not in values:
        raise CorpusFormatError("`exit` is required")
    return Expectation(
        command,
        int(values["exit"]),
        values.get("rule"),
        values.get("at"),
        values.get("message"),
        values.get("in"),
    )


def discover(kind: str) -> list[Case]:
    """Every case of ``kind``: the YAML files directly in its folder (``support/`` holds
    files that cases refer to)."""
    return [parse_expectations(path, kind) for path in sorted((CORPUS / kind).glob("*.yaml"))]


# --- what was reported ---------------------------------------------------------------


def _file_matches(reported: str, expected: str) -> bool:
    return reported == expected or reported.endswith("/" + expected)


def _at(problem: Reported) -> str:
    return "-" if problem.line is None else f"{problem.line}:{problem.column}"


def unmet(expectation: Expectation, case: Case, reported: Sequence[Reported]) -> str | None:
    """Why ``reported`` does not meet ``expectation``, or ``None`` when it does."""
    listing = "\n".join(
        f"  {p.file}:{_at(p)} {p.severity} [{p.rule}] {p.message[:200]}" for p in reported
    )
    errors = [p for p in reported if p.severity == "error"]
    if expectation.rule is None:
        return f"expected no errors, got:\n{listing}" if errors else None
    wanted_file = expectation.in_file or case.path.name
    rules = expectation.rule.split("|")
    for problem in reported:
        if problem.rule not in rules or not _file_matches(problem.file, wanted_file):
            continue
        if expectation.at == "-" and problem.line is not None:
            continue
        if expectation.at == "*" and problem.line is None:
            continue
        if expectation.at not in ("-", "*") and _at(problem) != expectation.at:
            continue
        if expectation.message and expectation.message not in problem.message:
            continue
        return None
    want = f"[{expectation.rule}] at {wanted_file}:{expectation.at}"
    if expectation.message:
        want += f" with {expectation.message!r}"
    return f"expected {want}; reported:\n{listing or '  (nothing)'}"


def run_faults(outcome: Outcome) -> list[str]:
    """What is wrong with a run whatever the case: a hang, a crash, a traceback or an
    internal error."""
    faults = []
    if outcome.timed_out:
        faults.append("did not finish within the timeout (a hang or a runaway)")
    if outcome.returncode is not None and outcome.returncode < 0:
        faults.append(f"killed by signal {-outcome.returncode}")
    if any("Traceback (most recent call last)" in s for s in (outcome.stdout, outcome.stderr)):
        faults.append("a traceback reached the user")
    if outcome.returncode == 3:
        faults.append("internal error (exit 3)")
    return faults


def message_faults(problems: Iterable[Reported]) -> list[str]:
    """Problems that are not one readable line."""
    faults = []
    for p in problems:
        if "\n" in p.message:
            faults.append(f"a message of more than one line: {p.message[:200]!r}")
        elif len(p.message) > MAX_MESSAGE:
            faults.append(f"a message of {len(p.message)} characters: {p.message[:120]!r}...")
    return faults


def output_faults(outcome: Outcome) -> list[str]:
    """:func:`run_faults`, and standard error lines that are not one short problem each
    (what ``assess`` prints for bad input)."""
    faults = run_faults(outcome)
    for row in outcome.stderr.splitlines():
        if row.strip() and not problems_in(row):
            faults.append(f"a line on standard error that is not a problem: {row[:200]!r}")
    return faults + message_faults(problems_in(outcome.stderr))


def json_problems(payload: dict[str, Any]) -> dict[str, list[Reported]]:
    """The problems per checked file in ``validate --format json`` output."""
    return {
        entry["file"]: [
            Reported(p["file"], p["line"], p["column"], p["severity"], p["rule"], p["message"])
            for p in entry["problems"]
        ]
        for entry in payload["files"]
    }


def lookup(data: Any, path: str) -> Any:
    """The value at a dotted ``path``; ``name[?key=value]`` picks the list item whose
    ``key`` is ``value``. Raises ``KeyError`` when there is none."""
    for part in path.split("."):
        found = _FILTER.match(part)
        if found:
            items = data[found["name"]]
            matches = [i for i in items if str(i.get(found["key"])) == found["value"]]
            if not matches:
                raise KeyError(part)
            data = matches[0]
        elif isinstance(data, list):
            data = data[int(part)]
        else:
            data = data[part]
    return data


def counts_by_class(cases: Iterable[Case]) -> dict[str, int]:
    """How many cases each class has (the file name up to its first dash)."""
    classes: dict[str, int] = {}
    for case in cases:
        name = case.path.stem.split("-", 1)[0]
        classes[name] = classes.get(name, 0) + 1
    return classes
