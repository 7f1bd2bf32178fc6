"""Scoring alone: the engine's CPU time per application, in one process.

Loads the bundled example applications once and assesses each of them many times, so the
figure is the engine's own cost (forms, conditions, points, percents, verdict and
improvements), without parsing, checking or the view. Prints milliseconds per assessment
(the best of five runs, CPU time); run it on two checkouts to compare them:

    python benchmarks/scoring.py
    PYTHONPATH=/path/to/other/checkout/src python benchmarks/scoring.py
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from hallbarhet_cli.applications.loading import load_application
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.scoring.engine import assess

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300, help="times each example is scored")
    args = parser.parse_args()
    library = CriteriaLibrary()
    loaded = [load_application(path, library) for path in sorted(EXAMPLES.glob("*.yaml"))]
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for _ in range(args.rounds):
            for app in loaded:
                assess(app.criteria, app.model, app.answers)
        best = min(best, time.process_time() - start)
    per = best / (args.rounds * len(loaded)) * 1000
    print(f"{len(loaded)} applications × {args.rounds}: {per:.3f} ms CPU per assessment")


if __name__ == "__main__":
    main()
