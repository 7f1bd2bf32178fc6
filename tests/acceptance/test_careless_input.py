"""Careless input and hostile names, each answered with a clear line and the right exit
code: CSV exports with carriage returns in cells, ragged rows and the wrong delimiter;
escape sequences in file names and bidirectional overrides in text; NUL bytes; an
infinite budget; missing folders; several invalid dates; duplicate ids."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

from tests.acceptance.conftest import EXAMPLES, Run

EXAMPLE = EXAMPLES / "solcellspark-alvesta.yaml"
MAPPING = """\
kind: mapping
{read}fields:
  id: id
  criteria: {{value: kronoberg-projektmedel}}
  type: {{value: project}}
  title: titel
  applicant: {{name: sökande, sector: {{value: public}}}}
  budget: {{total_sek: total, requested_sek: sökt}}
  period: {{start: start, end: slut}}
"""
HEADER = "id,titel,sökande,total,sökt,start,slut"


def export(tmp_path: Path, rows: str, read: str = "") -> tuple[str, str]:
    """The export and its mapping, named as the command is given them (from tmp_path)."""
    (tmp_path / "map.yaml").write_text(MAPPING.format(read=read), encoding="utf-8")
    (tmp_path / "export.csv").write_bytes(rows.encode("utf-8"))
    return "export.csv", "map.yaml"


def results(folder: Path) -> list[dict[str, str]]:
    with (folder / "results.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# -- CSV --------------------------------------------------------------------------------------
def test_a_carriage_return_inside_a_quoted_cell_keeps_the_record(run: Run, tmp_path: Path) -> None:
    rows = (
        f"{HEADER}\r\n"
        'A1,"Title with\ra return",Kommun,100,50,2026-01-01,2026-12-31\r\n'
        'A2,"\r=HYPERLINK(1)",Kommun,100,50,2026-01-01,2026-12-31\r\n'
        'A3,"two\r\nlines",Kommun,100,50,2026-01-01,2026-12-31\r\n'
        "A4,T4,Kommun,100,50,2026-01-01,2026-12-31\r\n"
    )
    path, mapping = export(tmp_path, rows)
    result = run("batch", path, "--map", mapping, "-o", "out", "-q", "--lang", "en")
    assert result.returncode == 0, result.stderr
    table = results(tmp_path / "out")
    assert [(r["input"], r["id"]) for r in table] == [
        ("export.csv:2", "A1"),
        ("export.csv:3", "A2"),
        ("export.csv:4", "A3"),
        ("export.csv:5", "A4"),
    ]
    assert table[0]["title"] == "Title with\ra return"
    assert table[1]["title"].startswith("'")  # neutralised, not lost
    assert table[2]["title"] == "two\r\nlines"


def test_ragged_rows_are_error_rows_naming_row_and_cells(run: Run, tmp_path: Path) -> None:
    rows = (
        f"{HEADER}\n"
        "A1,T,Kommun,100,50,2026-01-01,2026-12-31,extra\n"
        "A2,T,Kommun,100,50\n"
        "A3,T,Kommun,100,50,2026-01-01,2026-12-31\n"
    )
    path, mapping = export(tmp_path, rows)
    result = run("batch", path, "--map", mapping, "-o", "out", "-q", "--lang", "en")
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if "[ragged-row]" in line]
    assert len(lines) == 2, result.stderr
    assert "export.csv:2" in lines[0] and "8 cells" in lines[0] and "has 7" in lines[0]
    assert "export.csv:3" in lines[1] and "5 cells" in lines[1] and "has 7" in lines[1]
    table = results(tmp_path / "out")
    assert [r["id"] for r in table if not r.get("error")] == ["A3"]
    assert len(table) == 3  # every row accounted for


def test_the_wrong_delimiter_gets_a_hint(run: Run, tmp_path: Path) -> None:
    rows = HEADER.replace(",", ";") + "\nA1;T;Kommun;100;50;2026-01-01;2026-12-31\n"
    path, mapping = export(tmp_path, rows, read='read: {delimiter: ","}\n')
    result = run("batch", path, "--map", mapping, "-o", "out", "--lang", "en")
    assert result.returncode == 2
    # The mapping maps no answers, so a warning about that may come before the error.
    errors = [line for line in result.stderr.splitlines() if ": error " in line]
    first = errors[0]
    assert "[delimiter]" in first and "';'" in first and 'delimiter: ";"' in first, first


def test_the_delimiter_found_is_named(run: Run, tmp_path: Path) -> None:
    rows = HEADER.replace(",", ";") + "\nA1;T;Kommun;100;50;2026-01-01;2026-12-31\n"
    path, mapping = export(tmp_path, rows)
    result = run("batch", path, "--map", mapping, "-o", "out", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "export.csv: the cells are separated by ';'" in result.stderr


# -- what reaches the terminal ----------------------------------------------------------------
ESCAPES = "\x1b]0;PWNED\x07\x1b[2J"
BIDI = "\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "{bad}"),
        ("validate", "{bad}", "--format", "github"),
        ("validate", "{bad}", "--format", "junit"),
        ("validate", "{good}"),
        ("assess", "{bad}"),
        ("assess", "{good}"),
        ("assess", "{good}", "--format", "md"),
        ("batch", "{good}", "{bad}", "-o", "out"),
        ("batch", "{good}", "{bad}", "-o", "out", "-q"),
        ("criteria", "show", "{bad}"),
    ],
    ids=lambda a: "-".join(x for x in a if not x.startswith("{")),
)
def test_escape_sequences_and_bidi_overrides_never_reach_the_terminal(
    run: Run, tmp_path: Path, args: tuple[str, ...]
) -> None:
    source = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    source["title"] = f"Solceller {BIDI}tnemevorpmi{ESCAPES}"
    source["applicant"]["name"] = f"Kommun{BIDI}"
    good = tmp_path / f"good{ESCAPES}{BIDI}.yaml"
    good.write_text(yaml.safe_dump(source, allow_unicode=True), encoding="utf-8")
    bad = tmp_path / f"bad{ESCAPES}{BIDI}.yaml"
    bad.write_text("kind: application\nid: [\n", encoding="utf-8")
    names = {"{good}": good.name, "{bad}": bad.name}
    result = run(*(names.get(a, a) for a in args), "--lang", "en")
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\x07" not in stream, stream
        assert not any(c in stream for c in BIDI), stream
    shown = result.stdout + result.stderr
    if "PWNED" in shown:  # where the name or the title is printed, its escapes are visible
        assert "\u241b" in shown and "\u2407" in shown, shown


def test_no_nul_byte_or_override_reaches_the_tables(run: Run, tmp_path: Path) -> None:
    source = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    source["title"] = "Nul\x00byte \u202eevil"
    source["applicant"]["name"] = "A\x00B"
    (tmp_path / "round.jsonl").write_text(json.dumps(source, default=str) + "\n", "utf-8")
    result = run("batch", "round.jsonl", "-o", "out", "-q")
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "out" / "results.csv").read_bytes()
    assert b"\x00" not in data and "\u202e".encode() not in data
    assert "Nul\u2400byte <U+202E>evil".encode() in data


# -- options and arguments --------------------------------------------------------------------
@pytest.mark.parametrize("budget", ["1e999", "inf"])
def test_an_infinite_budget_is_refused_before_the_round(
    run: Run, tmp_path: Path, budget: str
) -> None:
    result = run("batch", EXAMPLE, "-o", "out", "--budget", budget, "--lang", "en")
    assert result.returncode == 2, result.stderr
    assert "[budget]" in result.stderr and "Internal error" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("missing", ["no-such-folder/", "no-such-folder"])
def test_batch_on_a_missing_folder_is_a_usage_error(run: Run, tmp_path: Path, missing: str) -> None:
    result = run("batch", missing, "-o", "out", "--lang", "en")
    assert result.returncode == 2, result.stderr
    assert f"{missing}: error [no-such-file]" in result.stderr
    assert not (tmp_path / "out").exists()


def test_validate_exits_2_for_a_missing_file_and_a_yaml_syntax_error(
    run: Run, tmp_path: Path
) -> None:
    (tmp_path / "broken.yaml").write_text("kind: application\nid: [\n", encoding="utf-8")
    assert run("validate", "missing.yaml").returncode == 2
    assert run("validate", "broken.yaml").returncode == 2
    assert run("validate", EXAMPLE, "missing.yaml").returncode == 2
    (tmp_path / "typo.yaml").write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("budget:", "budjet:"), encoding="utf-8"
    )
    assert run("validate", "typo.yaml").returncode == 1  # a finding, not unreadable


def test_every_invalid_date_is_reported_in_one_run(run: Run, tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    source = yaml.safe_load(text)
    start, end = source["period"]["start"], source["period"]["end"]
    text = text.replace(f"start: {start}", "start: 2026-02-30").replace(
        f"end: {end}", "end: 2026-13-45"
    )
    (tmp_path / "dates.yaml").write_text(text, encoding="utf-8")
    for command in ("validate", "assess"):
        result = run(command, "dates.yaml", "--lang", "en")
        output = result.stdout + result.stderr
        assert "'2026-02-30'" in output and "'2026-13-45'" in output, output


def test_duplicate_ids_are_named_on_the_terminal(run: Run, tmp_path: Path) -> None:
    source = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    line = json.dumps(source, default=str)
    (tmp_path / "round.jsonl").write_text(f"{line}\n{line}\n", encoding="utf-8")
    result = run("batch", "round.jsonl", "-o", "out", "-q", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert f"'{source['id']}' is used by more than one input" in result.stderr
