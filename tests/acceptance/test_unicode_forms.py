"""The same text in two Unicode forms is the same answer. "Växjö" typed on a keyboard is
precomposed (NFC); pasted from some systems it is a base letter and a combining mark
(NFD). Answers, options, ids and keys are read in NFC, from YAML, JSON Lines and CSV
alike, so an ``eq`` condition holds and a choice is accepted whichever form was used."""

from __future__ import annotations

import csv
import json
import unicodedata
from pathlib import Path

import pytest
import yaml

from tests.acceptance.conftest import ROOT, Run

FIXTURES = ROOT / "tests" / "fixtures"
PLACE = "Växjö"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def criteria_set(tmp_path: Path, form: str) -> None:
    """The mini set with a choice of places and a criterion on a text answer, its texts
    in ``form``."""
    data = yaml.safe_load((FIXTURES / "mini-set.yaml").read_text(encoding="utf-8"))
    place = unicodedata.normalize(form, PLACE)
    data["questions"] += [
        {
            "id": "kommun",
            "type": "choice",
            "label": {"sv": "Kommun", "en": "Municipality"},
            "options": [{"value": place.lower(), "label": place}, {"value": "alvesta"}],
        },
        {"id": "ort", "type": "text", "label": {"sv": "Ort", "en": "Town"}},
    ]
    data["criteria"].append(
        {
            "id": "ORT-1",
            "dimension": "economic",
            "title": {"sv": "Ort", "en": "Town"},
            "levels": [{"points": 1, "when": {"question": "ort", "eq": place}}, {"points": 0}],
        }
    )
    (tmp_path / "mini-set.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )


def application(answer_form: str) -> dict[str, object]:
    data = yaml.safe_load((FIXTURES / "mini-app.yaml").read_text(encoding="utf-8"))
    place = unicodedata.normalize(answer_form, PLACE)
    data["answers"].update({"kommun": place.lower(), "ort": place})
    return data


@pytest.mark.parametrize(("set_form", "answer_form"), [("NFC", "NFD"), ("NFD", "NFC")])
def test_an_answer_in_another_form_is_the_same_answer(
    run: Run, tmp_path: Path, set_form: str, answer_form: str
) -> None:
    criteria_set(tmp_path, set_form)
    (tmp_path / "app.yaml").write_text(
        yaml.safe_dump(application(answer_form), allow_unicode=True), encoding="utf-8"
    )
    result = run("assess", "app.yaml", "-f", "json", "--lang", "en")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    points = {c["id"]: c["points"] for c in report["criteria"]}
    assert points["ORT-1"] == 1, report
    assert run("validate", "app.yaml", "mini-set.yaml").returncode == 0


def test_json_lines_and_csv_cells_are_read_in_one_form(run: Run, tmp_path: Path) -> None:
    criteria_set(tmp_path, "NFC")
    line = json.dumps(application("NFD"), default=str)
    (tmp_path / "round.jsonl").write_text(line + "\n", encoding="utf-8")
    result = run("batch", "round.jsonl", "-o", "out", "-q", "--lang", "en")
    assert result.returncode == 0, result.stderr
    with (tmp_path / "out" / "results.csv").open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["points_ORT-1"] == "1", row
