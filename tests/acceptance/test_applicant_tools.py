"""The file, the questionnaire and the form agree on what an answer may look like: the
friction a new applicant meets, each fixed where it was met.

- ``ja``/``nej`` in a file gets a hint to write ``true``/``false`` (files keep YAML 1.2's
  core schema on purpose, so the hint is the fix, not a wider reading);
- an option's label written instead of its value gets "did you mean <value>";
- a draft left by ``--draft-on-abort`` can be pre-checked (what is still a placeholder is
  not answered yet) and resumed with ``--resume``;
- ``--explain`` given a criterion's title (which the pre-check shows) takes it or names
  the id;
- with piped answers a rejected line stops the session instead of taking the next line,
  so later answers cannot drift to the wrong questions.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from hallbarhet_cli.files.yamlload import load_file
from tests.acceptance.conftest import EXAMPLES, ROOT, Run, executable
from tests.acceptance.test_new import environment

MINI_SET = ROOT / "tests" / "fixtures" / "mini-set.yaml"
HEAD = ["T-1", "Test", "Testkommun", "", "public", "100", "50", "2026-01-01", "2026-12-31", ""]
NEW = ("new", "-c", "mini-set.yaml", "-i", "--lang", "en")


def _piped(folder: Path, *args: str, lines: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [executable(), *args],
        input="".join(f"{line}\n" for line in lines),
        cwd=folder,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    shutil.copy(MINI_SET, tmp_path / "mini-set.yaml")
    return tmp_path


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = (EXAMPLES / "solcellspark-alvesta.yaml").read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / "app.yaml"
    target.write_text(text.replace(old, new), encoding="utf-8")
    return target


def test_ja_or_nej_in_a_file_gets_a_hint_to_write_true_or_false(run: Run, tmp_path: Path) -> None:
    app = _edited(tmp_path, "fossil_fuel_activity: false", "fossil_fuel_activity: nej")
    checked = run("validate", app, "--lang", "en")
    assert checked.returncode == 1
    assert "got 'nej'" in checked.stdout
    assert "write false" in checked.stdout
    swedish = run("validate", app, "--lang", "sv")
    assert "skriv false" in swedish.stdout


def test_an_options_label_gets_its_value_suggested(run: Run, tmp_path: Path) -> None:
    app = _edited(tmp_path, "ghg_method: calculated", 'ghg_method: "Grov uppskattning"')
    checked = run("validate", app, "--lang", "en")
    assert checked.returncode == 1
    assert "Did you mean 'estimated'?" in checked.stdout
    # The head of a label explained after a dash is enough.
    app = _edited(tmp_path, "climate_risk_assessment: done", "climate_risk_assessment: Genomförd")
    assert "Did you mean 'done'?" in run("validate", app, "--lang", "en").stdout


def test_a_draft_can_be_prechecked_and_resumed(run: Run, mini: Path) -> None:
    stopped = _piped(mini, *NEW, "-o", "draft.yaml", "--draft-on-abort", lines=[*HEAD, "-5"])
    assert stopped.returncode == 2, stopped.stderr
    validated = run("validate", "draft.yaml", "--lang", "en")
    assert validated.returncode == 1
    assert "[placeholder]" in validated.stdout  # still not an application
    prechecked = run("assess", "draft.yaml", "--precheck", "--lang", "en")
    assert prechecked.returncode == 0, prechecked.stdout + prechecked.stderr
    assert "Not answered yet." in prechecked.stdout
    assert "Gender analysis" in prechecked.stdout
    # Resumed: only what the draft does not answer is asked.
    resumed = _piped(
        mini, *NEW, "-o", "app.yaml", "--resume", "draft.yaml", lines=["none", "6", "nej"]
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "Change in emissions" not in resumed.stderr
    assert run("validate", "app.yaml", "--strict").returncode == 0
    answers = load_file(mini / "app.yaml").data["answers"]
    assert answers["ghg_change_t"] == -5
    assert answers["gender_analysis"] == "none"
    assert answers["jobs"] == 6


def test_explain_takes_a_criterion_title_or_names_its_id(run: Run) -> None:
    example = EXAMPLES / "solcellspark-alvesta.yaml"
    partial = run("assess", example, "--explain", "Samverkan", "--lang", "en")
    assert partial.returncode == 2
    assert "EKON-3 (Samverkan och medfinansiering)" in partial.stderr
    whole = run("assess", example, "--explain", "cooperation and co-financing", "--lang", "en")
    assert whole.returncode == 0, whole.stderr
    assert "EKON-3" in whole.stdout


def test_a_rejected_piped_line_does_not_take_the_next_one(mini: Path) -> None:
    # "mycket" is no number: had it been asked again, "-5" would answer the emissions,
    # "none" would be taken as a number and everything after it would drift.
    lines = [*HEAD, "mycket", "-5", "none", "6", "nej"]
    stopped = _piped(mini, *NEW, "-o", "app.yaml", "--draft-on-abort", lines=lines)
    assert stopped.returncode == 2
    assert f"Line {len(HEAD) + 1} of the input was not accepted" in stopped.stderr
    answers = load_file(mini / "app.yaml").data["answers"]
    assert answers["ghg_change_t"] == "<fill in>"
    assert answers["gender_analysis"] == "<fill in>"
