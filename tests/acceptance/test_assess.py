"""``hallbarhet assess`` on the bundled examples, as a case officer runs it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.acceptance.conftest import EXAMPLES, Run

Reports = dict[str, dict[str, Any]]

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
REQUIRED_KEYS = {
    "format_version",
    "application",
    "criteria_set",
    "verdict",
    "provisional",
    "overall_percent",
    "dimensions",
    "criteria",
    "gates",
    "missing",
    "improvements",
    "tool_version",
}


def assess_json(run: Run, path: Path, *args: str) -> dict[str, Any]:
    result = run("assess", path, "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_there_are_enough_examples() -> None:
    assert len(EXAMPLE_FILES) >= 8


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_assesses_to_json(example_reports: Reports, path: Path) -> None:
    report = example_reports[path.stem]
    assert report.keys() >= REQUIRED_KEYS
    assert report["format_version"] == 2
    assert len(report["criteria_set"]["sha256"]) == 64
    for criterion in report["criteria"]:
        assert criterion.keys() >= {"id", "dimension", "points", "max_points", "status", "reason"}
        assert 0 <= criterion["points"] <= criterion["max_points"]
        assert criterion["reason"]
    gains = [i["gain"] for i in report["improvements"]]
    assert gains == sorted(gains, reverse=True)


def test_examples_reach_all_four_verdicts(example_reports: Reports) -> None:
    verdicts = {report["verdict"] for report in example_reports.values()}
    assert verdicts == {"pass", "fail", "incomplete", "excluded"}


LABELS = {
    "pass": ("HÅLLBARHETSSÄKRAD", "SUSTAINABILITY-PROOFED"),
    "fail": ("EJ HÅLLBARHETSSÄKRAD", "NOT SUSTAINABILITY-PROOFED"),
    "incomplete": ("KOMPLETTERAS", "TO BE COMPLETED"),
    "excluded": ("EXKLUDERAD", "EXCLUDED"),
}


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_terminal_summary_in_swedish_and_english(
    run: Run, example_reports: Reports, path: Path
) -> None:
    sv = run("assess", path)
    en = run("assess", path, "--lang", "en")
    assert sv.returncode == en.returncode == 0, sv.stderr + en.stderr
    label_sv, label_en = LABELS[example_reports[path.stem]["verdict"]]
    first_sv = next(line for line in sv.stdout.splitlines() if label_sv in line)
    first_en = next(line for line in en.stdout.splitlines() if label_en in line)
    assert first_sv != first_en
    if example_reports[path.stem]["final"]:  # excluded: only why, nothing to score
        assert "Spärrar som slagit till" in sv.stdout and "Gates that fired" in en.stdout
        assert "Dimensioner" not in sv.stdout and "Dimensions" not in en.stdout
        return
    assert "Dimensioner" in sv.stdout and "Dimensions" in en.stdout
    assert "Kriterier" in sv.stdout and "Criteria" in en.stdout


def test_json_is_byte_identical_across_runs(run: Run, tmp_path: Path) -> None:
    path = EXAMPLE_FILES[0]
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run("assess", path, "-f", "json", "-o", first).returncode == 0
    assert run("assess", path, "-f", "json", "-o", second).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text())["assessed_at"] == "2026-01-01T00:00:00Z"


def test_fail_on_sets_the_exit_code(run: Run, example_reports: Reports) -> None:
    by_verdict: dict[str, Path] = {}
    for stem, report in sorted(example_reports.items()):
        by_verdict.setdefault(report["verdict"], EXAMPLES / f"{stem}.yaml")
    assert run("assess", by_verdict["pass"], "--fail-on", "fail").returncode == 0
    assert run("assess", by_verdict["fail"], "--fail-on", "fail").returncode == 1
    assert run("assess", by_verdict["fail"], "--fail-on", "incomplete").returncode == 0
    assert run("assess", by_verdict["incomplete"], "--fail-on", "incomplete").returncode == 1
    assert run("assess", by_verdict["excluded"], "--fail-on", "excluded").returncode == 1
    assert run("assess", by_verdict["incomplete"], "--fail-on", "excluded").returncode == 0


def test_criteria_override_and_missing_file(run: Run, tmp_path: Path) -> None:
    missing = run("assess", tmp_path / "nope.yaml")
    assert missing.returncode == 2
    assert "nope.yaml" in missing.stderr and "Traceback" not in missing.stderr
    folder = run("assess", tmp_path)
    assert folder.returncode == 2 and "Traceback" not in folder.stderr


def test_broken_application_names_line_and_column(run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    source = next(p for p in EXAMPLE_FILES if "kind: application" in p.read_text())
    text = source.read_text(encoding="utf-8").replace("title:", "titel:", 1)
    broken.write_text(text, encoding="utf-8")
    result = run("assess", broken, "--lang", "en")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("titel:"))
    assert f"broken.yaml:{line}:1: error [unknown-key] Unknown key 'titel'." in result.stderr
    assert "Did you mean 'title'?" in result.stderr


def test_output_file_is_not_created_when_assessment_fails(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: application\nid: [\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = run("assess", bad, "-f", "json", "-o", out)
    assert result.returncode == 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_the_date_received_is_in_every_report_that_has_one(run: Run) -> None:
    received = EXAMPLES / "solcellspark-alvesta.yaml"  # submitted: 2026-02-16
    without = EXAMPLES / "vattenled-lagan-markaryd.yaml"
    assert "· inkom\u00a02026-02-16" in run("assess", received).stdout
    english = run("assess", received, "--lang", "en").stdout
    assert "│ 2026-02-16" not in english  # the date is not wrapped away from its word
    assert "received\u00a02026-02-16" in english
    markdown = run("assess", received, "-f", "md", "--lang", "en").stdout
    assert "- **Received:** 16 February 2026\n" in markdown
    assert "<dt>Inkom</dt><dd>16 februari 2026</dd>" in run("assess", received, "-f", "html").stdout
    assert (
        json.loads(run("assess", received, "-f", "json").stdout)["application"]["submitted"]
        == "2026-02-16"
    )
    for args in ((), ("-f", "md", "--lang", "en"), ("-f", "html", "--lang", "en")):
        assert "eceived" not in run("assess", without, *args).stdout
    assert (
        json.loads(run("assess", without, "-f", "json").stdout)["application"]["submitted"] is None
    )
