"""Indicator data, row by row: each malformed row is one problem at its row and column
(table-driven, as the lint checks are tested), and good rows are read as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallbarhet_cli.errors import InputError
from hallbarhet_cli.indicators.data import DataError, read_data
from hallbarhet_cli.indicators.library import IndicatorLibrary, ResolvedIndicatorSet

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "indicators"


@pytest.fixture(scope="module")
def mini() -> ResolvedIndicatorSet:
    return IndicatorLibrary([]).resolve_path(FIXTURES / "mini-indicators.yaml")


def read(
    tmp_path: Path, text: str, indicators: ResolvedIndicatorSet
) -> list[tuple[str, int | None, int | None]]:
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    try:
        read_data([(path, "data.csv")], indicators)
    except InputError as err:
        return [(p.rule, p.line, p.column) for p in err.problems]
    return []


HEADER = "indicator,period,area,value\n"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("rising,2020,A,1\n", []),
        ("rising,2020,A,\n", []),  # an empty value is not yet reported, not an error
        ("risin,2020,A,1\n", [("unknown-indicator", 2, 1)]),
        ("rising,2020-Q1,A,1\n", [("period", 2, 2)]),
        ("rising,2020,,1\n", [("missing-area", 2, 3)]),
        ("rising,2020,A,ett\n", [("value", 2, 4)]),
        ("rising,2020,A,1\nrising,2020,A,2\n", [("duplicate-row", 3, 1)]),
        ("rising,2020,A,1\nrising,2020,B,2\n", []),  # another area is another value
        ("rising,2020,A,1,9\n", [("row-length", 2, None)]),
        ("\n\nrising,2020,A,1\n", []),  # blank lines hold nothing to account for
    ],
)
def test_rows(
    tmp_path: Path, mini: ResolvedIndicatorSet, rows: str, expected: list[object]
) -> None:
    assert read(tmp_path, HEADER + rows, mini) == expected


def test_values_are_read_as_swedish_exports_write_them(
    tmp_path: Path, mini: ResolvedIndicatorSet
) -> None:
    path = tmp_path / "data.csv"
    path.write_text(
        "\ufeffindicator;period;area;value;status\n"
        "rising;2020;A;1 234,5;preliminary\n"
        "rising;2021;A;−2;\n",
        encoding="utf-8",
    )
    observations = read_data([(path, "data.csv")], mini)
    assert [(o.period.text, o.value, o.status) for o in observations] == [
        ("2020", 1234.5, "preliminary"),
        ("2021", -2.0, ""),
    ]


def test_every_problem_in_every_file_is_reported(
    tmp_path: Path, mini: ResolvedIndicatorSet
) -> None:
    first = tmp_path / "a.csv"
    second = tmp_path / "b.csv"
    first.write_text(HEADER + "rising,2020,A,x\n", encoding="utf-8")
    second.write_text(HEADER + "rising,2020,A,1\nfalling,1999-01,A,1\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_data([(first, "a.csv"), (second, "b.csv")], mini)
    assert [(p.file, p.line, p.rule) for p in caught.value.problems] == [
        ("a.csv", 2, "value"),
        ("b.csv", 3, "period"),
    ]
    assert caught.value.exit_code == 1
