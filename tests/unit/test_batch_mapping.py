"""Column mappings: reading cells, checking the mapping file, binding it to an export's
header and turning a row into an application document located by row and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from textwrap import dedent
from typing import TYPE_CHECKING, Any

import pytest

from hallbarhet_cli.batch.mapping import LoadedMapping, load_mapping
from hallbarhet_cli.batch.rows import (
    Cell,
    as_boolean,
    as_date,
    as_number,
    as_text,
    bind,
    read_cell,
    row_document,
)
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.errors import InputError

if TYPE_CHECKING:
    from tests.unit.conftest import Located

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_MAP = ROOT / "examples" / "round" / "utlysning-2026.map.yaml"

MAPPING = """\
kind: mapping
fields:
  id: ärende-id
  criteria: {value: kronoberg-projektmedel}
  type: {value: project}
  title: projektnamn
  applicant:
    name: stödmottagare
    sector: {column: organisationsform, values: {Kommun: public}, default: other}
  budget: {total_sek: total, requested_sek: sökt}
  period: {start: start, end: slut}
answers:
  fossil_fuel_activity: {column: fossil, values: {Ja: true, Nej: false}}
  partner_sectors: {column: partner, split: ";", values: {Offentlig: public, Företag: company}}
  ghg_change_t: utsläpp
review:
  scores:
    SOC-4: {points: poäng}
