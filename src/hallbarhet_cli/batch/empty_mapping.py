"""A mapping that maps no answers: every application it makes has nothing to score, so
the round would be all "cannot be scored yet". That is allowed (a register export can be
checked for its gates and fields), but worth a warning before the batch starts."""

from __future__ import annotations

from pathlib import Path

from hallbarhet_cli.batch.mapping import ColumnMapping
from hallbarhet_cli.errors import Message, Problem, Severity
from hallbarhet_cli.files.yamlload import LoadError, load_file
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models.validation import validate


def empty_mapping_warning(path: Path) -> Problem | None:
    """A warning when the mapping at ``path`` maps no answer and no officer score; ``None``
    when it does, or when it cannot be read (loading it for the batch reports that)."""
    try:
        document = load_file(path, display=str(path))
    except LoadError:
        return None
    data = document.data
    if not isinstance(data, dict) or data.get("kind") != "mapping":
        return None
    model, _problems = validate(ColumnMapping, document)
    if model is None:
        return None
    review = model.review
    if model.answers or (review is not None and review.scores):
        return None
    where = ("answers",) if isinstance(data.get("answers"), dict) else ()
    return document.problem(
        where,
        "mapping-no-answers",
        Message(
            N_(
                "The mapping maps no answers, so no application in the batch can be scored: "
                "each will be reported as cannot be scored yet."
            )
        ),
        Severity.WARNING,
    )
