"""Criteria test files: cases with expected outcomes for a criteria set.

A criteria test file (``kind: criteria-test``) names a criteria set, an optional ``base``
application and a list of ``cases``. Each case merges its ``answers`` (``null`` removes
an answer) and ``application`` overrides onto the base, or reads a whole application
from ``application_file``, and says what it ``expect``\\s: the verdict, criteria points,
fired gates, missing answers, or percents within a range.

Loading keeps every position, so a problem anywhere (a typo in an expectation, an answer
of the wrong type in a case) names the test file's line and column. Running the cases
and measuring rule coverage is :mod:`hallbarhet_cli.criteriatests.runner`'s part.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import Field, StringConstraints

from hallbarhet_cli.applications.loading import (
    check_application,
    kind_of,
    not_application,
    read_document,
)
from hallbarhet_cli.criteria.library import CriteriaLibrary, Where, is_path_reference
from hallbarhet_cli.criteria.resolved import ElementKind, ResolvedSet
from hallbarhet_cli.errors import InputError, Message, Problem, has_errors, unique
from hallbarhet_cli.files.yamlload import DataPath, Document
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models import Application
from hallbarhet_cli.models.application import Amount, Line, Review, Score, Sector
from hallbarhet_cli.models.base import Model
from hallbarhet_cli.models.criteria import ApplicationType, Id, Manual, Number
from hallbarhet_cli.models.validation import validate

KIND: Final = "criteria-test"
VerdictName = Literal["excluded", "incomplete", "fail", "pass"]
Percent = Annotated[Number, Field(ge=0, le=100)]


# -- the file format --------------------------------------------------------------------
class ApplicantPart(Model):
    name: Line | None = None
    org_number: Annotated[str, StringConstraints(max_length=40)] | None = None
    sector: Sector | None = None


class BudgetPart(Model):
    total_sek: Amount | None = None
    requested_sek: Amount | None = None


class PeriodPart(Model):
    start: dt.date | None = None
    end: dt.date | None = None


class ReviewPart(Review):
    """A review to merge: ``null`` for a score removes the base's score."""

    scores: dict[Id, Score | None] = Field(default_factory=dict)  # type: ignore[assignment]


class ApplicationPart(Model):
    """Application metadata a case sets; what it leaves out comes from the base, and what
    the base leaves out from neutral defaults."""

    id: Annotated[str, StringConstraints(pattern=r"^[^\s].*$", max_length=100)] | None = None
    title: Line | None = None
    type: ApplicationType | None = None
    applicant: ApplicantPart | None = None
    budget: BudgetPart | None = None
    period: PeriodPart | None = None
    summary: str | None = None
    review: ReviewPart | None = None


class Base(ApplicationPart):
    """The application every case starts from: metadata and answers."""

    answers: dict[str, Any] = Field(default_factory=dict)


class PercentRange(Model):
    """An expected percent: at least ``min`` and at most ``max`` (both inclusive)."""

    min: Percent | None = None
    max: Percent | None = None


class Expect(Model):
    """What a case expects. Each key given is checked; keys left out are not."""

    verdict: VerdictName | None = None
    criteria: dict[str, Annotated[int, Field(ge=0)]] | None = None
    gates_fired: list[str] | None = None
    gates_include: list[str] | None = None
    missing: list[str] | None = None
    overall_percent: PercentRange | None = None
    dimensions: dict[str, PercentRange] | None = None


