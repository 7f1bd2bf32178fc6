"""Each limit on what one file may make ``hallbarhet`` do gives a clear message that names
the environment variable raising it, and raising it lets a legitimately large input
through: a 20 MB application, a condition nested 100 deep, a criteria set whose shared
option list expands to 300,000 values."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from hallbarhet_cli.checks.checking import UNREADABLE
from tests.corpus.cases import BASE_APPLICATION, output_faults, run_faults
from tests.corpus.cli import Job, Outcome, problems_in, run_all
from tests.corpus.generated import APPLICATION, BIG_FILE_MB, CRITERIA_SET

NESTED = 100
QUESTIONS = 300
OPTIONS = 200


def big_application() -> str:
    """A valid application whose summary (an export of a long project description)
    makes the file 20 MB."""
    paragraph = "  " + "Projektet bygger en solcellspark och sprider erfarenheterna. " * 4 + "\n"
    count = (BIG_FILE_MB << 20) // len(paragraph) + 1
    return APPLICATION + "summary: |\n" + paragraph * count


def nested_criteria(depth: int) -> str:
    """The corpus's criteria set with a level condition ``depth`` ``not`` deep."""
    condition = "{not: " * depth + "{question: jobs, ge: 5}" + "}" * depth
    return CRITERIA_SET.replace(
        "{points: 2, when: {question: jobs, ge: 5}}", f"{{points: 2, when: {condition}}}"
    )


def shared_options_criteria() -> str:
    """A criteria set whose questions share one long option list through an alias (a
    list of municipalities, say): small to write, many values once expanded."""
    options = "".join(
        f"      - {{value: k{i:03}, label: {{sv: Kommun {i}, en: Municipality {i}}}}}\n"
        for i in range(OPTIONS)
    )
    questions = "".join(
        f"  - {{id: q{i:03}, type: choice, label: Fråga {i}, options: *kommuner}}\n"
        for i in range(1, QUESTIONS)
    )
    first = "  - id: q000\n    type: choice\n    label: Fråga 0\n    options: &kommuner\n"
    return CRITERIA_SET.replace("questions:\n", "questions:\n" + first + options + questions, 1)


@dataclass(frozen=True)
class Limit:
    variable: str
    rule: str
    raised: str


FILE_SIZE = Limit("HALLBARHET_MAX_FILE_MB", "file-too-large", "64")
DEPTH = Limit("HALLBARHET_MAX_DEPTH", "too-deep", "200")
VALUES = Limit("HALLBARHET_MAX_VALUES", "too-many-values", "1000000")


@dataclass(frozen=True)
class LimitRuns:
    outcomes: dict[str, Outcome]
    big_report: Path

    def __getitem__(self, name: str) -> Outcome:
        return self.outcomes[name]


@pytest.fixture(scope="module")
def limits(tmp_path_factory: pytest.TempPathFactory) -> LimitRuns:
    """Every run of this module, made in parallel."""
    folder = tmp_path_factory.mktemp("limits")
    big = folder / "stor-ansokan.yaml"
    big.write_text(big_application(), encoding="utf-8")
    nested = folder / "djup-uppsattning.yaml"
    nested.write_text(nested_criteria(NESTED), encoding="utf-8")
    deeper = folder / "djupare-uppsattning.yaml"
    deeper.write_text(nested_criteria(600), encoding="utf-8")
    shared = folder / "delade-alternativ.yaml"
    shared.write_text(shared_options_criteria(), encoding="utf-8")
    out = folder / "out"
    out.mkdir()

    def raised(limit: Limit, value: str | None = None) -> dict[str, str]:
        return {limit.variable: value or limit.raised}

    validate = ("validate", "--lang", "en", "--format", "json")
    jobs = {
        "size-default": Job(("assess", "--lang", "en", str(big)), folder),
        "size-raised": Job(
            ("assess", str(big), "-f", "json", "-o", str(out / "big.json")),
            folder,
            raised(FILE_SIZE),
        ),
        "depth-default": Job((*validate, str(nested)), folder),
        "depth-raised": Job((*validate, str(nested)), folder, raised(DEPTH)),
        "depth-raised-assess": Job(
            ("assess", str(BASE_APPLICATION), "--criteria", str(nested), "-f", "json"),
            folder,
            raised(DEPTH),
        ),
        "depth-far": Job((*validate, str(deeper)), folder, raised(DEPTH, "1000")),
        "values-default": Job((*validate, str(shared)), folder),
        "values-raised": Job((*validate, str(shared)), folder, raised(VALUES)),
    }
    return LimitRuns(run_all(jobs), out / "big.json")


def refused(outcome: Outcome, limit: Limit) -> str:
    """The message of the problem that refuses the input for ``limit``."""
    assert not run_faults(outcome), outcome.describe()
    if outcome.args[0] == "assess":
        assert outcome.returncode == 2 and not output_faults(outcome), outcome.describe()
        messages = [p.message for p in problems_in(outcome.stderr) if p.rule == limit.rule]
    else:
        # A file too large to read is unreadable input (exit 2); the others are findings.
        assert outcome.returncode == (2 if limit.rule in UNREADABLE else 1), outcome.describe()
        payload = json.loads(outcome.stdout)
        messages = [
            p["message"] for f in payload["files"] for p in f["problems"] if p["rule"] == limit.rule
        ]
    assert messages, outcome.describe()
    return messages[0]


def accepted(outcome: Outcome) -> None:
    assert outcome.returncode == 0 and not run_faults(outcome), outcome.describe()


@pytest.mark.parametrize(
    ("run", "limit"),
    [("size-default", FILE_SIZE), ("depth-default", DEPTH), ("values-default", VALUES)],
)
def test_a_limit_names_the_variable_that_raises_it(
    limits: LimitRuns, run: str, limit: Limit
) -> None:
    assert limit.variable in refused(limits[run], limit)


def test_a_larger_file_limit_lets_a_20_mb_application_through(
    limits: LimitRuns,
) -> None:
    accepted(limits["size-raised"])
    report = json.loads(limits.big_report.read_text("utf-8"))
    # nothing lost: the whole summary reaches the report, as YAML's literal block gives it
    summary = big_application().split("summary: |\n", 1)[1].replace("\n  ", "\n")[2:]
    assert report["application"]["summary"] == summary


def test_a_larger_depth_limit_lets_a_deeply_nested_condition_through(
    limits: LimitRuns,
) -> None:
    accepted(limits["depth-raised"])
    accepted(limits["depth-raised-assess"])
    assert json.loads(limits["depth-raised-assess"].stdout)["verdict"]


def test_a_larger_value_limit_lets_shared_option_lists_through(
    limits: LimitRuns,
) -> None:
    accepted(limits["values-raised"])


def test_a_raised_depth_limit_never_misstates_what_was_refused(
    limits: LimitRuns,
) -> None:
    """With the depth limit raised to 1,000, a condition 600 deep is either read, or
    refused with a problem that has a location and does not claim the file is nested
    more than 1,000 levels deep."""
    outcome = limits["depth-far"]
    assert not run_faults(outcome), outcome.describe()
    if outcome.returncode == 0:
        return
    problems = [p for f in json.loads(outcome.stdout)["files"] for p in f["problems"]]
    for problem in problems:
        assert problem["line"] is not None, problem
        assert not re.search(r"more than 1000 levels", problem["message"]), problem
