"""Checking an application against its criteria set: typed answers, review, metadata."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from textwrap import dedent
from typing import TYPE_CHECKING, Any

import pytest

from hallbarhet_cli.applications.loading import check_application, load_application
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.errors import InputError, Problem, Severity
from hallbarhet_cli.files.yamlload import parse_text
from hallbarhet_cli.models import Application
from hallbarhet_cli.models.validation import validate

if TYPE_CHECKING:
    from tests.unit.conftest import Located, MessageCheck


FIXTURES = Path(__file__).parent.parent / "fixtures"

ANSWER_SET = """\
kind: criteria-set
id: answers
version: "1"
title: Answers
applies_to: [project]
dimensions:
  social: {title: Social}
questions:
  - {id: impact, type: choice, label: I, options: [{value: positive}, {value: "no"}, {value: negative}]}
  - {id: year, type: choice, label: Y, options: [{value: "2026"}, {value: "2027"}]}
  - {id: measures, type: multichoice, label: M, options: [{value: reuse}, {value: repair}, {value: "2026"}, {value: "no"}]}
  - {id: plan, type: text, label: P}
  - {id: ghg, type: number, label: G, min: -100, max: 100}
  - {id: jobs, type: integer, label: J, min: 0}
  - {id: fossil, type: boolean, label: F}
  - {id: start_date, type: date, label: S}
criteria:
  - id: SOC-1
    dimension: social
    title: S
    levels:
      - {points: 1, when: {question: impact, eq: positive}}
      - {points: 0}
  - id: SOC-2
    dimension: social
    title: M
    manual: {max_points: 3}
gates:
  - {id: FOSSIL, title: F, when: {question: fossil, eq: true}, effect: exclude}
  - {id: BIG, title: B, when: {field: budget.requested_sek, gt: 1000000}, effect: review}
