"""Assessing work items: every input comes back as a record or as located errors, in the
batch's language, and the JSON line is the assessment view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hallbarhet_cli.batch.inputs import FileItem, LineItem, RowItem
from hallbarhet_cli.batch.mapping import load_mapping
from hallbarhet_cli.batch.records import Outcome, Status
from hallbarhet_cli.batch.rows import bind
from hallbarhet_cli.batch.worker import Settings, Worker, report_name
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.files.yamlload import load_file

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("mini-set.yaml", "mini-app.yaml"):
        (tmp_path / name).write_text((FIXTURES / name).read_text(encoding="utf-8"), "utf-8")
    return tmp_path


def worker(lang: str = "en") -> Worker:
    return Worker(Settings(lang=lang, assessed_at="2026-01-01T00:00:00Z"))


def application_json(folder: Path, **changes: object) -> bytes:
    data = load_file(folder / "mini-app.yaml").data
    data["period"] = {k: v.isoformat() for k, v in data["period"].items()}
    data.update(changes)
    return json.dumps(data, ensure_ascii=False).encode()


def one(worker: Worker, item: FileItem | LineItem | RowItem) -> Outcome:
    result = worker.run([item])
    assert len(result.outcomes) == 1
    return result.outcomes[0]


def test_a_file_is_assessed_and_its_line_is_the_view(folder: Path) -> None:
    path = folder / "mini-app.yaml"
    w = worker()
    result = w.run([FileItem(0, str(path), "mini-app.yaml", True)])
    outcome = result.outcomes[0]
    assert outcome.status is Status.ASSESSED and outcome.record is not None
    assert outcome.record.id == "T-1"
    assert [info.id for info in result.sets] == ["mini"]
    assert outcome.jsonl is not None
    view = json.loads(outcome.jsonl)
    assert view["input"] == "mini-app.yaml"
    assert view["application"]["id"] == "T-1"
    assert view["assessed_at"] == "2026-01-01T00:00:00Z"
    assert view["verdict"] == outcome.record.verdict
    row = json.loads(outcome.row)
    assert (row["id"], row["verdict"]) == ("T-1", outcome.record.verdict)
    # The set's titles go back once per worker.
    assert w.run([FileItem(1, str(path), "again.yaml", True)]).sets == ()


def test_an_answer_beyond_64_bits_is_written_exactly(folder: Path) -> None:
    # A question without bounds takes any whole number; the fast JSON encoder refuses
    # integers beyond 64 bits, and such a line must still be written, digit for digit.
    path = folder / "mini-app.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "ghg_change_t: -5", "ghg_change_t: -" + "9" * 30
    )
    path.write_text(text, encoding="utf-8")
    outcome = one(worker(), FileItem(0, str(path), "mini-app.yaml", True))
    assert outcome.status is Status.ASSESSED and outcome.jsonl is not None
    assert b'"ghg_change_t":-' + b"9" * 30 + b"}" in outcome.jsonl
    assert json.loads(outcome.jsonl)["application"]["id"] == "T-1"


def test_a_json_line_with_a_wrong_value_is_located_at_its_column(folder: Path) -> None:
    text = application_json(folder, budget={"total_sek": 10, "requested_sek": "lots"})
    outcome = one(worker(), LineItem(3, "apps.jsonl", str(folder), 7, text))
    assert outcome.status is Status.ERROR
    assert outcome.input == "apps.jsonl:7"
    assert outcome.id_hint == "T-1"
    column = text.decode().index('"lots"') + 1
    assert outcome.messages[0].startswith(f"apps.jsonl:7:{column}: error [schema]")
    assert json.loads(outcome.row)["error"].startswith("apps.jsonl:7:")
    assert outcome.jsonl is not None
    assert json.loads(outcome.jsonl)["error"] == list(outcome.messages)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (b'{"kind": "application", "id": }', "json-syntax"),
        (b"[1, 2]", "not-object"),
        (b'{"id": 1, "id": 2}', "duplicate-key"),
        (b'{"kind": "application", "title": "\xff"}', "encoding"),
    ],
)
def test_broken_json_lines_are_errors(folder: Path, text: bytes, rule: str) -> None:
    outcome = one(worker(), LineItem(0, "apps.jsonl", str(folder), 2, text))
    assert outcome.status is Status.ERROR
    assert f"[{rule}]" in outcome.messages[0]
    assert outcome.messages[0].startswith("apps.jsonl:2:")


def test_a_row_problem_names_the_row_and_the_column(folder: Path) -> None:
    mapping_file = folder / "map.yaml"
    mapping_file.write_text(
        """\
