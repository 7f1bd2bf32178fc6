"""The terminal summary and the criteria listings show what the files say: brackets and
asterisks are text, never markup, and a line never runs past the width."""

from __future__ import annotations

from pathlib import Path

from hallbarhet_cli.reporters.layout import cells

from .conftest import Run

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
