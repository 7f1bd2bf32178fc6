"""Check files of any kind: criteria sets (schema, ``extends`` and lint), applications
(schema and answers against their set), criteria tests (schema, expectations and each
case's answers against their set), batch column mappings, indicator sets and indicator
data files named on the command line. Used by ``hallbarhet validate``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from hallbarhet_cli.applications.loading import application_from_document, kind_of, read_document
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.criteria.lint import lint
from hallbarhet_cli.errors import InputError, Message, Problem, Severity, unique
from hallbarhet_cli.files.yamlload import exists, is_dir, iter_yaml_files
from hallbarhet_cli.i18n import N_

KINDS = (
    "criteria-set",
    "application",
    "criteria-test",
    "mapping",
    "indicator-set",
    "indicator-mapping",
    "follow-up",
)
# Problems that mean a file could not be read at all — missing, not a file, binary, not
# text, not valid YAML, or beyond a limit on reading (size, depth, expanded values):
# unreadable input, which is exit 2, not a finding.
UNREADABLE: Final = frozenset(
    {
        "no-such-file",
        "not-a-file",
        "unreadable",
        "file-too-large",
        "binary-file",
        "encoding",
        "yaml-syntax",
        "too-deep",
        "too-many-values",
    }
)


def unreadable(results: Iterable[FileResult]) -> bool:
    """Whether any file checked could not be read (see :data:`UNREADABLE`)."""
    return any(
        p.rule in UNREADABLE and p.severity is Severity.ERROR for r in results for p in r.problems
    )


@dataclass
class FileResult:
    """The outcome of checking one file."""

    file: str
    kind: str | None
    problems: list[Problem] = field(default_factory=list)


def expand(paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """Files named and YAML files inside folders named; the flag says "named directly"."""
    for path in paths:
        if is_dir(path):
            for found in iter_yaml_files(path):
                yield found, False
        else:
            yield path, True


def check_file(path: Path, library: CriteriaLibrary) -> FileResult:
    """Check one file; never raises for a bad file."""
    display = str(path)
    if path.suffix.lower() == ".csv":
        from hallbarhet_cli.indicators.validate import check_data_file

        return FileResult(display, "indicator-data", unique(check_data_file(path, display)))
    try:
        document = read_document(path, display)
    except InputError as err:
        return FileResult(display, None, err.problems)
    kind = kind_of(document)
    result = FileResult(display, kind)
    try:
        if kind == "criteria-set":
            own = library.load(path.resolve())
            resolved = library.resolve_path(path)
            result.problems.extend(lint(own, resolved))
        elif kind == "application":
            loaded = application_from_document(document, path.parent, library)
            result.problems.extend(loaded.warnings)
        elif kind == "criteria-test":
            from hallbarhet_cli.criteriatests.cases import criteria_test_from_document

            test = criteria_test_from_document(document, path, library)
            result.problems.extend(test.warnings)
        elif kind == "follow-up":
            from hallbarhet_cli.followup.loading import report_from_document

            report = report_from_document(document, path, library)
            result.problems.extend(report.warnings)
        elif kind == "mapping":
            from hallbarhet_cli.batch.mapping import load_mapping

            load_mapping(path, library)
        elif kind == "indicator-set":
            from hallbarhet_cli.indicators.validate import check_document

            result.problems.extend(check_document(document, path))
        elif kind == "indicator-mapping":
            from hallbarhet_cli.indicators.mapping import load_indicator_mapping

            load_indicator_mapping(path)
        else:
            result.problems.append(
                document.problem(
                    ("kind",) if kind else (),
                    "unknown-kind",
                    Message(
                        N_("Not a hallbarhet file: `kind` must be one of {kinds}, got {kind!r}."),
                        {"kinds": ", ".join(KINDS), "kind": kind},
                    ),
                    key=kind is not None,
                )
            )
    except InputError as err:
        result.problems.extend(err.problems)
    result.problems = unique(result.problems)
    return result


def _unusable(path: Path, rule: str, message: Message) -> FileResult:
    """The result for a file that could not be checked at all."""
    problem = Problem(str(path), None, None, rule, Severity.ERROR, message)
    return FileResult(str(path), None, [problem])


def check_paths(paths: Iterable[Path], library: CriteriaLibrary | None = None) -> list[FileResult]:
    """Check every file named or found in a folder named, in a stable order."""
    library = library or CriteriaLibrary()
    results = []
    for path, named in expand(paths):
        if named and not exists(path):
            message = Message(N_("No such file or folder."))
            results.append(_unusable(path, "no-such-file", message))
            continue
        try:
            results.append(check_file(path, library))
        except OSError as err:  # one unreadable file never stops the run
            message = Message(
                N_("The file cannot be read: {reason}."), {"reason": err.strerror or str(err)}
            )
            results.append(_unusable(path, "unreadable", message))
    return results
