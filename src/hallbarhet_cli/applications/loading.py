"""Load an application and check it against its criteria set.

The application model checks the file's shape; only the criteria set knows each answer's
question, so answers, review scores and cleared gates are checked here. Each answer is
read by its question's type: a plain YAML scalar answering a text or choice question is
the text the applicant wrote, even where YAML would have read a number or a boolean.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hallbarhet_cli.applications.decision import check_decision
from hallbarhet_cli.applications.drafts import open_answers
from hallbarhet_cli.applications.hints import boolean_hint, option_hint
from hallbarhet_cli.applications.overrides import check_overrides
from hallbarhet_cli.applications.placeholders import mark_unfilled
from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.errors import (
    InputError,
    Label,
    Message,
    OneOf,
    Problem,
    Severity,
    has_errors,
)
from hallbarhet_cli.files.yamlload import DataPath, Document, LoadError, load_file
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models import Application, Question
from hallbarhet_cli.models.application import Score
from hallbarhet_cli.models.criteria import Manual, QuestionType
from hallbarhet_cli.models.fields import option_label
from hallbarhet_cli.models.validation import (
    describe,
    did_you_mean,
    validate,
)


@dataclass(frozen=True)
class LoadedApplication:
    """An application that is valid against its criteria set, ready to assess."""

    model: Application
    document: Document
    criteria: ResolvedSet
    answers: dict[str, Any]
    warnings: tuple[Problem, ...]


def read_document(path: Path, display: str | None = None) -> Document:
    """Parse a file, raising :class:`InputError` with the located problem."""
    try:
        return load_file(path, display=display)
    except LoadError as err:
        raise InputError(err.problems) from None


def kind_of(document: Document) -> str | None:
    data = document.data
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind if isinstance(kind, str) else None


def load_application(
    path: Path,
    library: CriteriaLibrary,
    criteria_ref: str | None = None,
    *,
    display: str | None = None,
    draft: bool = False,
) -> LoadedApplication:
    """Load, validate and resolve an application file; raise :class:`InputError`.
    A ``draft`` may leave answers as placeholders (:mod:`.drafts`)."""
    document = read_document(path, display)
    if draft:
        open_answers(document)
    return application_from_document(document, path.parent, library, criteria_ref)


def not_application(document: Document) -> Problem:
    """The problem for a document given as an application that is not one."""
    kind = kind_of(document)
    return document.problem(
        ("kind",) if kind else (),
        "not-application",
        Message(
            N_(
                "This is not an application (its kind is {kind!r}); an application has "
                "`kind: application`."
            ),
            {"kind": kind},
        ),
    )


def application_from_document(
    document: Document,
    base_dir: Path,
    library: CriteriaLibrary,
    criteria_ref: str | None = None,
) -> LoadedApplication:
    if kind_of(document) != "application":
        raise InputError([not_application(document)])
    model, problems = validate(Application, document)
    if model is None:
        raise InputError(mark_unfilled(document, problems))
    if criteria_ref is not None:
        criteria = library.resolve(criteria_ref, Where("--criteria"), Path.cwd(), confine=False)
    elif model.criteria is not None:
        criteria = library.resolve(model.criteria, Where.at(document, ("criteria",)), base_dir)
    else:
        raise InputError(
            [
                document.problem(
                    (),
                    "no-criteria",
                    Message(
                        N_(
                            "The application names no criteria set: add `criteria:` or use "
                            "--criteria."
                        )
                    ),
                )
            ]
        )
    criteria = library.usable(criteria)
    answers, found = check_application(document, model, criteria)
    problems.extend(found)
    if has_errors(problems):
        raise InputError(problems)
    return LoadedApplication(model, document, criteria, answers, tuple(problems))


def check_application(
    document: Document, app: Application, criteria: ResolvedSet
) -> tuple[dict[str, Any], list[Problem]]:
    """Typed answers and the problems found checking ``app`` against ``criteria``."""
    problems: list[Problem] = []
    if app.type not in criteria.root.model.applies_to:
        problems.append(
            document.problem(
                ("type",),
                "not-applicable",
                Message(
                    N_("The criteria set {set!r} applies to {applies}, not to {type}."),
                    {
                        "set": criteria.id,
                        "applies": OneOf(
                            tuple(
                                Label(option_label("type", t))
                                for t in criteria.root.model.applies_to
                            )
                        ),
                        "type": Label(option_label("type", app.type)),
                    },
                ),
            )
        )
    if app.budget.requested_sek > app.budget.total_sek:
        problems.append(
            document.problem(
                ("budget", "requested_sek"),
                "budget-exceeds",
                Message(
                    N_(
                        "The requested amount ({requested}) is more than the total "
                        "budget ({total})."
                    ),
                    {"requested": app.budget.requested_sek, "total": app.budget.total_sek},
                ),
            )
        )
    if app.period.end < app.period.start:
        problems.append(
            document.problem(
                ("period", "end"),
                "period-order",
                Message(
                    N_("The period ends ({end}) before it starts ({start})."),
                    {"end": app.period.end.isoformat(), "start": app.period.start.isoformat()},
                ),
            )
        )

    answers: dict[str, Any] = {}
    questions = criteria.question_map
    for key, value in app.answers.items():
        path: DataPath = ("answers", key)
        question = questions.get(key)
        if question is None:
            problems.append(
                document.problem(
                    path,
                    "unknown-answer",
                    criteria.no_such("question", key),
                    key=True,
                )
            )
            continue
        if value is None:
            continue
        typed, problem = _typed_answer(document, path, question, value)
        if problem is not None:
            problems.append(problem)
        else:
            answers[key] = typed

    if app.review is not None:
        problems.extend(_check_review(document, app, criteria))
        problems.extend(check_overrides(document, app, criteria))
    problems.extend(check_decision(document, app))
    # A template's placeholder left in place is reported as such, not as a wrong type.
    return answers, mark_unfilled(document, problems, criteria)


def _text(document: Document, path: DataPath, value: Any) -> Any:
    """What the author wrote, for a plain scalar that YAML read as something else."""
    return value if isinstance(value, str) else document.raw.get(path, value)


def typed_answer(question: Question, value: Any) -> tuple[Any, Message | None]:
    """``value`` read as an answer to ``question``, as in a file, or why it cannot be one."""
    typed, problem = _typed_answer(Document(question.id, value), (), question, value)
    return typed, None if problem is None else problem.message


def _typed_answer(
    document: Document, path: DataPath, question: Question, value: Any
) -> tuple[Any, Problem | None]:
    return _ANSWER_READERS[question.type](_Answer(document, path, question, value))


@dataclass(frozen=True)
class _Answer:
    """One answer as written, with what is needed to report a problem at its place."""

    document: Document
    path: DataPath
    question: Question
    value: Any

    def text(self) -> Any:
        return _text(self.document, self.path, self.value)

    def wrong(self, template: str, hint: Message | None = None) -> tuple[Any, Problem]:
        args = {"id": self.question.id, "got": describe(self.value)}
        return None, self.document.problem(self.path, "answer-type", Message(template, args, hint))


def _number(answer: _Answer) -> tuple[Any, Problem | None]:
    value, question = answer.value, answer.question
    if isinstance(value, bool) or not isinstance(value, int | float):
        return answer.wrong(N_("Expected a number for {id!r}, got {got}."))
    if isinstance(value, float) and not math.isfinite(value):
        return answer.wrong(N_("Expected a finite number for {id!r}, got {got}."))
    if question.type == "integer" and not isinstance(value, int):
        return answer.wrong(N_("Expected a whole number for {id!r}, got {got}."))
    if (question.min is not None and value < question.min) or (
        question.max is not None and value > question.max
    ):
        return None, answer.document.problem(
            answer.path,
            "answer-range",
            Message(
                N_("{value} is outside the allowed range for {id!r} ({min} to {max})."),
                {
                    "value": value,
                    "id": question.id,
                    "min": question.min if question.min is not None else "-",
                    "max": question.max if question.max is not None else "-",
                },
            ),
        )
    return value, None


def _boolean(answer: _Answer) -> tuple[Any, Problem | None]:
    if not isinstance(answer.value, bool):
        return answer.wrong(
            N_("Expected true or false for {id!r}, got {got}."), boolean_hint(answer.text())
        )
    return answer.value, None


def _date(answer: _Answer) -> tuple[Any, Problem | None]:
    value = answer.value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = dt.date.fromisoformat(value)
    if not isinstance(value, dt.date):
        return answer.wrong(N_("Expected a date (YYYY-MM-DD) for {id!r}, got {got}."))
    return value, None


def _free_text(answer: _Answer) -> tuple[Any, Problem | None]:
    value = answer.text()
    if not isinstance(value, str):
        return answer.wrong(N_("Expected text for {id!r}, got {got}."))
    return value, None


def _choice(answer: _Answer) -> tuple[Any, Problem | None]:
    value = answer.text()
    if not isinstance(value, str):
        return answer.wrong(N_("Expected one of the options for {id!r}, got {got}."))
    return _option(answer.document, answer.path, answer.question, value)


def _multichoice(answer: _Answer) -> tuple[Any, Problem | None]:
    if not isinstance(answer.value, list):
        return answer.wrong(N_("Expected a list of options for {id!r}, got {got}."))
    chosen = []
    for i, item in enumerate(answer.value):
        path = (*answer.path, i)
        checked, problem = _option(
            answer.document, path, answer.question, _text(answer.document, path, item)
        )
        if problem is not None:
            return None, problem
        if checked not in chosen:
            chosen.append(checked)
    return chosen, None


# How an answer is read, by the question's type.
_ANSWER_READERS: dict[QuestionType, Callable[[_Answer], tuple[Any, Problem | None]]] = {
    "number": _number,
    "integer": _number,
    "boolean": _boolean,
    "date": _date,
    "text": _free_text,
    "choice": _choice,
    "multichoice": _multichoice,
}


def _option(
    document: Document, path: DataPath, question: Question, value: Any
) -> tuple[Any, Problem | None]:
    if isinstance(value, str) and value in question.allowed:
        return value, None
    options = question.option_values()
    return None, document.problem(
        path,
        "answer-option",
        Message(
            N_("{value!r} is not an option for {id!r}; the options are {options}."),
            {"value": value, "id": question.id, "options": ", ".join(options)},
            option_hint(question, value),
        ),
    )


def _check_named_level(
    document: Document, path: DataPath, criterion_id: str, manual: Manual, score: Score
) -> list[Problem]:
    """A criterion with named levels is scored by naming one of them; one without is
    scored in points."""
    names = manual.level_names()
    if not names:
        message = Message(
            N_("{id!r} has no named levels; give its score as `points` (0 to {max})."),
            {"id": criterion_id, "max": manual.top},
        )
        return [document.problem((*path, "level"), "score-level", message)]
    if score.level is None:
        message = Message(
            N_("{id!r} is scored by naming a level, one of {levels}; give `level`, not `points`."),
            {"id": criterion_id, "levels": ", ".join(names)},
        )
        return [document.problem((*path, "points"), "score-level", message, key=True)]
    if manual.named(score.level) is None:
        message = Message(
            N_("{level!r} is not a level of {id!r}; the levels are {levels}."),
            {"level": score.level, "id": criterion_id, "levels": ", ".join(names)},
            did_you_mean(score.level, names),
        )
        return [document.problem((*path, "level"), "score-level", message)]
    return []


def _check_review(document: Document, app: Application, criteria: ResolvedSet) -> list[Problem]:
    assert app.review is not None
    problems: list[Problem] = []
    for criterion_id, score in app.review.scores.items():
        path: DataPath = ("review", "scores", criterion_id)
        criterion = criteria.criterion_map.get(criterion_id)
        if criterion is None:
            problems.append(
                document.problem(
                    path,
                    "unknown-criterion",
                    criteria.no_such("criterion", criterion_id),
                    key=True,
                )
            )
        elif criterion.manual is None:
            problems.append(
                document.problem(
                    path,
                    "score-ignored",
                    Message(
                        N_(
                            "{id!r} is scored from the answers, not by the officer; this score is "
                            "ignored."
                        ),
                        {"id": criterion_id},
                    ),
                    Severity.WARNING,
                    key=True,
                )
            )
        elif criterion.manual.levels is not None or score.level is not None:
            problems.extend(
                _check_named_level(document, path, criterion_id, criterion.manual, score)
            )
        elif score.points is not None and score.points > criterion.manual.top:
            problems.append(
                document.problem(
                    (*path, "points"),
                    "score-range",
                    Message(
                        N_("{points} points is more than the maximum of {max} for {id!r}."),
                        {
                            "points": score.points,
                            "max": criterion.manual.top,
                            "id": criterion_id,
                        },
                    ),
                )
            )
    for i, gate_id in enumerate(app.review.cleared):
        gate = criteria.gate_map.get(gate_id)
        path = ("review", "cleared", i)
        if gate is None:
            problems.append(
                document.problem(
                    path,
                    "unknown-gate",
                    criteria.no_such("gate", gate_id),
                )
            )
        elif gate.effect == "exclude":
            problems.append(
                document.problem(
                    path,
                    "clear-exclusion",
                    Message(
                        N_(
                            "{id!r} is an exclusion gate, which cannot be cleared; listing it "
                            "under `cleared` has no effect."
                        ),
                        {"id": gate_id},
                    ),
                    Severity.WARNING,
                )
            )
    return problems
