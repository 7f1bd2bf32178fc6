"""Output files: formula injection neutralised, numbers kept numeric, nothing half written,
and the same bytes for the same round."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from hallbarhet_cli.batch.outputs import (
    Staging,
    _csv_value,
    _xlsx_value,
    neutralise,
    reproducible_zip,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+46 Digital", "'+46 Digital"),
        ("-85", "'-85"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Solcellspark = bra", "Solcellspark = bra"),
        ("", ""),
    ],
)
def test_text_a_spreadsheet_would_run_is_neutralised(text: str, expected: str) -> None:
    assert neutralise(text) == expected
    assert _csv_value(text) == expected


def test_numbers_stay_numbers() -> None:
    assert _csv_value(-85) == "-85"
    assert _csv_value(2_100_000.0) == "2100000"
    assert _csv_value(80.3) == "80.3"
    assert _csv_value(True) == "true"
    assert _csv_value(None) == ""
    assert _xlsx_value(-85) == -85
    assert _xlsx_value("=1+1") == "'=1+1"
    # XML cannot hold it (openpyxl would refuse): shown as a symbol, as in the terminal
    assert _xlsx_value("a\x0bb") == "a\u240bb"
    assert _xlsx_value("") is None


def test_an_interrupted_run_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out).mkdir()
    (out / "results.csv").write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), Staging(out) as staging:
        staging.path("results.csv").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt
    assert sorted(p.name for p in out.iterdir()) == ["results.csv"]
    assert (out / "results.csv").read_text(encoding="utf-8") == "old"


def test_commit_puts_files_and_folders_in_place(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "reports").mkdir(parents=True)
    (out / "reports" / "old.html").write_text("old", encoding="utf-8")
    with Staging(out) as staging:
        staging.path("results.csv").write_text("new", encoding="utf-8")
        staging.path("reports").mkdir()
        staging.path("reports/00001-A.html").write_text("report", encoding="utf-8")
        staging.commit(["results.csv", "reports"])
    assert sorted(p.name for p in out.iterdir()) == ["reports", "results.csv"]
    assert [p.name for p in (out / "reports").iterdir()] == ["00001-A.html"]


def test_zip_members_get_one_timestamp(tmp_path: Path) -> None:
    moment = dt.datetime(2026, 1, 1, 12, 0, 0)
    paths = []
    for name in ("a.xlsx", "b.xlsx"):
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("docProps/core.xml", f"<dcterms:modified>{name}</dcterms:modified>")
            archive.writestr("xl/workbook.xml", "<workbook/>")
        reproducible_zip(path, moment)
        paths.append(path)
    first, second = (p.read_bytes() for p in paths)
    assert first == second
    with zipfile.ZipFile(paths[0]) as archive:
        assert archive.read("docProps/core.xml") == (
            b"<dcterms:modified>2026-01-01T12:00:00Z</dcterms:modified>"
        )
        assert {i.date_time for i in archive.infolist()} == {(2026, 1, 1, 12, 0, 0)}
