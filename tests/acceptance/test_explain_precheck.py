"""``hallbarhet assess --explain CRITERION`` and ``--precheck``, in Swedish and English.

Expected texts come from the catalogue (``gettext``) and from the criteria sets, so the
tests hold whether or not a message has its Swedish translation yet. The details of both
texts are tested without a process in ``tests/unit/test_explain_precheck_text.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.i18n import gettext
from tests.acceptance.conftest import EXAMPLES, Run
from tests.unit.test_explain_precheck_text import internal_ids

INCOMPLETE = EXAMPLES / "testbadd-aterbruk-vaxjo.yaml"  # 3 missing answers, one too short
SCORED = EXAMPLES / "solcellspark-alvesta.yaml"  # reviewed by the case officer
LANGS = ["sv", "en"]


def flat(text: str) -> str:
    """``text`` with line breaks and runs of spaces as single spaces, so wrapped lines match."""
    return " ".join(text.split())


# -- --explain -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_explain_shows_a_criterion_in_full(run: Run, lang: str) -> None:
    result = run("assess", INCOMPLETE, "--explain", "EKO-1", "--lang", lang)
    assert result.returncode == 0, result.stderr
    out = flat(result.stdout)
    criteria = CriteriaLibrary().resolve("kronoberg-projektmedel", Where("test"))
    criterion = criteria.criterion_map["EKO-1"]
    sv = lang == "sv"
    assert out.startswith("EKO-1 · " + ("Klimatpåverkan" if sv else "Climate impact"))
    assert ("Ekologisk hållbarhet" if sv else "Ecological sustainability") in out
    assert gettext("Weight: {weight}", lang).format(weight=2) in out
    assert gettext("Result: {points} of {max} points", lang).format(points=0, max=3) in out
    assert flat(criterion.guidance[lang]) in out  # type: ignore[index]
    # The questions it reads, with the application's (missing) answers.
    # How the figure was arrived at is asked only once there is a figure.
    assert "(ghg_change_t)" in out and "(ghg_method)" in out
    assert out.count(gettext("not answered, though required", lang)) == 1
    # Every level with its points, the one reached marked, the ones above not reached.
    for level in criterion.levels or []:
        assert flat(level.label[lang]) in out  # type: ignore[index]
    assert out.count("← " + gettext("reached", lang)) == 1
    assert out.count(gettext("not reached", lang)) == len(criterion.levels or []) - 1
    assert ("mindre än -10" if sv else "less than -10") in out
    # What the next level needs, and the advice.
    assert gettext("Next level", lang) in out
    assert flat(criterion.advice[lang]) in out  # type: ignore[index]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_explain_an_unknown_criterion_is_an_error_with_a_suggestion(run: Run, lang: str) -> None:
    result = run("assess", SCORED, "--explain", "EKO1", "--lang", lang)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "[unknown-criterion]" in result.stderr
    suggestion = gettext("Did you mean {suggestion!r}?", lang).format(suggestion="EKO-1")
    assert suggestion in result.stderr
    assert "Traceback" not in result.stderr


# -- --precheck ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_precheck_asks_for_what_is_missing_in_plain_language(run: Run, lang: str) -> None:
    result = run("assess", INCOMPLETE, "--precheck", "--lang", lang)
    assert result.returncode == 0, result.stderr
    out = flat(result.stdout)
    sv = lang == "sv"
    assert gettext("Completion request: answers to add or complete", lang) in out
    # The missing questions by their labels, with their help texts.
    assert (
        "Förändrade växthusgasutsläpp (ton CO2e per år)"
        if sv
        else "Change in greenhouse-gas emissions (t CO2e per year)"
    ) in out
    assert (
        "Ett negativt tal betyder en minskning." if sv else "A negative number means a reduction."
    ) in out
    # The too short text, with how many more characters it needs.
    assert "33" in out and "150" in out and "117" in out
    # Ranked improvements, then the verdict line, marked preliminary.
    improvements = out.index(gettext("What would earn more points", lang))
    verdict = out.index(gettext("Preliminary verdict: {verdict}", lang).format(verdict=""))
    assert out.index(gettext("Completion request: answers to add or complete", lang)) < improvements
    assert improvements < verdict
    assert result.stdout.rstrip().splitlines()[-1].strip()  # the verdict line ends the report
    # No internal ids.
    assert internal_ids().findall(result.stdout) == []


def test_precheck_writes_to_a_file(run: Run, tmp_path: Path) -> None:
    result = run("assess", INCOMPLETE, "--precheck", "-o", "precheck.txt", "--lang", "en")
    assert result.returncode == 0
    assert result.stdout == ""
    assert "Completion request" in (tmp_path / "precheck.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ("--precheck", "--format", "json"),
        ("--explain", "EKO-1", "--format", "html"),
        ("--explain", "EKO-1", "--precheck"),
    ],
)
def test_precheck_and_explain_are_text_reports_of_their_own(
    run: Run, args: tuple[str, ...]
) -> None:
    result = run("assess", INCOMPLETE, *args, "--lang", "en")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("hallbarhet: ")


def test_fail_on_still_applies(run: Run) -> None:
    result = run("assess", INCOMPLETE, "--precheck", "--fail-on", "incomplete")
    assert result.returncode == 1
    assert result.stdout
