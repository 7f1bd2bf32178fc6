"""Find criteria sets and resolve ``extends`` into one set.

A reference is a bundled or search-path id (``kronoberg-projektmedel``), an id with a
version (``kronoberg-projektmedel@2026.1``), or a path to a YAML file. Ids are looked up
as ``<id>.yaml`` or ``<id>@<version>.yaml`` in each folder of ``HALLBARHET_CRITERIA_PATH``
and then in the sets bundled with the package. A path written inside a file (an
application's ``criteria:`` or a set's ``extends:``) must stay inside the referring file's
folder, a folder on the search path, or the current folder; a path given on the command
line may point anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hallbarhet_cli.criteria.lint import lint
from hallbarhet_cli.criteria.resolved import ResolvedSet, SourcedSet, merge
from hallbarhet_cli.errors import InputError, Message, Problem, Severity, has_errors
from hallbarhet_cli.files.bundled import bundled_dir
from hallbarhet_cli.files.yamlload import DataPath, Document, LoadError, is_file, load_file
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models import CriteriaSet
from hallbarhet_cli.models.validation import did_you_mean, validate


@dataclass(frozen=True)
class Where:
    """The place a reference was written, for error messages."""

    file: str
    line: int | None = None
    column: int | None = None
    # Or, for a reference in a parsed file: the document and the data path, looked up only
    # when there is a problem to report (positions are worked out on demand).
    document: Document | None = field(default=None, compare=False, repr=False)
    path: DataPath = ()

    @classmethod
    def at(cls, document: Document, path: DataPath) -> Where:
        return cls(document.file, document=document, path=path)

    def problem(self, rule: str, message: Message) -> Problem:
        line, column = self.line, self.column
        if self.document is not None:
            line, column = self.document.position(self.path) or (None, None)
        return Problem(self.file, line, column, rule, Severity.ERROR, message)


def search_path() -> list[Path]:
    """Folders searched for criteria ids: ``HALLBARHET_CRITERIA_PATH``, then bundled sets."""
    folders = [
        Path(p) for p in os.environ.get("HALLBARHET_CRITERIA_PATH", "").split(os.pathsep) if p
    ]
    return [*folders, bundled_dir("criteria")]


def is_path_reference(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or os.sep in ref


class CriteriaLibrary:
    """Loads and resolves criteria sets, each file once per library (a batch shares one)."""

    def __init__(self, folders: list[Path] | None = None) -> None:
        self.folders = folders if folders is not None else search_path()
        self._sets: dict[Path, SourcedSet] = {}
        self._resolved: dict[Path, ResolvedSet] = {}
        self._lint: dict[Path, list[Problem]] = {}
        self._refs: dict[tuple[str, Path | None, bool], ResolvedSet] = {}

    def resolve(
        self, ref: str, where: Where, base_dir: Path | None = None, *, confine: bool = True
    ) -> ResolvedSet:
        """Resolve ``ref`` written at ``where``; paths are relative to ``base_dir``.

        Raises :class:`InputError` with located problems when the reference or any set it
        pulls in is broken.
        """
        key = (ref, base_dir, confine)
        found = self._refs.get(key)
        if found is None:
            path = self.locate(ref, where, base_dir, confine=confine)
            found = self._refs[key] = self._resolve_path(path, (), where)
        return found

    def resolve_path(self, path: Path) -> ResolvedSet:
        """Resolve the set in the file at ``path`` (given by the user, so not confined)."""
        return self._resolve_path(path.resolve(), ())

    def locate(self, ref: str, where: Where, base_dir: Path | None, *, confine: bool) -> Path:
        if is_path_reference(ref):
            path = ((base_dir or Path.cwd()) / ref).resolve()
            if confine and not self._allowed(path, base_dir):
                raise InputError(
                    [
                        where.problem(
                            "criteria-escape",
                            Message(
                                N_(
                                    "The criteria path {ref!r} leads outside the allowed folders "
                                    "(this file's folder, the current folder and "
                                    "HALLBARHET_CRITERIA_PATH)."
                                ),
                                {"ref": ref},
                            ),
                        )
                    ]
                )
            if not is_file(path):
                raise InputError(
                    [
                        where.problem(
                            "criteria-not-found",
                            Message(N_("No criteria set file at {ref!r}."), {"ref": ref}),
                        )
                    ]
                )
            return path
        set_id, _, version = ref.partition("@")
        found: list[tuple[Path, str]] = []
        for folder in self.folders:
            names = (
                [f"{set_id}.yaml", f"{set_id}@{version}.yaml"] if version else [f"{set_id}.yaml"]
            )
            for name in names:
                candidate = folder / name
                if not is_file(candidate):
                    continue
                loaded = self.load(candidate.resolve(), where)
                if loaded.model.id != set_id:
                    continue
                if not version or loaded.model.version == version:
                    return candidate.resolve()
                found.append((candidate, loaded.model.version))
        if found:
            raise InputError(
                [
                    where.problem(
                        "criteria-version",
                        Message(
                            N_(
                                "The criteria set {id!r} is at version {found} ({file}), not "
                                "{wanted}."
                            ),
                            {
                                "id": set_id,
                                "found": found[0][1],
                                "file": str(found[0][0]),
                                "wanted": version,
                            },
                        ),
                    )
                ]
            )
        known = [s.model.id for s in self.available()]
        raise InputError(
            [
                where.problem(
                    "criteria-not-found",
                    Message(
                        N_("No criteria set with the id {id!r}."),
                        {"id": set_id},
                        did_you_mean(set_id, known),
                    ),
                )
            ]
        )

    def _allowed(self, path: Path, base_dir: Path | None) -> bool:
        roots = [*(f.resolve() for f in self.folders), Path.cwd().resolve()]
        if base_dir is not None:
            roots.append(base_dir.resolve())
        return any(path.is_relative_to(root) for root in roots)

    def load(self, path: Path, where: Where | None = None) -> SourcedSet:
        """Load and validate one set file (without resolving ``extends``)."""
        if path in self._sets:
            return self._sets[path]
        try:
            document = load_file(path, display=_display(path))
        except LoadError as err:
            raise InputError(err.problems) from None
        kind = document.data.get("kind") if isinstance(document.data, dict) else None
        if kind != "criteria-set":
            problem = (where or Where(document.file)).problem(
                "not-criteria",
                Message(
                    N_("{file} is not a criteria set (its kind is {kind!r})."),
                    {"file": document.file, "kind": kind},
                ),
            )
            raise InputError([problem])
        model, problems = validate(CriteriaSet, document)
        if model is None or has_errors(problems):
            raise InputError(problems)
        loaded = SourcedSet(model, document, path)
        self._sets[path] = loaded
        return loaded

    def _resolve_path(
        self, path: Path, stack: tuple[Path, ...], where: Where | None = None
    ) -> ResolvedSet:
        if path in self._resolved:
            return self._resolved[path]
        root = self.load(path, where)
        chain: list[SourcedSet] = []
        for i, ref in enumerate(root.model.extends):
            where = Where.at(root.document, ("extends", i))
            base_path = self.locate(ref, where, path.parent, confine=True)
            if base_path == path or base_path in stack:
                cycle = " -> ".join(_display(p) for p in (*stack, path, base_path))
                raise InputError(
                    [
                        where.problem(
                            "extends-cycle",
                            Message(N_("`extends` makes a cycle: {cycle}."), {"cycle": cycle}),
                        )
                    ]
                )
            for sourced in self._resolve_path(base_path, (*stack, path), where).chain:
                if all(sourced.path != seen.path for seen in chain):
                    chain.append(sourced)
        chain.append(root)
        resolved = merge(tuple(chain))
        self._resolved[path] = resolved
        return resolved

    def lint(self, resolved: ResolvedSet) -> list[Problem]:
        """The lint findings of every file in ``resolved``'s chain, each file linted once
        per library."""
        problems: list[Problem] = []
        for sourced in resolved.chain:
            if sourced.path not in self._lint:
                own = self._resolve_path(sourced.path, ())
                self._lint[sourced.path] = lint(sourced, own)
            problems.extend(self._lint[sourced.path])
        return problems

    def usable(self, resolved: ResolvedSet) -> ResolvedSet:
        """``resolved``, if no file in its chain has lint errors; an application must never
        be scored with a set that ``hallbarhet validate`` rejects."""
        errors = [p for p in self.lint(resolved) if p.severity is Severity.ERROR]
        if errors:
            raise InputError(errors)
        return resolved

    def available(self) -> Iterator[SourcedSet]:
        """Every valid set file directly in the search-path folders, first folder first."""
        for folder in self.folders:
            for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
                try:
                    yield self.load(path.resolve())
                except InputError:
                    continue


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
