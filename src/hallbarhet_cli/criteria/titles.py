"""Finding a criterion by what people see of it: its title, as the pre-check and the
reports show it, in any of the set's languages."""

from __future__ import annotations

from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.models.text import Text


def _titles(title: Text) -> list[str]:
    return [title] if isinstance(title, str) else list(title.values())


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def criteria_titled(criteria: ResolvedSet, wanted: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The criteria whose title is ``wanted`` (ignoring case and spacing), and every
    criterion whose title contains it, each with the title that does."""
    key = _folded(wanted)
    exact: list[str] = []
    found: list[tuple[str, str]] = []
    if not key:
        return exact, found
    for criterion in criteria.criteria:
        for title in _titles(criterion.title):
            if _folded(title) == key and criterion.id not in exact:
                exact.append(criterion.id)
            if key in _folded(title):
                found.append((criterion.id, title))
                break
    return exact, found
