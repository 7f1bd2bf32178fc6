"""The follow-up, portfolio, batch overview and indicator report views have exactly the
keys their declared shapes name, at every level, for the bundled examples, so the type
checker's view of each output is the view its writers get."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.followup.loading import load_report
from hallbarhet_cli.followup.view import followup_view
from hallbarhet_cli.followup.viewtypes import FollowupView
from tests.unit.shapes import mismatches

EXAMPLES = Path(__file__).parents[2] / "examples"
REPORTS = sorted((EXAMPLES / "followup" / "rapporter").glob("*.yaml"))


@pytest.mark.parametrize("report", REPORTS, ids=[p.stem for p in REPORTS])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_followup_view_has_exactly_the_declared_keys(report: Path, lang: str) -> None:
    view = followup_view(load_report(report, CriteriaLibrary()), lang)
    assert mismatches(view, FollowupView) == []
    assert view["promises"] and view["decision"] is not None


def test_the_followup_examples_fill_every_list_of_the_view() -> None:
    """So that the shapes inside the lists were looked into, not only the empty lists."""
    views = [followup_view(load_report(r, CriteriaLibrary()), "en") for r in REPORTS]
    assert any(v["completion_requests"] for v in views)
    assert any(v["ex_post"]["changed_criteria"] for v in views)
    assert any(v["ex_post"]["replaced_answers"] for v in views)
    assert all(v["ex_post"]["dimensions"] for v in views)
