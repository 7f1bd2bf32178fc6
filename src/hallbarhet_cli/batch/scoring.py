"""Score a funding round end to end: read the inputs, assess them in parallel, write the
tables, the JSON Lines, the summary and the overview, and put them in place together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, cast

from hallbarhet_cli import __version__
from hallbarhet_cli.batch.inputs import iter_items, prepare
from hallbarhet_cli.batch.interrupts import pause_point
from hallbarhet_cli.batch.mapping import LoadedMapping, load_mapping
from hallbarhet_cli.batch.outputs import (
    JSONL_PARTS,
    OVERVIEW_HTML,
    REPORTS_DIR,
    RESULTS_CSV,
    RESULTS_JSONL,
    RESULTS_XLSX,
    SUMMARY_JSON,
    Sinks,
    Staging,
    TableWriter,
    ranked_row,
    table_columns,
    write_json,
)
from hallbarhet_cli.batch.overview import (
    ERROR_LIMIT,
    RANKING_LIMIT,
    overview_view,
    render_overview,
)
from hallbarhet_cli.batch.progress import Progress
from hallbarhet_cli.batch.records import ChunkResult, SetInfo, Status
from hallbarhet_cli.batch.robustness import RobustnessRun
from hallbarhet_cli.batch.runner import run_items, started_early
from hallbarhet_cli.batch.summary import FundingRule, Tally
from hallbarhet_cli.batch.viewtypes import BatchSummary, ErrorRow, RankingRow
from hallbarhet_cli.batch.worker import Fatal, Settings
from hallbarhet_cli.batch.writes import OUTPUT_FORMATS
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.errors import Message, UsageError
from hallbarhet_cli.files.output import writing
from hallbarhet_cli.reporters.views import assessed_at

# format_version 1: the first published shape of summary.json.
SUMMARY_FORMAT_VERSION: Final = 1
FIRST_ERRORS: Final = 20
_RANKING_KEYS: Final = (
    "rank",
    "input",
    "id",
    "title",
    "applicant",
    "verdict",
    "provisional",
    "scorable",
    "overall_percent",
    "requested_sek",
    "within_budget",
    "cumulative_sek",
    "report",
)


@dataclass(frozen=True)
class BatchOptions:
    inputs: tuple[str, ...]
    output: Path
    jobs: int
    lang: str
    mapping: Path | None = None
    criteria_ref: str | None = None
    budget: float | None = None
    funding_rule: FundingRule = "stop"
    formats: frozenset[str] = frozenset(OUTPUT_FORMATS)
    reports: tuple[str, ...] = ()
    template_dir: Path | None = None
    debug: bool = False
    robustness: int | None = None  # draws of the robustness analysis; None: no analysis
    seed: int = 0


@dataclass
class RoundResult:
    """What the command line tells the user afterwards."""

    summary: BatchSummary
    first_errors: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return int(self.summary["inputs"]["errors"])


def batch_moment() -> tuple[str, dt.datetime]:
    """The batch's one timestamp (``SOURCE_DATE_EPOCH`` when set), as text and as a naive
    UTC datetime for the workbook."""
    text = assessed_at()
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
    return text, moment


def score_round(options: BatchOptions, progress: Callable[[int | None], Progress]) -> RoundResult:
    """Score the round ``options`` describe; raise :class:`~hallbarhet_cli.errors.
    HallbarhetError` for a problem that stops the whole batch (a broken mapping, an
    export without one). An input that cannot be assessed is an error row instead."""
    with started_early(options.inputs, options.jobs):
        return _score_round(options, progress)


def _score_round(options: BatchOptions, progress: Callable[[int | None], Progress]) -> RoundResult:
    library = CriteriaLibrary()
    mapping: LoadedMapping | None = None
    if options.mapping is not None:
        mapping = load_mapping(options.mapping, library, options.criteria_ref)
    round_ = prepare(options.inputs, mapping)
    timestamp, moment = batch_moment()
    # A full disk or a read-only folder stops the round with one line naming the output
    # folder (where the staging folder, and so every file, lives) and the reason.
    with writing(options.output), Staging(options.output) as staging:
        settings = _settings(options, timestamp, staging)
        sinks = Sinks(staging, jsonl="jsonl" in options.formats)
        bar = progress(round_.total)
        assessed = _Assessed(sinks, bar, RobustnessRun(options.robustness, options.seed))
        try:
            run_items(
                iter_items(round_, mapping), settings, options.jobs, round_.total, assessed.take
            )
        except Fatal as err:
            raise UsageError(err.problems) from None
        finally:
            bar.close()
            sinks.close()

        summary = _write_results(options, assessed, staging, timestamp, moment)
        written = _write_overview(options, summary, staging)
        pause_point("writing")
        staging.commit(written)
    return RoundResult(summary, assessed.first_errors, written, round_.notes)


def _settings(options: BatchOptions, timestamp: str, staging: Staging) -> Settings:
    """What every worker needs to know; makes the folders for the reports and for the
    workers' parts of results.jsonl when they are asked for."""
    reports_dir = parts_dir = None
    if options.reports:
        reports_dir = staging.path(REPORTS_DIR)
        reports_dir.mkdir()
    if "jsonl" in options.formats:
        parts_dir = staging.path(JSONL_PARTS)
        parts_dir.mkdir()
    return Settings(
        lang=options.lang,
        assessed_at=timestamp,
        criteria_ref=options.criteria_ref,
        jsonl="jsonl" in options.formats,
        reports=options.reports,
        reports_dir=str(reports_dir) if reports_dir else None,
        parts_dir=str(parts_dir) if parts_dir else None,
        template_dir=str(options.template_dir) if options.template_dir else None,
        debug=options.debug,
    )


