"""How sure the funding line is: ``hallbarhet batch --robustness`` and ``hallbarhet
robustness`` on the example round, as an analyst runs them for a board."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.acceptance.conftest import EXAMPLES, Run
from tests.acceptance.test_batch import MAPPING, read_csv, read_xlsx, summary_of

EXPORT = EXAMPLES / "round" / "utlysning-2026-export.csv"
COLUMNS = ["p_pass", "p_funded", "rank_median", "rank_p05", "rank_p95", "stable"]
# With this budget the line falls among three close applications of the example round.
TIGHT_BUDGET = "6000000"
DRAWS = "3000"
HEADINGS = {"sv": "Hur säker är finansieringsgränsen?", "en": "How sure is the funding line?"}
FUNDED_HEADER = {"sv": "Sannolikhet att få finansiering", "en": "Probability of being funded"}


def batch_round(run: Run, out: Path, *extra: str | Path, lang: str = "en") -> Any:
    result = run(
        "batch", EXPORT, "--map", MAPPING, "-o", out, "--robustness", "--draws", DRAWS,
        "--lang", lang, *extra,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result


def extending_set(folder: Path, uncertainty: str) -> Path:
    """The example round's criteria set with a declared weight uncertainty."""
    path = folder / "declared.yaml"
    path.write_text(
        "kind: criteria-set\nid: declared\nversion: '1'\ntitle: Declared\n"
        f"extends: [kronoberg-projektmedel]\nweight_uncertainty: {uncertainty}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_example_round_reports_robustness_in_every_output(
    run: Run, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / "out"
    result = batch_round(run, out, "--budget", TIGHT_BUDGET, lang=lang)
    summary = summary_of(out)
    section = summary["robustness"]
    assert section["draws"] == int(DRAWS) and section["decision"] == "funded"
    assert section["criteria_sets"][0]["declared"] is False
    assert section["criteria_sets"][0]["default"] == 0.2
    assert section["stable"] + section["contested"] == summary["inputs"]["assessed"]
    contested = section["contested_ids"]
    assert contested, "the tight budget leaves a decision open"
    # The terminal says it too.
    assert ("Robusthet" if lang == "sv" else "Robustness") in result.stdout
    # The tables carry the figures, in the CSV and the workbook alike.
    rows = read_csv(out / "results.csv")
    keys = list(rows[0])
    assert keys[keys.index("within_budget") + 1 : keys.index("error")] == COLUMNS
    sheet = read_xlsx(out / "results.xlsx")
    assert FUNDED_HEADER[lang] in sheet[0]
    figures = {a["input"]: a for a in section["applications"]}
    for row, cells in zip(rows, sheet[1:], strict=True):
        application = figures[row["input"]]
        assert float(row["p_funded"]) == application["p_funded"]
        assert cells[keys.index("p_funded")] == application["p_funded"]
        assert int(row["rank_median"]) == application["rank_median"]
        assert row["stable"] == ("true" if application["stable"] else "false")
        # A funded application passes in at least as many draws as it is funded.
        assert float(row["p_pass"]) >= float(row["p_funded"])
    # The overview shows the applications around the line, the contested one among them.
    html = (out / "overview.html").read_text(encoding="utf-8")
    section_html = html[html.index('id="h-robustness"') :]
    assert HEADINGS[lang] in section_html
    assert FUNDED_HEADER[lang] in section_html
    for app_id in contested:
        assert app_id in section_html


def test_the_example_applications_report_robustness_in_both_languages(
    run: Run, tmp_path: Path
) -> None:
    files = sorted(EXAMPLES.glob("*.yaml"))
    for lang in ("sv", "en"):
        out = tmp_path / lang
        result = run(
            "batch", *files, "-o", out, "--budget", "10000000", "--robustness", "--draws",
            DRAWS, "--lang", lang,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        section = summary_of(out)["robustness"]
        # Applications from several criteria sets, each with its own weights.
        assert len(section["criteria_sets"]) >= 2
        assert len(section["applications"]) == len(files)
        assert HEADINGS[lang] in (out / "overview.html").read_text(encoding="utf-8")
        assert "p_funded" in read_csv(out / "results.csv")[0]


def test_the_command_reproduces_the_batch_and_is_byte_identical(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch_round(run, out, "--budget", TIGHT_BUDGET)
    again = tmp_path / "again"
    result = run("robustness", out, "--draws", DRAWS, "-o", again, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "robustness.json" in result.stdout
    document = json.loads((again / "robustness.json").read_text(encoding="utf-8"))
    assert document["format_version"] == 1
    # The budget comes from the batch's summary, and the figures are the batch's.
    assert document["robustness"] == summary_of(out)["robustness"]
    third = tmp_path / "third"
    assert run("robustness", out, "--draws", DRAWS, "-o", third).returncode == 0
    for name in ("robustness.json", "robustness.csv"):
        assert (again / name).read_bytes() == (third / name).read_bytes()
    rows = read_csv(again / "robustness.csv")
    assert list(rows[0])[-6:] == COLUMNS
    # Without -o the files go into the results folder.
    assert run("robustness", out, "--draws", "200").returncode == 0
    assert (out / "robustness.json").is_file()


def test_another_budget_or_seed_gives_other_figures(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch_round(run, out, "--budget", TIGHT_BUDGET)
    rich_run = run("robustness", out, "--draws", DRAWS, "--budget", "1e8", "-o", tmp_path / "rich")
    assert rich_run.returncode == 0, rich_run.stderr
    rich = json.loads((tmp_path / "rich" / "robustness.json").read_text(encoding="utf-8"))
    section = rich["robustness"]
    assert section["budget_sek"] == 100_000_000
    # Money for every sustainability-proofed application: funded exactly when it passes.
    for application in section["applications"]:
        assert application["p_funded"] == application["p_pass"]
    seeded = tmp_path / "seeded"
    assert run("robustness", out, "--draws", DRAWS, "--seed", "7", "-o", seeded).returncode == 0
    other = json.loads((seeded / "robustness.json").read_text(encoding="utf-8"))["robustness"]
    assert other["seed"] == 7
    assert other["applications"] != summary_of(out)["robustness"]["applications"]


def test_without_uncertainty_the_figures_are_the_plain_ranking(run: Run, tmp_path: Path) -> None:
    declared = extending_set(tmp_path, "0")
    out = tmp_path / "out"
    batch_round(run, out, "--budget", TIGHT_BUDGET, "--criteria", declared)
    summary = summary_of(out)
    section = summary["robustness"]
    assert section["criteria_sets"][0]["declared"] is True
    assert set(section["criteria_sets"][0]["criteria"].values()) == {0.0}
    rows = [r for r in read_csv(out / "results.csv") if r["rank"]]
    percents = [r["overall_percent"] for r in rows if r["overall_percent"]]
    assert len(set(percents)) == len(percents), "no ties in the example round"
    for row in rows:
        assert row["p_funded"] == ("1" if row["within_budget"] == "true" else "0")
        assert row["p_pass"] == ("1" if row["verdict"] == "pass" else "0")
        assert row["rank_median"] == row["rank_p05"] == row["rank_p95"] == row["rank"]
        assert row["stable"] == "true"


def test_a_declared_unknown_is_recorded_and_moves_the_ranking(run: Run, tmp_path: Path) -> None:
    declared = extending_set(tmp_path, "unknown")
    out = tmp_path / "out"
    batch_round(run, out, "--budget", TIGHT_BUDGET, "--criteria", declared)
    line = json.loads((out / "results.jsonl").read_text(encoding="utf-8").splitlines()[0])
    recorded = line["criteria_set"]["weight_uncertainty"]
    assert recorded["declared"] is True and recorded["default"] == "unknown"
    section = summary_of(out)["robustness"]
    assert section["criteria_sets"][0]["default"] == "unknown"
    spread = [a["rank_p95"] - a["rank_p05"] for a in section["applications"]]
    assert max(spread) > 0


def test_a_folder_without_results_is_one_clear_error(run: Run, tmp_path: Path) -> None:
    result = run("robustness", tmp_path, "--lang", "en")
    assert result.returncode == 2
    assert "results.jsonl" in result.stderr and "Traceback" not in result.stderr
    missing = run("robustness", tmp_path / "nowhere", "--lang", "en")
    assert missing.returncode == 2
    assert "not a folder of batch results" in missing.stderr
    assert not (tmp_path / "nowhere").exists()


def test_the_same_round_twice_gives_the_same_bytes(run: Run, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    batch_round(run, first, "--budget", TIGHT_BUDGET)
    batch_round(run, second, "--budget", TIGHT_BUDGET)
    for name in ("summary.json", "results.csv", "results.xlsx", "overview.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_the_draws_follow_the_batchs_funding_rule(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch_round(run, out, "--budget", TIGHT_BUDGET, "--funding-rule", "skip")
    section = summary_of(out)["robustness"]
    assert section["funding_rule"] == "skip"
    rows = {r["id"]: r for r in read_csv(out / "results.csv")}
    # In this round, the funding the draws agree on is the batch's own.
    for application in section["applications"]:
        if application["stable"] and application["p_funded"] >= 0.95:
            assert rows[application["id"]]["within_budget"] == "true"
    again = tmp_path / "again"
    assert run("robustness", out, "--draws", DRAWS, "-o", again).returncode == 0
    document = json.loads((again / "robustness.json").read_text(encoding="utf-8"))
    assert document["robustness"] == section
