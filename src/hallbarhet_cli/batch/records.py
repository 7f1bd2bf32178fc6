"""What a worker sends back for each input: small, plain, picklable values.

The full assessment view of an input travels only as the finished JSON line; everything
the tables, the summary and the ranking need is in a :class:`Record` of a few hundred
bytes, so the main process stays small however large the round is.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from hallbarhet_cli.robustness.round import SetWeights


class Status(StrEnum):
    ASSESSED = "assessed"
    ERROR = "error"
    SKIPPED = "skipped"  # a criteria set, test, mapping or report in a folder: no application


@dataclass(frozen=True, slots=True)
class Record:
    """One assessed application, as the tables and the portfolio summary need it."""

    id: str
    title: str
    applicant: str
    requested_sek: float
    criteria_sha: str
    criteria_set: str
    verdict: str
    provisional: bool
    overall_percent: float | None
    overall_exact: Fraction | None  # what the ranking compares
    # (dimension id, percent, below the dimension minimum)
    dimensions: tuple[tuple[str, float | None, bool], ...]
    # (criterion id, points, max points, status)
    criteria: tuple[tuple[str, int, int, str], ...]
    missing: tuple[str, ...]
    # (gate id, effect, cleared)
    gates: tuple[tuple[str, str, bool], ...]
    sdg: tuple[int, ...]
    # the decision on record: (outcome, granted SEK, round), or None
    decision: tuple[str, float | None, str | None] | None = None
    # False when the application has nothing to score yet: no percent, no points
    scorable: bool = True
    # the applicant's sector (public, company, civil_society, …); None when not known
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result for one input: a record, or the problems that kept it from being
    assessed (already rendered in the batch's language)."""

    index: int
    input: str
    status: Status
    record: Record | None = None
    messages: tuple[str, ...] = ()
    jsonl: bytes | None = None  # the line of results.jsonl, UTF-8, without the newline
    row: bytes = b""  # the row of the tables, as a JSON line, before it is ranked
    id_hint: str | None = None
    report: str | None = None


@dataclass(frozen=True, slots=True)
class SetInfo:
    """Titles of a criteria set in the batch's language, sent once per worker and set,
    so that the summary can name criteria, questions and gates."""

    sha256: str
    id: str
    version: str
    title: str
    dimensions: tuple[tuple[str, str], ...]
    # (criterion id, title, dimension)
    criteria: tuple[tuple[str, str, str], ...]
    questions: tuple[tuple[str, str], ...]
    # (gate id, title, effect)
    gates: tuple[tuple[str, str, str], ...]
    # the weights and thresholds, for the robustness analysis
    weights: SetWeights | None = None


@dataclass(frozen=True, slots=True)
class ChunkResult:
    outcomes: tuple[Outcome, ...]
    sets: tuple[SetInfo, ...]
    # A worker process writes the chunk's lines of results.jsonl, in order, to a file of
    # its own instead of sending them (about 25 KB an application) through a pipe.
    jsonl_part: str | None = None


def json_line(value: Any) -> bytes:
    """``value`` as one line of compact UTF-8 JSON. orjson is many times faster than the
    standard library for the large assessment views; it refuses integers beyond 64 bits,
    which an answer to a question without bounds may be, and those lines are encoded by
    the standard library instead."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(
            value, ensure_ascii=False, allow_nan=False, separators=(",", ":")
        ).encode()


def table_row(outcome: Outcome) -> dict[str, Any]:
    """What the tables show of one input, before it is ranked."""
    record = outcome.record
    if record is None:
        return {
            "index": outcome.index,
            "input": outcome.input,
            "id": outcome.id_hint,
            "error": " | ".join(outcome.messages),
        }
    return {
        "index": outcome.index,
        "input": outcome.input,
        "id": record.id,
        "title": record.title,
        "applicant": record.applicant,
        "requested_sek": record.requested_sek,
        "criteria_set": record.criteria_set,
        "verdict": record.verdict,
        "provisional": record.provisional,
        "scorable": record.scorable,
        "overall_percent": record.overall_percent,
        "dimensions": {d: p for d, p, _ in record.dimensions},
        "points": {c: points if record.scorable else None for c, points, _, _ in record.criteria},
        "missing": list(record.missing),
        "gates": [g for g, _, _ in record.gates],
        "report": outcome.report,
        "decision": record.decision,
    }


def with_lines(outcome: Outcome, jsonl: bool) -> Outcome:
    """``outcome`` with its table row and (when wanted) its JSON Lines line encoded, so
    that the worker, not the main process, pays for the encoding."""
    if outcome.status is Status.SKIPPED:
        return outcome
    row = json_line(table_row(outcome))
    line = outcome.jsonl
    if jsonl and line is None:
        error: dict[str, Any] = {"input": outcome.input, "error": list(outcome.messages)}
        if outcome.id_hint:
            error["id"] = outcome.id_hint
        line = json_line(error)
    return dataclasses.replace(outcome, row=row, jsonl=line if jsonl else None)
