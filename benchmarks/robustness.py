"""Speed of the robustness analysis (``--robustness``, ``hallbarhet robustness``).

Generates a round of N synthetic applications (default 500) for a bundled criteria set
(the generator of ``benchmarks/batch.py``), scores it once with ``hallbarhet batch`` and
then measures, for D draws of the weights (default 10,000):

1. the analysis itself, in this process: reading ``results.jsonl`` and the Monte Carlo
   (draws, re-scoring, ranking, funding line, counts), against the target of 5 s;
2. ``hallbarhet robustness RESULTS --draws D`` end to end (start-up, reading, analysis,
   writing robustness.json and robustness.csv);
3. ``hallbarhet batch ... --robustness`` against the same batch without it.

The machine is shared and noisy, so nothing here passes or fails; it prints figures from
one run.

    python benchmarks/robustness.py [--applications N] [--draws D] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from batch import SET_ID, answer, application, command, machine

from hallbarhet_cli.applications.loading import application_from_document
from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.files.yamlload import Document
from hallbarhet_cli.robustness.limits import DEFAULT_SEED
from hallbarhet_cli.robustness.report import analyse_round
from hallbarhet_cli.robustness.round import read_results
from hallbarhet_cli.scoring.engine import assess

TARGET_SECONDS = 5.0


def decided_round(path: Path, count: int, seed: int = 2026) -> None:
    """``count`` synthetic applications in a JSON Lines file, each complete and clear of
    exclusions, so that all of them are sustainability-proofed or not: the applications
    whose verdict and rank the weights can move. Generated as in ``batch.py``, then
    completed (missing answers given, every manual criterion scored, review gates cleared)
    and kept only when no exclusion gate fires."""
    library = CriteriaLibrary()
    criteria = library.resolve(SET_ID, Where("benchmark"))
    questions = {q.id: q for q in criteria.questions}
    manual = [c.id for c in criteria.criteria if c.manual is not None]
    reviews = [g.id for g in criteria.gates if g.effect == "review"]
    rng = random.Random(seed)
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        n = 0
        while written < count:
            n += 1
            data = application(rng, n, list(questions.values()), manual)
            data["review"]["scores"] = {c: {"points": rng.randint(1, 3)} for c in manual}
            data["review"]["cleared"] = reviews
            for _ in range(5):
                document = Document("benchmark", data, {(): (1, 1)})
                loaded = application_from_document(document, Path.cwd(), library)
                result = assess(loaded.criteria, loaded.model, loaded.answers)
                if result.verdict.value in ("pass", "fail"):
                    break
                for missing in result.missing:
                    question = questions[missing.question]
                    while (value := answer(rng, question)) is None:
                        pass
                    data["answers"][missing.question] = value
                for gate in result.gates:
                    for question_id, value in gate.answers:
                        if isinstance(value, bool):
                            data["answers"][question_id] = not value
            else:
                continue
            handle.write(json.dumps(data, ensure_ascii=False) + "\n")
            written += 1


def timed(args: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, of the command and the children it waits
    for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=500)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--keep", type=Path)
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="hallbarhet-robustness-"))
    folder.mkdir(parents=True, exist_ok=True)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    jsonl = folder / "round.jsonl"
    decided_round(jsonl, options.applications)
    results = folder / "results"
    batch = [*command(), str(jsonl), "--jobs", "2", "-q"]
    timed([*batch, "-o", str(results)])
    summary = json.loads((results / "summary.json").read_text(encoding="utf-8"))
    verdicts = {v["verdict"]: v for v in summary["verdicts"]}
    # Money for about half of what the sustainability-proofed applications ask for.
    budget = str(round(verdicts["pass"]["requested_sek"] / 2))
    batch += ["--budget", budget]
    plain = timed([*batch, "-o", str(folder / "plain")])
    with_analysis = timed(
        [*batch, "-o", str(folder / "with"), "--robustness", "--draws", str(options.draws)]
    )

    start = time.perf_counter()
    round_ = read_results(folder / "plain")
    read = time.perf_counter() - start
    start, cpu_start = time.perf_counter(), time.process_time()
    section = analyse_round(round_, options.draws, DEFAULT_SEED, float(budget))
    analysis = time.perf_counter() - start
    analysis_cpu = time.process_time() - cpu_start
    executable = command()[0]
    standalone = timed(
        [executable, "robustness", str(folder / "plain"), "--draws", str(options.draws), "-q"]
    )

    n = len(round_.entries)
    cells = n * options.draws
    print(machine())
    print(
        f"{n} assessed applications ({verdicts['pass']['count']} sustainability-proofed, "
        f"{verdicts['fail']['count']} not), {options.draws:,} draws, "
        f"budget {int(budget):,} SEK"
    )
    print(f"contested decisions: {section['contested']} of {n}")
    print(f"reading results.jsonl:            {read:6.2f} s")
    print(f"load average at the start:         {load}")
    print(
        f"analysis (draws, scores, ranks):   {analysis:6.2f} s wall, {analysis_cpu:6.2f} s CPU; "
        f"ratio to the {TARGET_SECONDS:.0f} s target {analysis / TARGET_SECONDS:.2f} "
        f"(CPU {analysis_cpu / TARGET_SECONDS:.2f}); "
        f"{cells / analysis / 1e6:.1f} million re-scored applications per second"
    )
    print(
        f"hallbarhet robustness, end to end: {standalone[0]:6.2f} s wall, "
        f"{standalone[1]:6.2f} s CPU; ratio to the target {standalone[0] / TARGET_SECONDS:.2f} "
        f"(CPU {standalone[1] / TARGET_SECONDS:.2f})"
    )
    # Wall time only: the batch's workers are not its children (a forkserver starts
    # them), so their CPU time is not counted here.
    print(
        f"hallbarhet batch:                  {plain[0]:6.2f} s wall; with --robustness "
        f"{with_analysis[0]:6.2f} s wall (ratio {with_analysis[0] / plain[0]:.2f})"
    )
    if options.keep is None:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
