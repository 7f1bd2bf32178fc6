"""Dumping a whole criteria set or application by the serializer of its validator (what
the fingerprint and the report views do, so that start-up does not build a serializer per
class) gives what each part's own ``model_dump`` gives, for every bundled set and example."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from hallbarhet_cli.applications.loading import load_application
from hallbarhet_cli.applications.parts import applicant_view, budget_view, period_view
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.criteria.resolved import ResolvedSet

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
SETS = sorted({s.path for s in CriteriaLibrary().available()})


def fingerprint_part_by_part(resolved: ResolvedSet) -> str:
    def lean(model: Any) -> Any:
        return model.model_dump(mode="json", by_alias=True, exclude_none=True)

    payload = {
        "id": resolved.id,
        "version": resolved.version,
        "dimensions": {k: v.model_dump(mode="json") for k, v in resolved.dimensions.items()},
        "verdict": resolved.verdict.model_dump(mode="json"),
        "questions": [lean(q) for q in resolved.questions],
        "criteria": [lean(c) for c in resolved.criteria],
        "gates": [lean(g) for g in resolved.gates],
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_the_fingerprint_is_that_of_each_part_dumped_on_its_own(path: Path) -> None:
    resolved = CriteriaLibrary().resolve_path(path)
    assert resolved.sha256 == fingerprint_part_by_part(resolved)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_an_applications_parts_are_shown_as_dumped_on_their_own(path: Path) -> None:
    app = load_application(path, CriteriaLibrary()).model
    parts = {
        "applicant": applicant_view(app.applicant),
        "budget": budget_view(app.budget),
        "period": period_view(app.period),
    }
    assert parts == {
        "applicant": app.applicant.model_dump(mode="json"),
        "budget": app.budget.model_dump(mode="json"),
        "period": app.period.model_dump(mode="json"),
    }
