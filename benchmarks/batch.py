"""Batch throughput and streaming memory of ``hallbarhet batch``.

1. Writes N synthetic applications (default 10,000) for a bundled criteria set into a
   temporary folder, with varied answers, and compares the wall time of

       hallbarhet batch DIR --jobs 2 -f csv -f jsonl -f html

   (read, validate, score, write CSV + JSON Lines + summary.json + the HTML overview) with
   the time one process needs only to parse the same files with PyYAML's C loader
   (``yaml.load(f, Loader=yaml.CSafeLoader)``). Target: ratio <= 1.0.

2. Writes M applications (default 200,000) as one JSON Lines file and runs the same
   command on it, sampling the memory of the whole process tree (the command and its
   workers) from /proc every 50 ms. Target: peak <= 300 MB. Reported: the peak of the
   summed RSS (pages shared between processes counted in each), the peak of the summed
   PSS (shared pages divided among the processes that share them: the memory the batch
   really takes), and the largest single process's peak RSS from ``getrusage``.

The machine is shared and noisy, so nothing here passes or fails; it prints figures from
one run. Use ``--files`` and ``--jsonl`` for a quicker run.

    python benchmarks/batch.py [--files N] [--jsonl M] [--jobs J] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from hallbarhet_cli.criteria.library import CriteriaLibrary, Where

SET_ID = "kronoberg-projektmedel"
WORDS = [
    "projektet",
    "kommunen",
    "analysen",
    "visar",
    "att",
    "deltagarna",
    "följer",
    "upp",
    "resultaten",
    "uppdelat",
    "på",
    "kön",
    "och",
    "ålder",
    "samverkan",
    "med",
    "företag",
    "och",
    "civilsamhälle",
    "minskar",
    "utsläppen",
    "genom",
    "återbruk",
    "grön",
    "upphandling",
    "och",
    "energieffektivisering",
    "i",
    "länets",
    "mindre",
    "orter",
    "under",
    "projekttiden",
]


def text(rng: random.Random, low: int, high: int) -> str:
    words: list[str] = []
    target = rng.randint(low, high)
    while sum(len(w) + 1 for w in words) < target:
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def answer(rng: random.Random, question: Any) -> Any:
    """A plausible answer; now and then none, so that some applications are incomplete."""
    if question.required and rng.random() < 0.02:
        return None
    kind = question.type
    if kind == "boolean":
        return rng.random() < (0.03 if question.id == "fossil_fuel_activity" else 0.4)
    if kind in ("number", "integer"):
        low = question.min if question.min is not None else -100
        high = question.max if question.max is not None else 100
        low, high = max(low, -500), min(high, 500)
        value = rng.uniform(low, high)
        return round(value) if kind == "integer" else round(value, 1)
    if kind == "choice":
        return rng.choice(question.option_values())
    if kind == "multichoice":
        options = question.option_values()
        return rng.sample(options, rng.randint(1, min(3, len(options))))
    if kind == "date":
        return f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    minimum = question.min_length or 0
    return text(rng, minimum + 10, minimum + 300)


def application(
    rng: random.Random, n: int, questions: list[Any], manual: list[str]
) -> dict[str, Any]:
    requested = rng.randrange(200_000, 6_000_000, 10_000)
    return {
        "kind": "application",
        "id": f"BENCH-{n:06d}",
        "criteria": SET_ID,
        "type": "project",
        "title": f"Syntetiskt projekt {n}: {text(rng, 20, 60)}",
        "applicant": {"name": f"Sökande {n % 997} AB", "sector": rng.choice(["public", "company"])},
        "budget": {"total_sek": requested * 2, "requested_sek": requested},
        "period": {"start": "2026-09-01", "end": "2028-08-31"},
        "summary": text(rng, 300, 900),
        "answers": {q.id: a for q in questions if (a := answer(rng, q)) is not None},
        "review": {
            "officer": "Benchmark",
            "scores": {c: {"points": rng.randint(0, 3)} for c in manual if rng.random() < 0.9},
        },
    }


def generate(folder: Path, files: int, jsonl: int, seed: int = 2026) -> Path:
    """``files`` YAML files in ``folder/round`` and ``jsonl`` lines in ``folder/round.jsonl``."""
    criteria = CriteriaLibrary().resolve(SET_ID, Where("benchmark"))
    questions = list(criteria.questions)
    manual = [c.id for c in criteria.criteria if c.manual is not None]
    rng = random.Random(seed)
    round_dir = folder / "round"
    round_dir.mkdir(parents=True, exist_ok=True)
    for n in range(files):
        data = application(rng, n, questions, manual)
        with (round_dir / f"app-{n:06d}.yaml").open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    path = folder / "round.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(jsonl):
            handle.write(json.dumps(application(rng, n, questions, manual), ensure_ascii=False))
            handle.write("\n")
    return round_dir


def parse_baseline(folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds one process needs to parse every YAML file with PyYAML's C
    loader (the better of three runs, as the machine may be busy)."""
    files = sorted(folder.glob("*.yaml"))
    best = (math.inf, math.inf)
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        for path in files:
            with path.open("rb") as handle:
                yaml.load(handle, Loader=yaml.CSafeLoader)
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


