"""Conditions are data: a comparison of one question or field, or ``all``/``any``/``not``.

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


class _Comparison(Model):
    """``{question: ID, OP: VALUE}`` or ``{field: NAME, OP: VALUE}`` with exactly one OP.

    The operator fields come from :data:`~hallbarhet_cli.models.operators.OPERATORS`, one
    per operator, typed by the operator's value shape.
    """

    question: str | None = None
    field: str | None = None

    @model_validator(mode="after")
    def _one_subject_one_operator(self) -> _Comparison:
        if (self.question is None) == (self.field is None):
            raise PydanticCustomError(
                "hb_condition_subject", "A comparison names exactly one `question` or `field`."
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
        return self.question if self.question is not None else f"{self.field}"


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
    return tuple(seen)
