"""Run criteria tests through the real engine and measure the rule coverage they reach.

:func:`run_paths` finds criteria test files (see :mod:`hallbarhet_cli.criteriatests.cases`),
assesses every case with :func:`hallbarhet_cli.scoring.engine.assess` and compares the result with
what the case expects. :func:`coverage` then says, per criteria set, which rules no case
exercised: a level of a criterion that no case reached, a manual criterion that no case
scored, a gate that no case fired. Everything here returns plain values; the reporters in
:mod:`hallbarhet_cli.reporters.testrun` lay them out.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.criteriatests.cases import Expect, LoadedTest, PercentRange, load_test
from hallbarhet_cli.errors import InputError, Problem, has_errors
from hallbarhet_cli.files.yamlload import iter_yaml_files
from hallbarhet_cli.scoring.assessment import Assessment, Status
from hallbarhet_cli.scoring.engine import assess

# Percents are floats; an expected bound absorbs rounding noise such as 69.99999999999999.
TOLERANCE: Final = 1e-9


# -- running ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Failure:
    """One expectation that did not hold: what was expected and what came out.

    ``subject`` is the criterion or dimension for per-item expectations."""

    expectation: str
    subject: str | None
    expected: Any
    actual: Any


@dataclass(frozen=True)
class CaseResult:
    name: str
    line: int | None
    assessment: Assessment
    failures: tuple[Failure, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass(frozen=True)
class CriteriaTestResult:
    """A test file's outcome: its cases when it could run, else the problems that
    stopped it. ``problems`` holds warnings too."""

    file: str
    criteria: ResolvedSet | None
    cases: tuple[CaseResult, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def broken(self) -> bool:
        return has_errors(self.problems)


def run_test(loaded: LoadedTest) -> CriteriaTestResult:
    """Assess every case with the engine and compare with what it expects."""
    results = []
    for case in loaded.cases:
        assessment = assess(loaded.criteria, case.application, case.answers)
        failures = tuple(compare(case.expect, assessment))
        results.append(CaseResult(case.name, case.line, assessment, failures))
    return CriteriaTestResult(loaded.file, loaded.criteria, tuple(results), loaded.warnings)


def compare(expect: Expect, result: Assessment) -> Iterator[Failure]:
    """The expectations that ``result`` does not meet, in the order of :class:`Expect`."""
    if expect.verdict is not None and result.verdict.value != expect.verdict:
        yield Failure("verdict", None, expect.verdict, result.verdict.value)
    points = {r.id: r.points for r in result.criteria}
    for criterion_id, wanted in (expect.criteria or {}).items():
        if points.get(criterion_id) != wanted:
            yield Failure("criteria", criterion_id, wanted, points.get(criterion_id))
    fired = [g.id for g in result.gates]
    if expect.gates_fired is not None and set(expect.gates_fired) != set(fired):
        yield Failure("gates_fired", None, list(expect.gates_fired), fired)
    if expect.gates_include is not None and not set(expect.gates_include) <= set(fired):
        yield Failure("gates_include", None, list(expect.gates_include), fired)
    missing = [m.question for m in result.missing]
    if expect.missing is not None and set(expect.missing) != set(missing):
        yield Failure("missing", None, list(expect.missing), missing)
    if expect.overall_percent is not None and not within(
        result.overall_percent, expect.overall_percent
    ):
        yield Failure(
            "overall_percent", None, _plain_range(expect.overall_percent), result.overall_percent
        )
    percents = {d.id: d.percent for d in result.dimensions}
    for dim_id, dim_range in (expect.dimensions or {}).items():
        if not within(percents.get(dim_id), dim_range):
            yield Failure("dimensions", dim_id, _plain_range(dim_range), percents.get(dim_id))


def within(value: float | None, expected: PercentRange) -> bool:
    """Whether ``value`` lies in the range, bounds included (``None`` never does)."""
    if value is None or math.isnan(value):
        return False
    if expected.min is not None and value < expected.min - TOLERANCE:
        return False
    return not (expected.max is not None and value > expected.max + TOLERANCE)


def _plain_range(expected: PercentRange) -> dict[str, float | None]:
    return {"min": expected.min, "max": expected.max}


# -- coverage ---------------------------------------------------------------------------
RuleKind = Literal["level", "manual", "gate"]


@dataclass(frozen=True)
class Rule:
    """Something a case can exercise: a level of a criterion (reached), a manual
    criterion (scored) or a gate (fired), with where the set defines it."""

    kind: RuleKind
    id: str
    level: int | None
    points: int | None
    file: str
    line: int | None
    column: int | None

    @property
    def key(self) -> tuple[str, str, int | None]:
        return (self.kind, self.id, self.level)


@dataclass
class SetCoverage:
    """Which of a set's rules the cases that ran against it exercised."""

    criteria: ResolvedSet
    rules: tuple[Rule, ...]
    covered: set[tuple[str, str, int | None]] = field(default_factory=set)

    @property
    def uncovered(self) -> list[Rule]:
        return [r for r in self.rules if r.key not in self.covered]

    @property
    def covered_count(self) -> int:
        return len(self.rules) - len(self.uncovered)

    @property
    def percent(self) -> float:
        return 100.0 * self.covered_count / len(self.rules) if self.rules else 100.0