_PARSE_PART = """
import sys, yaml
from pathlib import Path
files = sorted(Path(sys.argv[1]).glob("*.yaml"))[int(sys.argv[2])::int(sys.argv[3])]
for path in files:
    with path.open("rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
"""


def parallel_parse(folder: Path, jobs: int) -> float:
    """Wall seconds ``jobs`` processes need to parse the files between them (each every
    ``jobs``-th file; the better of three runs): what this machine gives two busy
    processes, whatever they run."""
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        parts = [
            subprocess.Popen([sys.executable, "-c", _PARSE_PART, str(folder), str(i), str(jobs)])
            for i in range(jobs)
        ]
        for part in parts:
            part.wait()
        best = min(best, time.perf_counter() - start)
    return best


def command() -> list[str]:
    exe = Path(sys.executable).with_name("hallbarhet")
    found = str(exe) if exe.exists() else shutil.which("hallbarhet")
    if found is None:
        sys.exit("hallbarhet is not installed in this environment")
    return [found, "batch"]


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    return children


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (the workers are the forkserver's children)."""
    children = _children()
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def _sample(pid: int) -> tuple[int, int, float]:
    """(RSS kB, PSS kB, CPU seconds so far) of one process."""
    rss = pss = 0
    cpu = 0.0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        pass
    return rss, pss, cpu


@dataclass
class Measured:
    wall: float
    cpu: float  # CPU seconds of the whole process tree (sampled every 50 ms)
    rss_mb: float  # peak of the summed RSS of the tree
    pss_mb: float  # peak of the summed PSS of the tree
    largest_mb: float  # the largest single process's peak RSS


def run_batch(
    inputs: Path, out: Path, jobs: int, formats: tuple[str, ...] = ("csv", "jsonl", "html")
) -> Measured:
    """Run ``hallbarhet batch`` writing ``formats`` (and summary.json), sampling the
    memory and CPU time of the command and its workers."""
    args = [*command(), str(inputs), "-o", str(out), "--jobs", str(jobs), "-q"]
    for name in formats:
        args += ["-f", name]
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    peaks = [0, 0]
    cpu: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            rss = pss = 0
            for pid in _tree(process.pid):
                r, p, c = _sample(pid)
                rss, pss = rss + r, pss + p
                cpu[pid] = max(cpu.get(pid, 0.0), c)
            peaks[0], peaks[1] = max(peaks[0], rss), max(peaks[1], pss)
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    if code not in (0, 1):
        sys.exit(f"hallbarhet batch failed with exit code {code}")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return Measured(elapsed, sum(cpu.values()), peaks[0] / 1024, peaks[1] / 1024, largest)


def machine() -> str:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"nproc {os.cpu_count()}, {model}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000, help="YAML files (default 10,000)")
    parser.add_argument("--jsonl", type=int, default=200_000, help="JSON Lines (default 200,000)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="hallbarhet-bench-"))
    try:
        print(f"machine: {machine()}")
        start = time.perf_counter()
        round_dir = generate(folder, args.files, args.jsonl)
        size = sum(p.stat().st_size for p in round_dir.glob("*.yaml")) / max(1, args.files)
        print(
            f"generated {args.files} files (mean {size / 1024:.1f} KB) and {args.jsonl} "
            f"JSON lines in {time.perf_counter() - start:.0f} s"
        )
        if args.files:
            base_wall, base_cpu = parse_baseline(round_dir)
            cores = min(args.jobs, os.cpu_count() or 1)
            print(
                f"parse only (CSafeLoader, 1 process): {base_wall:.2f} s wall, {base_cpu:.2f} s CPU"
            )
            split = parallel_parse(round_dir, args.jobs)
            print(
                f"parse only, split over {args.jobs} processes: {split:.2f} s wall, "
                f"{base_wall / split:.2f}x the speed of one process (the most {args.jobs} "
                "jobs can gain on this machine now)"
            )
            for formats in (("csv", "jsonl", "html"), ("csv", "html")):
                load = os.getloadavg()[0]
                name = "+".join(formats)
                batch = run_batch(round_dir, folder / f"out-{name}", args.jobs, formats)
                print(
                    f"batch --jobs {args.jobs} ({name} + summary.json): {batch.wall:.2f} s wall, "
                    f"{batch.cpu:.2f} s CPU in all processes (load average before {load:.1f})"
                )
                print(
                    f"  ratio wall / wall {batch.wall / base_wall:5.2f} (target <= 1.0); "
                    f"on an idle machine (CPU / {cores} cores / CPU) "
                    f"{batch.cpu / cores / base_cpu:5.2f}"
                )
        if args.jsonl:
            streamed = run_batch(folder / "round.jsonl", folder / "out-jsonl", args.jobs)
            print(
                f"JSON Lines, {args.jsonl} applications: {streamed.wall:.0f} s wall, "
                f"{streamed.cpu:.0f} s CPU; peak memory of the process tree "
                f"{streamed.pss_mb:.0f} MB PSS ({streamed.rss_mb:.0f} MB summed RSS; "
                f"largest process {streamed.largest_mb:.0f} MB)  (target <= 300 MB)"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
