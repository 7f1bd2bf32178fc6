"""Conditions are data: a comparison of one question, field or ratio, or
``all``/``any``/``not``.

No expression strings and no ``eval``: because a condition is a small tree of models it can
be validated, put into words (:mod:`hallbarhet_cli.scoring.explain`) and analysed by the linter.
What each operator means is defined once, in :mod:`hallbarhet_cli.models.operators`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Discriminator, Field, Tag, create_model, model_validator
from pydantic_core import PydanticCustomError

from hallbarhet_cli.models.base import Model
from hallbarhet_cli.models.operators import OPERATORS


class Quantity(Model):
    """One side of a ratio: ``{question: ID}`` or ``{field: NAME}``, a number."""

    question: str | None = None
    field: str | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> Quantity:
        if (self.question is None) == (self.field is None):
            raise PydanticCustomError(
                "hb_quantity_subject", "A quantity names exactly one `question` or `field`."
            )
        return self

    @property
    def subject(self) -> str:
        return self.question if self.question is not None else f"{self.field}"


class Ratio(Model):
    """A derived number: ``of`` divided by ``per``, times ``scale``.

    ``{ratio: {of: {question: jobs_expected}, per: {field: budget.requested_sek},
    scale: 1000000}, ge: 2}`` holds for at least two jobs per million kronor requested.
    The ratio has no value (like an unanswered question) when either side is unanswered
    or not a number, or ``per`` is 0; it is computed exactly, without rounding."""

    of: Quantity
    per: Quantity
    scale: Annotated[int | float, Field(gt=0, le=1e15)] = 1

    @property
    def subject(self) -> str:
        scale = f" × {self.scale}" if self.scale != 1 else ""
        return f"{self.of.subject} / {self.per.subject}{scale}"


class _Comparison(Model):
    """``{question: ID, OP: VALUE}``, ``{field: NAME, OP: VALUE}`` or
    ``{ratio: {of: …, per: …, scale: …}, OP: VALUE}`` with exactly one OP.

    The operator fields come from :data:`~hallbarhet_cli.models.operators.OPERATORS`, one
    per operator, typed by the operator's value shape.
    """

    question: str | None = None
    field: str | None = None
    ratio: Ratio | None = None

    @model_validator(mode="after")
    def _one_subject_one_operator(self) -> _Comparison:
        named = [s for s in (self.question, self.field, self.ratio) if s is not None]
        if len(named) != 1:
            raise PydanticCustomError(
                "hb_condition_subject",
                "A comparison names exactly one `question`, `field` or `ratio`.",
            )
        ops = [op.name for op in OPERATORS.values() if op.attribute in self.model_fields_set]
        if len(ops) != 1:
            raise PydanticCustomError(
                "hb_condition_operator",
                "A comparison has exactly one operator, one of: {operators}.",
                {"operators": ", ".join(OPERATORS)},
            )
        return self

    @cached_property
    def op(self) -> str:
        """The operator's name as written in files (``in``, not ``in_``)."""
        return next(op.name for op in OPERATORS.values() if op.attribute in self.model_fields_set)

    @cached_property
    def value(self) -> Any:
        return getattr(self, OPERATORS[self.op].attribute)

    @property
    def subject(self) -> str:
        if self.ratio is not None:
            return self.ratio.subject
        return self.question if self.question is not None else f"{self.field}"

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        """What a ratio divides (``of``, ``per``); nothing for a plain comparison."""
        return (self.ratio.of, self.ratio.per) if self.ratio is not None else ()


if TYPE_CHECKING:

    class Comparison(_Comparison):
        """A comparison; its operator fields are made from the registered operators."""

else:
    Comparison = create_model(
        "Comparison",
        __base__=_Comparison,
        __module__=__name__,
        __doc__=_Comparison.__doc__,
        **{
            op.attribute: (
                op.annotation | None,
                Field(default=None, alias=op.name if op.attribute != op.name else None),
            )
            for op in OPERATORS.values()
        },
    )


class All(Model):
    """Holds when every condition in the list holds."""

    all: Annotated[list[Condition], Field(min_length=1)]


class Any_(Model):
    """Holds when at least one condition in the list holds."""

    any: Annotated[list[Condition], Field(min_length=1)]


class Not(Model):
    """Holds when the condition does not."""

    not_: Condition = Field(alias="not")


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return f"{key}-of"
        return "comparison"
    if isinstance(value, Model):
        kinds: dict[type[Model], str] = {All: "all-of", Any_: "any-of", Not: "not-of"}
        return kinds.get(type(value), "comparison")
    return None


Condition = Annotated[
    Annotated[Comparison, Tag("comparison")]
    | Annotated[All, Tag("all-of")]
    | Annotated[Any_, Tag("any-of")]
    | Annotated[Not, Tag("not-of")],
    Discriminator(
        _condition_kind,
        custom_error_type="hb_condition",
        custom_error_message="A condition is a mapping: a comparison, `all`, `any` or `not`.",
    ),
]
UNION_TAGS = frozenset({"comparison", "all-of", "any-of", "not-of"})


def comparisons(
    condition: Condition, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Comparison]]:
    """Every comparison in ``condition`` with its path inside the condition's data."""
    if isinstance(condition, Comparison):
        yield path, condition
    elif isinstance(condition, All):
        for i, child in enumerate(condition.all):
            yield from comparisons(child, (*path, "all", i))
    elif isinstance(condition, Any_):
        for i, child in enumerate(condition.any):
            yield from comparisons(child, (*path, "any", i))
    else:
        yield from comparisons(condition.not_, (*path, "not"))


def questions_read(condition: Condition | None) -> tuple[str, ...]:
    """The questions ``condition`` compares, each once, in order of appearance."""
    if condition is None:
        return ()
    seen: dict[str, None] = {}
    for _, comparison in comparisons(condition):
        if comparison.question is not None:
            seen.setdefault(comparison.question)
        for quantity in comparison.quantities:
            if quantity.question is not None:
                seen.setdefault(quantity.question)
    return tuple(seen)


def has_ratio(condition: Condition) -> bool:
    """Whether any comparison in ``condition`` compares a ratio."""
    return any(c.ratio is not None for _, c in comparisons(condition))