@dataclass
class _Assessed:
    """The outcomes gathered as the workers return them."""

    sinks: Sinks
    bar: Progress
    robust: RobustnessRun
    tally: Tally = field(default_factory=Tally)
    sets: dict[str, SetInfo] = field(default_factory=dict)
    first_errors: list[str] = field(default_factory=list)

    def take(self, result: ChunkResult) -> None:
        for info in result.sets:
            self.sets.setdefault(info.sha256, info)
        for outcome in result.outcomes:
            self.sinks.add(outcome)
            self.tally.add(outcome)
            self.robust.add(outcome, self.sets)
            if outcome.status is Status.ERROR and len(self.first_errors) < FIRST_ERRORS:
                self.first_errors.append(outcome.messages[0])
        if result.jsonl_part is not None:
            self.sinks.add_part(result.jsonl_part)
        self.bar.advance(len(result.outcomes))


def _write_results(
    options: BatchOptions,
    assessed: _Assessed,
    staging: Staging,
    timestamp: str,
    moment: dt.datetime,
) -> BatchSummary:
    """Rank the round, write the tables and summary.json; return the summary."""
    tally, sets, robust = assessed.tally, assessed.sets, assessed.robust
    formats = options.formats
    ranking = tally.rank(options.budget, options.funding_rule)
    columns = table_columns(tally.dimension_ids, tally.criterion_ids, sets, options.lang)
    robustness = robust.analyse(options.budget, options.funding_rule)
    columns[-1:-1] = robust.table_columns(options.lang)
    top: list[RankingRow] = []
    error_rows: list[ErrorRow] = []
    with TableWriter(
        staging, columns, "csv" in formats, "xlsx" in formats, options.lang, moment
    ) as tables:
        for row in assessed.sinks.rows():
            row = ranked_row(row, ranking)
            row.update(robust.columns(row["index"]))
            tables.write(row)
            if row.get("rank", RANKING_LIMIT + 1) <= RANKING_LIMIT:
                top.append(cast(RankingRow, {k: row.get(k) for k in _RANKING_KEYS if k in row}))
            if "error" in row and len(error_rows) < ERROR_LIMIT:
                error_rows.append(cast(ErrorRow, {k: row.get(k) for k in ("input", "id", "error")}))
    top.sort(key=lambda r: int(r["rank"]))
    # A cast: mypy does not check a literal with ** against a shape with optional keys
    # (the robustness section); the unit test on the examples compares the keys.
    summary = cast(
        BatchSummary,
        {
            "format_version": SUMMARY_FORMAT_VERSION,
            "tool_version": __version__,
            "language": options.lang,
            "generated_at": timestamp,
            **tally.summary(sets, ranking),
            "ranking": top,
            "errors": error_rows,
            "skipped": tally.skipped,
        },
    )
    if "robustness" in robustness:
        summary["robustness"] = robustness["robustness"]
    write_json(staging.path(SUMMARY_JSON), summary)
    return summary


def _write_overview(options: BatchOptions, summary: BatchSummary, staging: Staging) -> list[str]:
    """Write the HTML overview when asked for; return the names of everything written."""
    written = [name for name, kind in _TABLES if kind in options.formats]
    written.append(SUMMARY_JSON)
    if "html" in options.formats:
        view = overview_view(summary, summary["ranking"], summary["errors"], options.lang)
        html = render_overview(view, options.lang, options.template_dir)
        staging.path(OVERVIEW_HTML).write_text(html, encoding="utf-8")
        written.append(OVERVIEW_HTML)
    if options.reports:
        written.append(REPORTS_DIR)
    return written


_TABLES: Final = ((RESULTS_CSV, "csv"), (RESULTS_XLSX, "xlsx"), (RESULTS_JSONL, "jsonl"))
