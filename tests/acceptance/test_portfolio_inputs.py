"""``hallbarhet portfolio`` reads the same applications as files, as a JSON Lines file
(one application per line, as ``batch`` reads them) and as the folder ``batch -o DIR``
writes, and counts them the same: the hand count of test_portfolio holds for each."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hallbarhet_cli.files.yamlload import load_file
from tests.acceptance.conftest import Run
from tests.acceptance.test_portfolio import BY_YEAR, FOLLOWUP, HAND_COUNT, figures, shares

APPLICATIONS = FOLLOWUP / "ansokningar"
REPORTS = FOLLOWUP / "rapporter"


def as_json_lines(folder: Path) -> list[str]:
    """The applications in ``folder`` as JSON lines, read with hallbarhet's own loader."""
    return [
        json.dumps(load_file(path).data, ensure_ascii=False, default=str)
        for path in sorted(folder.glob("*.yaml"))
    ]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def batch(run: Run, out: Path, *args: str) -> Path:
    result = run("batch", APPLICATIONS, "-o", out, "-q", *args)
    assert result.returncode == 0, result.stderr
    return out


def view_of(run: Run, *args: str | Path, code: int = 0) -> tuple[dict[str, Any], str]:
    result = run("portfolio", *args, "--format", "json", "--lang", "en")
    assert result.returncode == code, result.stderr
    return json.loads(result.stdout), result.stderr


@pytest.fixture
def forms(run: Run, tmp_path: Path) -> dict[str, tuple[Path, ...]]:
    """The example year in each form the portfolio reads, with the reports."""
    jsonl = write_jsonl(tmp_path / "ansokningar.jsonl", as_json_lines(APPLICATIONS))
    return {
        "files": (APPLICATIONS, REPORTS),
        "jsonl": (jsonl, REPORTS),
        "batch": (batch(run, tmp_path / "omgang"), REPORTS),
    }


@pytest.mark.parametrize("form", ["files", "jsonl", "batch"])
def test_the_hand_count_holds_for_every_form_of_input(
    run: Run, forms: dict[str, tuple[Path, ...]], form: str
) -> None:
    view, _ = view_of(run, *forms[form])
    assert view["inputs"]["applications"] == 8 and view["inputs"]["reports"] == 6
    found = {(g["key"]["instrument"], g["key"]["year"]): g for g in view["by_instrument_and_year"]}
    assert {key: figures(group) for key, group in found.items()} == HAND_COUNT
    for key, count in HAND_COUNT.items():
        got = tuple(found[key][s] for s in ("share_by_count", "share_by_requested_sek"))
        assert got == pytest.approx(shares(count)[:2]), key
        assert found[key]["share_by_granted_sek"] == pytest.approx(shares(count)[2]), key
    assert {g["key"]["year"]: figures(g) for g in view["groups"]} == BY_YEAR
    assert figures(view["totals"]) == (8, 4, 9_615_000, 6_320_000, 6_920_000, 5_720_000)


def test_every_figure_agrees_across_forms(run: Run, forms: dict[str, tuple[Path, ...]]) -> None:
    views = {form: view_of(run, *paths)[0] for form, paths in forms.items()}
    keys = ("totals", "verdicts", "groups", "dimensions", "criteria", "promises", "unreported")
    for key in keys:
        assert views["jsonl"][key] == views["files"][key], key
        assert views["batch"][key] == views["files"][key], key
    files = {a["id"]: a for a in views["files"]["applications"]}
    for form in ("jsonl", "batch"):
        for app in views[form]["applications"]:
            assert {k: v for k, v in app.items() if k != "file"} == {
                k: v for k, v in files[app["id"]].items() if k != "file"
            }, (form, app["id"])
    # the ex-post verdicts are there in every form (the batch's from the application files
    # the reports lead to): möbelrenovering would no longer be sustainability-proofed
    ex_post = {a["id"]: a["ex_post_verdict"] for a in views["batch"]["applications"]}
    assert ex_post["FS-2026-0431"] == "fail" and ex_post["KRO-2025-0311"] == "pass"
    lines = {a["id"]: a["file"] for a in views["jsonl"]["applications"]}
    assert lines["KRO-2025-0311"].endswith("ansokningar.jsonl:6")
    assert all("/omgang/results.jsonl:" in a["file"] for a in views["batch"]["applications"])


def test_without_the_application_files_a_batch_result_has_no_ex_post_verdict(
    run: Run, tmp_path: Path
) -> None:
    out = batch(run, tmp_path / "omgang")
    alone = tmp_path / "rapporter"  # the reports with no application files near them
    alone.mkdir()
    for path in REPORTS.glob("*.yaml"):
        (alone / path.name).write_bytes(path.read_bytes())
    view, stderr = view_of(run, out, alone)
    assert view["inputs"]["reports"] == 6
    assert {a["ex_post_verdict"] for a in view["applications"]} == {None}
    warnings = [line for line in stderr.splitlines() if "[no-ex-post]" in line]
    # the five granted applications with reports: glasugn, hyvellinje, kompetenslyft,
    # möbelrenovering and solcellspark
    assert len(warnings) == 5, stderr
    assert all("/omgang/results.jsonl:" in w and ":1: warning" in w for w in warnings)
    with_files = view_of(run, out, REPORTS)[0]
    for key in ("totals", "groups", "criteria", "promises", "unreported"):
        assert view[key] == with_files[key], key


