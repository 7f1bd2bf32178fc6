"""``criteria diff`` after a question is renamed, and ranks in a round where some
applications can be assessed under one version only."""

from __future__ import annotations

import json
from pathlib import Path

from tests.acceptance.conftest import CRITERIA, Run
from tests.acceptance.test_diff import SET, funding_round, new_version, raise_version


def test_a_renamed_question_shows_its_ids_where_the_words_agree(run: Run, tmp_path: Path) -> None:
    text = (CRITERIA / f"{SET}.yaml").read_text(encoding="utf-8")
    renamed = new_version(tmp_path)
    renamed.write_text(
        raise_version(text.replace("gender_follow_up", "gender_followed_up")),
        encoding="utf-8",
    )
    result = run("criteria", "diff", SET, renamed, "--lang", "en")
    assert result.returncode == 0, result.stderr
    (line,) = [
        x for x in result.stdout.splitlines() if x.startswith("  SOC-1 ") and "level 1:" in x
    ]
    before, after = line.split(" → ")
    assert "[gender_analysis, gender_plan, gender_activities, gender_follow_up]" in before
    assert "[gender_analysis, gender_plan, gender_activities, gender_followed_up]" in after


def test_ranks_are_among_applications_assessed_under_both(run: Run, tmp_path: Path) -> None:
    new = new_version(tmp_path, ("    min: 0\n    max: 100000\n", "    min: 0\n    max: 100\n"))
    examples = funding_round(tmp_path)
    result = run("criteria", "diff", SET, new, "--round", examples, "--format", "json")
    round_ = json.loads(result.stdout)["round"]
    assert (round_["assessed"], round_["ranked"], round_["one_version_only"]) == (6, 5, 1)
    both = [e for e in round_["changed"] if e["old"] and e["new"]]
    (lost,) = [e for e in round_["changed"] if e["new"] is None]
    assert lost["id"] == "KRO-2026-0102" and lost["old"]["rank"] is None
    # Nothing else moves: the others keep their ranks among the five.
    assert both == []

    text = run("criteria", "diff", SET, new, "--round", examples, "--lang", "en")
    assert "Re-scored 5 applications under both versions." in text.stdout
    assert "1 application could be assessed under one version only" in text.stdout


def test_minimums_and_named_levels_are_compared(run: Run, tmp_path: Path) -> None:
    text = (CRITERIA / "tillvaxtverket-kvalitet.yaml").read_text(encoding="utf-8")
    edited = (
        text.replace('version: "2026.1"', 'version: "2026.2"', 1)
        .replace("criterion_min_points: 1}", "criterion_min_points: 3}", 1)
        .replace("{level: VG, points: 3,", "{level: VG, points: 2,", 1)
    )
    new = tmp_path / "tillvaxtverket-kvalitet.yaml"
    new.write_text(edited, encoding="utf-8")
    result = run("criteria", "diff", "tillvaxtverket-kvalitet", new, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "  Minimum points for every criterion: 1 → 3" in result.stdout
    for criterion in ("KVAL-1", "KVAL-2", "KVAL-3", "KVAL-4"):
        assert f"  {criterion} " in result.stdout, (
            result.stdout
        )  # the shared scale changed for every criterion
    assert "named levels IG 0, G 1, VG 3, MVG 5 → IG 0, G 1, VG 2, MVG 5" in result.stdout
