"""The robustness analysis of a batch (``hallbarhet batch --robustness``): the assessed
applications are collected as they arrive, and after the ranking the analysis of
:mod:`hallbarhet_cli.robustness` adds its section to the summary and its columns to the
tables."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from hallbarhet_cli.batch.outputs import SUMMARY_JSON, Column, neutralise
from hallbarhet_cli.batch.records import Outcome, SetInfo, Status
from hallbarhet_cli.errors import Message, Problem, Severity, UsageError
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.robustness.report import (
    COLUMNS,
    analyse_round,
    columns_of,
    not_analysed,
    too_many,
)
from hallbarhet_cli.robustness.round import RoundInput


@dataclass
class RobustnessRun:
    """Collects what the analysis needs, in input order. With ``draws`` ``None`` (no
    ``--robustness``) it collects nothing and adds nothing to the outputs."""

    draws: int | None
    seed: int
    round: RoundInput = field(default_factory=RoundInput)
    indexes: list[int] = field(default_factory=list)
    figures: dict[int, dict[str, Any]] = field(default_factory=dict)

    def add(self, outcome: Outcome, sets: dict[str, SetInfo]) -> None:
        record = outcome.record
        if self.draws is None or outcome.status is not Status.ASSESSED or record is None:
            return
        info = sets.get(record.criteria_sha)
        if info is None or info.weights is None:
            return
        self.indexes.append(outcome.index)
        self.round.add(
            outcome.input,
            (record.id, record.title, float(record.requested_sek)),
            info.weights,
            record.verdict,
            record.overall_percent,
            {d: p for d, p, _ in record.dimensions},
            {c: (float(p), float(m)) for c, p, m, _ in record.criteria},
        )

    def analyse(self, budget: float | None, rule: str = "stop") -> dict[str, Any]:
        """What the analysis adds to ``summary.json`` (its ``robustness`` section); the
        table columns are kept by input index."""
        if self.draws is None:
            return {}
        if too_many(self.round):
            return {"robustness": not_analysed(len(self.indexes))}
        section = analyse_round(self.round, self.draws, self.seed, budget, rule)
        for index, application in zip(self.indexes, section["applications"], strict=True):
            self.figures[index] = columns_of(application)
        return {"robustness": section}

    def table_columns(self, lang: str) -> list[Column]:
        """The analysis's columns of ``results.csv`` and ``results.xlsx``."""
        if self.draws is None:
            return []
        return [Column(key, gettext(_LABELS[key], lang), _reader(key), 12) for key in COLUMNS]

    def columns(self, index: int) -> dict[str, Any]:
        return self.figures.get(index, {})


_LABELS: Final = {
    "p_pass": N_("Probability of passing"),
    "p_funded": N_("Probability of being funded"),
    "rank_median": N_("Median rank"),
    "rank_p05": N_("Rank, best 5 %"),
    "rank_p95": N_("Rank, worst 5 %"),
    "stable": N_("Stable decision"),
}


def _reader(key: str) -> Any:
    return lambda row: row.get(key)


# -- on a finished round: hallbarhet robustness RESULTS_DIR -------------------------------------
ROBUSTNESS_JSON: Final = "robustness.json"
ROBUSTNESS_CSV: Final = "robustness.csv"
# format_version 1: the first published shape of robustness.json.
FORMAT_VERSION: Final = 1
_CSV_KEYS: Final = ("input", "id", "title", "verdict", "requested_sek", *COLUMNS)


def analyse_folder(
    folder: Path,
    output: Path,
    budget: float | None,
    draws: int,
    seed: int,
    rule: str | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """Analyse the round whose results are in ``folder`` and write ``robustness.json``
    and ``robustness.csv`` into ``output``. Without ``budget`` or ``rule``, the budget
    and funding rule the batch was run with (from ``summary.json``), if any. Returns the
    section and the files written."""
    from hallbarhet_cli import __version__
    from hallbarhet_cli.files.output import write_atomic
    from hallbarhet_cli.robustness.round import read_results

    if not folder.is_dir():
        raise UsageError([_problem(str(folder), N_("This is not a folder of batch results."))])
    round_ = read_results(folder)
    batch_budget, batch_rule = _batch_budget(folder)
    if budget is None:
        budget = batch_budget
    rule = rule or batch_rule
    if too_many(round_):
        section = not_analysed(len(round_.entries))
    else:
        section = analyse_round(round_, draws, seed, budget, rule)
    output.mkdir(parents=True, exist_ok=True)
    document = {
        "format_version": FORMAT_VERSION,
        "tool_version": __version__,
        "robustness": section,
    }
    encoded = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    write_atomic(output / ROBUSTNESS_JSON, encoded + "\n")
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(_CSV_KEYS)
    for application in section.get("applications", []):
        writer.writerow([_cell(application[key]) for key in _CSV_KEYS])
    # UTF-8 with a byte-order mark, like results.csv, so spreadsheet programs read å, ä, ö.
    write_atomic(output / ROBUSTNESS_CSV, "\ufeff" + text.getvalue())
    return section, [ROBUSTNESS_JSON, ROBUSTNESS_CSV]


def _batch_budget(folder: Path) -> tuple[float | None, str]:
    """The budget and funding rule of the batch, from its ``summary.json``."""
    try:
        summary = json.loads((folder / SUMMARY_JSON).read_text(encoding="utf-8"))
        budget = summary["budget"]
        available = budget["available_sek"]
    except (OSError, ValueError, KeyError, TypeError):
        return None, "stop"
    rule = budget.get("funding_rule")
    return (
        float(available) if isinstance(available, int | float) else None,
        rule if rule in ("stop", "skip") else "stop",
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _problem(file: str, text: str) -> Problem:
    return Problem(file, None, None, "not-results", Severity.ERROR, Message(text))
