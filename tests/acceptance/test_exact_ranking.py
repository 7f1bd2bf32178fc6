"""Equal scores are equal: the round from the independent check, reproduced on the real CLI.

Three criteria with weights 0.1, 0.1 and 0.2 in one dimension give two applications
exactly 125/3 % by different routes. In binary floating point one came out as
41.66666666666666 and the other as 41.666666666666664, so the id never broke the tie and,
with a budget that falls there, the larger application took the place of one that fitted
exactly. A percent of exactly 56.25 was shown as 56,2 because it was computed as
56.249999999999986.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.acceptance.conftest import Run

SET = """\
kind: criteria-set
id: tie
version: "1"
title: Tie
applies_to: [project]
dimensions:
  social: {{title: Social}}
verdict: {{pass_percent: 10, dimension_min_percent: 0}}
questions:
{questions}
criteria:
{criteria}
"""


def _set(weights: tuple[str, ...], top: int) -> str:
    questions = "\n".join(
        f"  - {{id: q{i}, type: integer, label: Q{i}, required: true, min: 0, max: {top}}}"
        for i in range(len(weights))
    )
    criteria = "\n".join(
        f"  - id: C-{i}\n    dimension: social\n    title: C{i}\n    weight: {w}\n    levels:\n"
        + "".join(
            f"      - {{points: {p}, when: {{question: q{i}, ge: {p}}}}}\n"
            for p in range(top, 0, -1)
        )
        + "      - {points: 0}"
        for i, w in enumerate(weights)
    )
    return SET.format(questions=questions, criteria=criteria)


def _application(app_id: str, points: tuple[int, ...], requested: int) -> str:
    answers = ", ".join(f"q{i}: {p}" for i, p in enumerate(points))
    return (
        f"kind: application\nid: {app_id}\ncriteria: tie.yaml\ntype: project\ntitle: {app_id}\n"
        "applicant: {name: Sökande AB, sector: company}\n"
        f"budget: {{total_sek: {2 * requested}, requested_sek: {requested}}}\n"
        "period: {start: 2026-01-01, end: 2026-12-31}\n"
        f"answers: {{{answers}}}\n"
    )


def _round(tmp_path: Path) -> Path:
    folder = tmp_path / "round"
    folder.mkdir()
    (folder / "tie.yaml").write_text(_set(("0.1", "0.1", "0.2"), 3), encoding="utf-8")
    # 100 × (0.1·0 + 0.1·1/3 + 0.2·2/3) / 0.4 = 125/3 = 100 × (0.1·0 + 0.1·3/3 + 0.2·1/3) / 0.4
    (folder / "a.yaml").write_text(_application("APP-1", (0, 1, 2), 100), encoding="utf-8")
    (folder / "b.yaml").write_text(_application("APP-2", (0, 3, 1), 60), encoding="utf-8")
    return folder


def _rows(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "results.csv").open(encoding="utf-8-sig", newline="") as stream:
        return {row["id"]: row for row in csv.DictReader(stream)}


def test_equal_percents_are_ranked_by_id(run: Run, tmp_path: Path) -> None:
    result = run("batch", _round(tmp_path), "-o", tmp_path / "out", "-q")
    assert result.returncode == 0, result.stderr
    rows = _rows(tmp_path / "out")
    assert rows["APP-1"]["overall_percent"] == rows["APP-2"]["overall_percent"] == "41.7"
    assert (rows["APP-1"]["rank"], rows["APP-2"]["rank"]) == ("1", "2")
    text = (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines()]
    assert lines[0]["overall_percent"] == lines[1]["overall_percent"]


def test_the_application_that_fits_exactly_is_funded(run: Run, tmp_path: Path) -> None:
    result = run("batch", _round(tmp_path), "-o", tmp_path / "out", "-q", "--budget", "100")
    assert result.returncode == 0, result.stderr
    rows = _rows(tmp_path / "out")
    assert rows["APP-1"]["within_budget"] == "true"
    assert rows["APP-2"]["within_budget"] == "false"
    budget = json.loads((tmp_path / "out" / "summary.json").read_text())["budget"]
    assert budget["allocated_sek"] == 100
    assert budget["remaining_sek"] == 0
    assert budget["funding_rule"] == "stop"


def test_skip_funds_later_applications_that_still_fit(run: Run, tmp_path: Path) -> None:
    folder = _round(tmp_path)
    # A third, lower application that fits what APP-2 leaves.
    (folder / "c.yaml").write_text(_application("APP-3", (0, 0, 1), 40), encoding="utf-8")
    common = ("batch", folder, "-q", "--budget", "150")
    assert run(*common, "-o", tmp_path / "stop").returncode == 0
    assert run(*common, "-o", tmp_path / "skip", "--funding-rule", "skip").returncode == 0
    stop, skip = _rows(tmp_path / "stop"), _rows(tmp_path / "skip")
    # APP-1 (100) is funded; APP-2 (60) does not fit in the 50 left.
    assert [stop[i]["within_budget"] for i in ("APP-1", "APP-2", "APP-3")] == [
        "true",
        "false",
        "false",
    ]
    assert [skip[i]["within_budget"] for i in ("APP-1", "APP-2", "APP-3")] == [
        "true",
        "false",
        "true",
    ]
    summary = json.loads((tmp_path / "skip" / "summary.json").read_text())["budget"]
    assert (summary["allocated_sek"], summary["remaining_sek"]) == (140, 10)
    assert summary["sustainability_proofed_not_funded"] == 1


def test_a_percent_is_shown_rounded_half_up_from_its_exact_value(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "round"
    folder.mkdir()
    (folder / "tie.yaml").write_text(_set(("0.1", "0.1", "0.6"), 4), encoding="utf-8")
    # 100 × 0.6 · 3/4 / 0.8 = 56.25 exactly
    app = folder / "a.yaml"
    app.write_text(_application("APP-1", (0, 0, 3), 100), encoding="utf-8")
    text = run("assess", app, "--lang", "en")
    assert text.returncode == 0, text.stderr
    assert "56.3%" in text.stdout and "56.2%" not in text.stdout
    assert run("batch", folder, "-o", tmp_path / "out", "-q").returncode == 0
    assert _rows(tmp_path / "out")["APP-1"]["overall_percent"] == "56.3"
