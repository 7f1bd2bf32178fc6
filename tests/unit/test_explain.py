"""Conditions, reasons and improvements put into words, in Swedish and English.

The Swedish catalogue is being translated, so these tests check only what does not depend
on its wording: question and option labels, numbers and dates as the locale writes them,
how lists are joined, and that Swedish and English differ where the set's labels differ.
English sentences are the source messages and are checked as written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from hallbarhet_cli import fmt
from hallbarhet_cli.applications.loading import application_from_document
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.files.yamlload import parse_text
from hallbarhet_cli.models import Condition
from hallbarhet_cli.scoring.assessment import Assessment, CriterionResult, Improvement, Status
from hallbarhet_cli.scoring.engine import assess
from hallbarhet_cli.scoring.explain import Explainer

SET = """\
kind: criteria-set
id: explain
version: "1"
title: {sv: Förklaringar, en: Explanations}
dimensions:
  social: {title: {sv: Social, en: Social}}
  ecological: {title: {sv: Ekologisk, en: Ecological}}
questions:
  - id: ghg
    type: number
    label: {sv: Förändrade utsläpp, en: Change in emissions}
    unit: t CO2e/år
  - id: analysis
    type: choice
    label: {sv: Jämställdhetsanalys, en: Gender analysis}
    options:
      - {value: none, label: {sv: Ingen, en: None}}
      - {value: planned, label: {sv: Planerad, en: Planned}}
      - {value: done, label: {sv: Genomförd, en: Done}}
      - {value: other}
  - id: measures
    type: multichoice
    label: {sv: Cirkulära åtgärder, en: Circular measures}
    options:
      - {value: reuse, label: {sv: Återbruk, en: Reuse}}
      - {value: repair, label: {sv: Reparation, en: Repair}}
      - {value: recycle, label: {sv: Återvinning, en: Recycling}}
  - id: plan
    type: text
    label: {sv: Jämställdhetsplan, en: Gender equality plan}
  - id: fossil
    type: boolean
    label: {sv: Fossila bränslen, en: Fossil fuels}
  - id: start
    type: date
    label: {sv: Byggstart, en: Construction start}
  - id: jobs
    type: integer
    label: {sv: Nya jobb, en: New jobs}
criteria:
  - id: EKO-1
    dimension: ecological
    title: {sv: Klimatpåverkan, en: Climate impact}
    levels:
      - points: 3
        when: {question: ghg, lt: -10}
        label: {sv: Tydlig minskning, en: Clear reduction}
      - {points: 2, when: {question: ghg, lt: 0}}
      - {points: 0}
  - id: NONE
    dimension: social
    title: {sv: Inget, en: Nothing}
    levels:
      - {points: 2, when: {question: jobs, gt: 10}}
      - {points: 1, when: {question: jobs, gt: 5}}
  - id: PLAN
    dimension: social
    title: {sv: Plan, en: Plan}
    levels:
      - points: 1
        when: {all: [{question: plan, min_length: 30}, {question: start, le: 2026-12-31}]}
        label: {sv: Plan finns, en: Plan in place}
      - {points: 0}
  - id: JUMP
    dimension: social
    title: {sv: Hopp, en: Jump}
    levels:
      - {points: 0, when: {question: jobs, gt: 100}}
      - {points: 2}
  - id: MAN
    dimension: social
    title: {sv: Målkonflikter, en: Goal conflicts}
    manual: {max_points: 3, guidance: {sv: Bedöm målkonflikter., en: Judge goal conflicts.}}
  - id: MAN-2
    dimension: social
    title: {sv: Samverkan, en: Cooperation}
    manual: {max_points: 2}
  - id: UNSCORED
    dimension: social
    title: {sv: Ej bedömd, en: Not scored}
    manual: {max_points: 2}
