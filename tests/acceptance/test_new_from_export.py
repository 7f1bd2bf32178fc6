"""``hallbarhet new --from-export``: a starter column mapping that validates and runs a
batch for the example round's exports, and the hint of a batch run without ``--map``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

from tests.acceptance.conftest import EXAMPLES, Run

ROUND = EXAMPLES / "round"


@pytest.mark.parametrize("export", ["utlysning-2026-export.csv", "utlysning-2026-export.xlsx"])
def test_the_starter_mapping_validates_and_runs_the_round(
    run: Run, tmp_path: Path, export: str
) -> None:
    written = tmp_path / "start.map.yaml"
    made = run(
        "new", "-c", "kronoberg-projektmedel", "--from-export", ROUND / export, "-o", written
    )
    assert made.returncode == 0, made.stderr
    assert "10 av 10 fält" in made.stderr
    mapping = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert mapping["fields"]["budget"] == {
        "total_sek": "total_budget_sek",
        "requested_sek": "sökt_belopp_sek",
    }
    read = mapping["read"]
    assert read == (
        {"sheet": "Ansökningar"}
        if export.endswith("xlsx")
        else {"delimiter": ",", "encoding": "utf-8"}
    )
    checked = run("validate", written)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    out = tmp_path / "out"
    batch = run("batch", ROUND / export, "--map", written, "-o", out, "--lang", "en")
    assert batch.returncode in (0, 1), batch.stderr
    assert "mapping" not in batch.stderr.replace("maps no answers", "")
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(lines) == 12
    assert [line.get("error") for line in lines] == [None] * 12
    assert {line["application"]["applicant"]["sector"] for line in lines} <= {
        "public",
        "company",
        "civil_society",
        "academia",
    }


def test_an_existing_file_is_replaced_only_with_force(run: Run, tmp_path: Path) -> None:
    written = tmp_path / "start.map.yaml"
    written.write_text("mine\n", encoding="utf-8")
    args = (
        "new",
        "-c",
        "kronoberg-projektmedel",
        "--from-export",
        ROUND / "utlysning-2026-export.csv",
    )
    refused = run(*args, "-o", written)
    assert refused.returncode == 2
    assert "--force" in refused.stderr
    assert written.read_text(encoding="utf-8") == "mine\n"
    forced = run(*args, "-o", written, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "kind: mapping" in written.read_text(encoding="utf-8")


def test_nasty_headers_make_a_file_that_still_reads(run: Run, tmp_path: Path) -> None:
    headers = [
        "a: b",
        "#x",
        "- y",
        '"q"',
        "rad ett\nrad två",
        "",
        "dubbel",
        "dubbel",
        "Projektnamn",
    ]
    export = tmp_path / "nasty.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerow(["1"] * len(headers))
    written = tmp_path / "nasty.map.yaml"
    made = run("new", "-c", "kronoberg-projektmedel", "--from-export", export, "-o", written)
    assert made.returncode == 0, made.stderr
    text = written.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["kind"] == "mapping"
    assert data["fields"]["title"] == "Projektnamn"
    assert '"rad ett\\nrad två"' in text
    assert "(tom rubrik" in text
    assert text.count("(rubriken finns flera gånger") == 2
    # What is missing is reported by validate, located in the file, not as a crash.
    checked = run("validate", written)
    assert checked.returncode == 1
    assert "nasty.map.yaml:" in checked.stdout + checked.stderr


def test_a_batch_without_map_names_the_columns_and_the_command(run: Run, tmp_path: Path) -> None:
    result = run(
        "batch", ROUND / "utlysning-2026-export.csv", "-o", tmp_path / "out", "--lang", "en"
    )
    assert result.returncode == 2
    assert "[no-mapping]" in result.stderr
    assert "Its first 12 columns are 'ärende-id', 'stödmottagare'," in result.stderr
    assert "'län' and 'kommuner' (58 more)" in result.stderr
    assert "hallbarhet new -c <criteria set> --from-export " in result.stderr
    assert "-o utlysning-2026-export.map.yaml" in result.stderr


def test_a_short_export_lists_all_its_columns(run: Run, tmp_path: Path) -> None:
    export = tmp_path / "kort.csv"
    export.write_text("ärende-id;projektnamn\n1;Ett\n", encoding="utf-8")
    result = run("batch", export, "-o", tmp_path / "out")
    assert result.returncode == 2
    assert "Dess kolumner är 'ärende-id' och 'projektnamn'." in result.stderr


def test_what_is_not_an_export_is_refused(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "ansökan.yaml"
    other.write_text("kind: application\n", encoding="utf-8")
    result = run(
        "new", "-c", "kronoberg-projektmedel", "--from-export", other, "-o", tmp_path / "m.yaml"
    )
    assert result.returncode == 2
    assert "ingen CSV- eller XLSX-export" in result.stderr
    assert not (tmp_path / "m.yaml").exists()


@pytest.mark.parametrize("option", [("-i",), ("--format", "html")])
def test_a_starter_mapping_goes_with_no_template_option(
    run: Run, tmp_path: Path, option: tuple[str, ...]
) -> None:
    export = ROUND / "utlysning-2026-export.csv"
    written = tmp_path / "m.map.yaml"
    result = run(
        "new", "-c", "kronoberg-projektmedel", "--from-export", export, *option, "-o", written
    )
    assert result.returncode == 2
    assert "--from-export skriver en kolumnmappning" in result.stderr
    assert not written.exists()
