"""What a batch reads: arguments expanded into files, exports bound to the mapping, and a
lazy stream of one work item per application."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from hallbarhet_cli.batch.inputs import (
    FileItem,
    InputKind,
    LineItem,
    ProblemItem,
    RowItem,
    Unmatched,
    expand,
    iter_items,
    prepare,
)
from hallbarhet_cli.batch.mapping import LoadedMapping, load_mapping
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.errors import UsageError

MAPPING = """\
kind: mapping
fields:
  id: id
  criteria: {value: kronoberg-projektmedel}
  type: {value: project}
  title: titel
  applicant: {name: sökande, sector: {value: public}}
  budget: {total_sek: total, requested_sek: sökt}
  period: {start: start, end: slut}
"""


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(cwd)


@pytest.fixture
def mapping(tmp_path: Path) -> LoadedMapping:
    path = tmp_path / "map.yaml"
    path.write_text(MAPPING, encoding="utf-8")
    return load_mapping(path, CriteriaLibrary())


def test_arguments_expand_in_order_each_file_once(in_tmp: Path) -> None:
    (in_tmp / "round" / "b").mkdir(parents=True)
    (in_tmp / "round" / ".hidden").mkdir()
    for name in ("round/a.yaml", "round/b/c.yml", "round/.hidden/d.yaml", "round/notes.txt"):
        (in_tmp / name).write_text("x", encoding="utf-8")
    (in_tmp / "apps.jsonl").write_text("{}\n", encoding="utf-8")
    found = expand(["round", "round/a.yaml", "round/*/c.yml", "apps.jsonl", "nothing*.yaml", "x"])
    described = [
        (f.display, f.kind, f.named) if not isinstance(f, Unmatched) else f.display for f in found
    ]
    assert described == [
        ("round/a.yaml", InputKind.APPLICATION, False),
        ("round/b/c.yml", InputKind.APPLICATION, False),
        ("apps.jsonl", InputKind.JSONL, True),
        "nothing*.yaml",
        "x",
    ]


def test_a_spreadsheet_export_needs_a_mapping(in_tmp: Path) -> None:
    (in_tmp / "export.csv").write_text("id\n1\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        prepare(["export.csv"], None)
    assert caught.value.problems[0].rule == "no-mapping"


def test_json_lines_are_items_with_their_line_numbers(in_tmp: Path) -> None:
    (in_tmp / "apps.jsonl").write_bytes(b'\xef\xbb\xbf{"a": 1}\n\n   \n{"b": 2}\n')
    round_ = prepare(["apps.jsonl", "missing.yaml"], None)
    assert round_.total == 3
    items = list(iter_items(round_, None))
    assert [type(i) for i in items] == [LineItem, LineItem, ProblemItem]
    first, second, missing = items
    assert isinstance(first, LineItem) and isinstance(second, LineItem)
    assert (first.line, first.text) == (1, b'{"a": 1}\n')
    assert (second.index, second.line) == (1, 4)
    assert isinstance(missing, ProblemItem) and missing.problem.rule == "no-such-file"


def test_csv_rows_are_items_with_their_spreadsheet_row(
    in_tmp: Path, mapping: LoadedMapping
) -> None:
    text = "id;titel;sökande;total;sökt;start;slut\n1;A;S;2;1;2026-01-01;2026-12-31\n;;;;;;\n"
    text += '2;"B; med\nradbrytning";S;2;1;2026-01-01;2026-12-31\n'
    (in_tmp / "export.csv").write_text(text, encoding="utf-8")
    round_ = prepare(["export.csv"], mapping)
    assert round_.total == 2
    items = list(iter_items(round_, mapping))
    assert all(isinstance(i, RowItem) for i in items)
    rows = [(i.number, i.cells[1]) for i in items if isinstance(i, RowItem)]
    assert rows == [(2, "A"), (4, "B; med\nradbrytning")]


def test_an_export_that_is_not_utf8_is_one_error(in_tmp: Path, mapping: LoadedMapping) -> None:
    text = "id,titel,sökande,total,sökt,start,slut\n1,Växjö,S,2,1,2026-01-01,2026-12-31\n"
    (in_tmp / "export.csv").write_bytes(text.encode("cp1252"))
    round_ = prepare(["export.csv"], mapping)
    items = list(iter_items(round_, mapping))
    assert len(items) == 1 and isinstance(items[0], ProblemItem)
    message = items[0].problem.message.render("en")
    assert "cp1252" in message


def test_files_in_folders_and_named_files_are_told_apart(in_tmp: Path) -> None:
    (in_tmp / "round").mkdir()
    (in_tmp / "round" / "a.yaml").write_text("x", encoding="utf-8")
    (in_tmp / "b.yaml").write_text("x", encoding="utf-8")
    items = list(iter_items(prepare(["round", "b.yaml"], None), None))
    assert [(i.display, i.named) for i in items if isinstance(i, FileItem)] == [
        ("round/a.yaml", False),
        ("b.yaml", True),
    ]
