"""``hallbarhet schema``: JSON Schemas that editors and other validators can use.

The schemas must be valid draft 2020-12 schemas, every bundled file must validate under
them with an independent validator (``check-jsonschema``, which reads YAML itself), and
what the schema rejects must be what ``hallbarhet validate`` rejects for the same reason.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.acceptance.conftest import CRITERIA, EXAMPLES, ROOT, Run

SETS = ("kronoberg-projektmedel", "kronoberg-foretagsstod")

DATED_SET = """\
kind: criteria-set
id: dated
version: "1"
title: Dated
dimensions:
  social: {title: Social}
questions:
  - {id: starts, type: date, label: Start}
  - {id: note, type: text, label: Note}
  - id: size
    type: choice
    label: Size
    options: [{value: "1"}, {value: "2"}, {value: "big"}]
  - {id: jobs, type: integer, label: Jobs, min: 0, max: 50}
criteria:
  - id: C-1
    dimension: social
    title: Jobs
    levels:
      - points: 2
        when:
          all:
            - {question: starts, ge: 2026-01-01}
            - {question: size, in: ["1", "2", big]}
            - {question: note, answered: true}
            - {not: {question: jobs, lt: 1}}
      - {points: 0}
"""
DATED_APP = """\
kind: application
id: D-1
criteria: ./dated.yaml
type: project
title: Dated
applicant: {name: Someone, sector: other}
budget: {total_sek: 10, requested_sek: 5}
period: {start: 2026-01-01, end: 2026-12-31}
answers:
  starts: 2026-05-01
  note: 1990
  size: 1
  jobs: 3
