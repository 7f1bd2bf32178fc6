"""The terminal summary and the criteria listings show what the files say: brackets and
asterisks are text, never markup, and a line never runs past the width."""

from __future__ import annotations

import os
import pty
import re
import subprocess
from pathlib import Path

import pytest

from hallbarhet_cli.reporters.layout import cells

from .conftest import Run, executable

SET = """\
kind: criteria-set
id: hakparentes
version: "1"
title: "Kostnader [kr] och *stjärnor*"
applies_to: [project]
dimensions:
  social: {title: "Social [bold]hållbarhet[/bold]"}
verdict: {pass_percent: 10, dimension_min_percent: 0}
questions:
  - {id: cost, type: integer, label: "Kostnad [kr]", required: true, min: 0}
  - {id: plan, type: text, label: "Plan [link=http://x]länk[/link]", required: true}
criteria:
  - id: C-1
    dimension: social
    title: "Budget [red]röd[/red]"
    weight: 1
    levels:
      - {points: 2, when: {question: cost, ge: 100}}
      - {points: 0}
"""

APPLICATION = """\
kind: application
id: KRO-1
criteria: hakparentes.yaml
type: project
title: "Projekt [dim]x[/dim]"
applicant: {name: "Förening [i]", sector: civil_society}
budget: {total_sek: 2000000, requested_sek: 1000000}
period: {start: 2026-01-01, end: 2026-12-31}
answers: {cost: 50}
"""


def test_brackets_are_shown_as_written(run: Run, tmp_path: Path) -> None:
    (tmp_path / "hakparentes.yaml").write_text(SET, encoding="utf-8")
    (tmp_path / "app.yaml").write_text(APPLICATION, encoding="utf-8")
    summary = run("assess", "app.yaml", "--lang", "en").stdout
    for written in (
        "Projekt [dim]x[/dim]",
        "Förening [i]",
        "Budget [red]röd[/red]",
        "Kostnad [kr]",
        "Plan [link=http://x]länk[/link]",
    ):
        assert written in summary, written
    assert all(cells(line) <= 100 for line in summary.splitlines())
    shown = run("criteria", "show", "hakparentes.yaml").stdout
    assert "Kostnader [kr] och *stjärnor*" in shown
    assert "Kostnad [kr]" in shown
    assert "Social [bold]hållbarhet[/bold]" in shown


def _on_a_terminal(*args: str, env: dict[str, str]) -> str:
    """What ``hallbarhet`` shows when its output is a terminal (a pseudo-terminal here)."""
    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    with subprocess.Popen(
        [executable(), *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env={**environment, **env},
    ) as process:
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the command ends
                break
            if not chunk:
                break
            shown += chunk
        process.wait(timeout=60)
    os.close(leader)
    return shown.decode("utf-8").replace("\r\n", "\n")


ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("columns", [80, 100, 132])
def test_the_summary_fits_the_terminal_it_is_shown_in(columns: int) -> None:
    example = str(Path(__file__).resolve().parents[2] / "examples" / "solcellspark-alvesta.yaml")
    shown = _on_a_terminal("assess", example, env={"COLUMNS": str(columns)})
    lines = ANSI.sub("", shown).splitlines()
    assert "\x1b[" in shown  # a terminal gets colour
    assert max(cells(line) for line in lines) == min(columns, 120)
    for args in (("--precheck",), ("--explain", "SOC-1")):
        text = ANSI.sub("", _on_a_terminal("assess", example, *args, env={"COLUMNS": "80"}))
        assert all(cells(line) <= 80 for line in text.splitlines())


def test_no_color_is_respected() -> None:
    example = str(Path(__file__).resolve().parents[2] / "examples" / "solcellspark-alvesta.yaml")
    shown = _on_a_terminal("assess", example, env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert "HÅLLBARHETSSÄKRAD" in shown
    assert "\x1b" not in shown
