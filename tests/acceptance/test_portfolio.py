"""``hallbarhet portfolio`` over the year of decisions and reports in examples/followup.

The expected figures are a hand count from the example files, not output of the code
under test. Each application's verdict at the decision is the one ``hallbarhet assess``
gives for it (checked below against the same table); the instrument is its ``type``,
the year the year of ``decision.date``, the amounts its ``budget.requested_sek`` and
``decision.granted_sek``:

| application | instr. | year | verdict | requested | outcome | granted |
|---|---|---|---|---|---|---|
| KRO-2025-0311 solcellspark | project | 2025 | pass | 2 100 000 | granted | 2 100 000 |
| KRO-2025-0312 kompetenslyft | project | 2025 | pass | 3 100 000 | partly_granted | 2 500 000 |
| KRO-2025-0313 mötesplats | project | 2025 | fail | 240 000 | rejected | – |
| FS-2025-0421 glasugn | business | 2025 | pass | 720 000 | granted | 720 000 |
| FS-2025-0422 hyvellinje | business | 2025 | fail | 1 900 000 | partly_granted | 1 200 000 |
| FS-2026-0431 möbelrenov. | business | 2026 | pass | 400 000 | granted | 400 000 |
| KRO-2026-0331 vattenled | project | 2026 | incomplete | 900 000 | withdrawn | – |
| FS-2026-0432 trappsnickeri | business | 2026 | excluded | 255 000 | rejected | – |
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from tests.acceptance.conftest import EXAMPLES, Run

FOLLOWUP = EXAMPLES / "followup"

VERDICTS = {
    "KRO-2025-0311": "pass",
    "KRO-2025-0312": "pass",
    "KRO-2025-0313": "fail",
    "FS-2025-0421": "pass",
    "FS-2025-0422": "fail",
    "FS-2026-0431": "pass",
    "KRO-2026-0331": "incomplete",
    "FS-2026-0432": "excluded",
}

# (instrument, year): applications, sustainability-proofed, requested SEK, of it
# proofed, granted SEK, of it proofed; counted by hand from the table above.
HAND_COUNT = {
    ("project", "2025"): (3, 2, 5_440_000, 5_200_000, 4_600_000, 4_600_000),
    ("project", "2026"): (1, 0, 900_000, 0, 0, 0),
    ("business_support", "2025"): (2, 1, 2_620_000, 720_000, 1_920_000, 720_000),
    ("business_support", "2026"): (2, 1, 655_000, 400_000, 400_000, 400_000),
}
BY_YEAR = {
    "2025": (5, 3, 8_060_000, 5_920_000, 6_520_000, 5_320_000),
    "2026": (3, 1, 1_555_000, 400_000, 400_000, 400_000),
}


def portfolio_json(run: Run, *args: str | Path) -> dict[str, Any]:
    result = run("portfolio", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def figures(group: dict[str, Any]) -> tuple[Any, ...]:
    return (
        group["applications"],
        group["proofed"],
        group["requested_sek"],
        group["proofed_requested_sek"],
        group["granted_sek"],
        group["proofed_granted_sek"],
    )


def shares(count: tuple[int, ...]) -> tuple[float | None, ...]:
    apps, proofed, requested, proofed_requested, granted, proofed_granted = count
    return (
        100 * proofed / apps,
        100 * proofed_requested / requested,
        100 * proofed_granted / granted if granted else None,  # nothing granted: no share
    )


def test_shares_per_instrument_and_year_agree_with_a_hand_count(run: Run) -> None:
    view = portfolio_json(run, FOLLOWUP)
    assert view["format_version"] == 1
    assert {a["id"]: a["verdict"] for a in view["applications"]} == VERDICTS
    found = {(g["key"]["instrument"], g["key"]["year"]): g for g in view["by_instrument_and_year"]}
    assert set(found) == set(HAND_COUNT)
    for key, count in HAND_COUNT.items():
        group = found[key]
        assert figures(group) == count, key
        got = (
            group["share_by_count"],
            group["share_by_requested_sek"],
            group["share_by_granted_sek"],
        )
        assert got == pytest.approx(shares(count)), key
    by_year = {g["key"]["year"]: g for g in view["groups"]}
    assert {year: figures(g) for year, g in by_year.items()} == BY_YEAR
    totals = view["totals"]
    assert figures(totals) == (8, 4, 9_615_000, 6_320_000, 6_920_000, 5_720_000)
    assert totals["share_by_granted_sek"] == pytest.approx(100 * 5_720_000 / 6_920_000)


def test_the_verdicts_are_those_assess_gives(run: Run) -> None:
    for path in sorted((FOLLOWUP / "ansokningar").glob("*.yaml")):
        report = json.loads(run("assess", path, "--format", "json").stdout)
        assert VERDICTS[report["application"]["id"]] == report["verdict"], path


def test_breakdowns_and_follow_up_totals(run: Run) -> None:
    view = portfolio_json(run, FOLLOWUP, "--by", "instrument")
    by = {g["key"]["instrument"]: g for g in view["groups"]}
    assert figures(by["project"])[:2] == (4, 2)
    assert figures(by["business_support"])[:2] == (4, 2)
    municipality = portfolio_json(run, FOLLOWUP, "--by", "municipality")
    assert {g["key"]["municipality"]: g["applications"] for g in municipality["groups"]} == {
        "Alvesta": 1, "Lessebo": 1, "Ljungby": 1, "Markaryd": 1, "Tingsryd": 2,
        "Uppvidinge": 1, "Älmhult": 1,
    }  # fmt: skip
    legal = portfolio_json(run, FOLLOWUP, "--by", "applicant_type")
    # org numbers starting with 2 (Alvesta and Ljungby kommun), 5 (the four AB) and 8 (the
    # association in Tingsryd and the foundation in Markaryd)
    assert {g["key"]["applicant_type"]: g["applications"] for g in legal["groups"]} == {
        "2": 2, "5": 4, "8": 2,
    }  # fmt: skip
    promises = {(p["criteria_set"], p["question"]): p for p in view["promises"]}
    # skills: solcellspark promised 12 and reported 14; kompetenslyft promised 120, reported 96
    skills = promises[("kronoberg-projektmedel", "skills_participants")]
    assert (skills["promised_by"], skills["reported"]) == (2, 2)
    assert (skills["promised_total"], skills["delivered_total"]) == (132, 110)
    # new jobs: glasugn 2 → 1, hyvellinje 4 → 4, möbelrenovering 3 → 0
    jobs = promises[("kronoberg-foretagsstod", "new_jobs")]
    assert (jobs["promised_total"], jobs["delivered_total"]) == (9, 5)
    assert jobs["statuses"]["short"] == 2
    # shares in per cent do not add up across projects: counted, not summed
    energy = promises[("kronoberg-foretagsstod", "energy_saving_percent")]
    assert energy["reported"] == 3 and energy["additive"] is False
    assert (energy["promised_total"], energy["delivered_total"]) == (None, None)
    # granted without a final report: the two with progress reports only
    assert [u["id"] for u in view["unreported"]] == ["FS-2025-0421", "FS-2025-0422"]
    ex_post = {a["id"]: a["ex_post_verdict"] for a in view["applications"]}
    assert ex_post["FS-2026-0431"] == "fail" and ex_post["KRO-2025-0311"] == "pass"
    assert ex_post["KRO-2025-0313"] is None  # no report, no ex-post verdict


def test_promises_nobody_reported_on_have_no_totals(run: Run) -> None:
    """Without reports there is nothing delivered to add up: no data, not zero."""
    view = portfolio_json(run, FOLLOWUP / "ansokningar")
    jobs = {(p["criteria_set"], p["question"]): p for p in view["promises"]}[
        ("kronoberg-foretagsstod", "new_jobs")
    ]
    assert (jobs["promised_by"], jobs["reported"]) == (3, 0)
    assert (jobs["promised_total"], jobs["delivered_total"]) == (None, None)
    text = run("portfolio", str(FOLLOWUP / "ansokningar"), "--lang", "en").stdout
    assert "new_jobs: 0 / 3 reported\n" in text


def test_levels_per_criterion_with_their_kronor(run: Run) -> None:
    view = portfolio_json(run, FOLLOWUP)
    criteria = {(c["criteria_set"], c["id"]): c for c in view["criteria"]}
    levels = criteria[("kronoberg-projektmedel", "EKO-1")]["levels"]
    assert sum(level["count"] for level in levels) == 4  # the four project applications
    assert (
        sum(level["requested_sek"] for level in levels) == 2_100_000 + 3_100_000 + 240_000 + 900_000
    )


def test_outputs_in_a_folder_are_byte_identical_on_rerun(run: Run, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        result = run("portfolio", FOLLOWUP, "-o", folder)
        assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in first.iterdir())
    assert names == [
        "portfolio-applications.csv",
        "portfolio-criteria.csv",
        "portfolio-groups.csv",
        "portfolio-promises.csv",
        "portfolio.html",
        "portfolio.json",
        "portfolio.xlsx",
    ]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    with (first / "portfolio-groups.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {(r["breakdown"], r["group"]): r for r in csv.DictReader(handle)}
    assert rows[("instrument_year", "business_support 2025")]["granted_sek"] == "1920000"
    assert rows[("instrument_year", "project 2026")]["share_by_granted_sek"] == ""
    html = (first / "portfolio.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in html and "<svg" in html and "<script" not in html


def test_spreadsheet_formulas_are_neutralised(run: Run, tmp_path: Path) -> None:
    source = (FOLLOWUP / "ansokningar" / "solcellspark-alvesta-2025.yaml").read_text("utf-8")
    (tmp_path / "app.yaml").write_text(
        source.replace("title: Solcellspark", "title: =HYPERLINK(1) Solcellspark"), "utf-8"
    )
    result = run("portfolio", tmp_path / "app.yaml", "-o", tmp_path / "out", "-f", "csv")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "portfolio-applications.csv").read_text("utf-8-sig")
    assert ",'=HYPERLINK(1) Solcellspark" in text


def test_a_report_whose_application_is_not_among_the_inputs(run: Run, tmp_path: Path) -> None:
    report = FOLLOWUP / "rapporter" / "mobelrenovering-almhult-slutrapport.yaml"
    application = FOLLOWUP / "ansokningar" / "solcellspark-alvesta-2025.yaml"
    result = run("portfolio", application, report, "--lang", "en")
    assert result.returncode == 1
    line = report.read_text("utf-8").splitlines().index("application: {id: FS-2026-0431}") + 1
    assert f"{report}:{line}:19: error [unknown-application]" in result.stderr
    assert "Portfolio follow-up: 1 application, 0 follow-up reports" in result.stdout


def test_a_template_folder_replaces_the_bundled_templates(run: Run, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "portfolio.txt.j2").write_text(
        "{{ p.inputs.applications }} applications, {{ p.totals.proofed }} proofed: "
        "{{ p.applications[0].title }}\n",
        encoding="utf-8",
    )
    (templates / "portfolio.html.j2").write_text(
        "<p>{{ p.applications[0].title }}</p>\n", encoding="utf-8"
    )
    source = (FOLLOWUP / "ansokningar" / "solcellspark-alvesta-2025.yaml").read_text("utf-8")
    (tmp_path / "app.yaml").write_text(
        source.replace("title: Solcellspark", "title: <b>{{ 7*7 }}</b> Solcellspark"), "utf-8"
    )
    text = run("portfolio", tmp_path / "app.yaml", "--template-dir", templates)
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("1 applications, 1 proofed: <b>{{ 7*7 }}</b> Solcellspark")
    out = tmp_path / "out"
    html = run("portfolio", tmp_path / "app.yaml", "-o", out, "--template-dir", templates)
    assert html.returncode == 0, html.stderr
    # autoescaped, and the application's text is data, never a template
    written = (out / "portfolio.html").read_text("utf-8")
    assert written.startswith("<p>&lt;b&gt;{{ 7*7 }}&lt;/b&gt; Solcellspark")


def test_a_broken_template_is_a_located_error_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "portfolio.html.j2").write_text(
        "<p>fine</p>\n{{ p.no_such_figure }}\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run("portfolio", FOLLOWUP, "-o", out, "--template-dir", templates, "--lang", "en")
    assert result.returncode == 2
    assert "portfolio.html.j2:2:1: error [template] Template error:" in result.stderr
    assert "no_such_figure" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    (templates / "portfolio.html.j2").write_text("{% for x in %}\n", encoding="utf-8")
    result = run("portfolio", FOLLOWUP, "-f", "html", "--template-dir", templates)
    assert result.returncode == 2 and "portfolio.html.j2:1:" in result.stderr
    assert result.stdout == ""
