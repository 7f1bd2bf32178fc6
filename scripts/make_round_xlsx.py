"""Write the XLSX version of the example round export from its CSV.

    python scripts/make_round_xlsx.py [CSV] [XLSX]

By default examples/round/utlysning-2026-export.csv -> .xlsx. Cells are typed the way a
grant-management system's Excel export types them: amounts, counts and ids as numbers,
dates as dates, everything else as text. The workbook's timestamps come from
``SOURCE_DATE_EPOCH`` (default 2026-01-01), so running this again gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from hallbarhet_cli.batch.outputs import reproducible_zip
from hallbarhet_cli.batch.rows import as_number

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = ROOT / "examples" / "round" / "utlysning-2026-export.csv"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def typed(text: str) -> Any:
    """A CSV cell as the spreadsheet would hold it."""
    if not text:
        return None
    if DATE.match(text):
        return dt.datetime.fromisoformat(text)
    number = as_number(text)
    return number if isinstance(number, int | float) else text


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CSV
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else source.with_suffix(".xlsx")
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))
    moment = dt.datetime.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Ansökningar"
    sheet.append(rows[0])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows[1:]:
        sheet.append([typed(text) for text in row])
    for i, name in enumerate(rows[0], 1):
        sheet.column_dimensions[get_column_letter(i)].width = max(12, min(40, len(name) + 4))
        if name in ("projekt_starttid", "projekt_sluttid"):
            for cell in sheet[get_column_letter(i)][1:]:
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "B2"
    book.properties.creator = "hallbarhet example"
    book.properties.created = moment
    book.save(target)
    reproducible_zip(target, moment)
    print(f"{target}: {len(rows) - 1} rows")


if __name__ == "__main__":
    main()
