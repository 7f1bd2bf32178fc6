"""``hallbarhet validate`` in CI: GitHub annotations, JUnit XML and SARIF.

The machine formats are checked against their official schemas (kept beside the repository
in ``shared/reference/schemas``; those checks skip only when that folder is absent), and
every format must carry the same findings: rule id, file, line and column.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from hallbarhet_cli.criteria.lint import CHECKS
from tests.acceptance.conftest import EXAMPLES, ROOT, Run

SCHEMAS = ROOT.parent / "shared" / "reference" / "schemas"

BROKEN_SET = """\
kind: criteria-set
id: broken
version: "1"
title: Broken
dimensions:
  social: {title: Social}
questions:
  - {id: jobs, type: integer, label: Jobs}
criteria:
  - id: C-1
    dimension: socail
    title: Jobs
    levels:
      - {points: 1, when: {question: jbos, gt: 0}}
      - {points: 0}
"""
WARN_ONLY_SET = """\
kind: criteria-set
id: warn-only
version: "1"
title: Warn
dimensions:
  social: {title: Social}
questions:
  - {id: jobs, type: integer, label: Jobs}
  - {id: spare, type: integer, label: Spare}
criteria:
  - id: C-1
    dimension: social
    title: Jobs
    levels:
      - {points: 1, when: {question: jobs, gt: 0}}
      - {points: 0}
"""


def _line_of(path: Path, start: str) -> int:
    """The line number of the first line in ``path`` that starts with ``start``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))


EXAMPLE = EXAMPLES / "solcellspark-alvesta.yaml"
# (file, line, column, rule, severity) of every finding in the files written by `inputs`.
EXPECTED = {
    ("broken.yaml", 6, 3, "empty-dimension", "warning"),
    ("broken.yaml", 8, 10, "unused-question", "warning"),
    ("broken.yaml", 11, 16, "unknown-dimension", "error"),
    ("broken.yaml", 14, 38, "unknown-question", "error"),
    ("warn.yaml", 9, 10, "unused-question", "warning"),
    ("app.yaml", _line_of(EXAMPLE, "  water_impact:"), 17, "answer-option", "error"),
    ("app.yaml", _line_of(EXAMPLE, "  gender_analysis:"), 3, "unknown-answer", "error"),
    ("sub dir/bad å.yaml", 3, 6, "yaml-syntax", "error"),
}
FILES = ["broken.yaml", "warn.yaml", "app.yaml", "sub dir/bad å.yaml"]

Finding = tuple[str, int | None, int | None, str, str]


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """Broken, warning-only and unreadable files in the folder the command runs from."""
    (tmp_path / "broken.yaml").write_text(BROKEN_SET, encoding="utf-8")
    (tmp_path / "warn.yaml").write_text(WARN_ONLY_SET, encoding="utf-8")
    example = (EXAMPLES / "solcellspark-alvesta.yaml").read_text(encoding="utf-8")
    app = example.replace("  gender_analysis: done", "  gender_analysys: done").replace(
        "  water_impact: managed", "  water_impact: handled"
    )
    (tmp_path / "app.yaml").write_text(app, encoding="utf-8")
    (tmp_path / "sub dir").mkdir()
    (tmp_path / "sub dir" / "bad å.yaml").write_text(
        "kind: application\nid: x\n  bad: [\n", encoding="utf-8"
    )
    return FILES


@pytest.fixture
def schemas() -> Path:
    if not SCHEMAS.is_dir():
        pytest.skip(f"the official schemas are not at {SCHEMAS}")
    return SCHEMAS


# --- GitHub ----------------------------------------------------------------------------

ANNOTATION = re.compile(
    r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=([a-z0-9-]+)::(.+)$"
)


def github_findings(stdout: str) -> set[Finding]:
    found = set()
    for line in stdout.splitlines():
        if line.startswith("::"):
            match = ANNOTATION.match(line)
            assert match, line
            level, file, row, col, rule, _ = match.groups()
            found.add((file, int(row), int(col), rule, level))
    return found


