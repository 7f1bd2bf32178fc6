"""``hallbarhet validate``: checking files of every kind, and the findings as text, JSON,
GitHub annotations, JUnit and SARIF.

The findings reporters are chosen by name from :data:`FINDINGS_REPORTERS`, one signature
for all: the results per file, the language and whether warnings fail. The command's
``--format`` choices are the names in it; a reporter's module is imported when it is first
used, so building the command stays quick.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from hallbarhet_cli.checks.checking import FileResult

    FindingsReporter = Callable[[Sequence[FileResult], str, bool], str]


def _text(results: Sequence[FileResult], lang: str, strict: bool) -> str:
    from hallbarhet_cli.checks.findings import render_text

    return render_text(results, lang, strict)


def _json(results: Sequence[FileResult], lang: str, strict: bool) -> str:
    from hallbarhet_cli.checks.findings import render_json

    return render_json(results, lang, strict)


def _github(results: Sequence[FileResult], lang: str, strict: bool) -> str:
    from hallbarhet_cli.checks.findings import render_github

    return render_github(results, lang, strict)


def _junit(results: Sequence[FileResult], lang: str, strict: bool) -> str:
    from hallbarhet_cli.checks.findings import render_junit

    return render_junit(results, lang, strict)


def _sarif(results: Sequence[FileResult], lang: str, strict: bool) -> str:
    from hallbarhet_cli.checks.findings import render_sarif

    return render_sarif(results, lang, strict)


FINDINGS_REPORTERS: Final[dict[str, FindingsReporter]] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "junit": _junit,
    "sarif": _sarif,
}
