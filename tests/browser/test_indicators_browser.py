"""The indicator report in a real browser, checked as the assessment reports are (see
``test_browser.py``): both bundled sets with their example data, in Swedish and English,
with no console errors or requests, readable without JavaScript, no wider than A4 in print,
and with no serious or critical axe-core violations."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.acceptance.conftest import EXAMPLES, executable
from tests.browser.test_browser import (
    BLOCKING_IMPACTS,
    LANGS,
    check_pages,
    page_environment,
    require_browser,
)

SETS = ("kronoberg-besoksnaring", "kronoberg-regional-uppfoljning")
REPORTS = [f"{set_id}.{lang}" for set_id in SETS for lang in LANGS]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    require_browser()
    folder = tmp_path_factory.mktemp("indicators-browser")
    environment = page_environment()
    files = []
    for set_id in SETS:
        data = EXAMPLES / "indicators" / f"{set_id}.csv"
        for lang in LANGS:
            target = folder / f"{set_id}.{lang}.html"
            command = [executable(), "indicators", "report", set_id, str(data), "-f", "html"]
            subprocess.run(
                [*command, "--lang", lang, "-o", str(target)],
                env=environment,
                check=True,
                timeout=60,
            )
            files.append(str(target))
    return check_pages(files, folder, environment)


@pytest.mark.parametrize("report", REPORTS)
def test_indicator_report_renders_in_chromium(
    results: dict[str, dict[str, Any]], report: str
) -> None:
    result = results[report]
    assert result["consoleErrors"] == []
    assert result["requests"] == [], "a report must not make requests"
    assert result["headingWithoutJs"], "the report must read with JavaScript off"
    assert result["lang"] == report.rsplit(".", 1)[1]
    assert result["printOverflowPx"] <= 0, "the report is wider than an A4 page"
    assert Path(result["screenshot"]).read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("report", REPORTS)
def test_indicator_report_passes_axe_core(results: dict[str, dict[str, Any]], report: str) -> None:
    violations = results[report]["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], json.dumps(violations, indent=2)
