"""The criteria set: questions (the form), criteria (the scoring) and gates."""

from __future__ import annotations

import math
from functools import cached_property
from typing import Annotated, Any, Final, Literal

from pydantic import Field, PlainValidator, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from hallbarhet_cli.models.base import Model
from hallbarhet_cli.models.conditions import Condition, has_ratio
from hallbarhet_cli.models.followup import Promise
from hallbarhet_cli.models.text import Text, Unit

ID_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
SET_ID_PATTERN: Final = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
SetId = Annotated[str, StringConstraints(pattern=SET_ID_PATTERN, max_length=80)]
QuestionType = Literal["number", "integer", "boolean", "choice", "multichoice", "text", "date"]
ApplicationType = Literal["project", "business_support"]
Effect = Literal["exclude", "review"]
Number = int | float
# Bounds that keep every figure meaningful and printable: an absurd weight or limit is a
# mistake to report, not a number to compute with.
Weight = Annotated[Number, Field(ge=0, le=1_000_000)]
Points = Annotated[int, Field(ge=0, le=1_000_000)]
Limit = Annotated[Number, Field(ge=-1e15, le=1e15)]


class Option(Model):
    """One answer a choice question offers."""

    value: Annotated[str, StringConstraints(min_length=1)]
    label: Text | None = None


class Question(Model):
    """One question of the form. ``relevant`` makes it asked only when a condition holds."""

    id: Id
    type: QuestionType
    label: Text
    help: Text | None = None
    unit: Unit | None = None
    required: bool = False
    min: Limit | None = None
    max: Limit | None = None
    min_length: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    options: list[Option] | None = None
    relevant: Condition | None = None

    @model_validator(mode="after")
    def _asked_without_ratios(self) -> Question:
        # The form and the questionnaire decide what to ask as the applicant types; a
        # ratio belongs to scoring (levels and gates), where it is computed exactly.
        if self.relevant is not None and has_ratio(self.relevant):
            raise PydanticCustomError(
                "hb_relevant_ratio",
                "A ratio cannot decide whether a question is asked; compare the question or "
                "field itself in `relevant`, and use ratios in levels and gates.",
            )
        return self

    def option_values(self) -> list[str]:
        return [option.value for option in self.options or []]

    @cached_property
    def allowed(self) -> frozenset[str]:
        """The option values, to test answers against."""
        return frozenset(self.option_values())


class Level(Model):
    """A rung of a criterion's ladder: the first level whose ``when`` holds scores.

    ``contributes`` marks a level that contributes to the criterion's global goals
    (``sdg``). When no level of a criterion is marked, only its highest level does."""

    points: Points
    when: Condition | None = None
    label: Text | None = None
    contributes: bool | None = None


LevelName = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=40)]


class NamedLevel(Model):
    """A grade the case officer picks by name, such as ``VG``, and the points it is worth."""

    level: LevelName
    points: Points
    label: Text | None = None


class Manual(Model):
    """A criterion scored by the case officer in the application's ``review``: with points
    up to ``max_points``, or with one of the named ``levels`` (its maximum is the highest
    level's points)."""

    max_points: Annotated[int, Field(gt=0, le=1_000_000)] | None = None
    levels: Annotated[list[NamedLevel], Field(min_length=2)] | None = None
    guidance: Text | None = None

    @model_validator(mode="after")
    def _maximum(self) -> Manual:
        if self.levels is None:
            if self.max_points is None:
                raise PydanticCustomError(
                    "hb_manual_scale", "A manual criterion needs `max_points` or named `levels`."
                )
            return self
        top = max(level.points for level in self.levels)
        if top == 0:
            raise PydanticCustomError(
                "hb_manual_scale", "At least one named level must be worth more than 0 points."
            )
        if self.max_points is not None and self.max_points != top:
            raise PydanticCustomError(
                "hb_manual_scale",
                "`max_points` is {max}, but the highest named level is worth {top}; "
                "leave `max_points` out.",
                {"max": self.max_points, "top": top},
            )
        object.__setattr__(self, "max_points", top)
        return self

    @property
    def top(self) -> int:
        """The most points the officer can give (set by the validator)."""
        assert self.max_points is not None
        return self.max_points

    def named(self, name: str) -> NamedLevel | None:
        """The named level called ``name``, if the scale has one."""
        return next((lv for lv in self.levels or () if lv.level == name), None)

    def level_names(self) -> list[str]:
        return [level.level for level in self.levels or ()]


