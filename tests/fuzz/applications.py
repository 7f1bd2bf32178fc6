"""Random applications for a bundled criteria set, valid or with one known defect.

Answers are built from the resolved set's questions: the right type within range and
among the options, or (for the defect) the wrong type, a value out of range, a value
that is not an option. The application is written as YAML text by hand, so the line of
every answer is known, and the defect's problem can be expected at it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Final

from hypothesis import strategies as st

from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.models import Question
from tests.fuzz.yamltext import flow, quoted, scalar

Draw = Any  # hypothesis' draw function
LIBRARY: Final = CriteriaLibrary()
# The bundled funding sets, resolved once: their questions are what answers are built from.
SETS: Final = ["kronoberg-projektmedel", "kronoberg-foretagsstod"]
RESOLVED: Final[dict[str, ResolvedSet]] = {ref: LIBRARY.resolve(ref, Where("fuzz")) for ref in SETS}
DAY0: Final = dt.date(2026, 1, 1)
SECTORS: Final = ["public", "company", "civil_society", "academia", "other"]
APPLICATION_TYPES: Final = ["project", "business_support"]
texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
long_texts = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=150, max_size=260
)


@dataclass(frozen=True)
class Defect:
    """What is wrong with a generated application: the rule that must report it and the
    line it must be reported on (``None`` where the line is not the point)."""

    rule: str
    line: int | None


@dataclass
class Generated:
    """A generated application: its text, the answers it gives (as typed values), and
    its defect if it has one."""

    text: str
    answers: dict[str, Any]
    defect: Defect | None = None
    lines: dict[str, int] = field(default_factory=dict)


def valid_answer(draw: Draw, question: Question, benign: bool = False) -> Any:
    """A valid answer; ``benign`` ones avoid the answers that gates act on (false, the
    first option, which in the bundled sets is the harmless one), so that applications
    reach every verdict, not only exclusion."""
    kind = question.type
    if benign and kind == "boolean":
        return False
    if benign and kind in ("choice", "multichoice") and question.options:
        first = question.options[0].value
        return first if kind == "choice" else [first]
    if kind in ("number", "integer"):
        low = question.min if question.min is not None else -(10**6)
        high = question.max if question.max is not None else 10**6
        if kind == "integer" or draw(st.booleans()):
            return draw(st.integers(int(low) if low == int(low) else int(low) + 1, int(high)))
        return draw(st.floats(low, high, allow_nan=False, allow_infinity=False))
    if kind == "boolean":
        # mostly false: most boolean questions ask about harm, and gates exclude on true
        return draw(st.sampled_from([False, False, False, True]))
    if kind == "date":
        return draw(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)))
    if kind == "text":
        long = question.min_length and draw(st.integers(0, 3))
        return draw(long_texts if long else texts)
    options = question.option_values()
    if not options:  # a set with errors: no option to choose
        return draw(texts)
    if kind == "choice":
        return draw(st.sampled_from(options))
    return draw(st.lists(st.sampled_from(options), max_size=len(options) + 1))


def wrong_answer(draw: Draw, question: Question) -> tuple[Any, str]:
    """An answer the question must refuse, and the rule that refuses it."""
    kind = question.type
    choice = draw(st.integers(0, 2))
    if kind in ("number", "integer"):
        if choice == 0:
            return draw(
                st.sampled_from(["many", "1:30", "1_000", "yes", [1], {"a": 1}])
            ), "answer-type"
        if choice == 1 and question.max is not None:
            return question.max + draw(st.integers(1, 10**6)), "answer-range"
        if choice == 1 and question.min is not None:
            return question.min - draw(st.integers(1, 10**6)), "answer-range"
        if kind == "integer":
            return draw(st.integers(0, 100)) + 0.5, "answer-type"
        return draw(st.sampled_from([float("nan"), float("inf"), float("-inf")])), "answer-type"
    if kind == "boolean":
        return draw(st.sampled_from(["yes", "no", "on", "off", "ja", 1, 0, [True]])), "answer-type"
    if kind == "date":
        return draw(st.sampled_from(["2026-4-1", "igår", 20260401, [DAY0]])), "answer-type"
    if kind == "text":
        return draw(st.sampled_from([[1, 2], {"a": "b"}])), "answer-type"
    options = question.option_values()
    bad = draw(texts.filter(lambda t: t not in options))
    if kind == "choice":
        if choice == 0:
            return draw(st.sampled_from([[options[0]], {"a": 1}])), "answer-type"
        return bad, "answer-option"
    if choice == 0:
        return options[0], "answer-type"
    return [*draw(st.lists(st.sampled_from(options), max_size=2)), bad], "answer-option"


PLAIN_WORD: Final = re.compile(r"^[a-z][a-z_]*$")


def answer_text(value: Any, question: Question) -> str:
    """An answer as YAML, as people write it: option values and digits plain (even for a
    text question, where YAML reads them as numbers and the reader must give back the
    text), other text quoted, flow style for lists and mappings."""
    plain = isinstance(value, str) and (PLAIN_WORD.match(value) or value.isdigit())
    if plain and value not in ("true", "false", "null") and question.type != "date":
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) and PLAIN_WORD.match(v) for v in value):
        return "[" + ", ".join(value) + "]"
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, list | dict):
        return flow(value)
    return scalar(value)


METADATA_DEFECTS: Final = [
    "budget-exceeds",
    "period-order",
    "negative-amount",
    "bad-sector",
    "not-applicable",
    "unknown-key",
    "missing-key",
    "unknown-answer",
]


@st.composite
def applications(draw: Draw, criteria: ResolvedSet, set_ref: str) -> Generated:
    """An application for ``criteria``: valid, or with exactly one defect."""
    defect_kind = draw(
        st.sampled_from(["none"] * 8 + ["answer"] * 4 + ["review", *METADATA_DEFECTS]),
        label="defect",
    )
    total = draw(st.integers(0, 10**9))
    requested = draw(st.integers(0, total))
    start = DAY0 + dt.timedelta(days=draw(st.integers(0, 3000)))
    end = start + dt.timedelta(days=draw(st.integers(0, 3000)))
    app_type = criteria.root.model.applies_to[0]
    sector = draw(st.sampled_from(SECTORS))
    rows: list[str] = []
    defect: Defect | None = None

    def row(text: str) -> int:
        rows.append(text)
        return len(rows)

    row("kind: application")
    row(f"id: {quoted(draw(texts.filter(lambda t: t[:1].strip() != '' and chr(10) not in t)))}")
    row(f"criteria: {set_ref}")
    if defect_kind == "not-applicable":
        other = next(t for t in APPLICATION_TYPES if t not in criteria.root.model.applies_to)
        defect = Defect("not-applicable", row(f"type: {other}"))
    else:
        row(f"type: {app_type}")
    if defect_kind != "missing-key":
        row(f"title: {quoted(draw(texts.filter(lambda t: 0 < len(t) <= 500)))}")
    else:
        defect = Defect("missing-key", None)
    if defect_kind == "bad-sector":
        defect = Defect("schema", row("applicant: {name: Sökande, sector: kommun}"))
    else:
        row(f"applicant: {{name: {quoted('Sökande AB')}, sector: {sector}}}")
    if defect_kind == "budget-exceeds":
        defect = Defect(
            "budget-exceeds", row(f"budget: {{total_sek: {total}, requested_sek: {total + 1}}}")
        )
    elif defect_kind == "negative-amount":
        defect = Defect("schema", row(f"budget: {{total_sek: {total}, requested_sek: -1}}"))
    else:
        row(f"budget: {{total_sek: {total}, requested_sek: {requested}}}")
    if defect_kind == "period-order" and end > start:
        defect = Defect("period-order", row(f"period: {{start: {end}, end: {start}}}"))
    else:
        row(f"period: {{start: {start}, end: {end}}}")
    if draw(st.booleans()):
        row(f"summary: {quoted(draw(texts))}")
    if defect_kind == "unknown-key":
        defect = Defect("unknown-key", row("titel: Stavfel"))

    answers: dict[str, Any] = {}
    lines: dict[str, int] = {}
    benign = draw(st.booleans(), label="benign")
    questions = list(criteria.questions)
    if draw(st.booleans(), label="answers every question"):
        chosen = questions
    else:
        chosen = draw(st.lists(st.sampled_from(questions), unique_by=lambda q: q.id))
    wrong_at = draw(st.integers(0, max(0, len(chosen) - 1))) if chosen else None
    row("answers:")
    for i, question in enumerate(chosen):
        value = valid_answer(draw, question, benign)
        if defect_kind == "answer" and i == wrong_at:
            value, rule = wrong_answer(draw, question)
            defect = Defect(rule, len(rows) + 1)
        elif question.type == "text" and draw(st.integers(0, 3)) == 0:
            value = str(draw(st.integers(0, 10**6)))  # written plain: YAML reads a number
        lines[question.id] = row(f"  {question.id}: {answer_text(value, question)}")
        if defect is None or defect.line != lines[question.id]:
            answers[question.id] = value
    if defect_kind == "unknown-answer":
        defect = Defect("unknown-answer", row("  fraga_som_inte_finns: 1"))
    if not chosen and defect_kind != "unknown-answer":
        rows[-1] = "answers: {}"

    manual = [c for c in criteria.criteria if c.manual is not None]
    review_gates = [g.id for g in criteria.gates if g.effect == "review"]
    if manual or review_gates:
        row("review:")
        row("  scores:" if manual else "  scores: {}")
        for criterion in manual:
            assert criterion.manual is not None
            points = draw(st.integers(0, criterion.manual.max_points))
            line = len(rows) + 1
            if defect_kind == "review" and defect is None:
                points = criterion.manual.max_points + draw(st.integers(1, 5))
                defect = Defect("score-range", line)
            row(f"    {criterion.id}: {{points: {points}}}")
        cleared = draw(st.lists(st.sampled_from(review_gates), unique=True)) if review_gates else []
        row(f"  cleared: [{', '.join(cleared)}]")
    return Generated("\n".join(rows) + "\n", answers, defect, lines)
