"""``hallbarhet batch``: score a whole funding round into a folder of results."""

from __future__ import annotations

import math
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hallbarhet_cli.batch.writes import OUTPUT_FORMATS, REPORT_SUFFIXES
from hallbarhet_cli.cli.common import (
    DEFAULT_LANG,
    LangOption,
    State,
    T,
    format_choices,
    handle_errors,
)
from hallbarhet_cli.errors import ExitCode
from hallbarhet_cli.files.printable import printable
from hallbarhet_cli.i18n import N_, gettext, ngettext
from hallbarhet_cli.robustness.limits import DEFAULT_DRAWS, DEFAULT_SEED, MAX_DRAWS

if TYPE_CHECKING:
    from hallbarhet_cli.batch.scoring import BatchOptions, RoundResult


class FundingRule(StrEnum):
    stop = "stop"
    skip = "skip"


if TYPE_CHECKING:
    OutputFormat = StrEnum
    ReportFormat = StrEnum
else:
    OutputFormat = format_choices("OutputFormat", OUTPUT_FORMATS)
    ReportFormat = format_choices("ReportFormat", REPORT_SUFFIXES)


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help=T(
                N_(
                    "Application files, folders (searched for YAML files), globs, JSON Lines "
                    "files (one application per line) and CSV or XLSX exports (with --map)."
                )
            ),
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help=T(N_("Folder to write the results to (created if needed)."))
        ),
    ] = Path("results"),
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--map",
            "-m",
            help=T(N_("Column mapping (YAML, kind: mapping) for CSV and XLSX exports.")),
        ),
    ] = None,
    criteria: Annotated[
        str | None,
        typer.Option(
            "--criteria",
            "-c",
            help=T(
                N_(
                    "Criteria set to use for every application instead of its own: a "
                    "bundled id, id@version or a path."
                )
            ),
        ),
    ] = None,
    budget: Annotated[
        float | None,
        typer.Option(
            "--budget",
            "-b",
            min=0,
            help=T(
                N_(
                    "The round's money in SEK: marks which sustainability-proofed "
                    "applications fit within it in rank order (the funding line)."
                )
            ),
        ),
    ] = None,
    funding_rule: Annotated[
        FundingRule,
        typer.Option(
            "--funding-rule",
            help=T(
                N_(
                    "How the budget is spent down the ranking: stop (the first "
                    "sustainability-proofed application that does not fit draws the funding "
                    "line) or skip (pass over it and fund later ones that still fit)."
                )
            ),
        ),
    ] = FundingRule.stop,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help=T(N_("Worker processes (default: the number of CPUs).")),
            show_default=False,
        ),
    ] = None,
    formats: Annotated[
        list[OutputFormat] | None,
        typer.Option(
            "--format",
            "-f",
            help=T(
                N_(
                    "Output to write; repeat for several (default: all). summary.json is "
                    "always written."
                )
            ),
            show_default=False,
        ),
    ] = None,
    reports: Annotated[
        list[ReportFormat] | None,
        typer.Option(
            "--reports",
            help=T(N_("Also write a report per application into DIR/reports; repeatable.")),
            show_default=False,
        ),
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option(
            "--template-dir",
            help=T(N_("Folder of templates that override the bundled ones by name.")),
        ),
    ] = None,
    robustness: Annotated[
        bool,
        typer.Option(
            "--robustness",
            help=T(
                N_(
                    "Also analyse how sure the ranking and the funding line are when the "
                    "weights are uncertain (SMAA), over --draws draws of the weights."
                )
            ),
        ),
    ] = False,
    draws: Annotated[
        int,
        typer.Option(
            "--draws",
            min=1,
            max=MAX_DRAWS,
            help=T(N_("Draws of the weights for --robustness.")),
        ),
    ] = DEFAULT_DRAWS,
    seed: Annotated[
        int,
        typer.Option(
            "--seed", min=0, help=T(N_("Seed of the robustness analysis's random draws."))
        ),
    ] = DEFAULT_SEED,
    lang: LangOption = DEFAULT_LANG,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help=T(N_("Show no progress and no summary."))),
    ] = False,
) -> None:
    from hallbarhet_cli.batch.interrupts import Interrupted, stopping_on_signals
    from hallbarhet_cli.batch.progress import progress_for
    from hallbarhet_cli.batch.runner import default_jobs
    from hallbarhet_cli.batch.scoring import BatchOptions, score_round

    options = BatchOptions(
        inputs=tuple(inputs),
        output=output,
        jobs=jobs or default_jobs(),
        lang=lang.value,
        mapping=mapping,
        criteria_ref=criteria,
        budget=budget,
        funding_rule=funding_rule.value,
        formats=frozenset(f.value for f in formats) if formats else frozenset(OUTPUT_FORMATS),
        reports=tuple(dict.fromkeys(r.value for r in reports or [])),
        template_dir=template_dir,
        debug=State.debug,
        robustness=draws if robustness else None,
        seed=seed,
    )
    with handle_errors(lang.value):
        _check_output(options)
        _warn_about_mapping(options)
        try:
            with stopping_on_signals():
                result = score_round(options, lambda total: progress_for(total, quiet, lang.value))
        except KeyboardInterrupt as err:
            message = gettext(N_("Interrupted; no results were written."), lang.value)
            typer.echo(f"hallbarhet: {message}", err=True)
            code = err.exit_code if isinstance(err, Interrupted) else ExitCode.INTERRUPTED
            raise typer.Exit(code) from None
    _report_errors(result, options)
    if not quiet:
        for note in result.notes:
            typer.echo(printable(f"hallbarhet: {note.render(options.lang)}"), err=True)
        typer.echo(printable(_summary_text(result, options)))
    if result.errors:
        raise typer.Exit(ExitCode.FINDINGS)


