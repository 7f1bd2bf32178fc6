"""Start-up figures: the commands a user runs often, each against ``python -c pass``.

Prints the CPU time (user + system of the child process, which other work on a shared
machine disturbs less than the wall time) and the wall time of each command, as medians
and as ratios to ``python -c pass`` from the same run. Nothing here passes or fails.
Targets: ``assess`` to the terminal within 10x and an HTML report within 12x
``python -c pass`` in CPU time; ``--version`` within 7x.

Each command runs once untimed first, so that Python has written the bytecode of an
editable install (an installed wheel has it from the start) even when the environment
sets ``PYTHONDONTWRITEBYTECODE``.

    python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE: Final = ROOT / "examples" / "solcellspark-alvesta.yaml"
TARGETS: Final = {"assess (text)": 10.0, "assess (html)": 12.0, "--version": 7.0}


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    return env


def measure(command: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """Median CPU seconds (user + system of the child) and median wall seconds."""
    env = environment()
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(child.pid, 0)
        wall.append(time.perf_counter() - start)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} exited with {child.returncode}")
        cpu.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(cpu), statistics.median(wall)


def commands(exe: str, scratch: Path) -> dict[str, list[str]]:
    app = str(EXAMPLE)
    return {
        "--version": [exe, "--version"],
        "assess (text)": [exe, "assess", app],
        "assess (json)": [exe, "assess", app, "-f", "json"],
        "assess (md)": [exe, "assess", app, "-f", "md"],
        "assess (html)": [exe, "assess", app, "-f", "html", "-o", str(scratch / "r.html")],
        "validate (one file)": [exe, "validate", app],
        "criteria list": [exe, "criteria", "list"],
        "new": [
            exe,
            "new",
            "-c",
            "kronoberg-projektmedel",
            "-o",
            str(scratch / "new.yaml"),
            "--force",
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs of each command")
    args = parser.parse_args()
    exe = shutil.which("hallbarhet")
    if exe is None:
        sys.exit("hallbarhet is not installed in this environment")
    runs = max(1, args.runs)
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        table = commands(exe, scratch)
        for command in table.values():
            measure(command, 1, ROOT)  # bytecode written, caches warm
        base_cpu, base_wall = measure([sys.executable, "-c", "pass"], runs * 2, ROOT)
        print(
            f"{'python -c pass':33} {base_cpu * 1000:7.1f} ms CPU"
            f"          {base_wall * 1000:7.1f} ms wall"
        )
        for name, command in table.items():
            cpu, wall = measure(command, runs, ROOT)
            target = TARGETS.get(name)
            note = f"  (target <= {target:g}x CPU)" if target else ""
            print(
                f"hallbarhet {name:22} {cpu * 1000:7.1f} ms CPU {cpu / base_cpu:5.1f}x"
                f"   {wall * 1000:7.1f} ms wall {wall / base_wall:5.1f}x{note}"
            )


if __name__ == "__main__":
    main()
