"""Counts and kronor over a portfolio's applications: pure arithmetic on the entries, no
language. A share whose base is empty is ``None`` (no data is not zero)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from hallbarhet_cli.criteria.promises import NUMERIC, promises
from hallbarhet_cli.followup.compare import PromiseStatus, compare
from hallbarhet_cli.models.criteria import Question
from hallbarhet_cli.models.followup import GRANTING
from hallbarhet_cli.models.text import unit_text
from hallbarhet_cli.portfolio.collect import Entry
from hallbarhet_cli.portfolio.viewtypes import (
    DimensionStats,
    PromiseStats,
    TotalsView,
    VerdictStats,
)
from hallbarhet_cli.scoring.assessment import Verdict


def granted_sek(entry: Entry) -> float:
    """The amount granted, 0 for an application that was not (or not yet) granted."""
    decision = entry.application.model.decision
    if decision is None or decision.outcome not in GRANTING:
        return 0
    return decision.granted_sek or 0


def is_granted(entry: Entry) -> bool:
    decision = entry.application.model.decision
    return decision is not None and decision.outcome in GRANTING


def _share(part: float, base: float) -> float | None:
    return 100 * part / base if base else None


def whole(value: float) -> float | int:
    """Whole kronor as integers, so JSON shows ``2100000`` rather than ``2100000.0``."""
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True)
class Totals:
    """What every breakdown shows for a group of applications."""

    applications: int
    proofed: int
    requested_sek: float
    proofed_requested_sek: float
    granted: int
    proofed_granted: int
    granted_sek: float
    proofed_granted_sek: float

    def as_dict(self) -> TotalsView:
        return {
            "applications": self.applications,
            "proofed": self.proofed,
            "share_by_count": _share(self.proofed, self.applications),
            "requested_sek": whole(self.requested_sek),
            "proofed_requested_sek": whole(self.proofed_requested_sek),
            "share_by_requested_sek": _share(self.proofed_requested_sek, self.requested_sek),
            "granted": self.granted,
            "proofed_granted": self.proofed_granted,
            "share_of_granted_by_count": _share(self.proofed_granted, self.granted),
            "granted_sek": whole(self.granted_sek),
            "proofed_granted_sek": whole(self.proofed_granted_sek),
            "share_by_granted_sek": _share(self.proofed_granted_sek, self.granted_sek),
        }


def totals(entries: Sequence[Entry]) -> Totals:
    """Counts and kronor of ``entries``; sustainability-proofed means the verdict at the
    decision was ``pass``."""
    proofed = [e for e in entries if e.assessment.verdict is Verdict.PASS]
    granted = [e for e in entries if is_granted(e)]
    return Totals(
        applications=len(entries),
        proofed=len(proofed),
        requested_sek=sum(e.application.model.budget.requested_sek for e in entries),
        proofed_requested_sek=sum(e.application.model.budget.requested_sek for e in proofed),
        granted=len(granted),
        proofed_granted=sum(1 for e in granted if e.assessment.verdict is Verdict.PASS),
        granted_sek=sum(granted_sek(e) for e in granted),
        proofed_granted_sek=sum(granted_sek(e) for e in proofed),
    )


def by_verdict(entries: Sequence[Entry]) -> dict[str, VerdictStats]:
    """Count, requested and granted SEK for every verdict, in order of precedence."""
    out: dict[str, VerdictStats] = {}
    for verdict in (Verdict.PASS, Verdict.FAIL, Verdict.INCOMPLETE, Verdict.EXCLUDED):
        members = [e for e in entries if e.assessment.verdict is verdict]
        out[verdict.value] = {
            "count": len(members),
            "requested_sek": whole(sum(e.application.model.budget.requested_sek for e in members)),
            "granted_sek": whole(sum(granted_sek(e) for e in members)),
        }
    return out


def grouped(
    entries: Iterable[Entry], *keys: Callable[[Entry], str | None]
) -> list[tuple[tuple[str | None, ...], list[Entry]]]:
    """``entries`` grouped by the values of ``keys``, groups sorted with "not given"
    (``None``) last."""
    groups: dict[tuple[str | None, ...], list[Entry]] = {}
    for entry in entries:
        groups.setdefault(tuple(key(entry) for key in keys), []).append(entry)
    return sorted(groups.items(), key=lambda item: [(v is None, v or "") for v in item[0]])


def dimension_stats(entries: Sequence[Entry]) -> dict[str, DimensionStats]:
    """For each dimension: how many applications reached its minimum, and their kronor."""
    out: dict[str, DimensionStats] = {}
    for entry in entries:
        for d in entry.assessment.dimensions:
            stats = out.setdefault(
                d.id,
                {
                    "assessed": 0,
                    "meets_minimum": 0,
                    "requested_sek": 0,
                    "granted_sek": 0,
                    "share_by_count": None,  # worked out below, once all are counted
                },
            )
            if d.percent is None:
                continue
            stats["assessed"] += 1
            if not d.below_minimum:
                stats["meets_minimum"] += 1
                stats["requested_sek"] += entry.application.model.budget.requested_sek
                stats["granted_sek"] += granted_sek(entry)
    for stats in out.values():
        stats["share_by_count"] = _share(stats["meets_minimum"], stats["assessed"])
        stats["requested_sek"] = whole(stats["requested_sek"])
        stats["granted_sek"] = whole(stats["granted_sek"])
    return out


def level_stats(entries: Sequence[Entry]) -> dict[tuple[str, str], dict[Any, dict[str, Any]]]:
    """For each (criteria set, criterion): count and kronor by the level reached (its
    index; the points for a manual criterion as ``"p3"``; ``None`` when not scored)."""
    out: dict[tuple[str, str], dict[Any, dict[str, Any]]] = {}
    for entry in entries:
        for r in entry.assessment.criteria:
            if r.manual:
                level: Any = None if r.unscored else f"p{r.points}"
            else:
                level = r.level
            cell = out.setdefault((entry.assessment.criteria_id, r.id), {}).setdefault(
                level, {"count": 0, "requested_sek": 0, "granted_sek": 0}
            )
            cell["count"] += 1
            cell["requested_sek"] += entry.application.model.budget.requested_sek
            cell["granted_sek"] += granted_sek(entry)
    return out


_SHARE_UNITS: Final = frozenset({"%", "procent", "percent", "per cent"})


def _additive(question: Question) -> bool:
    """Whether a promise's values add up across projects: numbers do, except shares
    (a 20 % and a 30 % cut are not a 50 % cut of anything)."""
    if question.type not in NUMERIC:
        return False
    return unit_text(question.unit, "sv").strip().casefold() not in _SHARE_UNITS


def promise_stats(entries: Sequence[Entry]) -> dict[tuple[str, str], PromiseStats]:
    """For each (criteria set, promise): the granted applications that promised
    something, how many reported a value in their latest report, the promised and
    delivered totals over those that reported, and the statuses. The totals are
    ``None`` where nothing was reported (no data is not zero) and for values that do
    not add up across projects (text, yes/no, shares in per cent)."""
    out: dict[tuple[str, str], PromiseStats] = {}
    for entry in entries:
        if not is_granted(entry):
            continue
        loaded = entry.application
        declared = promises(loaded.criteria)
        report = entry.latest_report()
        results = (
            {
                r.question: r
                for r in compare(
                    loaded.criteria, declared, loaded.answers, report.model, report.values
                )
            }
            if report
            else {}
        )
        for question, _ in declared.items():
            promised = loaded.answers.get(question)
            if promised is None:
                continue
            additive = _additive(loaded.criteria.question_map[question])
            stats = out.setdefault(
                (loaded.criteria.id, question),
                {
                    "additive": additive,
                    "promised_by": 0,
                    "reported": 0,
                    "promised_total": 0 if additive else None,
                    "delivered_total": 0 if additive else None,
                    "statuses": {s.value: 0 for s in PromiseStatus},
                },
            )
            stats["promised_by"] += 1
            result = results.get(question)
            status = result.status if result else PromiseStatus.NOT_REPORTED
            stats["statuses"][status.value] += 1
            if result is not None and result.delivered is not None:
                stats["reported"] += 1
                if additive:
                    stats["promised_total"] += promised
                    stats["delivered_total"] += result.delivered
    for stats in out.values():
        if stats["reported"] == 0:
            stats["promised_total"] = stats["delivered_total"] = None
    return out
