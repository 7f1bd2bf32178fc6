"""Find indicator sets, resolve ``extends`` and check what the schema cannot see.

A reference is a bundled or search-path id (``kronoberg-besoksnaring``), an id with a
version (``kronoberg-besoksnaring@2026.1``) or a path to a YAML file. Ids are looked up as
``<id>.yaml`` in each folder of ``HALLBARHET_INDICATORS_PATH`` and then among the sets
shipped with the package. An ``extends`` path must stay inside the extending file's folder.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Final

from hallbarhet_cli.criteria.library import Where, is_path_reference
from hallbarhet_cli.errors import InputError, Label, Message, Problem, Severity, has_errors
from hallbarhet_cli.files.bundled import bundled_dir
from hallbarhet_cli.files.yamlload import DataPath, Document, LoadError, is_file, load_file
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.indicators.model import Indicator, IndicatorDimension, IndicatorSet
from hallbarhet_cli.indicators.periods import EXAMPLES, FREQUENCY_LABELS, parse_period
from hallbarhet_cli.models.text import Text, languages
from hallbarhet_cli.models.validation import did_you_mean, validate

KIND: Final = "indicator-set"


@dataclass(frozen=True)
class SourcedIndicatorSet:
    """One indicator set file as loaded and validated, before ``extends`` is merged."""

    model: IndicatorSet
    document: Document
    path: Path


@dataclass(frozen=True, eq=False)
class ResolvedIndicatorSet:
    """An indicator set with everything it extends merged in (the extending set wins for
    dimensions, and may not redefine an indicator)."""

    root: SourcedIndicatorSet
    chain: tuple[SourcedIndicatorSet, ...]
    dimensions: dict[str, IndicatorDimension]
    indicators: tuple[Indicator, ...]
    origin: dict[str, tuple[SourcedIndicatorSet, DataPath]] = field(repr=False)

    @property
    def id(self) -> str:
        return self.root.model.id

    @property
    def version(self) -> str:
        return self.root.model.version

    @property
    def area(self) -> str | None:
        """The default area: the extending set's, else the nearest base's that has one."""
        return next((s.model.area for s in reversed(self.chain) if s.model.area), None)

    @cached_property
    def indicator_map(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators}

    @cached_property
    def sha256(self) -> str:
        payload = {
            "id": self.id,
            "version": self.version,
            "dimensions": {k: v.model_dump(mode="json") for k, v in self.dimensions.items()},
            "indicators": [i.model_dump(mode="json", exclude_none=True) for i in self.indicators],
        }
        text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


def search_path() -> list[Path]:
    """Folders searched for indicator set ids: ``HALLBARHET_INDICATORS_PATH``, then the
    bundled sets."""
    env = os.environ.get("HALLBARHET_INDICATORS_PATH", "")
    return [*(Path(p) for p in env.split(os.pathsep) if p), bundled_dir("indicators")]


class IndicatorLibrary:
    """Loads and resolves indicator sets, each file once."""

    def __init__(self, folders: list[Path] | None = None) -> None:
        self.folders = folders if folders is not None else search_path()
        self._sets: dict[Path, SourcedIndicatorSet] = {}

    def load(self, path: Path) -> SourcedIndicatorSet:
        """Load and validate one set file (without resolving ``extends``)."""
        path = path.resolve()
        if path in self._sets:
            return self._sets[path]
        try:
            document = load_file(path, display=_display(path))
        except LoadError as err:
            raise InputError([err.problem]) from None
        return self.load_document(document, path)

    def load_document(self, document: Document, path: Path) -> SourcedIndicatorSet:
        data = document.data
        kind = data.get("kind") if isinstance(data, dict) else None
        if kind != KIND:
            raise InputError(
                [
                    document.problem(
                        ("kind",) if kind else (),
                        "not-indicator-set",
                        Message(
                            N_("{file} is not an indicator set (its kind is {kind!r})."),
                            {"file": document.file, "kind": kind},
                        ),
                    )
                ]
            )
        model, problems = validate(IndicatorSet, document)
        if model is None or has_errors(problems):
            raise InputError(problems)
        loaded = SourcedIndicatorSet(model, document, path.resolve())
        self._sets[loaded.path] = loaded
        return loaded

    def locate(self, ref: str, where: Where, base_dir: Path | None = None) -> Path:
        """The file ``ref`` names, written at ``where``; a path written inside a file
        (``base_dir`` is its folder) must stay inside that folder."""

        def fail(rule: str, message: Message) -> InputError:
            return InputError([where.problem(rule, message)])

        if is_path_reference(ref):
            path = ((base_dir or Path.cwd()) / ref).resolve()
            if base_dir is not None and not path.is_relative_to(base_dir.resolve()):
                raise fail(
                    "indicators-escape",
                    Message(N_("The path {ref!r} leads outside this file's folder."), {"ref": ref}),
                )
            if not is_file(path):
                raise fail(
                    "indicators-not-found",
                    Message(N_("No indicator set file at {ref!r}."), {"ref": ref}),
                )
            return path
        set_id, _, version = ref.partition("@")
        for folder in self.folders:
            candidate = folder / f"{set_id}.yaml"
            if is_file(candidate):
                loaded = self.load(candidate)
                if loaded.model.id == set_id and (not version or loaded.model.version == version):
                    return loaded.path
        known = [s.model.id for s in self.available()]
        template = (
            N_("No indicator set with the id {id!r} at version {version}.")
            if version
            else N_("No indicator set with the id {id!r}.")
        )
        raise fail(
            "indicators-not-found",
            Message(template, {"id": set_id, "version": version}, did_you_mean(set_id, known)),
        )

    def resolve(self, ref: str) -> ResolvedIndicatorSet:
        """Resolve a reference given on the command line."""
        return self.resolve_path(self.locate(ref, Where(ref)))

    def resolve_path(self, path: Path, stack: tuple[Path, ...] = ()) -> ResolvedIndicatorSet:
        root = self.load(path)
        chain: list[SourcedIndicatorSet] = []
        for i, ref in enumerate(root.model.extends):
            base = self.locate(ref, Where.at(root.document, ("extends", i)), root.path.parent)
            if base == root.path or base in stack:
                cycle = " -> ".join(_display(p) for p in (*stack, root.path, base))
                raise InputError(
                    [
                        root.document.problem(
                            ("extends", i),
                            "extends-cycle",
                            Message(N_("`extends` makes a cycle: {cycle}."), {"cycle": cycle}),
                        )
                    ]
                )
            for sourced in self.resolve_path(base, (*stack, root.path)).chain:
                if all(sourced.path != seen.path for seen in chain):
                    chain.append(sourced)
        chain.append(root)
        return merge(tuple(chain))

    def available(self) -> Iterator[SourcedIndicatorSet]:
        """Every valid set directly in the search-path folders, first folder first."""
        for folder in self.folders:
            for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
                try:
                    yield self.load(path)
                except InputError:
                    continue


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def merge(chain: tuple[SourcedIndicatorSet, ...]) -> ResolvedIndicatorSet:
    """Merge a chain of sets (bases first) into one; an indicator id may appear once."""
    dimensions: dict[str, IndicatorDimension] = {}
    indicators: list[Indicator] = []
    origin: dict[str, tuple[SourcedIndicatorSet, DataPath]] = {}
    problems: list[Problem] = []
    for sourced in chain:
        dimensions.update(sourced.model.dimensions)
        for i, indicator in enumerate(sourced.model.indicators):
            if indicator.id in origin:
                first, first_path = origin[indicator.id]
                line = (first.document.position(first_path) or (0, 0))[0]
                problems.append(
                    sourced.document.problem(
                        ("indicators", i, "id"),
                        "duplicate-id",
                        Message(
                            N_("The id {id!r} is already used in {file} (line {line})."),
                            {"id": indicator.id, "file": first.document.file, "line": line},
                        ),
                    )
                )
                continue
            origin[indicator.id] = (sourced, ("indicators", i))
            indicators.append(indicator)
    if problems:
        raise InputError(problems)
    return ResolvedIndicatorSet(chain[-1], chain, dimensions, tuple(indicators), origin)


def check(resolved: ResolvedIndicatorSet) -> list[Problem]:
    """What the schema cannot see, for the set's own file: unknown dimensions, a
    ``target`` direction without its band, targets without exactly one bound, and periods
    not written the way the indicator's frequency is."""
    sourced = resolved.root
    document = sourced.document
    problems: list[Problem] = []
    for i, indicator in enumerate(sourced.model.indicators):
        at: DataPath = ("indicators", i)
        if indicator.dimension not in resolved.dimensions:
            problems.append(
                document.problem(
                    (*at, "dimension"),
                    "unknown-dimension",
                    Message(
                        N_("There is no dimension {id!r} in this set."),
                        {"id": indicator.dimension},
                        did_you_mean(indicator.dimension, resolved.dimensions),
                    ),
                )
            )
        band = indicator.band
        if indicator.direction == "target" and (band is None or band.min == band.max is None):
            problems.append(
                document.problem(
                    (*at, "direction"),
                    "target-band",
                    Message(N_("`direction: target` needs a `band` with `min`, `max` or both.")),
                )
            )
        elif indicator.direction != "target" and band is not None:
            problems.append(
                document.problem(
                    (*at, "band"),
                    "target-band",
                    Message(N_("A `band` is used only with `direction: target`.")),
                )
            )
        periods: list[tuple[DataPath, str]] = []
        if indicator.baseline is not None:
            periods.append(((*at, "baseline", "period"), indicator.baseline.period))
        for j, target in enumerate(indicator.targets):
            periods.append(((*at, "targets", j, "period"), target.period))
            if (target.at_least is None) == (target.at_most is None):
                problems.append(
                    document.problem(
                        (*at, "targets", j),
                        "target-bound",
                        Message(N_("A target has exactly one of `at_least` and `at_most`.")),
                    )
                )
        for path, text in periods:
            if parse_period(text, indicator.frequency) is None:
                problems.append(period_problem(document, path, text, indicator.frequency))
    problems.extend(_missing_translations(sourced.model, document))
    return problems


