"""Starter column mappings: which headers fill which field, and text from an export that
cannot break the YAML file it is written into."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hallbarhet_cli.batch.exporthead import ExportHead
from hallbarhet_cli.batch.headermatch import fold, match_fields
from hallbarhet_cli.batch.items import InputKind
from hallbarhet_cli.batch.starter import comment_text, scalar, starter_mapping
from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.files.yamlload import parse_text

EXAMPLE = (
    "ärende-id",
    "stödmottagare",
    "organisationsform",
    "organisationsnummer",
    "projektnamn",
    "projektbeskrivning",
    "sökt_belopp_sek",
    "total_budget_sek",
    "projekt_starttid",
    "projekt_sluttid",
    "län",
)
NASTY = (
    "a: b",
    "#x",
    "- y",
    '"q"',
    "rad ett\nrad två",
    "",
    "dubbel",
    "dubbel",
    "yes",
    "2026",
    "tab\there",
    "nel\x85line\u2028sep",
    "bell\x07",
    "Projektnamn",
)


def test_fold_ignores_case_accents_and_punctuation() -> None:
    assert fold("Ärende-ID") == "arende id"
    assert fold("sökt_belopp_SEK") == "sokt belopp sek"


def test_the_example_export_headers_fill_every_field() -> None:
    found = {".".join(path): match.header for path, match in match_fields(EXAMPLE).items()}
    assert found == {
        "id": "ärende-id",
        "title": "projektnamn",
        "summary": "projektbeskrivning",
        "applicant.name": "stödmottagare",
        "applicant.org_number": "organisationsnummer",
        "applicant.sector": "organisationsform",
        "budget.total_sek": "total_budget_sek",
        "budget.requested_sek": "sökt_belopp_sek",
        "period.start": "projekt_starttid",
        "period.end": "projekt_sluttid",
    }
    assert all(m.exact for m in match_fields(EXAMPLE).values())


def test_a_granted_amount_in_kronor_is_matched_but_not_one_in_euro_or_thousands() -> None:
    found = match_fields(["beviljat_belopp_eur", "Total budget tkr", "beviljat_belopp_sek"])
    assert {".".join(p): m.header for p, m in found.items()} == {
        "budget.requested_sek": "beviljat_belopp_sek"
    }


def test_a_requested_amount_is_preferred_to_a_granted_one() -> None:
    found = match_fields(["beviljat belopp", "Sökt belopp (kr)"])
    assert found[("budget", "requested_sek")].header == "Sökt belopp (kr)"


def test_a_long_name_one_letter_off_is_a_near_match_and_a_short_one_is_not() -> None:
    found = match_fields(["projektnman", "titl", "Ide"])
    assert found[("title",)].header == "projektnman"
    assert not found[("title",)].exact
    assert ("id",) not in found


def test_unrelated_headers_match_nothing() -> None:
    assert match_fields(["län", "kommuner", "insatsområde", "tematiskt_mål", "_source"]) == {}


def test_empty_and_repeated_headers_are_never_matched() -> None:
    assert match_fields(["projektnamn", "Projektnamn", ""]) == {}


@pytest.mark.parametrize("text", NASTY)
def test_a_scalar_reads_back_as_the_same_text_on_one_line(text: str) -> None:
    written = scalar(text)
    assert "\n" not in written
    assert parse_text(f"key: {written}\n", "t.yaml").data == {"key": text}


@pytest.mark.parametrize("text", NASTY)
def test_comment_text_stays_one_printable_line(text: str) -> None:
    safe = comment_text(text)
    assert not re.search("[\r\n\x85\u2028\u2029\x00-\x08\x0b-\x1f\x7f]", safe)
    assert parse_text(f"# {safe}\nkey: 1\n", "t.yaml").data == {"key": 1}


def _starter(columns: tuple[str, ...], lang: str = "sv") -> str:
    criteria = CriteriaLibrary().resolve("kronoberg-projektmedel", Where("--criteria"), Path.cwd())
    head = ExportHead(InputKind.CSV, columns, (), ",", "utf-8")
    return starter_mapping(head, criteria, "kronoberg-projektmedel", "x.csv", lang).text


def test_nasty_headers_are_listed_and_the_file_stays_a_mapping() -> None:
    text = _starter(NASTY)
    data = parse_text(text, "x.map.yaml").data
    assert data["kind"] == "mapping"
    # Only the one unrepeated header that matches a field is read.
    assert data["fields"]["title"] == "Projektnamn"
    listed = [line for line in text.splitlines() if re.match(r"#\s+\d+\. ", line)]
    assert len(listed) == len(NASTY)
    for line, header in zip(listed, NASTY, strict=True):
        shown = re.sub(r"^#\s+\d+\. ", "", line).split("  (")[0]
        assert parse_text(f"k: {shown}\n", "t.yaml").data == {"k": header}


def test_what_is_not_matched_is_a_comment_and_every_question_is_listed() -> None:
    text = _starter(("projektnamn",), lang="en")
    data = parse_text(text, "x.map.yaml").data
    assert set(data["fields"]) == {"criteria", "type", "title"}
    assert "answers" not in data
    criteria = CriteriaLibrary().resolve("kronoberg-projektmedel", Where("--criteria"), Path.cwd())
    for question in criteria.questions:
        assert f"  # {question.id} ({question.type}): " in text
        assert f"  # {question.id}: <column>" in text
    assert "    # To fill in: applicant's sector; the column that holds it." in text


def test_the_comments_follow_the_language() -> None:
    assert "vald efter rubriken" in _starter(EXAMPLE, "sv")
    assert "matched by its header" in _starter(EXAMPLE, "en")


def test_a_granted_amount_is_marked_as_not_the_amount_applied_for() -> None:
    text = _starter(("beviljat_belopp_sek",), lang="en")
    assert "requested_sek: beviljat_belopp_sek  # matched by its header; an amount granted" in text
    assert "requested_sek: sökt_belopp_sek  # matched by its header\n" in _starter(EXAMPLE, "en")


def test_sector_cells_are_translated_only_when_the_organisation_form_is_clear() -> None:
    criteria = CriteriaLibrary().resolve("kronoberg-projektmedel", Where("--criteria"), Path.cwd())
    rows = (("Kommun",), ("Aktiebolag",), ("Konstig form",), ("",), ("public",))
    head = ExportHead(InputKind.CSV, ("organisationsform",), rows, ",", "utf-8")
    text = starter_mapping(head, criteria, "kronoberg-projektmedel", "x.csv", "en").text
    sector = parse_text(text, "x.map.yaml").data["fields"]["applicant"]["sector"]
    assert sector == {
        "column": "organisationsform",
        "values": {"Kommun": "public", "Aktiebolag": "company"},
    }
    assert "# Konstig form: <sector>" in text


def test_a_set_for_both_types_leaves_the_type_to_fill_in() -> None:
    criteria = CriteriaLibrary().resolve("dnsh-screening", Where("--criteria"), Path.cwd())
    head = ExportHead(InputKind.CSV, EXAMPLE, (), ",", "utf-8")
    starter = starter_mapping(head, criteria, "dnsh-screening", "x.csv", "en")
    assert "type" not in parse_text(starter.text, "x.map.yaml").data["fields"]
    assert "  # type: {value: project}" in starter.text
    assert starter.to_fill_in == [("type",)]


def test_a_header_written_twice_is_listed_as_such_and_one_in_other_case_is_not() -> None:
    text = _starter(("Län", "län", "kommun", "kommun"), lang="en")
    listed = [line for line in text.splitlines() if re.match(r"#\s+\d+\. ", line)]
    assert [line.endswith("(repeated header: a mapping cannot name it)") for line in listed] == [
        False,
        False,
        True,
        True,
    ]


def test_the_criteria_the_officer_scores_are_listed_with_their_scale() -> None:
    criteria = CriteriaLibrary().resolve("tillvaxtverket-kvalitet", Where("--criteria"), Path.cwd())
    head = ExportHead(InputKind.CSV, EXAMPLE, (), ",", "utf-8")
    text = starter_mapping(head, criteria, "tillvaxtverket-kvalitet", "x.csv", "en").text
    data = parse_text(text, "x.map.yaml").data
    assert "review" not in data and "answers" not in data
    assert "    # KVAL-1: Relevance (points: IG = 0, G = 1, VG = 3, MVG = 5)" in text
    assert "    # KVAL-1: {points: <column>}" in text
    assert "\n\n\n" not in text
