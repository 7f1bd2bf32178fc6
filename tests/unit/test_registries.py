"""Each command's ``--format`` choices are exactly the formats its registry can write, and
each registered renderer writes what its module does."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest
import typer

from hallbarhet_cli.batch.items import InputKind
from hallbarhet_cli.batch.writes import OUTPUT_FORMATS, REPORT_SUFFIXES
from hallbarhet_cli.checks import FINDINGS_REPORTERS
from hallbarhet_cli.cli import assess, batch, validate
from hallbarhet_cli.cli.app import app
from hallbarhet_cli.criteria.diff import diff_sets
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.reporters import (
    DIFFS,
    EXPLANATIONS,
    HANDBOOKS,
    PRECHECKS,
    REPORTERS,
    TEST_RUNS,
    criteria_diff,
    handbook,
)


def format_option(*path: str, param: str = "format") -> tuple[list[str], str]:
    """The ``--format`` choices (or those of the option whose parameter is ``param``) and
    default of the command at ``path``, as the command line offers them."""
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    (option,) = (p for p in command.params if p.name == param)
    choices = [str(c) for c in option.type_descriptor.choices]  # type: ignore[attr-defined]
    return choices, str(option.default)


@pytest.mark.parametrize(
    ("path", "registry"),
    [
        (("assess",), REPORTERS),
        (("test",), TEST_RUNS),
        (("criteria", "diff"), DIFFS),
        (("criteria", "docs"), HANDBOOKS),
    ],
    ids=["assess", "test", "criteria diff", "criteria docs"],
)
def test_the_format_choices_are_the_registry_in_order(
    path: tuple[str, ...], registry: Mapping[str, object]
) -> None:
    choices, default = format_option(*path)
    assert choices == list(registry)
    assert default in registry


@pytest.mark.parametrize("registry", [EXPLANATIONS, PRECHECKS], ids=["explain", "precheck"])
def test_explain_and_precheck_formats_are_assess_formats_and_write_the_default(
    registry: Mapping[str, object],
) -> None:
    choices, default = format_option("assess")
    assert set(registry) <= set(choices)
    assert default in registry


def test_assess_offers_every_report_format_and_no_other() -> None:
    assert {f.value for f in assess.Format} == set(REPORTERS)


def test_validate_offers_every_findings_format_and_no_other() -> None:
    assert {f.value for f in validate.Format} == set(FINDINGS_REPORTERS)
    choices, default = format_option("validate")
    assert choices == list(FINDINGS_REPORTERS)
    assert default == "None"  # chosen at run time: github inside GitHub Actions, else text
    assert validate.default_format() in FINDINGS_REPORTERS


def test_batch_offers_its_outputs_and_report_formats_in_order() -> None:
    assert format_option("batch", param="formats") == (list(OUTPUT_FORMATS), "None")
    assert format_option("batch", param="reports") == (list(REPORT_SUFFIXES), "None")


def test_batch_reports_are_report_formats() -> None:
    assert {f.value for f in batch.ReportFormat} <= set(REPORTERS)
    assert set(REPORT_SUFFIXES) <= set(REPORTERS)


def test_the_diff_renderers_are_the_change_report(mini_set: ResolvedSet) -> None:
    diff = diff_sets(mini_set, mini_set)
    assert DIFFS["text"](diff, None, "en") == criteria_diff.render_text(diff, None, "en")
    written = DIFFS["json"](diff, None, "sv")
    assert written == criteria_diff.render_json(diff, None, "sv")
    assert json.loads(written)["changes"] == []


def test_the_handbook_renderers_write_markdown_and_html(mini_set: ResolvedSet) -> None:
    assert HANDBOOKS["md"](mini_set, "en") == handbook.render_handbook(mini_set, "en", "md")
    page = HANDBOOKS["html"](mini_set, "sv")
    assert page == handbook.render_handbook(mini_set, "sv", "html")
    assert page.lstrip().lower().startswith("<!doctype html>")


def test_each_input_suffix_belongs_to_one_batch_format() -> None:
    from hallbarhet_cli.batch.formats import FORMATS, kind_of_path
    from hallbarhet_cli.batch.inputs import TABULAR

    suffixes = [s for f in FORMATS.values() for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes))
    for kind, form in FORMATS.items():
        assert form.kind is kind
        for suffix in form.suffixes:
            assert kind_of_path(Path(f"round/x{suffix.upper()}")) is kind
    assert kind_of_path(Path("round/x.txt")) is InputKind.APPLICATION
    assert {InputKind.CSV, InputKind.XLSX} == TABULAR