def _texts(model: IndicatorSet) -> Iterator[tuple[DataPath, Text | None]]:
    yield ("title",), model.title
    yield ("description",), model.description
    for key, dimension in model.dimensions.items():
        yield ("dimensions", key, "title"), dimension.title
        yield ("dimensions", key, "description"), dimension.description
    for i, indicator in enumerate(model.indicators):
        for name in ("title", "description", "unit"):
            yield ("indicators", i, name), getattr(indicator, name)
        yield ("indicators", i, "source", "publisher"), indicator.source.publisher
        yield ("indicators", i, "source", "table"), indicator.source.table
        for j, target in enumerate(indicator.targets):
            yield ("indicators", i, "targets", j, "note"), target.note
        for j, framework in enumerate(indicator.frameworks):
            yield ("indicators", i, "frameworks", j, "title"), framework.title


def _missing_translations(model: IndicatorSet, document: Document) -> Iterator[Problem]:
    """A text given per language but without a language that other texts in the set are
    written in (a warning). A plain string, such as ``unit: "%"``, is the same in every
    language."""
    used: set[str] = set()
    for _, text in _texts(model):
        used |= languages(text)
    for path, text in _texts(model):
        missing = sorted(used - languages(text)) if isinstance(text, dict) else []
        if missing:
            yield document.problem(
                path,
                "missing-translation",
                Message(N_("No translation into {languages}."), {"languages": ", ".join(missing)}),
                Severity.WARNING,
            )


def period_problem(document: Document, path: DataPath, text: str, frequency: str) -> Problem:
    return document.problem(
        path,
        "period",
        Message(
            N_(
                "{period!r} does not fit the indicator's frequency ({frequency}); write it like "
                "{example}."
            ),
            {
                "period": text,
                "frequency": Label(FREQUENCY_LABELS[frequency]),
                "example": EXAMPLES[frequency],
            },
        ),
    )


def load_checked(library: IndicatorLibrary, ref: str) -> ResolvedIndicatorSet:
    """Resolve ``ref`` and refuse a set with errors: a report never runs on a set that
    ``hallbarhet validate`` rejects."""
    resolved = library.resolve(ref)
    problems = [p for p in check(resolved) if p.severity is Severity.ERROR]
    if problems:
        raise InputError(problems)
    return resolved