"""  # noqa: E501

HEAD = """\
kind: application
id: A-1
type: project
title: T
applicant: {name: N, sector: public}
budget: {total_sek: 100, requested_sek: 50}
period: {start: 2026-01-01, end: 2026-12-31}
"""


@pytest.fixture(scope="module")
def answer_set(tmp_path_factory: pytest.TempPathFactory) -> ResolvedSet:
    """Resolved once: checking an application never changes its criteria set."""
    folder = tmp_path_factory.mktemp("answers")
    (folder / "answers.yaml").write_text(ANSWER_SET, encoding="utf-8")
    return CriteriaLibrary(folders=[folder]).resolve_path(folder / "answers.yaml")


def checked(text: str, criteria: ResolvedSet) -> tuple[dict[str, Any], list[Problem]]:
    """Parse and validate an inline application, then check it against ``criteria``."""
    document = parse_text(dedent(text), "app.yaml")
    model, problems = validate(Application, document)
    assert problems == []
    assert model is not None
    return check_application(document, model, criteria)


def answers_of(lines: str, criteria: ResolvedSet) -> dict[str, Any]:
    answers, problems = checked(HEAD + "answers:\n" + lines, criteria)
    assert problems == [], [p.render("en") for p in problems]
    return answers


# --- typed answers --------------------------------------------------------------------------

TYPED: list[tuple[str, str, Any]] = [
    # (answer as written, question, typed value)
    ("impact: no", "impact", "no"),
    ("impact: 'no'", "impact", "no"),
    ("impact: positive", "impact", "positive"),
    ("year: 2026", "year", "2026"),
    ("year: '2027'", "year", "2027"),
    ("measures: [no, 2026, reuse]", "measures", ["no", "2026", "reuse"]),
    ("measures: [repair, repair, reuse]", "measures", ["repair", "reuse"]),
    ("measures: []", "measures", []),
    ("plan: true", "plan", "true"),
    ("plan: 12.50", "plan", "12.50"),
    ("plan: 2026-01-01", "plan", "2026-01-01"),
    ("plan: 0x1f", "plan", "0x1f"),
    ("plan: no", "plan", "no"),
    ("plan: |\n    Två rader\n    text.", "plan", "Två rader\ntext.\n"),
    ("ghg: -5", "ghg", -5),
    ("ghg: 1.5", "ghg", 1.5),
    ("ghg: 0x10", "ghg", 16),
    ("ghg: -100", "ghg", -100),
    ("ghg: 100.0", "ghg", 100.0),
    ("jobs: 0", "jobs", 0),
    ("jobs: 12", "jobs", 12),
    ("fossil: false", "fossil", False),
    ("fossil: True", "fossil", True),
    ("start_date: 2026-04-01", "start_date", dt.date(2026, 4, 1)),
    ("start_date: '2026-04-01'", "start_date", dt.date(2026, 4, 1)),
]


@pytest.mark.parametrize(("answer", "question", "typed"), TYPED, ids=[t[0] for t in TYPED])
def test_answers_are_read_by_their_question_type(
    answer: str, question: str, typed: Any, answer_set: ResolvedSet
) -> None:
    answers = answers_of(f"  {answer}\n", answer_set)
    assert answers == {question: typed}
    assert type(answers[question]) is type(typed)


@pytest.mark.parametrize("answer", ["plan: null", "plan: ~", "plan:", "ghg: null"])
def test_a_null_answer_is_no_answer(answer: str, answer_set: ResolvedSet) -> None:
    assert answers_of(f"  {answer}\n", answer_set) == {}


def test_the_fixture_application_is_clean(mini_set: ResolvedSet) -> None:
    answers, problems = checked((FIXTURES / "mini-app.yaml").read_text(encoding="utf-8"), mini_set)
    assert problems == []
    assert answers == {
        "ghg_change_t": -5,
        "gender_analysis": "done",
        "gender_plan": "En genomarbetad plan för jämställdhet i projektet.",
        "jobs": 6,
        "fossil": False,
    }


# --- problems with answers ------------------------------------------------------------------

ANSWER_PROBLEMS: list[tuple[str, str, tuple[str, int, int], str]] = [
    # (id, the answers block from line 8, (rule, line, column), fragment of the message)
    (
        "unknown-answer",
        "answers:\n  ghg_change: 1\n",
        ("unknown-answer", 9, 3),
        "There is no question 'ghg_change' in the criteria set 'answers'.",
    ),
    (
        "number-as-text",
        "answers:\n  ghg: '5'\n",
        ("answer-type", 9, 8),
        "Expected a number for 'ghg', got '5'.",
    ),
    (
        "number-as-boolean",
        "answers:\n  ghg: true\n",
        ("answer-type", 9, 8),
        "Expected a number for 'ghg', got true.",
    ),
    (
        "number-not-finite",
        "answers:\n  ghg: .nan\n",
        ("answer-type", 9, 8),
        "Expected a finite number for 'ghg', got nan.",
    ),
    (
        "integer-as-fraction",
        "answers:\n  jobs: 2.5\n",
        ("answer-type", 9, 9),
        "Expected a whole number for 'jobs', got 2.5.",
    ),
    (
        "number-below-min",
        "answers:\n  ghg: -100.5\n",
        ("answer-range", 9, 8),
        "-100.5 is outside the allowed range for 'ghg' (-100 to 100).",
    ),
    (
        "number-above-max",
        "answers:\n  ghg: 101\n",
        ("answer-range", 9, 8),
        "101 is outside the allowed range for 'ghg' (-100 to 100).",
    ),
    (
        "integer-below-min-only",
        "answers:\n  jobs: -1\n",
        ("answer-range", 9, 9),
        "-1 is outside the allowed range for 'jobs' (0 to -).",
    ),
    (
        "boolean-as-yes",
        "answers:\n  fossil: yes\n",
        ("answer-type", 9, 11),
        "Expected true or false for 'fossil', got 'yes'.",
    ),
    (
        "boolean-as-no",
        "answers:\n  fossil: no\n",
        ("answer-type", 9, 11),
        "Expected true or false for 'fossil', got 'no'.",
    ),
    (
        "date-as-text",
        "answers:\n  start_date: soon\n",
        ("answer-type", 9, 15),
        "Expected a date (YYYY-MM-DD) for 'start_date', got 'soon'.",
    ),
    (
        "date-as-number",
        "answers:\n  start_date: 2026\n",
        ("answer-type", 9, 15),
        "Expected a date (YYYY-MM-DD) for 'start_date', got 2026.",
    ),
    (
        "text-as-list",
        "answers:\n  plan: [a, b]\n",
        ("answer-type", 9, 9),
        "Expected text for 'plan', got [...].",
    ),
    (
        "choice-as-list",
        "answers:\n  impact: [positive]\n",
        ("answer-type", 9, 11),
        "Expected one of the options for 'impact', got [...].",
    ),
    (
        "choice-not-an-option",
        "answers:\n  impact: positiv\n",
        ("answer-option", 9, 11),
        "'positiv' is not an option for 'impact'; the options are positive, no, negative. "
        "Did you mean 'positive'?",
    ),
    (
        "choice-year-not-an-option",
        "answers:\n  year: 2025\n",
        ("answer-option", 9, 9),
        "'2025' is not an option for 'year'; the options are 2026, 2027.",
    ),
    (
        "multichoice-as-scalar",
        "answers:\n  measures: reuse\n",
        ("answer-type", 9, 13),
        "Expected a list of options for 'measures', got 'reuse'.",
    ),
    (
        "multichoice-item-not-an-option",
        "answers:\n  measures:\n    - reuse\n    - recycle\n",
        ("answer-option", 11, 7),
        "'recycle' is not an option for 'measures'",
    ),
    (
        "multichoice-item-not-text",
        "answers:\n  measures: [reuse, {a: 1}]\n",
        ("answer-option", 9, 21),
        "is not an option for 'measures'",
    ),
]


@pytest.mark.parametrize(
    ("answers", "expected", "fragment"),
    [pytest.param(*case[1:], id=case[0]) for case in ANSWER_PROBLEMS],
)
def test_answer_problems(
    answers: str,
    expected: tuple[str, int, int],
    fragment: str,
    answer_set: ResolvedSet,
    located: Located,
    message_check: MessageCheck,
) -> None:
    typed, problems = checked(HEAD + answers, answer_set)
    assert located(problems) == [expected]
    assert problems[0].severity is Severity.ERROR
    assert problems[0].file == "app.yaml"
    message_check(problems[0], fragment)
    assert typed == {}


def test_unknown_answer_is_located_at_its_key_with_a_suggestion(
    answer_set: ResolvedSet, message_check: MessageCheck
) -> None:
    _, problems = checked(HEAD + "answers:\n  ghg: 1\n  impcat: positive\n", answer_set)
    assert [(p.rule, p.line, p.column) for p in problems] == [("unknown-answer", 10, 3)]
    message_check(problems[0], "Did you mean 'impact'?")


def test_a_choice_differing_only_in_case_suggests_that_option(answer_set: ResolvedSet) -> None:
    _, problems = checked(HEAD + "answers:\n  impact: Negative\n", answer_set)
    assert [(p.rule, p.line, p.column) for p in problems] == [("answer-option", 9, 11)]
    assert problems[0].message.render("en").endswith("Did you mean 'negative'?")


def test_the_mini_choice_differing_only_in_case_suggests_that_option(
    mini_set: ResolvedSet,
) -> None:
    text = (FIXTURES / "mini-app.yaml").read_text(encoding="utf-8")
    text = text.replace("gender_analysis: done", "gender_analysis: Done")
    _, problems = checked(text, mini_set)
    assert [(p.rule, p.line, p.column) for p in problems] == [("answer-option", 11, 20)]
    assert problems[0].message.render("en").endswith("Did you mean 'done'?")


def test_good_answers_are_kept_beside_bad_ones(answer_set: ResolvedSet, located: Located) -> None:
    typed, problems = checked(
        HEAD + "answers:\n  ghg: 5\n  jobs: -2\n  impact: no\n  plan: x\n", answer_set
    )
    assert located(problems) == [("answer-range", 10, 9)]
    assert typed == {"ghg": 5, "impact": "no", "plan": "x"}


# --- the application's own fields -----------------------------------------------------------

FIELD_PROBLEMS: list[tuple[str, str, list[tuple[str, int, int]], str]] = [
    (
        "not-applicable",
        HEAD.replace("type: project", "type: business_support"),
        [("not-applicable", 3, 7)],
        "The criteria set 'answers' applies to project, not to business support.",
    ),
    (
        "budget-exceeds",
        HEAD.replace("requested_sek: 50", "requested_sek: 101"),
        [("budget-exceeds", 6, 41)],
        "The requested amount (101) is more than the total budget (100).",
    ),
    (
        "period-order",
        HEAD.replace("end: 2026-12-31", "end: 2025-12-31"),
        [("period-order", 7, 34)],
        "The period ends (2025-12-31) before it starts (2026-01-01).",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "fragment"),
    [pytest.param(*case[1:], id=case[0]) for case in FIELD_PROBLEMS],
)
def test_field_problems(
    text: str,
    expected: list[tuple[str, int, int]],
    fragment: str,
    answer_set: ResolvedSet,
    located: Located,
    message_check: MessageCheck,
) -> None:
    _, problems = checked(text, answer_set)
    assert located(problems) == expected
    message_check(problems[0], fragment)


def test_equal_budget_and_a_one_day_period_are_fine(answer_set: ResolvedSet) -> None:
    text = HEAD.replace("requested_sek: 50", "requested_sek: 100").replace(
        "end: 2026-12-31", "end: 2026-01-01"
    )
    assert checked(text, answer_set) == ({}, [])


# --- the officer's review -------------------------------------------------------------------

REVIEW = """\
review:
  officer: Anna
  scores:
    SOC-3: {points: 1}
    SOC-1: {points: 1}
    SOC-2: {points: 4}
  cleared: [FOSSIL, BIGG, BIG]
