"""Load a follow-up report, find the application it reports on, and check the report
against that application's criteria set: every value must answer a promise the set
declares, in the promised question's type."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hallbarhet_cli.applications.loading import (
    LoadedApplication,
    application_from_document,
    kind_of,
    read_document,
    typed_answer,
)
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.criteria.promises import DeclaredPromise, promises
from hallbarhet_cli.errors import InputError, Message, Problem, Severity, has_errors
from hallbarhet_cli.files.yamlload import DataPath, Document, is_file, iter_yaml_files
from hallbarhet_cli.followup.dates import check_dates
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models.followup import GRANTING, FollowUpReport
from hallbarhet_cli.models.validation import did_you_mean, validate


@dataclass(frozen=True)
class LoadedReport:
    """A follow-up report that is valid against its application's criteria set."""

    model: FollowUpReport
    document: Document
    application: LoadedApplication
    promises: dict[str, DeclaredPromise]
    values: dict[str, Any]  # the delivered values, typed by their questions
    answers: dict[str, Any]  # other answers the report updates, typed
    warnings: tuple[Problem, ...]


def report_model(document: Document) -> tuple[FollowUpReport, list[Problem]]:
    """The report model of a parsed document; :class:`InputError` when it is not one."""
    if kind_of(document) != "follow-up":
        kind = kind_of(document)
        raise InputError(
            [
                document.problem(
                    ("kind",) if kind else (),
                    "not-follow-up",
                    Message(
                        N_(
                            "This is not a follow-up report (its kind is {kind!r}); a report "
                            "has `kind: follow-up`."
                        ),
                        {"kind": kind},
                    ),
                )
            ]
        )
    model, problems = validate(FollowUpReport, document)
    if model is None:
        raise InputError(problems)
    return model, problems


def load_report(
    path: Path, library: CriteriaLibrary, application: Path | None = None
) -> LoadedReport:
    """Load a report file and the application it names (or ``application``, when given)."""
    document = read_document(path, str(path))
    return report_from_document(document, path, library, application)


def report_from_document(
    document: Document,
    path: Path,
    library: CriteriaLibrary,
    application: Path | None = None,
    known: Mapping[str, LoadedApplication] | None = None,
) -> LoadedReport:
    """Check a parsed report. Its application is ``application`` when given, else the
    one in ``known`` with its id (a portfolio's inputs), else the file at its
    ``application.path``, else the application with its id in the report's folder or the
    folder above it."""
    model, problems = report_model(document)
    loaded = _application(document, model, path, library, application, known)
    values, answers, found = check_report(document, model, loaded)
    problems.extend(found)
    if has_errors(problems):
        raise InputError(problems)
    return LoadedReport(
        model, document, loaded, promises(loaded.criteria), values, answers, tuple(problems)
    )


def _id_problem(document: Document, rule: str, message: Message) -> InputError:
    return InputError([document.problem(("application", "id"), rule, message)])


def _application(
    document: Document,
    model: FollowUpReport,
    path: Path,
    library: CriteriaLibrary,
    given: Path | None,
    known: Mapping[str, LoadedApplication] | None,
) -> LoadedApplication:
    wanted = model.application.id
    if given is None and known is not None:
        if wanted in known:
            return known[wanted]
        raise _id_problem(
            document,
            "unknown-application",
            Message(
                N_("No application with the id {id!r} among the inputs."),
                {"id": wanted},
                did_you_mean(wanted, known),
            ),
        )
    if given is None and model.application.path is not None:
        given = _path(document, model.application.path, path.parent)
    if given is not None:
        loaded = application_from_document(read_document(given, str(given)), given.parent, library)
        if loaded.model.id != wanted:
            raise _id_problem(
                document,
                "application-id",
                Message(
                    N_("The application in {file} has the id {found!r}, not {id!r}."),
                    {"file": str(given), "found": loaded.model.id, "id": wanted},
                ),
            )
        return loaded
    folders = _search_folders(path)
    ids: list[str] = []
    for candidate, document_found in _applications_in(folders):
        found_id = document_found.data.get("id")
        if found_id == wanted:
            return application_from_document(document_found, candidate.parent, library)
        if isinstance(found_id, str):
            ids.append(found_id)
    raise _id_problem(
        document,
        "unknown-application",
        Message(
            N_(
                "No application with the id {id!r} in {folders}; give its file with "
                "`application.path` or --application."
            ),
            {"id": wanted, "folders": ", ".join(str(f) for f in folders)},
            did_you_mean(wanted, ids),
        ),
    )


def _path(document: Document, ref: str, base: Path) -> Path:
    """The application file named in the report: it must exist and stay inside the folder
    above the report's folder or the current folder."""
    target = (base / ref).resolve()
    roots = [base.resolve().parent, Path.cwd().resolve()]
    where: DataPath = ("application", "path")
    if not any(target.is_relative_to(root) for root in roots):
        raise InputError(
            [
                document.problem(
                    where,
                    "application-escape",
                    Message(
                        N_(
                            "The application path {ref!r} leads outside the folder above the "
                            "report's folder and the current folder."
                        ),
                        {"ref": ref},
                    ),
                )
            ]
        )
    if not is_file(target):
        raise InputError(
            [
                document.problem(
                    where,
                    "application-not-found",
                    Message(N_("No application file at {ref!r}."), {"ref": ref}),
                )
            ]
        )
    return base / ref