kind: mapping
fields:
  id: id
  criteria: {value: mini-set.yaml}
  type: {value: project}
  title: titel
  applicant: {name: sökande, sector: {value: public}}
  budget: {total_sek: total, requested_sek: sökt}
  period: {start: start, end: slut}
answers:
  ghg_change_t: utsläpp
""",
        encoding="utf-8",
    )
    mapping = load_mapping(mapping_file, CriteriaLibrary())
    header = ["id", "titel", "sökande", "total", "sökt", "start", "slut", "utsläpp"]
    plan = bind(mapping, header, "export.csv", folder)
    cells = ("R-1", "Titel", "Kommun", "100", "tre miljoner", "2026-01-01", "2026-12-31", "-5")
    outcome = one(worker(), RowItem(0, plan, 5, cells))
    assert outcome.status is Status.ERROR
    assert outcome.input == "export.csv:5"
    assert outcome.messages[0].startswith("export.csv:5:5: error [schema]")
    assert outcome.messages[0].endswith("(column \u201csökt\u201d)")
    fine = one(worker(), RowItem(1, plan, 6, (*cells[:4], "50", *cells[5:])))
    assert fine.status is Status.ASSESSED and fine.record is not None
    assert fine.record.requested_sek == 50


def test_sets_found_in_folders_are_skipped_but_named_ones_are_errors(folder: Path) -> None:
    path = str(folder / "mini-set.yaml")
    w = worker()
    assert one(w, FileItem(0, path, "mini-set.yaml", False)).status is Status.SKIPPED
    named = one(w, FileItem(1, path, "mini-set.yaml", True))
    assert named.status is Status.ERROR
    assert "[not-application]" in named.messages[0]


def test_errors_are_in_the_batch_language(folder: Path) -> None:
    outcome = one(worker("sv"), FileItem(0, str(folder / "missing.yaml"), "missing.yaml", True))
    assert outcome.messages[0].startswith("missing.yaml: fel [no-such-file]")


def test_report_names_sort_like_the_inputs_and_are_safe() -> None:
    assert report_name(0, "KRO-2026-0101") == "00001-KRO-2026-0101"
    assert report_name(41, "../../etc/passwd") == "00042-etc_passwd"
    assert report_name(9, "///") == "00010-application"


def test_a_worker_process_writes_the_json_lines_of_a_chunk_to_a_part(
    folder: Path, tmp_path: Path
) -> None:
    parts = tmp_path / "staging" / "parts"
    parts.mkdir(parents=True)
    settings = Settings(lang="en", assessed_at="2026-01-01T00:00:00Z", parts_dir=str(parts))
    items = [
        FileItem(7, str(folder / "mini-app.yaml"), "mini-app.yaml", True),
        FileItem(8, str(folder / "missing.yaml"), "missing.yaml", True),
    ]
    in_memory = Worker(settings).run(items)
    result = Worker(settings, write_parts=True).run(items)
    assert result.jsonl_part == str(parts / "000000007.jsonl")
    assert all(outcome.jsonl is None for outcome in result.outcomes)
    lines = [o.jsonl for o in in_memory.outcomes if o.jsonl is not None]
    assert len(lines) == 2
    assert Path(result.jsonl_part).read_bytes() == b"".join(line + b"\n" for line in lines)
    assert [o.row for o in result.outcomes] == [o.row for o in in_memory.outcomes]
