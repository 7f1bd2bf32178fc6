"""The follow-up report, the portfolio overview and an assessment report with a decision
on record in a real browser, checked as the assessment reports are (see test_browser.py):
Swedish and English, no console errors and no requests, readable without JavaScript, no
horizontal overflow at A4 print width, and no serious or critical axe-core violations."""

from __future__ import annotations

import json
import subprocess
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

REPORTS = EXAMPLES / "followup" / "rapporter"
FOLLOWUPS = [
    REPORTS / "mobelrenovering-almhult-slutrapport.yaml",  # short, a verdict that changes
    REPORTS / "solcellspark-alvesta-slutrapport.yaml",  # on target, with an explanation
    REPORTS / "elektrisk-glasugn-lagesrapport.yaml",  # progress, a completion request
]
# an assessment report that shows the decision on record
DECIDED = EXAMPLES / "followup" / "ansokningar" / "kompetenslyft-omsorg-ljungby-2025.yaml"
PAGES = [
    *(f"followup-{p.stem}.{lang}" for p in FOLLOWUPS for lang in LANGS),
    *(f"portfolio.{lang}" for lang in LANGS),
    *(f"assess-{DECIDED.stem}.{lang}" for lang in LANGS),
]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    require_browser()
    folder = tmp_path_factory.mktemp("browser-followup")
    environment = page_environment()
    files = []
    for lang in LANGS:
        for report in FOLLOWUPS:
            target = folder / f"followup-{report.stem}.{lang}.html"
            command = [executable(), "followup", str(report), "-f", "html", "--lang", lang]
            subprocess.run([*command, "-o", str(target)], env=environment, check=True, timeout=60)
            files.append(str(target))
        out = folder / f"portfolio-{lang}"
        command = [executable(), "portfolio", str(EXAMPLES / "followup"), "-f", "html"]
        subprocess.run([*command, "--lang", lang, "-o", str(out)], env=environment, check=True)
        page = folder / f"portfolio.{lang}.html"
        (out / "portfolio.html").rename(page)
        files.append(str(page))
        target = folder / f"assess-{DECIDED.stem}.{lang}.html"
        command = [executable(), "assess", str(DECIDED), "-f", "html", "--lang", lang]
        subprocess.run([*command, "-o", str(target)], env=environment, check=True, timeout=60)
        files.append(str(target))
    return check_pages(files, folder, environment)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_chromium(results: dict[str, dict[str, Any]], page: str) -> None:
    result = results[page]
    assert result["consoleErrors"] == []
    assert result["requests"] == [], "a report must not make requests"
    assert result["headingWithoutJs"], "the report must read with JavaScript off"
    assert result["lang"] == page.rsplit(".", 1)[1]
    assert result["printOverflowPx"] <= 0, "the report is wider than an A4 page"


@pytest.mark.parametrize("page", PAGES)
def test_page_passes_axe_core(results: dict[str, dict[str, Any]], page: str) -> None:
    violations = results[page]["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], json.dumps(violations, indent=2)
