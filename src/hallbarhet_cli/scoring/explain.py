"""Put conditions, answers, reasons and improvements into words, in Swedish or English."""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from typing import Any, Final, NamedTuple

from hallbarhet_cli import fmt
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.i18n import N_, gettext, ngettext
from hallbarhet_cli.models import All, Any_, Comparison, Condition, Not, Question, localize
from hallbarhet_cli.models.conditions import Ratio, questions_read
from hallbarhet_cli.models.fields import FIELDS, option_label
from hallbarhet_cli.models.operators import MIN_CHOICES_PHRASE, NOT_ANSWERED_PHRASE, OPERATORS
from hallbarhet_cli.models.text import unit_text
from hallbarhet_cli.scoring.assessment import CriterionResult, GateResult, Improvement, Status

_YES: Final = N_("yes")
_NO: Final = N_("no")
_NOT_ANSWERED: Final = N_("not answered")
_NOT: Final = N_("not ({condition})")
_RATIO: Final = N_("{of} per {per}")
_RATIO_SCALED: Final = N_("{of} per {scale} of {per}")
# At most this many answer texts are remembered per set and language (a round of free
# numbers would otherwise grow the memo without bound).
_MAX_REMEMBERED: Final = 50_000
# How many values of a list an explanation names before it says how many more there are.
_LISTED: Final = 20


def _memo_key(value: Any) -> Any:
    """A key under which ``value``'s text can be remembered: values that compare equal
    but read differently (``1`` and ``True``, ``0.0`` and ``-0.0``) get different keys."""
    if isinstance(value, list):
        return tuple(_memo_key(v) for v in value)
    if isinstance(value, float) and value == 0:
        return (float, math.copysign(1.0, value))
    return (type(value), value)


class _LevelWords(NamedTuple):
    """The words of one level of a criterion."""

    label: str | None
    quoted_label: str | None
    decided: tuple[str, ...] | None  # the questions its condition reads (None: no condition)
    sentence: str | None  # its condition as a sentence


class _Length:
    """Marks a remembered text answer, known by its length alone."""


@lru_cache(maxsize=32)
def explainer(criteria: ResolvedSet, lang: str) -> Explainer:
    """The shared :class:`Explainer` for a set and a language, so that a round of many
    applications puts each condition into words once."""
    return Explainer(criteria, lang)


