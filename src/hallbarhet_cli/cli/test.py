"""``hallbarhet test``: run criteria test cases and report rule coverage."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hallbarhet_cli.cli.common import (
    DEFAULT_LANG,
    LangOption,
    OutputOption,
    T,
    fail,
    format_choices,
    handle_errors,
)
from hallbarhet_cli.errors import ExitCode, Message
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.reporters import TEST_RUNS

DEFAULT_FOLDER = Path("criteria") / "tests"


if TYPE_CHECKING:
    Format = StrEnum
else:
    Format = format_choices("Format", TEST_RUNS)
DEFAULT_FORMAT = Format("text")


def default_paths() -> list[Path]:
    """``criteria/tests`` when it exists, else the current folder."""
    return [DEFAULT_FOLDER] if DEFAULT_FOLDER.is_dir() else [Path()]


def test(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help=T(
                N_(
                    "Criteria test files or folders (searched recursively); by default "
                    "criteria/tests if it exists, else the current folder."
                )
            ),
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    min_coverage: Annotated[
        float | None,
        typer.Option(
            "--min-coverage",
            metavar="N",
            min=0,
            max=100,
            help=T(N_("Exit with 1 when the rule coverage of any criteria set is below N %.")),
        ),
    ] = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help=T(N_("Output format.")))
    ] = DEFAULT_FORMAT,
    output: OutputOption = "-",
    lang: LangOption = DEFAULT_LANG,
) -> None:
    from hallbarhet_cli.criteriatests.runner import coverage, run_paths
    from hallbarhet_cli.files.output import write_atomic
    from hallbarhet_cli.reporters.testrun import below_minimum

    chosen = paths or default_paths()
    with handle_errors(lang.value):
        results = run_paths(chosen)
        if not results:
            raise fail(
                Message(
                    N_("No criteria test files found in {paths}."),
                    {"paths": ", ".join(str(p) for p in chosen)},
                ),
                lang.value,
            )
        coverages = coverage(results)
        render = TEST_RUNS[format.value]
        write_atomic(output, render(results, coverages, lang.value, min_coverage))
    if any(r.broken for r in results):
        raise typer.Exit(ExitCode.USAGE)
    failed = any(not c.passed for r in results for c in r.cases)
    if failed or below_minimum(coverages, min_coverage):
        raise typer.Exit(ExitCode.FINDINGS)
