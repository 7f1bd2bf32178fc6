"""Laws of the scoring engine that hold for every criteria set and every valid application.

Hypothesis draws a small criteria set (questions of every type, ladders and manual
criteria with random weights, gates, thresholds) and an application whose answers fit the
questions, then checks bounds, determinism, the verdict rules and the improvements.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from hallbarhet_cli.applications.loading import LoadedApplication
from hallbarhet_cli.criteria.resolved import ResolvedSet, SourcedSet, merge
from hallbarhet_cli.files.yamlload import Document
from hallbarhet_cli.models import Application, CriteriaSet
from hallbarhet_cli.reporters import json_report
from hallbarhet_cli.reporters.views import assessment_view
from hallbarhet_cli.scoring.assessment import Assessment, Status, Verdict
from hallbarhet_cli.scoring.engine import assess

PROPERTY = settings(max_examples=100, deadline=None)

TYPES = ("number", "integer", "boolean", "choice", "multichoice", "text", "date")
OPTIONS = ("a", "b", "c")
DIMENSIONS = ("social", "ecological", "economic")
WEIGHTS = (0, 0.5, 1, 2, 3)
SECTORS = ("public", "company", "civil_society", "academia", "other")
DAY0 = dt.date(2026, 1, 1)
EPSILON = 1e-9

Draw = Any  # hypothesis' draw function
Data = dict[str, Any]


# -- strategies ----------------------------------------------------------------------------

small_ints = st.integers(-10, 10)
dates = st.dates(dt.date(2025, 6, 1), dt.date(2027, 6, 1))
amounts = st.integers(0, 5_000_000)
options = st.sampled_from(OPTIONS)
option_lists = st.lists(options, max_size=3)
app_types = st.sampled_from(["project", "business_support"])
sectors = st.sampled_from(SECTORS)
one_in = {n: st.integers(0, n - 1) for n in (3, 4, 5, 7)}
FIELD_COMPARISONS: dict[str, tuple[str, st.SearchStrategy[Any]]] = {
    "budget.requested_sek": ("gt", amounts),
    "budget.total_sek": ("le", amounts),
    "type": ("eq", app_types),
    "applicant.sector": ("in", st.lists(sectors, max_size=3)),
    "period.start": ("lt", dates),
}
fields = st.sampled_from(sorted(FIELD_COMPARISONS))
OPS: dict[str, list[str]] = {
    "number": ["eq", "ne", "lt", "le", "gt", "ge", "in", "not_in"],
    "integer": ["eq", "ne", "lt", "le", "gt", "ge", "in", "not_in"],
    "date": ["eq", "ne", "lt", "le", "gt", "ge"],
    "boolean": ["eq", "ne"],
    "choice": ["eq", "ne", "in", "not_in"],
    "multichoice": ["includes_any", "includes_all", "min_length"],
    "text": ["min_length"],
}
op_choices = {kind: st.sampled_from(ops) for kind, ops in OPS.items()}
VALUES: dict[tuple[str, str], st.SearchStrategy[Any]] = {
    **{(k, op): small_ints for k in ("number", "integer") for op in OPS["number"][:6]},
    **{
        (k, op): st.lists(small_ints, max_size=3)
        for k in ("number", "integer")
        for op in OPS["number"][6:]
    },
    **{("date", op): dates for op in OPS["date"]},
    **{("boolean", op): st.booleans() for op in OPS["boolean"]},
    ("choice", "eq"): options,
    ("choice", "ne"): options,
    ("choice", "in"): option_lists,
    ("choice", "not_in"): option_lists,
    ("multichoice", "includes_any"): st.lists(options, min_size=1, max_size=3),
    ("multichoice", "includes_all"): st.lists(options, min_size=1, max_size=3),
    ("multichoice", "min_length"): st.integers(0, 3),
    ("text", "min_length"): st.integers(0, 15),
}


@st.composite
def comparison(draw: Draw, questions: list[Data]) -> Data:
    """One comparison that fits a question's type, or one of the application's fields."""
    if not questions or draw(one_in[5]) == 0:
        name = draw(fields)
        op, values = FIELD_COMPARISONS[name]
        return {"field": name, op: draw(values)}
    q = questions[draw(st.integers(0, len(questions) - 1))]
    if draw(one_in[7]) == 0:
        return {"question": q["id"], "answered": draw(st.booleans())}
    op = draw(op_choices[q["type"]])
    return {"question": q["id"], op: draw(VALUES[q["type"], op])}


condition_kinds = st.sampled_from(["cmp", "cmp", "cmp", "all", "any", "not"])


@st.composite
def condition(draw: Draw, questions: list[Data], depth: int = 0) -> Data:
    """A comparison, or ``all``/``any``/``not`` of conditions, at most two levels deep."""
    kind = draw(condition_kinds) if depth < 2 else "cmp"
    if kind == "cmp":
        compared: Data = draw(comparison(questions))
        return compared
    if kind == "not":
        return {"not": draw(condition(questions, depth + 1))}
    count = draw(st.integers(1, 3))
    return {kind: [draw(condition(questions, depth + 1)) for _ in range(count)]}


@st.composite
def question(draw: Draw, index: int, earlier: list[Data]) -> Data:
    kind = draw(st.sampled_from(TYPES))
    q: Data = {
        "id": f"q{index}",
        "type": kind,
        "label": {"sv": f"Fråga {index}", "en": f"Question {index}"},
        "required": draw(st.booleans()),
    }
    if kind in ("choice", "multichoice"):
        q["options"] = [{"value": o, "label": {"sv": o.upper(), "en": o}} for o in OPTIONS]
    if kind == "text" and draw(st.booleans()):
        q["min_length"] = draw(st.integers(1, 10))
    if kind == "number" and draw(st.booleans()):
        q["unit"] = "t"
    if earlier and draw(st.integers(0, 3)) == 0:
        q["relevant"] = draw(condition(earlier, depth=1))
    return q


@st.composite
def criterion(draw: Draw, index: int, questions: list[Data]) -> Data:
    c: Data = {
        "id": f"C-{index}",
        "dimension": draw(st.sampled_from(DIMENSIONS)),
        "title": {"sv": f"Kriterium {index}", "en": f"Criterion {index}"},
        "weight": draw(st.sampled_from(WEIGHTS)),
    }
    if draw(st.integers(0, 3)) == 0:
        c["manual"] = {"max_points": draw(st.integers(1, 5))}
        return c
    levels = [
        {"points": draw(st.integers(0, 5)), "when": draw(condition(questions))}
        for _ in range(draw(st.integers(1, 4)))
    ]
    if draw(st.booleans()):
        levels.append({"points": draw(st.integers(0, 2))})
    c["levels"] = levels
    return c


ANSWERS: dict[str, st.SearchStrategy[Any]] = {
    "number": st.one_of(small_ints, st.floats(-20, 20, allow_nan=False)),
    "integer": small_ints,
    "boolean": st.booleans(),
    "choice": options,
    "multichoice": st.lists(options, unique=True, max_size=3),
    "text": st.text(alphabet=" abcåäö", max_size=20),
    "date": dates,
}
"""A valid answer to a question of each type (as after checking by type)."""


@dataclass(frozen=True)
class Scenario:
    resolved: ResolvedSet
    application: Application
    answers: dict[str, Any]

    @property
    def loaded(self) -> LoadedApplication:
        document = Document("mem.yaml", {})
        return LoadedApplication(self.application, document, self.resolved, self.answers, ())


def resolved_set(data: Data) -> ResolvedSet:
    model = CriteriaSet.model_validate(data)
    return merge((SourcedSet(model, Document("mem.yaml", data), Path("mem.yaml")),))


@st.composite
def scenarios(draw: Draw, extra_gates: tuple[Data, ...] = ()) -> Scenario:
    questions: list[Data] = []
    for i in range(draw(st.integers(1, 5))):
        questions.append(draw(question(i, list(questions))))
    criteria = [draw(criterion(i, questions)) for i in range(draw(st.integers(0, 6)))]
    gates = [
        {
            "id": f"G-{i}",
            "title": f"Gate {i}",
            "when": draw(condition(questions)),
            "effect": draw(st.sampled_from(["exclude", "review"])),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    percent = st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False))
    data: Data = {
        "kind": "criteria-set",
        "id": "prop",
        "version": "1",
        "title": {"sv": "Egenskaper", "en": "Properties"},
        "dimensions": {
            d: {"title": d, "weight": draw(st.sampled_from(WEIGHTS))} for d in DIMENSIONS
        },
        "verdict": {"pass_percent": draw(percent), "dimension_min_percent": draw(percent)},
        "questions": questions,
        "criteria": criteria,
        "gates": [*gates, *extra_gates],
    }
    resolved = resolved_set(data)

    answers = {}
    for q in questions:
        if draw(st.integers(0, 4)) > 0:
            answers[q["id"]] = draw(ANSWERS[q["type"]])
    manual = [c for c in criteria if "manual" in c]
    scores = {
        c["id"]: {"points": draw(st.integers(0, c["manual"]["max_points"]))}
        for c in manual
        if draw(st.booleans())
    }
    review_gates = [g["id"] for g in gates if g["effect"] == "review"]
    cleared = draw(st.lists(st.sampled_from(review_gates), unique=True)) if review_gates else []
    requested = draw(st.integers(0, 5_000_000))
    application = Application.model_validate(
        {
            "kind": "application",
            "id": "P-1",
            "type": draw(app_types),
            "title": "Egenskapstest",
            "applicant": {"name": "Sökande", "sector": draw(sectors)},
            "budget": {
                "total_sek": requested + draw(st.integers(0, 10**6)),
                "requested_sek": requested,
            },
            "period": {"start": draw(dates), "end": dt.date(2028, 1, 1)},
            "answers": answers,
            "review": {"scores": scores, "cleared": cleared} if scores or cleared else None,
        }
    )
    return Scenario(resolved, application, answers)


def run(scenario: Scenario) -> Assessment:
    return assess(scenario.resolved, scenario.application, scenario.answers)


def overall_with(
    resolved: ResolvedSet, assessment: Assessment, points: dict[str, int]
) -> float | None:
    """The overall percent recomputed from the criteria's results, with some points
    replaced: 100 × Σ(weight × fraction) / Σ weight per dimension, then weighted by the
    dimensions' weights over the dimensions that have a percent."""
    percents: dict[str, float] = {}
    for dim_id in resolved.dimensions:
        members = [r for r in assessment.criteria if r.dimension == dim_id]
        total = sum(r.weight for r in members)
        if total > 0:
            got = sum(
                r.weight * (points.get(r.id, r.points) / r.max_points if r.max_points else 0.0)
                for r in members
            )
            percents[dim_id] = 100 * got / total
    weight = {d: float(resolved.dimensions[d].weight) for d in percents}
    if sum(weight.values()) <= 0:
        return None
    return sum(weight[d] * percents[d] for d in percents) / sum(weight.values())


