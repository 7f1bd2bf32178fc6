"""``hallbarhet followup``: promised against delivered, completion requests and the
ex-post verdict, on the examples in examples/followup; and the clear, located errors for
a report about an application that does not exist, a value for a promise the set does not
declare and a granted amount above the requested one."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.acceptance.conftest import EXAMPLES, Run

FOLLOWUP = EXAMPLES / "followup"
REPORTS = FOLLOWUP / "rapporter"
APPLICATIONS = FOLLOWUP / "ansokningar"
ON_TARGET = REPORTS / "solcellspark-alvesta-slutrapport.yaml"
SHORT = REPORTS / "mobelrenovering-almhult-slutrapport.yaml"  # found by id, no path
PROGRESS_SHORT = REPORTS / "elektrisk-glasugn-lagesrapport.yaml"
EXPLAINED = REPORTS / "kompetenslyft-omsorg-slutrapport.yaml"


def followup_json(run: Run, report: Path, *args: str) -> dict[str, Any]:
    result = run("followup", report, "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def statuses(view: dict[str, Any]) -> dict[str, str]:
    return {p["question"]: p["status"] for p in view["promises"]}


def test_a_final_report_shows_promised_against_delivered(run: Run) -> None:
    view = followup_json(run, ON_TARGET, "--lang", "en")
    assert view["format_version"] == 1
    assert view["decision"]["outcome"] == "granted"
    assert view["decision"]["granted_sek"] == 2100000
    assert statuses(view) == {
        "gender_activities": "delivered",
        "ghg_change_t": "within_tolerance",  # -205 against -210, tolerance 10 %
        "skills_participants": "exceeded",  # 14 against 12
        "jobs_expected": "delivered",
    }
    ghg = next(p for p in view["promises"] if p["question"] == "ghg_change_t")
    assert (ghg["promised"], ghg["delivered"], ghg["deviation"]) == (-210, -205, 5)
    assert view["completion_requests"] == []
    text = run("followup", ON_TARGET, "--lang", "en").stdout
    assert "within tolerance" in text and "exceeded" in text


def test_an_unexplained_shortfall_becomes_a_completion_request(run: Run) -> None:
    view = followup_json(run, SHORT, "--lang", "en")
    assert set(statuses(view).values()) == {"short"}
    requested = {r["question"]: r["kind"] for r in view["completion_requests"]}
    # new_jobs falls short too, but the report explains it
    assert requested == {
        "energy_saving_percent": "explain",
        "ghg_change_t": "explain",
        "gender_action": "explain",
    }
    progress = followup_json(run, PROGRESS_SHORT, "--lang", "en")
    assert [r["question"] for r in progress["completion_requests"]] == ["new_jobs"]
    # a promise a progress report leaves out is not reported, but not yet requested
    assert statuses(progress)["gender_action"] == "not_reported"
    explained = followup_json(run, EXPLAINED)
    assert statuses(explained)["skills_participants"] == "short"
    assert explained["completion_requests"] == []
    md = run("followup", SHORT, "--format", "md", "--lang", "en").stdout
    assert "## Request for completion" in md
    assert "1. Explain why" in md


def test_the_ex_post_verdict_is_shown(run: Run) -> None:
    view = followup_json(run, SHORT, "--lang", "en")
    ex_post = view["ex_post"]
    assert (ex_post["then"]["verdict"], ex_post["now"]["verdict"]) == ("pass", "fail")
    assert ex_post["verdict_changed"] is True
    changed = {
        c["id"]: (c["then"]["points"], c["now"]["points"]) for c in ex_post["changed_criteria"]
    }
    assert changed["FS-EKON-1"] == (3, 0)  # new jobs: 3 promised, none delivered
    on_target = followup_json(run, ON_TARGET)["ex_post"]
    assert (on_target["then"]["verdict"], on_target["now"]["verdict"]) == ("pass", "pass")
    text = run("followup", SHORT, "--lang", "en").stdout
    assert "At the decision: Sustainability-proofed" in text
    assert "With what was delivered: Not sustainability-proofed" in text
    html = run("followup", SHORT, "--format", "html", "--lang", "sv").stdout
    assert '<html lang="sv">' in html and "Ej hållbarhetssäkrad" in html


def test_json_is_byte_identical_on_rerun(run: Run, tmp_path: Path) -> None:
    first = run("followup", SHORT, "--format", "json").stdout
    second = run("followup", SHORT, "--format", "json").stdout
    assert first and first == second


def write_report(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def located(stderr: str, file: Path, rule: str) -> tuple[int, int]:
    match = re.search(rf"{re.escape(str(file))}:(\d+):(\d+): \w+ \[{rule}\]", stderr)
    assert match, stderr
    return int(match[1]), int(match[2])


def test_a_report_for_an_application_that_does_not_exist(run: Run, tmp_path: Path) -> None:
    report = write_report(
        tmp_path,
        "kind: follow-up\n"
        "application: {id: FS-2026-9999}\n"
        "report: final\n"
        "period: {start: 2026-09-01, end: 2027-08-31}\n"
        "reported_at: 2027-10-05\n",
    )
    result = run("followup", report, "--lang", "en")
    assert result.returncode == 2
    assert located(result.stderr, report, "unknown-application") == (2, 19)
    assert "No application with the id 'FS-2026-9999'" in result.stderr
    assert "Traceback" not in result.stderr
    # and with the application named on the command line: the ids must agree
    other = APPLICATIONS / "mobelrenovering-almhult-2026.yaml"
    result = run("followup", report, "--application", other, "--lang", "en")
    assert result.returncode == 2
    assert located(result.stderr, report, "application-id") == (2, 19)


def test_a_value_for_a_promise_the_set_does_not_declare(run: Run, tmp_path: Path) -> None:
    application = APPLICATIONS / "mobelrenovering-almhult-2026.yaml"
    text = SHORT.read_text(encoding="utf-8").replace(
        "application: {id: FS-2026-0431}",
        f"application: {{id: FS-2026-0431, path: {application}}}",
    )
    text = text.replace("  new_jobs: 0\n", "  new_jobs: 0\n  new_jobz: 3\n  has_board: true\n")
    report = write_report(tmp_path, text)
    lines = text.splitlines()
    result = run("followup", report, "--lang", "en", cwd=EXAMPLES.parent)
    assert result.returncode == 2
    typo = lines.index("  new_jobz: 3") + 1
    assert located(result.stderr, report, "unknown-promise") == (typo, 3)
    assert "Did you mean 'new_jobs'?" in result.stderr
    question = lines.index("  has_board: true") + 1
    assert located(result.stderr, report, "not-a-promise") == (question, 3)
    checked = run("validate", report, "--lang", "en", cwd=EXAMPLES.parent)
    assert checked.returncode == 1
    assert f"{report}:{typo}:3" in checked.stdout


def test_a_granted_amount_above_the_requested_one(run: Run, tmp_path: Path) -> None:
    source = (APPLICATIONS / "elektrisk-glasugn-lessebo-2025.yaml").read_text(encoding="utf-8")
    text = source.replace("granted_sek: 720000", "granted_sek: 900000")
    path = tmp_path / "application.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  granted_sek: 900000") + 1
    for command in ("assess", "validate"):
        result = run(command, path, "--lang", "en")
        assert result.returncode in (1, 2)
        output = result.stderr + result.stdout
        assert f"{path}:{line}:16: error [decision-exceeds]" in output, output
        assert "The granted amount (900000) is more than the requested amount (720000)" in output


def test_decisions_that_do_not_fit_their_outcome(run: Run, tmp_path: Path) -> None:
    source = (APPLICATIONS / "motesplats-unga-tingsryd-2025.yaml").read_text(encoding="utf-8")
    rejected = source.replace("  outcome: rejected\n", "  outcome: rejected\n  granted_sek: 5000\n")
    path = tmp_path / "rejected.yaml"
    path.write_text(rejected, encoding="utf-8")
    result = run("validate", path, "--lang", "en")
    assert result.returncode == 1
    assert "[decision-amount] A rejected decision grants nothing" in result.stdout
    granted = source.replace("  outcome: rejected\n", "  outcome: granted\n")
    path.write_text(granted, encoding="utf-8")
    result = run("validate", path, "--lang", "en")
    assert "[decision-amount] A granted decision needs the amount granted" in result.stdout
    typo = source.replace("  outcome: rejected\n", "  outcome: rejectd\n")
    path.write_text(typo, encoding="utf-8")
    result = run("validate", path, "--lang", "en")
    assert "Did you mean 'rejected'?" in result.stdout


def test_follow_up_entries_are_linted(run: Run, tmp_path: Path) -> None:
    criteria = tmp_path / "set.yaml"
    criteria.write_text(
        "kind: criteria-set\n"
        "id: promises\n"
        'version: "1"\n'
        "title: Promises\n"
        "dimensions: {social: {title: Social}}\n"
        "questions:\n"
        "  - {id: jobs, type: integer, label: Jobs}\n"
        "  - {id: plan, type: text, label: Plan}\n"
        "  - {id: level, type: choice, label: Level, options: [{value: a}, {value: b}]}\n"
        "criteria:\n"
        "  - id: C1\n"
        "    dimension: social\n"
        "    title: Jobs\n"
        "    levels: [{points: 1, when: {question: jobs, gt: 0}}, {points: 0}]\n"
        "  - id: C2\n"
        "    dimension: social\n"
        "    title: Plan\n"
        "    levels: [{points: 1, when: {question: plan, answered: true}}, {points: 0}]\n"
        "  - id: C3\n"
        "    dimension: social\n"
        "    title: Level\n"
        "    levels: [{points: 1, when: {question: level, eq: b}}, {points: 0}]\n"
        "follow_up:\n"
        "  - {question: jbos}\n"
        "  - {question: plan}\n"
        "  - {question: level, tolerance: {percent: 10}}\n",
        encoding="utf-8",
    )
    result = run("validate", criteria, "--lang", "en")
    assert result.returncode == 1
    out = result.stdout
    assert "set.yaml:24:16: error [follow-up-question]" in out and "Did you mean 'jobs'?" in out
    assert "set.yaml:25:16: error [follow-up-type] 'plan' is a text question" in out
    assert "set.yaml:26:23: error [follow-up-type] A tolerance applies to numbers only" in out
    with criteria.open("a", encoding="utf-8") as handle:
        handle.write("  - {question: jobs, tolerance: {percent: 10, absolute: 1}}\n")
    result = run("validate", criteria, "--lang", "en")
    assert "set.yaml:27:33: error [schema] A tolerance is either `percent` or `absolute`" in (
        result.stdout
    )


# The examples are a year of work that runs to the last final report in September 2029.
AFTER_THE_EXAMPLES = {"SOURCE_DATE_EPOCH": "1893456000"}  # 2030-01-01


def test_validate_detects_reports_by_kind(run: Run) -> None:
    result = run("validate", FOLLOWUP, "--strict", "--lang", "en", env=AFTER_THE_EXAMPLES)
    assert result.returncode == 0, result.stdout
    assert "14 files checked: 0 errors, 0 warnings" in result.stdout
    # with the clock at the start of 2026, the decisions of June 2026 lie ahead
    early = run("validate", FOLLOWUP, "--lang", "en")
    assert early.returncode == 0, early.stdout
    assert early.stdout.count("warning [decision-in-future]") == 3


def test_text_from_a_report_is_data(run: Run, tmp_path: Path) -> None:
    """Markup and template syntax in a report's texts show as the characters they are."""
    hostile = "<script>alert(1)</script> **fet** {{ 7*7 }} =SUM(A1)"
    application = APPLICATIONS / "mobelrenovering-almhult-2026.yaml"
    text = SHORT.read_text(encoding="utf-8").replace(
        "application: {id: FS-2026-0431}",
        f"application: {{id: FS-2026-0431, path: {application}}}",
    )
    text = text.replace("reported_by: Möbelcirkeln i Älmhult AB", f"reported_by: '{hostile}'")
    text += f"  ghg_change_t: '{hostile}'\n"
    report = write_report(tmp_path, text)
    html = run("followup", report, "--format", "html", cwd=EXAMPLES.parent)
    assert html.returncode == 0, html.stderr
    assert "<script>" not in html.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html.stdout
    assert "{{ 7*7 }}" in html.stdout and ">49<" not in html.stdout
    md = run("followup", report, "--format", "md", cwd=EXAMPLES.parent).stdout
    assert "\\<script\\>" in md and "\\*\\*fet\\*\\*" in md