def test_bad_lines_in_json_lines_are_located_and_the_rest_counted(run: Run, tmp_path: Path) -> None:
    lines = as_json_lines(APPLICATIONS)
    good = lines[0]
    exceeding = lines[5].replace('"granted_sek": 2100000', '"granted_sek": 2100001')
    assert exceeding != lines[5]
    path = write_jsonl(
        tmp_path / "omgang.jsonl",
        [good, '{"kind": "application", "id": }', "", "[1, 2]", exceeding],
    )
    view, stderr = view_of(run, path, code=1)
    assert view["inputs"]["applications"] == 1
    assert f"{path}:2:31: error [json-syntax] JSON syntax error" in stderr
    assert f"{path}:4:1: error [not-object]" in stderr
    column = exceeding.index('"granted_sek": 2100001') + len('"granted_sek": ') + 1
    assert f"{path}:5:{column}: error [decision-exceeds]" in stderr
    assert "Traceback" not in stderr


def test_a_batch_folder_without_results_jsonl_says_which_option_writes_it(
    run: Run, tmp_path: Path
) -> None:
    out = batch(run, tmp_path / "omgang", "-f", "csv")
    assert not (out / "results.jsonl").exists() and (out / "summary.json").exists()
    result = run("portfolio", out, "--lang", "en")
    assert result.returncode == 1
    assert f"{out}: error [no-results]" in result.stderr
    assert "no results.jsonl" in result.stderr and "-f jsonl" in result.stderr


def test_a_batch_result_line_that_is_not_one_and_an_input_batch_could_not_assess(
    run: Run, tmp_path: Path
) -> None:
    broken = tmp_path / "ansokningar"
    broken.mkdir()
    for path in sorted(APPLICATIONS.glob("*.yaml"))[:2]:
        (broken / path.name).write_bytes(path.read_bytes())
    (broken / "trasig.yaml").write_text("kind: application\nid: X-1\n", encoding="utf-8")
    result = run("batch", broken, "-o", tmp_path / "omgang", "-q")
    assert result.returncode == 1, result.stderr  # the broken application
    results = tmp_path / "omgang" / "results.jsonl"
    lines = results.read_text("utf-8").splitlines()
    error_line = next(i for i, line in enumerate(lines, 1) if '"error"' in line)
    lines.append('{"input": "x", "verdict": "pass"}')
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    view, stderr = view_of(run, tmp_path / "omgang", code=1)
    assert view["inputs"]["applications"] == 2
    assert f"{results}:{error_line}:1: warning [not-assessed] The batch could not assess" in stderr
    assert f"{results}:{len(lines)}:1: error [not-results]" in stderr


def test_a_batch_result_whose_criteria_set_has_changed(run: Run, tmp_path: Path) -> None:
    out = batch(run, tmp_path / "omgang")
    results = out / "results.jsonl"
    text = results.read_text("utf-8")
    first = json.loads(text.splitlines()[0])["criteria_set"]["sha256"]
    results.write_text(text.replace(first, "0" * 64), "utf-8")
    view, stderr = view_of(run, out, code=1)
    assert "error [results-criteria-changed] The criteria set kronoberg-foretagsstod@" in stderr
    assert view["inputs"]["applications"] == 4  # the four project applications are left


def test_the_same_application_from_a_file_and_a_batch_result(run: Run, tmp_path: Path) -> None:
    out = batch(run, tmp_path / "omgang")
    view, stderr = view_of(run, out, APPLICATIONS / "solcellspark-alvesta-2025.yaml", code=1)
    assert view["inputs"]["applications"] == 8
    assert "error [duplicate-application] The application id 'KRO-2025-0311' is already" in stderr
    assert f"{out}/results.jsonl:" in stderr


def test_batch_result_folders_inside_a_folder_given(run: Run, tmp_path: Path) -> None:
    rounds = tmp_path / "omgangar"
    rounds.mkdir()
    autumn, spring = rounds / "2025-host", rounds / "2026-var"
    for out, year in ((autumn, "2025"), (spring, "2026")):
        files = sorted(APPLICATIONS.glob(f"*-{year}.yaml"))
        result = run("batch", *files, "-o", out, "-q", "--reports", "html")
        assert result.returncode == 0, result.stderr
    view, _ = view_of(run, rounds, REPORTS)
    assert view["inputs"]["applications"] == 8
    assert {g["key"]["year"]: figures(g) for g in view["groups"]} == BY_YEAR
    assert all("/omgangar/20" in a["file"] for a in view["applications"])
