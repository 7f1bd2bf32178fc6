"""An XLSX export is a zip archive of XML parts: one that would unpack beyond the limits
(a zip bomb) is refused before it is opened, and one the reader cannot make sense of (a
damaged part) is one error naming the file: exit 2 before the round starts, never a
crash, a flood of memory or a staging folder left behind."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.acceptance.conftest import EXAMPLES, Run

ROUND = EXAMPLES / "round"
WORKBOOK = ROUND / "utlysning-2026-export.xlsx"
MAPPING = ROUND / "utlysning-2026.map.yaml"


def rewritten(target: Path, part: str, write: Callable[[zipfile.ZipFile], None]) -> Path:
    """The example workbook with ``part`` replaced by what ``write`` puts in."""
    with zipfile.ZipFile(WORKBOOK) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            if info.filename != part:
                copy.writestr(info, source.read(info), zipfile.ZIP_DEFLATED)
        write(copy)
    return target


def bomb(megabytes: int) -> Callable[[zipfile.ZipFile], None]:
    """Shared strings that inflate about a thousandfold, written in pieces."""

    def write(archive: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo("xl/sharedStrings.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            block = b"<si><t>" + b"A" * 1000 + b"</t></si>"
            for _ in range(megabytes * 1024):
                part.write(block)
            part.write(b"</sst>")

    return write


def broken(part: str, content: bytes) -> Callable[[zipfile.ZipFile], None]:
    return lambda archive: archive.writestr(part, content)


def refused(result: object, name: str, reason: str) -> None:
    from subprocess import CompletedProcess

    assert isinstance(result, CompletedProcess)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "Internal error" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "[unreadable]" in line]
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and reason in lines[0], lines[0]


def test_a_zip_bomb_is_refused_before_it_is_read(run: Run, tmp_path: Path) -> None:
    book = rewritten(tmp_path / "bomb.xlsx", "xl/sharedStrings.xml", bomb(64))
    assert book.stat().st_size < 2 << 20  # small on disk
    result = run("batch", book, "--map", MAPPING, "-o", tmp_path / "out", "--lang", "en")
    refused(result, "bomb.xlsx", "zip bomb")
    assert not (tmp_path / "out").exists()


def test_a_workbook_beyond_the_size_limit_is_refused(run: Run, tmp_path: Path) -> None:
    """Not a bomb — the part does not inflate at all — but more than the limit allows
    (16 times the file size limit, here 1 MB)."""

    def picture(archive: zipfile.ZipFile) -> None:
        archive.writestr("xl/media/image1.png", os.urandom(17 << 20))

    book = rewritten(tmp_path / "large.xlsx", "xl/media/image1.png", picture)
    result = run(
        "batch",
        book,
        "--map",
        MAPPING,
        "-o",
        tmp_path / "out",
        "--lang",
        "en",
        env={"HALLBARHET_MAX_FILE_MB": "1"},
    )
    refused(result, "large.xlsx", "HALLBARHET_MAX_FILE_MB")


DAMAGED = {
    "styles-wrong-number": (
        "xl/styles.xml",
        b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<cellXfs count="1"><xf numFmtId="many" fontId="x"/></cellXfs></styleSheet>',
    ),
    "styles-not-xml": ("xl/styles.xml", b"\x00\x01 this is not XML"),
    "workbook-not-xml": ("xl/workbook.xml", b"<workbook"),
    "sheet-not-xml": ("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row><c"),
    "content-types-not-xml": ("[Content_Types].xml", b"<Types"),
    "relations-not-xml": ("xl/_rels/workbook.xml.rels", b"\xff\xfe<"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGED))
def test_a_damaged_workbook_is_one_error_naming_the_file(
    run: Run, tmp_path: Path, damage: str
) -> None:
    part, content = DAMAGED[damage]
    book = rewritten(tmp_path / f"{damage}.xlsx", part, broken(part, content))
    result = run("batch", book, "--map", MAPPING, "-o", tmp_path / "out", "--lang", "en")
    assert "Traceback" not in result.stderr and "Internal error" not in result.stderr
    assert result.returncode == 2, result.stderr
    assert f"{damage}.xlsx" in result.stderr and "[unreadable]" in result.stderr, result.stderr
    assert not list(tmp_path.glob("out/.hallbarhet-batch-*"))
