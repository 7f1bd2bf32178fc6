"""The form's condition evaluator (``templates/partials/form-conditions.js``, run in node)
gives the engine's result for every condition and answer set: thousands of generated
conditions of every operator, with values and answers of every kind on both sides (also
the ill-typed ones the linter warns about), nested in all/any/not, on questions and on
application fields."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from hallbarhet_cli.authoring.form_conditions import condition_json, evaluator_path, value_json
from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.files.yamlload import load_file
from hallbarhet_cli.models import Application
from hallbarhet_cli.models.conditions import All, Any_, Comparison, Condition, Not
from hallbarhet_cli.models.fields import FIELDS
from hallbarhet_cli.models.operators import OPERATORS
from hallbarhet_cli.scoring.predicates import compile_condition

EXAMPLES = Path(__file__).parents[2] / "examples"
APPLICATION = Application.model_validate(load_file(EXAMPLES / "solcellspark-alvesta.yaml").data)
QUESTIONS = ("q1", "q2", "q3")
FIELD_NAMES = (*FIELDS, "no.such.field")
CASES = 4000

RUNNER = """
const fs = require("fs");
const vm = require("vm");
vm.runInThisContext(fs.readFileSync(process.argv[1], "utf8"));
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const out = cases.map(([condition, answers, fields]) =>
  HallbarhetConditions.holds(
    condition,
    (id) => (id in answers ? answers[id] : null),
    (name) => (name in fields ? fields[name] : null),
  ),
);
process.stdout.write(JSON.stringify(out));
"""


def _scalar(rng: random.Random) -> Any:
    pick = rng.randrange(8)
    if pick == 0:
        return None
    if pick == 1:
        return rng.choice([True, False])
    if pick == 2:
        return rng.randint(-3, 3)
    if pick == 3:
        return rng.choice([-2.5, -1.0, 0.0, 0.5, 1.0, 2.0, 2.75])
    if pick == 4:
        return rng.choice(["a", "b", " ", "", "project", " ab ", "\u00e5\u00e4", "\U0001f600"])
    if pick == 5:
        return dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 731, 61))
    if pick == 6:
        return rng.choice([0, 1_000_000, 2_100_000, 4_200_000])
    return rng.choice(["a", 1, True, dt.date(2026, 4, 1)])


def _value(rng: random.Random) -> Any:
    if rng.random() < 0.3:
        return [_scalar(rng) for _ in range(rng.randrange(4))]
    return _scalar(rng)


def _comparison(rng: random.Random) -> Comparison:
    op = rng.choice(sorted(OPERATORS))
    subject: dict[str, Any] = (
        {"field": rng.choice(FIELD_NAMES)}
        if rng.randrange(4) == 0
        else {"question": rng.choice(QUESTIONS)}
    )
    shape = OPERATORS[op].shape
    value: Any
    if shape == "list":
        value = [_scalar(rng) for _ in range(rng.randrange(4))]
        if value and rng.random() < 0.5:  # mostly of one kind, as in real sets
            value = [v for v in value if type(v) is type(value[0])]
    elif shape == "count":
        value = rng.randrange(5)
    elif shape == "flag":
        value = rng.choice([True, False])
    elif shape == "range":
        low, high = _scalar(rng), _scalar(rng)
        if rng.random() < 0.6:
            low, high = sorted([rng.randint(-3, 3), rng.randint(-3, 3)])
        value = {"min": low, "max": high}
    else:
        value = _scalar(rng)
        while value is None:
            value = _scalar(rng)
    return Comparison.model_validate({**subject, op: value})


def _condition(rng: random.Random, depth: int = 0) -> Condition:
    pick = rng.randrange(6) if depth < 3 else 0
    if pick <= 2:
        return _comparison(rng)
    members = [_condition(rng, depth + 1) for _ in range(rng.randint(1, 3))]
    if pick == 3:
        return All.model_validate({"all": members})
    if pick == 4:
        return Any_.model_validate({"any": members})
    return Not.model_validate({"not": members[0]})


def _answers(rng: random.Random) -> dict[str, Any]:
    return {q: _value(rng) for q in QUESTIONS if rng.random() < 0.8}


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_form_reads_every_condition_as_the_engine_does() -> None:
    rng = random.Random(20)
    fields = {name: value_json(f.read(APPLICATION)) for name, f in FIELDS.items()}
    cases = []
    expected = []
    for _ in range(CASES):
        condition, answers = _condition(rng), _answers(rng)
        expected.append(compile_condition(condition)(answers, APPLICATION))
        encoded = {k: value_json(v) for k, v in answers.items()}
        cases.append([condition_json(condition), encoded, fields])
    ran = subprocess.run(
        ["node", "-e", RUNNER, str(evaluator_path())],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    got = json.loads(ran.stdout)
    differ = [
        (json.dumps(case[0]), json.dumps(case[1]), want)
        for case, want, result in zip(cases, expected, got, strict=True)
        if result is not want
    ]
    assert differ == []
    # The cases reach both results and every operator, so agreement means something.
    assert 0.2 < sum(expected) / CASES < 0.8
    used = {op for case in cases for op in re.findall(r'"op": "(\w+)"', json.dumps(case[0]))}
    assert used == set(OPERATORS)


FIELD_VALUES = {name: value_json(f.read(APPLICATION)) for name, f in FIELDS.items()}


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_bundled_sets_conditions_agree_on_their_own_answers() -> None:
    """Every real ``relevant`` condition, on answers drawn from its set's own options."""
    rng = random.Random(7)
    cases = []
    expected = []
    for name in ("kronoberg-projektmedel", "kronoberg-foretagsstod"):
        resolved = CriteriaLibrary().resolve(name, Where("test"), Path.cwd(), confine=False)
        for question in resolved.questions:
            if question.relevant is None:
                continue
            for _ in range(50):
                answers = {
                    q.id: rng.choice([None, *[o.value for o in q.options or []], 0, 5, True, "x"])
                    for q in resolved.questions
                }
                expected.append(compile_condition(question.relevant)(answers, APPLICATION))
                cases.append(
                    [
                        condition_json(question.relevant),
                        {k: value_json(v) for k, v in answers.items()},
                        FIELD_VALUES,
                    ]
                )
    ran = subprocess.run(
        ["node", "-e", RUNNER, str(evaluator_path())],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(ran.stdout) == expected
    assert True in expected and False in expected
