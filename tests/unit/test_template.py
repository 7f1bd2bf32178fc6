"""Application templates: every field and question, explained in comments, with
placeholders that fail validation until they are filled in."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from hallbarhet_cli.applications.loading import application_from_document, check_application
from hallbarhet_cli.applications.placeholders import is_placeholder, placeholder
from hallbarhet_cli.authoring.template import Filled, criteria_reference, render_template
from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.errors import InputError
from hallbarhet_cli.files.yamlload import load_file, parse_text
from hallbarhet_cli.i18n import gettext
from hallbarhet_cli.models import Application
from hallbarhet_cli.models.validation import validate
from hallbarhet_cli.scoring.engine import assess
from hallbarhet_cli.scoring.explain import Explainer

if TYPE_CHECKING:
    from tests.unit.conftest import Located, SetFolder

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
# A complete example application for each bundled funding set.
FUNDING_SETS = {
    "kronoberg-projektmedel": EXAMPLES / "solcellspark-alvesta.yaml",
    "kronoberg-foretagsstod": EXAMPLES / "elektrisk-glasugn-lessebo.yaml",
}

_ENTRY = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z0-9_.-]+):(?P<rest>.*)$")
_MARKER = re.compile(r'^ \[?"<(?:fyll i|fill in)>"\]?$')


def fill_template(text: str, data: dict[str, Any]) -> str:
    """Replace each placeholder in a template's text by the value at the same place in
    ``data`` (an application as plain data), or by ``~`` where ``data`` has none; the
    comments stay as they are."""
    lines, keys = [], []
    for line in text.splitlines():
        match = _ENTRY.match(line)
        if match is None or line.lstrip().startswith("#"):
            lines.append(line)
            continue
        keys = [*keys[: len(match["indent"]) // 2], match["key"]]
        if _MARKER.match(match["rest"]):
            value: Any = data
            for key in keys:
                value = value.get(key) if isinstance(value, dict) else None
            line = f"{match['indent']}{match['key']}: {_yaml(value)}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def unfilled_values(text: str) -> list[str]:
    """The lines of ``text`` whose value is a placeholder."""
    return [
        line for line in text.splitlines() if (m := _ENTRY.match(line)) and _MARKER.match(m["rest"])
    ]


def _yaml(value: Any) -> str:
    if value is None:
        return "~"
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def bundled(set_id: str) -> ResolvedSet:
    return CriteriaLibrary().resolve(set_id, Where("test"))


def template(set_id: str, lang: str) -> str:
    return render_template(bundled(set_id), lang, criteria_ref=set_id, cli_ref=set_id)


def problems_of(text: str) -> list[Any]:
    with pytest.raises(InputError) as caught:
        application_from_document(parse_text(text, "app.yaml"), ROOT, CriteriaLibrary())
    return caught.value.problems


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("set_id", sorted(FUNDING_SETS))
def test_an_unfilled_template_fails_with_one_placeholder_error_per_value(
    set_id: str, lang: str
) -> None:
    text = template(set_id, lang)
    problems = problems_of(text)
    assert {p.rule for p in problems} == {"placeholder"}
    assert len(problems) == len(unfilled_values(text)) > 20
    lines = text.splitlines()
    for p in problems:  # each points at its placeholder
        assert lines[(p.line or 0) - 1][(p.column or 0) - 1 :].startswith(f'"{placeholder(lang)}"')


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize(("set_id", "example"), sorted(FUNDING_SETS.items()))
def test_a_filled_in_template_validates_and_scores_like_the_example(
    set_id: str, example: Path, lang: str
) -> None:
    data = load_file(example).data
    filled = fill_template(template(set_id, lang), data)
    assert unfilled_values(filled) == []
    loaded = application_from_document(parse_text(filled, "app.yaml"), ROOT, CriteriaLibrary())
    assert loaded.warnings == ()
    original = application_from_document(load_file(example), EXAMPLES, CriteriaLibrary())
    ours = assess(loaded.criteria, loaded.model, loaded.answers)
    theirs = assess(original.criteria, original.model, original.answers)
    automatic = {r.id: r.points for r in theirs.criteria if not r.manual}
    assert {r.id: r.points for r in ours.criteria if not r.manual} == automatic
    assert [g.id for g in ours.gates] == [g.id for g in theirs.gates]


@pytest.mark.parametrize("set_id", sorted(FUNDING_SETS))
def test_every_question_is_there_in_the_sets_order(set_id: str) -> None:
    criteria = bundled(set_id)
    text = template(set_id, "en")
    answers = text[text.index("\nanswers:") :]
    keys = re.findall(r"^  ([a-z0-9_]+):", answers, re.MULTILINE)
    assert keys == [q.id for q in criteria.questions]
    assert len(criteria.chain) == 2  # the DNSH screening's questions come first
    assert keys[0] == criteria.chain[0].model.questions[0].id


def test_the_header_points_to_the_schema_and_says_how_to_create_it() -> None:
    text = template("kronoberg-projektmedel", "en")
    schema = ".hallbarhet/schemas/kronoberg-projektmedel.json"
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={schema}"
    assert f"hallbarhet schema application --criteria kronoberg-projektmedel -o {schema}" in text


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_comments_explain_each_question(lang: str) -> None:
    criteria = bundled("kronoberg-projektmedel")
    explain = Explainer(criteria, lang)
    text = template("kronoberg-projektmedel", lang)
    block = _block(text, "gender_plan")
    flat = " ".join(line.lstrip("# ").strip() for line in block)
    question = criteria.question_map["gender_plan"]
    relevant = question.relevant
    assert relevant is not None
    assert explain.question_label("gender_plan") in flat
    assert explain.condition(relevant) in flat
    assert gettext("Required.", lang) in flat
    assert "SOC-1" in flat
    assert gettext("At least {n} characters.", lang).format(n=200) in flat
    choice = " ".join(_block(text, "gender_analysis"))
    assert "done" in choice
    assert ("Genomförd före ansökan" if lang == "sv" else "Done before applying") in choice
    gate = " ".join(_block(text, "fossil_fuel_activity"))
    assert "DNSH-FOSSIL" in gate
    number = " ".join(line.lstrip("# ") for line in _block(text, "cofinancing_percent"))
    assert gettext("From {min} to {max}.", lang).format(min=0, max=100) in number


def _block(text: str, key: str) -> list[str]:
    """The comment lines just above ``key`` in the answers."""
    lines = text.splitlines()
    end = next(i for i, line in enumerate(lines) if line.startswith(f"  {key}:"))
    start = end
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    return lines[start:end]


TEXT_SET = """\
kind: criteria-set
id: texts
version: "1"
title: Texts
applies_to: [project]
dimensions: {social: {title: Social}}
questions:
  - {id: story, type: text, label: Story, required: true}
  - {id: note, type: text, label: Note}
  - {id: amount, type: number, label: Amount}
  - {id: ways, type: multichoice, label: Ways, options: [{value: a}, {value: b}]}
