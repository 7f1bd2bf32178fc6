"""The promises of a resolved criteria set: the ``follow_up`` entries of every file in its
chain, and how a delivered value compares with a promised one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from hallbarhet_cli.criteria.resolved import ResolvedSet, SourcedSet
from hallbarhet_cli.models import Question
from hallbarhet_cli.models.followup import Promise

# Question types a delivered value can be compared with: numbers by size, a choice by the
# order of its options (later is more), a yes/no answer with yes above no, dates by time.
COMPARABLE: Final = frozenset({"number", "integer", "choice", "boolean", "date"})
NUMERIC: Final = frozenset({"number", "integer"})


@dataclass(frozen=True)
class DeclaredPromise:
    """A promise with the set file that declares it and its index there."""

    promise: Promise
    source: SourcedSet
    index: int

    @property
    def question(self) -> str:
        return self.promise.question


def promises(criteria: ResolvedSet) -> dict[str, DeclaredPromise]:
    """Every promise of ``criteria`` by question id; the extending set wins over its
    bases, the first entry within a file."""
    found: dict[str, DeclaredPromise] = {}
    for sourced in reversed(criteria.chain):
        for i, promise in enumerate(sourced.model.follow_up):
            found.setdefault(promise.question, DeclaredPromise(promise, sourced, i))
    order = {q.id: n for n, q in enumerate(criteria.questions)}
    return dict(sorted(found.items(), key=lambda item: order.get(item[0], len(order))))


def rank(question: Question, value: Any) -> float | None:
    """``value`` on a scale where more is more, or ``None`` where it has none."""
    if question.type in NUMERIC and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if question.type == "boolean" and isinstance(value, bool):
        return 1.0 if value else 0.0
    if question.type == "choice" and isinstance(value, str):
        values = question.option_values()
        return float(values.index(value)) if value in values else None
    if question.type == "date" and hasattr(value, "toordinal"):
        return float(value.toordinal())
    return None
