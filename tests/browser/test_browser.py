"""The HTML report in a real browser: headless Chromium (Debian's ``chromium``) opens every
example's report in Swedish and English, with no console errors and no requests, readable
without JavaScript, without horizontal overflow at A4 print width, and with no serious or
critical axe-core violations. Screenshots are kept in pytest's temporary folder.

Needs ``chromium``, ``node`` and ``npm ci`` in this folder (``.ci/browser-setup`` installs
all three). Without them the tests skip, unless ``HALLBARHET_REQUIRE_BROWSER=1`` (as in CI),
where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.acceptance.conftest import EXAMPLES, ROOT, executable

HERE = Path(__file__).parent
CHECKER = HERE / "check-report.mjs"
HOSTILE = ROOT / "tests" / "gold" / "inputs" / "hostile-application.yaml"
APPLICATIONS = [*sorted(EXAMPLES.glob("*.yaml")), HOSTILE]
LANGS = ("sv", "en")
# The overview of the example round, scored with and without --robustness, in each language.
ROUND = EXAMPLES / "round"
OVERVIEWS = [f"overview{kind}.{lang}" for kind in ("", "-robustness") for lang in LANGS]
REPORTS = [f"{path.stem}.{lang}" for path in APPLICATIONS for lang in LANGS] + OVERVIEWS
BLOCKING_IMPACTS = {"serious", "critical"}


def chromium() -> str | None:
    """The Chromium to use: ``$CHROMIUM`` when set, else ``chromium`` on the PATH."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("chromium")


def missing_tools() -> list[str]:
    missing = []
    if chromium() is None:
        missing.append("chromium (apt-get install chromium)")
    if shutil.which("node") is None:
        missing.append("node")
    for package in ("playwright-core", "axe-core"):
        if not (HERE / "node_modules" / package).is_dir():
            missing.append(f"{package} (npm ci in tests/browser)")
    return missing


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Render every report, check them all in one browser session, keyed by report name."""
    require_browser()
    folder = tmp_path_factory.mktemp("browser")
    environment = page_environment()
    files = []
    for path in APPLICATIONS:
        for lang in LANGS:
            target = folder / f"{path.stem}.{lang}.html"
            command = [executable(), "assess", str(path), "-f", "html", "--lang", lang]
            subprocess.run([*command, "-o", str(target)], env=environment, check=True, timeout=60)
            files.append(str(target))
    for name in OVERVIEWS:
        kind, lang = name.rsplit(".", 1)
        out = folder / name
        command = [
            executable(), "batch", str(ROUND / "utlysning-2026-export.csv"), "--map",
            str(ROUND / "utlysning-2026.map.yaml"), "--budget", "8000000", "--lang", lang,
            "-q", "-o", str(out),
        ]  # fmt: skip
        if kind.endswith("robustness"):
            command += ["--robustness", "--draws", "2000"]
        subprocess.run(command, env=environment, check=True, timeout=120)
        target = folder / f"{name}.html"
        shutil.copyfile(out / "overview.html", target)
        files.append(str(target))
    return check_pages(files, folder, environment)


@pytest.mark.parametrize("report", REPORTS)
def test_report_renders_in_chromium(results: dict[str, dict[str, Any]], report: str) -> None:
    result = results[report]
    assert result["consoleErrors"] == []
    assert result["requests"] == [], "a report must not make requests"
    assert result["headingWithoutJs"], "the report must read with JavaScript off"
    assert result["lang"] == report.rsplit(".", 1)[1]
    if report in OVERVIEWS:  # the overview prints on A4 landscape (its @page rule)
        assert result["printOverflowLandscapePx"] <= 0, "wider than an A4 page in landscape"
    else:
        assert result["printOverflowPx"] <= 0, "the report is wider than an A4 page"
    screenshot = Path(result["screenshot"])
    assert screenshot.read_bytes().startswith(b"\x89PNG")
    assert screenshot.stat().st_size > 20_000


@pytest.mark.parametrize("report", REPORTS)
def test_report_passes_axe_core(results: dict[str, dict[str, Any]], report: str) -> None:
    violations = results[report]["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], json.dumps(violations, indent=2)


@pytest.mark.parametrize("lang", LANGS)
def test_the_robustness_section_makes_the_overview_no_wider(
    results: dict[str, dict[str, Any]], lang: str
) -> None:
    with_section = results[f"overview-robustness.{lang}"]["printOverflowPx"]
    assert with_section <= max(0, results[f"overview.{lang}"]["printOverflowPx"])


def check_pages(
    files: list[str], folder: Path, environment: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """Open every page in Chromium with the checker (axe-core, requests, console errors,
    print width, a screenshot each) and return its findings by page name."""
    screenshots = folder / "screenshots"
    screenshots.mkdir()
    checked = subprocess.run(
        ["node", str(CHECKER), "--out", str(screenshots), *files],
        capture_output=True,
        text=True,
        env={**environment, "CHROMIUM": chromium() or ""},
        timeout=900,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    return {Path(r["file"]).stem: r for r in json.loads(checked.stdout)}


def require_browser() -> None:
    """Skip without Chromium, node or the npm packages; fail instead where CI requires them
    (``HALLBARHET_REQUIRE_BROWSER=1``)."""
    missing = missing_tools()
    if missing:
        reason = "missing " + ", ".join(missing) + "; run .ci/browser-setup"
        if os.environ.get("HALLBARHET_REQUIRE_BROWSER") == "1":
            pytest.fail(f"HALLBARHET_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)


def page_environment() -> dict[str, str]:
    """The environment pages are rendered in: none of the user's settings, a fixed time."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HALLBARHET_")}
    environment["SOURCE_DATE_EPOCH"] = "1767225600"
    return environment
