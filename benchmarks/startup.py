"""Start-up figures: ``hallbarhet --version`` and one ``assess`` against ``python -c pass``.

Prints ratios from one run; the machine is shared and noisy, so nothing here passes or
fails. Targets: ``--version`` within 7x of ``python -c pass``; ``assess`` of one
application to the terminal well under half a second.

    python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    exe = shutil.which("hallbarhet")
    if exe is None:
        sys.exit("hallbarhet is not installed in this environment")
    example = next(iter(sorted((ROOT / "examples").glob("*.yaml"))))
    baseline = median_seconds([sys.executable, "-c", "pass"], args.runs)
    version = median_seconds([exe, "--version"], args.runs)
    assess = median_seconds([exe, "assess", str(example)], max(3, args.runs // 2))
    print(f"python -c pass           {baseline * 1000:7.1f} ms")
    print(
        f"hallbarhet --version     {version * 1000:7.1f} ms   ratio {version / baseline:4.1f}x"
        "  (target <= 7x)"
    )
    print(
        f"hallbarhet assess (text) {assess * 1000:7.1f} ms   ratio {assess / baseline:4.1f}x"
        "  (target well under 500 ms)"
    )


if __name__ == "__main__":
    main()
