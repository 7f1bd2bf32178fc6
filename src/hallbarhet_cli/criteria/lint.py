"""Semantic checks on a criteria set, beyond what its schema can say.

Each check is a small function registered with :func:`check`; its docstring is the
documentation criteria authors read. A check sees one file (``ctx.own``) together with the
set it resolves to (``ctx.resolved``, which includes everything the file extends), and
reports problems located in that file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from hallbarhet_cli.criteria.promises import COMPARABLE, NUMERIC
from hallbarhet_cli.criteria.resolved import ResolvedSet, SourcedSet
from hallbarhet_cli.errors import Message, Problem, Severity
from hallbarhet_cli.files.yamlload import DataPath
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models import Comparison, Condition, CriteriaSet
from hallbarhet_cli.models.conditions import Quantity, comparisons, questions_read
from hallbarhet_cli.models.fields import FIELDS
from hallbarhet_cli.models.operators import OPERATORS
from hallbarhet_cli.models.text import Text, languages
from hallbarhet_cli.models.validation import did_you_mean

CheckFn = Callable[["LintContext"], Iterator[Problem]]


@dataclass(frozen=True)
class Check:
    """A registered lint check: its rule id, severity and documentation."""

    id: str
    severity: Severity
    doc: str
    run: CheckFn


CHECKS: Final[dict[str, Check]] = {}


def check(rule: str, severity: Severity = Severity.ERROR) -> Callable[[CheckFn], CheckFn]:
    """Register a lint check under ``rule``."""

    def register(fn: CheckFn) -> CheckFn:
        CHECKS[rule] = Check(rule, severity, (fn.__doc__ or "").strip(), fn)
        return fn

    return register


@dataclass(frozen=True)
class LintContext:
    own: SourcedSet
    resolved: ResolvedSet

    @property
    def model(self) -> CriteriaSet:
        return self.own.model

    def problem(self, rule: str, path: DataPath, message: Message, *, key: bool = False) -> Problem:
        return self.own.document.problem(path, rule, message, CHECKS[rule].severity, key=key)

    def conditions(self) -> Iterator[tuple[DataPath, Condition]]:
        """Every condition written in this file, with its path."""
        for i, question in enumerate(self.model.questions):
            if question.relevant is not None:
                yield ("questions", i, "relevant"), question.relevant
        for i, criterion in enumerate(self.model.criteria):
            for j, level in enumerate(criterion.levels or []):
                if level.when is not None:
                    yield ("criteria", i, "levels", j, "when"), level.when
        for i, gate in enumerate(self.model.gates):
            yield ("gates", i, "when"), gate.when

    def comparisons(self) -> Iterator[tuple[DataPath, Comparison]]:
        for path, condition in self.conditions():
            for inner, comparison in comparisons(condition):
                yield (*path, *inner), comparison

    def subjects(self) -> Iterator[tuple[DataPath, str | None, str | None]]:
        """Every question or field a comparison reads, the sides of ratios included: its
        path, and the question id or the field name (the other is ``None``)."""
        for path, comparison in self.comparisons():
            if comparison.ratio is None:
                yield path, comparison.question, comparison.field
                continue
            for side, quantity in _sides(comparison):
                yield (*path, "ratio", side), quantity.question, quantity.field


def lint(own: SourcedSet, resolved: ResolvedSet) -> list[Problem]:
    """Run every registered check on one file of ``resolved``."""
    ctx = LintContext(own, resolved)
    return [problem for c in CHECKS.values() for problem in c.run(ctx)]


def _sides(comparison: Comparison) -> Iterator[tuple[str, Quantity]]:
    """The sides of a comparison's ratio with their keys; none without a ratio."""
    if comparison.ratio is not None:
        yield "of", comparison.ratio.of
        yield "per", comparison.ratio.per


def _subject_type(ctx: LintContext, comparison: Comparison) -> tuple[str, list[str]] | None:
    """The type and options of what a comparison reads, or ``None`` when unknown."""
    if comparison.ratio is not None:
        return ("number", [])
    if comparison.question is not None:
        question = ctx.resolved.question_map.get(comparison.question)
        return (question.type, question.option_values()) if question else None
    field = FIELDS.get(comparison.subject)
    return (field.type, [value for value, _ in field.options]) if field else None


