"""A batch stopped by a signal, at any moment, leaves nothing behind: no files in the
output folder, no traceback, and no process — forkserver, resource tracker or worker —
running after the main process has gone.

Each test stops the run at a known moment: ``HALLBARHET_TEST_PAUSE_AT`` makes the main
process say ``paused at MOMENT`` on standard error and wait there, and the test sends its
signal only after reading that line. No test guesses how long anything takes, so a
loaded machine makes them slower, never wrong.

Ctrl-C in a terminal reaches every process in the foreground group, workers included;
``os.killpg`` on a run started in its own session does the same here.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.acceptance.conftest import EXAMPLES, executable

MOMENTS = ("before-pool", "workers-starting", "running", "writing")
# (signal, sent to the whole process group as a terminal does)
STOPS = {
    "ctrl-c": (signal.SIGINT, True),
    "sigint": (signal.SIGINT, False),
    "sigterm": (signal.SIGTERM, False),
    "sigterm-group": (signal.SIGTERM, True),
    "sighup": (signal.SIGHUP, False),
}
# More applications than a round that is assessed in the main process, so workers start.
APPLICATIONS = 400


@pytest.fixture(scope="module")
def round_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = yaml.safe_load((EXAMPLES / "solcellspark-alvesta.yaml").read_text("utf-8"))
    path = tmp_path_factory.mktemp("round") / "round.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(APPLICATIONS):
            handle.write(json.dumps({**source, "id": f"SIG-{n:04d}"}, default=str) + "\n")
    return path


def processes_with(token: str) -> list[str]:
    """The processes whose environment holds ``token``: the run and everything it
    started, wherever they were reparented to."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if token.encode() in (entry / "environ").read_bytes():
                found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:  # gone meanwhile, or a zombie
            continue
    return found


class PausedRun:
    """``hallbarhet batch`` started with a pause at ``moment``, waiting for a signal."""

    def __init__(self, round_file: Path, out: Path, moment: str, group: bool) -> None:
        self.token = f"hallbarhet-signal-test-{uuid.uuid4().hex}"
        self.out = out
        environment = {k: v for k, v in os.environ.items() if not k.startswith("HALLBARHET_")}
        environment.update({"HALLBARHET_TEST_PAUSE_AT": moment, "SIGNAL_TEST_TOKEN": self.token})
        self.process = subprocess.Popen(
            [executable(), "batch", str(round_file), "-o", str(out), "-j", "2", "-q"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=group,
        )
        assert self.process.stderr is not None
        line = self.process.stderr.readline()  # blocks until the run is at the moment
        assert line.strip() == f"hallbarhet: paused at {moment}", line

    def stop(self, signum: int, group: bool) -> tuple[int, str]:
        if group:
            os.killpg(self.process.pid, signum)
        else:
            self.process.send_signal(signum)
        assert self.process.stderr is not None
        rest = self.process.stderr.read()
        return self.process.wait(timeout=120), rest

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()


@pytest.fixture
def started(round_file: Path, tmp_path: Path) -> Iterator[list[PausedRun]]:
    runs: list[PausedRun] = []
    yield runs
    for run in runs:
        run.close()


@pytest.mark.parametrize("stop", sorted(STOPS))
@pytest.mark.parametrize("moment", MOMENTS)
def test_a_signal_at_any_moment_leaves_nothing_behind(
    round_file: Path, tmp_path: Path, started: list[PausedRun], moment: str, stop: str
) -> None:
    signum, group = STOPS[stop]
    run = PausedRun(round_file, tmp_path / "out", moment, group)
    started.append(run)
    code, stderr = run.stop(signum, group)
    assert code == 128 + signum, stderr
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert stderr.strip().splitlines() == ["hallbarhet: Avbrutet; inga resultat skrevs."]
    assert not run.out.exists(), sorted(p.name for p in run.out.iterdir())
    # The main process has been waited for: nothing it started may still be running.
    assert processes_with(run.token) == []


@pytest.mark.parametrize("moment", ("workers-starting", "running"))
def test_no_process_outlives_a_killed_batch(
    round_file: Path, tmp_path: Path, started: list[PausedRun], moment: str
) -> None:
    """SIGKILL cannot be handled: the forkserver and the workers die with their parent
    all the same (the staging folder stays; nothing can remove it)."""
    run = PausedRun(round_file, tmp_path / "out", moment, False)
    started.append(run)
    code, _ = run.stop(signal.SIGKILL, False)
    assert code == -signal.SIGKILL
    # The system delivers the death of a parent at once, but a loaded machine may take
    # a moment to schedule the children's exit: wait for it, within a generous bound.
    deadline = time.monotonic() + 30
    while processes_with(run.token) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_with(run.token) == []
    assert not (run.out / "results.csv").exists()
