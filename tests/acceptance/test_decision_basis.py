"""A decision basis an officer can sign: the report claims only what the application shows,
and the officer has the last word (global goals, final exclusions, texts and overrides, no
data is not zero, the language, the PDF as an attachment to a decision)."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.acceptance.conftest import EXAMPLES, Run

LNG = EXAMPLES / "lng-tankstation-almhult.yaml"
PROOFED = EXAMPLES / "kompetenslyft-omsorg-ljungby.yaml"
FILLER = " ".join(["bla"] * 60)  # 239 characters of nothing
ZERO_PERCENT = re.compile(r"(?<![\d.,])0[.,]0\s?%")  # 0,0 % but not 40,0 %


def assess_json(run: Run, path: Path, *args: str) -> dict[str, Any]:
    result = run("assess", path, "-f", "json", *args)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def application(tmp_path: Path, name: str, **changes: Any) -> Path:
    """An example application with ``changes`` to its top-level keys, written to tmp_path."""
    data = yaml.safe_load(PROOFED.read_text(encoding="utf-8"))
    data.update(changes)
    target = tmp_path / f"{name}.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return target


# -- 1. global goals only from levels that contribute ---------------------------------------
def test_an_excluded_application_contributes_to_no_goal(run: Run) -> None:
    report = assess_json(run, LNG)
    assert report["verdict"] == "excluded"
    assert report["sdg"] == []


def test_a_level_of_no_impact_claims_no_goal(run: Run, tmp_path: Path) -> None:
    data = yaml.safe_load(PROOFED.read_text(encoding="utf-8"))
    answers = {
        **data["answers"],
        "rus_living_environments": "neutral",  # EKO-3 "No impact", 1 of 2 points: goal 11
        "rus_skills_health": "neutral",  # SOC-6 "No impact": goal 3
        "rus_innovation_business": "neutral",  # EKON-1 "No impact": goal 9
    }
    path = application(tmp_path, "neutral", answers=answers)
    report = assess_json(run, path)
    points = {c["id"]: c["points"] for c in report["criteria"]}
    assert points["EKO-3"] == points["SOC-6"] == points["EKON-1"] == 1
    assert 11 not in report["sdg"] and 3 not in report["sdg"] and 9 not in report["sdg"]


def test_levels_marked_contributes_decide_and_unmarked_sets_count_only_the_top(
    run: Run, tmp_path: Path
) -> None:
    criteria = tmp_path / "set.yaml"
    criteria.write_text(
        """\
kind: criteria-set
id: goals
version: "1"
title: Goals
dimensions: {social: {title: Social}}
questions:
  - {id: a, type: integer, label: A}
  - {id: b, type: integer, label: B}
criteria:
  - id: MARKED
    dimension: social
    title: Marked
    sdg: [5]
    levels:
      - {points: 2, contributes: true, when: {question: a, ge: 2}}
      - {points: 1, contributes: true, when: {question: a, ge: 1}}
      - {points: 0}
  - id: TOP
    dimension: social
    title: Top only
    sdg: [13]
    levels:
      - {points: 2, when: {question: b, ge: 2}}
      - {points: 1, when: {question: b, ge: 1}}
      - {points: 0}