@check("unknown-question")
def _unknown_question(ctx: LintContext) -> Iterator[Problem]:
    """A condition names a question that no set in the chain declares.

    ``{question: ghg_chnage_t, lt: 0}`` where the question is ``ghg_change_t``."""
    known = ctx.resolved.question_map
    for path, question, _ in ctx.subjects():
        if question is not None and question not in known:
            yield ctx.problem(
                "unknown-question",
                (*path, "question"),
                Message(
                    N_("The condition names an unknown question {id!r}."),
                    {"id": question},
                    did_you_mean(question, known),
                ),
            )


@check("unknown-field")
def _unknown_field(ctx: LintContext) -> Iterator[Problem]:
    """A condition names an application field that conditions cannot read. The fields
    are ``type``, ``applicant.sector``, ``budget.total_sek``, ``budget.requested_sek``,
    ``period.start`` and ``period.end``."""
    for path, _, field in ctx.subjects():
        if field is not None and field not in FIELDS:
            yield ctx.problem(
                "unknown-field",
                (*path, "field"),
                Message(
                    N_("The condition names an unknown field {field!r}; the fields are {fields}."),
                    {"field": field, "fields": ", ".join(FIELDS)},
                    did_you_mean(field, FIELDS),
                ),
            )


@check("ratio-type")
def _ratio_type(ctx: LintContext) -> Iterator[Problem]:
    """A ratio divides something that is not a number: both ``of`` and ``per`` must be a
    number or integer question or a number field such as ``budget.requested_sek``.

    ``{ratio: {of: {question: gender_analysis}, per: {field: budget.requested_sek}}, ge: 1}``
    where ``gender_analysis`` is a choice."""
    for path, comparison in ctx.comparisons():
        for side, quantity in _sides(comparison):
            kind: str | None
            if quantity.question is not None:
                question = ctx.resolved.question_map.get(quantity.question)
                kind = question.type if question is not None else None
            else:
                field = FIELDS.get(quantity.subject)
                kind = field.type if field is not None else None
            if kind is None or kind in ("number", "integer"):
                continue  # unknown ones are reported by their own checks
            yield ctx.problem(
                "ratio-type",
                (*path, "ratio", side),
                Message(
                    N_("A ratio divides numbers, but {subject!r} is of type {type}."),
                    {"subject": quantity.subject, "type": kind},
                ),
            )


@check("operator-type")
def _operator_type(ctx: LintContext) -> Iterator[Problem]:
    """An operator does not fit the type of the question it compares: ``lt`` on a text
    question, ``includes_any`` on a single choice, ``min_length`` on a number."""
    for path, comparison in ctx.comparisons():
        subject = _subject_type(ctx, comparison)
        if subject is not None and subject[0] not in OPERATORS[comparison.op].fits:
            yield ctx.problem(
                "operator-type",
                (*path, comparison.op),
                Message(
                    N_("The operator {op!r} does not fit {subject!r}, a {type} question."),
                    {"op": comparison.op, "subject": comparison.subject, "type": subject[0]},
                ),
                key=True,
            )


def _value_fits(kind: str, value: Any) -> bool:
    if kind in ("number", "integer"):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "date":
        return isinstance(value, dt.date)
    return isinstance(value, str)


@check("value-type")
def _value_type(ctx: LintContext) -> Iterator[Problem]:
    """A comparison's value is of the wrong type for its question: ``eq: "yes"`` on a
    boolean question (write ``true``), ``lt: "10"`` on a number, a single value where the
    operator takes a list."""
    for path, comparison in ctx.comparisons():
        subject = _subject_type(ctx, comparison)
        op = OPERATORS[comparison.op]
        if subject is None or subject[0] not in op.fits:
            continue
        kind = "choice" if subject[0] == "multichoice" else subject[0]
        for inner, item in op.compared_values(comparison.value):
            if item is not None and not _value_fits(kind, item):
                where = (*path, comparison.op, *inner)
                yield ctx.problem(
                    "value-type",
                    where,
                    Message(
                        N_("The value {value!r} does not fit {subject!r}, a {type} question."),
                        {"value": item, "subject": comparison.subject, "type": subject[0]},
                    ),
                )


