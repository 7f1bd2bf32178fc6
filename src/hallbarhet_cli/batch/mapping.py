"""Column mappings: how one row of a grant-management export becomes an application.

A mapping is a YAML file with ``kind: mapping``. Its ``fields``, ``answers`` and
``review`` mirror an application file; each place names the column to read, by its
header, or a fixed value::

    kind: mapping
    read: {delimiter: ";"}                      # how to read the export (optional)
    fields:
      id: ärende-id                             # a column
      criteria: {value: kronoberg-projektmedel} # a fixed value
      type: {value: project}
      title: projektnamn
      applicant:
        name: stödmottagare
        sector: {column: organisationsform, values: {Kommun: public}, default: other}
      budget: {total_sek: total_budget_sek, requested_sek: sökt_belopp_sek}
      period: {start: projekt_starttid, end: projekt_sluttid}
    answers:
      fossil_fuel_activity: {column: fossila_bränslen, values: {Ja: true, Nej: false}}
      partner_sectors: {column: samverkanspartner, split: ";", values: {Kommun: public}}

How the cells are read is in :mod:`hallbarhet_cli.batch.rows`. Empty cells are
unanswered, or ``default`` when one is given.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import Field, StringConstraints

from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.errors import InputError, Message, Problem
from hallbarhet_cli.files.yamlload import DataPath, Document, LoadError, load_file
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models.base import Model
from hallbarhet_cli.models.text import Text
from hallbarhet_cli.models.validation import validate

ColumnName = Annotated[str, StringConstraints(min_length=1)]


class Source(Model):
    """Where one value comes from: a ``column`` of the export or a fixed ``value``."""

    column: ColumnName | None = None
    value: Any = None
    split: Annotated[str, StringConstraints(min_length=1)] | None = None
    values: dict[str, Any] = Field(default_factory=dict)
    default: Any = None


# A plain string is the name of the column.
Spec = ColumnName | Source


class ApplicantMap(Model):
    name: Spec
    org_number: Spec | None = None
    sector: Spec


class BudgetMap(Model):
    total_sek: Spec
    requested_sek: Spec


class PeriodMap(Model):
    start: Spec
    end: Spec


class FieldsMap(Model):
    """The application's own fields; each one an application needs must be mapped."""

    id: Spec
    criteria: Spec | None = None
    type: Spec
    title: Spec
    applicant: ApplicantMap
    budget: BudgetMap
    period: PeriodMap
    summary: Spec | None = None


class ScoreMap(Model):
    points: Spec
    comment: Spec | None = None


class ReviewMap(Model):
    officer: Spec | None = None
    date: Spec | None = None
    scores: dict[str, ScoreMap] = Field(default_factory=dict)
    cleared: Spec | None = None


class ReadOptions(Model):
    """How to read the export: CSV ``delimiter`` (guessed from the header line when not
    given) and ``encoding``; the XLSX ``sheet`` (the first when not given); and the row
    that holds the column headers."""

    delimiter: Annotated[str, StringConstraints(min_length=1, max_length=1)] | None = None
    encoding: Annotated[str, StringConstraints(min_length=1)] = "utf-8"
    sheet: str | None = None
    header_row: Annotated[int, Field(ge=1)] = 1


class ColumnMapping(Model):
    """A column mapping file (``kind: mapping``)."""

    kind: Literal["mapping"]
    title: Text | None = None
    description: Text | None = None
    read: ReadOptions = Field(default_factory=ReadOptions)
    fields: FieldsMap
    answers: dict[str, Spec] = Field(default_factory=dict)
    review: ReviewMap | None = None


# How a cell is read for each place it can fill. ``answer`` is decided by the question.
ANSWER: Final = "answer"
_FIELD_KINDS: Final[tuple[tuple[DataPath, str], ...]] = (
    (("id",), "text"),
    (("criteria",), "text"),
    (("type",), "text"),
    (("title",), "text"),
    (("applicant", "name"), "text"),
    (("applicant", "org_number"), "text"),
    (("applicant", "sector"), "text"),
    (("budget", "total_sek"), "number"),
    (("budget", "requested_sek"), "number"),
    (("period", "start"), "date"),
    (("period", "end"), "date"),
    (("summary",), "text"),
)
QUESTION_KINDS: Final = {
    "number": "number",
    "integer": "integer",
    "boolean": "boolean",
    "date": "date",
    "choice": "text",
    "text": "text",
    "multichoice": "list",
}


@dataclass(frozen=True)
class Entry:
    """One mapped place: where the value goes in the application, where the mapping says
    so, and how the cell is read."""

    target: DataPath
    where: DataPath
    spec: Spec
    kind: str