""",
        encoding="utf-8",
    )
    base = (
        "kind: application\nid: G-1\ncriteria: set.yaml\ntype: project\ntitle: T\n"
        "applicant: {name: A, sector: company}\nbudget: {total_sek: 10, requested_sek: 5}\n"
        "period: {start: 2026-01-01, end: 2026-12-31}\n"
    )
    partly = tmp_path / "partly.yaml"
    partly.write_text(base + "answers: {a: 1, b: 1}\n", encoding="utf-8")
    full = tmp_path / "full.yaml"
    full.write_text(base + "answers: {a: 1, b: 2}\n", encoding="utf-8")
    assert assess_json(run, partly)["sdg"] == [5]
    assert assess_json(run, full)["sdg"] == [5, 13]


def test_a_batch_counts_no_goal_for_excluded_applications(run: Run, tmp_path: Path) -> None:
    result = run("batch", LNG, "-o", tmp_path / "out", "-f", "csv")
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert all(goal["applications"] == 0 for goal in summary["sdg"])


# -- 2. an exclusion is final --------------------------------------------------------------
def test_an_excluded_application_is_final(run: Run) -> None:
    report = assess_json(run, LNG, "--lang", "en")
    assert report["final"] is True and report["provisional"] is False
    assert report["improvements"] == []
    assert any("final" in reason for reason in report["verdict_reasons"])
    for fmt in ("md", "html"):
        result = run("assess", LNG, "-f", fmt, "--lang", "en")
        assert result.returncode == 0, result.stderr
        page = result.stdout
        assert "provisional" not in page
        assert "Request for completion" not in page
        assert "What would raise the score" not in page
        assert "Excluded by the gate" in page
    text = run("assess", LNG, "--lang", "sv").stdout
    assert "preliminär" not in text and "Att komplettera" not in text


# -- 3. the texts beside the criterion, and the officer's overrides ---------------------------
def test_reports_show_the_texts_a_criterion_reads_and_say_when_length_decides(
    run: Run, tmp_path: Path
) -> None:
    data = yaml.safe_load(PROOFED.read_text(encoding="utf-8"))
    path = application(tmp_path, "filler", answers={**data["answers"], "gender_plan": FILLER})
    report = assess_json(run, path, "--lang", "en")
    soc1 = next(c for c in report["criteria"] if c["id"] == "SOC-1")
    assert soc1["points"] == 2  # the length decides: that is why the officer must read it
    assert soc1["rests_on_length"] is True
    assert [t["text"] for t in soc1["texts"]] == [FILLER]
    html = run("assess", path, "-f", "html", "--lang", "en").stdout
    assert FILLER in html and "the case officer should read it" in html
    assert FILLER in run("assess", path, "-f", "md", "--lang", "en").stdout
    terminal = run("assess", path, "--lang", "en").stdout
    assert "bla bla bla" in terminal and "should read it" in terminal


def test_the_officer_overrides_a_score_with_a_reason(run: Run, tmp_path: Path) -> None:
    data = yaml.safe_load(PROOFED.read_text(encoding="utf-8"))
    review = {
        **data["review"],
        "overrides": {"SOC-1": {"points": 0, "comment": "The plan is filler text."}},
    }
    path = application(
        tmp_path, "override", answers={**data["answers"], "gender_plan": FILLER}, review=review
    )
    report = assess_json(run, path, "--lang", "en")
    soc1 = next(c for c in report["criteria"] if c["id"] == "SOC-1")
    assert (soc1["points"], soc1["automatic_points"], soc1["overridden"]) == (0, 2, True)
    assert soc1["comment"] == "The plan is filler text."
    assert report["overrides"] == 1
    before = assess_json(run, PROOFED)
    assert report["overall_percent"] < before["overall_percent"]
    html = run("assess", path, "-f", "html", "--lang", "en").stdout
    assert "automatic: 2" in html and "Overridden by the case officer" in html
    assert "Scores overridden by the case officer</dt><dd>1</dd>" in html
    md = run("assess", path, "-f", "md", "--lang", "en").stdout
    assert "(automatic: 2): The plan is filler text." in md


def test_validate_checks_overrides_with_their_place(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    text = PROOFED.read_text(encoding="utf-8") + (
        "  overrides:\n"
        "    SOC-9: {points: 1, comment: typo}\n"
        "    EKO-1: {points: 9, comment: too many}\n"
        "    EKO-2: {points: 1}\n"
    )
    path.write_text(text, encoding="utf-8")
    assert "\nreview:\n" in text  # the overrides land in the example's review block
    result = run("validate", path, "--lang", "en")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    n = len(text.splitlines())

    def finding(rule: str) -> str:
        return next(line for line in lines if f"[{rule}]" in line)

    assert finding("unknown-criterion").startswith(f"{path}:{n - 2}:5:")
    assert "Did you mean 'SOC-" in finding("unknown-criterion")
    assert finding("override-range").startswith(f"{path}:{n - 1}:")
    assert finding("override-comment").startswith(f"{path}:{n}:5:")


# -- 4. no data is not zero ----------------------------------------------------------------
def test_an_application_with_no_answers_cannot_be_scored_yet(run: Run, tmp_path: Path) -> None:
    path = application(tmp_path, "empty", answers={}, review=None)
    report = assess_json(run, path, "--lang", "en")
    assert report["verdict"] == "incomplete" and report["scorable"] is False
    assert report["verdict_label"] == "Cannot be scored yet"
    assert report["overall_percent"] is None
    assert all(d["percent"] is None for d in report["dimensions"].values())
    assert all(c["points"] is None for c in report["criteria"])
    assert report["improvements"] == [] and report["sdg"] == []
    terminal = run("assess", path, "--lang", "sv").stdout
    assert "KAN INTE BEDÖMAS ÄNNU" in terminal and not ZERO_PERCENT.search(terminal)
    html = run("assess", path, "-f", "html", "--lang", "en").stdout
    assert "cannot be scored yet" in html and not ZERO_PERCENT.search(html)


EXPORT_HEADER = (
    "_source,ärende-id,stödmottagare,beviljat_belopp_sek,beviljat_belopp_eur,projektnamn,"
    "projektbeskrivning,projekt_starttid,projekt_sluttid,län,kommuner,uppdateringsdatum,"
    "område,insatsområde,tematiskt_mål"
)
MAPPING = """\
kind: mapping
fields:
  id: ärende-id
  criteria: {value: kronoberg-projektmedel}
  type: {value: project}
  title: projektnamn
  summary: projektbeskrivning
  applicant: {name: stödmottagare, sector: {value: other}}
  budget: {total_sek: beviljat_belopp_sek, requested_sek: beviljat_belopp_sek}
  period: {start: projekt_starttid, end: projekt_sluttid}
