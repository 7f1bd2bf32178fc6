"""Fuzzing criteria sets, in-process: a valid set with random mutations (a value
replaced by an odd one, a key removed or added, a condition replaced by a random one),
written to a file, checked as ``validate`` checks it, and, when it resolves, used to
assess an application.

Laws: checking a file never raises, and every problem it reports about the file has a
line and column; a set that resolves scores an application without any exception but
:class:`HallbarhetError` (a set with errors may be refused; it may not crash).
"""

from __future__ import annotations

import copy
import datetime as dt
import tempfile
from pathlib import Path
from typing import Any, Final

from hypothesis import event, given
from hypothesis import strategies as st

from hallbarhet_cli.applications.loading import LoadedApplication
from hallbarhet_cli.checks.checking import check_file
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.errors import HallbarhetError
from hallbarhet_cli.files.yamlload import Document, parse_text
from hallbarhet_cli.models import Application
from hallbarhet_cli.reporters import json_report
from hallbarhet_cli.reporters.views import assessment_view
from hallbarhet_cli.scoring.engine import assess
from tests.corpus.cases import CORPUS
from tests.fuzz.applications import valid_answer
from tests.fuzz.profiles import fuzz
from tests.fuzz.yamltext import block, leaves, odd_text

Draw = Any
VALID_SET: Final = parse_text(
    (CORPUS / "criteria" / "support" / "valid-set.yaml").read_text("utf-8"), "valid-set.yaml"
).data
APPLICATION: Final = {
    "kind": "application",
    "id": "FUZZ-1",
    "type": "project",
    "title": "Fuzz",
    "applicant": {"name": "Sökande", "sector": "public"},
    "budget": {"total_sek": 1000, "requested_sek": 500},
    "period": {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 12, 31)},
}
FIELDS: Final = [
    "budget.requested_sek",
    "budget.total_sek",
    "type",
    "applicant.sector",
    "period.start",
    "budget.sek",
    "",
]
OPERATORS: Final = [
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
    "in",
    "not_in",
    "includes_any",
    "includes_all",
    "min_length",
    "answered",
    "like",
]


@st.composite
def conditions(draw: Draw, depth: int = 0) -> Any:
    """A random condition: often well-formed, sometimes not."""
    shape = draw(st.integers(0, 6 if depth < 3 else 3))
    if shape == 0:
        return draw(leaves)
    if shape <= 3:
        subject = draw(
            st.sampled_from(["question", "field"]).map(
                lambda s: {s: draw(st.sampled_from(["jobs", "water", "saknas", *FIELDS]))}
            )
        )
        op = draw(st.sampled_from(OPERATORS))
        value = draw(leaves | st.lists(leaves, max_size=3))
        return {**subject, op: value}
    combinator = draw(st.sampled_from(["all", "any", "not"]))
    if combinator == "not":
        return {"not": draw(conditions(depth + 1))}
    return {combinator: draw(st.lists(conditions(depth + 1), max_size=3))}


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += paths(item, (*prefix, i))
    return found


def parent_of(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_sets(draw: Draw) -> Any:
    data = copy.deepcopy(VALID_SET)
    for _ in range(draw(st.integers(1, 3))):
        candidates = [p for p in paths(data) if p]
        path = draw(st.sampled_from(candidates))
        parent = parent_of(data, path)
        action = draw(st.sampled_from(["replace", "delete", "add", "condition", "copy"]))
        event(f"mutation: {action}")
        if action == "replace":
            parent[path[-1]] = draw(leaves | st.lists(leaves, max_size=2))
        elif action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(odd_text)] = draw(leaves)
        elif action == "condition":
            parent[path[-1]] = draw(conditions())
        elif action == "copy" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return data


@fuzz()
@given(mutated_sets(), st.data())
def test_a_mutated_criteria_set_is_checked_or_scores_without_crashing(
    data: Any, draws: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz-set.yaml"
        text = block(data)
        path.write_text(text, encoding="utf-8")
        library = CriteriaLibrary()
        result = check_file(path, library)
        for problem in result.problems:
            assert problem.file, problem
            assert "\n" not in problem.message.render("en"), problem
            if problem.file == str(path):
                assert problem.line is not None and problem.column is not None, problem
        try:
            resolved = library.resolve_path(path)
        except HallbarhetError as err:
            assert err.problems
            event("refused")
            return
        event("resolved, with errors" if result.problems else "resolved")
        answers = {
            q.id: valid_answer(draws.draw, q)
            for q in resolved.questions
            if draws.draw(st.booleans(), label=f"answer {q.id}")
        }
        model = Application.model_validate(APPLICATION)
        loaded = LoadedApplication(model, Document("app.yaml", APPLICATION), resolved, answers, ())
        try:
            assessment = assess(resolved, model, answers)
            json_report.render(assessment_view(assessment, loaded, "sv"))
        except HallbarhetError:
            assert result.problems, "refused to score a set that validate accepts"