"""


def check_jsonschema() -> str:
    beside = Path(sys.executable).with_name("check-jsonschema")
    found = str(beside) if beside.exists() else shutil.which("check-jsonschema")
    if found is None:
        pytest.fail("check-jsonschema is not installed (it is in the `test` extra)")
    return found


def independent_errors(schema: Path, *files: Path) -> dict[str, list[str]]:
    """``check-jsonschema``'s errors per file (empty when every file is valid)."""
    done = subprocess.run(
        [check_jsonschema(), "--schemafile", str(schema), "-o", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(done.stdout)
    assert not report.get("parse_errors"), report["parse_errors"]
    errors: dict[str, list[str]] = {}
    for error in report["errors"]:
        errors.setdefault(Path(error["filename"]).name, []).append(
            f"{error['path']}: {error['message']}"
        )
    assert (done.returncode == 0) == (not errors), done.stdout + done.stderr
    return errors


def write_schema(run: Run, tmp_path: Path, *args: str) -> tuple[Path, dict[str, Any]]:
    import jsonschema

    target = tmp_path / ".hallbarhet" / "schemas" / f"{'-'.join(args)}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    result = run("schema", *args, "-o", target, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert [p.name for p in target.parent.iterdir() if p.name.startswith(".")] == []
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    return target, schema


def examples_of(set_id: str) -> list[Path]:
    return [
        p
        for p in sorted(EXAMPLES.glob("*.yaml"))
        if f"criteria: {set_id}\n" in p.read_text(encoding="utf-8")
    ]


# --- criteria sets ---------------------------------------------------------------------


def test_bundled_criteria_sets_validate_under_the_criteria_schema(run: Run, tmp_path: Path) -> None:
    path, _ = write_schema(run, tmp_path, "criteria")
    files = [*sorted(CRITERIA.glob("*.yaml")), ROOT / "tests" / "fixtures" / "mini-set.yaml"]
    (tmp_path / "dated.yaml").write_text(DATED_SET, encoding="utf-8")
    assert independent_errors(path, *files, tmp_path / "dated.yaml") == {}


def test_criteria_schema_rejects_what_the_models_reject(run: Run, tmp_path: Path) -> None:
    path, _ = write_schema(run, tmp_path, "criteria")
    source = (CRITERIA / "kronoberg-projektmedel.yaml").read_text(encoding="utf-8")
    broken = {
        "typo.yaml": source.replace("applies_to:", "aplies_to:", 1),
        "two-ops.yaml": source.replace(
            "{question: gender_analysis, in: [planned, done]}",
            "{question: gender_analysis, in: [planned, done], ne: none}",
            1,
        ),
        "no-op.yaml": source.replace(
            "{question: gender_analysis, in: [planned, done]}", "{question: gender_analysis}", 1
        ),
        "field.yaml": source.replace(
            "{question: gender_analysis, in: [planned, done]}", "{field: budget.total, gt: 0}", 1
        ),
        "language.yaml": source.replace('sv: "Social hållbarhet"', 'svenska: "Social"', 1),
    }
    for name, text in broken.items():
        assert text != source, name
        (tmp_path / name).write_text(text, encoding="utf-8")
    errors = independent_errors(path, *(tmp_path / name for name in broken))
    assert sorted(errors) == sorted(broken)
    for name in broken:  # and hallbarhet agrees
        assert run("validate", tmp_path / name).returncode == 1, name


def test_condition_union_is_one_definition_for_editors(run: Run, tmp_path: Path) -> None:
    import jsonschema

    _, schema = write_schema(run, tmp_path, "criteria")
    defs = schema["$defs"]
    assert [b["$ref"] for b in defs["Condition"]["oneOf"]] == [
        "#/$defs/Comparison",
        "#/$defs/All",
        "#/$defs/Any",
        "#/$defs/Not",
    ]
    assert defs["Gate"]["properties"]["when"]["$ref"] == "#/$defs/Condition"
    assert "lt" in defs["Comparison"]["properties"]
    assert "Example:" in defs["Comparison"]["properties"]["lt"]["description"]
    condition = {"$ref": "#/$defs/Condition", "$defs": defs}
    validator = jsonschema.Draft202012Validator(condition)
    good = [
        {"question": "q", "eq": 1},
        {"field": "budget.requested_sek", "le": 1000},
        {"all": [{"question": "q", "answered": True}, {"not": {"question": "r", "in": ["a"]}}]},
        {"any": [{"question": "q", "min_length": 3}]},
    ]
    bad = [
        {"question": "q"},
        {"question": "q", "eq": 1, "ne": 2},
        {"question": "q", "field": "type", "eq": 1},
        {"question": "q", "answered": "yes"},
        {"field": "budget", "gt": 0},
        {"any": []},
        {"not": {"question": "q"}},
        "q == 1",
    ]
    assert [validator.is_valid(c) for c in good] == [True] * len(good)
    assert [validator.is_valid(c) for c in bad] == [False] * len(bad)


# --- applications ----------------------------------------------------------------------


@pytest.mark.parametrize("set_id", SETS)
def test_examples_validate_under_their_sets_schema(run: Run, tmp_path: Path, set_id: str) -> None:
    path, schema = write_schema(run, tmp_path, "application", "--criteria", set_id)
    examples = examples_of(set_id)
    assert examples
    assert independent_errors(path, *examples) == {}
    assert schema["properties"]["answers"]["additionalProperties"] is False


def test_generic_application_schema_accepts_every_example(run: Run, tmp_path: Path) -> None:
    path, _ = write_schema(run, tmp_path, "application")
    assert independent_errors(path, *sorted(EXAMPLES.glob("*.yaml"))) == {}


def test_application_schema_knows_the_sets_questions_scores_and_gates(
    run: Run, tmp_path: Path
) -> None:
    _, schema = write_schema(run, tmp_path, "application", "--criteria", SETS[0])
    answers = schema["properties"]["answers"]["properties"]
    assert "fossil_fuel_activity" in answers  # from the extended dnsh-screening set
    assert answers["ghg_change_t"]["minimum"] == -1000000
    assert answers["ghg_change_t"]["maximum"] == 1000000
    assert answers["gender_analysis"]["enum"] == ["done", "planned", "none", None]
    assert answers["gender_analysis"]["title"].startswith("Have you carried out")
    review = schema["$defs"]["Review"]["properties"]
    scores = review["scores"]["properties"]
    assert set(scores) == {"SOC-4", "EKON-5"}  # the manual criteria only
    assert scores["SOC-4"]["properties"]["points"]["maximum"] == 3
    cleared = review["cleared"]["items"]["enum"]
    assert "DNSH-LAND-TAKE" in cleared
    assert "DNSH-FOSSIL" not in cleared  # an exclusion gate cannot be cleared
    assert schema["properties"]["type"]["enum"] == ["project"]


def test_application_schema_rejects_what_hallbarhet_rejects(run: Run, tmp_path: Path) -> None:
    path, _ = write_schema(run, tmp_path, "application", "--criteria", SETS[0])
    source = (EXAMPLES / "solcellspark-alvesta.yaml").read_text(encoding="utf-8")
    broken = {
        "answer-key.yaml": ("  gender_analysis: done", "  gender_analysys: done"),
        "option.yaml": ("  water_impact: managed", "  water_impact: handled"),
        "range.yaml": ("  ghg_change_t: -210", "  ghg_change_t: -2000000"),
        "type.yaml": ("  fossil_fuel_activity: false", "  fossil_fuel_activity: nej"),
        "multi.yaml": ("[green_procurement, shared_use]", "[green_procurement, sharing]"),
        "points.yaml": ("      points: 3\n", "      points: 4\n"),
        "score-id.yaml": ("    SOC-4:\n", "    SOC-9:\n"),
        "date.yaml": ("start: 2026-04-01", "start: 2026-13-01"),
        "type-of-app.yaml": ("type: project", "type: business_support"),
    }
    for name, (old, new) in broken.items():
        assert old in source, name
        (tmp_path / name).write_text(source.replace(old, new, 1), encoding="utf-8")
    errors = independent_errors(path, *(tmp_path / name for name in broken))
    assert sorted(errors) == sorted(broken)
    for name in broken:  # and hallbarhet agrees
        assert run("validate", tmp_path / name).returncode == 1, name


def test_yaml_dates_and_plain_scalars_read_as_hallbarhet_reads_them(
    run: Run, tmp_path: Path
) -> None:
    (tmp_path / "dated.yaml").write_text(DATED_SET, encoding="utf-8")
    (tmp_path / "app.yaml").write_text(DATED_APP, encoding="utf-8")
    assert run("validate", "dated.yaml", "app.yaml").returncode == 0
    path, schema = write_schema(run, tmp_path, "application", "--criteria", "./dated.yaml")
    answers = schema["properties"]["answers"]["properties"]
    assert answers["starts"]["format"] == "date"
    assert answers["size"]["enum"] == ["1", 1, "2", 2, "big", None]
    assert independent_errors(path, tmp_path / "app.yaml") == {}
    (tmp_path / "late.yaml").write_text(
        DATED_APP.replace("starts: 2026-05-01", "starts: 2026-05-41").replace(
            "jobs: 3", "jobs: 51"
        ),
        encoding="utf-8",
    )
    errors = independent_errors(path, tmp_path / "late.yaml")
    assert len(errors["late.yaml"]) == 2, errors


def test_unknown_criteria_set_is_one_clear_line(run: Run) -> None:
    result = run("schema", "application", "--criteria", "kronoberg-projektmedl", "--lang", "en")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "[criteria-not-found]" in result.stderr
    assert "Did you mean 'kronoberg-projektmedel'?" in result.stderr
    missing = run("schema", "criteria", "-o", "no/such/folder/s.json", "--lang", "en")
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr


def test_schemas_mean_the_same_under_draft_7(run: Run, tmp_path: Path) -> None:
    """yaml-language-server validates with draft 7 semantics whatever ``$schema`` says."""
    import jsonschema

    draft7 = "http://json-schema.org/draft-07/schema#"
    source = (EXAMPLES / "solcellspark-alvesta.yaml").read_text(encoding="utf-8")
    (tmp_path / "bad-app.yaml").write_text(
        source.replace("  water_impact: managed", "  water_impact: handled"), encoding="utf-8"
    )
    criteria = (CRITERIA / "kronoberg-projektmedel.yaml").read_text(encoding="utf-8")
    (tmp_path / "bad-set.yaml").write_text(
        criteria.replace(
            "{question: gender_analysis, in: [planned, done]}", "{question: gender_analysis}", 1
        ),
        encoding="utf-8",
    )
    for args, good, bad in (
        (("criteria",), sorted(CRITERIA.glob("*.yaml")), "bad-set.yaml"),
        (("application", "--criteria", SETS[0]), examples_of(SETS[0]), "bad-app.yaml"),
    ):
        path, schema = write_schema(run, tmp_path, *args)
        schema["$schema"] = draft7
        jsonschema.Draft7Validator.check_schema(schema)
        path.write_text(json.dumps(schema), encoding="utf-8")
        assert independent_errors(path, *good) == {}
        assert list(independent_errors(path, tmp_path / bad)) == [bad]
