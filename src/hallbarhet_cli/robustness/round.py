"""What the analysis needs of a round: each criteria set's weights and thresholds, and each
assessed application's points, verdict and requested amount.

Read either from a batch as it runs (a worker sends :func:`set_weights` with a set's
titles, and the main process adds each record) or from the ``results.jsonl`` a batch wrote
(:func:`read_results`), so the analysis can be run again on a finished round.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.errors import InputError, Message, Problem, Severity
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.robustness.declared import DEFAULT_UNCERTAINTY, Declared, declared_uncertainty

RESULTS_JSONL: Final = "results.jsonl"


@dataclass(frozen=True)
class SetWeights:
    """A criteria set's weights, thresholds and declared weight uncertainty."""

    sha256: str
    id: str
    version: str
    pass_percent: float
    dimension_min_percent: float
    dimensions: tuple[tuple[str, float], ...]  # (id, weight)
    criteria: tuple[tuple[str, str, float], ...]  # (id, dimension, weight)
    uncertainty: Declared


def set_weights(criteria: ResolvedSet) -> SetWeights:
    return SetWeights(
        sha256=criteria.sha256,
        id=criteria.id,
        version=criteria.version,
        pass_percent=float(criteria.verdict.pass_percent),
        dimension_min_percent=float(criteria.verdict.dimension_min_percent),
        dimensions=tuple((d, float(v.weight)) for d, v in criteria.dimensions.items()),
        criteria=tuple((c.id, c.dimension, float(c.weight)) for c in criteria.criteria),
        uncertainty=declared_uncertainty(criteria),
    )


@dataclass(frozen=True)
class Entry:
    """One assessed application. ``dimensions`` follow the set's dimensions and
    ``fractions`` (points / max points) its criteria."""

    input: str
    id: str
    title: str
    set_sha: str
    verdict: str
    requested_sek: float
    overall: float | None
    dimensions: tuple[float | None, ...]
    fractions: tuple[float, ...]


@dataclass
class RoundInput:
    """The assessed applications of a round, in input order, and their sets."""

    sets: dict[str, SetWeights] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)

    def add(
        self,
        input_: str,
        app: tuple[str, str, float],
        weights: SetWeights,
        verdict: str,
        overall: float | None,
        dimensions: dict[str, float | None],
        points: dict[str, tuple[float, float]],
    ) -> None:
        """Add one assessed application: ``app`` is (id, title, requested SEK),
        ``points`` maps each criterion to (points, max points)."""
        self.sets.setdefault(weights.sha256, weights)
        fractions = []
        for criterion, _, _ in weights.criteria:
            got, maximum = points.get(criterion, (0.0, 0.0))
            fractions.append(got / maximum if maximum else 0.0)
        self.entries.append(
            Entry(
                input=input_,
                id=app[0],
                title=app[1],
                set_sha=weights.sha256,
                verdict=verdict,
                requested_sek=app[2],
                overall=overall,
                dimensions=tuple(dimensions.get(d) for d, _ in weights.dimensions),
                fractions=tuple(fractions),
            )
        )


# -- from results.jsonl ------------------------------------------------------------------------
class _NotResults(Exception):
    pass


def read_results(folder: Path) -> RoundInput:
    """The round in ``folder/results.jsonl``; lines of inputs that could not be assessed
    are left out, as in the ranking. A line that is not a batch result is an error at
    its line."""
    import orjson

    path = folder / RESULTS_JSONL
    display = str(path)
    if not path.is_file():
        raise InputError(
            [
                Problem(
                    display,
                    None,
                    None,
                    "no-results",
                    Severity.ERROR,
                    Message(
                        N_(
                            "There is no results.jsonl here. Run hallbarhet batch with "
                            "-f jsonl (the default) to write one."
                        )
                    ),
                )
            ]
        )
    round_ = RoundInput()
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = orjson.loads(line)
                if isinstance(data, dict) and "error" in data:
                    continue
                _add_line(round_, data)
            except (orjson.JSONDecodeError, _NotResults, KeyError, TypeError, ValueError) as err:
                raise InputError([_not_results(display, number, err)]) from None
    return round_


def _not_results(file: str, line: int, err: Exception) -> Problem:
    detail = str(err.args[0]) if isinstance(err, KeyError) and err.args else type(err).__name__
    return Problem(
        file,
        line,
        1,
        "not-results",
        Severity.ERROR,
        Message(
            N_("This line is not an assessment written by hallbarhet batch ({detail})."),
            {"detail": detail},
        ),
    )


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _NotResults("number")
    return float(value)


def _optional(value: Any) -> float | None:
    return None if value is None else _number(value)


def _add_line(round_: RoundInput, data: Any) -> None:
    if not isinstance(data, dict):
        raise _NotResults("object")
    criteria_set = data["criteria_set"]
    sha = str(criteria_set["sha256"])
    weights = round_.sets.get(sha) or _weights_of(data, sha)
    application = data["application"]
    points = {
        str(c["id"]): (_number(c["points"]), _number(c["max_points"])) for c in data["criteria"]
    }
    round_.add(
        str(data["input"]),
        (str(application["id"]), str(application["title"]), _requested(application)),
        weights,
        str(data["verdict"]),
        _optional(data["overall_percent"]),
        {str(d): _optional(v["percent"]) for d, v in data["dimensions"].items()},
        points,
    )
    if data["verdict"] not in ("pass", "fail", "incomplete", "excluded"):
        raise _NotResults("verdict")


def _requested(application: dict[str, Any]) -> float:
    return _number(application["budget"]["requested_sek"])


def _weights_of(data: dict[str, Any], sha: str) -> SetWeights:
    criteria_set = data["criteria_set"]
    thresholds = data["thresholds"]
    declared = Declared.from_json(criteria_set.get("weight_uncertainty"))
    criteria: Sequence[dict[str, Any]] = data["criteria"]
    dimensions = tuple((str(d), _number(v["weight"])) for d, v in data["dimensions"].items())
    if declared is None:  # results written before weight uncertainty was recorded
        declared = Declared(
            False,
            DEFAULT_UNCERTAINTY,
            {d: DEFAULT_UNCERTAINTY for d, _ in dimensions},
            {str(c["id"]): DEFAULT_UNCERTAINTY for c in criteria},
        )
    return SetWeights(
        sha256=sha,
        id=str(criteria_set["id"]),
        version=str(criteria_set["version"]),
        pass_percent=_number(thresholds["pass_percent"]),
        dimension_min_percent=_number(thresholds["dimension_min_percent"]),
        dimensions=dimensions,
        criteria=tuple((str(c["id"]), str(c["dimension"]), _number(c["weight"])) for c in criteria),
        uncertainty=declared,
    )
