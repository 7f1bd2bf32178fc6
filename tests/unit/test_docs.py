"""Documentation is tested too: the generated reference is fresh, every command has help
text and appears in the README, and every rule a finding can carry is described."""

from __future__ import annotations

import ast
import importlib.util
import re
from collections.abc import Iterator
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import typer.main

from hallbarhet_cli.checks.findings import RULES
from hallbarhet_cli.cli.app import app
from hallbarhet_cli.criteria.lint import CHECKS

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "hallbarhet_cli"


def gen_docs() -> ModuleType:
    """``scripts/gen-docs`` loaded as a module (it has no ``.py`` suffix)."""
    path = ROOT / "scripts" / "gen-docs"
    loader = SourceFileLoader("gen_docs", str(path))
    spec = importlib.util.spec_from_loader("gen_docs", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_generated_reference_and_schemas_are_up_to_date() -> None:
    for target, text in gen_docs().generated().items():
        written = target.read_text(encoding="utf-8") if target.exists() else ""
        assert written == text, f"{target.name} is stale: run scripts/gen-docs"


def test_bundled_files_point_editors_at_their_schema() -> None:
    for path in sorted((ROOT / "criteria").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/criteria-set.json", path
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        set_id = next(
            line.split(":", 1)[1].strip() for line in lines if line.startswith("criteria:")
        )
        schema = f"../schemas/{set_id}.application.json"
        assert lines[0] == f"# yaml-language-server: $schema={schema}", path
        assert (path.parent / schema).is_file(), schema


def test_reference_documents_every_operator_check_and_field() -> None:
    from hallbarhet_cli.models.fields import FIELDS
    from hallbarhet_cli.models.operators import OPERATORS

    text = gen_docs().render()
    for name, op in OPERATORS.items():
        assert f"| `{name}` |" in text
        assert op.doc.strip(), f"operator {name} has no documentation"
    for rule, check in CHECKS.items():
        assert f"### `{rule}` ({check.severity.value})" in text
        assert check.doc, f"lint check {rule} has no docstring"
    for name in FIELDS:
        assert f"| `{name}` |" in text


def commands(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and group below ``group``, as its words after ``hallbarhet``. (Typer
    builds a click command tree; groups are the commands that have ``commands``.)"""
    for name, command in getattr(group, "commands", {}).items():
        yield (*prefix, name)
        yield from commands(command, (*prefix, name))


def command_at(words: tuple[str, ...]) -> Any:
    command = typer.main.get_command(app)
    for word in words:
        command = command.commands[word]  # type: ignore[attr-defined]
    return command


ALL_COMMANDS = sorted(commands(typer.main.get_command(app)))


def test_the_command_tree_is_found() -> None:
    assert {("validate",), ("schema",), ("schema", "criteria")} <= set(ALL_COMMANDS)


@pytest.mark.parametrize("words", ALL_COMMANDS, ids=" ".join)
def test_every_command_has_help_text(words: tuple[str, ...]) -> None:
    command = command_at(words)
    assert (command.help or command.short_help or "").strip(), f"hallbarhet {' '.join(words)}"


@pytest.mark.parametrize("words", ALL_COMMANDS, ids=" ".join)
def test_every_command_is_in_the_readme(words: tuple[str, ...]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # A subcommand may be listed with its siblings: `hallbarhet criteria list|show`.
    *group, name = words
    listed = re.compile(
        rf"hallbarhet {' '.join(map(re.escape, group))}{' ' if group else ''}"
        rf"(?:[\w-]+\|)*{re.escape(name)}(?![\w-])"
    )
    assert listed.search(readme), f"README.md does not mention `hallbarhet {' '.join(words)}`"


def rules_in_source() -> dict[str, str]:
    """Rule ids passed to ``Problem(...)`` or a ``.problem(...)`` helper, with a file each."""
    pattern = re.compile(r"^[a-z]+(?:-[a-z0-9]+)*$")
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in ("Problem", "problem"):
                continue
            for arg in node.args:
                value = arg.value if isinstance(arg, ast.Constant) else None
                if isinstance(value, str) and pattern.match(value):
                    found.setdefault(value, str(path.relative_to(ROOT)))
    return found


def test_every_rule_is_described() -> None:
    """SARIF lists a description for every rule it reports, and the reference documents
    them: a lint check by its docstring, any other rule in ``reporters.findings.RULES``."""
    used = rules_in_source()
    assert {"unknown-key", "yaml-syntax", "unknown-question"} <= set(used)
    undescribed = {rule: file for rule, file in used.items() if rule not in CHECKS | RULES}
    assert undescribed == {}, "describe these rules in checks/findings.py RULES"
