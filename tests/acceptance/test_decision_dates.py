"""Dates that a decision or a follow-up report cannot have, or probably should not have,
found by ``validate`` and ``followup`` with ``file:line:col``. The example application
FS-2026-0431 was received on 2026-03-10 (added below), decided on 2026-06-15 and reported
on finally on 2027-10-05 for the period 2026-09-01 to 2027-08-31."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.acceptance.conftest import EXAMPLES, Run

FOLLOWUP = EXAMPLES / "followup"
APPLICATION = FOLLOWUP / "ansokningar" / "mobelrenovering-almhult-2026.yaml"
REPORT = FOLLOWUP / "rapporter" / "mobelrenovering-almhult-slutrapport.yaml"
AFTER_THE_EXAMPLES = {"SOURCE_DATE_EPOCH": "1893456000"}  # 2030-01-01


def copy(tmp_path: Path, application: str = "", report: str = "") -> tuple[Path, Path]:
    """The example application and its final report in ``tmp_path``, each with one line
    replaced (``old=>new``)."""
    (tmp_path / "ansokningar").mkdir()
    (tmp_path / "rapporter").mkdir()
    app = tmp_path / "ansokningar" / APPLICATION.name
    rep = tmp_path / "rapporter" / REPORT.name
    shutil.copy(APPLICATION, app)
    shutil.copy(REPORT, rep)
    for path, change in ((app, application), (rep, report)):
        if change:
            old, new = change.split("=>")
            text = path.read_text("utf-8")
            assert old in text, old
            path.write_text(text.replace(old, new, 1), "utf-8")
    return app, rep


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def test_the_example_dates_are_consistent(run: Run, tmp_path: Path) -> None:
    app, rep = copy(tmp_path, application="period: =>submitted: 2026-03-10\nperiod: ")
    result = run("validate", app, rep, "--strict", "--lang", "en", env=AFTER_THE_EXAMPLES)
    assert result.returncode == 0, result.stdout


def test_a_decision_before_the_application_was_submitted(run: Run, tmp_path: Path) -> None:
    app, _ = copy(tmp_path, application="period: =>submitted: 2026-07-01\nperiod: ")
    result = run("validate", app, "--lang", "en", env=AFTER_THE_EXAMPLES)
    assert result.returncode == 1
    line = line_of(app, "  date: 2026-06-15")
    assert (
        f"{app}:{line}:9: error [decision-before-submitted] The decision (2026-06-15) is dated "
        "before the application was submitted (2026-07-01)."
    ) in result.stdout


def test_a_decision_in_the_future_is_a_warning(run: Run, tmp_path: Path) -> None:
    app, _ = copy(tmp_path, application="  date: 2026-06-15=>  date: 2031-06-15")
    result = run("validate", app, "--lang", "en", env=AFTER_THE_EXAMPLES)
    assert result.returncode == 0, result.stdout
    line = line_of(app, "  date: 2031-06-15")
    assert (
        f"{app}:{line}:9: warning [decision-in-future] The decision is dated 2031-06-15, after "
        "today (2030-01-01)"
    ) in result.stdout
    strict = run("validate", app, "--strict", "--lang", "en", env=AFTER_THE_EXAMPLES)
    assert strict.returncode == 1
    # without a pinned clock, today is the real today: 2031 is still ahead
    unpinned = run("validate", app, "--lang", "en", env={"SOURCE_DATE_EPOCH": ""})
    assert "warning [decision-in-future]" in unpinned.stdout


def test_a_report_dated_before_the_decision(run: Run, tmp_path: Path) -> None:
    _, rep = copy(tmp_path, report="reported_at: 2027-10-05=>reported_at: 2026-06-01")
    result = run("followup", rep, "--lang", "en", env=AFTER_THE_EXAMPLES)
    assert result.returncode == 2
    line = line_of(rep, "reported_at: 2026-06-01")
    assert (
        f"{rep}:{line}:14: error [report-before-decision] The report is dated 2026-06-01, "
        "before the decision it follows up (2026-06-15)."
    ) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_period_that_starts_before_the_decision(run: Run, tmp_path: Path) -> None:
    _, rep = copy(tmp_path, report="{start: 2026-09-01,=>{start: 2026-05-01,")
    result = run("validate", rep, "--lang", "en", env=AFTER_THE_EXAMPLES)
    assert result.returncode == 0, result.stdout
    line = line_of(rep, "period: {start: 2026-05-01")
    assert (
        f"{rep}:{line}:17: warning [period-before-decision] The period starts (2026-05-01) "
        "before the decision (2026-06-15)"
    ) in result.stdout


def test_a_period_that_ends_after_the_report(run: Run, tmp_path: Path) -> None:
    _, rep = copy(tmp_path, report="end: 2027-08-31}=>end: 2027-12-31}")
    result = run("validate", rep, "--lang", "en", env=AFTER_THE_EXAMPLES)
    assert result.returncode == 0, result.stdout
    line = line_of(rep, "end: 2027-12-31}")
    assert (
        f"{rep}:{line}:34: warning [period-after-report] The period ends (2027-12-31) after the "
        "report was written (2027-10-05)"
    ) in result.stdout
    # the warning is also on the followup command's standard error, and the report is shown
    shown = run("followup", rep, "--lang", "en", env=AFTER_THE_EXAMPLES)
    assert shown.returncode == 0, shown.stderr
    assert "warning [period-after-report]" in shown.stderr