@check("unknown-option")
def _unknown_option(ctx: LintContext) -> Iterator[Problem]:
    """A condition compares a choice question with a value that is not one of its
    options, so the condition can never hold as meant."""
    for path, comparison in ctx.comparisons():
        subject = _subject_type(ctx, comparison)
        if subject is None or subject[0] not in ("choice", "multichoice") or not subject[1]:
            continue
        for inner, item in OPERATORS[comparison.op].compared_values(comparison.value):
            if isinstance(item, str) and item not in subject[1]:
                where = (*path, comparison.op, *inner)
                yield ctx.problem(
                    "unknown-option",
                    where,
                    Message(
                        N_("{value!r} is not an option of {subject!r}; the options are {options}."),
                        {
                            "value": item,
                            "subject": comparison.subject,
                            "options": ", ".join(subject[1]),
                        },
                        did_you_mean(item, subject[1]),
                    ),
                )


@check("null-value")
def _null_value(ctx: LintContext) -> Iterator[Problem]:
    """A comparison with the value ``null``. An unanswered question makes every
    comparison false, so write ``answered: false`` to test for a missing answer."""
    for path, comparison in ctx.comparisons():
        if comparison.op != "answered" and comparison.value is None:
            yield ctx.problem(
                "null-value",
                (*path, comparison.op),
                Message(
                    N_(
                        "Comparing with null never holds; use `answered: false` for a missing "
                        "answer."
                    )
                ),
            )


@check("relevant-order")
def _relevant_order(ctx: LintContext) -> Iterator[Problem]:
    """A question's ``relevant`` condition refers to the question itself or to one that
    comes later in the form. The form is filled in order, so a condition may only look
    back at questions already asked."""
    order = {q.id: i for i, q in enumerate(ctx.resolved.questions)}
    for i, question in enumerate(ctx.model.questions):
        if question.relevant is None:
            continue
        for inner, comparison in comparisons(question.relevant):
            ref = comparison.question
            if ref is not None and ref in order and order[ref] >= order[question.id]:
                yield ctx.problem(
                    "relevant-order",
                    ("questions", i, "relevant", *inner, "question"),
                    Message(
                        N_(
                            "{id!r} is asked only when {ref!r} is answered a certain way, but "
                            "{ref!r} does not come before it."
                        ),
                        {"id": question.id, "ref": ref},
                    ),
                )


@check("unknown-dimension")
def _unknown_dimension(ctx: LintContext) -> Iterator[Problem]:
    """A criterion belongs to a dimension that no set in the chain declares."""
    known = ctx.resolved.dimensions
    for i, criterion in enumerate(ctx.model.criteria):
        if criterion.dimension not in known:
            yield ctx.problem(
                "unknown-dimension",
                ("criteria", i, "dimension"),
                Message(
                    N_(
                        "The dimension {dimension!r} is not declared in the set; the declared "
                        "dimensions are {known}."
                    ),
                    {"dimension": criterion.dimension, "known": ", ".join(known) or "-"},
                    did_you_mean(criterion.dimension, known),
                ),
            )


@check("levels-or-manual")
def _levels_or_manual(ctx: LintContext) -> Iterator[Problem]:
    """A criterion must have either ``levels`` or ``manual``, not both and not neither."""
    for i, criterion in enumerate(ctx.model.criteria):
        if (criterion.levels is None) == (criterion.manual is None):
            yield ctx.problem(
                "levels-or-manual",
                ("criteria", i),
                Message(
                    N_(
                        "The criterion {id!r} needs either `levels` or `manual`, not both or "
                        "neither."
                    ),
                    {"id": criterion.id},
                ),
            )


@check("zero-max-points")
def _zero_max_points(ctx: LintContext) -> Iterator[Problem]:
    """A criterion whose levels all give 0 points. It can never score, yet it pulls its
    dimension's percent down by its weight."""
    for i, criterion in enumerate(ctx.model.criteria):
        if criterion.levels and criterion.max_points == 0:
            yield ctx.problem(
                "zero-max-points",
                ("criteria", i, "levels"),
                Message(
                    N_("Every level of {id!r} gives 0 points, so it can never score."),
                    {"id": criterion.id},
                ),
                key=True,
            )


@check("unreachable-level")
def _unreachable_level(ctx: LintContext) -> Iterator[Problem]:
    """A level comes after a level without ``when``. The ladder stops at the first level
    that holds, and a level without ``when`` always holds, so the ones after it never
    score."""
    for i, criterion in enumerate(ctx.model.criteria):
        levels = criterion.levels or []
        for j, level in enumerate(levels[:-1]):
            if level.when is None:
                yield ctx.problem(
                    "unreachable-level",
                    ("criteria", i, "levels", j + 1),
                    Message(
                        N_(
                            "This level can never be reached: the level "
                            "before it has no `when`, so it always holds."
                        )
                    ),
                )
                break


