"""Reports of ``hallbarhet validate``: the findings per file as text, JSON, GitHub workflow
annotations, JUnit XML or SARIF.

Every format keeps each finding's rule id and location; only the message text follows the
language. Reporters share one signature and are chosen by name from
:data:`hallbarhet_cli.checks.FINDINGS_REPORTERS`.
``strict`` says whether warnings fail, which matters where a format records pass or fail
(JUnit).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import socket
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any, Final
from urllib.parse import quote

from hallbarhet_cli.checks.checking import KINDS, FileResult
from hallbarhet_cli.criteria.lint import CHECKS
from hallbarhet_cli.errors import Problem, Severity
from hallbarhet_cli.files.printable import printable
from hallbarhet_cli.i18n import N_, gettext, ngettext
from hallbarhet_cli.indicators.rules import INDICATOR_RULES

# format_version 1: the first published shape of the findings JSON.
FORMAT_VERSION: Final = 1

SARIF_SCHEMA: Final = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

# What each rule that is not a lint check finds, for SARIF's rule list and the reference
# documentation. Lint checks are described by their docstrings (``lint.CHECKS``).
RULES: Final[dict[str, str]] = {
    "no-such-file": N_("No such file or folder."),
    "not-a-file": N_("A folder was given where a file was expected."),
    "unreadable": N_("The file cannot be read."),
    "file-too-large": N_("The file is larger than the size limit."),
    "binary-file": N_("A binary file was given where a YAML text file was expected."),
    "encoding": N_("The file is not UTF-8 text."),
    "empty-file": N_("The file is empty."),
    "several-documents": N_("The file holds more than one YAML document."),
    "yaml-syntax": N_("The file is not valid YAML."),
    "yaml-tag": N_("A YAML tag other than plain data; nothing is ever constructed."),
    "yaml-key": N_("A mapping key that is not plain text."),
    "yaml-value": N_("A value that looks like a number or a date but is not a valid one."),
    "duplicate-key": N_("A key appears twice in the same mapping."),
    "too-deep": N_("The file is nested deeper than the limit."),
    "too-many-values": N_("The file expands to more values than the limit."),
    "unknown-kind": N_("The file's `kind` is not one that hallbarhet reads."),
    "unknown-key": N_("A key the file format does not have, often a typo."),
    "missing-key": N_("A required key is missing."),
    "schema": N_("A value of the wrong type, or out of range, for the file format."),
    "not-criteria": N_("A file named as a criteria set is not one."),
    "not-application": N_("The file is not an application."),
    "criteria-not-found": N_("The criteria set named cannot be found."),
    "criteria-version": N_("The criteria set is found, but not at the version named."),
    "criteria-escape": N_("A criteria path leads outside the allowed folders."),
    "extends-cycle": N_("Criteria sets extend each other in a cycle."),
    "duplicate-id": N_("An id is used twice in a criteria set and the sets it extends."),
    "no-criteria": N_("The application names no criteria set."),
    "placeholder": N_("A template's placeholder that has not been replaced with an answer."),
    "not-applicable": N_("The criteria set does not apply to this type of application."),
    "budget-exceeds": N_("The requested amount is more than the total budget."),
    "period-order": N_("The project period ends before it starts."),
    "unknown-answer": N_("An answer to a question that the criteria set does not have."),
    "answer-type": N_("An answer of the wrong type for its question."),
    "answer-range": N_("A number answer outside its question's limits."),
    "answer-option": N_("An answer that is not one of its question's options."),
    "unknown-criterion": N_("A review score for a criterion that the set does not have."),
    "score-ignored": N_("A review score for a criterion that is scored from the answers."),
    "score-range": N_("A review score above the criterion's maximum."),
    "override-range": N_("An officer's override above the criterion's maximum."),
    "override-comment": N_("An officer's override without a comment saying why."),
    "mapping-no-answers": N_("A column mapping that maps no answers, so nothing can be scored."),
    "score-level": N_(
        "A review score that names no level of the criterion's scale, or gives points where "
        "the criterion is graded by named levels."
    ),
    "unknown-gate": N_("A cleared gate that the set does not have."),
    "clear-exclusion": N_("An exclusion gate marked as cleared; only review gates can be."),
    "not-criteria-test": N_("The file is not a criteria test."),
    "duplicate-case": N_("Two test cases have the same name."),
    "case-source": N_("A test case takes its application from both a file and inline answers."),
    "empty-expectation": N_("A test case that expects nothing."),
    "unreachable-points": N_("A test case expects points that the criterion can never give."),
    "never-missing": N_("A test case expects a question to be missing that never can be."),
    "percent-range": N_("A percent range without limits, or with `min` above `max`."),
    "application-escape": N_("An application path leads outside the allowed folders."),
    "application-not-found": N_("The application file named cannot be found."),
    "json-syntax": N_("A line of a JSON Lines file is not valid JSON."),
    "not-object": N_("A line of a JSON Lines file is not one application object."),
    "not-mapping": N_("The file is not a column mapping."),
    "delimiter": N_("A CSV export read with another delimiter than the one it uses."),
    "ragged-row": N_("A CSV row with more or fewer cells than the header."),
    "budget": N_("The round's budget is not a finite amount."),
    "mapping-source": N_("A mapped field needs exactly one of `column` and `value`."),
    "mapping-encoding": N_("A column mapping names an unknown text encoding."),
    "unknown-column": N_("A column mapping names a column the export does not have."),
    "ambiguous-column": N_("The export has more than one column with the mapped name."),
    "unknown-sheet": N_("The workbook has no sheet with the name given."),
    "no-results": N_("A folder of batch results without results.jsonl."),
    "not-results": N_(
        "A folder or a line of results.jsonl that is not a result of hallbarhet batch."
    ),
    "output": N_("The output cannot be written."),
    "reports": N_("A report format that this version of hallbarhet does not have."),
    "template": N_("A report template cannot be rendered."),
    "pdf": N_("PDF reports need the optional WeasyPrint extra."),
    **INDICATOR_RULES,
    "decision-amount": N_("A decision's granted amount does not fit its outcome."),
    "decision-exceeds": N_("A decision grants more than the application requested."),
    "decision-outcome": N_("A partly granted decision that grants the whole amount requested."),
    "decision-before-submitted": N_("A decision dated before the application was submitted."),
    "decision-in-future": N_("A decision dated after today."),
    "report-before-decision": N_("A follow-up report dated before the decision it follows up."),
    "period-before-decision": N_("A follow-up report's period starts before the decision."),
    "period-after-report": N_("A follow-up report's period ends after the report was written."),
    "not-assessed": N_("A batch result for an input that the batch could not assess."),
    "results-criteria-changed": N_(
        "A batch result's criteria set has changed since, though its version is the same."
    ),
    "no-ex-post": N_("An application read from a batch result cannot be scored again ex post."),
    "not-follow-up": N_("The file is not a follow-up report."),
    "unknown-application": N_("A follow-up report names an application that cannot be found."),
    "application-id": N_("The application file given has another id than the report names."),
    "not-granted": N_("A follow-up report for an application with no decision granting funds."),
    "unknown-promise": N_("A follow-up report gives a value for a promise the set does not have."),
    "not-a-promise": N_("A follow-up value for a question that the set does not follow up."),
    "nothing-promised": N_("A follow-up value for a promise the application did not make."),
    "promise-in-answers": N_("A promise reported under `answers` instead of `values`."),
    "duplicate-application": N_("Two applications in a portfolio have the same id."),
    "not-portfolio-input": N_("A file given to `portfolio` is not an application or a report."),
}
_UNDESCRIBED: Final = N_("A finding reported by hallbarhet.")
_FIRST_SENTENCE: Final = re.compile(r"(.+?[.!?])(?:\s|$)", re.DOTALL)


def rule_doc(rule: str) -> tuple[str, str, Severity | None]:
    """The English short and full description of ``rule``, and its default severity when
    it is a lint check."""
    check = CHECKS.get(rule)
    if check is None:
        text = RULES.get(rule, _UNDESCRIBED)
        return text, text, None
    full = " ".join(check.doc.split()).replace("``", "`")
    match = _FIRST_SENTENCE.match(full)
    return (match.group(1) if match else full), full, check.severity


def counts(results: Sequence[FileResult]) -> tuple[int, int]:
    problems = [p for r in results for p in r.problems]
    errors = sum(p.severity is Severity.ERROR for p in problems)
    return errors, len(problems) - errors


def summary(results: Sequence[FileResult], lang: str) -> str:
    """``3 files checked: 1 error, 0 warnings`` in ``lang``."""
    errors, warnings = counts(results)
    n = len(results)
    text = ngettext("{n} file checked", "{n} files checked", n, lang).format(n=n)
    return f"{text}: {_tally(errors, warnings, lang)}"


def _tally(errors: int, warnings: int, lang: str) -> str:
    return (
        ngettext("{n} error", "{n} errors", errors, lang).format(n=errors)
        + ", "
        + ngettext("{n} warning", "{n} warnings", warnings, lang).format(n=warnings)
    )


def render_text(results: Sequence[FileResult], lang: str, strict: bool = False) -> str:
    lines = [printable(p.render(lang)) for r in results for p in r.problems]
    return "\n".join([*lines, summary(results, lang)]) + "\n"


def render_json(results: Sequence[FileResult], lang: str, strict: bool = False) -> str:
    errors, warnings = counts(results)
    payload: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "files": [
            {
                "file": r.file,
                "kind": r.kind,
                "problems": [p.to_json(lang) for p in r.problems],
            }
            for r in results
        ],
        "summary": {"files": len(results), "errors": errors, "warnings": warnings},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def relative_path(file: str) -> str:
    """``file`` with forward slashes, relative to the current folder when it is inside it:
    how CI services name files of the checked-out repository."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_posix()
    return PurePath(path).as_posix()


