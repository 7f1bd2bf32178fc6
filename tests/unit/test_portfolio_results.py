"""Reading a batch's results back for the portfolio: what is recognised as a batch result
folder, and that an assessment read back from its results line is the assessment itself."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from hallbarhet_cli.applications.loading import load_application
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.errors import Problem
from hallbarhet_cli.portfolio.results import (
    Recorded,
    batch_folders_in,
    is_batch_folder,
    read_batch_folder,
)
from hallbarhet_cli.portfolio.scored import scored
from hallbarhet_cli.reporters.views import assessment_view
from hallbarhet_cli.scoring.engine import assess

ROOT = Path(__file__).resolve().parents[2]
APPLICATIONS = sorted((ROOT / "examples" / "followup" / "ansokningar").glob("*.yaml"))


def test_what_counts_as_a_batch_result_folder(tmp_path: Path) -> None:
    assert not is_batch_folder(tmp_path)
    (tmp_path / "summary.json").write_text("{}", encoding="utf-8")
    assert not is_batch_folder(tmp_path)  # a summary.json alone could be anyone's
    (tmp_path / "results.csv").write_text("", encoding="utf-8")
    assert is_batch_folder(tmp_path)
    assert not is_batch_folder(tmp_path / "summary.json")


def test_batch_folders_below_a_folder(tmp_path: Path) -> None:
    for name in ("b/round", "a/round", ".hidden/round", "a/round/reports/deeper"):
        folder = tmp_path / name
        folder.mkdir(parents=True)
        (folder / "summary.json").write_text("{}", encoding="utf-8")
        (folder / "results.jsonl").write_text("", encoding="utf-8")
    assert batch_folders_in(tmp_path) == [tmp_path / "a" / "round", tmp_path / "b" / "round"]


@pytest.mark.parametrize("path", APPLICATIONS, ids=lambda p: p.stem)
def test_an_assessment_read_back_is_the_assessment(path: Path, tmp_path: Path) -> None:
    library = CriteriaLibrary()
    loaded = load_application(path, library)
    result = assess(loaded.criteria, loaded.model, loaded.answers)
    line = orjson.dumps({"input": str(path), **assessment_view(result, loaded, "en")})
    (tmp_path / "summary.json").write_text("{}", encoding="utf-8")
    (tmp_path / "results.jsonl").write_bytes(line + b"\n")
    [found] = list(read_batch_folder(tmp_path, library))
    assert not isinstance(found, Problem), found
    assert isinstance(found, Recorded)
    assert found.scored == scored(result)
    recorded = found.application
    assert recorded.model.model_dump(exclude={"answers", "review"}) == loaded.model.model_dump(
        exclude={"answers", "review"}
    )
    assert recorded.criteria.sha256 == loaded.criteria.sha256
    # every answer recorded is the answer given
    assert recorded.answers.items() <= loaded.answers.items()
