"""What ``hallbarhet batch`` can write, by name: the round's outputs (``--format``) and the
report per application (``--reports``). Kept apart from the writers, so that the command
line builds its choices from here without loading them."""

from __future__ import annotations

from typing import Final

# The round's outputs, in the order the command line offers them; summary.json is always
# written.
OUTPUT_FORMATS: Final = ("csv", "xlsx", "jsonl", "html")

# The assessment reports written per application into reports/ (each one a reporter of
# hallbarhet_cli.reporters.REPORTERS), with the suffix of the file.
REPORT_SUFFIXES: Final = {"html": "html", "md": "md", "pdf": "pdf"}