@check("level-order", Severity.WARNING)
def _level_order(ctx: LintContext) -> Iterator[Problem]:
    """Levels are not ordered from most to fewest points. The first level that holds
    scores, so a lower level above a higher one hides it whenever both hold."""
    for i, criterion in enumerate(ctx.model.criteria):
        points = [level.points for level in criterion.levels or []]
        for j in range(1, len(points)):
            if points[j] > points[j - 1]:
                yield ctx.problem(
                    "level-order",
                    ("criteria", i, "levels", j, "points"),
                    Message(
                        N_(
                            "This level gives more points than the one "
                            "before it; order levels from most points to "
                            "fewest."
                        )
                    ),
                )
                break


@check("unused-question", Severity.WARNING)
def _unused_question(ctx: LintContext) -> Iterator[Problem]:
    """A question that no criterion, gate or ``relevant`` condition reads. It costs the
    applicant time and changes nothing."""
    used: set[str] = set()
    conditions: list[Condition] = [
        q.relevant for q in ctx.resolved.questions if q.relevant is not None
    ]
    conditions += [
        lv.when for c in ctx.resolved.criteria for lv in c.levels or [] if lv.when is not None
    ]
    conditions += [g.when for g in ctx.resolved.gates]
    for condition in conditions:
        used.update(questions_read(condition))
    for i, question in enumerate(ctx.model.questions):
        if question.id not in used:
            yield ctx.problem(
                "unused-question",
                ("questions", i, "id"),
                Message(
                    N_("No criterion, gate or condition uses the question {id!r}."),
                    {"id": question.id},
                ),
            )


@check("choice-options")
def _choice_options(ctx: LintContext) -> Iterator[Problem]:
    """A choice question without options, with an option twice, or options on a question
    that is not a choice."""
    for i, question in enumerate(ctx.model.questions):
        values = question.option_values()
        if question.type in ("choice", "multichoice") and not values:
            yield ctx.problem(
                "choice-options",
                ("questions", i, "type"),
                Message(
                    N_("The {type} question {id!r} has no options."),
                    {"type": question.type, "id": question.id},
                ),
            )
        elif question.type not in ("choice", "multichoice") and values:
            yield ctx.problem(
                "choice-options",
                ("questions", i, "options"),
                Message(
                    N_(
                        "Only choice and multichoice questions have options; {id!r} is a "
                        "{type} question."
                    ),
                    {"type": question.type, "id": question.id},
                ),
                key=True,
            )
        for j, value in enumerate(values):
            if value in values[:j]:
                yield ctx.problem(
                    "choice-options",
                    ("questions", i, "options", j, "value"),
                    Message(N_("The option {value!r} is listed twice."), {"value": value}),
                )


@check("question-limits")
def _question_limits(ctx: LintContext) -> Iterator[Problem]:
    """``min`` above ``max``, limits on a question that is not a number, or
    ``min_length`` on a question that is not text."""
    for i, question in enumerate(ctx.model.questions):
        numeric = question.type in ("number", "integer")
        if question.min is not None and question.max is not None and question.min > question.max:
            yield ctx.problem(
                "question-limits",
                ("questions", i, "min"),
                Message(
                    N_("`min` ({min}) is above `max` ({max})."),
                    {"min": question.min, "max": question.max},
                ),
                key=True,
            )
        for name in ("min", "max"):
            if getattr(question, name) is not None and not numeric:
                yield ctx.problem(
                    "question-limits",
                    ("questions", i, name),
                    Message(
                        N_("`{name}` applies only to number and integer questions."), {"name": name}
                    ),
                    key=True,
                )
        if question.min_length is not None and question.type != "text":
            yield ctx.problem(
                "question-limits",
                ("questions", i, "min_length"),
                Message(N_("`min_length` applies only to text questions.")),
                key=True,
            )


@check("sdg-range")
def _sdg_range(ctx: LintContext) -> Iterator[Problem]:
    """An SDG number outside 1-17 (the UN's 17 Sustainable Development Goals)."""
    for i, criterion in enumerate(ctx.model.criteria):
        for j, goal in enumerate(criterion.sdg):
            if not 1 <= goal <= 17:
                yield ctx.problem(
                    "sdg-range",
                    ("criteria", i, "sdg", j),
                    Message(
                        N_("There is no SDG {goal}; the goals are numbered 1 to 17."),
                        {"goal": goal},
                    ),
                )


