"""What the officer must read herself: the text answers a criterion or gate reads, whether
a criterion's levels rest on the length of a text, and what could still change an
exclusion.

A criterion that counts characters cannot tell a plan from 200 characters of filler, so the
report puts every text it reads beside it and says when the score rests on length alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.models import Criterion
from hallbarhet_cli.models.conditions import comparisons
from hallbarhet_cli.reporters.viewtypes import TextAnswerView
from hallbarhet_cli.scoring.assessment import Assessment
from hallbarhet_cli.scoring.explain import Explainer


def text_answers(
    questions: Iterable[str], answers: Mapping[str, Any], explain: Explainer
) -> list[TextAnswerView]:
    """Each text question in ``questions`` with the applicant's text as written (also a text
    too short to count), in order."""
    out: list[TextAnswerView] = []
    for question_id in questions:
        question = explain.criteria.question_map.get(question_id)
        value = answers.get(question_id)
        if question is None or question.type != "text" or not isinstance(value, str):
            continue
        text = value.strip()
        if text:
            out.append(
                {
                    "question": question_id,
                    "label": explain.question_label(question_id),
                    "text": text,
                    "length": len(text),
                }
            )
    return out


def rests_on_length(criterion: Criterion, criteria: ResolvedSet) -> bool:
    """Whether a level of ``criterion`` compares the length of a text answer."""
    for level in criterion.levels or []:
        if level.when is None:
            continue
        for _, comparison in comparisons(level.when):
            if comparison.op != "min_length" or comparison.question is None:
                continue
            question = criteria.question_map.get(comparison.question)
            if question is not None and question.type == "text":
                return True
    return False


def criterion_questions(criteria: ResolvedSet, criterion_id: str) -> tuple[str, ...]:
    return criteria.criterion_questions.get(criterion_id, ())


def exclusion_could_change(assessment: Assessment, criteria: ResolvedSet) -> list[str]:
    """The missing answers that an excluding gate reads: answering them could change the
    gate. Empty when nothing missing could."""
    missing = {m.question for m in assessment.missing}
    read: dict[str, None] = {}
    for gate in assessment.gates:
        if gate.effect != "exclude":
            continue
        for _, comparison in comparisons(criteria.gate_map[gate.id].when):
            if comparison.question in missing:
                read.setdefault(comparison.question)
    return list(read)
