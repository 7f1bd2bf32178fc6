"""``hallbarhet batch`` on real files, as an analyst runs it on a funding round."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.acceptance.conftest import EXAMPLES, Run

ROUND = EXAMPLES / "round"
EXPORT_CSV = ROUND / "utlysning-2026-export.csv"
EXPORT_XLSX = ROUND / "utlysning-2026-export.xlsx"
MAPPING = ROUND / "utlysning-2026.map.yaml"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
OUTPUTS = {"results.csv", "results.xlsx", "results.jsonl", "summary.json", "overview.html"}


def kind_of(path: Path) -> str | None:
    from hallbarhet_cli.files.yamlload import load_file

    data = load_file(path).data
    return data.get("kind") if isinstance(data, dict) else None


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def read_xlsx(path: Path) -> list[list[Any]]:
    book = load_workbook(path, read_only=True)
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def summary_of(out: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return result


def as_json_line(path: Path) -> str:
    """An example application as one JSON object (dates as ISO text)."""
    from hallbarhet_cli.files.yamlload import load_file

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.isoformat() if hasattr(value, "isoformat") else value

    return json.dumps(plain(load_file(path).data), ensure_ascii=False)


def assert_outputs_agree(out: Path) -> None:
    """The CSV, the workbook, the JSON Lines and the summary say the same things."""
    rows = read_csv(out / "results.csv")
    sheet = read_xlsx(out / "results.xlsx")
    lines = read_jsonl(out / "results.jsonl")
    summary = summary_of(out)
    assert len(rows) == len(sheet) - 1 == len(lines) == summary["inputs"]["total"]
    keys = list(rows[0])
    for row, cells, line in zip(rows, sheet[1:], lines, strict=True):
        assert row["input"] == cells[keys.index("input")] == line["input"]
        if row["error"]:
            assert line["error"] and cells[keys.index("error")] == row["error"]
            continue
        assert row["id"] == cells[keys.index("id")] == line["application"]["id"]
        assert row["verdict"] == cells[keys.index("verdict")] == line["verdict"]
        assert float(row["overall_percent"]) == pytest.approx(line["overall_percent"], abs=0.05)
        assert int(row["rank"]) == cells[keys.index("rank")]
        for criterion in line["criteria"]:
            assert int(row[f"points_{criterion['id']}"]) == criterion["points"]
        assert row["missing"] == "; ".join(m["question"] for m in line["missing"])
    counts = {v["verdict"]: v["count"] for v in summary["verdicts"]}
    for verdict, count in counts.items():
        assert sum(r["verdict"] == verdict for r in rows) == count
    ranked = sorted((r for r in rows if r["rank"]), key=lambda r: int(r["rank"]))
    assert [r["id"] for r in ranked][: len(summary["ranking"])] == [
        r["id"] for r in summary["ranking"]
    ]


def test_a_folder_of_applications(run: Run, tmp_path: Path, example_reports: Any) -> None:
    out = tmp_path / "out"
    result = run("batch", EXAMPLES, "-o", out, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert {p.name for p in out.iterdir()} == OUTPUTS
    assert_outputs_agree(out)
    summary = summary_of(out)
    # Files of other kinds in the folders (the round's mapping) are skipped.
    kinds = [kind_of(p) for p in sorted(EXAMPLES.rglob("*.yaml"))]
    applications = kinds.count("application")
    assert summary["inputs"] == {
        "total": applications,
        "assessed": applications,
        "errors": 0,
        "skipped": len(kinds) - applications,
    }
    assert summary["inputs"]["skipped"] >= 1
    # Each line of results.jsonl is what `assess -f json` gives for the file.
    for line in read_jsonl(out / "results.jsonl"):
        assert line.pop("input") == line["application"]["file"]
        stem = Path(line["application"]["file"]).stem
        expected = example_reports.get(stem)
        if expected is None:  # an application in a subfolder (examples/followup)
            alone = run("assess", line["application"]["file"], "--format", "json")
            expected = json.loads(alone.stdout)
        assert line == expected
    assert '<html lang="sv">' in (out / "overview.html").read_text(encoding="utf-8")
    assert str(applications) in result.stdout


def test_json_lines_score_like_the_files(run: Run, tmp_path: Path) -> None:
    jsonl = tmp_path / "round.jsonl"
    jsonl.write_text("\n".join(as_json_line(p) for p in EXAMPLE_FILES) + "\n\n", encoding="utf-8")
    result = run("batch", jsonl, "-o", tmp_path / "lines", "--lang", "en")
    files = run("batch", *EXAMPLE_FILES, "-o", tmp_path / "files", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert files.returncode == 0, files.stderr
    assert_outputs_agree(tmp_path / "lines")
    lines = read_csv(tmp_path / "lines" / "results.csv")
    assert [r["input"] for r in lines] == [f"{jsonl}:{n}" for n in range(1, len(lines) + 1)]
    by_file = read_csv(tmp_path / "files" / "results.csv")
    drop = ("input",)
    assert [{k: v for k, v in r.items() if k not in drop} for r in lines] == [
        {k: v for k, v in r.items() if k not in drop} for r in by_file
    ]
    assert '<html lang="en">' in (tmp_path / "lines" / "overview.html").read_text("utf-8")


def test_the_example_export_as_csv_and_xlsx(run: Run, tmp_path: Path) -> None:
    for source, name in ((EXPORT_CSV, "csv"), (EXPORT_XLSX, "xlsx")):
        result = run(
            "batch", source, "--map", MAPPING, "-o", tmp_path / name, "--budget", "12000000"
        )
        assert result.returncode == 0, result.stderr
        assert_outputs_agree(tmp_path / name)
    from_csv, from_xlsx = (read_csv(tmp_path / n / "results.csv") for n in ("csv", "xlsx"))
    assert len(from_csv) == 12
    for a, b in zip(from_csv, from_xlsx, strict=True):
        assert a["input"].startswith(f"{EXPORT_CSV}:")
        assert b["input"].startswith(f"{EXPORT_XLSX}:")
        assert {k: v for k, v in a.items() if k != "input"} == {
            k: v for k, v in b.items() if k != "input"
        }
    verdicts = {r["verdict"] for r in from_csv}
    assert verdicts == {"pass", "fail", "incomplete", "excluded"}
    summary = summary_of(tmp_path / "csv")
    funded = [r for r in from_csv if r["within_budget"] == "true"]
    assert len(funded) == summary["budget"]["funded"] > 0
    assert all(r["verdict"] == "pass" for r in funded)
    assert sum(float(r["requested_sek"]) for r in funded) <= 12_000_000
    # A title that starts like a formula (+46 …) is neutralised.
    assert any(r["title"].startswith("'+46") for r in from_csv)


def test_a_broken_input_is_an_error_row_and_the_batch_goes_on(run: Run, tmp_path: Path) -> None:
    good = EXAMPLE_FILES[0]
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: application\nid: X-1\ntitle: [unclosed\n", encoding="utf-8")
    lines = tmp_path / "apps.jsonl"
    bad_amount = json.loads(as_json_line(good))
    bad_amount["budget"]["requested_sek"] = "much"
    lines.write_text(
        as_json_line(good) + "\n" + json.dumps(bad_amount) + "\n{nope\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run("batch", good, broken, lines, tmp_path / "missing.yaml", "-o", out, "-l", "en")
    assert result.returncode == 1, result.stderr
    rows = read_csv(out / "results.csv")
    assert [bool(r["error"]) for r in rows] == [False, True, False, True, True, True]
    errors = [r["error"] for r in rows if r["error"]]
    assert errors[0].startswith(f"{broken}:4:1: error [yaml-syntax]")
    assert errors[1].startswith(f"{lines}:2:") and "[schema]" in errors[1]
    assert errors[2].startswith(f"{lines}:3:2: error [json-syntax]")
    assert errors[3].startswith(f"{tmp_path / 'missing.yaml'}: error [no-such-file]")
    assert rows[2]["id"] == rows[0]["id"]  # the good line of the JSON Lines file
    assert rows[3]["id"] == json.loads(as_json_line(good))["id"]  # id known despite the error
    assert f"{broken}:4:1" in result.stderr
    assert_outputs_agree(out)
    assert summary_of(out)["inputs"]["errors"] == 4


def test_a_row_error_names_the_row_and_the_column(run: Run, tmp_path: Path) -> None:
    text = EXPORT_CSV.read_text(encoding="utf-8").splitlines()
    cells = next(csv.reader([text[3]]))
    header = next(csv.reader([text[0]]))
    cells[header.index("sökt_belopp_sek")] = "ungefär en miljon"
    export = tmp_path / "export.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerow(cells)
    result = run("batch", export, "--map", MAPPING, "-o", tmp_path / "out")
    assert result.returncode == 1
    error = read_csv(tmp_path / "out" / "results.csv")[0]["error"]
    column = header.index("sökt_belopp_sek") + 1
    assert error.startswith(f"{export}:2:{column}: fel [schema]")
    assert error.endswith("\u201dsökt_belopp_sek\u201d)")  # the column, by its header


def test_a_mapping_that_does_not_fit_the_export_stops_before_the_run(
    run: Run, tmp_path: Path
) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        MAPPING.read_text(encoding="utf-8").replace(
            "  title: projektnamn", "  title: projekt_namn"
        ),
        encoding="utf-8",
    )
    result = run("batch", EXPORT_CSV, "--map", mapping, "-o", tmp_path / "out", "-l", "en")
    assert result.returncode == 2
    assert f"{mapping}:" in result.stderr and "[unknown-column]" in result.stderr
    assert "projektnamn" in result.stderr  # did you mean
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_the_same_round_twice_gives_the_same_bytes(run: Run, tmp_path: Path) -> None:
    for name in ("first", "second"):
        result = run("batch", EXPORT_CSV, "--map", MAPPING, "-o", tmp_path / name, "--jobs", "2")
        assert result.returncode == 0, result.stderr
    for output in sorted(OUTPUTS):
        first = (tmp_path / "first" / output).read_bytes()
        assert first == (tmp_path / "second" / output).read_bytes(), output


def test_workers_give_the_same_results_as_one_process(run: Run, tmp_path: Path) -> None:
    round_dir = tmp_path / "round"
    round_dir.mkdir()
    for n in range(150):
        example = EXAMPLE_FILES[n % len(EXAMPLE_FILES)]
        shutil.copy(example, round_dir / f"{n:03d}-{example.name}")
    # An input that cannot be read has its line in results.jsonl too.
    (round_dir / "077-broken.yaml").write_text("kind: application\nid: [\n", encoding="utf-8")
    for jobs in ("1", "2"):
        result = run(
            "batch", round_dir, "-o", tmp_path / jobs, "--jobs", jobs, "-f", "csv", "-f", "jsonl"
        )
        assert result.returncode == 1, result.stderr
        assert sorted(p.name for p in (tmp_path / jobs).iterdir()) == [
            "results.csv",
            "results.jsonl",
            "summary.json",
        ]
    for output in ("results.csv", "results.jsonl"):
        one, two = ((tmp_path / jobs / output).read_bytes() for jobs in ("1", "2"))
        assert one == two, output
    assert len((tmp_path / "2" / "results.jsonl").read_bytes().splitlines()) == 151
    summaries = [summary_of(tmp_path / jobs) for jobs in ("1", "2")]
    assert summaries[0] == summaries[1]


def test_a_title_that_looks_like_a_formula_is_neutralised(run: Run, tmp_path: Path) -> None:
    text = EXAMPLE_FILES[0].read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    app = tmp_path / "formula.yaml"
    formula = '=HYPERLINK("http://example.invalid","Klicka")'
    app.write_text(text.replace(title, f"title: '{formula}'"), encoding="utf-8")
    result = run("batch", app, "-o", tmp_path / "out", "-f", "csv", "-f", "xlsx")
    assert result.returncode == 0, result.stderr
    assert read_csv(tmp_path / "out" / "results.csv")[0]["title"] == "'" + formula
    book = load_workbook(tmp_path / "out" / "results.xlsx")
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Titel") + 1)
    assert cell.value == "'" + formula
    assert cell.data_type == "s"
    assert {p.name for p in (tmp_path / "out").iterdir()} == {
        "results.csv",
        "results.xlsx",
        "summary.json",
    }


def test_reports_per_application(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("batch", *EXAMPLE_FILES[:2], "-o", out, "--reports", "html", "--reports", "md")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (out / "reports").iterdir())
    assert len(names) == 4 and names[0].startswith("00001-") and names[0].endswith(".html")
    overview = (out / "overview.html").read_text(encoding="utf-8")
    assert 'href="reports/00001-' in overview
