"""The indicator set file (``kind: indicator-set``), as written (before ``extends``)."""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import Field, StringConstraints

from hallbarhet_cli.models.base import Model
from hallbarhet_cli.models.criteria import Id, SetId
from hallbarhet_cli.models.text import Text

Direction = Literal["increase", "decrease", "target"]
Frequency = Literal["annual", "quarterly", "monthly"]
# The breakdowns a value may carry besides its area, each a column of the data file.
Breakdown = Literal["sex", "age", "origin", "season", "month"]
BREAKDOWNS: Final[tuple[str, ...]] = ("sex", "age", "origin", "season", "month")
Figure = Annotated[float, Field(ge=-1e15, le=1e15)]
PeriodText = Annotated[str, StringConstraints(min_length=4, max_length=10)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]


class Source(Model):
    """Where the figures come from: the publisher, the table or KPI and a link."""

    publisher: Text
    table: Text | None = None
    code: NonEmpty | None = None
    url: NonEmpty | None = None


class Band(Model):
    """For ``direction: target``: the range that counts as good (either end may be open)."""

    min: Figure | None = None
    max: Figure | None = None


class Baseline(Model):
    period: PeriodText
    value: Figure


class Target(Model):
    """A value to reach by ``period``: ``at_least`` or ``at_most`` (exactly one)."""

    period: PeriodText
    at_least: Figure | None = None
    at_most: Figure | None = None
    note: Text | None = None


class FrameworkRef(Model):
    """Where the indicator comes from: a framework (ETIS, GSTC, Agenda 2030 …) and, when
    the framework numbers it, the code there."""

    framework: NonEmpty
    ref: NonEmpty | None = None
    title: Text | None = None


class Indicator(Model):
    """One thing measured over time, with the way that counts as better."""

    id: Id
    title: Text
    description: Text
    unit: Text
    dimension: Id
    direction: Direction
    band: Band | None = None
    decimals: Annotated[int, Field(ge=0, le=6)] = 1
    source: Source
    frequency: Frequency = "annual"
    # Measured every n-th period only (2 for a survey every other year, 4 for an
    # election): the periods between are not missing.
    every: Annotated[int, Field(ge=1, le=100)] = 1
    breakdowns: list[Breakdown] = Field(default_factory=list)
    baseline: Baseline | None = None
    targets: list[Target] = Field(default_factory=list)
    frameworks: list[FrameworkRef] = Field(default_factory=list)
    sdg: list[Annotated[int, Field(ge=1, le=17)]] = Field(default_factory=list)


class IndicatorDimension(Model):
    title: Text
    description: Text | None = None


class IndicatorSet(Model):
    """A versioned indicator set as written in one file."""

    kind: Literal["indicator-set"]
    id: SetId
    version: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    title: Text
    description: Text | None = None
    area: NonEmpty | None = None
    extends: list[str] = Field(default_factory=list)
    dimensions: dict[Id, IndicatorDimension] = Field(default_factory=dict)
    indicators: list[Indicator] = Field(default_factory=list)
