"""``hallbarhet indicators``: the bundled sets, their example data in every format and
language, how trends and targets are judged, bad data, and the newcomer's three commands."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.acceptance.conftest import EXAMPLES, ROOT, Run

SETS = ("kronoberg-besoksnaring", "kronoberg-regional-uppfoljning")
FIXTURES = ROOT / "tests" / "fixtures" / "indicators"
MINI = FIXTURES / "mini-indicators.yaml"
FORMATS = ("text", "json", "md", "html", "xlsx")
LANGS = ("sv", "en")


def example(set_id: str) -> Path:
    return EXAMPLES / "indicators" / f"{set_id}.csv"


def report_json(run: Run, *args: str | Path) -> dict[str, Any]:
    result = run("indicators", "report", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def series(indicator: str, values: dict[int, float]) -> list[list[str]]:
    return [[indicator, str(year), "Testlän", str(value)] for year, value in values.items()]


HEADER = ["indicator", "period", "area", "value"]


def test_both_bundled_sets_are_listed(run: Run) -> None:
    result = run("indicators", "list", "--lang", "en")
    assert result.returncode == 0, result.stderr
    for set_id in SETS:
        assert set_id in result.stdout
    assert "16 indicators" in result.stdout


def test_both_bundled_sets_validate_strictly(run: Run) -> None:
    result = run("validate", ROOT / "indicators", "--strict", "--lang", "en")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 files checked: 0 errors, 0 warnings" in result.stdout


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("set_id", SETS)
def test_example_data_report_in_every_format_and_language(
    run: Run, tmp_path: Path, set_id: str, fmt: str, lang: str
) -> None:
    target = tmp_path / f"report.{fmt}"
    result = run(
        "indicators", "report", set_id, example(set_id), "-f", fmt, "--lang", lang, "-o", target
    )
    assert result.returncode == 0, result.stderr
    data = target.read_bytes()
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            assert "xl/workbook.xml" in book.namelist()
        return
    text = data.decode("utf-8")
    if fmt == "json":
        report = json.loads(text)
        assert report["format_version"] == 1
        assert report["area"] == "Kronobergs län"
        assert {d["id"] for d in report["dimensions"]} == {"social", "ecological", "economic"}
        return
    words = {"sv": ("förbättras", "Data som saknas"), "en": ("improving", "Missing data")}
    for word in words[lang]:
        assert word in text, word
    if fmt == "html":
        assert text.startswith("<!DOCTYPE html>")
        assert "<svg" in text and "<table" in text
        assert "<script" not in text


def test_rising_falling_met_and_two_periods(run: Run) -> None:
    report = report_json(run, MINI, FIXTURES / "mini-data.csv")
    indicators = {i["id"]: i for i in report["indicators"]}
    assert indicators["rising"]["trend"] == "improving"
    assert indicators["falling"]["trend"] == "worsening"
    assert indicators["short"]["trend"] == "too_little_data"
    targets = {t["period"]: t["status"] for t in indicators["rising"]["targets"]}
    assert targets["2021"] == "met"  # already passed: 61 >= 52
    assert indicators["short"]["targets"][0]["status"] == "unknown"
    assert indicators["rising"]["latest"] == {
        "period": "2023",
        "value": 61.0,
        "status": "preliminary",
    }
    assert indicators["rising"]["change_since_baseline"] == 11.0
    assert indicators["rising"]["change_since_previous"] == 3.0
    assert report["missing"] == [
        {"indicator": "short", "title": "Kort serie", "periods": ["2019", "2020", "2021"]}
    ]


def test_a_decrease_indicator_falling_is_improving(run: Run, tmp_path: Path) -> None:
    data = write_csv(
        tmp_path / "data.csv", [HEADER, *series("short", {2020: 9, 2021: 8, 2022: 6.5, 2023: 5})]
    )
    report = report_json(run, MINI, data)
    short = next(i for i in report["indicators"] if i["id"] == "short")
    assert short["trend"] == "improving"
    assert short["slope_per_period"] < 0


def test_on_track_and_off_track_follow_the_trend(run: Run, tmp_path: Path) -> None:
    steady = {year: 50 + 3 * (year - 2019) for year in range(2019, 2024)}  # 62 in 2023
    data = write_csv(tmp_path / "data.csv", [HEADER, *series("rising", steady)])
    rising = next(i for i in report_json(run, MINI, data)["indicators"] if i["id"] == "rising")
    target = next(t for t in rising["targets"] if t["period"] == "2030")
    assert target["status"] == "on_track"  # 62 + 7 × 3 = 83 >= 80
    assert target["projected"] == pytest.approx(83.0)
    slow = {year: 50 + (year - 2019) for year in range(2019, 2024)}
    data = write_csv(tmp_path / "slow.csv", [HEADER, *series("rising", slow)])
    rising = next(i for i in report_json(run, MINI, data)["indicators"] if i["id"] == "rising")
    assert next(t for t in rising["targets"] if t["period"] == "2030")["status"] == "off_track"


def test_one_dimension_does_not_make_up_for_another(run: Run) -> None:
    report = report_json(run, MINI, FIXTURES / "mini-data.csv")
    states = {d["id"]: d["state"] for d in report["dimensions"]}
    assert states["economic"] == "worsening"
    assert states["ecological"] == "too_little_data"
    assert report["overall"]["all_improving"] is False
    assert set(report["overall"]["not_improving"]) == {"social", "ecological", "economic"}
    assert "overall_percent" not in report


def test_bad_data_gives_three_located_errors_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = run(
        "indicators",
        "report",
        MINI,
        FIXTURES / "bad-data.csv",
        "-f",
        "json",
        "-o",
        target,
        "--lang",
        "en",
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, result.stderr
    assert "bad-data.csv:3:1: error [unknown-indicator]" in lines[0]
    assert "Did you mean 'rising'?" in lines[0]
    assert "bad-data.csv:4:4: error [value] 'många' is not a number." in lines[1]
    assert "bad-data.csv:5:1: error [duplicate-row]" in lines[2]
    assert "bad-data.csv:2" in lines[2]
    assert not target.exists()
    assert "Traceback" not in result.stderr


def test_a_period_outside_the_frequency_is_an_error(run: Run, tmp_path: Path) -> None:
    data = write_csv(
        tmp_path / "data.csv",
        [HEADER, ["rising", "2024-03", "Testlän", "12"], ["rising", "2024", "", "1,5"]],
    )
    result = run("indicators", "report", MINI, data, "--lang", "en")
    assert result.returncode == 1
    assert "data.csv:2:2: error [period] '2024-03' does not fit" in result.stderr
    assert "write it like 2024" in result.stderr
    assert "data.csv:3:3: error [missing-area]" in result.stderr


def test_an_unknown_column_is_refused_with_a_suggestion(run: Run, tmp_path: Path) -> None:
    data = write_csv(tmp_path / "data.csv", [["indicator", "period", "area", "valeu"]])
    result = run("indicators", "report", MINI, data, "--lang", "en")
    assert result.returncode == 1
    assert "data.csv:1:4: error [unknown-data-column] Unknown column 'valeu'." in result.stderr
    assert "Did you mean 'value'?" in result.stderr
    assert "[missing-column]" in result.stderr


def test_json_is_byte_identical_on_rerun(run: Run) -> None:
    args = ("indicators", "report", SETS[0], example(SETS[0]), "-f", "json")
    first, second = run(*args), run(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout


def test_xlsx_is_byte_identical_on_rerun(run: Run, tmp_path: Path) -> None:
    for name in ("a.xlsx", "b.xlsx"):
        result = run("indicators", "report", SETS[1], example(SETS[1]), "-o", tmp_path / name)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_a_newcomer_gets_a_report_in_three_commands(run: Run, tmp_path: Path) -> None:
    # 1. an empty data file
    result = run("indicators", "new", SETS[0], "--periods", "2023..2025", "-o", "besok.csv")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "besok.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["indicator", "period", "area"] and "value" in header
    assert len(body) == 16 * 3
    assert all(row[header.index("value")] == "" for row in body)
    # 2. fill in the values (a steady rise for every indicator)
    value = header.index("value")
    for row in body:
        row[value] = str(10 + int(row[1]) - 2023)
    write_csv(path, [header, *body])
    # 3. the report
    result = run("indicators", "report", SETS[0], "besok.csv", "-o", "besok.html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "besok.html").read_text(encoding="utf-8")
    assert "Kommersiella gästnätter" in html


def test_validate_refuses_an_unknown_key_with_a_suggestion(run: Run, tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "    direction: decrease", "    directon: decrease"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run("validate", bad, "--lang", "en")
    assert result.returncode == 1
    assert "bad.yaml:35:5: error [unknown-key] Unknown key 'directon'." in result.stdout
    assert "Did you mean 'direction'?" in result.stdout


def test_validate_checks_targets_bands_and_dimensions(run: Run, tmp_path: Path) -> None:
    text = (
        MINI.read_text(encoding="utf-8")
        .replace("dimension: economic", "dimension: economy")
        .replace("{period: 2021, at_least: 52}", "{period: 2021-Q1, at_least: 52, at_most: 60}")
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run("validate", bad, "--lang", "en")
    assert result.returncode == 1
    out = result.stdout
    assert "[unknown-dimension]" in out and "Did you mean 'economic'?" in out
    assert "[target-bound]" in out
    assert "[period] '2021-Q1' does not fit the indicator's frequency (yearly)" in out


def test_html_keeps_data_text_as_text(run: Run, tmp_path: Path) -> None:
    data = write_csv(
        tmp_path / "data.csv",
        [
            ["indicator", "period", "area", "value", "note"],
            ["rising", "2023", "Testlän", "1", "<script>alert(1)</script>{{ 7*7 }}"],
        ],
    )
    result = run("indicators", "report", MINI, data, "-f", "html")
    assert result.returncode == 0, result.stderr
    assert "<script>" not in result.stdout
    assert "&lt;script&gt;" in result.stdout
    assert "{{ 7*7 }}" in result.stdout


def test_validate_checks_data_files_named_against_their_set(run: Run) -> None:
    result = run("validate", *(example(s) for s in SETS), "--lang", "en")
    assert result.returncode == 0, result.stdout
    assert "2 files checked: 0 errors, 0 warnings" in result.stdout
    bad = FIXTURES / "bad-data.csv"
    found = run("validate", bad, "--lang", "en", env={"HALLBARHET_INDICATORS_PATH": str(FIXTURES)})
    assert found.returncode == 1
    assert "bad-data.csv:3:1: error [unknown-indicator]" in found.stdout
    assert "3 errors" in found.stdout
    unknown = run("validate", bad, "--lang", "en")
    assert unknown.returncode == 1
    assert "bad-data.csv:1:1: error [indicators-not-found]" in unknown.stdout


KOLADA = EXAMPLES / "indicators" / "kolada"


def test_a_wide_kolada_export_is_read_through_a_mapping(run: Run) -> None:
    args = ("kronoberg-regional-uppfoljning", KOLADA / "kolada-export.csv")
    report = report_json(run, *args, "--map", KOLADA / "kolada-mapping.yaml")
    employment = next(i for i in report["indicators"] if i["id"] == "forvarvsfrekvens")
    assert employment["latest"] == {"period": "2025", "value": 81.6, "status": None}
    assert len(employment["series"]) == 7
    assert employment["trend"] == "improving"
    assert {b["breakdown"]["sex"] for b in employment["breakdowns"]} == {"kvinnor", "män"}
    vaxjo = report_json(run, *args, "--map", KOLADA / "kolada-mapping.yaml", "--area", "Växjö")
    employment = next(i for i in vaxjo["indicators"] if i["id"] == "forvarvsfrekvens")
    assert employment["latest"]["period"] == "2024"
    assert employment["missing"] == ["2025"]


def test_a_bad_cell_in_an_export_is_located_in_the_export(run: Run, tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes(
        "Nyckeltal;Område;Kön;Anmärkning;2024;2025\r\n"
        "Förvärvsarbetande invånare 20-64 år, andel (%);Kronobergs län;Totalt;;81,2;åttio\r\n"
        "Okänt nyckeltal;Kronobergs län;Totalt;;1;2\r\n".encode("cp1252")
    )
    result = run(
        "indicators", "report", "kronoberg-regional-uppfoljning", export,
        "--map", KOLADA / "kolada-mapping.yaml", "--lang", "en",
    )  # fmt: skip
    assert result.returncode == 1
    assert "export.csv:2:6: error [value] 'åttio' is not a number." in result.stderr
    assert "export.csv:3:1: error [unknown-indicator]" in result.stderr
    assert result.stderr.count("[unknown-indicator]") == 1  # one row, not one per year


def test_validate_checks_an_indicator_mapping(run: Run, tmp_path: Path) -> None:
    text = (KOLADA / "kolada-mapping.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "mapping.yaml"
    bad.write_text(text.replace("periods:", "period:"), encoding="utf-8")
    result = run("validate", bad, "--lang", "en")
    assert result.returncode == 1
    assert "Give either `periods` (a wide table) or both `period` and `value`." in result.stdout


def test_a_set_extends_a_bundled_set(run: Run, tmp_path: Path) -> None:
    (tmp_path / "own.yaml").write_text(
        "kind: indicator-set\n"
        "id: own\n"
        'version: "1"\n'
        "title: Eget\n"
        "extends: [kronoberg-besoksnaring]\n"
        "indicators:\n"
        "  - {id: cykelturism, title: Cykelturism, description: Cykelgäster., unit: '%',\n"
        "     dimension: ecological, direction: increase, source: {publisher: Region Kronoberg}}\n",
        encoding="utf-8",
    )
    result = run("indicators", "new", "own.yaml", "--periods", "2025")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Kronobergs län") == 17  # 16 inherited and one of its own
    assert "cykelturism,2025" in result.stdout


def test_extends_cycles_and_escapes_are_located(run: Run, tmp_path: Path) -> None:
    head = 'kind: indicator-set\nversion: "1"\ntitle: T\n'
    (tmp_path / "a.yaml").write_text(head + "id: a\nextends: [b.yaml]\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text(head + "id: b\nextends: [a.yaml]\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(head + "id: c\nextends: [../x.yaml]\n", encoding="utf-8")
    result = run("validate", "a.yaml", "c.yaml", "--lang", "en")
    assert result.returncode == 1
    assert "b.yaml:5:11: error [extends-cycle]" in result.stdout
    assert "c.yaml:5:11: error [indicators-escape]" in result.stdout


def test_from_leaves_out_earlier_periods(run: Run) -> None:
    report = report_json(run, MINI, FIXTURES / "mini-data.csv", "--from", "2022")
    rising = next(i for i in report["indicators"] if i["id"] == "rising")
    assert [p["period"] for p in rising["series"]] == ["2022", "2023"]
    assert rising["trend"] == "too_little_data"
    assert report["from"] == "2022"


def test_an_unfilled_template_reports_every_period_missing(run: Run, tmp_path: Path) -> None:
    made = run("indicators", "new", MINI, "--periods", "2024..2025", "-o", "empty.csv")
    assert made.returncode == 0, made.stderr
    report = report_json(run, MINI, tmp_path / "empty.csv")
    assert {i["trend"] for i in report["indicators"]} == {"no_data"}
    assert [m["periods"] for m in report["missing"]] == [["2024", "2025"]] * 3
    assert all(i["latest"] is None for i in report["indicators"])


def test_the_workbook_neutralises_formulas_in_data_text(run: Run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    data = write_csv(
        tmp_path / "data.csv",
        [
            ["indicator", "period", "area", "value", "note"],
            ["rising", "2023", "Testlän", "1", '=HYPERLINK("http://example.com","x")'],
        ],
    )
    result = run("indicators", "report", MINI, data, "-o", tmp_path / "r.xlsx")
    assert result.returncode == 0, result.stderr
    book = load_workbook(tmp_path / "r.xlsx")
    notes = [row[-1] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert notes == ['\'=HYPERLINK("http://example.com","x")']
    values = [row[3] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert values == [1]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "data.csv:1:1: error [empty-file]"),
        (b"\x00\x01binary", "data.csv:1:1: error [binary-file]"),
        ("indicator,period\nrising,2020\n".encode("cp1252"), "[missing-column]"),
        ("indicator,period,area,value\nrising,2020,Växjö,1\n".encode("cp1252"), "[encoding]"),
        (b"indicator,period,area,value\nrising,2020,A,1,2\n", "data.csv:2:1: error [row-length]"),
        (b"indicator,period,area,value,status\nrising,2020,A,1,prelim\n", "[status]"),
        (
            b"indicator,period,area,sex,value\nrising,2020,A,women,1\n",
            "data.csv:2:4: error [breakdown]",
        ),
    ],
)
def test_unusable_data_is_one_clear_line_each(
    run: Run, tmp_path: Path, content: bytes, expected: str
) -> None:
    (tmp_path / "data.csv").write_bytes(content)
    result = run("indicators", "report", MINI, "data.csv", "--lang", "en", "-o", "out.txt")
    assert result.returncode == 1, result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.txt").exists()


def test_validate_warns_of_a_missing_translation(run: Run, tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "title: {sv: Stigande, en: Rising}", "title: {sv: Stigande}"
    )
    (tmp_path / "set.yaml").write_text(text, encoding="utf-8")
    result = run("validate", "set.yaml", "--lang", "en")
    assert result.returncode == 0
    assert "set.yaml:13:12: warning [missing-translation] No translation into en." in result.stdout
    assert run("validate", "set.yaml", "--strict").returncode == 1


def test_periods_between_measurements_are_not_missing(run: Run) -> None:
    set_id = "kronoberg-regional-uppfoljning"
    report = report_json(run, set_id, example(set_id))
    turnout = next(i for i in report["indicators"] if i["id"] == "valdeltagande")
    assert [p["period"] for p in turnout["series"]] == ["2018", "2022"]
    assert turnout["missing"] == []
    assert turnout["trend"] == "too_little_data"


def test_a_wide_export_saved_as_a_workbook_is_read_too(run: Run, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nyckeltal", "Område", "Kön", "Anmärkning", 2023, 2024, 2025])
    kpi = "Förvärvsarbetande invånare 20-64 år, andel (%)"
    sheet.append([kpi, "Kronobergs län", "Totalt", None, 80.5, 81.0, 81.5])
    sheet.append([kpi, "Kronobergs län", "Kvinnor", None, 79.0, "uppgift saknas", 80.0])
    book.save(tmp_path / "export.xlsx")
    args = ("indicators", "report", "kronoberg-regional-uppfoljning", "export.xlsx")
    mapping = ("--map", KOLADA / "kolada-mapping.yaml", "--lang", "en")
    result = run(*args, *mapping)
    assert result.returncode == 1
    assert "export.xlsx:3:6: error [value] 'uppgift saknas' is not a number." in result.stderr
    sheet.delete_rows(3)
    book.save(tmp_path / "export.xlsx")
    report = report_json(run, *args[2:], *mapping)
    employment = next(i for i in report["indicators"] if i["id"] == "forvarvsfrekvens")
    assert [p["value"] for p in employment["series"]] == [80.5, 81.0, 81.5]
    assert employment["trend"] == "improving"  # +1 on 81 is more than 1 % of the level