def _warn_about_mapping(options: BatchOptions) -> None:
    from hallbarhet_cli.batch.empty_mapping import empty_mapping_warning

    warning = empty_mapping_warning(options.mapping) if options.mapping else None
    if warning is not None:
        typer.echo(warning.render(options.lang), err=True)


def _check_output(options: BatchOptions) -> None:
    from hallbarhet_cli.errors import Message, Problem, Severity, UsageError

    if options.output.exists() and not options.output.is_dir():
        raise UsageError(
            [
                Problem(
                    str(options.output),
                    None,
                    None,
                    "output",
                    Severity.ERROR,
                    Message(N_("The output must be a folder, and this is a file.")),
                )
            ]
        )
    if options.budget is not None and not math.isfinite(options.budget):
        # Checked before the round starts, not found when the funding line is drawn.
        raise UsageError(
            [
                Problem(
                    "--budget",
                    None,
                    None,
                    "budget",
                    Severity.ERROR,
                    Message(
                        N_("The budget must be a finite amount of SEK, not {value}."),
                        {"value": str(options.budget)},
                    ),
                )
            ]
        )
    if options.reports:
        from hallbarhet_cli.reporters import REPORTERS

        unknown = [r for r in options.reports if r not in REPORTERS]
        if unknown:
            raise UsageError(
                [
                    Problem(
                        "--reports",
                        None,
                        None,
                        "reports",
                        Severity.ERROR,
                        Message(
                            N_("There is no {format} report in this version of hallbarhet."),
                            {"format": unknown[0]},
                        ),
                    )
                ]
            )


def _report_errors(result: RoundResult, options: BatchOptions) -> None:
    """The first inputs that could not be assessed, one line each, and the application
    ids that more than one input uses, on standard error (also with ``--quiet``)."""
    for line in result.first_errors:
        typer.echo(printable(line), err=True)
    duplicates = result.summary.get("duplicate_ids") or []
    if duplicates:
        text = ngettext(
            "Warning: the application id {ids} is used by more than one input.",
            "Warning: the application ids {ids} are each used by more than one input.",
            len(duplicates),
            options.lang,
        ).format(ids=", ".join(repr(str(i)) for i in duplicates))
        typer.echo(printable(f"hallbarhet: {text}"), err=True)
    more = result.errors - len(result.first_errors)
    if more > 0:
        text = ngettext(
            "... and {n} more input that could not be assessed; see {file}.",
            "... and {n} more inputs that could not be assessed; see {file}.",
            more,
            options.lang,
        )
        typer.echo(printable(text.format(n=more, file=options.output / "results.csv")), err=True)


