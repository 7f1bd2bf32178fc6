"""The command line builds only the command it is asked to run, and that command reads
and behaves as it does among all the others."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from hallbarhet_cli.cli.app import COMMANDS, COMPLETION_VARIABLE, build, named_command


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["assess", "a.yaml"], "assess"),
        (["--debug", "assess", "a.yaml", "-f", "json"], "assess"),
        (["criteria", "list"], "criteria"),
        (["validate", "--help"], "validate"),
        ([], None),
        (["--help"], None),
        (["--version"], None),
        (["--install-completion"], None),
        (["--debug"], None),
        (["asses", "a.yaml"], None),
    ],
)
def test_the_command_named_is_the_one_built(args: list[str], named: str | None) -> None:
    assert named_command(args) == named


def test_completion_builds_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(COMPLETION_VARIABLE, "complete_bash")
    assert named_command(["assess", "a.yaml"]) is None


@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize("extra", [["--help"], ["--no-such-option"]])
def test_one_command_built_alone_reads_as_among_all(name: str, extra: list[str]) -> None:
    runner = CliRunner()
    alone = runner.invoke(build([name]), [name, *extra])
    among_all = runner.invoke(build(), [name, *extra])
    assert (alone.exit_code, alone.output) == (among_all.exit_code, among_all.output)
    assert alone.output.strip()
