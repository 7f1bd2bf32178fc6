"""The texts of ``--explain`` and ``--precheck``, rendered directly from an assessed example
(the command line itself is driven in ``tests/acceptance/test_explain_precheck.py``).

Expected texts come from the catalogue (``gettext``), so the tests hold whether or not a
message has its Swedish translation yet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hallbarhet_cli.applications.loading import load_application
from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.i18n import gettext
from hallbarhet_cli.reporters import EXPLANATIONS, PRECHECKS, Destination
from hallbarhet_cli.scoring.engine import assess

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
INCOMPLETE = EXAMPLES / "testbadd-aterbruk-vaxjo.yaml"  # 3 missing answers, one too short
SCORED = EXAMPLES / "solcellspark-alvesta.yaml"  # reviewed by the case officer
EXCLUDED = EXAMPLES / "lng-tankstation-almhult.yaml"  # fossil fuels
LANGS = ["sv", "en"]


def flat(text: str) -> str:
    """``text`` with line breaks and runs of spaces as single spaces, so wrapped lines match."""
    return " ".join(text.split())


def explain(path: Path, criterion: str, lang: str) -> str:
    """What ``hallbarhet assess PATH --explain CRITERION`` writes to a file."""
    loaded = load_application(path, CriteriaLibrary())
    result = assess(loaded.criteria, loaded.model, loaded.answers)
    return EXPLANATIONS["text"](result, loaded, criterion, lang, Destination())


def precheck(path: Path, lang: str, *, show_ids: bool = False) -> str:
    """What ``hallbarhet assess PATH --precheck`` writes to a file."""
    loaded = load_application(path, CriteriaLibrary(), draft=True)
    result = assess(loaded.criteria, loaded.model, loaded.answers)
    return PRECHECKS["text"](result, loaded, lang, Destination(), show_ids=show_ids)


# -- --explain -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_explain_marks_which_parts_of_a_level_hold(lang: str) -> None:
    out = explain(SCORED, "SOC-2", lang)
    assert gettext("Needs all of these:", lang) in out  # "Active" is not reached
    assert "✘" in out and "✔" in out
    assert "▶" in out


@pytest.mark.parametrize("lang", LANGS)
def test_explain_a_manual_criterion_shows_the_officers_score(lang: str) -> None:
    out = flat(explain(SCORED, "SOC-4", lang))
    assert gettext("The case officer's score", lang) in out
    assert gettext("{points} of {max} points", lang).format(points=3, max=3) in out
    assert "Karin Lindqvist" in out
    assert "Målkonflikterna kring markanvändning" in out
    waiting = explain(INCOMPLETE, "SOC-4", lang)
    assert gettext("Awaiting the case officer's score.", lang) in waiting


def test_explain_accepts_an_id_in_another_case() -> None:
    assert explain(SCORED, "eko-1", "en").startswith("EKO-1 · Climate impact")


# -- --precheck ------------------------------------------------------------------------------
def internal_ids() -> re.Pattern[str]:
    """Every question, criterion and gate id of the bundled funding sets, as whole words."""
    ids: set[str] = set()
    for set_id in ("kronoberg-projektmedel", "kronoberg-foretagsstod"):
        criteria = CriteriaLibrary().resolve(set_id, Where("test"))
        ids |= set(criteria.question_map) | set(criteria.criterion_map) | set(criteria.gate_map)
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(ids))) + r")(?![\w-])")


@pytest.mark.parametrize("lang", LANGS)
def test_precheck_shows_ids_when_asked(lang: str) -> None:
    found = set(internal_ids().findall(precheck(INCOMPLETE, lang, show_ids=True)))
    assert {"ghg_change_t", "goal_conflicts_description", "EKO-1"} <= found


@pytest.mark.parametrize("lang", LANGS)
def test_precheck_tells_the_applicant_about_an_exclusion(lang: str) -> None:
    text = precheck(EXCLUDED, lang)
    out = flat(text)
    title = "Fossila bränslen" if lang == "sv" else "Fossil fuels"
    assert gettext("Cannot be granted: {title}.", lang).format(title=title) in out
    assert (
        gettext("Excluded", lang)
        in out.split(gettext("Preliminary verdict: {verdict}", lang)[:5])[-1]
    )
    # no points can change an exclusion: no percentages, no dimension minimums
    verdict = out[out.index(gettext("Verdict: {verdict}", lang).format(verdict="")) :]
    assert "%" not in verdict
    assert gettext("the application cannot be granted, whatever its points.", lang) in verdict
    assert internal_ids().findall(text) == []


def test_precheck_of_a_complete_application() -> None:
    out = flat(precheck(SCORED, "en"))
    assert "Every required question is answered." in out
    assert "Verdict: Sustainability-proofed – 77.3% overall, 60.0% is needed." in out
    assert "Preliminary" not in out
