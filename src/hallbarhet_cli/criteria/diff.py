"""What changed between two versions of a criteria set.

:func:`diff_sets` compares two resolved sets (everything they extend included) and lists
each difference that matters for the form or the score: questions, criteria and their
levels, manual maximums, gates, dimension weights and the verdict thresholds. Texts such as
titles and help are left out; they change the words, not the outcome. What the change does
to a funding round is :mod:`hallbarhet_cli.scoring.impact`; the reporters in
:mod:`hallbarhet_cli.reporters.criteria_diff` lay both out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final, Literal

from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.models import Criterion, Gate, Question

Section = Literal["thresholds", "dimensions", "questions", "criteria", "gates"]
SECTIONS: Final[tuple[Section, ...]] = (
    "thresholds",
    "dimensions",
    "questions",
    "criteria",
    "gates",
)


@dataclass(frozen=True)
class Change:
    """One difference between the old and the new version of a set.

    ``aspect`` says what changed: ``added`` and ``removed`` for a whole element, else the
    property (``weight``, ``options``, ``when`` …). ``old`` and ``new`` hold the values as
    data (conditions as condition models); ``level`` is the level's index for changes to
    a criterion's ladder.
    """

    section: Section
    id: str
    aspect: str
    old: Any = None
    new: Any = None
    level: int | None = None


@dataclass(frozen=True)
class SetDiff:
    old: ResolvedSet
    new: ResolvedSet
    changes: tuple[Change, ...]


def diff_sets(old: ResolvedSet, new: ResolvedSet) -> SetDiff:
    """Every difference between ``old`` and ``new`` that affects the form or the score."""
    changes = [
        *_thresholds(old, new),
        *_dimensions(old, new),
        *_elements("questions", old.question_map, new.question_map, _question),
        *_elements("criteria", old.criterion_map, new.criterion_map, _criterion),
        *_elements("gates", old.gate_map, new.gate_map, _gate),
    ]
    return SetDiff(old, new, tuple(changes))


def _dump(value: Any) -> Any:
    """A model as comparable data; anything else as it is."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    return value


def _thresholds(old: ResolvedSet, new: ResolvedSet) -> Iterator[Change]:
    for name in ("pass_percent", "dimension_min_percent", "criterion_min_points"):
        before, after = getattr(old.verdict, name), getattr(new.verdict, name)
        if before != after:
            yield Change("thresholds", name, "value", before, after)


def _dimensions(old: ResolvedSet, new: ResolvedSet) -> Iterator[Change]:
    for dim_id, dimension in new.dimensions.items():
        before = old.dimensions.get(dim_id)
        if before is None:
            yield Change("dimensions", dim_id, "added", None, dimension.weight)
        elif before.weight != dimension.weight:
            yield Change("dimensions", dim_id, "weight", before.weight, dimension.weight)
    for dim_id, dimension in old.dimensions.items():
        if dim_id not in new.dimensions:
            yield Change("dimensions", dim_id, "removed", dimension.weight, None)


def _elements(
    section: Section,
    old: dict[str, Any],
    new: dict[str, Any],
    compare: Any,
) -> Iterator[Change]:
    """Added and changed elements in the new set's order, then removed ones."""
    for element_id, element in new.items():
        if element_id not in old:
            yield Change(section, element_id, "added")
        else:
            yield from compare(old[element_id], element)
    for element_id in old:
        if element_id not in new:
            yield Change(section, element_id, "removed")


def _question(old: Question, new: Question) -> Iterator[Change]:
    for aspect in ("type", "required", "min", "max", "min_length"):
        before, after = getattr(old, aspect), getattr(new, aspect)
        if before != after:
            yield Change("questions", new.id, aspect, before, after)
    if old.option_values() != new.option_values():
        yield Change("questions", new.id, "options", old.option_values(), new.option_values())
    if _dump(old.relevant) != _dump(new.relevant):
        yield Change("questions", new.id, "relevant", old.relevant, new.relevant)


def _criterion(old: Criterion, new: Criterion) -> Iterator[Change]:
    if old.dimension != new.dimension:
        yield Change("criteria", new.id, "dimension", old.dimension, new.dimension)
    if old.weight != new.weight:
        yield Change("criteria", new.id, "weight", old.weight, new.weight)
    if old.min_points != new.min_points:
        yield Change("criteria", new.id, "min_points", old.min_points, new.min_points)
    if (old.manual is None) != (new.manual is None):
        scoring = ("manual", "levels") if new.manual is None else ("levels", "manual")
        yield Change("criteria", new.id, "scoring", *scoring)
        return
    if old.manual is not None and new.manual is not None:
        if old.manual.max_points != new.manual.max_points:
            yield Change(
                "criteria", new.id, "max_points", old.manual.max_points, new.manual.max_points
            )
        before_grades, after_grades = _grades(old), _grades(new)
        if before_grades != after_grades:
            yield Change("criteria", new.id, "grades", before_grades, after_grades)
        return
    before, after = old.levels or [], new.levels or []
    for i in range(max(len(before), len(after))):
        if i >= len(before):
            yield Change("criteria", new.id, "level_added", None, after[i], i)
        elif i >= len(after):
            yield Change("criteria", new.id, "level_removed", before[i], None, i)
        else:
            if before[i].points != after[i].points:
                yield Change(
                    "criteria", new.id, "level_points", before[i].points, after[i].points, i
                )
            if _dump(before[i].when) != _dump(after[i].when):
                yield Change("criteria", new.id, "level_when", before[i].when, after[i].when, i)


def _grades(criterion: Criterion) -> str | None:
    """A manual criterion's named levels as ``IG 0, G 1, …`` (``None`` without them)."""
    levels = criterion.manual.levels if criterion.manual is not None else None
    return ", ".join(f"{lv.level} {lv.points}" for lv in levels) if levels else None


def _gate(old: Gate, new: Gate) -> Iterator[Change]:
    if old.effect != new.effect:
        yield Change("gates", new.id, "effect", old.effect, new.effect)
    if _dump(old.when) != _dump(new.when):
        yield Change("gates", new.id, "when", old.when, new.when)
