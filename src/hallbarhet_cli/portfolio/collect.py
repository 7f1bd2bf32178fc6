"""Read a portfolio's inputs: application files (with their decisions) and follow-up
reports, named or found in folders. One bad file never stops the run: it becomes a
problem on record, and the rest is read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hallbarhet_cli.applications.loading import (
    LoadedApplication,
    application_from_document,
    kind_of,
    read_document,
)
from hallbarhet_cli.checks.checking import expand
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.errors import InputError, Message, Problem, Severity
from hallbarhet_cli.files.yamlload import Document, exists
from hallbarhet_cli.followup.loading import LoadedReport, report_from_document
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.scoring.assessment import Assessment
from hallbarhet_cli.scoring.engine import assess


@dataclass
class Entry:
    """One application with its assessment at the decision and its reports."""

    application: LoadedApplication
    assessment: Assessment
    reports: list[LoadedReport] = field(default_factory=list)

    def latest_report(self) -> LoadedReport | None:
        """The final report if there is one, else the latest progress report."""
        if not self.reports:
            return None
        return max(
            self.reports,
            key=lambda r: (r.model.report == "final", r.model.reported_at, r.document.file),
        )


@dataclass
class Inputs:
    entries: list[Entry]
    problems: list[Problem]
    skipped: int


def _problem(file: str, rule: str, message: Message) -> Problem:
    return Problem(file, None, None, rule, Severity.ERROR, message)


def collect(paths: Iterable[Path], library: CriteriaLibrary | None = None) -> Inputs:
    """Load every application and report in ``paths``; reports are matched to the
    applications among the inputs by id."""
    library = library or CriteriaLibrary()
    problems: list[Problem] = []
    entries: dict[str, Entry] = {}
    reports: list[tuple[Path, Document]] = []
    skipped = 0
    for path, named in expand(paths):
        if named and not exists(path):
            problems.append(
                _problem(str(path), "no-such-file", Message(N_("No such file or folder.")))
            )
            continue
        try:
            document = read_document(path, str(path))
            kind = kind_of(document)
            if kind == "follow-up":
                reports.append((path, document))
            elif kind == "application":
                loaded = application_from_document(document, path.parent, library)
                problems.extend(loaded.warnings)
                if loaded.model.id in entries:
                    first = entries[loaded.model.id].application.document.file
                    problems.append(
                        document.problem(
                            ("id",),
                            "duplicate-application",
                            Message(
                                N_("The application id {id!r} is already used in {file}."),
                                {"id": loaded.model.id, "file": first},
                            ),
                        )
                    )
                    continue
                result = assess(loaded.criteria, loaded.model, loaded.answers)
                entries[loaded.model.id] = Entry(loaded, result)
            elif named:
                problems.append(
                    document.problem(
                        ("kind",) if kind else (),
                        "not-portfolio-input",
                        Message(
                            N_(
                                "A portfolio reads applications and follow-up reports; this "
                                "file's kind is {kind!r}."
                            ),
                            {"kind": kind},
                        ),
                    )
                )
            else:
                skipped += 1
        except InputError as err:
            problems.extend(err.problems)
        except OSError as err:
            message = Message(
                N_("The file cannot be read: {reason}."), {"reason": err.strerror or str(err)}
            )
            problems.append(_problem(str(path), "unreadable", message))
    known = {key: entry.application for key, entry in entries.items()}
    for path, document in reports:
        try:
            report = report_from_document(document, path, library, known=known)
        except InputError as err:
            problems.extend(err.problems)
            continue
        problems.extend(report.warnings)
        entries[report.application.model.id].reports.append(report)
    ordered = [entries[key] for key in sorted(entries)]
    return Inputs(ordered, problems, skipped)
