"""The brief commands run without the cyclic garbage collector, which is only safe while
what they leave for it stays small and does not grow with the documents they read."""

from __future__ import annotations

import contextlib
import gc
import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hallbarhet_cli.cli.app import BRIEF, COMMANDS, brief, run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(str(path) for path in (ROOT / "examples").glob("*.yaml"))


def test_brief_commands_are_commands() -> None:
    assert BRIEF.issubset(COMMANDS)
    assert brief(["--debug", "assess", "a.yaml"])
    assert not brief(["batch", "folder"])
    assert not brief(["criteria", "diff", "a.yaml", "b.yaml", "--round", "folder"])
    assert not brief(["--help"])


@contextlib.contextmanager
def _collector_off() -> Iterator[None]:
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _left_for_the_collector(*args: str) -> int:
    """Objects that only the cyclic collector would free after one run of ``args``."""
    argv = sys.argv
    with _collector_off():
        sys.argv = ["hallbarhet", *args]
        try:
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
                contextlib.suppress(SystemExit),
            ):
                run()
        finally:
            sys.argv = argv
        return gc.collect()


@pytest.mark.parametrize(
    ("args", "more"),
    [
        (("validate",), ("validate", *EXAMPLES * 5, str(ROOT / "criteria"))),
        (("assess", EXAMPLES[0]), ("assess", EXAMPLES[0], "-f", "html", "-o", "-")),
        (
            ("test", str(ROOT / "criteria" / "tests" / "dnsh-screening.test.yaml")),
            ("test", str(ROOT / "criteria" / "tests")),
        ),
    ],
)
def test_what_is_left_does_not_grow_with_the_documents(
    args: tuple[str, ...], more: tuple[str, ...]
) -> None:
    _left_for_the_collector(*args)  # the first run builds what every later one reuses
    few = _left_for_the_collector(*args)
    many = _left_for_the_collector(*more)
    # The command line's own objects (a few hundred a run) and little else: a cycle made
    # for each document read would add thousands.
    assert few < 1_000
    assert many - few < 1_000