def rules_of(criteria: ResolvedSet) -> tuple[Rule, ...]:
    """Every rule of the resolved set, in the set's order (extended sets first)."""
    rules = []
    for criterion in criteria.criteria:
        sourced, path = criteria.origin[("criterion", criterion.id)]
        doc = sourced.document
        if criterion.manual is not None:
            line, column = doc.position(path) or (None, None)
            rules.append(Rule("manual", criterion.id, None, None, doc.file, line, column))
            continue
        for i, level in enumerate(criterion.levels or []):
            line, column = doc.position((*path, "levels", i)) or (None, None)
            rules.append(Rule("level", criterion.id, i, level.points, doc.file, line, column))
    for gate in criteria.gates:
        sourced, path = criteria.origin[("gate", gate.id)]
        line, column = sourced.document.position(path) or (None, None)
        rules.append(Rule("gate", gate.id, None, None, sourced.document.file, line, column))
    return tuple(rules)


def exercised(assessment: Assessment) -> set[tuple[str, str, int | None]]:
    """The rules one assessment exercised."""
    keys: set[tuple[str, str, int | None]] = set()
    for result in assessment.criteria:
        if result.manual:
            if result.status is not Status.UNSCORED:
                keys.add(("manual", result.id, None))
        elif result.level is not None:
            keys.add(("level", result.id, result.level))
    keys.update(("gate", g.id, None) for g in assessment.gates)
    return keys


def coverage(results: Iterable[CriteriaTestResult]) -> list[SetCoverage]:
    """Rule coverage per criteria set, over every case of every file that ran against it."""
    by_set: dict[Path, SetCoverage] = {}
    for result in results:
        if result.criteria is None or result.broken:
            continue
        key = result.criteria.root.path
        if key not in by_set:
            by_set[key] = SetCoverage(result.criteria, rules_of(result.criteria))
        for case in result.cases:
            by_set[key].covered |= exercised(case.assessment)
    return sorted(by_set.values(), key=lambda c: (c.criteria.id, str(c.criteria.root.path)))


# -- finding test files -----------------------------------------------------------------
_TEST_SUFFIXES: Final = (".test.yaml", ".test.yml")
_LOOKED_AT: Final = 1 << 20  # the first megabyte of a file is searched for its kind
_KIND_LINE: Final = re.compile(rb"^kind:[ \t]*['\"]?criteria-test['\"]?[ \t]*(?:#.*)?$", re.M)


def looks_like_test(path: Path) -> bool:
    """A file found in a folder is taken for a criteria test when it is named
    ``*.test.yaml`` or has a top-level ``kind: criteria-test`` line (checked without
    parsing, so a folder of thousands of applications stays cheap to search)."""
    if path.name.endswith(_TEST_SUFFIXES):
        return True
    try:
        with path.open("rb") as handle:
            # The file's own size, not the whole megabyte looked at: Python sets aside what
            # it is asked for, which took longer than reading a file of a few KB.
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(min(size + 1, _LOOKED_AT) if size else _LOOKED_AT)
            return _KIND_LINE.search(head) is not None
    except OSError:
        return False


def find_tests(paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """Criteria test files named, and those found in folders named (recursively); the
    flag says "named directly"."""
    for path in paths:
        if path.is_dir():
            for found in iter_yaml_files(path):
                if looks_like_test(found):
                    yield found, False
        else:
            yield path, True


def run_paths(
    paths: Iterable[Path], library: CriteriaLibrary | None = None
) -> list[CriteriaTestResult]:
    """Load and run every criteria test file named or found, in a stable order; a file
    that cannot be loaded gives a result with its problems, never an exception."""
    library = library or CriteriaLibrary()
    results = []
    for path, _named in find_tests(paths):
        try:
            loaded = load_test(path, library)
        except InputError as err:
            results.append(CriteriaTestResult(str(path), None, (), tuple(err.problems)))
            continue
        results.append(run_test(loaded))
    return results