# -- properties ----------------------------------------------------------------------------


@PROPERTY
@given(scenarios())
def test_percents_and_points_are_within_bounds(scenario: Scenario) -> None:
    a = run(scenario)
    for d in a.dimensions:
        assert d.percent is None or 0 <= d.percent <= 100 + EPSILON
    assert a.overall_percent is None or 0 <= a.overall_percent <= 100 + EPSILON
    for r in a.criteria:
        assert 0 <= r.points <= max(r.max_points, 0)
        assert 0 <= r.fraction <= 1


@PROPERTY
@given(scenarios())
def test_overall_is_the_weighted_mean_of_the_criteria(scenario: Scenario) -> None:
    a = run(scenario)
    expected = overall_with(scenario.resolved, a, {})
    if not a.scorable:  # nothing to score: unknown, never 0 %
        assert a.overall_percent is None
        assert all(d.percent is None for d in a.dimensions)
    elif expected is None:
        assert a.overall_percent is None
    else:
        assert a.overall_percent is not None
        assert abs(a.overall_percent - expected) <= EPSILON


@PROPERTY
@given(scenarios())
def test_assessment_and_json_are_deterministic(scenario: Scenario) -> None:
    first, second = run(scenario), run(scenario)
    assert first == second
    with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": "1767225600"}):
        texts = [
            json_report.render(assessment_view(a, scenario.loaded, lang))
            for a in (first, second)
            for lang in ("sv", "en")
        ]
    assert texts[0] == texts[2]
    assert texts[1] == texts[3]
    assert texts[0].encode() == texts[2].encode()
    assert json.loads(texts[0])["assessed_at"] == "2026-01-01T00:00:00Z"


