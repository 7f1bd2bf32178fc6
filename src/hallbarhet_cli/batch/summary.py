"""The portfolio of a round, counted as results arrive: verdicts, the share
sustainability-proofed, distributions per dimension, criteria scored low, missing answers,
gates, SDG coverage, and the ranking with the funding line.

Only counts and a few numbers per input are kept (compact arrays for the ranking and the
percent distributions), so a round of hundreds of thousands of applications fits in
little memory. Everything is added in input order, so the figures are the same whatever
the parallelism.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Final, Literal

from hallbarhet_cli.arithmetic import exact
from hallbarhet_cli.batch.records import Outcome, Record, SetInfo, Status
from hallbarhet_cli.batch.sectors import SectorTally
from hallbarhet_cli.batch.viewtypes import (
    CriterionLow,
    Distribution,
    GateCount,
    MissingCount,
    RoundFigures,
    VerdictCount,
)

# Ranking order: sustainability-proofed first, then fail, to be completed, excluded.
VERDICT_ORDER: Final = ("pass", "fail", "incomplete", "excluded")
_RANK: Final = {v: i for i, v in enumerate(VERDICT_ORDER)}
# A criterion is scored low when it got less than half its points on answers given.
LOW_FRACTION: Final = Fraction(1, 2)
_LOW_NUM: Final = LOW_FRACTION.numerator
_LOW_DEN: Final = LOW_FRACTION.denominator
# Statuses that say the criterion was judged on answers (not waiting for one).
_JUDGED: Final = frozenset({"met", "partial", "not_met"})
HISTOGRAM_BINS: Final = 10
SDG_GOALS: Final = range(1, 18)
DUPLICATES_SHOWN: Final = 100
_ZERO: Final = Fraction(0)
# Verdicts whose percents are final: they go into the distributions. A provisional percent
# counts missing answers as zero, and an excluded application's percent decides nothing.
_FINAL: Final = frozenset({"pass", "fail"})

FundingRule = Literal["stop", "skip"]
FUNDING_RULES: Final[tuple[FundingRule, ...]] = ("stop", "skip")


@dataclass
class Ranking:
    """Each assessed input's rank (1 = first) and, with a budget, whether it is funded.
    Kept in arrays indexed by input number, so a large round takes little memory."""

    budget: float | None
    size: int
    rule: FundingRule = "stop"
    ranks: array[int] = field(init=False)  # 0: not ranked (could not be assessed)
    funded: array[int] = field(init=False)  # 1 funded, 0 not, -1 no budget or not ranked
    cumulative: array[float] = field(init=False)  # SEK funded up to and including it
    funded_count: int = 0
    allocated: float = 0.0
    remaining: float = 0.0
    passed_over: int = 0  # sustainability-proofed applications not funded
    line_after_rank: int | None = None  # the last funded rank (0: none funded)

    def __post_init__(self) -> None:
        self.ranks = array("q", bytes(8 * self.size))
        self.funded = array("b", [-1]) * self.size
        self.cumulative = array("d", [math.nan]) * self.size

    def rank_of(self, index: int) -> int | None:
        return self.ranks[index] or None if index < self.size else None

    def within_budget(self, index: int) -> bool | None:
        flag = self.funded[index] if index < self.size else -1
        return None if flag < 0 else bool(flag)

    def cumulative_of(self, index: int) -> float | None:
        value = self.cumulative[index] if index < self.size else math.nan
        return None if math.isnan(value) else value


@dataclass
class Tally:
    """Counts of a round, added to one outcome at a time, in input order."""

    items: int = 0  # every outcome, skipped ones included (input indexes run to this)
    inputs: int = 0
    errors: int = 0
    skipped: list[str] = field(default_factory=list)
    verdict_count: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICT_ORDER, 0))
    verdict_sek: dict[str, float] = field(default_factory=lambda: dict.fromkeys(VERDICT_ORDER, 0.0))
    # Per assessed input, in input order, for the ranking.
    index: array[int] = field(default_factory=lambda: array("q"))
    verdict: array[int] = field(default_factory=lambda: array("b"))
    overall: array[float] = field(default_factory=lambda: array("d"))  # final percents only
    overall_exact: list[Fraction | None] = field(default_factory=list)
    requested: array[float] = field(default_factory=lambda: array("d"))
    ids: list[str] = field(default_factory=list)
    _seen_ids: set[str] = field(default_factory=set)
    duplicate_ids: list[str] = field(default_factory=list)
    # Distributions.
    dimension_percents: dict[str, array[float]] = field(default_factory=dict)
    dimension_below: dict[str, int] = field(default_factory=dict)
    # (set sha, id) -> counts
    criteria: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # judged, low
    missing: dict[tuple[str, str], int] = field(default_factory=dict)
    gates: dict[tuple[str, str], int] = field(default_factory=dict)
    sdg_count: dict[int, int] = field(default_factory=dict)
    unscorable: int = 0
    unscorable_sek: float = 0.0
    sdg_sek: dict[int, float] = field(default_factory=dict)
    sectors: SectorTally = field(default_factory=SectorTally)
    set_count: dict[str, int] = field(default_factory=dict)
    # Column order for the tables: first seen, in input order.
    dimension_ids: list[str] = field(default_factory=list)
    criterion_ids: list[str] = field(default_factory=list)
    _criterion_seen: set[str] = field(default_factory=set)

    @property
    def assessed(self) -> int:
        return len(self.ids)

    def add(self, outcome: Outcome) -> None:
        self.items = max(self.items, outcome.index + 1)
        if outcome.status is Status.SKIPPED:
            self.skipped.append(outcome.input)
            return
        self.inputs += 1
        if outcome.status is Status.ERROR or outcome.record is None:
            self.errors += 1
            return
        self._add_record(outcome.index, outcome.record)

    def _add_record(self, index: int, record: Record) -> None:
        requested = float(record.requested_sek)
        if not record.scorable:
            self.unscorable += 1
            self.unscorable_sek += requested
        self.verdict_count[record.verdict] += 1
        self.verdict_sek[record.verdict] += requested
        self.index.append(index)
        self.verdict.append(_RANK[record.verdict])
        self.overall_exact.append(record.overall_exact)
        final = record.verdict in _FINAL
        if final and record.overall_percent is not None:
            self.overall.append(record.overall_percent)
        self.requested.append(requested)
        self.sectors.add(record.sector, requested)
        self.ids.append(record.id)
        if record.id in self._seen_ids:
            if record.id not in self.duplicate_ids and len(self.duplicate_ids) < DUPLICATES_SHOWN:
                self.duplicate_ids.append(record.id)
        else:
            self._seen_ids.add(record.id)
        self.set_count[record.criteria_sha] = self.set_count.get(record.criteria_sha, 0) + 1
        for dimension, percent, below in record.dimensions:
            if dimension not in self.dimension_percents:
                self.dimension_percents[dimension] = array("d")
                self.dimension_below[dimension] = 0
                self.dimension_ids.append(dimension)
            if final and percent is not None:
                self.dimension_percents[dimension].append(percent)
                self.dimension_below[dimension] += below
        sha = record.criteria_sha
        for criterion, points, maximum, status in record.criteria:
            if criterion not in self._criterion_seen:
                self._criterion_seen.add(criterion)
                self.criterion_ids.append(criterion)
            counts = self.criteria.setdefault((sha, criterion), [0, 0])
            if status in _JUDGED:
                counts[0] += 1
                # points / maximum < LOW_FRACTION, in whole numbers (this runs for every
                # criterion of every application)
                counts[1] += maximum > 0 and points * _LOW_DEN < _LOW_NUM * maximum
        for question in record.missing:
            self.missing[(sha, question)] = self.missing.get((sha, question), 0) + 1
        for gate, _effect, _cleared in record.gates:
            self.gates[(sha, gate)] = self.gates.get((sha, gate), 0) + 1
        for goal in record.sdg:
            self.sdg_count[goal] = self.sdg_count.get(goal, 0) + 1
            self.sdg_sek[goal] = self.sdg_sek.get(goal, 0.0) + requested

    # -- ranking ---------------------------------------------------------------------------
    def rank(self, budget: float | None, rule: FundingRule = "stop") -> Ranking:
        """Rank by verdict (pass, fail, incomplete, excluded), then the exact overall percent
        (highest first; none last), then id in plain string order, then input order.

        With a ``budget``, sustainability-proofed applications are funded in rank order
        while their requested amounts fit in what is left. Under the rule ``stop`` the
        first one that does not fit draws the funding line and nothing below it is funded;
        under ``skip`` it is passed over and later ones that still fit are funded. Amounts
        are added exactly, as the decimals they were written as.
        """
        key = rank_key_of(self.verdict, self.overall_exact, self.ids)
        order = sorted(range(self.assessed), key=key)
        ranking = Ranking(budget, self.items, rule)
        available = None if budget is None else exact(budget)
        total = Fraction(0)
        open_line = available is not None
        passing = _RANK["pass"]
        for position, k in enumerate(order, 1):
            index = self.index[k]
            ranking.ranks[index] = position
            if available is None:
                continue
            requested = exact(self.requested[k])
            fits = open_line and self.verdict[k] == passing and total + requested <= available
            if fits:
                total += requested
                ranking.cumulative[index] = float(total)
                ranking.funded_count += 1
                ranking.line_after_rank = position
            elif self.verdict[k] == passing:
                ranking.passed_over += 1
                if rule == "stop":
                    open_line = False
            ranking.funded[index] = fits
        ranking.allocated = float(total)
        if available is not None:
            ranking.remaining = float(available - total)
            if ranking.line_after_rank is None:
                ranking.line_after_rank = 0
        return ranking

    # -- the summary -----------------------------------------------------------------------
    def summary(self, sets: dict[str, SetInfo], ranking: Ranking) -> RoundFigures:
        """The figures of the round, language-neutral apart from the titles in ``sets``."""
        assessed = self.assessed
        requested_total = math.fsum(self.requested)
        verdicts: list[VerdictCount] = [
            {
                "verdict": v,
                "count": self.verdict_count[v],
                "percent": _share(self.verdict_count[v], assessed),
                "requested_sek": self.verdict_sek[v],
                "percent_of_requested": _share(self.verdict_sek[v], requested_total),
            }
            for v in VERDICT_ORDER
        ]
        proofed = verdicts[0]
        dimension_titles: dict[str, str] = {}
        for info in sets.values():
            for dimension, title in info.dimensions:
                dimension_titles.setdefault(dimension, title)
        return {
            "inputs": {
                "total": self.inputs,
                "assessed": assessed,
                "errors": self.errors,
                "skipped": len(self.skipped),
            },
            # The same application id more than once: counted (and its amount) each time.
            "duplicate_ids": self.duplicate_ids,
            "criteria_sets": [
                {
                    "id": sets[sha].id if sha in sets else "",
                    "version": sets[sha].version if sha in sets else "",
                    "sha256": sha,
                    "title": sets[sha].title if sha in sets else "",
                    "applications": count,
                }
                for sha, count in self.set_count.items()
            ],
            "verdicts": verdicts,
            # Counted apart: applications with nothing to score yet (no data is not zero).
            "cannot_be_scored": {"count": self.unscorable, "requested_sek": self.unscorable_sek},
            # Of the applications that can be scored: one with no answers is not a zero.
            "sustainability_proofed": {
                "count": proofed["count"],
                "of": assessed - self.unscorable,
                "percent": _share(self.verdict_count["pass"], assessed - self.unscorable),
                "requested_sek": proofed["requested_sek"],
                "of_requested_sek": requested_total - self.unscorable_sek,
                "percent_of_requested": _share(
                    self.verdict_sek["pass"], requested_total - self.unscorable_sek
                ),
            },
            "overall": distribution(self.overall, None),
            "dimensions": [
                {
                    "id": d,
                    "title": dimension_titles.get(d, d),
                    **distribution(self.dimension_percents[d], self.dimension_below[d]),
                }
                for d in self.dimension_ids
            ],
            "criteria_low": self._criteria_low(sets),
            "missing": self._missing(sets),
            "gates": self._gates(sets),
            # Who applies: shares of the applications whose sector is known.
            "sectors": self.sectors.summary(),
            "sdg": [
                {
                    "goal": goal,
                    "applications": self.sdg_count.get(goal, 0),
                    "percent": _share(self.sdg_count.get(goal, 0), assessed),
                    "requested_sek": self.sdg_sek.get(goal, 0.0),
                }
                for goal in SDG_GOALS
            ],
            "budget": None
            if ranking.budget is None
            else {
                "available_sek": ranking.budget,
                "allocated_sek": ranking.allocated,
                "remaining_sek": ranking.remaining,
                "funding_rule": ranking.rule,
                "funded": ranking.funded_count,
                "sustainability_proofed_not_funded": ranking.passed_over,
                "funding_line_after_rank": ranking.line_after_rank,
            },
        }

    def _criteria_low(self, sets: dict[str, SetInfo]) -> list[CriterionLow]:
        rows: list[CriterionLow] = []
        for (sha, criterion), (judged, low) in self.criteria.items():
            info = sets.get(sha)
            titles = {c: (t, d) for c, t, d in info.criteria} if info else {}
            title, dimension = titles.get(criterion, (criterion, ""))
            rows.append(
                {
                    "criteria_set": info.id if info else "",
                    "criterion": criterion,
                    "title": title,
                    "dimension": dimension,
                    "judged": judged,
                    "low": low,
                    "percent": _share(low, judged),
                }
            )
        rows.sort(key=lambda r: (-int(r["low"]), -float(r["percent"] or 0.0), str(r["criterion"])))
        return rows

    def _missing(self, sets: dict[str, SetInfo]) -> list[MissingCount]:
        rows: list[MissingCount] = []
        for (sha, question), count in self.missing.items():
            info = sets.get(sha)
            labels = dict(info.questions) if info else {}
            rows.append(
                {
                    "criteria_set": info.id if info else "",
                    "question": question,
                    "label": labels.get(question, question),
                    "applications": count,
                    "percent": _share(count, self.set_count.get(sha, 0)),
                }
            )
        rows.sort(key=lambda r: (-int(r["applications"]), str(r["question"])))
        return rows

    def _gates(self, sets: dict[str, SetInfo]) -> list[GateCount]:
        rows: list[GateCount] = []
        for (sha, gate), count in self.gates.items():
            info = sets.get(sha)
            titles = {g: (t, e) for g, t, e in info.gates} if info else {}
            title, effect = titles.get(gate, (gate, ""))
            rows.append(
                {
                    "criteria_set": info.id if info else "",
                    "gate": gate,
                    "title": title,
                    "effect": effect,
                    "applications": count,
                }
            )
        rows.sort(key=lambda r: (-int(r["applications"]), str(r["gate"])))
        return rows


def rank_key_of(
    verdicts: array[int], overall: list[Fraction | None], ids: list[str]
) -> Callable[[int], tuple[int, bool, Fraction, str, int]]:
    """The ranking's sort key for the ``k``-th assessed input (see :meth:`Tally.rank`)."""

    def key(k: int) -> tuple[int, bool, Fraction, str, int]:
        value = overall[k]
        return (verdicts[k], value is None, -(value or _ZERO), ids[k], k)

    return key


def _share(part: float, whole: float) -> float | None:
    return 100.0 * part / whole if whole else None


def percentile(ordered: list[float], q: float) -> float:
    """The ``q``-quantile (0..1) of sorted values, interpolating linearly."""
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def distribution(values: Iterable[float], below: int | None) -> Distribution:
    """Count, mean, quartiles, range and a histogram in ten-point bins (100 in the last)."""
    ordered = sorted(v for v in values if not math.isnan(v))
    histogram = [0] * HISTOGRAM_BINS
    for value in ordered:
        histogram[min(HISTOGRAM_BINS - 1, max(0, int(value // 10)))] += 1
    n = len(ordered)
    result: Distribution = {
        "count": n,
        "mean": math.fsum(ordered) / n if n else None,
        "median": percentile(ordered, 0.5) if n else None,
        "p25": percentile(ordered, 0.25) if n else None,
        "p75": percentile(ordered, 0.75) if n else None,
        "min": ordered[0] if n else None,
        "max": ordered[-1] if n else None,
        "histogram": histogram,
    }
    if below is not None:
        result["below_minimum"] = below
        result["below_minimum_percent"] = _share(below, n)
    return result
