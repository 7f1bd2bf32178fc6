"""A criteria set as the engine uses it: the files of an ``extends`` chain merged into one,
with the place that defines each question, criterion and gate kept for error messages."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Final, Literal

from hallbarhet_cli.errors import InputError, Message, Problem
from hallbarhet_cli.files.yamlload import DataPath, Document
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models import CriteriaSet, Criterion, Dimension, Gate, Question, VerdictRule
from hallbarhet_cli.models.validation import did_you_mean, did_you_mean_or_listed, dump_as

ElementKind = Literal["question", "criterion", "gate", "dimension"]
_NO_SUCH: Final[dict[ElementKind, str]] = {
    "question": N_("There is no question {id!r} in the criteria set {set!r}."),
    "criterion": N_("There is no criterion {id!r} in the criteria set {set!r}."),
    "gate": N_("There is no gate {id!r} in the criteria set {set!r}."),
    "dimension": N_("There is no dimension {id!r} in the criteria set {set!r}."),
}


@dataclass(frozen=True)
class SourcedSet:
    """One criteria set file as loaded and validated, before ``extends`` is merged."""

    model: CriteriaSet
    document: Document
    path: Path


@dataclass(frozen=True, eq=False)
class ResolvedSet:
    """A criteria set with everything it extends merged in: what the engine scores with.

    ``origin`` says for each question, criterion and gate which file and which place in it
    defines the element, so problems found later can point there.
    """

    root: SourcedSet
    chain: tuple[SourcedSet, ...]
    questions: tuple[Question, ...]
    criteria: tuple[Criterion, ...]
    gates: tuple[Gate, ...]
    dimensions: dict[str, Dimension]
    verdict: VerdictRule
    origin: dict[tuple[str, str], tuple[SourcedSet, DataPath]] = field(repr=False)

    @property
    def id(self) -> str:
        return self.root.model.id

    @property
    def version(self) -> str:
        return self.root.model.version

    @cached_property
    def question_map(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def criterion_map(self) -> dict[str, Criterion]:
        return {c.id: c for c in self.criteria}

    @cached_property
    def gate_map(self) -> dict[str, Gate]:
        return {g.id: g for g in self.gates}

    @cached_property
    def criterion_questions(self) -> dict[str, tuple[str, ...]]:
        """The questions each criterion's levels read, in order of appearance."""
        from hallbarhet_cli.models.conditions import questions_read

        read: dict[str, tuple[str, ...]] = {}
        for criterion in self.criteria:
            seen: dict[str, None] = {}
            for level in criterion.levels or []:
                seen.update(dict.fromkeys(questions_read(level.when)))
            read[criterion.id] = tuple(seen)
        return read

    def no_such(self, kind: ElementKind, wanted: str) -> Message:
        """ "There is no <kind> <id> in the criteria set", with the nearest id suggested: the
        one message for an id that the set does not have, wherever it was written."""
        known: dict[ElementKind, Iterable[str]] = {
            "question": self.question_map,
            "criterion": self.criterion_map,
            "gate": self.gate_map,
            "dimension": self.dimensions,
        }
        # A question nothing is close to gets the set's question ids, so a typo always has a lead.
        hint = (did_you_mean_or_listed if kind == "question" else did_you_mean)(wanted, known[kind])
        return Message(_NO_SUCH[kind], {"id": wanted, "set": self.id}, hint)

    @cached_property
    def sha256(self) -> str:
        """A fingerprint of the resolved content: changes with any question, level, weight,
        threshold or gate, whichever file it comes from."""
        # The merged elements are dumped as one criteria set, by the serializer that came
        # with the set's validator: dumping each element by its own class would first build
        # a schema for each of those classes (a fifth of the CPU time of ``assess``). The
        # dumps are the same, field for field.
        whole = CriteriaSet.model_construct(
            kind="criteria-set",
            id=self.id,
            version=self.version,
            title=self.root.model.title,
            dimensions=self.dimensions,
            verdict=self.verdict,
            questions=list(self.questions),
            criteria=list(self.criteria),
            gates=list(self.gates),
        )
        plain = dump_as(CriteriaSet, whole, mode="json", include={"dimensions", "verdict"})
        lean = dump_as(
            CriteriaSet,
            whole,
            mode="json",
            by_alias=True,
            exclude_none=True,
            include={"questions", "criteria", "gates"},
        )
        payload = {
            "id": self.id,
            "version": self.version,
            "dimensions": plain["dimensions"],
            "verdict": plain["verdict"],
            "questions": lean["questions"],
            "criteria": lean["criteria"],
            "gates": lean["gates"],
        }
        text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


_ELEMENT_KIND: Final = {"questions": "question", "criteria": "criterion", "gates": "gate"}


def merge(chain: tuple[SourcedSet, ...]) -> ResolvedSet:
    """Merge a chain of sets (bases first, the extending set last) into one."""
    origin: dict[tuple[str, str], tuple[SourcedSet, DataPath]] = {}
    problems: list[Problem] = []
    elements: dict[str, list[Any]] = {"questions": [], "criteria": [], "gates": []}
    dimensions: dict[str, Dimension] = {}
    verdict: VerdictRule | None = None
    for sourced in chain:
        dimensions.update(sourced.model.dimensions)
        verdict = sourced.model.verdict or verdict
        for section, items in elements.items():
            for i, item in enumerate(getattr(sourced.model, section)):
                key = (_ELEMENT_KIND[section], item.id)
                if key in origin:
                    first, first_path = origin[key]
                    line = (first.document.position(first_path) or (0, 0))[0]
                    problems.append(
                        sourced.document.problem(
                            (section, i, "id"),
                            "duplicate-id",
                            Message(
                                N_("The id {id!r} is already used in {file} (line {line})."),
                                {"id": item.id, "file": first.document.file, "line": line},
                            ),
                        )
                    )
                    continue
                origin[key] = (sourced, (section, i))
                items.append(item)
    if problems:
        raise InputError(problems)
    return ResolvedSet(
        root=chain[-1],
        chain=chain,
        questions=tuple(elements["questions"]),
        criteria=tuple(elements["criteria"]),
        gates=tuple(elements["gates"]),
        dimensions=dimensions,
        # Built, not validated: the defaults need no checking, and validating would build
        # the rule's own validator for nothing.
        verdict=verdict or VerdictRule.model_construct(),
        origin=origin,
    )