"""


def test_a_register_export_without_answers_is_counted_apart(run: Run, tmp_path: Path) -> None:
    """A project register export (shaped like Tillväxtverket's) has no sustainability
    answers: a warning before the batch, empty cells, and the overview counts it apart."""
    export = tmp_path / "register.csv"
    rows = [
        "x,20200940,Arjeplogs kommun,3929285,0,Nät,Bredband,2017-01-02,2020-04-30,N,A,d,Ö,I,T",
        "x,20201077,Region Stockholm,30318084,0,Life,Forskning,2016-11-01,2019-11-01,S,S,d,S,H,T",
    ]
    export.write_text("\n".join([EXPORT_HEADER, *rows]) + "\n", encoding="utf-8")
    mapping = tmp_path / "register.map.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", export, "--map", mapping, "-o", out, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "[mapping-no-answers]" in result.stderr.splitlines()[0]
    assert "2 of them cannot be scored yet" in result.stdout
    with (out / "results.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [row["scorable"] for row in table] == ["false", "false"]
    for row in table:
        assert row["overall_percent"] == "" and row["percent_social"] == ""
        assert row["points_SOC-1"] == ""
        assert row["verdict_label"] == "Cannot be scored yet"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["cannot_be_scored"]["count"] == 2
    assert summary["sustainability_proofed"]["percent"] is None
    assert [row["scorable"] for row in summary["ranking"]] == [False, False]
    overview = (out / "overview.html").read_text(encoding="utf-8")
    assert "2 applications cannot be scored yet" in overview
    # the ranked list says so too, rather than the verdict the gates alone give
    ranking = overview[overview.index('id="h-ranking"') :]
    assert ranking.count("Cannot be scored yet") == 2


# -- 5. the language -----------------------------------------------------------------------
def test_units_follow_the_language_and_the_count(run: Run, tmp_path: Path) -> None:
    data = yaml.safe_load(PROOFED.read_text(encoding="utf-8"))
    path = application(tmp_path, "one-job", answers={**data["answers"], "jobs_expected": 1})
    english = run("assess", path, "-f", "md", "--lang", "en").stdout
    assert "1 FTE" in english and "årsarbete" not in english
    swedish = run("assess", path, "-f", "md", "--lang", "sv").stdout
    assert "1 årsarbete" in swedish and "1 årsarbeten" not in swedish
    assert "?:" not in swedish


def test_the_parser_speaks_swedish_in_a_swedish_session(run: Run) -> None:
    helps = [run(command, "--help").stdout for command in ("assess", "batch", "validate")]
    for text in helps:
        assert "Användning:" in text and "Usage:" not in text
        assert "Options:" not in text and "<list[" not in text and "range>" not in text
        assert "<str>" not in text and "<path>" not in text
    error = run("assess", "--bogus")
    assert error.returncode == 2
    assert "Fel: Flaggan --bogus finns inte." in error.stderr
    english = run("assess", "--bogus", env={"HALLBARHET_LANG": "en"})
    assert "Error: No such option: --bogus" in english.stderr


def test_a_round_overview_says_hallbarhetssakrade(run: Run, tmp_path: Path) -> None:
    result = run("batch", PROOFED, "-o", tmp_path / "out", "-f", "html")
    assert result.returncode == 0, result.stderr
    overview = (tmp_path / "out" / "overview.html").read_text(encoding="utf-8")
    assert "Andel hållbarhetssäkrade" in overview and "tiopoäng" not in overview
    assert "Andel hållbarhetssäkrade:" in result.stdout


# -- 6. the PDF as an attachment to a decision -----------------------------------------------
def pdf_pages(path: Path) -> list[str]:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


@pytest.fixture
def weasyprint() -> None:
    probe = subprocess.run([sys.executable, "-c", "import weasyprint"], check=False)
    if probe.returncode != 0:
        if os.environ.get("HALLBARHET_REQUIRE_PDF") == "1":
            pytest.fail("HALLBARHET_REQUIRE_PDF=1 but WeasyPrint cannot be imported")
        pytest.skip("WeasyPrint is not installed (pip install 'hallbarhet[pdf]')")


@pytest.mark.usefixtures("weasyprint")
@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_pdf_is_a_decision_basis_of_under_five_pages(
    run: Run, tmp_path: Path, path: Path
) -> None:
    target = tmp_path / "report.pdf"
    result = run("assess", path, "-f", "pdf", "-o", target)
    assert result.returncode == 0, result.stderr
    pages = pdf_pages(target)
    assert len(pages) < 5
    app_id = yaml.safe_load(path.read_text(encoding="utf-8"))["id"]
    for number, text in enumerate(pages, 1):
        assert f"Beslutsunderlag · {app_id}" in text
        assert f"Sida {number} av {len(pages)}" in text
    everything = "\n".join(pages)
    assert "Beslutsunderlag: hållbarhetsbedömning" in everything or "BESLUTSUNDERLAG" in everything
    assert "1 januari 2026 01:00 CET" in everything  # SOURCE_DATE_EPOCH in Swedish time
    assert "Underskrift" in everything and "Namnförtydligande" in everything


def test_the_assessment_time_is_local_with_its_zone(run: Run) -> None:
    stockholm = run("assess", PROOFED, "-f", "md", "--lang", "en").stdout
    assert "1 January 2026 01:00 CET" in stockholm
    utc = run("assess", PROOFED, "-f", "md", "--lang", "en", env={"TZ": "UTC"}).stdout
    assert "1 January 2026 00:00 UTC" in utc
    html = run("assess", PROOFED, "-f", "html", "--lang", "en").stdout
    assert "<title>Decision basis: sustainability assessment – " in html
