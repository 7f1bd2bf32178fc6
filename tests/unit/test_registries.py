"""Each command's ``--format`` choices are exactly the formats its registry can write."""

from __future__ import annotations

from hallbarhet_cli.checks.findings import FINDINGS_REPORTERS
from hallbarhet_cli.cli import assess, batch, validate
from hallbarhet_cli.reporters import REPORTERS


def test_assess_offers_every_report_format_and_no_other() -> None:
    assert {f.value for f in assess.Format} == set(REPORTERS)


def test_validate_offers_every_findings_format_and_no_other() -> None:
    assert {f.value for f in validate.Format} == set(FINDINGS_REPORTERS)


def test_batch_reports_are_report_formats() -> None:
    assert {f.value for f in batch.ReportFormat} <= set(REPORTERS)
