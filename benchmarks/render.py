"""Render time of one HTML report after start-up, against the 50 ms target.

For each example application: load, assess and build the view once (not timed), render
the report once (printed as "first"), then time ``--runs`` more renders and print the
median and its ratio to 50 ms. Importing Jinja is timed on its own (it is start-up). The
very first render in the process also loads the compiled templates (from Jinja's bytecode
cache when a previous run filled it, else it compiles them) and Babel's locale data; it is
printed on its own as the first render. The machine is shared and noisy, so nothing here
passes or fails.

    python benchmarks/render.py [--runs N] [--lang sv|en] [--format html|md]
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import time
from pathlib import Path

from hallbarhet_cli.applications.loading import load_application
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.reporters import REPORTERS
from hallbarhet_cli.reporters.views import assessment_view
from hallbarhet_cli.scoring.engine import assess

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 0.050


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--lang", choices=["sv", "en"], default="sv")
    parser.add_argument("--format", choices=["html", "md"], default="html")
    args = parser.parse_args()
    reporter = REPORTERS[args.format]
    start = time.perf_counter()
    importlib.import_module("hallbarhet_cli.reporters.documents")
    imported = time.perf_counter() - start
    library = CriteriaLibrary()
    medians = []
    cold = None
    print(f"{args.format} report, {args.lang}, median of {args.runs} renders after a first one")
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        loaded = load_application(path, library, None)
        view = assessment_view(
            assess(loaded.criteria, loaded.model, loaded.answers), loaded, args.lang
        )
        start = time.perf_counter()
        size = len(reporter(view, args.lang, False))
        first = time.perf_counter() - start
        cold = first if cold is None else cold
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            reporter(view, args.lang, False)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        medians.append(median)
        print(
            f"{path.stem:32} {median * 1000:6.1f} ms   ratio {median / TARGET_SECONDS:4.2f}"
            f"   first {first * 1000:6.1f} ms   {size / 1024:5.1f} KiB"
        )
    worst = max(medians)
    print(
        f"{'slowest':32} {worst * 1000:6.1f} ms   ratio {worst / TARGET_SECONDS:4.2f}"
        "   (target < 50 ms, ratio < 1)"
    )
    print(f"{'first render in this process':32} {(cold or 0) * 1000:6.1f} ms")
    print(f"{'importing Jinja (start-up)':32} {imported * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
