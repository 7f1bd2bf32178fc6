"""What ``hallbarhet validate`` does with indicator files: an indicator set is checked like
a criteria set (schema, ``extends`` and the checks of :func:`.library.check`); an
indicator data file named on the command line is checked against its set."""

from __future__ import annotations

from pathlib import Path

from hallbarhet_cli.errors import InputError, Message, Problem, Severity
from hallbarhet_cli.files.yamlload import Document
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.indicators.data import read_data, read_rows
from hallbarhet_cli.indicators.library import (
    IndicatorLibrary,
    ResolvedIndicatorSet,
    check,
)


def check_document(document: Document, path: Path) -> list[Problem]:
    """``hallbarhet validate`` for an indicator set file: schema, ``extends`` and the
    checks of :func:`check`. Raises :class:`InputError` when the file cannot be used."""
    library = IndicatorLibrary()
    library.load_document(document, path)
    return check(library.resolve_path(path))


def check_data_file(path: Path, display: str) -> list[Problem]:
    """``hallbarhet validate`` for an indicator data file named on the command line.

    The file is checked against the indicator set on the search path
    (``HALLBARHET_INDICATORS_PATH``, then the bundled sets) that has the most of the
    indicators it names (the first such set on a tie); when no set has any of them, that
    is the one problem reported. ``hallbarhet indicators report SET FILE`` checks a file
    against the set given."""
    try:
        rows = read_rows(path, display)
    except InputError as err:
        return list(err.problems)
    header = [cell.strip().casefold() for cell in rows[0][1]] if rows else []
    named: set[str] = set()
    if "indicator" in header:
        at = header.index("indicator")
        named = {
            cells[at].strip() for _, cells in rows[1:] if len(cells) > at and cells[at].strip()
        }
    library = IndicatorLibrary()
    best: ResolvedIndicatorSet | None = None
    best_overlap = 0
    for sourced in library.available():
        resolved = library.resolve_path(sourced.path)
        overlap = len(named & set(resolved.indicator_map))
        if overlap > best_overlap:
            best, best_overlap = resolved, overlap
    if best is not None:
        try:
            read_data([(path, display)], best)
        except InputError as err:
            return list(err.problems)
        return []
    message = Message(
        N_(
            "No indicator set on HALLBARHET_INDICATORS_PATH or among the bundled sets has "
            "any indicator this file names; check it against its set with "
            "`hallbarhet indicators report SET FILE`."
        )
    )
    return [Problem(display, 1, None, "indicators-not-found", Severity.ERROR, message)]