@check("zero-weight")
def _zero_weight(ctx: LintContext) -> Iterator[Problem]:
    """A dimension whose criteria weigh zero in total, or dimensions that all weigh zero:
    the percent would divide by zero."""
    if not ctx.resolved.criteria:
        return
    for dim_id in ctx.model.dimensions:
        members = [c for c in ctx.resolved.criteria if c.dimension == dim_id]
        if members and sum(c.weight for c in members) <= 0:
            yield ctx.problem(
                "zero-weight",
                ("dimensions", dim_id),
                Message(
                    N_("The criteria in the dimension {id!r} weigh zero in total."), {"id": dim_id}
                ),
                key=True,
            )
    if ctx.model.dimensions and all(d.weight <= 0 for d in ctx.resolved.dimensions.values()):
        yield ctx.problem(
            "zero-weight", ("dimensions",), Message(N_("Every dimension weighs zero.")), key=True
        )


@check("weight-uncertainty")
def _weight_uncertainty(ctx: LintContext) -> Iterator[Problem]:
    """``weight_uncertainty`` names a dimension or a criterion that the set (with what it
    extends) does not have: the value would never be used."""
    from hallbarhet_cli.models import WeightUncertainty

    declared = ctx.model.weight_uncertainty
    if not isinstance(declared, WeightUncertainty):
        return
    for section, known in (
        ("dimensions", list(ctx.resolved.dimensions)),
        ("criteria", [c.id for c in ctx.resolved.criteria]),
    ):
        for name in getattr(declared, section):
            if name not in known:
                yield ctx.problem(
                    "weight-uncertainty",
                    ("weight_uncertainty", section, name),
                    Message(_UNUSED[section], {"id": name}, did_you_mean(name, known)),
                    key=True,
                )


_UNUSED: Final = {
    "dimensions": N_("The set has no dimension {id!r}, so its weight uncertainty is unused."),
    "criteria": N_("The set has no criterion {id!r}, so its weight uncertainty is unused."),
}


@check("empty-dimension", Severity.WARNING)
def _empty_dimension(ctx: LintContext) -> Iterator[Problem]:
    """A declared dimension with no criteria. It is left out of the overall percent,
    which is rarely what the author meant."""
    if not ctx.resolved.criteria:
        return
    for dim_id in ctx.model.dimensions:
        if not any(c.dimension == dim_id for c in ctx.resolved.criteria):
            yield ctx.problem(
                "empty-dimension",
                ("dimensions", dim_id),
                Message(N_("The dimension {id!r} has no criteria."), {"id": dim_id}),
                key=True,
            )


def _texts(model: CriteriaSet) -> Iterator[tuple[DataPath, Text | None]]:
    yield ("title",), model.title
    yield ("description",), model.description
    for key, dimension in model.dimensions.items():
        yield ("dimensions", key, "title"), dimension.title
    for i, q in enumerate(model.questions):
        yield ("questions", i, "label"), q.label
        yield ("questions", i, "help"), q.help
        for j, option in enumerate(q.options or []):
            yield ("questions", i, "options", j, "label"), option.label
    for i, c in enumerate(model.criteria):
        for name in ("title", "guidance", "advice"):
            yield ("criteria", i, name), getattr(c, name)
        for j, level in enumerate(c.levels or []):
            yield ("criteria", i, "levels", j, "label"), level.label
        if c.manual is not None:
            yield ("criteria", i, "manual", "guidance"), c.manual.guidance
            for j, named in enumerate(c.manual.levels or []):
                yield ("criteria", i, "manual", "levels", j, "label"), named.label
    for i, g in enumerate(model.gates):
        yield ("gates", i, "title"), g.title
        yield ("gates", i, "reason"), g.reason


@check("missing-translation", Severity.WARNING)
def _missing_translation(ctx: LintContext) -> Iterator[Problem]:
    """A text is missing a language that other texts in the set are written in, so
    readers of that language would see another language there."""
    used: set[str] = set()
    for _, text in _texts(ctx.model):
        used |= languages(text)
    if len(used) < 2:
        return
    for path, text in _texts(ctx.model):
        if text is None:
            continue
        missing = sorted(used - languages(text))
        if missing:
            yield ctx.problem(
                "missing-translation",
                path,
                Message(N_("No translation into {languages}."), {"languages": ", ".join(missing)}),
            )