@PROPERTY
@given(scenarios())
def test_json_round_trips(scenario: Scenario) -> None:
    a = run(scenario)
    with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": "0"}):
        text = json_report.render(assessment_view(a, scenario.loaded, "en"))
    data = json.loads(text)
    assert json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n" == text
    assert data["verdict"] == a.verdict.value
    assert data["overall_percent"] == a.overall_percent
    assert [c["id"] for c in data["criteria"]] == [r.id for r in a.criteria]


@PROPERTY
@given(scenarios())
def test_verdict_follows_the_rules(scenario: Scenario) -> None:
    a = run(scenario)
    rule = scenario.resolved.verdict
    below_pass = a.overall_percent is not None and a.overall_percent < rule.pass_percent
    below_min = any(
        d.percent is not None and d.percent < rule.dimension_min_percent for d in a.dimensions
    )
    excluded = any(g.effect == "exclude" for g in a.gates)
    incomplete = bool(a.missing or a.unscored or a.uncleared) or not a.scorable
    if below_pass or below_min:
        assert a.verdict is not Verdict.PASS
    if excluded:
        assert a.verdict is Verdict.EXCLUDED
    elif incomplete:
        assert a.verdict is Verdict.INCOMPLETE
    elif below_pass or below_min:
        assert a.verdict is Verdict.FAIL
    else:
        assert a.verdict is Verdict.PASS
    assert a.provisional is (incomplete and not excluded)
    if excluded:  # final: nothing to raise, no goal served
        assert a.final and not a.improvements and a.sdg == ()
    assert set(a.unscored) == {r.id for r in a.criteria if r.status is Status.UNSCORED}
    assert set(a.uncleared) == {g.id for g in a.gates if g.effect == "review" and not g.cleared}


