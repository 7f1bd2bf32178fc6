"""Change impact: what changed between two versions of a criteria set, and what the change
does to a funding round.

:func:`diff_sets` compares two resolved sets (everything they extend included) and lists
each difference that matters for the form or the score: questions, criteria and their
levels, manual maximums, gates, dimension weights and the verdict thresholds. Texts such as
titles and help are left out; they change the words, not the outcome.

:func:`round_impact` re-scores a round of applications under both versions and finds the
applications whose verdict or rank changes. Both are pure apart from reading the round's
files; the reporters in :mod:`hallbarhet_cli.reporters.criteria_diff` lay them out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from hallbarhet_cli.applications import (
    check_application,
    kind_of,
    not_application,
    read_document,
)
from hallbarhet_cli.assessment import Verdict
from hallbarhet_cli.engine import assess
from hallbarhet_cli.errors import InputError, Problem, has_errors
from hallbarhet_cli.models import Application, Criterion, Gate, Question
from hallbarhet_cli.resolve import ResolvedSet
from hallbarhet_cli.validation import validate
from hallbarhet_cli.yamlload import Document, iter_yaml_files

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
    for name in ("pass_percent", "dimension_min_percent"):
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
    if (old.manual is None) != (new.manual is None):
        scoring = ("manual", "levels") if new.manual is None else ("levels", "manual")
        yield Change("criteria", new.id, "scoring", *scoring)
        return
    if old.manual is not None and new.manual is not None:
        if old.manual.max_points != new.manual.max_points:
            yield Change(
                "criteria", new.id, "max_points", old.manual.max_points, new.manual.max_points
            )
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


def _gate(old: Gate, new: Gate) -> Iterator[Change]:
    if old.effect != new.effect:
        yield Change("gates", new.id, "effect", old.effect, new.effect)
    if _dump(old.when) != _dump(new.when):
        yield Change("gates", new.id, "when", old.when, new.when)


# -- a round re-scored ------------------------------------------------------------------
@dataclass(frozen=True)
class Standing:
    """Where an application stands under one version: verdict, percent and rank."""

    verdict: Verdict
    percent: float | None
    rank: int


@dataclass(frozen=True)
class RoundEntry:
    """One application of the round under the old and the new version (``None`` where it
    could not be assessed under that version; ``problems`` says why)."""

    id: str
    title: str
    file: str
    old: Standing | None
    new: Standing | None
    problems: tuple[Problem, ...] = ()

    @property
    def changed(self) -> bool:
        if self.old is None or self.new is None:
            return (self.old is None) != (self.new is None)
        return self.old.verdict != self.new.verdict or self.old.rank != self.new.rank


@dataclass(frozen=True)
class RoundImpact:
    """A round re-scored under both versions."""

    entries: tuple[RoundEntry, ...]
    skipped: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def changed(self) -> list[RoundEntry]:
        """The applications whose verdict or rank changes, best new rank first."""
        moved = [e for e in self.entries if e.changed]
        return sorted(moved, key=lambda e: (e.new is None, e.new.rank if e.new else 0, e.id))


def rank_key(verdict: Verdict, percent: float | None, app_id: str) -> tuple[Any, ...]:
    """The order of a ranking: passing applications first, then by overall percent
    (highest first, none last), then by id."""
    return (verdict is not Verdict.PASS, percent is None, -(percent or 0.0), app_id)


def _ranks(scored: dict[str, tuple[Verdict, float | None]]) -> dict[str, Standing]:
    order = sorted(scored, key=lambda key: rank_key(*scored[key], key))
    return {key: Standing(*scored[key], rank) for rank, key in enumerate(order, start=1)}


def _round_documents(paths: Iterable[Path]) -> Iterator[Document | Problem]:
    """Application documents of the round: files named (each must be an application) and
    applications found in folders named (other valid YAML files there are passed over;
    unreadable ones are reported)."""
    for path in paths:
        named = not path.is_dir()
        for found in [path] if named else iter_yaml_files(path):
            try:
                document = read_document(found, str(found))
            except InputError as err:
                yield from err.problems
                continue
            if kind_of(document) == "application":
                yield document
            elif named:
                yield not_application(document)


def round_impact(old: ResolvedSet, new: ResolvedSet, paths: Sequence[Path]) -> RoundImpact:
    """Re-score the applications in ``paths`` under ``old`` and ``new``.

    Applications for a type of funding neither version applies to are skipped. Each
    application's own ``criteria:`` is ignored: the round is scored with the two versions.
    """
    applies = set(old.root.model.applies_to) | set(new.root.model.applies_to)
    problems: list[Problem] = []
    skipped: list[str] = []
    loaded: list[tuple[Document, Application]] = []
    for item in _round_documents(paths):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        model, found = validate(Application, item)
        if model is None:
            problems.extend(found)
        elif model.type not in applies:
            skipped.append(item.file)
        else:
            loaded.append((item, model))

    scores: dict[str, dict[str, tuple[Verdict, float | None]]] = {"old": {}, "new": {}}
    trouble: dict[str, list[Problem]] = {}
    for index, (document, model) in enumerate(loaded):
        key = f"{model.id}\x00{index}"
        for side, criteria in (("old", old), ("new", new)):
            answers, found = check_application(document, model, criteria)
            if has_errors(found):
                known = trouble.setdefault(key, [])
                for problem in found:
                    if problem not in known:  # the same problem under both versions
                        known.append(problem)
                continue
            result = assess(criteria, model, answers)
            scores[side][key] = (result.verdict, result.overall_percent)
    ranked = {side: _ranks(scored) for side, scored in scores.items()}
    entries = []
    for index, (document, model) in enumerate(loaded):
        key = f"{model.id}\x00{index}"
        why = tuple(trouble.get(key, ()))
        problems.extend(why)
        entries.append(
            RoundEntry(
                model.id,
                model.title,
                document.file,
                ranked["old"].get(key),
                ranked["new"].get(key),
                why,
            )
        )
    return RoundImpact(tuple(entries), tuple(skipped), tuple(problems))