def _summary_text(result: RoundResult, options: BatchOptions) -> str:
    from hallbarhet_cli import fmt
    from hallbarhet_cli.reporters.views import VERDICT_LABELS
    from hallbarhet_cli.scoring.assessment import Verdict

    lang = options.lang
    summary = result.summary
    inputs = summary["inputs"]
    lines = [
        ngettext(
            "{n} application assessed: {verdicts}.",
            "{n} applications assessed: {verdicts}.",
            inputs["assessed"],
            lang,
        ).format(
            n=fmt.number(inputs["assessed"], lang),
            verdicts=", ".join(
                f"{gettext(VERDICT_LABELS[Verdict(v['verdict'])], lang).lower()} "
                f"{fmt.number(v['count'], lang)}"
                for v in summary["verdicts"]
            ),
        )
    ]
    unscorable = summary["cannot_be_scored"]["count"]
    if unscorable:
        lines.append(
            ngettext(
                "{n} of them cannot be scored yet: it has no answers to score.",
                "{n} of them cannot be scored yet: they have no answers to score.",
                unscorable,
                lang,
            ).format(n=fmt.number(unscorable, lang))
        )
    proofed = summary["sustainability_proofed"]
    if proofed["of"]:
        lines.append(
            gettext(
                N_(
                    "Share sustainability-proofed: {percent} of the applications that could be "
                    "scored, {amount_percent} of the amount requested ({amount} of {requested})."
                ),
                lang,
            ).format(
                percent=fmt.percent(proofed["percent"] or 0.0, lang),  # a base: "of"
                amount_percent=fmt.percent(proofed["percent_of_requested"] or 0.0, lang),
                amount=fmt.money(proofed["requested_sek"], lang),
                requested=fmt.money(proofed["of_requested_sek"], lang),
            )
        )
    civil, known = summary["sectors"]["civil_society"], summary["sectors"]["known"]
    if known:
        lines.append(
            gettext(
                N_(
                    "Civil-society applicants: {count} of {known} applications ({percent}), "
                    "{amount_percent} of the amount requested ({amount})."
                ),
                lang,
            ).format(
                count=fmt.number(civil["count"], lang),
                known=fmt.number(known, lang),
                percent=fmt.percent(civil["percent"] or 0.0, lang),  # a base: known
                amount_percent="–"
                if civil["percent_of_requested"] is None
                else fmt.percent(civil["percent_of_requested"], lang),
                amount=fmt.money(civil["requested_sek"], lang),
            )
        )
    budget = summary["budget"]
    if budget is not None:
        lines.append(
            ngettext(
                "Funding line: {n} application within the budget of {budget} ({allocated} "
                "allocated, {remaining} left).",
                "Funding line: {n} applications within the budget of {budget} ({allocated} "
                "allocated, {remaining} left).",
                budget["funded"],
                lang,
            ).format(
                n=fmt.number(budget["funded"], lang),
                budget=fmt.money(budget["available_sek"], lang),
                allocated=fmt.money(budget["allocated_sek"], lang),
                remaining=fmt.money(budget["remaining_sek"], lang),
            )
        )
    if "robustness" in summary:
        from hallbarhet_cli.robustness.text import summary_line

        lines.append(summary_line(summary["robustness"], lang))
    if result.errors:
        lines.append(
            ngettext(
                "{n} input could not be assessed.",
                "{n} inputs could not be assessed.",
                result.errors,
                lang,
            ).format(n=fmt.number(result.errors, lang))
        )
    lines.append(
        gettext(N_("Results in {folder}: {files}."), lang).format(
            folder=options.output, files=", ".join(result.written)
        )
    )
    return "\n".join(lines)
