"""The rules that indicator sets and indicator data are checked by, each with the sentence
that describes it in SARIF output and in docs/reference.md."""

from __future__ import annotations

from typing import Final

from hallbarhet_cli.i18n import N_

INDICATOR_RULES: Final[dict[str, str]] = {
    "not-indicator-set": N_("The file is not an indicator set."),
    "indicators-not-found": N_("No indicator set with the id or at the path given."),
    "indicators-escape": N_("An indicator set path leads outside the referring file's folder."),
    "target-band": N_("A `target` direction without its band, or a band on another direction."),
    "target-bound": N_("A target without exactly one of `at_least` and `at_most`."),
    "period": N_("A period not written the way the indicator's frequency is."),
    "unknown-indicator": N_("A data row for an indicator the set does not have."),
    "duplicate-row": N_("A second data row for the same indicator, period, area and breakdown."),
    "value": N_("A value cell that is not a number."),
    "status": N_("A status other than final, preliminary or revised."),
    "breakdown": N_("A breakdown the indicator does not have."),
    "missing-area": N_("A data row without an area."),
    "unknown-data-column": N_("A column that indicator data does not have."),
    "duplicate-column": N_("A column named twice in the header."),
    "missing-column": N_("A required column of indicator data is missing."),
    "row-length": N_("A data row with more cells than the header has columns."),
    "csv": N_("A file that cannot be read as CSV."),
    "usage": N_("The command was called in a way that cannot work."),
    "indicator-mapping": N_("An indicator mapping, or the export it reads, cannot be used."),
}
