"""Validation speed: ``hallbarhet validate DIR`` against ``check-jsonschema`` validating the
same application files against the schema ``hallbarhet schema application`` exports.

Writes N applications for ``kronoberg-projektmedel`` (the bundled examples for that set,
varied) into a temporary folder and times one run of each command. The machine is shared
and noisy, so nothing here passes or fails; the target is a ratio below 1.

    python benchmarks/validate.py [-n N]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET_ID = "kronoberg-projektmedel"


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        sys.exit(f"{name} is not installed in this environment")
    return found


def write_applications(folder: Path, n: int) -> list[Path]:
    """``n`` valid applications: the set's examples with new ids, titles and amounts."""
    sources = [
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "examples").glob("*.yaml"))
        if f"criteria: {SET_ID}\n" in p.read_text(encoding="utf-8")
    ]
    files = []
    for i in range(n):
        text = sources[i % len(sources)]
        text = re.sub(r"(?m)^id: .*$", f"id: BENCH-{i:05d}", text, count=1)
        text = re.sub(r"(?m)^title: (.*)$", rf"title: \1 ({i})", text, count=1)
        text = re.sub(r"(?m)^  ghg_change_t: .*$", f"  ghg_change_t: {-(i % 300)}", text)
        path = folder / f"app-{i:05d}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{command[0]} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="number of application files")
    args = parser.parse_args()
    hallbarhet, checker = tool("hallbarhet"), tool("check-jsonschema")
    with tempfile.TemporaryDirectory(prefix="hallbarhet-bench-") as tmp:
        folder = Path(tmp) / "apps"
        folder.mkdir()
        files = write_applications(folder, args.n)
        schema = Path(tmp) / "schema.json"
        subprocess.run(
            [hallbarhet, "schema", "application", "--criteria", SET_ID, "-o", str(schema)],
            check=True,
        )
        ours = seconds([hallbarhet, "validate", str(folder)])
        theirs = seconds([checker, "--schemafile", str(schema), *map(str, files)])
    print(f"{args.n} application files for {SET_ID}")
    print(f"hallbarhet validate DIR     {ours:7.2f} s  {ours / args.n * 1000:6.2f} ms/file")
    print(f"check-jsonschema FILES...   {theirs:7.2f} s  {theirs / args.n * 1000:6.2f} ms/file")
    print(f"ratio hallbarhet / check-jsonschema: {ours / theirs:.2f}  (target < 1)")


if __name__ == "__main__":
    main()