"""
HEADER = [
    "ärende-id",
    "projektnamn",
    "stödmottagare",
    "organisationsform",
    "total",
    "sökt",
    "start",
    "slut",
    "fossil",
    "partner",
    "utsläpp",
    "poäng",
]


def write(folder: Path, text: str, name: str = "map.yaml") -> Path:
    path = folder / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def mapping(tmp_path: Path) -> LoadedMapping:
    return load_mapping(write(tmp_path, MAPPING), CriteriaLibrary())


def cell(**kw: Any) -> Cell:
    values = kw.pop("values", {})
    base: dict[str, Any] = {
        "target": ("answers", "q"),
        "kind": "text",
        "column": 0,
        "fixed": False,
        "value": None,
        "split": None,
        "values": values,
        "folded": {k.casefold(): v for k, v in values.items()},
        "default": None,
    }
    base.update(kw)
    return Cell(**base)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1 200 000", 1_200_000),
        ("1\u00a0200\u00a0000", 1_200_000),
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("\u2212310", -310),
        ("-85", -85),
        ("2,5e3", 2500),
        (2_100_000.0, 2_100_000),
        (7, 7),
        ("1,200,000", "1,200,000"),  # ambiguous: left as text for the check to report
        ("tre miljoner", "tre miljoner"),
        (True, True),
    ],
)
def test_numbers_are_read_the_way_exports_write_them(raw: Any, expected: Any) -> None:
    value = as_number(raw)
    assert value == expected
    assert type(value) is type(expected)


def test_other_cells_are_read_by_type() -> None:
    assert as_date("2026-04-01") == dt.date(2026, 4, 1)
    assert as_date("2026-04-01 00:00:00") == dt.date(2026, 4, 1)
    assert as_date(dt.datetime(2026, 4, 1, 0, 0)) == dt.date(2026, 4, 1)
    assert as_date("1 april") == "1 april"
    assert as_boolean("TRUE") is True
    assert as_boolean("Ja") == "Ja"
    assert as_text(20263101) == "20263101"
    assert as_text(20263101.0) == "20263101"
    assert as_text(dt.datetime(2026, 4, 1)) == "2026-04-01"
    assert as_text("  Kommun ") == "Kommun"


def test_value_maps_split_defaults_and_fixed_values() -> None:
    yes_no = cell(kind="boolean", values={"Ja": True, "Nej": False})
    assert read_cell(yes_no, "Ja", "boolean") is True
    assert read_cell(yes_no, "nej", "boolean") is False  # case does not matter
    assert read_cell(yes_no, "Kanske", "boolean") == "Kanske"  # passed on for the check
    assert read_cell(yes_no, "  ", "boolean") is None
    listed = cell(split=";", values={"Offentlig": "public"})
    assert read_cell(listed, "Offentlig; Företag ;", "list") == ["public", "Företag"]
    assert read_cell(cell(), "reuse", "list") == ["reuse"]
    assert read_cell(cell(default="other"), None, "text") == "other"
    assert read_cell(cell(fixed=True, value="project", column=None), "x", "text") == "project"


def test_a_row_becomes_a_document_located_by_row_and_column(mapping: LoadedMapping) -> None:
    plan = bind(mapping, HEADER, "export.csv", Path())
    cells = ["20263101", "Laddplatser", "Ljungby kommun", "Kommun", "2 900 000", "1 450 000"]
    cells += ["2026-09-01", "2028-08-31", "Nej", "Offentlig;Företag", "-180", ""]
    document = row_document(plan, 7, cells, lambda q: {"ghg_change_t": "number"}.get(q, "text"))
    data = document.data
    assert data["budget"] == {"total_sek": 2_900_000, "requested_sek": 1_450_000}
    assert data["applicant"]["sector"] == "public"
    assert data["answers"]["partner_sectors"] == ["public", "company"]
    assert data["answers"]["ghg_change_t"] == -180
    assert "review" not in data  # an empty score is no score, and no review is left
    assert document.position(("budget", "requested_sek")) == (7, 6)
    assert document.position(("answers", "partner_sectors", 1)) == (7, 10)
    assert document.position(("criteria",)) == (7, 0)  # a fixed value: the row itself


def test_an_unknown_column_is_located_in_the_mapping_with_a_suggestion(
    mapping: LoadedMapping, located: Located
) -> None:
    header = [h if h != "sökt" else "sökt_sek" for h in HEADER]
    with pytest.raises(InputError) as caught:
        bind(mapping, header, "export.csv", Path())
    assert located(caught.value.problems) == [("unknown-column", 10, 45)]
    assert "sökt_sek" in caught.value.problems[0].message.render("en")


def test_a_repeated_column_is_ambiguous(mapping: LoadedMapping) -> None:
    with pytest.raises(InputError) as caught:
        bind(mapping, [*HEADER, "fossil"], "export.csv", Path())
    assert [p.rule for p in caught.value.problems] == ["ambiguous-column"]


def test_sources_need_a_column_or_a_value(tmp_path: Path, located: Located) -> None:
    text = MAPPING.replace("type: {value: project}", "type: {column: typ, value: project}")
    text = text.replace("title: projektnamn", "title: {split: ';'}")
    with pytest.raises(InputError) as caught:
        load_mapping(write(tmp_path, text), CriteriaLibrary())
    assert located(caught.value.problems) == [("mapping-source", 5, 9), ("mapping-source", 6, 10)]


def test_answers_are_checked_against_a_fixed_criteria_set(tmp_path: Path, located: Located) -> None:
    text = MAPPING.replace("  ghg_change_t: utsläpp", "  ghg_chnage_t: utsläpp")
    with pytest.raises(InputError) as caught:
        load_mapping(write(tmp_path, text), CriteriaLibrary())
    assert located(caught.value.problems) == [("unknown-answer", 15, 3)]
    assert "ghg_change_t" in caught.value.problems[0].message.render("en")


def test_schema_errors_name_the_line(tmp_path: Path, located: Located) -> None:
    text = MAPPING.replace("  title: projektnamn", "  titel: projektnamn")
    with pytest.raises(InputError) as caught:
        load_mapping(write(tmp_path, text), CriteriaLibrary())
    rules = located(caught.value.problems)
    assert ("unknown-key", 6, 3) in rules
    assert ("missing-key", 2, 1) in rules


def test_not_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_mapping(write(tmp_path, "kind: application\n"), CriteriaLibrary())
    assert [p.rule for p in caught.value.problems] == ["not-mapping"]


def test_the_example_mapping_is_valid() -> None:
    loaded = load_mapping(EXAMPLE_MAP, CriteriaLibrary())
    assert loaded.model.fields.title == "projektnamn"
