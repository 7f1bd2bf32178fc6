"""A large ``in:`` list (a criteria author pasting every municipality or sector code)
keeps assessing linear: membership is looked up in a set built once when the criteria
set's conditions are compiled, and an explanation names the first values and how many
more, instead of joining hundreds of thousands of them into one sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.files.yamlload import load_file
from hallbarhet_cli.models import Application
from hallbarhet_cli.models.conditions import Comparison
from hallbarhet_cli.scoring.engine import Facts
from hallbarhet_cli.scoring.explain import Explainer
from hallbarhet_cli.scoring.predicates import compile_condition

EXAMPLES = Path(__file__).parents[2] / "examples"
APPLICATION = Application.model_validate(load_file(EXAMPLES / "solcellspark-alvesta.yaml").data)


class Counted(int):
    """An integer that counts how often it is compared for equality."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        Counted.comparisons += 1
        return int(self) == other

    __hash__ = int.__hash__


@pytest.mark.parametrize("op", ["in", "not_in"])
def test_membership_does_not_scan_the_list(op: str) -> None:
    listed = [Counted(n) for n in range(0, 20_000, 2)]
    holds = compile_condition(Comparison.model_validate({"question": "q", op: listed}))
    Counted.comparisons = 0
    for answer in range(-50, 50):
        assert holds({"q": answer}, APPLICATION) == (
            (answer in range(0, 20_000, 2)) == (op == "in")
        )
    # A scan of the list compares each answer with thousands of values; a set, a handful.
    assert Counted.comparisons < 1_000, Counted.comparisons


@pytest.mark.parametrize(
    ("values", "answer", "listed"),
    [
        (list(range(200_000)), 199_999, 1),
        (list(range(200_000)), 200_000, 0),
        (list(range(200_000)), True, None),  # a boolean is not the number 1: neither holds
        ([float(n) for n in range(1000)], 7, 1),
        (
            [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(5000)],
            dt.date(2027, 1, 1),
            True,
        ),
        ([str(n) for n in range(100_000)], "99999", 1),
        ([str(n) for n in range(100_000)], 99_999, None),  # text is not a number
    ],
)
def test_a_large_list_gives_what_the_engine_interpreter_gives(
    values: list[Any], answer: Any, listed: int | None
) -> None:
    """``listed``: 1 when the answer is in the list, 0 when not, ``None`` when the
    answer is of another kind (then neither ``in`` nor ``not_in`` holds)."""
    for op in ("in", "not_in"):
        condition = Comparison.model_validate({"question": "q", op: values})
        compiled = compile_condition(condition)({"q": answer}, APPLICATION)
        interpreted = Facts(APPLICATION, {"q": answer}).holds(condition)
        expected = listed is not None and bool(listed) == (op == "in")
        assert compiled == interpreted == expected


def test_an_explanation_names_the_first_values_and_how_many_more() -> None:
    condition = Comparison.model_validate({"question": "q", "in": list(range(200_000))})
    criteria = CriteriaLibrary().resolve("kronoberg-projektmedel", Where("test"))
    text = Explainer(criteria, "en").condition(condition)
    assert "199,980 more values" in text
    assert len(text) < 400