class Explainer:
    """Words for one criteria set in one language.

    Names, condition texts and answer texts depend only on the set, the language and the
    answer, so each is worked out once and remembered: a funding round repeats the same
    few thousand of them across all its applications."""

    def __init__(self, criteria: ResolvedSet, lang: str) -> None:
        self.criteria = criteria
        self.lang = lang
        self._words: dict[int, tuple[Condition, str]] = {}
        self._names: dict[tuple[str, str], str] = {}
        self._answers: dict[tuple[Any, ...], str] = {}
        self._improvements: dict[tuple[str, int | None], str] = {}
        self._levels: dict[tuple[str, int], _LevelWords] = {}

    def _(self, message: str) -> str:
        return gettext(message, self.lang)

    # -- names ------------------------------------------------------------------------
    def _name(self, kind: str, name_id: str) -> str:
        key = (kind, name_id)
        known = self._names.get(key)
        if known is None:
            known = self._names[key] = self._find_name(kind, name_id)
        return known

    def _find_name(self, kind: str, name_id: str) -> str:
        criteria, lang = self.criteria, self.lang
        if kind == "question":
            question = criteria.question_map.get(name_id)
            return localize(question.label, lang) if question else name_id
        if kind == "criterion":
            return localize(criteria.criterion_map[name_id].title, lang)
        if kind == "advice":
            return localize(criteria.criterion_map[name_id].advice, lang)
        if kind == "gate":
            return localize(criteria.gate_map[name_id].title, lang)
        dimension = criteria.dimensions.get(name_id)
        return localize(dimension.title, lang) if dimension else name_id

    def question_label(self, question_id: str) -> str:
        return self._name("question", question_id)

    def criterion_title(self, criterion_id: str) -> str:
        return self._name("criterion", criterion_id)

    def gate_title(self, gate_id: str) -> str:
        return self._name("gate", gate_id)

    def dimension_title(self, dimension_id: str) -> str:
        return self._name("dimension", dimension_id)

    # -- values -----------------------------------------------------------------------
    def answer(self, question_id: str, value: Any) -> str:
        """An answer as the applicant would recognise it."""
        if value is None:
            return self._(_NOT_ANSWERED)
        question = self.criteria.question_map.get(question_id)
        if question is not None and question.type == "text" and isinstance(value, str):
            # A text answer is shown by its length, so the length is all that matters.
            key: tuple[Any, ...] = (question_id, _Length, len(value.strip()))
        else:
            key = (question_id, _memo_key(value))
        known = self._answers.get(key)
        if known is None:
            if key[1] is _Length:
                known = ngettext(
                    "answered ({n} character)", "answered ({n} characters)", key[2], self.lang
                ).format(n=key[2])
            else:
                known = self._value(question, value)
            if len(self._answers) < _MAX_REMEMBERED:
                self._answers[key] = known
        return known

    def _listed(self, question: Question | None, values: list[Any]) -> list[str]:
        """The values of a list as words. A long list (an `in:` of thousands of codes)
        is named by its first values: a sentence cannot hold it, and joining it all
        takes time that grows with its square."""
        shown = [self._value(question, v) for v in values[:_LISTED]]
        if len(values) > _LISTED:
            more = len(values) - _LISTED
            shown.append(
                ngettext("{n} more value", "{n} more values", more, self.lang).format(
                    n=fmt.number(more, self.lang)
                )
            )
        return shown

    def _value(self, question: Question | None, value: Any) -> str:
        if isinstance(value, bool):
            return self._(_YES if value else _NO)
        if isinstance(value, list):
            return fmt.join(self._listed(question, value), self.lang)
        if isinstance(value, dt.date):
            return fmt.date(value, self.lang)
        if isinstance(value, int | float):
            text = fmt.number(value, self.lang)
            if question is None or question.unit is None:
                return text
            return f"{text}\u00a0{unit_text(question.unit, self.lang, value)}"
        if question is not None and question.options:
            for option in question.options:
                if option.value == value:
                    return fmt.quote(localize(option.label, self.lang) or value, self.lang)
        text = str(value)
        return text if len(text) <= 80 else text[:77] + "..."

    # -- conditions -------------------------------------------------------------------
    def condition(self, condition: Condition) -> str:
        """A condition in words, e.g. ”Minskade utsläpp” är mindre än -10 t CO2e/år.

        The words depend only on the set and the language, so they are worked out once per
        condition; the memo holds the condition itself, so its id is never reused."""
        known = self._words.get(id(condition))
        if known is not None and known[0] is condition:
            return known[1]
        text = self._condition(condition)
        self._words[id(condition)] = (condition, text)
        return text

    def _condition(self, condition: Condition) -> str:
        if isinstance(condition, All):
            return fmt.join([self._nested(c) for c in condition.all], self.lang)
        if isinstance(condition, Any_):
            return fmt.join([self._nested(c) for c in condition.any], self.lang, "or")
        if isinstance(condition, Not):
            return self._(_NOT).format(condition=self.condition(condition.not_))
        return self.comparison(condition)

    def _nested(self, condition: Condition) -> str:
        """A condition inside ``all``/``any``: bracketed when it joins several itself, so
        "A and (B or C)" does not read as "A and B or C"."""
        text = self.condition(condition)
        return f"({text})" if isinstance(condition, All | Any_) else text

    def comparison(self, comparison: Comparison) -> str:
        op, value = comparison.op, comparison.value
        question = None
        if comparison.ratio is not None:
            subject = self.ratio(comparison.ratio)
        elif comparison.question is not None:
            question = self.criteria.question_map.get(comparison.question)
            subject = fmt.quote(self.question_label(comparison.question), self.lang)
        else:
            field = FIELDS.get(comparison.subject)
            subject = self._(field.label) if field else comparison.subject
            if field is not None and field.options:
                if isinstance(value, list):
                    value = [self._(option_label(field.name, str(v))) for v in value]
                elif isinstance(value, str):
                    value = self._(option_label(field.name, value))
        operator = OPERATORS[op]
        phrase = operator.phrase
        if operator.shape == "flag":
            phrase = phrase if value else NOT_ANSWERED_PHRASE
            return self._(phrase).format(subject=subject, value="")
        if operator.shape == "range":
            return self._(phrase).format(
                subject=subject,
                low=self._value(question, value.min),
                high=self._value(question, value.max),
            )
        if operator.shape == "count" and question is not None and question.type == "multichoice":
            phrase = MIN_CHOICES_PHRASE
        if isinstance(value, list):
            words = fmt.join(self._listed(question, value), self.lang, operator.join)
        elif operator.shape == "count":
            words = fmt.number(value, self.lang)
        else:
            words = self._value(question, value)
        return self._(phrase).format(subject=subject, value=words)

    def ratio(self, ratio: Ratio) -> str:
        """A ratio in words: ”Nya jobb” per 1 000 000 av sökt belopp (kr)."""
        sides = []
        for quantity in (ratio.of, ratio.per):
            if quantity.question is not None:
                sides.append(fmt.quote(self.question_label(quantity.question), self.lang))
            else:
                field = FIELDS.get(quantity.subject)
                sides.append(self._(field.label) if field else quantity.subject)
        if ratio.scale == 1:
            return self._(_RATIO).format(of=sides[0], per=sides[1])
        scale = fmt.number(ratio.scale, self.lang)
        return self._(_RATIO_SCALED).format(of=sides[0], per=sides[1], scale=scale)

    # -- results ----------------------------------------------------------------------
    def answers(self, read: tuple[tuple[str, Any], ...]) -> str:
        return "; ".join(_labelled(self.question_label(q), self.answer(q, a)) for q, a in read)

    def _level(self, criterion_id: str, index: int) -> _LevelWords:
        key = (criterion_id, index)
        known = self._levels.get(key)
        if known is None:
            level = (self.criteria.criterion_map[criterion_id].levels or [])[index]
            label = localize(level.label, self.lang) if level.label else None
            if level.when is not None:
                decided = questions_read(level.when)
                sentence = _sentence(self.condition(level.when))
            else:
                decided, sentence = None, None
            known = self._levels[key] = _LevelWords(
                label,
                fmt.quote(label, self.lang) if label else None,
                decided,
                sentence,
            )
        return known

    def reason(self, result: CriterionResult) -> str:
        """Why a criterion scored as it did, in a line: the level reached (its label, or
        its condition in words) and the answer that decided it when one question did."""
        if result.status is Status.UNSCORED:
            return self._(N_("Awaiting the case officer's score."))
        if result.manual:
            if result.grade is not None:
                return self.grade(result)
            if result.comment:
                return self._(N_("Case officer's judgement: {comment}")).format(
                    comment=" ".join(result.comment.split())
                )
            return self._(N_("Scored by the case officer."))
        if result.level is None:
            return self._(N_("No level's condition holds."))
        words = self._level(result.id, result.level)
        read = dict(result.answers)
        if words.decided is not None:
            decided = [q for q in words.decided if q in read]
        else:
            decided = list(read)
        answer = self.answer(decided[0], read[decided[0]]) if len(decided) == 1 else None
        if words.quoted_label:
            name = words.quoted_label
            return f"{name}: {answer}" if answer and answer != name else name
        if words.sentence is not None:
            return words.sentence
        if result.level == 0:
            return self.level_name(result.id, 0)
        text = self._(N_("No higher level reached"))
        return f"{text}: {answer}" if answer else _sentence(text)

    def grade(self, result: CriterionResult) -> str:
        """The named level the officer picked, with its points and the officer's comment."""
        manual = self.criteria.criterion_map[result.id].manual
        named = manual.named(result.grade) if manual and result.grade else None
        label = localize(named.label, self.lang) if named and named.label else None
        name = f"{result.grade} ({label})" if label else f"{result.grade}"
        text = self._(N_("Case officer's grade {grade}, {points} p")).format(
            grade=name, points=result.points
        )
        if result.comment:
            text = f"{text}: {' '.join(result.comment.split())}"
        return _sentence(text)

    def criterion_minimum(self, criterion_id: str) -> int:
        """The fewest points a criterion must reach for the verdict ``pass``."""
        criterion = self.criteria.criterion_map[criterion_id]
        if criterion.min_points is not None:
            return criterion.min_points
        return self.criteria.verdict.criterion_min_points or 0

    def level_label(self, result: CriterionResult) -> str | None:
        """The label of the level reached, if the level has one."""
        if result.manual or result.level is None:
            return None
        return self._level(result.id, result.level).label

    def explanation(self, result: CriterionResult) -> str:
        """The reason in full: the condition of the level reached, and every answer the
        criterion read."""
        if result.manual or result.level is None:
            return self.reason(result)
        text = self._level(result.id, result.level).sentence or self._(
            N_("No higher level reached.")
        )
        answers = self.answers(result.answers)
        if answers:
            text = text + " " + self._(N_("Answers: {answers}")).format(answers=answers)
        return _sentence(text)

    def level_name(self, criterion_id: str, index: int) -> str:
        level = (self.criteria.criterion_map[criterion_id].levels or [])[index]
        points = self._(N_("{points} p")).format(points=level.points)
        if level.label:
            return f"{fmt.quote(localize(level.label, self.lang), self.lang)} ({points})"
        return points

    def improvement(self, improvement: Improvement) -> str:
        """What the next level needs, in words."""
        key = (improvement.criterion, improvement.level)
        known = self._improvements.get(key)
        if known is None:
            known = self._improvements[key] = self._improvement(improvement)
        return known

    def _improvement(self, improvement: Improvement) -> str:
        criterion = self.criteria.criterion_map[improvement.criterion]
        if improvement.level is None:
            guidance = criterion.manual.guidance if criterion.manual else None
            return localize(guidance or criterion.guidance, self.lang) or self._(
                N_("The case officer scores this criterion.")
            )
        level = (criterion.levels or [])[improvement.level]
        if level.when is None:
            return self.level_name(criterion.id, improvement.level)
        return self._(N_("Reach {level}: {condition}.")).format(
            level=self.level_name(criterion.id, improvement.level),
            condition=self.condition(level.when),
        )

    def advice(self, criterion_id: str) -> str:
        return self._name("advice", criterion_id)

    def gate_reason(self, gate: GateResult) -> str:
        definition = self.criteria.gate_map[gate.id]
        reason = localize(definition.reason, self.lang)
        return reason or self.condition(definition.when)


def _labelled(label: str, answer: str) -> str:
    """``label: answer``, without a colon after a label that is a question."""
    return f"{label} {answer}" if label.rstrip().endswith("?") else f"{label}: {answer}"


def _sentence(text: str) -> str:
    """``text`` ending with one full stop (or its own closing punctuation)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", ":")) else f"{text}."
