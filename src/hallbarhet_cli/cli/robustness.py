"""``hallbarhet robustness``: how sure the ranking and the funding line of a finished
round are when the weights are uncertain."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hallbarhet_cli.cli.common import DEFAULT_LANG, LangOption, T, handle_errors
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.robustness.limits import DEFAULT_DRAWS, DEFAULT_SEED, MAX_DRAWS


class FundingRule(StrEnum):
    stop = "stop"
    skip = "skip"


def robustness(
    results: Annotated[
        Path,
        typer.Argument(
            help=T(N_("Folder of results written by hallbarhet batch (with results.jsonl).")),
            show_default=False,
        ),
    ],
    budget: Annotated[
        float | None,
        typer.Option(
            "--budget",
            "-b",
            min=0,
            help=T(
                N_(
                    "The round's money in SEK, for the probability of being funded "
                    "(default: the budget the batch was run with, if any)."
                )
            ),
            show_default=False,
        ),
    ] = None,
    funding_rule: Annotated[
        FundingRule | None,
        typer.Option(
            "--funding-rule",
            help=T(
                N_(
                    "With a budget: stop at the first sustainability-proofed application "
                    "that does not fit, or skip it and fund later ones that still fit "
                    "(default: the rule the batch was run with, else stop)."
                )
            ),
            show_default=False,
        ),
    ] = None,
    draws: Annotated[
        int,
        typer.Option("--draws", "-n", min=1, max=MAX_DRAWS, help=T(N_("Draws of the weights."))),
    ] = DEFAULT_DRAWS,
    seed: Annotated[
        int, typer.Option("--seed", min=0, help=T(N_("Seed of the random draws.")))
    ] = DEFAULT_SEED,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=T(N_("Folder to write robustness.json and robustness.csv to (default: RESULTS).")),
            show_default=False,
        ),
    ] = None,
    lang: LangOption = DEFAULT_LANG,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=T(N_("Show no summary.")))] = False,
) -> None:
    from hallbarhet_cli.batch.robustness import analyse_folder
    from hallbarhet_cli.robustness.text import summary_line

    with handle_errors(lang.value):
        target = output or results
        rule = funding_rule.value if funding_rule else None
        section, written = analyse_folder(results, target, budget, draws, seed, rule)
    if not quiet:
        typer.echo(summary_line(section, lang.value))
        typer.echo(
            gettext(N_("Results in {folder}: {files}."), lang.value).format(
                folder=target, files=", ".join(written)
            )
        )
