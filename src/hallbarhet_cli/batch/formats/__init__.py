"""The input formats of a batch, one unit each, registered by kind.

Each format (:class:`~hallbarhet_cli.batch.items.InputFormat`) names its suffixes, says
whether it is read through a column mapping, looks at a file before the round (counting
its applications, binding an export's columns) and then yields one work item per
application or a problem where it cannot be read. A file whose suffix no format claims is
an application file. Adding a format is one module here and one line below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from hallbarhet_cli.batch.formats.csvexport import CsvExport
from hallbarhet_cli.batch.formats.files import ApplicationFiles
from hallbarhet_cli.batch.formats.jsonlines import JsonLines
from hallbarhet_cli.batch.formats.xlsxexport import XlsxExport
from hallbarhet_cli.batch.items import InputFormat, InputKind

FORMATS: Final[dict[InputKind, InputFormat]] = {
    f.kind: f for f in (ApplicationFiles(), JsonLines(), CsvExport(), XlsxExport())
}
_BY_SUFFIX: Final = {suffix: f.kind for f in FORMATS.values() for suffix in f.suffixes}


def kind_of_path(path: Path) -> InputKind:
    """The format of the file at ``path``, by its suffix; an application file by default."""
    return _BY_SUFFIX.get(path.suffix.lower(), InputKind.APPLICATION)
