"""Exact arithmetic in scoring: the laws that make equal scores equal."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from hallbarhet_cli import fmt
from hallbarhet_cli.arithmetic import exact, round_half_up
from hallbarhet_cli.batch.records import Outcome, Record, Status
from hallbarhet_cli.batch.summary import Tally
from hallbarhet_cli.scoring.assessment import Verdict
from hallbarhet_cli.scoring.ranking import rank_key


def test_a_weight_written_as_one_tenth_is_one_tenth() -> None:
    assert sum(exact(0.1) for _ in range(10)) == 1
    assert sum(0.1 for _ in range(10)) != 1  # what binary floating point would have said


@given(st.integers(-(10**6), 10**6), st.integers(0, 6))
def test_exact_reads_a_float_as_the_decimal_it_was_written_as(digits: int, places: int) -> None:
    written = Decimal(digits).scaleb(-places)
    assert exact(float(written)) == Fraction(written)


@given(st.fractions(min_value=0, max_value=100, max_denominator=10**6))
def test_shown_percent_is_the_exact_value_rounded_half_up(value: Fraction) -> None:
    expected = Decimal(value.numerator) / Decimal(value.denominator)
    expected = expected.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    # Through the float a report receives, the same rounding comes out.
    assert round_half_up(float(value), 1) == round_half_up(value, 1) == expected
    assert fmt.percent(value, "en") == f"{expected}%"


@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(0, 8))
def test_a_float_rounds_as_its_exact_value_does(value: float, places: int) -> None:
    # Floats take a faster road than fractions; the digits and the sign must not differ.
    fast, slow = round_half_up(value, places), round_half_up(exact(value), places)
    assert fast.as_tuple() == slow.as_tuple()
    assert round_half_up(-0.04, 1).as_tuple() == Decimal("0.0").as_tuple()


def test_halves_round_up() -> None:
    assert [str(round_half_up(v, 1)) for v in (43.75, 43.65, 0.05, 66.65)] == [
        "43.8",
        "43.7",
        "0.1",
        "66.7",
    ]


def _record(app_id: str, overall: Fraction | None, verdict: str = "pass") -> Record:
    return Record(
        id=app_id,
        title=app_id,
        applicant="A",
        requested_sek=100.0,
        criteria_sha="sha",
        criteria_set="set",
        verdict=verdict,
        provisional=False,
        overall_percent=None if overall is None else float(overall),
        overall_exact=overall,
        dimensions=(),
        criteria=(),
        missing=(),
        gates=(),
        sdg=(),
    )


def _ranks(records: list[Record]) -> dict[str, int]:
    tally = Tally()
    for i, record in enumerate(records):
        tally.add(Outcome(i, f"{i}.yaml", Status.ASSESSED, record))
    ranking = tally.rank(None)
    return {r.id: ranking.ranks[i] for i, r in enumerate(records)}


percents = st.one_of(st.none(), st.fractions(min_value=0, max_value=100, max_denominator=12))
verdicts = st.sampled_from(["pass", "fail", "incomplete", "excluded"])


@given(st.lists(st.tuples(percents, verdicts), min_size=1, max_size=12), st.randoms())
def test_permuting_the_input_never_changes_the_ranks(
    scored: list[tuple[Fraction | None, str]], shuffle: random.Random
) -> None:
    records = [_record(f"APP-{i:02d}", p, v) for i, (p, v) in enumerate(scored)]
    shuffled = records[:]
    shuffle.shuffle(shuffled)
    assert _ranks(records) == _ranks(shuffled)


@given(st.fractions(min_value=0, max_value=100), st.text(min_size=1), st.text(min_size=1))
def test_equal_scores_rank_by_id(percent: Fraction, first: str, second: str) -> None:
    if first == second:
        return
    ranks = _ranks([_record(second, percent), _record(first, percent)])
    low, high = sorted((first, second))
    assert ranks[low] < ranks[high]


def test_the_ranking_rule_is_one_rule() -> None:
    # criteria diff --round and the batch order the same way.
    ordered = sorted(
        [
            ("c", Verdict.FAIL, Fraction(90)),
            ("b", Verdict.PASS, Fraction(200, 3)),
            ("a", Verdict.PASS, Fraction(200, 3)),
            ("d", Verdict.INCOMPLETE, None),
            ("e", Verdict.EXCLUDED, Fraction(99)),
            ("f", Verdict.INCOMPLETE, Fraction(10)),
        ],
        key=lambda e: rank_key(e[1], e[2], e[0]),
    )
    assert [e[0] for e in ordered] == ["a", "b", "c", "f", "d", "e"]
    records = [_record(i, p, v.value) for i, v, p in ordered[::-1]]
    ranks = _ranks(records)
    assert sorted(ranks, key=ranks.__getitem__) == ["a", "b", "c", "f", "d", "e"]
