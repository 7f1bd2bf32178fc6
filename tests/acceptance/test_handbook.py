"""``hallbarhet criteria docs``: the applicant handbook, from the criteria set alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape

from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.models import localize
from hallbarhet_cli.reporters.documents import markdown_escape
from tests.acceptance.conftest import CRITERIA, Run

SETS = [
    "dnsh-screening",
    "kronoberg-projektmedel",
    "kronoberg-foretagsstod",
    "tillvaxtverket-kvalitet",
    "kronoberg-ideburen-samverkan",
]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("set_id", SETS)
def test_every_question_criterion_and_gate_is_in_the_handbook(
    run: Run, tmp_path: Path, set_id: str, fmt: str, lang: str
) -> None:
    out = tmp_path / f"handbook.{fmt}"
    result = run("criteria", "docs", set_id, "--format", fmt, "--lang", lang, "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    resolved = CriteriaLibrary([CRITERIA]).resolve_path(CRITERIA / f"{set_id}.yaml")

    def shown(value: str) -> str:
        return str(escape(value)) if fmt == "html" else markdown_escape(value)

    for question in resolved.questions:
        assert shown(localize(question.label, lang)) in text
    for criterion in resolved.criteria:
        assert shown(localize(criterion.title, lang)) in text
    for gate in resolved.gates:
        assert shown(localize(gate.title, lang)) in text
    if fmt == "html":
        assert f'<html lang="{lang}">' in text
        assert "<script" not in text and "http" not in text.split("<body>")[1]
    assert resolved.sha256 in text


def test_swedish_and_english_differ_and_output_is_stable(run: Run, tmp_path: Path) -> None:
    sv = run("criteria", "docs", "kronoberg-foretagsstod")
    en = run("criteria", "docs", "kronoberg-foretagsstod", "--lang", "en")
    again = run("criteria", "docs", "kronoberg-foretagsstod")
    assert sv.returncode == en.returncode == 0
    assert "Handbok för sökande" in sv.stdout and "Handbook for applicants" in en.stdout
    assert sv.stdout == again.stdout


def test_text_from_the_set_is_shown_not_formatted(run: Run, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        "kind: criteria-set\n"
        "id: hostile\n"
        'version: "1"\n'
        'title: "<script>alert(1)</script> **fet** {{ 7*7 }}"\n'
        "dimensions:\n"
        "  social: {title: Social}\n"
        "questions:\n"
        "  - {id: q, type: boolean, label: '# rubrik <b>x</b>'}\n"
        "criteria:\n"
        "  - id: C\n"
        "    dimension: social\n"
        "    title: C\n"
        "    levels:\n"
        "      - {points: 1, when: {question: q, eq: true}}\n"
        "      - {points: 0}\n",
        encoding="utf-8",
    )
    html = run("criteria", "docs", hostile, "--format", "html", "--lang", "en")
    assert html.returncode == 0, html.stderr
    assert "<script>alert" not in html.stdout and "&lt;script&gt;" in html.stdout
    assert "{{ 7*7 }}" in html.stdout and "49" not in html.stdout
    md = run("criteria", "docs", hostile, "--lang", "en")
    assert "\\*\\*fet\\*\\*" in md.stdout
    assert "<script>" not in md.stdout and "\n# rubrik" not in md.stdout
