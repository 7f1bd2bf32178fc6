"""Reports of ``hallbarhet test``: each case passed or failed (with what was expected and
what came out), the rule coverage per criteria set, and a summary; as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

from hallbarhet_cli import fmt
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.criteriatests.runner import (
    CaseResult,
    CriteriaTestResult,
    Failure,
    Rule,
    SetCoverage,
)
from hallbarhet_cli.errors import Problem, Severity
from hallbarhet_cli.i18n import N_, gettext, ngettext
from hallbarhet_cli.reporters.views import VERDICT_LABELS
from hallbarhet_cli.scoring.assessment import Verdict
from hallbarhet_cli.scoring.explain import Explainer

# format_version 1: the first published shape of the test report JSON.
FORMAT_VERSION: Final = 1

_PASS: Final = N_("PASS")
_FAIL: Final = N_("FAIL")


def below_minimum(coverages: Sequence[SetCoverage], minimum: float | None) -> list[SetCoverage]:
    """The sets whose rule coverage is below ``minimum`` percent."""
    if minimum is None:
        return []
    return [c for c in coverages if c.percent < minimum]


# -- words ------------------------------------------------------------------------------
def _verdict(value: Any, lang: str) -> str:
    try:
        label = gettext(VERDICT_LABELS[Verdict(value)], lang)
    except ValueError:
        return str(value)
    return f"{value} ({label})"


def _percent(value: float | None, lang: str) -> str:
    if value is None:
        return gettext(N_("no percent"), lang)
    # Up to three decimals: a bound missed by a hair should show why.
    text = fmt.number(value, lang)
    return f"{text}\u00a0%" if lang == "sv" else f"{text}%"


def _range(expected: dict[str, float | None], lang: str) -> str:
    low, high = expected["min"], expected["max"]
    if low is not None and high is not None:
        return gettext(N_("{min} to {max}"), lang).format(
            min=fmt.percent(low, lang), max=fmt.percent(high, lang)
        )
    if low is not None:
        return gettext(N_("at least {min}"), lang).format(min=fmt.percent(low, lang))
    return gettext(N_("at most {max}"), lang).format(max=fmt.percent(high or 0, lang))


def _ids(ids: Sequence[str], lang: str) -> str:
    return ", ".join(ids) if ids else gettext(N_("none"), lang)


def failure_message(failure: Failure, case: CaseResult, criteria: ResolvedSet, lang: str) -> str:
    """One expectation that failed, in words: expected against actual."""
    kind, expected, actual = failure.expectation, failure.expected, failure.actual
    explain = Explainer(criteria, lang)
    if kind == "verdict":
        return gettext(N_("Verdict: expected {expected}, got {actual}."), lang).format(
            expected=_verdict(expected, lang), actual=_verdict(actual, lang)
        )
    if kind == "criteria":
        assert failure.subject is not None
        result = next(r for r in case.assessment.criteria if r.id == failure.subject)
        return gettext(
            N_("{id} {title}: expected {expected} p, got {actual} p: {reason}"), lang
        ).format(
            id=failure.subject,
            title=explain.criterion_title(failure.subject),
            expected=expected,
            actual=actual,
            reason=explain.reason(result),
        )
    if kind in ("gates_fired", "gates_include", "missing"):
        template = {
            "gates_fired": N_("Gates fired: expected exactly {expected}, got {actual}."),
            "gates_include": N_("Gates fired: expected at least {expected}, got {actual}."),
            "missing": N_("Missing answers: expected {expected}, got {actual}."),
        }[kind]
        return gettext(template, lang).format(
            expected=_ids(expected, lang), actual=_ids(actual, lang)
        )
    if kind == "overall_percent":
        return gettext(N_("Overall percent: expected {expected}, got {actual}."), lang).format(
            expected=_range(expected, lang), actual=_percent(actual, lang)
        )
    assert failure.subject is not None
    return gettext(N_("{dimension}: expected {expected}, got {actual}."), lang).format(
        dimension=explain.dimension_title(failure.subject),
        expected=_range(expected, lang),
        actual=_percent(actual, lang),
    )


def rule_message(rule: Rule, criteria: ResolvedSet, lang: str) -> str:
    """A rule that no case exercised, in words."""
    if rule.kind == "gate":
        return gettext(N_("Gate {id}: no case fires it."), lang).format(id=rule.id)
    if rule.kind == "manual":
        return gettext(N_("{id} (scored by the case officer): no case scores it."), lang).format(
            id=rule.id
        )
    assert rule.level is not None
    return gettext(N_("{id} level {n}, {level}: no case reaches it."), lang).format(
        id=rule.id,
        n=rule.level + 1,
        level=Explainer(criteria, lang).level_name(rule.id, rule.level),
    )


def _location(file: str, line: int | None, column: int | None = None) -> str:
    if line is None:
        return file
    return f"{file}:{line}" if column is None else f"{file}:{line}:{column}"


def _set_name(criteria: ResolvedSet) -> str:
    return f"{criteria.id} {criteria.version}"


def _summary(results: Sequence[CriteriaTestResult], lang: str) -> str:
    cases = [c for r in results for c in r.cases]
    passed = sum(c.passed for c in cases)
    failed = len(cases) - passed
    broken = sum(r.broken for r in results)
    files = ngettext("{n} test file", "{n} test files", len(results), lang).format(n=len(results))
    text = files + ", " + ngettext("{n} case", "{n} cases", len(cases), lang).format(n=len(cases))
    text += ": " + ngettext("{n} passed", "{n} passed", passed, lang).format(n=passed)
    text += ", " + ngettext("{n} failed", "{n} failed", failed, lang).format(n=failed)
    if broken:
        text += ", " + ngettext(
            "{n} file could not be run", "{n} files could not be run", broken, lang
        ).format(n=broken)
    return text


# -- text -------------------------------------------------------------------------------
def render_text(
    results: Sequence[CriteriaTestResult],
    coverages: Sequence[SetCoverage],
    lang: str,
    minimum: float | None = None,
) -> str:
    passed, failed = gettext(_PASS, lang), gettext(_FAIL, lang)
    width = max(len(passed), len(failed))
    lines: list[str] = []
    for result in results:
        header = result.file
        if result.criteria is not None:
            header += f" ({_set_name(result.criteria)})"
        lines.append(header)
        lines.extend(f"  {p.render(lang)}" for p in result.problems)
        for case in result.cases:
            if case.passed:
                lines.append(f"  {passed:<{width}}  {case.name}")
                continue
            where = _location(result.file, case.line)
            lines.append(f"  {failed:<{width}}  {case.name} ({where})")
            assert result.criteria is not None
            for failure in case.failures:
                message = failure_message(failure, case, result.criteria, lang)
                lines.append(f"  {'':<{width}}    {message}")
        lines.append("")
    if coverages:
        lines.append(gettext(N_("Rule coverage"), lang))
        for cov in coverages:
            total = len(cov.rules)
            counted = ngettext(
                "{covered} of {total} rule", "{covered} of {total} rules", total, lang
            ).format(covered=cov.covered_count, total=total)
            lines.append(
                f"  {_set_name(cov.criteria)}: {fmt.percent(cov.percent, lang)} ({counted})"
            )
            for rule in cov.uncovered:
                where = _location(rule.file, rule.line, rule.column)
                lines.append(f"    {where}: {rule_message(rule, cov.criteria, lang)}")
        lines.append("")
    for cov in below_minimum(coverages, minimum):
        assert minimum is not None
        lines.append(
            gettext(
                N_("Rule coverage of {set} is {percent}, below the required {minimum}."), lang
            ).format(
                set=_set_name(cov.criteria),
                percent=fmt.percent(cov.percent, lang),
                minimum=fmt.percent(minimum, lang),
            )
        )
    lines.append(_summary(results, lang))
    return "\n".join(lines) + "\n"


# -- JSON -------------------------------------------------------------------------------
def _problem(problem: Problem, lang: str) -> dict[str, Any]:
    return problem.to_json(lang)


def _set(criteria: ResolvedSet) -> dict[str, Any]:
    return {
        "id": criteria.id,
        "version": criteria.version,
        "file": criteria.root.document.file,
        "sha256": criteria.sha256,
    }


def _case(case: CaseResult, criteria: ResolvedSet, lang: str) -> dict[str, Any]:
    result = case.assessment
    return {
        "name": case.name,
        "line": case.line,
        "passed": case.passed,
        "actual": {
            "verdict": result.verdict.value,
            "overall_percent": result.overall_percent,
            "dimensions": {d.id: d.percent for d in result.dimensions},
            "criteria": {r.id: r.points for r in result.criteria},
            "gates_fired": [g.id for g in result.gates],
            "missing": [m.question for m in result.missing],
        },
        "failures": [
            {
                "expectation": f.expectation,
                "subject": f.subject,
                "expected": f.expected,
                "actual": f.actual,
                "message": failure_message(f, case, criteria, lang),
            }
            for f in case.failures
        ],
    }


def render_json(
    results: Sequence[CriteriaTestResult],
    coverages: Sequence[SetCoverage],
    lang: str,
    minimum: float | None = None,
) -> str:
    cases = [c for r in results for c in r.cases]
    payload: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "files": [
            {
                "file": r.file,
                "criteria_set": _set(r.criteria) if r.criteria is not None else None,
                "problems": [_problem(p, lang) for p in r.problems],
                "cases": [_case(c, r.criteria, lang) for c in r.cases if r.criteria is not None],
            }
            for r in results
        ],
        "coverage": [
            {
                "criteria_set": _set(cov.criteria),
                "percent": cov.percent,
                "covered": cov.covered_count,
                "total": len(cov.rules),
                "uncovered": [
                    {
                        "kind": rule.kind,
                        "id": rule.id,
                        "level": rule.level,
                        "points": rule.points,
                        "file": rule.file,
                        "line": rule.line,
                        "column": rule.column,
                        "message": rule_message(rule, cov.criteria, lang),
                    }
                    for rule in cov.uncovered
                ],
            }
            for cov in coverages
        ],
        "summary": {
            "files": len(results),
            "files_not_run": sum(r.broken for r in results),
            "cases": len(cases),
            "passed": sum(c.passed for c in cases),
            "failed": sum(not c.passed for c in cases),
            "errors": sum(p.severity is Severity.ERROR for r in results for p in r.problems),
            "min_coverage": minimum,
            "below_min_coverage": [c.criteria.id for c in below_minimum(coverages, minimum)],
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