class Case(Model):
    """One test case: an application built from the base, and what it should come to."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    answers: dict[str, Any] | None = None
    application: ApplicationPart | None = None
    application_file: Annotated[str, StringConstraints(min_length=1)] | None = None
    expect: Expect


class CriteriaTest(Model):
    """A criteria test file."""

    kind: Literal["criteria-test"]
    criteria: Annotated[str, StringConstraints(min_length=1)]
    base: Base | None = None
    cases: Annotated[list[Case], Field(min_length=1)]


# -- loading ----------------------------------------------------------------------------
@dataclass(frozen=True)
class PreparedCase:
    """A case ready to assess: its application with typed answers."""

    index: int
    name: str
    line: int | None
    application: Application
    answers: dict[str, Any]
    expect: Expect


@dataclass(frozen=True)
class LoadedTest:
    """A valid criteria test file with its resolved set and prepared cases."""

    file: str
    document: Document
    criteria: ResolvedSet
    cases: tuple[PreparedCase, ...]
    warnings: tuple[Problem, ...]


def load_test(path: Path, library: CriteriaLibrary, *, display: str | None = None) -> LoadedTest:
    """Read, validate and prepare a criteria test file; raise :class:`InputError`."""
    document = read_document(path, display or str(path))
    return criteria_test_from_document(document, path, library)


def criteria_test_from_document(
    document: Document, path: Path, library: CriteriaLibrary
) -> LoadedTest:
    """Validate a parsed criteria test file, resolve its set and prepare its cases.

    Every problem found, in any case, is raised together as one :class:`InputError`.
    """
    kind = kind_of(document)
    if kind != KIND:
        raise InputError(
            [
                document.problem(
                    ("kind",) if kind else (),
                    "not-criteria-test",
                    Message(
                        N_(
                            "This is not a criteria test (its kind is {kind!r}); a criteria "
                            "test has `kind: criteria-test`."
                        ),
                        {"kind": kind},
                    ),
                )
            ]
        )
    model, problems = validate(CriteriaTest, document)
    if model is None:
        raise InputError(problems)
    folder = path.parent
    criteria = _resolve(library, model.criteria, Where.at(document, ("criteria",)), folder)
    problems.extend(_check_cases(document, model, criteria))
    cases = []
    for index, case in enumerate(model.cases):
        prepared, found = _prepare(document, model, index, case, criteria, folder)
        problems.extend(found)
        if prepared is not None:
            cases.append(prepared)
    problems = unique(problems)
    if has_errors(problems):
        raise InputError(problems)
    return LoadedTest(document.file, document, criteria, tuple(cases), tuple(problems))


def _trusted(target: Path, folder: Path) -> bool:
    """Criteria tests usually live one folder below their sets (``criteria/tests``), so a
    path written in one may also lead to the folder above it."""
    return target.resolve().is_relative_to(folder.resolve().parent)


def _resolve(library: CriteriaLibrary, ref: str, where: Where, folder: Path) -> ResolvedSet:
    confine = not (is_path_reference(ref) and _trusted(folder / ref, folder))
    return library.resolve(ref, where, folder, confine=confine)


_EXPECTATIONS: Final = tuple(Expect.model_fields)


def _check_cases(document: Document, model: CriteriaTest, criteria: ResolvedSet) -> list[Problem]:
    """What the schema cannot say: ids that exist in the set, points a criterion can
    score, sensible ranges, one source of answers per case, distinct names."""
    problems: list[Problem] = []
    names: dict[str, int] = {}
    for i, case in enumerate(model.cases):
        at: DataPath = ("cases", i)
        line = (document.position((*at, "name")) or (0, 0))[0]
        if case.name in names:
            problems.append(
                document.problem(
                    (*at, "name"),
                    "duplicate-case",
                    Message(
                        N_("Another case is already named {name!r} (line {line})."),
                        {"name": case.name, "line": names[case.name]},
                    ),
                )
            )
        names.setdefault(case.name, line)
        if case.application_file is not None and (
            case.answers is not None or case.application is not None
        ):
            problems.append(
                document.problem(
                    (*at, "application_file"),
                    "case-source",
                    Message(
                        N_(
                            "A case takes its application either from `application_file` or "
                            "from `answers` and `application`, not from both."
                        )
                    ),
                    key=True,
                )
            )
        problems.extend(_check_expect(document, (*at, "expect"), case.expect, criteria))
    return problems


def _check_expect(
    document: Document, at: DataPath, expect: Expect, criteria: ResolvedSet
) -> Iterator[Problem]:
    if all(getattr(expect, key) is None for key in _EXPECTATIONS):
        yield document.problem(
            at,
            "empty-expectation",
            Message(
                N_("The case expects nothing; give at least one of {keys}."),
                {"keys": ", ".join(_EXPECTATIONS)},
            ),
        )
    for criterion_id, points in (expect.criteria or {}).items():
        path = (*at, "criteria", criterion_id)
        criterion = criteria.criterion_map.get(criterion_id)
        if criterion is None:
            yield _unknown(document, path, "criterion", criterion_id, criteria)
            continue
        possible = (
            _manual_points(criterion.manual)
            if criterion.manual is not None
            else sorted({level.points for level in criterion.levels or []}, reverse=True)
        )
        if points not in possible:
            yield document.problem(
                path,
                "unreachable-points",
                Message(
                    N_("{id!r} can never score {points} points; it scores {possible}."),
                    {
                        "id": criterion_id,
                        "points": points,
                        "possible": ", ".join(map(str, sorted(possible, reverse=True))),
                    },
                ),
            )
    for key in ("gates_fired", "gates_include"):
        for j, gate_id in enumerate(getattr(expect, key) or []):
            if gate_id not in criteria.gate_map:
                yield _unknown(document, (*at, key, j), "gate", gate_id, criteria)
    for j, question_id in enumerate(expect.missing or []):
        question = criteria.question_map.get(question_id)
        if question is None:
            yield _unknown(document, (*at, "missing", j), "question", question_id, criteria)
        elif not question.required:
            yield document.problem(
                (*at, "missing", j),
                "never-missing",
                Message(
                    N_("{id!r} is not a required question, so it is never missing."),
                    {"id": question_id},
                ),
            )
    ranges: list[tuple[DataPath, PercentRange]] = []
    if expect.overall_percent is not None:
        ranges.append(((*at, "overall_percent"), expect.overall_percent))
    for dim_id, dim_range in (expect.dimensions or {}).items():
        path = (*at, "dimensions", dim_id)
        if dim_id not in criteria.dimensions:
            yield _unknown(document, path, "dimension", dim_id, criteria)
        ranges.append((path, dim_range))
    for path, percent_range in ranges:
        yield from _check_range(document, path, percent_range)


def _unknown(
    document: Document, path: DataPath, what: ElementKind, item: str, criteria: ResolvedSet
) -> Problem:
    return document.problem(
        path, f"unknown-{what}", criteria.no_such(what, item), key=isinstance(path[-1], str)
    )


def _check_range(document: Document, path: DataPath, expected: PercentRange) -> Iterator[Problem]:
    if expected.min is None and expected.max is None:
        yield document.problem(
            path, "percent-range", Message(N_("Give `min`, `max` or both for a percent range."))
        )
    elif expected.min is not None and expected.max is not None and expected.min > expected.max:
        yield document.problem(
            path,
            "percent-range",
            Message(
                N_("The range is empty: `min` ({min}) is above `max` ({max})."),
                {"min": expected.min, "max": expected.max},
            ),
        )


def _defaults(criteria: ResolvedSet, document: Document, index: int, name: str) -> dict[str, Any]:
    """Neutral metadata for what neither the base nor the case gives."""
    kind = criteria.root.model.applies_to[0]
    stem = Path(document.file).name.split(".")[0]
    return {
        "kind": "application",
        "id": f"{stem}#{index + 1}",
        "title": name,
        "type": kind,
        "applicant": {
            "name": "test",
            "sector": "company" if kind == "business_support" else "public",
        },
        "budget": {"total_sek": 1_000_000, "requested_sek": 500_000},
        "period": {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 12, 31)},
    }


def _prepare(
    document: Document,
    model: CriteriaTest,
    index: int,
    case: Case,
    criteria: ResolvedSet,
    folder: Path,
) -> tuple[PreparedCase | None, list[Problem]]:
    at: DataPath = ("cases", index)
    line = (document.position(at) or (None, None))[0]
    if case.application_file is not None:
        source = _application_document(document, (*at, "application_file"), case, folder)
        if isinstance(source, Problem):
            return None, [source]
    else:
        source = _merged_application(document, model, index, case, criteria)
    if kind_of(source) != "application":
        return None, [not_application(source)]
    application, problems = validate(Application, source)
    if application is None:
        return None, problems
    answers, found = check_application(source, application, criteria)
    problems.extend(found)
    if has_errors(problems):
        return None, problems
    return PreparedCase(index, case.name, line, application, answers, case.expect), problems


def _application_document(
    document: Document, at: DataPath, case: Case, folder: Path
) -> Document | Problem:
    assert case.application_file is not None
    target = folder / case.application_file
    if not (_trusted(target, folder) or target.resolve().is_relative_to(Path.cwd().resolve())):
        return document.problem(
            at,
            "application-escape",
            Message(
                N_(
                    "The application path {ref!r} leads outside the allowed folders (this "
                    "file's folder, the folder above it and the current folder)."
                ),
                {"ref": case.application_file},
            ),
        )
    if not target.is_file():
        return document.problem(
            at,
            "application-not-found",
            Message(N_("No application file at {ref!r}."), {"ref": case.application_file}),
        )
    try:
        return read_document(target, str(target))
    except InputError as err:
        return err.problems[0]


def _merged_application(
    document: Document, model: CriteriaTest, index: int, case: Case, criteria: ResolvedSet
) -> Document:
    """The case's application as a document whose values keep the positions they have in
    the test file, so problems found checking it point at the base or the case."""
    data: dict[str, Any] = _defaults(criteria, document, index, case.name)
    origins: dict[DataPath, DataPath] = {}
    raw_base = document.data.get("base") or {}
    raw_case = document.data["cases"][index]
    base_meta = {k: v for k, v in raw_base.items() if k != "answers"}
    _merge(data, base_meta, ("base",), (), origins)
    _merge(data, raw_case.get("application") or {}, ("cases", index, "application"), (), origins)
    answers: dict[str, Any] = {}
    data["answers"] = answers
    _merge(
        answers,
        raw_base.get("answers") or {},
        ("base", "answers"),
        ("answers",),
        origins,
        deep=False,
    )
    _merge(
        answers,
        raw_case.get("answers") or {},
        ("cases", index, "answers"),
        ("answers",),
        origins,
        deep=False,
    )
    merged = Document(document.file, data)
    _graft(document, merged, origins)
    merged.values[()] = document.position(("cases", index)) or (1, 1)
    return merged


def _merge(
    target: dict[str, Any],
    source: Mapping[str, Any],
    src: DataPath,
    dst: DataPath,
    origins: dict[DataPath, DataPath],
    *,
    deep: bool = True,
) -> None:
    """Merge ``source`` into ``target``: mappings key by key, anything else replaced, and
    ``null`` removing the key. ``origins`` records where each merged value came from."""
    for key, value in source.items():
        here = (*dst, key)
        if value is None:
            target.pop(key, None)
            origins.pop(here, None)
        elif deep and isinstance(value, dict) and isinstance(target.get(key), dict):
            target[key] = dict(target[key])
            origins[here] = (*src, key)
            _merge(target[key], value, (*src, key), here, origins)
        else:
            target[key] = copy.deepcopy(value)
            origins[here] = (*src, key)


def _graft(source: Document, target: Document, origins: Mapping[DataPath, DataPath]) -> None:
    """Give ``target``'s values the positions and original text they had in ``source``."""
    # Walked with a list rather than a nested function that calls itself: such a function
    # and its closure hold each other, so the documents it reads would wait for the
    # cyclic garbage collector instead of going when the case is done.
    pending: list[tuple[Any, DataPath]] = [(target.data, ())]
    while pending:
        value, path = pending.pop()
        from_path = _origin(origins, path)
        if from_path is not None:
            if from_path in source.values:
                target.values[path] = source.values[from_path]
            if from_path in source.keys:
                target.keys[path] = source.keys[from_path]
            if from_path in source.raw:
                target.raw[path] = source.raw[from_path]
        if isinstance(value, dict):
            pending.extend((item, (*path, key)) for key, item in value.items())
        elif isinstance(value, list):
            pending.extend((item, (*path, i)) for i, item in enumerate(value))


def _origin(origins: Mapping[DataPath, DataPath], path: DataPath) -> DataPath | None:
    """Where ``path`` came from: the nearest grafted ancestor's origin, then the rest."""
    for cut in range(len(path), 0, -1):
        found = origins.get(path[:cut])
        if found is not None:
            return (*found, *path[cut:])
    return None


def _manual_points(manual: Manual) -> list[int]:
    """The points the officer can give: a named level's, or any up to the maximum."""
    if manual.levels:
        return sorted({level.points for level in manual.levels}, reverse=True)
    return list(range(manual.top + 1))