# --- GitHub workflow commands ---------------------------------------------------------
# https://docs.github.com/actions/reference/workflow-commands-for-github-actions


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(problem: Problem, lang: str) -> str:
    props = [f"file={_escape_property(printable(relative_path(problem.file)))}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
        props.append(f"col={problem.column or 1}")
    props.append(f"title={_escape_property(problem.rule)}")
    message = _escape_data(printable(problem.message.render(lang)))
    return f"::{problem.severity.value} {','.join(props)}::{message}"


def render_github(results: Sequence[FileResult], lang: str, strict: bool = False) -> str:
    """One ``::error`` or ``::warning`` workflow command per finding, then the summary."""
    lines = [_annotation(p, lang) for r in results for p in r.problems]
    return "\n".join([*lines, summary(results, lang)]) + "\n"


# --- JUnit XML (the Apache Ant schema that CI services read) -----------------------------

_XML_INVALID: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def _timestamp() -> str:
    """Now in UTC, or ``SOURCE_DATE_EPOCH`` when it is set, so output can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else None
    except (ValueError, OverflowError, OSError):
        when = None
    return (when or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%S")


def _fails(result: FileResult, strict: bool) -> bool:
    return any(p.severity is Severity.ERROR or strict for p in result.problems)


def render_junit(results: Sequence[FileResult], lang: str, strict: bool = False) -> str:
    """One test suite per kind of file, one test case per file; a file with errors (or,
    with ``strict``, warnings) fails, and its failure lists every finding with its rule.
    Warnings of files that pass go to the suite's ``system-out``."""
    import xml.etree.ElementTree as ET

    from hallbarhet_cli import __version__

    groups: dict[str, list[FileResult]] = {}
    for result in results:
        kind = result.kind if result.kind in KINDS else "other"
        groups.setdefault(kind, []).append(result)
    # A reproducible run names no machine.
    host = "localhost" if "SOURCE_DATE_EPOCH" in os.environ else socket.gethostname()
    root = ET.Element("testsuites")
    for index, kind in enumerate(k for k in (*KINDS, "other") if k in groups):
        members = groups[kind]
        failed = [r for r in members if _fails(r, strict)]
        suite = ET.SubElement(
            root,
            "testsuite",
            {
                "name": kind,
                "package": "hallbarhet.validate",
                "id": str(index),
                "timestamp": _timestamp(),
                "hostname": host or "localhost",
                "tests": str(len(members)),
                "failures": str(len(failed)),
                "errors": "0",
                "skipped": "0",
                "time": "0",
            },
        )
        properties = ET.SubElement(suite, "properties")
        for name, value in (("hallbarhet.version", __version__), ("strict", str(strict).lower())):
            ET.SubElement(properties, "property", {"name": name, "value": value})
        passed_output: list[str] = []
        for result in members:
            case = ET.SubElement(
                suite,
                "testcase",
                {
                    "name": _xml_text(printable(result.file)),
                    "classname": f"hallbarhet.validate.{kind}",
                    "time": "0",
                },
            )
            lines = [_xml_text(printable(p.render(lang))) for p in result.problems]
            if result in failed:
                errors = sum(p.severity is Severity.ERROR for p in result.problems)
                rules = dict.fromkeys(
                    p.rule for p in result.problems if strict or p.severity is Severity.ERROR
                )
                failure = ET.SubElement(
                    case,
                    "failure",
                    {
                        "message": _tally(errors, len(result.problems) - errors, lang),
                        "type": " ".join(rules),
                    },
                )
                failure.text = "\n".join(lines) + "\n"
            else:
                passed_output.extend(lines)
        ET.SubElement(suite, "system-out").text = "\n".join(passed_output)
        ET.SubElement(suite, "system-err").text = ""
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --- SARIF 2.1.0 -------------------------------------------------------------------------


def _sarif_rule(rule: str, lang: str) -> dict[str, Any]:
    short, full, severity = rule_doc(rule)
    if severity is None:
        short = full = gettext(short, lang)
    entry: dict[str, Any] = {
        "id": rule,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
    }
    if severity is not None:
        entry["defaultConfiguration"] = {"level": severity.value}
    return entry


def _uri(file: str) -> str:
    path = relative_path(file)
    return Path(path).as_uri() if Path(path).is_absolute() else quote(path, safe="/")


def _sarif_location(problem: Problem) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(problem.file)}}
    if problem.line is not None:
        physical["region"] = {"startLine": problem.line, "startColumn": problem.column or 1}
    return {"physicalLocation": physical}


def render_sarif(results: Sequence[FileResult], lang: str, strict: bool = False) -> str:
    """One SARIF run: the rules used (lint checks described by their docstrings) and one
    result per finding, located by relative path, line and column."""
    from hallbarhet_cli import __version__

    problems = [p for r in results for p in r.problems]
    rule_ids = sorted({p.rule for p in problems})
    index = {rule: i for i, rule in enumerate(rule_ids)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "hallbarhet",
                        "version": __version__,
                        "rules": [_sarif_rule(rule, lang) for rule in rule_ids],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    {
                        "ruleId": p.rule,
                        "ruleIndex": index[p.rule],
                        "level": p.severity.value,
                        "message": {"text": p.message.render(lang)},
                        "locations": [_sarif_location(p)],
                    }
                    for p in problems
                ],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
