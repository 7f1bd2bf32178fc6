"""Acceptance tests drive the installed ``hallbarhet`` command on real files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CRITERIA = ROOT / "criteria"

Run = Callable[..., subprocess.CompletedProcess[str]]


def executable() -> str:
    beside = Path(sys.executable).with_name("hallbarhet")
    found = str(beside) if beside.exists() else shutil.which("hallbarhet")
    if found is None:
        pytest.fail("the hallbarhet command is not installed in this environment")
    return found


def runner(cwd: Path) -> Run:
    """A function that runs ``hallbarhet`` from ``cwd`` with a fixed timestamp and none of
    the user's ``HALLBARHET_*`` settings."""

    def _run(
        *args: str | Path, cwd: Path = cwd, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("HALLBARHET_")}
        environment.update({"SOURCE_DATE_EPOCH": "1767225600", "COLUMNS": "120"})
        environment.update(env or {})
        return subprocess.run(
            [executable(), *map(str, args)],
            cwd=cwd,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    return _run


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """Run ``hallbarhet`` with arguments, from an empty folder, with a fixed timestamp."""
    return runner(tmp_path)


@pytest.fixture(scope="session")
def example_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The assessment JSON of every example, from one ``assess`` run each."""
    run = runner(tmp_path_factory.mktemp("reports"))
    reports = {}
    for path in sorted(EXAMPLES.glob("*.yaml")):
        result = run("assess", path, "--format", "json")
        assert result.returncode == 0, result.stderr
        reports[path.stem] = json.loads(result.stdout)
    return reports
