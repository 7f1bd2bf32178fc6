"""Fuzzing applications for each bundled funding set, in-process through the library:
read, check against the set, assess, build the report view, render JSON.

Laws: only :class:`InputError` (a :class:`HallbarhetError`) escapes, and every problem
it carries has a file, a line and a column; an application with a known defect is
refused with that defect's rule on its line (never silently accepted); a valid
application always assesses; the assessment and its JSON are deterministic and survive a
JSON round trip; and every answer the report shows is the answer the file gave.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any, Final
from unittest import mock

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from hallbarhet_cli.applications.loading import LoadedApplication, application_from_document
from hallbarhet_cli.errors import HallbarhetError
from hallbarhet_cli.files.yamlload import parse_text
from hallbarhet_cli.reporters import json_report
from hallbarhet_cli.reporters.views import assessment_view
from hallbarhet_cli.scoring.engine import assess
from tests.fuzz.applications import LIBRARY, RESOLVED, SETS, Generated, applications
from tests.fuzz.profiles import fuzz

FILE: Final = "ansokan.yaml"
HERE: Final = Path(__file__).parent
FIXED_TIME: Final = {"SOURCE_DATE_EPOCH": "1767225600"}


def load(generated: Generated) -> LoadedApplication | HallbarhetError:
    document = parse_text(generated.text, FILE)
    try:
        return application_from_document(document, HERE, LIBRARY)
    except HallbarhetError as err:
        return err


def plain(value: Any) -> Any:
    """An answer as the JSON report shows it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(v) for v in dict.fromkeys(value)]
    return value


def report(loaded: LoadedApplication, lang: str) -> tuple[dict[str, Any], str]:
    with mock.patch.dict(os.environ, FIXED_TIME):
        view = assessment_view(assess(loaded.criteria, loaded.model, loaded.answers), loaded, lang)
    return view, json_report.render(view)


@pytest.mark.parametrize("set_ref", SETS)
@fuzz()
@given(data=st.data())
def test_an_application_is_assessed_or_refused_where_it_is_wrong(
    set_ref: str, data: st.DataObject
) -> None:
    generated = data.draw(applications(RESOLVED[set_ref], set_ref), label="application")
    outcome = load(generated)
    if isinstance(outcome, HallbarhetError):
        event(f"refused: {generated.defect.rule if generated.defect else 'no defect!'}")
        assert outcome.problems
        for problem in outcome.problems:
            assert problem.file == FILE and problem.line and problem.column, problem
            assert "\n" not in problem.message.render("en"), problem
        assert generated.defect is not None, [p.render("en") for p in outcome.problems]
        found = {(p.rule, p.line) for p in outcome.problems}
        rules = {rule for rule, _ in found}
        if generated.defect.line is None:
            assert generated.defect.rule in rules, found
        else:
            assert (generated.defect.rule, generated.defect.line) in found, found
        return
    assert generated.defect is None, f"accepted despite {generated.defect}:\n{generated.text}"
    lang = data.draw(st.sampled_from(["sv", "en"]), label="lang")
    view, _ = report(outcome, lang)
    event(f"assessed: {view['verdict']}")
    assert view["verdict"] in ("pass", "fail", "incomplete", "excluded")
    # nothing invented: every answer the report shows is the one the file gave
    for item in (*view["criteria"], *view["gates"]):
        for question, shown in item["answers"].items():
            if shown is not None:
                assert shown == plain(generated.answers[question]), question


@pytest.mark.parametrize("set_ref", SETS)
@fuzz(0.5)
@given(data=st.data())
def test_assessments_are_deterministic_and_survive_a_json_round_trip(
    set_ref: str, data: st.DataObject
) -> None:
    generated = data.draw(applications(RESOLVED[set_ref], set_ref), label="application")
    loaded = load(generated)
    if isinstance(loaded, HallbarhetError):
        return
    first = assess(loaded.criteria, loaded.model, loaded.answers)
    again = load(generated)
    assert isinstance(again, LoadedApplication)
    assert assess(again.criteria, again.model, again.answers) == first
    view, rendered = report(loaded, "sv")
    _, rendered_again = report(again, "sv")
    assert rendered == rendered_again
    assert json.loads(rendered) == view
    assert json_report.render(json.loads(rendered)) == rendered