def entries(mapping: ColumnMapping) -> list[Entry]:
    """Every place the mapping fills, in the order of an application file."""
    found: list[Entry] = []
    for target, kind in _FIELD_KINDS:
        spec: Any = mapping.fields
        for part in target:
            spec = getattr(spec, str(part))
        if spec is not None:
            found.append(Entry(target, ("fields", *target), spec, kind))
    for question, spec in mapping.answers.items():
        found.append(Entry(("answers", question), ("answers", question), spec, ANSWER))
    review = mapping.review
    if review is not None:
        for name, kind in (("officer", "text"), ("date", "date")):
            spec = getattr(review, name)
            if spec is not None:
                found.append(Entry(("review", name), ("review", name), spec, kind))
        for criterion, score in review.scores.items():
            base: DataPath = ("review", "scores", criterion)
            found.append(Entry((*base, "points"), (*base, "points"), score.points, "integer"))
            if score.comment is not None:
                found.append(Entry((*base, "comment"), (*base, "comment"), score.comment, "text"))
        if review.cleared is not None:
            found.append(
                Entry(("review", "cleared"), ("review", "cleared"), review.cleared, "list")
            )
    return found


def is_fixed(spec: Spec) -> bool:
    return isinstance(spec, Source) and "value" in spec.model_fields_set


def column_of(spec: Spec) -> str | None:
    return spec if isinstance(spec, str) else spec.column


@dataclass(frozen=True)
class LoadedMapping:
    """A valid mapping, with its file (for located problems) and its folder (for a
    criteria path given as a fixed value)."""

    model: ColumnMapping
    document: Document
    folder: Path


def check_mapping(model: ColumnMapping, document: Document) -> list[Problem]:
    """Problems the schema cannot see: a source with both or neither of ``column`` and
    ``value``, and an unknown text encoding."""
    problems: list[Problem] = []
    for entry in entries(model):
        spec = entry.spec
        if isinstance(spec, str):
            continue
        fixed = is_fixed(spec)
        if fixed and spec.column is not None:
            problems.append(
                document.problem(
                    entry.where,
                    "mapping-source",
                    Message(N_("Give either `column` or `value`, not both.")),
                )
            )
        elif not fixed and spec.column is None:
            problems.append(
                document.problem(
                    entry.where,
                    "mapping-source",
                    Message(N_("Give the `column` to read, or a fixed `value`.")),
                )
            )
    try:
        codecs.lookup(model.read.encoding)
    except LookupError:
        problems.append(
            document.problem(
                ("read", "encoding"),
                "mapping-encoding",
                Message(
                    N_("Unknown text encoding {encoding!r}; exports are usually utf-8 or cp1252."),
                    {"encoding": model.read.encoding},
                ),
            )
        )
    return problems


def check_against_set(
    model: ColumnMapping, document: Document, criteria: ResolvedSet
) -> list[Problem]:
    """Answers to questions and scores for criteria that the criteria set does not have."""
    problems: list[Problem] = []
    for question in model.answers:
        if question not in criteria.question_map:
            problems.append(
                document.problem(
                    ("answers", question),
                    "unknown-answer",
                    criteria.no_such("question", question),
                    key=True,
                )
            )
    for criterion in model.review.scores if model.review else {}:
        if criterion not in criteria.criterion_map:
            problems.append(
                document.problem(
                    ("review", "scores", criterion),
                    "unknown-criterion",
                    criteria.no_such("criterion", criterion),
                    key=True,
                )
            )
    return problems


def load_mapping(
    path: Path, library: CriteriaLibrary, criteria_ref: str | None = None
) -> LoadedMapping:
    """Load and check a mapping file; raise :class:`InputError` with located problems.

    When the criteria set is known up front (``--criteria`` or a fixed ``criteria``
    value), answers and scores are checked against it here, so that a typo in the mapping
    is one error rather than the same error on every row.
    """
    try:
        document = load_file(path, display=str(path))
    except LoadError as err:
        raise InputError(err.problems) from None
    data = document.data
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind != "mapping":
        raise InputError(
            [
                document.problem(
                    ("kind",) if kind else (),
                    "not-mapping",
                    Message(
                        N_(
                            "This is not a column mapping (its kind is {kind!r}); a mapping "
                            "has `kind: mapping`."
                        ),
                        {"kind": kind},
                    ),
                )
            ]
        )
    model, problems = validate(ColumnMapping, document)
    if model is None:
        raise InputError(problems)
    problems.extend(check_mapping(model, document))
    if problems:
        raise InputError(problems)
    folder = path.parent
    fixed = model.fields.criteria
    ref, where = criteria_ref, Where("--criteria")
    if ref is None and fixed is not None and is_fixed(fixed) and isinstance(fixed, Source):
        ref, where = str(fixed.value), Where.at(document, ("fields", "criteria", "value"))
    if ref is not None:
        resolved = library.resolve(
            ref, where, folder if criteria_ref is None else Path.cwd(), confine=criteria_ref is None
        )
        problems.extend(check_against_set(model, document, resolved))
        if problems:
            raise InputError(problems)
    return LoadedMapping(model, document, folder)