"""


def test_review_problems(answer_set: ResolvedSet, located: Located) -> None:
    _, problems = checked(HEAD + REVIEW, answer_set)
    assert located(problems) == [
        ("unknown-criterion", 11, 5),
        ("score-ignored", 12, 5),
        ("score-range", 13, 21),
        ("clear-exclusion", 14, 13),
        ("unknown-gate", 14, 21),
    ]
    severities = {p.rule: p.severity for p in problems}
    assert severities == {
        "unknown-criterion": Severity.ERROR,
        "score-ignored": Severity.WARNING,
        "score-range": Severity.ERROR,
        "clear-exclusion": Severity.WARNING,
        "unknown-gate": Severity.ERROR,
    }


@pytest.mark.parametrize(
    ("rule", "fragment"),
    [
        (
            "unknown-criterion",
            "There is no criterion 'SOC-3' in the criteria set 'answers'. Did you mean 'SOC-",
        ),
        ("score-ignored", "'SOC-1' is scored from the answers, not by the officer"),
        ("score-range", "4 points is more than the maximum of 3 for 'SOC-2'."),
        ("clear-exclusion", "'FOSSIL' is an exclusion gate, which cannot be cleared"),
        (
            "unknown-gate",
            "There is no gate 'BIGG' in the criteria set 'answers'. Did you mean 'BIG'?",
        ),
    ],
)
def test_review_messages(
    rule: str, fragment: str, answer_set: ResolvedSet, message_check: MessageCheck
) -> None:
    _, problems = checked(HEAD + REVIEW, answer_set)
    message_check(next(p for p in problems if p.rule == rule), fragment)


def test_a_good_review_is_clean(answer_set: ResolvedSet) -> None:
    review = "review:\n  scores:\n    SOC-2: {points: 3}\n  cleared: [BIG]\n"
    assert checked(HEAD + review, answer_set) == ({}, [])


# --- loading a whole application ------------------------------------------------------------


def test_load_application_resolves_its_criteria_by_path(tmp_path: Path) -> None:
    for name in ("mini-set.yaml", "mini-app.yaml"):
        (tmp_path / name).write_text((FIXTURES / name).read_text(encoding="utf-8"), "utf-8")
    loaded = load_application(tmp_path / "mini-app.yaml", CriteriaLibrary(folders=[tmp_path]))
    assert loaded.criteria.id == "mini"
    assert loaded.answers["gender_analysis"] == "done"
    assert loaded.warnings == ()


def test_load_application_raises_with_every_error(tmp_path: Path, located: Located) -> None:
    (tmp_path / "mini-set.yaml").write_text(
        (FIXTURES / "mini-set.yaml").read_text(encoding="utf-8"), "utf-8"
    )
    app = (FIXTURES / "mini-app.yaml").read_text(encoding="utf-8")
    app = app.replace("jobs: 6", "jobs: -6").replace("fossil: false", "fossil: no")
    (tmp_path / "app.yaml").write_text(app, "utf-8")
    with pytest.raises(InputError) as info:
        load_application(tmp_path / "app.yaml", CriteriaLibrary(folders=[tmp_path]))
    assert located(info.value.problems) == [("answer-range", 13, 9), ("answer-type", 14, 11)]


@pytest.mark.parametrize(
    ("text", "rule", "line", "column"),
    [
        ("kind: criteria-set\nid: x\n", "not-application", 1, 7),
        ("title: no kind\n", "not-application", 1, 1),
        (HEAD, "no-criteria", 1, 1),
    ],
)
def test_load_application_refuses(
    text: str, rule: str, line: int, column: int, tmp_path: Path
) -> None:
    (tmp_path / "app.yaml").write_text(text, "utf-8")
    with pytest.raises(InputError) as info:
        load_application(tmp_path / "app.yaml", CriteriaLibrary(folders=[tmp_path]))
    assert [(p.rule, p.line, p.column) for p in info.value.problems] == [(rule, line, column)]
