"""The interactive questionnaire: reading answers by type, asking only what applies, and
writing an application that validates."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path
from textwrap import dedent
from typing import TYPE_CHECKING, Any

import pytest
from rich.console import Console
from rich.text import Text

from hallbarhet_cli.applications.loading import application_from_document
from hallbarhet_cli.authoring.questionnaire import (
    AnswerError,
    LinePrompter,
    Questionnaire,
    RejectedLine,
    parse_answer,
    prompter_for,
    why_stopped,
)
from hallbarhet_cli.authoring.template import Filled, render_template
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.files.yamlload import parse_text
from hallbarhet_cli.i18n import gettext
from hallbarhet_cli.models import Question
from hallbarhet_cli.scoring.engine import assess, fill_form

if TYPE_CHECKING:
    from tests.unit.conftest import SetFolder


def question(**fields: Any) -> Question:
    fields.setdefault("id", "q")
    fields.setdefault("label", "Q")
    return Question.model_validate(fields)


NUMBER = question(type="number", min=-100, max=1000)
INTEGER = question(type="integer", min=0)
CHOICE = question(
    type="choice",
    options=[
        {"value": "none", "label": {"sv": "Ingen", "en": "None"}},
        {"value": "planned", "label": {"sv": "Planerad", "en": "Planned"}},
        {"value": "done", "label": {"sv": "Genomförd", "en": "Done"}},
    ],
)
MULTI = question(
    type="multichoice",
    options=[{"value": "reuse"}, {"value": "repair"}, {"value": "share"}],
)


@pytest.mark.parametrize(
    ("q", "text", "expected"),
    [
        (NUMBER, "-85", -85),
        (NUMBER, "2,5", 2.5),
        (NUMBER, "2.5", 2.5),
        (NUMBER, "1 000", 1000),
        (NUMBER, "\u221212", -12),
        (NUMBER, "3,0", 3),
        (INTEGER, "12", 12),
        (question(type="boolean"), "ja", True),
        (question(type="boolean"), "J", True),
        (question(type="boolean"), "yes", True),
        (question(type="boolean"), "y", True),
        (question(type="boolean"), "nej", False),
        (question(type="boolean"), "N", False),
        (question(type="boolean"), "no", False),
        (question(type="date"), "2026-04-01", dt.date(2026, 4, 1)),
        (CHOICE, "2", "planned"),
        (CHOICE, "done", "done"),
        (CHOICE, "genomförd", "done"),
        (MULTI, "1, 3", ["reuse", "share"]),
        (MULTI, "repair,reuse,repair", ["repair", "reuse"]),
        (MULTI, "2, share", ["repair", "share"]),
        (question(type="text", min_length=5), "  Fem tecken  ", "Fem tecken"),
    ],
)
def test_answers_are_read_by_type(q: Question, text: str, expected: Any) -> None:
    assert parse_answer(q, text, "sv") == expected


@pytest.mark.parametrize(
    ("q", "text", "fragment"),
    [
        (NUMBER, "abc", "Write a number"),
        (NUMBER, "5000", "from -100 to 1000"),
        (NUMBER, "-101", "from -100 to 1000"),
        (INTEGER, "2.5", "whole number"),
        (INTEGER, "-1", "at least 0"),
        (question(type="boolean"), "kanske", "yes or no"),
        (question(type="date"), "1 april", "YYYY-MM-DD"),
        (CHOICE, "4", "not one of the options"),
        (CHOICE, "0", "not one of the options"),
        (CHOICE, "maybe", "not one of the options"),
        (MULTI, "1, 7", "not one of the options"),
        (question(type="text", min_length=20), "Kort", "at least 20 characters"),
        (question(type="text"), "<fyll i>", "placeholder"),
    ],
)
def test_a_bad_answer_says_what_to_write(q: Question, text: str, fragment: str) -> None:
    with pytest.raises(AnswerError) as caught:
        parse_answer(q, text, "en")
    assert fragment in caught.value.message.render("en")
    caught.value.message.render("sv")  # renders in Swedish too


def test_english_thousands_are_not_read_as_decimals() -> None:
    with pytest.raises(AnswerError):
        parse_answer(NUMBER, "1,250", "en")
    assert parse_answer(NUMBER, "1,250", "sv") == 1.25


MINI_ANSWERS_HEAD = [
    "T-1",  # id
    "Testprojekt",  # title
    "Testkommun",  # applicant name
    "",  # org number: optional, skipped
    "1",  # sector: public sector
    "2000000",  # total
    "1000000",  # requested
    "2026-01-01",
    "2027-12-31",
    "",  # summary: skipped
]


class Person(LinePrompter):
    """A person at a terminal typing ``lines`` in turn: a rejected answer is asked again."""

    def ask(self, prompt: Text) -> str:
        answer = super().ask(prompt)
        self.line = None
        return answer


def session(criteria: ResolvedSet, lines: list[str], lang: str = "en") -> tuple[Questionnaire, str]:
    """Run a questionnaire on scripted answers; return it and its transcript."""
    out = io.StringIO()
    console = Console(file=out, width=100, highlight=False, markup=False, emoji=False)
    stream = io.StringIO("".join(f"{line}\n" for line in lines))
    questionnaire = Questionnaire(criteria, lang, Person(console, stream))
    with contextlib.suppress(EOFError):  # the script may end early, as a person may stop
        questionnaire.run()
    return questionnaire, out.getvalue()


def written(criteria: ResolvedSet, filled: Filled, lang: str = "en") -> str:
    return render_template(
        criteria, lang, criteria_ref="mini-set.yaml", cli_ref="mini-set.yaml", filled=filled
    )


def test_a_dependent_question_is_skipped_when_it_does_not_apply(
    mini_set: ResolvedSet, sets: SetFolder
) -> None:
    q, transcript = session(mini_set, [*MINI_ANSWERS_HEAD, "-5", "1", "", "nej"])
    assert "Gender equality plan" not in transcript
    assert q.filled.answers == {"ghg_change_t": -5, "gender_analysis": "none", "fossil": False}
    assert {"gender_plan", "jobs"} <= q.filled.settled
    text = written(mini_set, q.filled)
    document = parse_text(text, "app.yaml")
    loaded = application_from_document(document, sets.folder, sets.library)
    assert loaded.warnings == ()
    assert document.data["answers"]["gender_plan"] is None


def test_a_dependent_question_is_asked_when_it_applies(
    mini_set: ResolvedSet, sets: SetFolder
) -> None:
    plan = "En plan för jämställdhet i hela projektet."
    q, transcript = session(mini_set, [*MINI_ANSWERS_HEAD, "-15", "3", plan, "6", "nej"])
    assert "Gender equality plan" in transcript
    assert q.filled.answers["gender_plan"] == plan
    document = parse_text(written(mini_set, q.filled), "app.yaml")
    loaded = application_from_document(document, sets.folder, sets.library)
    result = assess(loaded.criteria, loaded.model, loaded.answers)
    points = {r.id: r.points for r in result.criteria}
    assert points == {"EKO-1": 3, "SOC-1": 2, "SOC-2": 0, "EKON-1": 2}


def test_bad_answers_are_asked_again_and_help_is_shown(mini_set: ResolvedSet) -> None:
    lines = [*MINI_ANSWERS_HEAD, "mycket", "?", "-5", "7", "?", "2", "kort", "?", ""]
    q, transcript = session(mini_set, lines)
    # "mycket", "7", "kort" and the empty answer to the required plan
    assert transcript.count("✘") == 4
    assert "There is no help text for this question." in transcript
    assert "At least 20 characters." in transcript
    assert q.filled.answers == {"ghg_change_t": -5, "gender_analysis": "planned"}


def test_a_required_question_cannot_be_skipped(mini_set: ResolvedSet) -> None:
    q, transcript = session(mini_set, [*MINI_ANSWERS_HEAD, "", "-5"])
    assert "This question is required" in transcript
    assert q.filled.answers == {"ghg_change_t": -5}


def test_the_fields_are_checked_against_each_other(mini_set: ResolvedSet) -> None:
    lines = [
        *MINI_ANSWERS_HEAD[:6],
        "3000000",  # more than the total budget
        "1000000",
        "2026-01-01",
        "2025-12-31",  # before the start
        "2027-12-31",
        "",
    ]
    q, transcript = session(mini_set, lines)
    assert "cannot be more than the total budget" in transcript
    assert "cannot be before the start date" in transcript
    assert q.filled.fields["budget.requested_sek"] == 1000000
    assert q.filled.fields["period.end"] == dt.date(2027, 12, 31)
    assert q.application().budget.requested_sek == 1000000


def test_stopping_keeps_what_was_answered(mini_set: ResolvedSet, sets: SetFolder) -> None:
    q, _ = session(mini_set, [*MINI_ANSWERS_HEAD, "-5"])
    assert q.filled.answers == {"ghg_change_t": -5}
    draft = written(mini_set, q.filled)
    assert 'gender_analysis: "<fill in>"' in draft
    with pytest.raises(Exception) as caught:
        application_from_document(parse_text(draft, "draft.yaml"), sets.folder, sets.library)
    rules = {p.rule for p in caught.value.problems}  # type: ignore[attr-defined]
    assert rules == {"placeholder"}


def test_the_type_is_asked_when_the_set_applies_to_both(sets: SetFolder) -> None:
    sets.write(
        dedent(
            """\
            kind: criteria-set
            id: both
            version: "1"
            title: Both
            applies_to: [project, business_support]
            dimensions: {social: {title: Social}}
            questions:
              - {id: open, type: boolean, label: Open, required: true}
            criteria:
              - id: S-1
                dimension: social
                title: S
                levels: [{points: 1, when: {question: open, eq: true}}, {points: 0}]
            """
        ),
        "both.yaml",
    )
    both = sets.resolve("both.yaml")
    head = [MINI_ANSWERS_HEAD[0], "2", *MINI_ANSWERS_HEAD[1:]]
    q, transcript = session(both, [*head, "ja"])
    assert gettext("business support", "en") in transcript
    assert q.filled.fields["type"] == "business_support"
    assert q.filled.answers == {"open": True}


def test_swedish_session_uses_swedish_labels(mini_set: ResolvedSet) -> None:
    _, transcript = session(mini_set, [*MINI_ANSWERS_HEAD, "-5", "1"], lang="sv")
    assert "Förändrade utsläpp" in transcript
    assert "Ingen" in transcript
    assert gettext("About the application", "sv") in transcript


def test_a_stream_that_is_not_a_terminal_is_read_line_by_line() -> None:
    console = Console(file=io.StringIO())
    assert isinstance(prompter_for(io.StringIO(""), console), LinePrompter)


@pytest.mark.parametrize("set_id", ["kronoberg-projektmedel", "kronoberg-foretagsstod"])
def test_a_whole_session_on_a_bundled_set_validates(set_id: str) -> None:
    """Answer every question that is asked with a simple valid answer; the file written
    validates without a warning, and the questions asked are those the engine asks."""
    criteria = CriteriaLibrary().resolve_path(BUNDLED / f"{set_id}.yaml")
    lines = list(MINI_ANSWERS_HEAD)
    lines[4] = "2"  # company
    planned = {q.id: _simple_answer(q) for q in criteria.questions}
    head, _ = session(criteria, lines)  # the fields only: the input ends at the first question
    asked = fill_form(criteria, head.application(), planned).asked
    lines += [_typed(planned[q.id]) for q in criteria.questions if q.id in asked]
    questionnaire, _ = session(criteria, lines)
    assert set(questionnaire.filled.answers) == asked
    text = render_template(
        criteria, "en", criteria_ref=set_id, cli_ref=set_id, filled=questionnaire.filled
    )
    loaded = application_from_document(parse_text(text, "app.yaml"), BUNDLED, CriteriaLibrary())
    assert loaded.warnings == ()
    assert loaded.answers == {k: planned[k] for k in asked}


BUNDLED = Path(__file__).parents[2] / "criteria"


def _simple_answer(q: Question) -> Any:
    if q.type == "boolean":
        return True
    if q.type == "choice":
        return q.option_values()[0]
    if q.type == "multichoice":
        return q.option_values()[:1]
    if q.type in ("number", "integer"):
        return q.min if q.min is not None and q.min > 0 else 0
    if q.type == "date":
        return dt.date(2026, 1, 1)
    return "x" * (q.min_length or 10)


def _typed(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def test_a_rejected_piped_line_stops_instead_of_taking_the_next_line(
    mini_set: ResolvedSet,
) -> None:
    """Piped answers cannot be corrected: asking again would take the line meant for the
    next question, and every later answer would go to the wrong question."""
    out = io.StringIO()
    console = Console(file=out, width=100, highlight=False, markup=False, emoji=False)
    lines = [*MINI_ANSWERS_HEAD, "mycket", "-5", "none", "6", "nej"]
    stream = io.StringIO("".join(f"{line}\n" for line in lines))
    questionnaire = Questionnaire(mini_set, "en", LinePrompter(console, stream))
    with pytest.raises(RejectedLine) as stopped:
        questionnaire.run()
    assert stopped.value.line == len(MINI_ANSWERS_HEAD) + 1
    assert "Write a number" in why_stopped(stopped.value, "en")
    assert "ghg_change_t" not in questionnaire.filled.answers
    # "-5" was not taken as the answer to the question "mycket" was rejected for.
    assert stream.readline() == "-5\n"
