"""``hallbarhet test`` as criteria authors and CI use it: the bundled sets' own test cases,
what a failing case and a broken test file look like, rule coverage and ``--min-coverage``,
and ``hallbarhet validate`` recognising criteria tests."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from tests.acceptance.conftest import CRITERIA, Run

TESTS = CRITERIA / "tests"
BUNDLED = {
    "dnsh-screening",
    "kronoberg-projektmedel",
    "kronoberg-foretagsstod",
    "tillvaxtverket-kvalitet",
    "kronoberg-ideburen-samverkan",
}


def copy_criteria(tmp_path: Path) -> Path:
    """The bundled sets and their tests, copied to ``tmp_path/criteria``."""
    target = tmp_path / "criteria"
    shutil.copytree(CRITERIA, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_bundled_sets_ship_with_passing_tests_at_full_rule_coverage(run: Run) -> None:
    result = run("test", TESTS, "--min-coverage", "100", "--format", "json", "--lang", "en")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["format_version"] == 1
    coverage = {c["criteria_set"]["id"]: c for c in report["coverage"]}
    assert set(coverage) == BUNDLED
    for set_id, entry in coverage.items():
        assert (entry["percent"], entry["uncovered"]) == (100.0, []), set_id
    assert coverage["kronoberg-projektmedel"]["total"] == 77  # 54 levels/manual + 23 gates
    summary = report["summary"]
    assert summary["failed"] == summary["files_not_run"] == 0
    assert summary["passed"] == summary["cases"] >= 100
    assert {Path(f["file"]).name for f in report["files"]} == {
        f"{set_id}.test.yaml" for set_id in BUNDLED
    }


def test_the_text_report_lists_every_case_and_the_coverage(run: Run) -> None:
    result = run("test", TESTS, "--lang", "en")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^  PASS  Fossil verksamhet exkluderas$", result.stdout, re.M)
    assert "kronoberg-projektmedel 2026.3: 100.0% (77 of 77 rules)" in result.stdout
    assert result.stdout.rstrip().endswith("passed, 0 failed")


def test_default_paths_are_criteria_tests_then_the_current_folder(run: Run, tmp_path: Path) -> None:
    copy_criteria(tmp_path)
    found = run("test", "--lang", "en", cwd=tmp_path)
    assert found.returncode == 0, found.stdout + found.stderr
    assert f"{len(BUNDLED)} test files" in found.stdout

    (tmp_path / "elsewhere").mkdir()
    shutil.copy(TESTS / "dnsh-screening.test.yaml", tmp_path / "elsewhere")
    edit(
        tmp_path / "elsewhere" / "dnsh-screening.test.yaml",
        "criteria: ../dnsh-screening.yaml",
        "criteria: dnsh-screening",
    )
    here = run("test", "--lang", "en", cwd=tmp_path / "elsewhere")
    assert here.returncode == 0, here.stdout + here.stderr
    assert "1 test file" in here.stdout

    (tmp_path / "empty").mkdir()
    none = run("test", "--lang", "en", cwd=tmp_path / "empty")
    assert none.returncode == 2
    assert "No criteria test files found in ." in none.stderr


def test_a_policy_change_fails_the_case_that_guards_it(run: Run, tmp_path: Path) -> None:
    criteria = copy_criteria(tmp_path)
    edit(
        criteria / "kronoberg-projektmedel.yaml",
        "per: {field: budget.requested_sek}, scale: 1000000}, ge: 1}",
        "per: {field: budget.requested_sek}, scale: 1000000}, ge: 2}",
    )
    result = run("test", criteria / "tests", "--lang", "en")
    assert result.returncode == 1, result.stdout + result.stderr
    failed = re.findall(r"^  FAIL  (.*) \((.*):(\d+)\)$", result.stdout, re.M)
    assert [name for name, _, _ in failed] == [
        "Fem nya arbetstillfällen på tre sökta miljoner ger 2 poäng"
    ]
    assert failed[0][1].endswith("kronoberg-projektmedel.test.yaml")
    assert "EKON-2 New jobs: expected 2 p, got 1 p" in result.stdout
    assert "1 failed" in result.stdout


def test_a_failing_case_shows_each_expectation_against_what_came_out(
    run: Run, tmp_path: Path
) -> None:
    (tmp_path / "fossil.test.yaml").write_text(
        "kind: criteria-test\n"
        "criteria: dnsh-screening\n"
        "cases:\n"
        "  - name: Fossil heating is fine\n"
        "    answers: {fossil_fuel_activity: true}\n"
        "    expect: {verdict: pass, gates_include: [DNSH-CLIMATE]}\n",
        encoding="utf-8",
    )
    text = run("test", "fossil.test.yaml", "--lang", "en")
    assert text.returncode == 1
    assert "  FAIL  Fossil heating is fine (fossil.test.yaml:4)" in text.stdout
    assert (
        "Verdict: expected pass (Sustainability-proofed), got excluded (Excluded)." in text.stdout
    )
    assert "Gates fired: expected at least DNSH-CLIMATE, got DNSH-FOSSIL." in text.stdout

    report = json.loads(run("test", "fossil.test.yaml", "-f", "json", "--lang", "en").stdout)
    (case,) = report["files"][0]["cases"]
    assert (case["passed"], case["line"], case["actual"]["verdict"]) == (False, 4, "excluded")
    assert [(f["expectation"], f["expected"], f["actual"]) for f in case["failures"]] == [
        ("verdict", "pass", "excluded"),
        ("gates_include", ["DNSH-CLIMATE"], ["DNSH-FOSSIL"]),
    ]


def test_uncovered_rules_are_listed_where_the_set_defines_them(run: Run, tmp_path: Path) -> None:
    (tmp_path / "one.test.yaml").write_text(
        "kind: criteria-test\n"
        "criteria: dnsh-screening\n"
        "cases:\n"
        "  - name: Fossil\n"
        "    answers: {fossil_fuel_activity: true}\n"
        "    expect: {verdict: excluded}\n",
        encoding="utf-8",
    )
    plain = run("test", "one.test.yaml", "--lang", "en")
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert "dnsh-screening 2026.3: 5.9% (1 of 17 rules)" in plain.stdout
    assert re.search(
        r"^    \S*dnsh-screening\.yaml:\d+:5: Gate DNSH-ETS: no case fires it\.$",
        plain.stdout,
        re.M,
    )

    strict = run("test", "one.test.yaml", "--min-coverage", "50", "--lang", "en")
    assert strict.returncode == 1
    assert "Rule coverage of dnsh-screening 2026.3 is 5.9%, below the required 50.0%." in (
        strict.stdout
    )


def test_a_broken_test_file_is_unreadable_input_and_validate_reports_it_too(
    run: Run, tmp_path: Path
) -> None:
    (tmp_path / "typo.test.yaml").write_text(
        "kind: criteria-test\n"
        "criteria: kronoberg-projektmedel\n"
        "cases:\n"
        "  - name: Typos\n"
        "    answers: {gender_analysis: don}\n"
        "    expect: {gates_fired: [DNSH-FOSIL], criteria: {SOC-1: 5}}\n",
        encoding="utf-8",
    )
    expected = [
        "typo.test.yaml:5:32: error [answer-option]",
        "typo.test.yaml:6:28: error [unknown-gate] There is no gate 'DNSH-FOSIL' in the "
        "criteria set 'kronoberg-projektmedel'. Did you mean 'DNSH-FOSSIL'?",
        "typo.test.yaml:6:59: error [unreachable-points]",
    ]
    tested = run("test", "typo.test.yaml", "--lang", "en")
    assert tested.returncode == 2
    validated = run("validate", "typo.test.yaml", "--lang", "en")
    assert validated.returncode == 1
    for line in expected:
        assert line in tested.stdout
        assert line in validated.stdout


def test_validate_recognises_criteria_tests_by_kind(run: Run) -> None:
    result = run("validate", TESTS, "--strict", "--lang", "en")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(BUNDLED)} files checked: 0 errors, 0 warnings" in result.stdout


def test_criteria_list_does_not_take_tests_for_sets(run: Run) -> None:
    result = run("criteria", "list", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("2026.") == len(BUNDLED)


def test_the_tests_ship_with_the_bundled_sets() -> None:
    from hallbarhet_cli.files.bundled import bundled_dir

    shipped = bundled_dir("criteria") / "tests"
    assert {p.name for p in shipped.glob("*.test.yaml")} == {
        f"{set_id}.test.yaml" for set_id in BUNDLED
    }
