"""The head of an export, read by the batch's rules: delimiter, encoding, sheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallbarhet_cli.batch.exporthead import ExportUnreadable, read_head
from hallbarhet_cli.batch.items import InputKind

ROUND = Path(__file__).parents[2] / "examples" / "round"


def test_a_semicolon_export_from_excel_on_windows(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes("Ärende-id;Sökt belopp;Län\n1;100;Kronoberg\n".encode("cp1252"))
    head = read_head(export, InputKind.CSV)
    assert (head.delimiter, head.encoding) == (";", "cp1252")
    assert head.columns == ("Ärende-id", "Sökt belopp", "Län")
    assert head.values_of(2) == ["Kronoberg"]


def test_a_byte_order_mark_and_spaces_are_not_part_of_the_header(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("\ufeff id , titel\n", encoding="utf-8")
    head = read_head(export, InputKind.CSV)
    assert (head.columns, head.encoding, head.rows) == (("id", "titel"), "utf-8", ())


def test_the_first_sheet_of_a_workbook() -> None:
    head = read_head(ROUND / "utlysning-2026-export.xlsx", InputKind.XLSX)
    assert head.sheet == "Ansökningar"
    assert head.columns[:2] == ("ärende-id", "stödmottagare")
    assert len(head.rows) == 12


@pytest.mark.parametrize(("name", "content"), [("empty.csv", b""), ("bad.xlsx", b"not a zip")])
def test_an_export_that_cannot_be_read(tmp_path: Path, name: str, content: bytes) -> None:
    export = tmp_path / name
    export.write_bytes(content)
    kind = InputKind.XLSX if name.endswith("xlsx") else InputKind.CSV
    with pytest.raises(ExportUnreadable):
        read_head(export, kind)
