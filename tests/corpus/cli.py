"""Running the installed ``hallbarhet`` command on adversarial input, many at a time.

Each run is bounded: a wall-clock timeout (so a hang fails the test instead of stalling
the suite; it is a guard, not a speed threshold) and, on POSIX, a cap on the address
space (so a memory blow-up fails as a crash of that run instead of taking the machine
down). Runs are independent processes, so they go through a thread pool in parallel.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TypeVar

TIMEOUT_SECONDS: Final = 30
MEMORY_LIMIT_KB: Final = 1024 * 1024
SOURCE_DATE_EPOCH: Final = "1767225600"

# ``file:line:col: error [rule] message`` or ``file: warning [rule] message``.
PROBLEM_LINE: Final = re.compile(
    r"^(?P<file>.+?)(?::(?P<line>\d+):(?P<column>\d+))?: "
    r"(?P<severity>error|warning) \[(?P<rule>[a-z0-9-]+)\] (?P<message>.*)$"
)

K = TypeVar("K")


def executable() -> str:
    """The installed ``hallbarhet`` beside this Python, or on ``PATH``."""
    beside = Path(sys.executable).with_name("hallbarhet")
    found = str(beside) if beside.exists() else shutil.which("hallbarhet")
    if found is None:
        raise RuntimeError("the hallbarhet command is not installed in this environment")
    return found


@dataclass(frozen=True)
class Outcome:
    """What one run did. ``returncode`` is ``None`` when the run hit the timeout."""

    args: tuple[str, ...]
    returncode: int | None
    stdout: str
    stderr: str

    @property
    def timed_out(self) -> bool:
        return self.returncode is None

    def describe(self) -> str:
        """The command, its exit and its output, for assertion messages."""
        status = "timed out" if self.timed_out else f"exit {self.returncode}"
        command = " ".join(self.args)
        if len(command) > 300:
            command = command[:300] + f"... ({len(self.args)} arguments)"
        return (
            f"$ hallbarhet {command}\n({status})\n"
            f"--- stdout ---\n{self.stdout[-3000:]}\n--- stderr ---\n{self.stderr[-3000:]}"
        )


@dataclass(frozen=True)
class Job:
    """One ``hallbarhet`` run to make."""

    args: tuple[str, ...]
    cwd: Path
    env: Mapping[str, str] | None = None


def environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The caller's environment without ``HALLBARHET_*``, with a fixed timestamp."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HALLBARHET_")}
    env.update({"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "COLUMNS": "120"})
    env.update(extra or {})
    return env


def _command(args: Sequence[str]) -> list[str]:
    command = [executable(), *args]
    if os.name == "posix" and Path("/bin/sh").exists():
        # ulimit in a shell that then execs: safe to start from many threads at once,
        # which preexec_fn is not.
        return ["/bin/sh", "-c", f'ulimit -v {MEMORY_LIMIT_KB} && exec "$0" "$@"', *command]
    return command


def run(job: Job) -> Outcome:
    """Run one job to completion or to the timeout."""
    try:
        done = subprocess.run(
            _command(job.args),
            cwd=job.cwd,
            env=environment(job.env),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        return Outcome(job.args, None, _text(err.stdout), _text(err.stderr))
    return Outcome(job.args, done.returncode, done.stdout, done.stderr)


def _text(data: bytes | str | None) -> str:
    if isinstance(data, bytes):
        return data.decode("utf-8", errors="replace")
    return data or ""


def run_all(jobs: Mapping[K, Job]) -> dict[K, Outcome]:
    """Run every job, several at a time; the outcomes keyed as the jobs are."""
    workers = max(2, min(8, (os.cpu_count() or 2) + 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {key: pool.submit(run, job) for key, job in jobs.items()}
        return {key: future.result() for key, future in futures.items()}


@dataclass(frozen=True)
class Reported:
    """One problem as the command reported it."""

    file: str
    line: int | None
    column: int | None
    severity: str
    rule: str
    message: str


def problems_in(text: str) -> list[Reported]:
    """The problem lines in ``text`` (standard error of ``assess``, text of ``validate``)."""
    found = []
    for row in text.splitlines():
        match = PROBLEM_LINE.match(row)
        if match:
            line, column = match["line"], match["column"]
            found.append(
                Reported(
                    match["file"],
                    int(line) if line else None,
                    int(column) if column else None,
                    match["severity"],
                    match["rule"],
                    match["message"],
                )
            )
    return found
