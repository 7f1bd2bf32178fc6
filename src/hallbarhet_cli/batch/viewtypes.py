"""The shape of the round's summary (``summary.json``, built by
:meth:`~hallbarhet_cli.batch.summary.Tally.summary` and :mod:`.scoring`) and of the overview
page's view built on it (:func:`~hallbarhet_cli.batch.overview.overview_view`), so that the
type checker catches a misspelt key. Dicts at run time: ``summary.json`` is the summary as
it was. The robustness section is the robustness analysis's own (see
:mod:`hallbarhet_cli.robustness`).

No ``from __future__ import annotations`` here: the optional keys (``NotRequired``) are
told from the annotations when the classes are made, which needs them evaluated.
"""

from typing import Any, NotRequired, TypedDict


class InputCounts(TypedDict):
    total: int
    assessed: int
    errors: int
    skipped: int


class CriteriaSetCount(TypedDict):
    id: str
    version: str
    sha256: str
    title: str
    applications: int


class VerdictCount(TypedDict):
    verdict: str
    count: int
    percent: float | None
    requested_sek: float
    percent_of_requested: float | None


class Unscorable(TypedDict):
    count: int
    requested_sek: float


class Proofed(TypedDict):
    count: int
    of: int
    percent: float | None
    requested_sek: float
    of_requested_sek: float
    percent_of_requested: float | None


class Distribution(TypedDict):
    """Count, mean, quartiles, range and a histogram in ten-point bins; a dimension's
    also how many fell below its minimum."""

    count: int
    mean: float | None
    median: float | None
    p25: float | None
    p75: float | None
    min: float | None
    max: float | None
    histogram: list[int]
    below_minimum: NotRequired[int]
    below_minimum_percent: NotRequired[float | None]


class DimensionDistribution(Distribution):
    id: str
    title: str


class CriterionLow(TypedDict):
    criteria_set: str
    criterion: str
    title: str
    dimension: str
    judged: int
    low: int
    percent: float | None


class MissingCount(TypedDict):
    criteria_set: str
    question: str
    label: str
    applications: int
    percent: float | None


class GateCount(TypedDict):
    criteria_set: str
    gate: str
    title: str
    effect: str
    applications: int


class SectorRow(TypedDict):
    sector: str
    count: int
    percent: float | None
    requested_sek: float
    percent_of_requested: float | None


class Sectors(TypedDict):
    known: int
    known_requested_sek: float
    unknown: int
    civil_society: SectorRow
    by_sector: list[SectorRow]


class SdgCount(TypedDict):
    goal: int
    applications: int
    percent: float | None
    requested_sek: float


class BudgetPart(TypedDict):
    available_sek: float
    allocated_sek: float
    remaining_sek: float
    funding_rule: str
    funded: int
    sustainability_proofed_not_funded: int
    funding_line_after_rank: int | None


class RoundFigures(TypedDict):
    """The figures of the round, language-neutral apart from the titles."""

    inputs: InputCounts
    duplicate_ids: list[str]
    criteria_sets: list[CriteriaSetCount]
    verdicts: list[VerdictCount]
    cannot_be_scored: Unscorable
    sustainability_proofed: Proofed
    overall: Distribution
    dimensions: list[DimensionDistribution]
    criteria_low: list[CriterionLow]
    missing: list[MissingCount]
    gates: list[GateCount]
    sectors: Sectors
    sdg: list[SdgCount]
    budget: BudgetPart | None


class RankingRow(TypedDict):
    """One assessed application in the ranked list; with a budget, also whether it is
    within it and the kronor down to it."""

    rank: int
    input: str
    id: str
    title: str
    applicant: str
    verdict: str
    provisional: bool
    scorable: bool
    overall_percent: float | None
    requested_sek: float
    within_budget: NotRequired[bool | None]
    cumulative_sek: NotRequired[float | None]
    report: str | None


class ErrorRow(TypedDict):
    input: str
    id: str | None
    error: str


class _Summary(RoundFigures):
    """What ``summary.json`` and the overview share: all but the ranked list."""

    format_version: int
    tool_version: str
    language: str
    generated_at: str
    errors: list[ErrorRow]
    skipped: list[str]
    robustness: NotRequired[dict[str, Any]]


class BatchSummary(_Summary):
    """``summary.json``."""

    ranking: list[RankingRow]


# -- the overview page --------------------------------------------------------------------
class VerdictRow(VerdictCount):
    label: str
    symbol: str


class Bin(TypedDict):
    low: int
    high: int
    count: int
    width: float


class DistributionRow(DimensionDistribution):
    """A dimension's (or, first, the overall score's) distribution with its bars."""

    bins: list[Bin]


class LabelledSector(SectorRow):
    label: str


class NamedSdg(SdgCount):
    name: str


class OverviewRankingRow(RankingRow):
    verdict_label: str
    verdict_symbol: str
    line_after: bool  # the funding line falls after this row


class OverviewView(_Summary):
    """The summary with what the overview page adds: labels and symbols in the report's
    language, histogram bars, SDG names and the place of the funding line."""

    ranking: list[OverviewRankingRow]
    verdict_rows: list[VerdictRow]
    distributions: list[DistributionRow]
    criteria_low_top: list[CriterionLow]
    missing_top: list[MissingCount]
    sector_rows: list[LabelledSector]
    sdg_rows: list[NamedSdg]
    ranking_shown: int
    ranking_total: int
    funding_line_at_top: bool
    error_rows: list[ErrorRow]
    errors_shown: int
    robustness_view: dict[str, Any] | None