@check("follow-up-question")
def _follow_up_question(ctx: LintContext) -> Iterator[Problem]:
    """A ``follow_up`` entry names a question that no set in the chain declares, or one
    that an earlier entry in the file already names.

    ``follow_up: [{question: jobs_expcted}]`` where the question is ``jobs_expected``."""
    known = ctx.resolved.question_map
    seen: set[str] = set()
    for i, promise in enumerate(ctx.model.follow_up):
        path = ("follow_up", i, "question")
        if promise.question not in known:
            yield ctx.problem(
                "follow-up-question",
                path,
                Message(
                    N_("The follow-up entry names an unknown question {id!r}."),
                    {"id": promise.question},
                    did_you_mean(promise.question, known),
                ),
            )
        elif promise.question in seen:
            yield ctx.problem(
                "follow-up-question",
                path,
                Message(
                    N_("The question {id!r} already has a follow-up entry."),
                    {"id": promise.question},
                ),
            )
        seen.add(promise.question)


@check("follow-up-type")
def _follow_up_type(ctx: LintContext) -> Iterator[Problem]:
    """A ``follow_up`` entry must name a question whose answers can be compared with what
    was delivered: a number, a whole number, a choice (its options in order from least
    to most), a yes/no question or a date; not text or a multiple choice. A tolerance
    applies to numbers only."""
    known = ctx.resolved.question_map
    for i, promise in enumerate(ctx.model.follow_up):
        question = known.get(promise.question)
        if question is None:
            continue
        if question.type not in COMPARABLE:
            yield ctx.problem(
                "follow-up-type",
                ("follow_up", i, "question"),
                Message(
                    N_(
                        "{id!r} is a {type} question, which cannot be compared with what was "
                        "delivered; follow up a number, choice, yes/no or date question."
                    ),
                    {"id": question.id, "type": question.type},
                ),
            )
        elif promise.tolerance is not None and question.type not in NUMERIC:
            yield ctx.problem(
                "follow-up-type",
                ("follow_up", i, "tolerance"),
                Message(
                    N_("A tolerance applies to numbers only; {id!r} is a {type} question."),
                    {"id": question.id, "type": question.type},
                ),
                key=True,
            )


@check("named-levels")
def _named_levels(ctx: LintContext) -> Iterator[Problem]:
    """A manual criterion's named levels must have different names, and their points must
    rise in the order they are listed (``IG, G, VG, MVG`` = ``0, 1, 3, 5``), so the scale
    reads the same in the form, the handbook and the report."""
    for i, criterion in enumerate(ctx.model.criteria):
        levels = criterion.manual.levels if criterion.manual is not None else None
        seen: set[str] = set()
        for j, level in enumerate(levels or []):
            path = ("criteria", i, "manual", "levels", j)
            if level.level in seen:
                yield ctx.problem(
                    "named-levels",
                    (*path, "level"),
                    Message(
                        N_("{id!r} names the level {level!r} twice."),
                        {"id": criterion.id, "level": level.level},
                    ),
                )
            seen.add(level.level)
            if levels is not None and j and level.points <= levels[j - 1].points:
                yield ctx.problem(
                    "named-levels",
                    (*path, "points"),
                    Message(
                        N_(
                            "The level {level!r} of {id!r} is worth {points} p, not more than "
                            "the level before it; list the levels from lowest to highest."
                        ),
                        {"id": criterion.id, "level": level.level, "points": level.points},
                    ),
                )


@check("unreachable-minimum")
def _unreachable_minimum(ctx: LintContext) -> Iterator[Problem]:
    """A criterion's minimum (its ``min_points``, or the set's
    ``verdict.criterion_min_points``) is more than it can ever score, so no application
    could pass."""
    rule = ctx.model.verdict
    everywhere = rule.criterion_min_points if rule is not None else None
    for i, criterion in enumerate(ctx.model.criteria):
        own = criterion.min_points
        minimum = own if own is not None else everywhere
        if minimum is None or minimum <= criterion.max_points:
            continue
        path = ("criteria", i, "min_points") if own is not None else ("verdict",)
        yield ctx.problem(
            "unreachable-minimum",
            path,
            Message(
                N_("{id!r} must reach {minimum} p to pass, but it scores at most {max} p."),
                {"id": criterion.id, "minimum": minimum, "max": criterion.max_points},
            ),
        )
