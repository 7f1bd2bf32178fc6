"""An output the system refuses to write — a full disk, a read-only file system, a path
under a file — is a usage error (exit 2) with one line that names the path and the reason,
in every command that writes a file, and nothing is left behind."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.acceptance.conftest import EXAMPLES, Run

EXAMPLE = EXAMPLES / "solcellspark-alvesta.yaml"

# Every command with ``-o FILE``, with what it needs besides.
WRITERS = {
    "assess-json": ("assess", str(EXAMPLE), "-f", "json"),
    "assess-html": ("assess", str(EXAMPLE), "-f", "html"),
    "validate": ("validate", str(EXAMPLE)),
    "criteria-docs": ("criteria", "docs", "kronoberg-projektmedel"),
    "schema": ("schema", "application"),
    "new": ("new", "--criteria", "kronoberg-projektmedel"),
}


def one_line(result: subprocess.CompletedProcess[str], path: str, reason: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert path in lines[0] and reason in lines[0], lines[0]
    assert "Traceback" not in result.stderr and "Internal error" not in result.stderr


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_full_disk_is_a_usage_error_naming_the_path(run: Run, command: str) -> None:
    result = run(*WRITERS[command], "-o", "/dev/full", "--lang", "en")
    one_line(result, "/dev/full", "No space left on device")


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_an_output_under_a_file_is_a_usage_error(run: Run, tmp_path: Path, command: str) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = run(*WRITERS[command], "-o", "a-file/out.txt", "--lang", "en")
    one_line(result, "a-file", "not a folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_a_batch_output_under_a_file_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = run("batch", EXAMPLE, "-o", "a-file/results", "-q", "--lang", "en")
    one_line(result, "a-file/results", "Not a directory")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB file system: room for the batch's folder, not for its reports."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk], check=True)
    try:
        yield disk
    finally:
        subprocess.run(["umount", disk], check=False)


def test_a_batch_that_fills_the_disk_is_a_usage_error_and_leaves_nothing(
    run: Run, small_disk: Path
) -> None:
    inputs = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
    result = run("batch", *inputs, "-o", small_disk / "round", "--reports", "html", "-q")
    one_line(result, "round", "No space left on device")
    assert list(small_disk.iterdir()) == []


def test_a_batch_onto_a_read_only_file_system_is_a_usage_error(run: Run, small_disk: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", small_disk], check=True)
    result = run("batch", EXAMPLE, "-o", small_disk / "round", "-q", "--lang", "en")
    one_line(result, "round", "Read-only file system")
    result = run("assess", EXAMPLE, "-o", small_disk / "report.json", "-f", "json")
    one_line(result, "report.json", "Read-only file system")
