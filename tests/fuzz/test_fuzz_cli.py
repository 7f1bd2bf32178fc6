"""A few fuzz examples through the installed command, where exit codes and output are
what is checked: random applications through ``assess``, batches of random documents
through one ``validate`` run each."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Final

from hypothesis import given
from hypothesis import strategies as st

from hallbarhet_cli.checks.checking import UNREADABLE
from tests.corpus.cases import json_problems, output_faults, run_faults
from tests.corpus.cli import Job, run
from tests.fuzz.applications import RESOLVED, Generated, applications
from tests.fuzz.profiles import fuzz
from tests.fuzz.yamltext import yaml_documents

SET: Final = "kronoberg-foretagsstod"
DOCUMENTS_PER_RUN: Final = 20


@fuzz(0.06, shrink=False)
@given(applications(RESOLVED[SET], SET))
def test_assess_exits_0_for_a_valid_application_and_2_for_a_defect(
    generated: Generated,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ansokan.yaml"
        path.write_text(generated.text, encoding="utf-8")
        outcome = run(Job(("assess", str(path), "--format", "json", "--lang", "en"), Path(folder)))
    assert not output_faults(outcome), outcome.describe()
    if generated.defect is None:
        assert outcome.returncode == 0, outcome.describe()
        assert json.loads(outcome.stdout)["application"]["file"] == str(path)
    else:
        assert outcome.returncode == 2, outcome.describe()
        assert outcome.stdout == ""


@fuzz(0.04, shrink=False)
@given(st.lists(yaml_documents(), min_size=DOCUMENTS_PER_RUN, max_size=DOCUMENTS_PER_RUN))
def test_validate_checks_every_random_document_in_one_run(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, text in enumerate(texts):
            path = Path(folder) / f"dokument-{i:02}.yaml"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        outcome = run(
            Job(("validate", "--format", "json", "--lang", "en", *map(str, paths)), Path(folder))
        )
    assert outcome.returncode in (0, 1, 2) and not run_faults(outcome), outcome.describe()
    checked = json_problems(json.loads(outcome.stdout))
    assert sorted(checked) == sorted(map(str, paths))
    # Exit 2 says a file could not be read at all; every file is still checked and listed.
    unreadable = any(
        p.rule in UNREADABLE and p.severity == "error"
        for problems in checked.values()
        for p in problems
    )
    assert (outcome.returncode == 2) == unreadable, outcome.describe()
    for problems in checked.values():
        for problem in problems:
            assert problem.file and "\n" not in problem.message, problem