"""

CONDITION: TypeAdapter[Any] = TypeAdapter(Condition)


@pytest.fixture(scope="module")
def resolved(tmp_path_factory: pytest.TempPathFactory) -> ResolvedSet:
    folder = tmp_path_factory.mktemp("explain")
    (folder / "set.yaml").write_text(SET, encoding="utf-8")
    return CriteriaLibrary(folders=[folder]).resolve_path(folder / "set.yaml")


@pytest.fixture(scope="module")
def sv(resolved: ResolvedSet) -> Explainer:
    return Explainer(resolved, "sv")


@pytest.fixture(scope="module")
def en(resolved: ResolvedSet) -> Explainer:
    return Explainer(resolved, "en")


def cond(text: str) -> Any:
    """A condition written as YAML."""
    return CONDITION.validate_python(parse_text(text, "cond.yaml").data)


def words(explainer: Explainer, text: str) -> str:
    return explainer.condition(cond(text))


# -- comparisons ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "en_parts", "sv_parts"),
    [
        pytest.param(
            "{question: ghg, lt: -10}",
            ["“Change in emissions”", "-10", "t CO2e/år", "less than"],
            ["”Förändrade utsläpp”", fmt.number(-10, "sv"), "t CO2e/år"],
            id="lt-number-unit",
        ),
        pytest.param(
            "{question: jobs, ge: 1500}",
            ["“New jobs”", "1,500", "at least"],
            ["”Nya jobb”", fmt.number(1500, "sv")],
            id="ge-integer",
        ),
        pytest.param(
            "{question: jobs, le: 7}", ["“New jobs”", "7", "at most"], ["”Nya jobb”", "7"], id="le"
        ),
        pytest.param(
            "{question: jobs, gt: 0.5}",
            ["“New jobs”", "0.5", "more than"],
            ["”Nya jobb”", fmt.number(0.5, "sv")],
            id="gt-decimal",
        ),
        pytest.param(
            "{question: analysis, eq: done}",
            ["“Gender analysis”", "“Done”"],
            ["”Jämställdhetsanalys”", "”Genomförd”"],
            id="eq-choice",
        ),
        pytest.param(
            "{question: analysis, ne: none}",
            ["“Gender analysis”", "“None”", "is not"],
            ["”Jämställdhetsanalys”", "”Ingen”"],
            id="ne-choice",
        ),
        pytest.param(
            "{question: analysis, eq: other}",
            ["“Gender analysis”", "other"],
            ["”Jämställdhetsanalys”", "other"],
            id="option-without-label",
        ),
        pytest.param(
            "{question: analysis, in: [planned, done]}",
            ["“Gender analysis”", "“Planned” or “Done”"],
            ["”Jämställdhetsanalys”", fmt.join(["”Planerad”", "”Genomförd”"], "sv", "or")],
            id="in",
        ),
        pytest.param(
            "{question: analysis, not_in: [none, planned, done]}",
            ["“Gender analysis”", "“None”, “Planned” or “Done”", "none of"],
            [fmt.join(["”Ingen”", "”Planerad”", "”Genomförd”"], "sv", "or")],
            id="not_in",
        ),
        pytest.param(
            "{question: measures, includes_any: [reuse, repair]}",
            ["“Circular measures”", "“Reuse” or “Repair”"],
            ["”Cirkulära åtgärder”", fmt.join(["”Återbruk”", "”Reparation”"], "sv", "or")],
            id="includes_any",
        ),
        pytest.param(
            "{question: measures, includes_all: [reuse, recycle]}",
            ["“Circular measures”", "“Reuse” and “Recycling”"],
            ["”Cirkulära åtgärder”", fmt.join(["”Återbruk”", "”Återvinning”"], "sv")],
            id="includes_all",
        ),
        pytest.param(
            "{question: plan, min_length: 2000}",
            ["“Gender equality plan”", "2,000", "characters"],
            ["”Jämställdhetsplan”", fmt.number(2000, "sv")],
            id="min_length-text",
        ),
        pytest.param(
            "{question: measures, min_length: 2}",
            ["“Circular measures”", "2", "choices"],
            ["”Cirkulära åtgärder”", "2"],
            id="min_length-multichoice",
        ),
        pytest.param(
            "{question: fossil, eq: true}",
            ["“Fossil fuels”", "yes"],
            ["”Fossila bränslen”"],
            id="eq-boolean",
        ),
        pytest.param(
            "{question: start, lt: 2026-04-01}",
            ["“Construction start”", "1 April 2026"],
            ["”Byggstart”", fmt.date(dt.date(2026, 4, 1), "sv")],
            id="lt-date",
        ),
        pytest.param(
            "{question: plan, answered: true}",
            ["“Gender equality plan” is answered"],
            ["”Jämställdhetsplan”"],
            id="answered",
        ),
        pytest.param(
            "{question: plan, answered: false}",
            ["“Gender equality plan” is not answered"],
            ["”Jämställdhetsplan”"],
            id="not-answered",
        ),
        pytest.param(
            "{field: budget.requested_sek, gt: 1000000}",
            ["requested amount (SEK)", "1,000,000"],
            [fmt.number(1_000_000, "sv")],
            id="field-number",
        ),
        pytest.param(
            "{field: period.start, ge: 2026-07-01}",
            ["project start", "1 July 2026"],
            [fmt.date(dt.date(2026, 7, 1), "sv")],
            id="field-date",
        ),
        pytest.param(
            "{ratio: {of: {question: jobs}, per: {field: budget.requested_sek}, "
            "scale: 1000000}, ge: 2}",
            ["“New jobs” per 1,000,000 of requested amount (SEK) is at least 2"],
            ["”Nya jobb” per 1\u00a0000\u00a0000 av sökt belopp (kr) är minst 2"],
            id="ratio-scaled",
        ),
        pytest.param(
            "{ratio: {of: {question: jobs}, per: {question: ghg}}, lt: 1}",
            ["“New jobs” per “Change in emissions” is less than 1"],
            ["”Nya jobb” per ”Förändrade utsläpp”"],
            id="ratio",
        ),
    ],
)
def test_comparison_in_words(
    sv: Explainer, en: Explainer, condition: str, en_parts: list[str], sv_parts: list[str]
) -> None:
    in_en, in_sv = words(en, condition), words(sv, condition)
    for part in en_parts:
        assert part in in_en
    for part in sv_parts:
        assert part in in_sv
    assert in_sv != in_en


def test_swedish_and_english_use_their_own_option_labels(sv: Explainer, en: Explainer) -> None:
    in_en = words(en, "{question: analysis, in: [none, done]}")
    in_sv = words(sv, "{question: analysis, in: [none, done]}")
    assert "Done" in in_en
    assert "Genomförd" not in in_en
    assert "Genomförd" in in_sv
    assert "Done" not in in_sv
    assert "Gender analysis" not in in_sv


OPERATORS = (
    "eq: 5",
    "ne: 5",
    "lt: 5",
    "le: 5",
    "gt: 5",
    "ge: 5",
    "in: [5]",
    "not_in: [5]",
    "answered: true",
    "answered: false",
)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_each_operator_reads_differently(resolved: ResolvedSet, lang: str) -> None:
    explainer = Explainer(resolved, lang)
    texts = [words(explainer, f"{{question: jobs, {op}}}") for op in OPERATORS]
    assert len(set(texts)) == len(texts)
    label = fmt.quote(explainer.question_label("jobs"), lang)
    assert all(text.startswith(label) for text in texts)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_min_length_reads_differently_for_text_and_choices(
    resolved: ResolvedSet, lang: str
) -> None:
    explainer = Explainer(resolved, lang)
    text = words(explainer, "{question: plan, min_length: 3}")
    choices = words(explainer, "{question: measures, min_length: 3}")
    label_text = fmt.quote(explainer.question_label("plan"), lang)
    label_choices = fmt.quote(explainer.question_label("measures"), lang)
    assert text.replace(label_text, "") != choices.replace(label_choices, "")


# -- all, any, not -------------------------------------------------------------------------

FIRST = "{question: ghg, lt: 0}"
SECOND = "{question: analysis, eq: done}"
THIRD = "{question: fossil, eq: false}"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_all_joins_its_parts(resolved: ResolvedSet, lang: str) -> None:
    explainer = Explainer(resolved, lang)
    parts = [words(explainer, c) for c in (FIRST, SECOND, THIRD)]
    text = words(explainer, f"{{all: [{FIRST}, {SECOND}, {THIRD}]}}")
    assert text == fmt.join(parts, lang)
    if lang == "en":
        assert text == f"{parts[0]}, {parts[1]} and {parts[2]}"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_any_joins_its_parts_with_or(resolved: ResolvedSet, lang: str) -> None:
    explainer = Explainer(resolved, lang)
    parts = [words(explainer, c) for c in (FIRST, SECOND)]
    text = words(explainer, f"{{any: [{FIRST}, {SECOND}]}}")
    assert text == fmt.join(parts, lang, "or")
    assert text != fmt.join(parts, lang)
    if lang == "en":
        assert text == f"{parts[0]} or {parts[1]}"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_not_wraps_its_condition(resolved: ResolvedSet, lang: str) -> None:
    explainer = Explainer(resolved, lang)
    inner = words(explainer, SECOND)
    text = words(explainer, f"{{not: {SECOND}}}")
    assert inner in text
    assert text != inner
    if lang == "en":
        assert text == f"not ({inner})"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_nested_conditions(resolved: ResolvedSet, lang: str) -> None:
    explainer = Explainer(resolved, lang)
    any_part = words(explainer, f"{{any: [{FIRST}, {SECOND}]}}")
    not_part = words(explainer, f"{{not: {THIRD}}}")
    text = words(explainer, f"{{all: [{{any: [{FIRST}, {SECOND}]}}, {{not: {THIRD}}}]}}")
    # a combinator inside another is bracketed, so "(A or B) and not C" cannot be misread
    assert text == fmt.join([f"({any_part})", not_part], lang)


# -- reasons -------------------------------------------------------------------------------


def assessment(
    tmp_path: Path,
    answers: Mapping[str, Any],
    review: Mapping[str, Any] | None = None,
) -> Assessment:
    """Assess an application with ``answers`` against the explain set."""
    (tmp_path / "set.yaml").write_text(SET, encoding="utf-8")
    app: dict[str, Any] = {
        "kind": "application",
        "id": "E-1",
        "criteria": "set.yaml",
        "type": "project",
        "title": "Förklaring",
        "applicant": {"name": "Kommunen", "sector": "public"},
        "budget": {"total_sek": 100, "requested_sek": 50},
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "answers": dict(answers),
    }
    if review is not None:
        app["review"] = dict(review)
    document = parse_text(yaml.safe_dump(app, allow_unicode=True), "app.yaml")
    loaded = application_from_document(document, tmp_path, CriteriaLibrary(folders=[tmp_path]))
    return assess(loaded.criteria, loaded.model, loaded.answers)


def result(a: Assessment, criterion_id: str) -> CriterionResult:
    return next(r for r in a.criteria if r.id == criterion_id)


def improvement(a: Assessment, criterion_id: str) -> Improvement:
    return next(i for i in a.improvements if i.criterion == criterion_id)


PLAN_TEXT = "En plan för jämställdhet i hela projektet."
REVIEW = {
    "scores": {
        "MAN": {"points": 2, "comment": "  Små målkonflikter,\n  väl hanterade.\n"},
        "MAN-2": {"points": 1},
    }
}


@pytest.fixture
def scored(tmp_path: Path) -> Assessment:
    answers = {"ghg": -20, "jobs": 3, "plan": PLAN_TEXT, "start": "2026-03-01"}
    return assessment(tmp_path, answers, REVIEW)


GHG_LT_10 = "{question: ghg, lt: -10}"
GHG_LT_0 = "{question: ghg, lt: 0}"


def test_reason_for_labelled_level_gives_label_and_deciding_answer(
    scored: Assessment, sv: Explainer, en: Explainer
) -> None:
    r = result(scored, "EKO-1")
    assert (r.level, r.points) == (0, 3)
    assert en.reason(r) == "“Clear reduction”: -20\u00a0t CO2e/år"
    assert sv.reason(r) == f"”Tydlig minskning”: {fmt.number(-20, 'sv')}\u00a0t CO2e/år"


def test_reason_for_labelled_level_read_from_several_questions_is_the_label(
    scored: Assessment, sv: Explainer, en: Explainer
) -> None:
    r = result(scored, "PLAN")
    assert (r.level, r.points) == (0, 1)
    assert en.reason(r) == "“Plan in place”"
    assert sv.reason(r) == "”Plan finns”"


def test_reason_for_unlabelled_level_is_its_condition(
    tmp_path: Path, sv: Explainer, en: Explainer
) -> None:
    r = result(assessment(tmp_path, {"ghg": -5}), "EKO-1")
    assert (r.level, r.points) == (1, 2)
    assert en.reason(r) == en.condition(cond(GHG_LT_0)) + "."
    assert sv.reason(r) == sv.condition(cond(GHG_LT_0)) + "."
    assert "“Change in emissions”" in en.reason(r)
    assert "”Förändrade utsläpp”" in sv.reason(r)


def test_reason_for_fallback_level_gives_the_answer(
    tmp_path: Path, sv: Explainer, en: Explainer
) -> None:
    r = result(assessment(tmp_path, {"ghg": 5}), "EKO-1")
    assert (r.level, r.points) == (2, 0)
    assert en.reason(r) == "No higher level reached: 5\u00a0t CO2e/år"
    in_sv = sv.reason(r)
    assert in_sv.endswith(": 5\u00a0t CO2e/år")
    assert in_sv != en.reason(r)


def test_reason_for_fallback_level_when_unanswered(
    tmp_path: Path, sv: Explainer, en: Explainer
) -> None:
    r = result(assessment(tmp_path, {}), "EKO-1")
    assert (r.level, r.points) == (2, 0)
    assert en.reason(r) == "No higher level reached: not answered"
    assert sv.reason(r) != en.reason(r)


def test_reason_when_no_level_holds(scored: Assessment, sv: Explainer, en: Explainer) -> None:
    r = result(scored, "NONE")
    assert (r.level, r.points) == (None, 0)
    assert en.reason(r) == "No level's condition holds."
    assert sv.reason(r)
    assert sv.reason(r) != en.reason(r)


def test_reason_for_manual_criterion_with_comment(
    scored: Assessment, sv: Explainer, en: Explainer
) -> None:
    r = result(scored, "MAN")
    assert (r.points, r.manual) == (2, True)
    # the comment on one line, without the surrounding and repeated spaces
    assert en.reason(r) == "Case officer's judgement: Små målkonflikter, väl hanterade."
    assert "Små målkonflikter, väl hanterade." in sv.reason(r)


def test_reason_for_manual_criterion_without_comment(
    scored: Assessment, sv: Explainer, en: Explainer
) -> None:
    r = result(scored, "MAN-2")
    assert (r.points, r.comment) == (1, None)
    assert en.reason(r) == "Scored by the case officer."
    assert sv.reason(r)


def test_reason_for_unscored_manual_criterion(
    scored: Assessment, sv: Explainer, en: Explainer
) -> None:
    r = result(scored, "UNSCORED")
    assert r.status is Status.UNSCORED
    assert en.reason(r) == "Awaiting the case officer's score."
    assert sv.reason(r)
    assert sv.reason(r) != en.reason(r)
    assert sv.reason(r) != sv.reason(result(scored, "MAN-2"))


# -- explanations --------------------------------------------------------------------------


def test_explanation_gives_condition_and_every_answer(
    scored: Assessment, sv: Explainer, en: Explainer
) -> None:
    r = result(scored, "EKO-1")
    condition = en.condition(cond(GHG_LT_10))
    assert en.explanation(r) == (f"{condition}. Answers: Change in emissions: -20\u00a0t CO2e/år.")
    in_sv = sv.explanation(r)
    assert in_sv.startswith(sv.condition(cond(GHG_LT_10)))
    assert in_sv.endswith(f"Förändrade utsläpp: {fmt.number(-20, 'sv')}\u00a0t CO2e/år.")


def test_explanation_shows_text_length_not_text_and_dates(
    scored: Assessment, sv: Explainer, en: Explainer
) -> None:
    r = result(scored, "PLAN")
    in_en = en.explanation(r)
    assert f"Gender equality plan: answered ({len(PLAN_TEXT)} characters)" in in_en
    assert "Construction start: 1 March 2026" in in_en
    assert PLAN_TEXT not in in_en
    in_sv = sv.explanation(r)
    assert "Jämställdhetsplan: " in in_sv
    assert str(len(PLAN_TEXT)) in in_sv
    assert PLAN_TEXT not in in_sv
    assert f"Byggstart: {fmt.date(dt.date(2026, 3, 1), 'sv')}" in in_sv


def test_explanation_for_fallback_level(tmp_path: Path, en: Explainer) -> None:
    r = result(assessment(tmp_path, {"ghg": 5}), "EKO-1")
    assert en.explanation(r) == (
        "No higher level reached. Answers: Change in emissions: 5\u00a0t CO2e/år."
    )


@pytest.mark.parametrize("criterion", ["NONE", "MAN", "MAN-2", "UNSCORED"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_explanation_without_level_is_the_reason(
    scored: Assessment, resolved: ResolvedSet, criterion: str, lang: str
) -> None:
    explainer = Explainer(resolved, lang)
    r = result(scored, criterion)
    assert explainer.explanation(r) == explainer.reason(r)


# -- improvements --------------------------------------------------------------------------


def test_improvement_to_a_labelled_level(tmp_path: Path, sv: Explainer, en: Explainer) -> None:
    a = assessment(tmp_path, {"ghg": -5})
    i = improvement(a, "EKO-1")
    assert (i.from_points, i.to_points, i.level) == (2, 3, 0)
    condition = cond("{question: ghg, lt: -10}")
    assert en.improvement(i) == f"Reach “Clear reduction” (3 p): {en.condition(condition)}."
    in_sv = sv.improvement(i)
    assert "”Tydlig minskning”" in in_sv
    assert sv.condition(condition) in in_sv
    assert "3" in in_sv


def test_improvement_to_an_unlabelled_level(tmp_path: Path, sv: Explainer, en: Explainer) -> None:
    i = improvement(assessment(tmp_path, {"ghg": 5}), "EKO-1")
    assert (i.from_points, i.to_points, i.level) == (0, 2, 1)
    condition = en.condition(cond("{question: ghg, lt: 0}"))
    assert en.improvement(i) == f"Reach 2 p: {condition}."
    assert sv.condition(cond("{question: ghg, lt: 0}")) in sv.improvement(i)


def test_improvement_to_an_unconditional_level(
    tmp_path: Path, sv: Explainer, en: Explainer
) -> None:
    i = improvement(assessment(tmp_path, {"jobs": 101}), "JUMP")
    assert (i.from_points, i.to_points, i.level) == (0, 2, 1)
    assert en.improvement(i) == "2 p"
    assert "2" in sv.improvement(i)


def test_improvement_of_manual_criterion_gives_its_guidance(
    scored: Assessment, sv: Explainer, en: Explainer
) -> None:
    i = improvement(scored, "MAN")
    assert (i.from_points, i.to_points, i.level) == (2, 3, None)
    assert en.improvement(i) == "Judge goal conflicts."
    assert sv.improvement(i) == "Bedöm målkonflikter."
    without = improvement(scored, "MAN-2")
    assert en.improvement(without) == "The case officer scores this criterion."
    assert sv.improvement(without)


def test_remembered_answers_keep_values_that_only_compare_equal_apart(en: Explainer) -> None:
    # 0.0 == -0.0 and 1 == True in Python; each must still read as itself, whichever
    # came first in the round.
    zero, minus_zero = en.answer("ghg", 0.0), en.answer("ghg", -0.0)
    assert zero != minus_zero
    assert en.answer("ghg", -0.0) == minus_zero and en.answer("ghg", 0.0) == zero
    assert en.answer("ghg", 1) != en.answer("ghg", True)
    assert en.answer("ghg", [1]) != en.answer("ghg", [True])