ALWAYS_FIRES: Data = {
    "id": "ALWAYS",
    "title": "Always",
    "when": {"any": [{"question": "q0", "answered": False}, {"question": "q0", "answered": True}]},
    "effect": "exclude",
}


@PROPERTY
@given(scenarios(extra_gates=(ALWAYS_FIRES,)))
def test_exclude_gate_that_fires_always_excludes(scenario: Scenario) -> None:
    a = run(scenario)
    assert "ALWAYS" in [g.id for g in a.gates]
    assert a.verdict is Verdict.EXCLUDED


@PROPERTY
@given(scenarios())
def test_form_rules(scenario: Scenario) -> None:
    a = run(scenario)
    questions = scenario.resolved.question_map
    missing = [m.question for m in a.missing]
    assert len(missing) == len(set(missing))
    assert all(questions[q].required for q in missing)
    assert not set(missing) & set(a.ignored_answers)
    assert all(q in scenario.answers for q in a.ignored_answers)
    for m in a.missing:
        if m.too_short:
            assert m.length < (questions[m.question].min_length or 0)


@PROPERTY
@given(scenarios())
def test_improvements_are_exact_and_ranked(scenario: Scenario) -> None:
    a = run(scenario)
    results = {r.id: r for r in a.criteria}
    assert len({i.criterion for i in a.improvements}) == len(a.improvements)
    assert list(a.improvements) == sorted(a.improvements, key=lambda i: (-i.gain, i.criterion))
    for i in a.improvements:
        r = results[i.criterion]
        assert i.gain > 0
        assert i.from_points == r.points < i.to_points <= r.max_points
        definition = scenario.resolved.criterion_map[i.criterion]
        if definition.manual is not None:
            assert i.to_points == r.max_points
            assert i.level is None
        else:
            levels = definition.levels or []
            assert i.level is not None
            assert i.to_points == levels[i.level].points
            assert i.to_points == min(lv.points for lv in levels if lv.points > r.points)
        assert a.overall_percent is not None
        after = overall_with(scenario.resolved, a, {i.criterion: i.to_points})
        assert after is not None
        assert after <= 100 + EPSILON
        assert abs((after - a.overall_percent) - i.gain) <= EPSILON
        assert a.overall_percent + i.gain <= 100 + EPSILON


@PROPERTY
@given(scenarios())
def test_every_criterion_below_max_that_could_add_to_overall_has_an_improvement(
    scenario: Scenario,
) -> None:
    a = run(scenario)
    suggested = {i.criterion for i in a.improvements}
    if a.final or not a.scorable:
        assert not suggested
        return
    for r in a.criteria:
        if r.points >= r.max_points:
            assert r.id not in suggested
            continue
        after = overall_with(scenario.resolved, a, {r.id: r.max_points})
        adds = (
            a.overall_percent is not None
            and after is not None
            and after - a.overall_percent > EPSILON
        )
        assert (r.id in suggested) is adds
