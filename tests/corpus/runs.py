"""One run of the whole corpus through the installed command, shared by the session.

Every case with an ``assess`` expectation gets its own ``assess`` run (exit codes are
checked one by one); every case that is a regular file is checked by one ``validate``
run over all of them, which is itself a check: one bad file must never stop a run over
many. When that run does not end normally, it is split in halves until each file that
stops it runs alone, so each case is still judged on its own.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hallbarhet_cli.checks.checking import UNREADABLE
from tests.corpus.cases import (
    Case,
    json_problems,
    lookup,
    message_faults,
    output_faults,
    run_faults,
    unmet,
)
from tests.corpus.cli import Job, Outcome, Reported, problems_in, run_all

VALIDATE = ("validate", "--lang", "en", "--format", "json")


@dataclass
class Validated:
    """How one file fared in a ``validate`` run: its problems, or ``None`` when the run
    that covered it ended abnormally (the outcome says how)."""

    outcome: Outcome
    problems: list[Reported] | None


@dataclass
class CorpusRun:
    """The outcomes of every corpus case."""

    cwd: Path
    cases: dict[str, Case]
    assess: dict[str, Outcome] = field(default_factory=dict)
    json: dict[str, Outcome] = field(default_factory=dict)
    first_validate: Outcome | None = None
    validated: dict[str, Validated] = field(default_factory=dict)


def _parsed(outcome: Outcome) -> dict[str, list[Reported]] | None:
    if outcome.returncode not in (0, 1, 2):
        return None
    try:
        return json_problems(json.loads(outcome.stdout))
    except (ValueError, KeyError, TypeError):
        return None


def validate_in_halves(paths: Sequence[Path], cwd: Path) -> tuple[Outcome, dict[str, Validated]]:
    """``validate`` all ``paths`` in one run; the first outcome and each file's result."""
    first = run_all({0: Job((*VALIDATE, *map(str, paths)), cwd)})[0]
    results: dict[str, Validated] = {}
    pending: list[tuple[Sequence[Path], Outcome]] = [(paths, first)]
    while pending:
        again: dict[int, Job] = {}
        halves: list[Sequence[Path]] = []
        for group, outcome in pending:
            parsed = _parsed(outcome)
            if parsed is not None:
                for path in group:
                    results[str(path)] = Validated(outcome, parsed.get(str(path), []))
            elif len(group) == 1:
                results[str(group[0])] = Validated(outcome, None)
            else:
                middle = len(group) // 2
                for half in (group[:middle], group[middle:]):
                    again[len(halves)] = Job((*VALIDATE, *map(str, half)), cwd)
                    halves.append(half)
        outcomes = run_all(again)
        pending = [(halves[i], outcomes[i]) for i in range(len(halves))]
    return first, results


def run_corpus(cases: Sequence[Case], cwd: Path) -> CorpusRun:
    """Run every case: ``assess`` one by one (in parallel), ``validate`` all at once."""
    corpus = CorpusRun(cwd, {case.id: case for case in cases})
    jobs: dict[tuple[str, str], Job] = {}
    for case in cases:
        if case.json:  # its assess expectation is checked on the JSON run
            jobs["json", case.id] = Job(case.assess_args("--format", "json"), cwd)
        elif "assess" in case.expectations:
            jobs["assess", case.id] = Job(case.assess_args(), cwd)
        if "validate" in case.expectations and not case.in_batch:
            jobs["validate", case.id] = Job((*VALIDATE, str(case.path)), cwd)
    outcomes = run_all(jobs)
    for (command, case_id), outcome in outcomes.items():
        if command == "assess":
            corpus.assess[case_id] = outcome
        elif command == "json":
            corpus.json[case_id] = corpus.assess[case_id] = outcome
        else:
            parsed = _parsed(outcome)
            path = str(corpus.cases[case_id].path)
            corpus.validated[path] = Validated(
                outcome, None if parsed is None else parsed.get(path, [])
            )
    batch = [case.path for case in cases if case.in_batch and "validate" in case.expectations]
    corpus.first_validate, results = validate_in_halves(batch, cwd)
    corpus.validated.update(results)
    return corpus


# --- checks ----------------------------------------------------------------------------


def check_assess(corpus: CorpusRun, case: Case) -> None:
    """``assess`` did what the case expects: exit code, problem, and no fault."""
    expectation = case.expectations["assess"]
    outcome = corpus.assess[case.id]
    failures = output_faults(outcome)
    if outcome.returncode != expectation.exit:
        failures.append(f"exit code {outcome.returncode}, expected {expectation.exit}")
    reason = unmet(expectation, case, problems_in(outcome.stderr))
    if reason:
        failures.append(reason)
    assert not failures, "\n".join(failures) + "\n\n" + outcome.describe()


def validate_exit(problems: Sequence[Reported]) -> int:
    """The exit code ``validate`` gives for these problems of one file."""
    errors = [p for p in problems if p.severity == "error"]
    if any(p.rule in UNREADABLE for p in errors):
        return 2
    return 1 if errors else 0


def check_validate(corpus: CorpusRun, case: Case) -> None:
    """``validate`` reported what the case expects for its file, and the exit code its
    problems make (2 when it cannot be read at all, 1 with another error, else 0)."""
    expectation = case.expectations["validate"]
    result = corpus.validated[str(case.path)]
    failures = run_faults(result.outcome)
    if result.problems is None:
        failures.append("the validate run over this file did not end normally")
    else:
        made = validate_exit(result.problems)
        if made != expectation.exit:
            failures.append(f"the file's problems make exit {made}, not {expectation.exit}")
        failures += message_faults(result.problems)
        reason = unmet(expectation, case, result.problems)
        if reason:
            failures.append(reason)
    if failures and (result.problems is None or run_faults(result.outcome)):
        failures.append(result.outcome.describe())
    assert not failures, "\n".join(failures)


def check_json(corpus: CorpusRun, case: Case) -> None:
    """``assess --format json`` reports each value the case names, exactly."""
    outcome = corpus.json[case.id]
    assert outcome.returncode == 0 and not output_faults(outcome), outcome.describe()
    report: Any = json.loads(outcome.stdout)
    for expected in case.json:
        assert lookup(report, expected.path) == expected.value, expected.path
