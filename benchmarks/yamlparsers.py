"""Compiled YAML parsers against our loader: speed on generated applications, and the
values each gives for inputs where our loader has a rule (YAML 1.2 core schema, duplicate
keys, tags, dates, keys that are not text, several documents, control characters).

Candidates are not dependencies: install the ones to compare into a folder of their own
and put it on the path, for example

    pip install --target /tmp/yamlparsers yaml-rs ryaml rapidyaml
    PYTHONPATH=/tmp/yamlparsers python benchmarks/yamlparsers.py --files 1000

A candidate that is not installed is left out. Every line where a candidate's value
differs from ours is marked ``!!`` (both refusing an input counts as the same: the
located error would come from reading the file again with our loader); one such line is
a behaviour the candidate would change. See the batch section of benchmarks/README.md
for what was found.
"""

from __future__ import annotations

import argparse
import importlib
import math
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from hallbarhet_cli.files.yamlload import LoadError, parse_text

CASES = (
    "a: yes",
    "a: 1_000",
    "a: 0777",
    "a: 0b101",
    "a: +0x1",
    "a: -0o7",
    "a: 0X1",
    "a: 1e400",
    "a: 12345678901234567890123",
    "a: 2026-01-15",
    "a: '2026-01-15'",
    "a: 2026-02-30",
    "a: 2026-01-15T12:00:00Z",
    "1: x",
    "true: x",
    "~: x",
    "? [a]\n: b",
    "a: 1\na: 2",
    "a: !!python/object:os.system x",
    "a: !foo x",
    "a: !!binary aGVsbG8=",
    "a: &x [1]\nb: *x",
    "---\na: 1\n---\nb: 2",
    "# only a comment\n",
    'a: "\x07"',
    "a: x\x85y",
    'a: "a\u0301"',
)


def _candidates() -> dict[str, Callable[[str], Any]]:
    found: dict[str, Callable[[str], Any]] = {}
    try:
        yaml_rs: Any = importlib.import_module("yaml_rs")
        policy = yaml_rs.DuplicateKeyPolicy.Error
        found["yaml-rs"] = lambda text: yaml_rs.loads(text, duplicate_key_policy=policy)
    except ImportError:
        pass
    try:
        ryaml: Any = importlib.import_module("ryaml")
        found["ryaml"] = ryaml.loads
    except ImportError:
        pass
    try:
        ryml: Any = importlib.import_module("ryml")
        # Only a tree of text: ryml has no conversion to Python values.
        found["rapidyaml (tree only)"] = lambda text: ryml.parse_in_arena(text.encode())
    except ImportError:
        pass
    return found


def _ours(text: str) -> Any:
    return parse_text(text, "input.yaml").data


def _outcome(load: Callable[[str], Any], text: str) -> str:
    try:
        return repr(load(text))
    except LoadError as err:
        return f"error {err.problem.rule}"
    except Exception as err:  # a candidate's own error type
        return f"error ({type(err).__name__})"


def _speed(load: Callable[[str], Any], texts: list[str]) -> float:
    """Milliseconds of CPU per file, the best of three rounds."""
    best = math.inf
    for _ in range(3):
        start = time.process_time()
        for text in texts:
            load(text)
        best = min(best, time.process_time() - start)
    return 1000 * best / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    candidates = _candidates()
    from batch import generate  # the generator of benchmarks/batch.py

    with tempfile.TemporaryDirectory() as folder:
        round_dir = generate(Path(folder), args.files, 0)
        texts = [p.read_text(encoding="utf-8") for p in sorted(round_dir.glob("*.yaml"))]
    print(f"ms of CPU per file, {len(texts)} generated applications:")
    floor = _speed(lambda text: yaml.load(text, yaml.CSafeLoader), texts)
    print(f"  {'PyYAML CSafeLoader':24s} {floor:.3f}")
    print(f"  {'ours (yamlload)':24s} {_speed(_ours, texts):.3f}")
    for name, load in candidates.items():
        print(f"  {name:24s} {_speed(load, texts):.3f}")
    for name, load in candidates.items():
        if "tree only" in name:
            continue
        print(f"\n{name} against ours:")
        for case in CASES:
            ours, theirs = _outcome(_ours, case), _outcome(load, case)
            # Both refusing is fine: our loader would then read the file again for the error.
            both_refuse = ours.startswith("error") and theirs.startswith("error")
            mark = "  " if ours == theirs or both_refuse else "!!"
            print(f"{mark} {case!r:38} ours {ours:34} {name} {theirs}")


if __name__ == "__main__":
    main()