def _search_folders(path: Path) -> list[Path]:
    folder = path.parent
    return [folder] if folder.resolve() == folder.resolve().parent else [folder, folder.parent]


def _applications_in(folders: list[Path]) -> Iterator[tuple[Path, Document]]:
    """Application documents in ``folders``, each file once; unreadable files are passed
    over (``hallbarhet validate`` reports them)."""
    seen: set[Path] = set()
    for folder in folders:
        for candidate in iter_yaml_files(folder):
            key = candidate.resolve()
            if key in seen:
                continue
            seen.add(key)
            try:
                found = read_document(candidate, str(candidate))
            except InputError:
                continue
            if kind_of(found) == "application" and isinstance(found.data, dict):
                yield candidate, found


def check_report(
    document: Document, model: FollowUpReport, loaded: LoadedApplication
) -> tuple[dict[str, Any], dict[str, Any], list[Problem]]:
    """The typed delivered values and other answers, and the problems of ``model``
    against its application and criteria set."""
    check = _ReportCheck(document, loaded)
    check.grant_and_period(model)
    values = check.delivered_values(model)
    answers = check.other_answers(model)
    return values, answers, check.problems


class _ReportCheck:
    """Checks a follow-up report against its application, gathering problems in order."""

    def __init__(self, document: Document, loaded: LoadedApplication) -> None:
        self.document = document
        self.loaded = loaded
        self.criteria = loaded.criteria
        self.declared = promises(self.criteria)
        self.questions = self.criteria.question_map
        self.problems: list[Problem] = []

    def add(self, path: DataPath, rule: str, message: Message, **kw: Any) -> None:
        self.problems.append(self.document.problem(path, rule, message, **kw))

    def grant_and_period(self, model: FollowUpReport) -> None:
        """The application was granted funds, and the period runs forward."""
        decision = self.loaded.model.decision
        if decision is None or decision.outcome not in GRANTING:
            self.add(
                ("application", "id"),
                "not-granted",
                Message(
                    N_("The application {id!r} has no decision granting it funds on record."),
                    {"id": self.loaded.model.id},
                ),
                severity=Severity.WARNING,
            )
        if model.period.end < model.period.start:
            self.add(
                ("period", "end"),
                "period-order",
                Message(
                    N_("The period ends ({end}) before it starts ({start})."),
                    {"end": model.period.end.isoformat(), "start": model.period.start.isoformat()},
                ),
            )
        self.problems.extend(check_dates(self.document, model, decision))

    def delivered_values(self, model: FollowUpReport) -> dict[str, Any]:
        """The typed values delivered against the promises; explanations name promises."""
        values: dict[str, Any] = {}
        for key, value in model.values.items():
            path: DataPath = ("values", key)
            if key not in self.declared:
                self.add(path, *self._not_a_promise(key), key=True)
                continue
            if value is None:
                continue
            typed, wrong = typed_answer(self.questions[key], value)
            if wrong is not None:
                self.add(path, "answer-type", wrong)
                continue
            if self.loaded.answers.get(key) is None:
                self.add(
                    path,
                    "nothing-promised",
                    Message(
                        N_("The application did not answer {id!r}, so nothing was promised."),
                        {"id": key},
                    ),
                    severity=Severity.WARNING,
                    key=True,
                )
            values[key] = typed
        for key in model.explanations:
            if key not in self.declared:
                self.add(("explanations", key), *self._not_a_promise(key), key=True)
        return values

    def other_answers(self, model: FollowUpReport) -> dict[str, Any]:
        """The typed answers to questions that are not promises."""
        answers: dict[str, Any] = {}
        for key, value in model.answers.items():
            path: DataPath = ("answers", key)
            if key in self.declared:
                self.add(
                    path,
                    "promise-in-answers",
                    Message(N_("{id!r} is a promise: report it under `values`."), {"id": key}),
                    key=True,
                )
            elif key not in self.questions:
                self.add(
                    path,
                    "unknown-answer",
                    Message(
                        N_("There is no question {id!r} in the criteria set {set!r}."),
                        {"id": key, "set": self.criteria.id},
                        did_you_mean(key, self.questions),
                    ),
                    key=True,
                )
            elif value is not None:
                typed, wrong = typed_answer(self.questions[key], value)
                if wrong is not None:
                    self.add(path, "answer-type", wrong)
                else:
                    answers[key] = typed
        return answers

    def _not_a_promise(self, key: str) -> tuple[str, Message]:
        return _not_a_promise(key, self.criteria.id, self.declared, self.questions)


def _not_a_promise(
    key: str, set_id: str, declared: Mapping[str, DeclaredPromise], questions: Mapping[str, Any]
) -> tuple[str, Message]:
    if key in questions:
        return "not-a-promise", Message(
            N_(
                "{id!r} is a question of {set!r} but not one of its promises (`follow_up`); "
                "report other answers under `answers`."
            ),
            {"id": key, "set": set_id},
        )
    return "unknown-promise", Message(
        N_("There is no promise {id!r} in the criteria set {set!r}."),
        {"id": key, "set": set_id},
        did_you_mean(key, declared),
    )
