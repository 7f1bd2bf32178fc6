"""``hallbarhet validate`` and ``hallbarhet criteria`` as criteria authors and CI use them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.acceptance.conftest import CRITERIA, EXAMPLES, ROOT, Run

BUNDLED = {"dnsh-screening", "kronoberg-projektmedel", "kronoberg-foretagsstod"}


def test_bundled_criteria_and_examples_validate(run: Run) -> None:
    # the clock after the example year's last decision (June 2026), which would otherwise
    # be a decision in the future
    after = {"SOURCE_DATE_EPOCH": "1893456000"}
    result = run("validate", CRITERIA, EXAMPLES, "--strict", "--lang", "en", env=after)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 errors, 0 warnings" in result.stdout


def test_criteria_list_works_from_any_folder(run: Run) -> None:
    result = run("criteria", "list", "--lang", "en")
    assert result.returncode == 0, result.stderr
    for set_id in BUNDLED:
        assert set_id in result.stdout


def test_criteria_show_lists_questions_criteria_and_gates(run: Run) -> None:
    result = run("criteria", "show", "kronoberg-projektmedel", "--lang", "en")
    assert result.returncode == 0, result.stderr
    for heading in ("Questions", "Gates"):
        assert heading in result.stdout
    assert "dnsh-screening" in result.stdout  # extends


def test_broken_criteria_set_findings_have_rule_line_and_column(run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "kind: criteria-set\n"
        "id: broken\n"
        'version: "1"\n'
        "title: Broken\n"
        "dimensions:\n"
        "  social: {title: Social}\n"
        "questions:\n"
        "  - {id: jobs, type: integer, label: Jobs}\n"
        "criteria:\n"
        "  - id: C-1\n"
        "    dimension: socail\n"
        "    title: Jobs\n"
        "    levels:\n"
        "      - {points: 1, when: {question: jbos, gt: 0}}\n"
        "      - {points: 0}\n",
        encoding="utf-8",
    )
    text = run("validate", broken, "--lang", "en")
    assert text.returncode == 1
    assert "broken.yaml:11:16: error [unknown-dimension]" in text.stdout
    assert "broken.yaml:14:38: error [unknown-question]" in text.stdout
    assert "Did you mean 'jobs'?" in text.stdout
    as_json = run("validate", broken, "--format", "json", "--lang", "en")
    payload = json.loads(as_json.stdout)
    rules = {(p["rule"], p["line"], p["column"]) for p in payload["files"][0]["problems"]}
    assert ("unknown-dimension", 11, 16) in rules
    assert ("unknown-question", 14, 38) in rules


def test_typo_in_a_key_is_caught_with_a_suggestion(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "typo.yaml"
    source = (CRITERIA / "kronoberg-projektmedel.yaml").read_text(encoding="utf-8")
    path.write_text(source.replace("applies_to:", "aplies_to:", 1), encoding="utf-8")
    result = run("validate", path, "--lang", "en")
    assert result.returncode == 1
    assert "[unknown-key] Unknown key 'aplies_to'. Did you mean 'applies_to'?" in result.stdout


def test_unknown_kind_and_missing_path(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text("name: not ours\n", encoding="utf-8")
    result = run("validate", other, tmp_path / "missing.yaml", "--lang", "en")
    assert result.returncode == 2  # a missing file is unreadable input, as the README says
    assert "[unknown-kind]" in result.stdout
    assert "[no-such-file]" in result.stdout


def test_readme_documents_every_command(run: Run) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    help_text = run("--help").stdout
    for command in ("assess", "validate", "criteria"):
        assert command in help_text
        assert f"hallbarhet {command}" in readme
    for code in ("0", "1", "2"):
        assert f"| {code} |" in readme
