"""Read a portfolio's inputs: application files (with their decisions), JSON Lines files
of applications (as ``hallbarhet batch`` reads them), folders that ``hallbarhet batch``
wrote, and follow-up reports, named or found in folders. One bad file or line never stops
the run: it becomes a problem on record, and the rest is read."""

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
from hallbarhet_cli.batch.inputs import InputKind, ProblemItem, kind_of_path
from hallbarhet_cli.batch.lines import LineError, application_from_line, read_lines
from hallbarhet_cli.checks.checking import expand
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.errors import InputError, Message, Problem, Severity
from hallbarhet_cli.files.yamlload import Document, exists, is_dir
from hallbarhet_cli.followup.loading import LoadedReport, report_from_document
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.portfolio.results import batch_folders_in, is_batch_folder, read_batch_folder
from hallbarhet_cli.portfolio.scored import Scored, scored
from hallbarhet_cli.scoring.engine import assess


@dataclass
class Entry:
    """One application with its assessment at the decision and its reports. ``source``
    is where it was read (a file, ``file:line``)."""

    application: LoadedApplication
    assessment: Scored
    source: str
    # A result read back from a batch lacks what scoring it again takes (the review, the
    # answers only gates read); ``whole`` is then the application file its report leads
    # to, when that is found with the same id and criteria set.
    recorded: bool = False
    whole: LoadedApplication | None = None
    reports: list[LoadedReport] = field(default_factory=list)

    def rescoring_basis(self) -> LoadedApplication | None:
        """The application with all that scoring it again takes, if there is one."""
        return self.whole if self.recorded else self.application

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


@dataclass
class _Collector:
    library: CriteriaLibrary
    problems: list[Problem] = field(default_factory=list)
    entries: dict[str, Entry] = field(default_factory=dict)
    reports: list[tuple[Path, Document]] = field(default_factory=list)
    skipped: int = 0

    def add(self, entry: Entry) -> None:
        loaded = entry.application
        self.problems.extend(loaded.warnings)
        first = self.entries.get(loaded.model.id)
        if first is not None:
            self.problems.append(
                loaded.document.problem(
                    () if entry.recorded else ("id",),
                    "duplicate-application",
                    Message(
                        N_("The application id {id!r} is already used in {file}."),
                        {"id": loaded.model.id, "file": first.source},
                    ),
                )
            )
            return
        self.entries[loaded.model.id] = entry

    def assessed(self, loaded: LoadedApplication, source: str) -> None:
        result = assess(loaded.criteria, loaded.model, loaded.answers)
        self.add(Entry(loaded, scored(result), source))

    def read_jsonl(self, path: Path) -> None:
        for item in read_lines(path, str(path)):
            if isinstance(item, ProblemItem):
                self.problems.append(item.problem)
                continue
            try:
                loaded = application_from_line(item, self.library)
            except LineError as err:
                self.problems.extend(err.problems)
                continue
            self.assessed(loaded, f"{item.file}:{item.line}")

    def read_batch(self, folder: Path) -> None:
        for found in read_batch_folder(folder, self.library):
            if isinstance(found, Problem):
                self.problems.append(found)
            else:
                self.add(Entry(found.application, found.scored, found.source, recorded=True))

    def read_file(self, path: Path, named: bool) -> None:
        document = read_document(path, str(path))
        kind = kind_of(document)
        if kind == "follow-up":
            self.reports.append((path, document))
        elif kind == "application":
            self.assessed(application_from_document(document, path.parent, self.library), str(path))
        elif named:
            self.problems.append(
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
            self.skipped += 1


def collect(paths: Iterable[Path], library: CriteriaLibrary | None = None) -> Inputs:
    """Load every application and report in ``paths``; reports are matched to the
    applications among the inputs by id."""
    found = _Collector(library or CriteriaLibrary())
    for given in paths:
        if is_batch_folder(given):
            found.read_batch(given)
            continue
        # A folder of rounds may hold batch result folders as well as application files.
        for folder in batch_folders_in(given) if is_dir(given) else []:
            found.read_batch(folder)
        _read(found, given)
    _match_reports(found)
    ordered = [found.entries[key] for key in sorted(found.entries)]
    return Inputs(ordered, found.problems, found.skipped)


def _read(found: _Collector, given: Path) -> None:
    """A file, or the files in a folder, that is not a batch's result folder."""
    for path, named in expand([given]):
        if named and not exists(path):
            found.problems.append(
                _problem(str(path), "no-such-file", Message(N_("No such file or folder.")))
            )
            continue
        try:
            if named and kind_of_path(path) is InputKind.JSONL:
                found.read_jsonl(path)
            else:
                found.read_file(path, named)
        except InputError as err:
            found.problems.extend(err.problems)
        except OSError as err:
            message = Message(
                N_("The file cannot be read: {reason}."), {"reason": err.strerror or str(err)}
            )
            found.problems.append(_problem(str(path), "unreadable", message))


def _match_reports(found: _Collector) -> None:
    known = {key: entry.application for key, entry in found.entries.items()}
    for path, document in found.reports:
        try:
            report = report_from_document(document, path, found.library, known=known)
        except InputError as err:
            found.problems.extend(err.problems)
            continue
        found.problems.extend(report.warnings)
        entry = found.entries[report.application.model.id]
        if entry.recorded and entry.whole is None:
            entry.whole = _whole_application(document, path, found.library, entry.application)
        entry.reports.append(report)
    for entry in found.entries.values():
        if entry.recorded and entry.reports and entry.whole is None:
            found.problems.append(
                entry.application.document.problem(
                    (),
                    "no-ex-post",
                    Message(
                        N_(
                            "{id!r} is read from a batch result, which does not hold all that "
                            "scoring it again takes: there is no ex-post verdict. Give the "
                            "application file instead to see it."
                        ),
                        {"id": entry.application.model.id},
                    ),
                    Severity.WARNING,
                )
            )


def _whole_application(
    document: Document, path: Path, library: CriteriaLibrary, recorded: LoadedApplication
) -> LoadedApplication | None:
    """The application file a report leads to (its ``application.path``, or the search of
    the report's folder and the folder above, as ``hallbarhet followup`` does), if it has
    the recorded id and was assessed with the very same criteria set."""
    try:
        whole = report_from_document(document, path, library).application
    except InputError:
        return None
    same = whole.model.id == recorded.model.id and whole.criteria.sha256 == recorded.criteria.sha256
    return whole if same else None
