"""A folder written by ``hallbarhet batch -o DIR`` as portfolio input: each assessed
application in its ``results.jsonl``, with the verdict, levels and decision recorded there.

A batch result records the assessment, not the whole application: the answers its
criteria read, but not the officer's review or the answers only gates read. So the
portfolio counts the recorded verdict and levels as they are and compares follow-up reports
with the recorded answers; it scores an application again (the ex-post verdict) only from
the application file a report leads to (:mod:`.collect`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError

from hallbarhet_cli.applications.loading import LoadedApplication, typed_answer
from hallbarhet_cli.batch.outputs import (
    OVERVIEW_HTML,
    RESULTS_CSV,
    RESULTS_JSONL,
    RESULTS_XLSX,
    SUMMARY_JSON,
)
from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.errors import InputError, Message, Problem, Severity
from hallbarhet_cli.files.yamlload import Document
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models import Application
from hallbarhet_cli.portfolio.scored import Scored, ScoredCriterion, ScoredDimension
from hallbarhet_cli.scoring.assessment import Verdict

# summary.json is always written; one of the others says it is a batch's and not a
# folder that happens to hold a file of that name.
OTHER_OUTPUTS: Final = (RESULTS_JSONL, RESULTS_CSV, RESULTS_XLSX, OVERVIEW_HTML)


def is_batch_folder(path: Path) -> bool:
    """Whether ``path`` is a folder that ``hallbarhet batch -o`` wrote."""
    return (
        path.is_dir()
        and (path / SUMMARY_JSON).is_file()
        and any((path / name).is_file() for name in OTHER_OUTPUTS)
    )


def batch_folders_in(folder: Path) -> list[Path]:
    """The batch result folders below ``folder`` (hidden folders and links to folders
    skipped, as when looking for YAML files), in the order of their paths."""
    found = []
    for top, folders, _ in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        if Path(top) != folder and is_batch_folder(Path(top)):
            found.append(Path(top))
            folders[:] = []  # a batch's own reports/ folder holds nothing more to read
    return found


@dataclass(frozen=True)
class Recorded:
    """One assessed application read back from ``results.jsonl``."""

    source: str  # results.jsonl:line
    application: LoadedApplication
    scored: Scored


class _NotResults(Exception):
    pass


def read_batch_folder(folder: Path, library: CriteriaLibrary) -> Iterator[Recorded | Problem]:
    """Every line of ``folder/results.jsonl`` as a :class:`Recorded` application, or the
    problem with it. Inputs the batch could not assess are warnings: they are in no
    figure of the portfolio either."""
    import orjson

    path = folder / RESULTS_JSONL
    display = str(path)
    if not path.is_file():
        yield Problem(
            str(folder),
            None,
            None,
            "no-results",
            Severity.ERROR,
            Message(
                N_(
                    "This folder holds the results of hallbarhet batch but no results.jsonl, "
                    "which the portfolio reads. Run the batch again with -f jsonl, or without "
                    "-f (every format)."
                )
            ),
        )
        return
    try:
        handle = path.open("rb")
    except OSError as err:
        reason = err.strerror or str(err)
        message = Message(N_("The file cannot be read: {reason}."), {"reason": reason})
        yield Problem(display, None, None, "unreadable", Severity.ERROR, message)
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                data = orjson.loads(raw)
                if isinstance(data, dict) and "error" in data:
                    yield _not_assessed(display, number, data)
                    continue
                yield _recorded(display, number, data, library)
            except InputError as err:
                yield from err.problems
            except (orjson.JSONDecodeError, _NotResults, KeyError, TypeError, ValueError) as err:
                yield _not_results(display, number, err)


def _recorded(display: str, number: int, data: Any, library: CriteriaLibrary) -> Recorded:
    if not isinstance(data, dict):
        raise _NotResults("object")
    recorded_set = data["criteria_set"]
    application = data["application"]
    decision = data.get("decision")
    fields = {
        "kind": "application",
        "criteria": recorded_set["id"],
        **{k: v for k, v in application.items() if k != "file"},
    }
    if decision is not None:
        fields["decision"] = {k: v for k, v in decision.items() if k != "outcome_label"}
    try:
        model = Application.model_validate(fields)
    except ValidationError as err:
        raise _NotResults(str(err.errors()[0]["loc"][0])) from None
    criteria = _criteria(display, number, recorded_set, library)
    document = Document(display, data, {(): (number, 1)})
    loaded = LoadedApplication(model, document, criteria, _answers(data, criteria), ())
    return Recorded(f"{display}:{number}", loaded, _scored(data))


def _criteria(
    display: str, number: int, recorded: dict[str, Any], library: CriteriaLibrary
) -> ResolvedSet:
    """The criteria set the result was assessed with: found by id and version, and
    the same to the byte (its fingerprint), or the levels recorded may mean other things."""
    ref = f"{recorded['id']}@{recorded['version']}"
    criteria = library.resolve(ref, Where(display, number, 1), None, confine=False)
    if criteria.sha256 != recorded["sha256"]:
        raise InputError(
            [
                Problem(
                    display,
                    number,
                    1,
                    "results-criteria-changed",
                    Severity.ERROR,
                    Message(
                        N_(
                            "The criteria set {set} has changed since this result was "
                            "assessed, though its version is the same; assess the round "
                            "again with hallbarhet batch."
                        ),
                        {"set": ref},
                    ),
                )
            ]
        )
    return criteria


def _answers(data: dict[str, Any], criteria: ResolvedSet) -> dict[str, Any]:
    """The answers the criteria read, as recorded, typed by their questions."""
    answers: dict[str, Any] = {}
    for criterion in data["criteria"]:
        for key, value in (criterion.get("answers") or {}).items():
            question = criteria.question_map.get(key)
            if question is None or value is None:
                continue
            typed, wrong = typed_answer(question, value)
            if wrong is None:
                answers[key] = typed
    return answers


def _scored(data: dict[str, Any]) -> Scored:
    return Scored(
        criteria_id=str(data["criteria_set"]["id"]),
        verdict=Verdict(data["verdict"]),
        overall_percent=data["overall_percent"],
        dimensions=tuple(
            ScoredDimension(str(d), v["percent"], bool(v["below_minimum"]))
            for d, v in data["dimensions"].items()
        ),
        criteria=tuple(
            ScoredCriterion(
                str(c["id"]),
                bool(c["manual"]),
                c["status"] == "unscored",
                int(c["points"]),
                c["level"] if isinstance(c["level"], int) else None,
            )
            for c in data["criteria"]
        ),
    )


def _not_assessed(display: str, number: int, data: dict[str, Any]) -> Problem:
    return Problem(
        display,
        number,
        1,
        "not-assessed",
        Severity.WARNING,
        Message(
            N_("The batch could not assess {input}, so it is not counted."),
            {"input": str(data.get("input"))},
        ),
    )


def _not_results(file: str, line: int, err: Exception) -> Problem:
    detail = str(err.args[0]) if isinstance(err, KeyError | _NotResults) and err.args else ""
    return Problem(
        file,
        line,
        1,
        "not-results",
        Severity.ERROR,
        Message(
            N_("This line is not an assessment written by hallbarhet batch ({detail})."),
            {"detail": detail or type(err).__name__},
        ),
    )
