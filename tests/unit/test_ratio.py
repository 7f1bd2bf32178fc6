"""Ratios in conditions: a number derived from two (jobs per million kronor requested),
computed exactly, with no value when a side is missing, in levels and gates but not in a
question's ``relevant``; its place in the JSON Schema for editors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from hallbarhet_cli.applications.loading import application_from_document
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.criteria.schema import criteria_schema
from hallbarhet_cli.errors import HallbarhetError
from hallbarhet_cli.files.yamlload import parse_text
from hallbarhet_cli.scoring.engine import assess

SET = """\
kind: criteria-set
id: ratio
version: "1"
title: Ratio
dimensions:
  economic: {title: Economic}
questions:
  - {id: jobs, type: number, label: New jobs}
  - {id: size, type: number, label: Size}
criteria:
  - id: JOBS
    dimension: economic
    title: Jobs per million kronor requested
    levels:
      - points: 2
        when:
          ratio: {of: {question: jobs}, per: {field: budget.requested_sek}, scale: 1000000}
          ge: 2
      - points: 1
        when: {ratio: {of: {question: jobs}, per: {question: size}}, gt: 0}
      - {points: 0}
gates:
  - id: FEW
    title: Few jobs for the money
    effect: review
    when:
      ratio: {of: {question: jobs}, per: {field: budget.requested_sek}, scale: 1000000}
      lt: 0.5
"""


def scored(tmp_path: Path, answers: dict[str, Any], requested: float) -> tuple[int | None, bool]:
    """JOBS's points and whether FEW fired, for ``answers`` and the requested amount."""
    (tmp_path / "set.yaml").write_text(SET, encoding="utf-8")
    data = {
        "kind": "application",
        "id": "A",
        "criteria": "set.yaml",
        "title": "A",
        "type": "project",
        "applicant": {"name": "A", "sector": "civil_society"},
        "budget": {"total_sek": 2 * requested, "requested_sek": requested},
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "answers": answers,
    }
    document = parse_text(yaml.safe_dump(data), "app.yaml")
    loaded = application_from_document(document, tmp_path, CriteriaLibrary(folders=[tmp_path]))
    assessment = assess(loaded.criteria, loaded.model, loaded.answers)
    (jobs,) = assessment.criteria
    return jobs.points, any(g.id == "FEW" for g in assessment.gates)


@pytest.mark.parametrize(
    ("answers", "requested", "points", "fired"),
    [
        # 1 job for 500,000 kronor is exactly 2 per million: the top level, no rounding.
        ({"jobs": 1, "size": 1}, 500_000, 2, False),
        ({"jobs": 1, "size": 1}, 500_001, 1, False),  # just under 2 per million
        # The same single job for a big grant is few for the money.
        ({"jobs": 1, "size": 1}, 3_000_000, 1, True),
        # Without a size the lower level has no value: jobs / size is undefined.
        ({"jobs": 1}, 600_000, 0, False),
        # No answer: the ratio has no value, so no comparison holds, the gate included.
        ({}, 500_000, 0, False),
        # Dividing by zero gives no value either.
        ({"jobs": 2, "size": 0}, 0, 0, False),
    ],
)
def test_a_ratio_scores_exactly(
    tmp_path: Path, answers: dict[str, Any], requested: float, points: int, fired: bool
) -> None:
    assert scored(tmp_path, answers, requested) == (points, fired)


def test_a_ratio_cannot_decide_whether_a_question_is_asked(tmp_path: Path) -> None:
    text = SET.replace(
        "  - {id: size, type: number, label: Size}",
        "  - id: size\n    type: number\n    label: Size\n"
        "    relevant: {ratio: {of: {question: jobs}, per: {field: budget.total_sek}}, gt: 0}",
    )
    (tmp_path / "set.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(HallbarhetError) as caught:
        CriteriaLibrary(folders=[tmp_path]).resolve_path(tmp_path / "set.yaml")
    assert "A ratio cannot decide whether a question is asked" in str(caught.value)


def test_a_comparison_names_one_subject(tmp_path: Path) -> None:
    text = SET.replace(
        "{ratio: {of: {question: jobs}, per: {question: size}}, gt: 0}",
        "{question: jobs, ratio: {of: {question: jobs}, per: {question: size}}, gt: 0}",
    )
    (tmp_path / "set.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(HallbarhetError) as caught:
        CriteriaLibrary(folders=[tmp_path]).resolve_path(tmp_path / "set.yaml")
    assert "exactly one `question`, `field` or `ratio`" in str(caught.value)


def test_the_schema_describes_ratios() -> None:
    defs = criteria_schema("en")["$defs"]
    assert defs["Comparison"]["properties"]["ratio"]["$ref"] == "#/$defs/Ratio"
    assert {"required": ["ratio"]} in defs["Comparison"]["oneOf"]
    assert defs["Ratio"]["required"] == ["of", "per"]
    assert defs["Ratio"]["properties"]["scale"]["exclusiveMinimum"] == 0
    assert set(defs["Quantity"]["properties"]) == {"question", "field"}