class Criterion(Model):
    """One scoring criterion in a dimension: ``levels`` or ``manual``, not both."""

    id: Id
    dimension: Id
    title: Text
    guidance: Text | None = None
    weight: Weight = 1
    sdg: list[int] = Field(default_factory=list)
    levels: Annotated[list[Level], Field(min_length=1)] | None = None
    manual: Manual | None = None
    advice: Text | None = None
    # The fewest points the criterion must reach for the verdict to be ``pass``, whatever
    # the total; overrides the set's ``verdict.criterion_min_points``.
    min_points: Points | None = None

    @property
    def max_points(self) -> int:
        if self.manual is not None:
            return self.manual.top
        return max((level.points for level in self.levels or []), default=0)


class Gate(Model):
    """A condition that excludes an application, or flags it for review, whatever its score."""

    id: Id
    title: Text
    when: Condition
    effect: Effect
    reason: Text | None = None


class Dimension(Model):
    title: Text
    weight: Weight = 1


class VerdictRule(Model):
    """Thresholds for ``pass``: overall percent and the minimum for every dimension."""

    pass_percent: Annotated[Number, Field(ge=0, le=100)] = 60
    dimension_min_percent: Annotated[Number, Field(ge=0, le=100)] = 40
    # The fewest points every criterion must reach (a criterion's own ``min_points`` wins):
    # no total makes up for a criterion below it.
    criterion_min_points: Points | None = None


def _uncertainty(value: Any) -> float | str:
    """One check with one message for both forms, rather than an error per branch of a
    union."""
    if isinstance(value, str) and value == "unknown":
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise PydanticCustomError("finite_number", "Input should be a finite number")
        if value < 0:
            raise PydanticCustomError("greater_than_equal", "Input should be >= 0", {"ge": 0})
        if value > 1:
            raise PydanticCustomError("less_than_equal", "Input should be <= 1", {"le": 1})
        return float(value)
    raise PydanticCustomError(
        "uncertainty_type", "Input should be a number from 0 to 1 or 'unknown'"
    )


# How far a weight may be from what the set says: a share of the weight either way (0.25
# for ±25 %), or "unknown" (drawn uniformly from the simplex, as in classic SMAA).
Uncertainty = Annotated[
    float | Literal["unknown"],
    PlainValidator(
        _uncertainty,
        json_schema_input_type=Annotated[float, Field(ge=0, le=1)] | Literal["unknown"],
    ),
]


class WeightUncertainty(Model):
    """How uncertain the set's weights are, for ``hallbarhet robustness``: ``default`` for
    every weight not named, ``dimensions`` for a dimension's weight and the weights of its
    criteria, ``criteria`` for one criterion's weight."""

    default: Uncertainty | None = None
    dimensions: dict[Id, Uncertainty] = Field(default_factory=dict)
    criteria: dict[Id, Uncertainty] = Field(default_factory=dict)


def _all_application_types() -> list[ApplicationType]:
    return ["project", "business_support"]


class CriteriaSet(Model):
    """A versioned criteria set as written in one file (before ``extends`` is resolved)."""

    kind: Literal["criteria-set"]
    id: SetId
    version: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    title: Text
    description: Text | None = None
    applies_to: Annotated[list[ApplicationType], Field(min_length=1)] = Field(
        default_factory=_all_application_types
    )
    extends: list[str] = Field(default_factory=list)
    dimensions: dict[Id, Dimension] = Field(default_factory=dict)
    verdict: VerdictRule | None = None
    questions: list[Question] = Field(default_factory=list)
    criteria: list[Criterion] = Field(default_factory=list)
    gates: list[Gate] = Field(default_factory=list)
    weight_uncertainty: Uncertainty | WeightUncertainty | None = None
    follow_up: list[Promise] = Field(default_factory=list)
