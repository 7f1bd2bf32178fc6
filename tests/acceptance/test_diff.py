"""``hallbarhet criteria diff``: what changed between two versions of a criteria set, and
which applications of a round change verdict or rank under the new version."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.acceptance.conftest import CRITERIA, EXAMPLES, Run

SET = "kronoberg-projektmedel"
# The round: the applications directly in examples/ (examples/followup/ is a year of
# decisions and reports, with applications of its own).
ROUND = [arg for path in sorted(EXAMPLES.glob("*.yaml")) for arg in ("--round", str(path))]


def bundled_version(text: str) -> str:
    """The version a criteria set's text declares."""
    match = re.search(r'^version: "([^"]+)"$', text, re.MULTILINE)
    assert match is not None
    return match.group(1)


def raise_version(text: str) -> str:
    """The set's text at the next version (2026.3 becomes 2026.4)."""
    year, number = bundled_version(text).split(".")
    return text.replace(f'version: "{year}.{number}"', f'version: "{year}.{int(number) + 1}"', 1)


def new_version(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """A copy of the project-funds set at its next version with ``edits`` made to it."""
    text = raise_version((CRITERIA / f"{SET}.yaml").read_text(encoding="utf-8"))
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "new" / f"{SET}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


RAISED_PASS = (
    "verdict: {pass_percent: 60, dimension_min_percent: 40}",
    "verdict: {pass_percent: 75, dimension_min_percent: 40}",
)


def diff_json(run: Run, *args: str | Path) -> dict[str, Any]:
    result = run("criteria", "diff", *args, "--format", "json", "--lang", "en")
    assert result.returncode in (0, 1), result.stdout + result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_a_version_compared_with_itself_has_no_changes(run: Run) -> None:
    version = bundled_version((CRITERIA / f"{SET}.yaml").read_text(encoding="utf-8"))
    result = run("criteria", "diff", SET, f"{SET}@{version}", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "No changes that affect the form or the scoring." in result.stdout


def test_changes_are_listed_in_words(run: Run, tmp_path: Path) -> None:
    new = new_version(
        tmp_path,
        RAISED_PASS,
        (
            '    title: {sv: "Klimatpåverkan", en: "Climate impact"}\n    weight: 2\n',
            '    title: {sv: "Klimatpåverkan", en: "Climate impact"}\n    weight: 3\n',
        ),
        (
            "{points: 1, contributes: true, when: {question: jobs_expected, ge: 1}",
            "{points: 1, contributes: true, when: {question: jobs_expected, ge: 2}",
        ),
        (
            "    when: {question: goal_conflicts_status, eq: open}\n    effect: review\n",
            "    when: {question: goal_conflicts_status, eq: open}\n    effect: exclude\n",
        ),
    )
    result = run("criteria", "diff", SET, new, "--lang", "en")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for expected in (
        "  Pass threshold (overall): 60.0% → 75.0%",
        "  EKO-1 Climate impact: weight 2 → 3",
        "  KRO-GOAL-CONFLICT Unresolved goal conflict: effect needs review → excludes",
    ):
        assert expected in lines, result.stdout
    (level,) = [line for line in lines if line.startswith("  EKON-2 New jobs: level 3: ")]
    assert "is at least 1\u00a0FTE → " in level  # the unit in the report language
    assert level.endswith("is at least 2\u00a0FTEs")

    changes = {
        (c["section"], c["id"], c["aspect"], c["level"])
        for c in diff_json(run, SET, new)["changes"]
    }
    assert changes == {
        ("thresholds", "pass_percent", "value", None),
        ("criteria", "EKO-1", "weight", None),
        ("criteria", "EKON-2", "level_when", 2),
        ("gates", "KRO-GOAL-CONFLICT", "effect", None),
    }


def funding_round(tmp_path: Path) -> Path:
    """The examples written for the funding sets, without those for the quality and the
    civil-society sets, whose answers belong to other questions."""
    folder = tmp_path / "round"
    folder.mkdir()
    for example in EXAMPLES.glob("*.yaml"):
        text = example.read_text(encoding="utf-8")
        if "\ncriteria: kronoberg-projektmedel\n" in text or "type: business_support" in text:
            (folder / example.name).write_text(text, encoding="utf-8")
    return folder


def test_a_round_shows_whose_verdict_or_rank_changes(run: Run, tmp_path: Path) -> None:
    new = new_version(tmp_path, RAISED_PASS)
    examples = funding_round(tmp_path)
    report = diff_json(run, SET, new, "--round", examples)
    round_ = report["round"]
    assert round_["assessed"] == 6  # the project applications among the examples
    assert len(round_["skipped"]) == 5  # business support, which the set does not apply to
    assert round_["problems"] == []
    moved = {e["id"]: (e["old"], e["new"]) for e in round_["changed"]}
    old, after = moved["KRO-2026-0102"]
    assert (old["verdict"], after["verdict"]) == ("pass", "fail")
    # A failing application still ranks above one to be completed (the batch's rule).
    assert (old["rank"], after["rank"]) == (2, 2)
    assert old["percent"] == after["percent"]  # the score is the same; the bar moved
    assert "KRO-2026-0105" not in moved  # to be completed, third under both
    assert "KRO-2026-0101" not in moved  # still passes, still first

    text = run("criteria", "diff", SET, new, "--round", examples, "--lang", "en")
    assert text.returncode == 0, text.stderr
    assert "1 application changes verdict or rank:" in text.stdout
    row = next(line for line in text.stdout.splitlines() if "KRO-2026-0102" in line)
    assert "Sustainability-proofed → Not sustainability-proofed" in row
    assert "70.9% → 70.9%" in row
    assert "2 → 2" in row


def test_an_application_the_new_version_cannot_assess_is_a_finding(
    run: Run, tmp_path: Path
) -> None:
    new = new_version(tmp_path, ("    min: 0\n    max: 100000\n", "    min: 0\n    max: 100\n"))
    result = run("criteria", "diff", SET, new, *ROUND, "--lang", "en")
    assert result.returncode == 1
    assert "skills_participants “" in result.stdout and "maximum 100,000 → 100" in result.stdout
    example = (EXAMPLES / "kompetenslyft-omsorg-ljungby.yaml").read_text(encoding="utf-8")
    line = next(
        i
        for i, text in enumerate(example.splitlines(), 1)
        if text.startswith("  skills_participants:")
    )
    assert f"kompetenslyft-omsorg-ljungby.yaml:{line}:" in result.stdout
    assert "[answer-range] 120 is outside the allowed range" in result.stdout

    report = diff_json(run, SET, new, *ROUND)
    (entry,) = [e for e in report["round"]["changed"] if e["new"] is None]
    assert entry["file"].endswith("kompetenslyft-omsorg-ljungby.yaml")
    assert entry["old"]["verdict"] in {"pass", "fail", "incomplete", "excluded"}


def test_an_unknown_set_is_a_usage_error_with_a_suggestion(run: Run) -> None:
    result = run("criteria", "diff", "kronoberg-projektmedl", SET, "--lang", "en")
    assert result.returncode == 2
    assert "Did you mean 'kronoberg-projektmedel'?" in result.stderr
