"""What a new version of a criteria set does to a funding round: the round re-scored under
both versions, and the applications whose verdict or rank changes (``hallbarhet criteria
diff --round``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from hallbarhet_cli.applications.loading import (
    check_application,
    kind_of,
    not_application,
    read_document,
)
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.errors import InputError, Problem, has_errors
from hallbarhet_cli.files.yamlload import Document, iter_yaml_files
from hallbarhet_cli.models import Application
from hallbarhet_cli.models.validation import validate
from hallbarhet_cli.scoring.assessment import Verdict
from hallbarhet_cli.scoring.engine import assess
from hallbarhet_cli.scoring.ranking import rank_key


@dataclass(frozen=True)
class Standing:
    """Where an application stands under one version: verdict, percent and rank."""

    verdict: Verdict
    percent: float | None
    # Among the applications assessed under both versions; ``None`` for one assessed
    # under this version only, so that no rank reflects the ones missing on the other side.
    rank: int | None


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
    def ranked(self) -> int:
        """How many applications were assessed, and ranked, under both versions."""
        return sum(1 for e in self.entries if e.old is not None and e.new is not None)

    @property
    def one_sided(self) -> int:
        """How many could be assessed under one version only."""
        return sum(1 for e in self.entries if (e.old is None) != (e.new is None))

    @property
    def changed(self) -> list[RoundEntry]:
        """The applications whose verdict or rank changes, best new rank first."""
        moved = [e for e in self.entries if e.changed]
        return sorted(
            moved, key=lambda e: (e.new is None or e.new.rank is None, _rank_of(e.new), e.id)
        )


def _rank_of(standing: Standing | None) -> int:
    return 0 if standing is None or standing.rank is None else standing.rank


def _ranks(
    scored: dict[str, tuple[Verdict, Fraction | None]], both: set[str]
) -> dict[str, Standing]:
    """Ranks by the one ranking rule (:mod:`hallbarhet_cli.scoring.ranking`) among the
    applications in ``both`` (assessed under both versions), so that a rank change says
    something about the change of version and not about who is missing on one side; the
    others get their verdict and percent without a rank. ``scored`` is keyed by id and
    input position, so equal ids keep their input order."""
    order = sorted((k for k in scored if k in both), key=lambda key: rank_key(*scored[key], key))
    standings = {
        key: Standing(scored[key][0], _float(scored[key][1]), rank)
        for rank, key in enumerate(order, start=1)
    }
    for key, (verdict, percent) in scored.items():
        standings.setdefault(key, Standing(verdict, _float(percent), None))
    return standings


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


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

    scores: dict[str, dict[str, tuple[Verdict, Fraction | None]]] = {"old": {}, "new": {}}
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
            scores[side][key] = (result.verdict, result.overall_exact)
    both = set(scores["old"]) & set(scores["new"])
    ranked = {side: _ranks(scored, both) for side, scored in scores.items()}
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
