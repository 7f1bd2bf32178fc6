"""The assessment, ``--explain`` and ``--precheck`` views have exactly the keys their
declared shapes name, at every level, for the bundled examples, so the type checker's view
of a report is the view reporters get."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_type_hints

import pytest

from hallbarhet_cli.applications.decision import DecisionView
from hallbarhet_cli.applications.loading import load_application
from hallbarhet_cli.applications.parts import ApplicantView, BudgetView, PeriodView
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.models.application import Applicant, Budget, Period
from hallbarhet_cli.models.followup import Decision
from hallbarhet_cli.reporters.explain_text import explanation_view
from hallbarhet_cli.reporters.precheck import precheck_view
from hallbarhet_cli.reporters.views import assessment_view
from hallbarhet_cli.reporters.viewtypes import AssessmentView, ExplanationView, PrecheckView
from hallbarhet_cli.scoring.engine import assess
from tests.unit.shapes import mismatches

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_view_has_exactly_the_declared_keys(example: Path) -> None:
    loaded = load_application(example, CriteriaLibrary())
    view = assessment_view(assess(loaded.criteria, loaded.model, loaded.answers), loaded, "sv")
    assert mismatches(view, AssessmentView) == []
    assert view["criteria"] and view["dimensions"]  # the nested shapes were looked into


def test_a_key_the_shape_does_not_name_is_found() -> None:
    loaded = load_application(EXAMPLES[0], CriteriaLibrary())
    view: Any = assessment_view(assess(loaded.criteria, loaded.model, loaded.answers), loaded, "en")
    view["criteria"][0]["pionts"] = view["criteria"][0].pop("points")
    assert mismatches(view, AssessmentView) == ["view.criteria[0]: ['pionts', 'points']"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_precheck_view_has_exactly_the_declared_keys(example: Path) -> None:
    loaded = load_application(example, CriteriaLibrary(), draft=True)
    result = assess(loaded.criteria, loaded.model, loaded.answers)
    assert mismatches(precheck_view(result, loaded, "en"), PrecheckView) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_explanation_view_has_exactly_the_declared_keys(example: Path) -> None:
    loaded = load_application(example, CriteriaLibrary())
    result = assess(loaded.criteria, loaded.model, loaded.answers)
    for criterion in loaded.criteria.criterion_map:
        view = explanation_view(result, loaded, criterion, "sv")
        assert mismatches(view, ExplanationView) == [], criterion


DECIDED = sorted(
    (Path(__file__).parents[2] / "examples" / "followup" / "ansokningar").glob("*.yaml")
)


@pytest.mark.parametrize("example", DECIDED, ids=[p.stem for p in DECIDED])
def test_a_decided_application_s_view_has_exactly_the_declared_keys(example: Path) -> None:
    loaded = load_application(example, CriteriaLibrary())
    view = assessment_view(assess(loaded.criteria, loaded.model, loaded.answers), loaded, "en")
    assert view["decision"] is not None  # the decision's shape was looked into
    assert mismatches(view, AssessmentView) == []


@pytest.mark.parametrize(
    ("model", "shape"),
    [
        (Applicant, ApplicantView),
        (Budget, BudgetView),
        (Period, PeriodView),
        (Decision, DecisionView),
    ],
)
def test_each_part_shows_every_field_of_its_model_in_order(model: Any, shape: Any) -> None:
    fields = list(model.model_fields)
    if shape is DecisionView:  # the outcome in words follows the outcome
        fields.insert(fields.index("outcome") + 1, "outcome_label")
    assert list(get_type_hints(shape)) == fields
