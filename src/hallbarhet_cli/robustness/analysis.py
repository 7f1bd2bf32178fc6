"""The Monte Carlo analysis: draw the weights, score and rank the round again under each
draw, and count ranks, passes and funding.

Under a draw, a dimension's percent is 100 × Σ(weight × points/max) / Σ(weight) over its
criteria and the overall percent weights the dimensions, exactly as the engine computes
them; only the weights change. An application's verdict is judged again if it was
``pass`` or ``fail`` (the pass threshold and the minimum for every dimension);
``incomplete`` and ``excluded`` stay what they are, because no weight completes an
application or lifts a gate. The ranking and the funding line follow the batch's rules:
by verdict, then overall percent; with a budget, passing applications are funded in rank
order while the amounts fit, and the first that does not fit draws the line.

Each draw's percent is the engine's percent plus what the drawn weights change, so a
weight without uncertainty reproduces the engine's figures exactly. Applications whose
scores are equal to nine decimals tie, and a tie is broken by lot in each draw: equal
scores say nothing about which application is better. Applications that are the same in
everything the analysis reads share their counts exactly.

Everything is vectorised with numpy over blocks of draws, with one seeded generator, so
the same round, draws and seed give the same numbers on every run.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from hallbarhet_cli.robustness.declared import UNKNOWN
from hallbarhet_cli.robustness.round import RoundInput, SetWeights

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

VERDICT_CODES: Final = {"pass": 0, "fail": 1, "incomplete": 2, "excluded": 3}
# Threshold comparisons allow for the rounding of floating point: a percent within this
# of a threshold meets it, as its exact value does.
EPSILON: Final = 1e-9
_SCALE: Final = 1e9  # percent units per point of the ranking key (nine decimals)
_LOT_BITS: Final = 23
_BLOCK_CELLS: Final = 2_000_000  # draws × applications scored at once


@dataclass(frozen=True)
class Counts:
    """Per application (in input order), over all draws: how often it passed and was
    funded, and ``ranks[i, r]`` how often it got rank ``r + 1``."""

    draws: int
    passes: NDArray[np.float64]
    funded: NDArray[np.float64] | None
    ranks: NDArray[np.float64]


@dataclass(frozen=True)
class _Part:
    """One scored dimension of a set: its criteria's columns, the members' fractions on
    them (criteria × members) and what to add so the nominal weights give the engine's
    own percent."""

    dimension: int
    columns: NDArray[np.intp]
    fractions_t: NDArray[np.float64]
    shift: NDArray[np.float64]


@dataclass(frozen=True)
class _Prepared:
    weights: SetWeights
    members: NDArray[np.intp]
    nominal_overall: NDArray[np.float64]
    overall_shift: NDArray[np.float64]
    codes: NDArray[np.int64]
    movable: NDArray[np.bool_]
    criterion_dim: NDArray[np.intp]
    criterion_nominal: NDArray[np.float64]
    criterion_spread: NDArray[np.float64]
    dimension_nominal: NDArray[np.float64]
    dimension_spread: NDArray[np.float64]
    parts: tuple[_Part, ...]
    fixed: bool


def analyse(
    round_: RoundInput, draws: int, seed: int, budget: float | None, rule: str = "stop"
) -> Counts:
    """Count ranks, passes and (with ``budget``) funding over ``draws`` draws, funding by
    the batch's ``rule``: ``stop`` at the first passing application that does not fit, or
    ``skip`` it and fund later ones that still fit."""
    import numpy as np

    entries = round_.entries
    n = len(entries)
    if n == 0:
        empty = np.zeros(0, dtype=np.float64)
        return Counts(draws, empty, empty if budget is not None else None, np.zeros((0, 0)))
    rng = np.random.default_rng(seed)
    prepared = [_prepare(round_, sha) for sha in sorted(round_.sets)]
    requested = np.array([e.requested_sek for e in entries], dtype=np.float64)
    passes = np.zeros(n, dtype=np.int64)
    funded = np.zeros(n, dtype=np.int64)
    ranks = np.zeros(n * n, dtype=np.int64)
    block = max(1, min(draws, _BLOCK_CELLS // max(n, 1)))
    positions = np.arange(n, dtype=np.intp)[None, :]
    for start in range(0, draws, block):
        size = min(block, draws - start)
        score = np.empty((size, n), dtype=np.float64)
        code = np.empty((size, n), dtype=np.int64)
        for prep in prepared:
            s, c = _score(prep, rng, size)
            score[:, prep.members] = s
            code[:, prep.members] = c
        order = _order(score, code, rng)
        # order[d, j] is the application at position j of draw d: count (application, rank).
        ranks += np.bincount((order * n + positions).ravel(), minlength=n * n)
        passed = code == 0
        passes += passed.sum(axis=0)
        if budget is not None:
            funded += _funded(order, passed, requested, budget, rule)
    counts = Counts(
        draws,
        passes.astype(np.float64),
        funded.astype(np.float64) if budget is not None else None,
        ranks.reshape(n, n).astype(np.float64),
    )
    _share_among_equals(round_, counts)
    return counts


def _order(
    score: NDArray[np.float64], code: NDArray[np.int64], rng: np.random.Generator
) -> NDArray[np.intp]:
    """Each draw's ranking, as the applications in rank order: by verdict, then overall
    percent (none last) to nine decimals, then by lot. One 64-bit key per application:
    verdict and "no percent" in the top bits, the percent below, the lot in the rest."""
    import numpy as np

    missing = np.isnan(score)
    shown = np.where(missing, 100.0, score)
    np.clip(shown, 0.0, 100.0, out=shown)
    np.subtract(100.0, shown, out=shown)
    shown *= _SCALE
    np.rint(shown, out=shown)
    key = code << 1
    key += missing
    key <<= 60
    units = shown.astype(np.int64)
    units <<= _LOT_BITS
    key |= units
    key |= rng.integers(0, 1 << _LOT_BITS, size=score.shape, dtype=np.int64)
    return np.argsort(key, axis=1)


def _funded(
    order: NDArray[np.intp],
    passed: NDArray[np.bool_],
    requested: NDArray[np.float64],
    budget: float,
    rule: str,
) -> NDArray[np.int64]:
    """How many draws fund each application, in rank order while the amounts fit.
    Passing applications come first in every ranking. Under ``stop`` the running sum of
    their amounts decides: it passes the budget at the first that does not fit and stays
    above it, so none after is funded. Under ``skip`` an application that does not fit is
    passed over, so the money left is followed rank by rank (for all draws at once)."""
    import numpy as np

    in_order = np.take_along_axis(passed, order, axis=1)
    amounts = np.where(in_order, requested[order], 0.0)
    if rule == "stop":
        fits = in_order & (np.cumsum(amounts, axis=1) <= budget)
    else:
        fits = np.zeros_like(in_order)
        total = np.zeros(order.shape[0])
        for j in range(int(in_order.sum(axis=1).max(initial=0))):
            candidate = total + amounts[:, j]
            fits[:, j] = in_order[:, j] & (candidate <= budget)
            total = np.where(fits[:, j], candidate, total)
    return np.bincount(order[fits], minlength=passed.shape[1])


def _prepare(round_: RoundInput, sha: str) -> _Prepared:
    """The set's weights and its applications' fractions as arrays, once."""
    import numpy as np

    weights = round_.sets[sha]
    uncertainty = weights.uncertainty
    members = [i for i, e in enumerate(round_.entries) if e.set_sha == sha]
    entries = [round_.entries[i] for i in members]
    dim_index = {d: k for k, (d, _) in enumerate(weights.dimensions)}
    fractions = np.array([e.fractions for e in entries], dtype=np.float64).reshape(
        len(entries), len(weights.criteria)
    )
    nominal_dims = np.array(
        [[np.nan if p is None else p for p in e.dimensions] for e in entries], dtype=np.float64
    ).reshape(len(entries), len(weights.dimensions))
    nominal_overall = np.array(
        [np.nan if e.overall is None else e.overall for e in entries], dtype=np.float64
    )
    criterion_dim = np.array([dim_index.get(d, -1) for _, d, _ in weights.criteria], dtype=np.intp)
    criterion_nominal = np.array([w for _, _, w in weights.criteria], dtype=np.float64)
    dimension_nominal = np.array([w for _, w in weights.dimensions], dtype=np.float64)
    parts = []
    for k in range(len(weights.dimensions)):
        columns = np.flatnonzero(criterion_dim == k)
        total = criterion_nominal[columns].sum()
        if columns.size == 0 or total <= 0:
            continue  # the engine leaves such a dimension out, whatever the weights
        percent = 100.0 * (fractions[:, columns] @ criterion_nominal[columns]) / total
        parts.append(
            _Part(
                k,
                columns,
                np.ascontiguousarray(fractions[:, columns].T),
                nominal_dims[:, k] - percent,
            )
        )
    scored = [part.dimension for part in parts]
    if scored:
        shares = dimension_nominal[scored]
        nominal = (nominal_dims[:, scored] * shares).sum(axis=1) / shares.sum()
        overall_shift = nominal_overall - nominal
    else:
        overall_shift = np.zeros(len(entries))
    spreads = [*uncertainty.dimensions.values(), *uncertainty.criteria.values()]
    return _Prepared(
        weights=weights,
        members=np.array(members, dtype=np.intp),
        nominal_overall=nominal_overall,
        overall_shift=overall_shift,
        codes=np.array([VERDICT_CODES[e.verdict] for e in entries], dtype=np.int64),
        movable=np.array([e.verdict in ("pass", "fail") for e in entries], dtype=bool),
        criterion_dim=criterion_dim,
        criterion_nominal=criterion_nominal,
        criterion_spread=_spread_array(
            [uncertainty.criteria.get(c, 0.0) for c, _, _ in weights.criteria]
        ),
        dimension_nominal=dimension_nominal,
        dimension_spread=_spread_array(
            [uncertainty.dimensions.get(d, 0.0) for d, _ in weights.dimensions]
        ),
        parts=tuple(parts),
        fixed=all(s == 0 for s in spreads),
    )


def _spread_array(values: list[float | str]) -> NDArray[np.float64]:
    import numpy as np

    return np.array([np.nan if v == UNKNOWN else v for v in values], dtype=np.float64)


def draw_weights(
    rng: np.random.Generator,
    nominal: NDArray[np.float64],
    spread: NDArray[np.float64],
    groups: NDArray[np.intp],
    size: int,
) -> NDArray[np.float64]:
    """``size`` draws of the weights ``nominal``: each weight with a share ``spread``
    uniformly within that share of itself either way; the weights marked unknown (nan)
    in each group uniformly from the simplex of weights with their nominal sum (as
    classic SMAA draws weights about which nothing is known), or, for one unknown weight
    alone among known ones, uniformly between zero and twice its value."""
    import numpy as np

    drawn = np.broadcast_to(nominal, (size, nominal.size)).copy()
    varies = ~np.isnan(spread) & (spread > 0)
    if varies.any():
        u = rng.random((size, int(varies.sum())))
        drawn[:, varies] = nominal[varies] * (1.0 + spread[varies] * (2.0 * u - 1.0))
    unknown = np.isnan(spread)
    for group in np.unique(groups[unknown]):
        members = np.flatnonzero(unknown & (groups == group))
        if members.size == 1:  # alone among known weights: anything from zero to double
            drawn[:, members] = nominal[members] * 2.0 * rng.random((size, 1))
            continue
        e = rng.exponential(size=(size, members.size))
        drawn[:, members] = e / e.sum(axis=1, keepdims=True) * nominal[members].sum()
    return drawn


def _score(
    prep: _Prepared, rng: np.random.Generator, size: int
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """The overall percent and verdict code of the set's applications under ``size``
    draws of its weights."""
    import numpy as np

    members = prep.members.size
    if prep.fixed:
        return (
            np.broadcast_to(prep.nominal_overall, (size, members)),
            np.broadcast_to(prep.codes, (size, members)),
        )
    criterion_w = draw_weights(
        rng, prep.criterion_nominal, prep.criterion_spread, prep.criterion_dim, size
    )
    dimension_w = draw_weights(
        rng,
        prep.dimension_nominal,
        prep.dimension_spread,
        np.zeros(prep.dimension_nominal.size, dtype=np.intp),
        size,
    )
    weighted = np.zeros((size, members))
    dimension_total = np.zeros((size, 1))
    below = np.zeros((size, members), dtype=bool)
    minimum = prep.weights.dimension_min_percent - EPSILON
    with np.errstate(invalid="ignore", divide="ignore"):
        for part in prep.parts:
            w = criterion_w[:, part.columns]
            percent = w @ part.fractions_t
            percent *= 100.0 / w.sum(axis=1, keepdims=True)
            percent += part.shift
            below |= percent < minimum
            share = dimension_w[:, part.dimension : part.dimension + 1]
            percent *= share
            weighted += percent
            dimension_total += share
        overall = weighted / dimension_total + prep.overall_shift
    fails = below | (overall < prep.weights.pass_percent - EPSILON)
    code = np.where(prep.movable[None, :], fails.astype(np.int64), prep.codes[None, :])
    return overall, code


def _share_among_equals(round_: RoundInput, counts: Counts) -> None:
    """Applications the same in everything the analysis reads can only differ by the lot
    that breaks their ties: give them the mean of their counts."""
    groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, e in enumerate(round_.entries):
        key = (e.set_sha, e.verdict, e.requested_sek, e.overall, e.dimensions, e.fractions)
        groups[key].append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        for array in (counts.passes, counts.funded, counts.ranks):
            if array is not None:
                array[members] = array[members].mean(axis=0)