def test_github_annotations_carry_rule_and_location(run: Run, inputs: list[str]) -> None:
    result = run("validate", *inputs, "--format", "github", "--lang", "en")
    assert result.returncode == 2  # one input is not valid YAML: unreadable input
    assert github_findings(result.stdout) == EXPECTED
    assert (
        "::error file=broken.yaml,line=14,col=38,title=unknown-question::The condition names "
        "an unknown question 'jbos'. Did you mean 'jobs'?"
    ) in result.stdout.splitlines()
    assert result.stdout.rstrip().splitlines()[-1].startswith("4 files checked: 5 errors")


def test_github_is_the_default_inside_github_actions(run: Run, inputs: list[str]) -> None:
    inside = run("validate", *inputs, "--lang", "en", env={"GITHUB_ACTIONS": "true"})
    assert github_findings(inside.stdout) == EXPECTED
    chosen = run("validate", *inputs, "-f", "text", "--lang", "en", env={"GITHUB_ACTIONS": "true"})
    assert "::error" not in chosen.stdout
    assert "broken.yaml:14:38: error [unknown-question]" in chosen.stdout
    outside = run("validate", *inputs, "--lang", "en", env={"GITHUB_ACTIONS": "false"})
    assert "::error" not in outside.stdout


def test_github_escapes_newlines_and_property_separators(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a,b:c.yaml").write_text("kind: nothing\n", encoding="utf-8")
    result = run("validate", "a,b:c.yaml", "-f", "github", "--lang", "en")
    assert result.stdout.startswith("::error file=a%2Cb%3Ac.yaml,line=1,col=1,title=unknown-kind::")


# --- JUnit -----------------------------------------------------------------------------


def test_junit_is_valid_and_has_a_case_per_file(
    run: Run, inputs: list[str], tmp_path: Path, schemas: Path
) -> None:
    import xmlschema

    result = run("validate", *inputs, "-f", "junit", "-o", "report.xml", "--lang", "en")
    assert result.returncode == 2  # one input is not valid YAML: unreadable input
    assert result.stdout == ""
    report = tmp_path / "report.xml"
    xmlschema.XMLSchema(schemas / "junit.xsd").validate(report)
    root = ET.parse(report).getroot()
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["criteria-set", "application", "other"]
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert sorted(cases) == sorted(FILES)
    assert suites["criteria-set"].get("tests") == "2"
    assert suites["criteria-set"].get("failures") == "1"
    failure = cases["broken.yaml"].find("failure")
    assert failure is not None
    assert failure.get("type") == "unknown-dimension unknown-question"
    assert "broken.yaml:11:16: error [unknown-dimension]" in (failure.text or "")
    assert cases["warn.yaml"].find("failure") is None
    warnings = suites["criteria-set"].find("system-out")
    assert warnings is not None
    assert "warn.yaml:9:10: warning [unused-question]" in (warnings.text or "")
    assert cases["app.yaml"].find("failure") is not None
    assert cases["sub dir/bad å.yaml"].find("failure") is not None


def test_junit_strict_fails_files_with_warnings(
    run: Run, inputs: list[str], tmp_path: Path, schemas: Path
) -> None:
    import xmlschema

    result = run("validate", "warn.yaml", "-f", "junit", "--strict", "--lang", "en")
    assert result.returncode == 1
    xmlschema.XMLSchema(schemas / "junit.xsd").validate(result.stdout)
    failure = ET.fromstring(result.stdout).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("type") == "unused-question"
    relaxed = run("validate", "warn.yaml", "-f", "junit", "--lang", "en")
    assert relaxed.returncode == 0
    assert ET.fromstring(relaxed.stdout).find("testsuite/testcase/failure") is None


# --- SARIF -----------------------------------------------------------------------------


def sarif_validator(schemas: Path) -> Any:
    import jsonschema

    schema = json.loads((schemas / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def sarif_findings(log: dict[str, Any]) -> set[Finding]:
    from urllib.parse import unquote

    found = set()
    for result in log["runs"][0]["results"]:
        physical = result["locations"][0]["physicalLocation"]
        region = physical["region"]
        file = unquote(physical["artifactLocation"]["uri"])
        found.add(
            (file, region["startLine"], region["startColumn"], result["ruleId"], result["level"])
        )
    return found


def test_sarif_is_valid_and_describes_every_rule(
    run: Run, inputs: list[str], schemas: Path
) -> None:
    result = run("validate", *inputs, "-f", "sarif", "--lang", "en")
    assert result.returncode == 2  # one input is not valid YAML: unreadable input
    log = json.loads(result.stdout)
    errors = [e.message for e in sarif_validator(schemas).iter_errors(log)]
    assert errors == []
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "hallbarhet"
    assert driver["version"]
    assert sarif_findings(log) == EXPECTED
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert set(rules) == {f[3] for f in EXPECTED}
    for result_ in log["runs"][0]["results"]:
        assert driver["rules"][result_["ruleIndex"]]["id"] == result_["ruleId"]
    # Lint checks are described by their docstrings; other rules by a short sentence.
    assert rules["unknown-question"]["shortDescription"]["text"] == (
        "A condition names a question that no set in the chain declares."
    )
    assert CHECKS["unknown-question"].doc.startswith("A condition names a question")
    assert rules["unused-question"]["defaultConfiguration"]["level"] == "warning"
    assert rules["yaml-syntax"]["shortDescription"]["text"] == "The file is not valid YAML."
    for rule in rules.values():
        assert rule["shortDescription"]["text"].strip()


def test_sarif_without_findings_and_with_absolute_paths(
    run: Run, tmp_path: Path, schemas: Path
) -> None:
    clean = run("validate", *sorted(EXAMPLES.glob("*.yaml")), "-f", "sarif")
    assert clean.returncode == 0, clean.stdout
    log = json.loads(clean.stdout)
    assert list(sarif_validator(schemas).iter_errors(log)) == []
    assert log["runs"][0]["results"] == []
    (tmp_path / "inside.yaml").write_text("kind: nothing\n", encoding="utf-8")
    absolute = run("validate", tmp_path / "inside.yaml", "-f", "sarif")
    log = json.loads(absolute.stdout)
    assert list(sarif_validator(schemas).iter_errors(log)) == []
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "inside.yaml"  # relative to the run's folder


# --- the same findings in every format -------------------------------------------------


def test_every_format_carries_the_same_rules_and_locations(run: Run, inputs: list[str]) -> None:
    as_json = json.loads(run("validate", *inputs, "-f", "json", "--lang", "en").stdout)
    from_json = {
        (p["file"], p["line"], p["column"], p["rule"], p["severity"])
        for f in as_json["files"]
        for p in f["problems"]
    }
    assert from_json == EXPECTED
    text = run("validate", *inputs, "--lang", "en").stdout
    line = re.compile(r"^(.+):(\d+):(\d+): (error|warning) \[([a-z0-9-]+)\] ")
    from_text = set()
    for match in filter(None, map(line.match, text.splitlines())):
        file, row, col, level, rule = match.groups()
        from_text.add((file, int(row), int(col), rule, level))
    assert from_text == EXPECTED
    sarif = json.loads(run("validate", *inputs, "-f", "sarif", "--lang", "en").stdout)
    assert sarif_findings(sarif) == EXPECTED


def test_messages_follow_the_language_and_rules_do_not(run: Run, inputs: list[str]) -> None:
    english = run("validate", "broken.yaml", "-f", "github", "--lang", "en").stdout
    swedish = run("validate", "broken.yaml", "-f", "github", "--lang", "sv").stdout
    assert github_findings(english) == github_findings(swedish)
    assert "Did you mean" in english
    assert "Did you mean" not in swedish


def test_warnings_fail_only_with_strict(run: Run, inputs: list[str]) -> None:
    for fmt in ("text", "json", "github", "junit", "sarif"):
        assert run("validate", "warn.yaml", "-f", fmt).returncode == 0, fmt
        assert run("validate", "warn.yaml", "-f", fmt, "--strict").returncode == 1, fmt
