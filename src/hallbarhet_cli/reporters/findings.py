"""Reports of ``hallbarhet validate``: the findings per file as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from hallbarhet_cli.checking import FileResult
from hallbarhet_cli.errors import Severity
from hallbarhet_cli.i18n import ngettext


def counts(results: Sequence[FileResult]) -> tuple[int, int]:
    problems = [p for r in results for p in r.problems]
    errors = sum(p.severity is Severity.ERROR for p in problems)
    return errors, len(problems) - errors


def render_text(results: Sequence[FileResult], lang: str) -> str:
    lines = [p.render(lang) for r in results for p in r.problems]
    errors, warnings = counts(results)
    n = len(results)
    summary = ngettext("{n} file checked", "{n} files checked", n, lang).format(n=n)
    summary += ": " + ngettext("{n} error", "{n} errors", errors, lang).format(n=errors)
    summary += ", " + ngettext("{n} warning", "{n} warnings", warnings, lang).format(n=warnings)
    return "\n".join([*lines, summary]) + "\n"


def render_json(results: Sequence[FileResult], lang: str) -> str:
    errors, warnings = counts(results)
    payload: dict[str, Any] = {
        "format_version": 1,
        "files": [
            {
                "file": r.file,
                "kind": r.kind,
                "problems": [
                    {
                        "file": p.file,
                        "line": p.line,
                        "column": p.column,
                        "rule": p.rule,
                        "severity": p.severity.value,
                        "message": p.message.render(lang),
                    }
                    for p in r.problems
                ],
            }
            for r in results
        ],
        "summary": {"files": len(results), "errors": errors, "warnings": warnings},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
