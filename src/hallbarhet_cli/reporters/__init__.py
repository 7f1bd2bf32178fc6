"""Reporters turn an assessment view into a document. Chosen by name from one registry.

Every reporter takes the view, the report language and a :class:`Destination`: colour
and width for text, templates that override the bundled ones for documents. Modules are
imported when a reporter is first used, so start-up stays quick.

The other documents are registered here the same way, one registry per command, each a
name and a render function of one signature: ``--explain`` (:data:`EXPLANATIONS`),
``--precheck`` (:data:`PRECHECKS`), ``hallbarhet test`` (:data:`TEST_RUNS`),
``criteria diff`` (:data:`DIFFS`) and ``criteria docs`` (:data:`HANDBOOKS`). Each
command's ``--format`` choices are the names in its registry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

# Columns of text reports written to a file or a pipe; on a terminal, the terminal's own.
TEXT_WIDTH: Final = 100

if TYPE_CHECKING:
    from typing import Protocol

    from hallbarhet_cli.applications.loading import LoadedApplication
    from hallbarhet_cli.criteria.diff import SetDiff
    from hallbarhet_cli.criteria.resolved import ResolvedSet
    from hallbarhet_cli.criteriatests.runner import CriteriaTestResult, SetCoverage
    from hallbarhet_cli.reporters.viewtypes import AssessmentView
    from hallbarhet_cli.scoring.assessment import Assessment
    from hallbarhet_cli.scoring.impact import RoundImpact


@dataclass(frozen=True)
class Destination:
    """How a report is shown: in colour (a terminal that shows it), how many columns wide
    (text only) and with which templates replacing the bundled ones (documents only)."""

    color: bool = False
    width: int = TEXT_WIDTH
    template_dir: Path | None = None


if TYPE_CHECKING:

    class Reporter(Protocol):
        def __call__(self, view: AssessmentView, lang: str, to: Destination) -> str | bytes: ...


def _json(view: AssessmentView, lang: str, to: Destination) -> str:
    from hallbarhet_cli.reporters.json_report import render

    return render(view)


def _text(view: AssessmentView, lang: str, to: Destination) -> str:
    from hallbarhet_cli.reporters.terminal import render

    return render(view, lang, color=to.color, width=to.width)


def _markdown(view: AssessmentView, lang: str, to: Destination) -> str:
    from hallbarhet_cli.reporters.documents import render

    return render(view, lang, "md", to.template_dir)


def _html(view: AssessmentView, lang: str, to: Destination) -> str:
    from hallbarhet_cli.reporters.documents import render

    return render(view, lang, "html", to.template_dir)


def _pdf(view: AssessmentView, lang: str, to: Destination) -> bytes:
    from hallbarhet_cli.reporters.documents import render
    from hallbarhet_cli.reporters.pdf import html_to_pdf

    return html_to_pdf(render(view, lang, "html", to.template_dir))


REPORTERS: Final[dict[str, Reporter]] = {
    "text": _text,
    "json": _json,
    "md": _markdown,
    "html": _html,
    "pdf": _pdf,
}


if TYPE_CHECKING:

    class ExplanationRenderer(Protocol):
        """``--explain CRITERION``: one criterion of an assessed application in full."""

        def __call__(
            self,
            assessment: Assessment,
            loaded: LoadedApplication,
            criterion: str,
            lang: str,
            to: Destination,
        ) -> str: ...


def _explanation_text(
    assessment: Assessment, loaded: LoadedApplication, criterion: str, lang: str, to: Destination
) -> str:
    from hallbarhet_cli.reporters.explain_text import render_explanation

    return render_explanation(assessment, loaded, criterion, lang, color=to.color, width=to.width)


EXPLANATIONS: Final[dict[str, ExplanationRenderer]] = {"text": _explanation_text}


if TYPE_CHECKING:

    class PrecheckRenderer(Protocol):
        """``--precheck``: the applicant's pre-check of a draft application."""

        def __call__(
            self,
            assessment: Assessment,
            loaded: LoadedApplication,
            lang: str,
            to: Destination,
            *,
            show_ids: bool,
        ) -> str: ...


def _precheck_text(
    assessment: Assessment,
    loaded: LoadedApplication,
    lang: str,
    to: Destination,
    *,
    show_ids: bool,
) -> str:
    from hallbarhet_cli.reporters.precheck import render_precheck

    return render_precheck(
        assessment, loaded, lang, color=to.color, show_ids=show_ids, width=to.width
    )


PRECHECKS: Final[dict[str, PrecheckRenderer]] = {"text": _precheck_text}


if TYPE_CHECKING:

    class CriteriaTestRenderer(Protocol):
        """``hallbarhet test``: the criteria test results and rule coverage."""

        def __call__(
            self,
            results: Sequence[CriteriaTestResult],
            coverages: Sequence[SetCoverage],
            lang: str,
            min_coverage: float | None,
        ) -> str: ...


def _test_run_text(
    results: Sequence[CriteriaTestResult],
    coverages: Sequence[SetCoverage],
    lang: str,
    min_coverage: float | None,
) -> str:
    from hallbarhet_cli.reporters.testrun import render_text

    return render_text(results, coverages, lang, min_coverage)


def _test_run_json(
    results: Sequence[CriteriaTestResult],
    coverages: Sequence[SetCoverage],
    lang: str,
    min_coverage: float | None,
) -> str:
    from hallbarhet_cli.reporters.testrun import render_json

    return render_json(results, coverages, lang, min_coverage)


TEST_RUNS: Final[dict[str, CriteriaTestRenderer]] = {"text": _test_run_text, "json": _test_run_json}


if TYPE_CHECKING:

    class DiffRenderer(Protocol):
        """``criteria diff``: what changed between two versions, with a round's impact."""

        def __call__(self, diff: SetDiff, impact: RoundImpact | None, lang: str) -> str: ...


def _diff_text(diff: SetDiff, impact: RoundImpact | None, lang: str) -> str:
    from hallbarhet_cli.reporters.criteria_diff import render_text

    return render_text(diff, impact, lang)


def _diff_json(diff: SetDiff, impact: RoundImpact | None, lang: str) -> str:
    from hallbarhet_cli.reporters.criteria_diff import render_json

    return render_json(diff, impact, lang)


DIFFS: Final[dict[str, DiffRenderer]] = {"text": _diff_text, "json": _diff_json}


if TYPE_CHECKING:

    class HandbookRenderer(Protocol):
        """``criteria docs``: the applicants' handbook of a criteria set."""

        def __call__(
            self, criteria: ResolvedSet, lang: str, template_dir: Path | None = None
        ) -> str: ...


def _handbook_markdown(criteria: ResolvedSet, lang: str, template_dir: Path | None = None) -> str:
    from hallbarhet_cli.reporters.handbook import render_handbook

    return render_handbook(criteria, lang, "md", template_dir)


def _handbook_html(criteria: ResolvedSet, lang: str, template_dir: Path | None = None) -> str:
    from hallbarhet_cli.reporters.handbook import render_handbook

    return render_handbook(criteria, lang, "html", template_dir)


HANDBOOKS: Final[dict[str, HandbookRenderer]] = {"md": _handbook_markdown, "html": _handbook_html}