criteria:
  - id: S-1
    dimension: social
    title: S
    levels: [{points: 1, when: {question: story, answered: true}}, {points: 0}]
"""

APP_HEAD = """\
kind: application
id: A-1
criteria: texts.yaml
type: project
title: T
applicant: {name: N, sector: public}
budget: {total_sek: 10, requested_sek: 5}
period: {start: 2026-01-01, end: 2026-12-31}
answers:
"""


def test_a_text_placeholder_fails_even_without_a_minimum_length(
    sets: SetFolder, located: Located
) -> None:
    sets.write(TEXT_SET, "texts.yaml")
    criteria = sets.resolve("texts.yaml")
    text = (
        APP_HEAD
        + '  story: "<fyll i>"\n'
        + '  note: "<fill in>"\n'
        + '  amount: "<fyll i>"\n'
        + '  ways: ["<fill in>"]\n'
    )
    document = parse_text(text, "app.yaml")
    model, problems = validate(Application, document)
    assert model is not None and problems == []
    answers, found = check_application(document, model, criteria)
    # One placeholder error each, and no type or option error at the same place.
    assert located(found) == [
        ("placeholder", 10, 10),
        ("placeholder", 11, 9),
        ("placeholder", 12, 11),
        ("placeholder", 13, 10),
    ]
    by_line = {p.line: p.message.render("en") for p in found}
    assert "Not filled in" in by_line[10]
    assert "write ~" not in by_line[10]  # required and always asked
    assert "write ~" in by_line[11]  # optional
    assert "story" in answers  # still typed, but the errors stop the assessment


def test_placeholders_in_the_fields_are_reported_with_those_in_the_answers(
    sets: SetFolder,
) -> None:
    sets.write(TEXT_SET, "texts.yaml")
    text = APP_HEAD.replace("total_sek: 10", 'total_sek: "<fyll i>"') + '  story: "<fyll i>"\n'
    with pytest.raises(InputError) as caught:
        application_from_document(parse_text(text, "app.yaml"), sets.folder, sets.library)
    # The model rejects the budget; the placeholder error replaces its type error.
    assert [(p.rule, p.line) for p in caught.value.problems] == [
        ("placeholder", 7),
        ("placeholder", 10),
    ]


@pytest.mark.parametrize(
    "written",
    [
        '"\\x3cfyll i>"',  # YAML's escapes spell the marker without its first character
        '"\\u003Cfill in>"',
        "'<fyll i>'",
        "<fill in>",
    ],
)
def test_a_placeholder_is_found_however_it_is_written(sets: SetFolder, written: str) -> None:
    sets.write(TEXT_SET, "texts.yaml")
    criteria = sets.resolve("texts.yaml")
    document = parse_text(APP_HEAD + f"  story: {written}\n", "app.yaml")
    model, problems = validate(Application, document)
    assert model is not None and problems == []
    _, found = check_application(document, model, criteria)
    assert [(p.rule, p.line) for p in found] == [("placeholder", 10)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("<fyll i>", True), (" <fill in> ", True), ("fyll i", False), ("<FYLL I>", False), (3, False)],
)
def test_is_placeholder(value: Any, expected: bool) -> None:
    assert is_placeholder(value) is expected


def test_known_values_are_written_and_the_rest_stay_placeholders(
    mini_set: ResolvedSet, sets: SetFolder
) -> None:
    plan = "Rad ett.\nRad två: med kolon och 'citat'."
    filled = Filled(
        fields={"id": "A-1", "period.start": dt.date(2026, 1, 1), "budget.total_sek": 1250.5},
        answers={"gender_analysis": "done", "gender_plan": plan, "fossil": False},
        settled={"jobs", "summary"},
    )
    text = render_template(
        mini_set, "en", criteria_ref="mini-set.yaml", cli_ref="mini-set.yaml", filled=filled
    )
    data = parse_text(text, "app.yaml").data
    assert data["id"] == "A-1"
    assert data["period"]["start"] == dt.date(2026, 1, 1)
    assert data["budget"]["total_sek"] == 1250.5
    assert data["answers"]["gender_plan"] == plan
    assert data["answers"]["fossil"] is False
    assert data["answers"]["jobs"] is None
    assert data["summary"] is None
    assert data["title"] == "<fill in>"
    assert data["answers"]["ghg_change_t"] == "<fill in>"


def test_a_set_given_by_path_is_referred_to_from_the_applications_folder(
    tmp_path: Path, mini_set: ResolvedSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    ref = str(mini_set.root.path)
    assert criteria_reference("mini", mini_set, "-") == "mini"
    assert criteria_reference(ref, mini_set, "out/app.yaml") == "../mini-set.yaml"
    assert criteria_reference(ref, mini_set, "-") == "mini-set.yaml"
