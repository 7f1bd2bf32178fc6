"""What ``hallbarhet`` promises (README, "What hallbarhet promises"), tested through the
installed command where other tests do not already do it.

* the same inputs give the same output byte for byte;
* no output file is ever left half-written;
* nothing in an input file is ever executed or rendered as a template;
* exit codes mean what the README says: 0 done, 1 findings, 2 usage error or unreadable
  input, 3 internal error;
* no traceback reaches a user, but ``--debug`` shows one to a developer.

An internal error cannot be provoked safely from outside (every one we know of is a bug
about to be fixed), so :data:`FAULT` runs the real entry point in a child process with a
fault injected into the scoring engine.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Final

import pytest

from tests.acceptance.conftest import EXAMPLES, Run
from tests.corpus.cases import output_faults, run_faults
from tests.corpus.cli import Job, Outcome, environment, problems_in, run_all
from tests.corpus.generated import APPLICATION

EXAMPLE: Final = EXAMPLES / "solcellspark-alvesta.yaml"
TRACEBACK: Final = "Traceback (most recent call last)"
INTERNAL: Final = "Internal error"

# Runs ``hallbarhet`` (the console script's own entry point) with the scoring engine
# replaced: argv[1] says what it raises, the rest are the command's arguments.
FAULT: Final = """
import sys

import hallbarhet_cli.scoring.engine as engine

kind = sys.argv[1]


def broken(*args, **kwargs):
    if kind == "interrupt":
        raise KeyboardInterrupt
    raise RuntimeError("fault injected by the test")


engine.assess = broken
from hallbarhet_cli.__main__ import main

sys.argv = ["hallbarhet", *sys.argv[2:]]
main()
"""


def with_fault(kind: str, *args: str, env: dict[str, str] | None = None) -> Outcome:
    done = subprocess.run(
        [sys.executable, "-c", FAULT, kind, *args],
        env=environment(env),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return Outcome(tuple(args), done.returncode, done.stdout, done.stderr)


# --- the same inputs give the same output byte for byte ---------------------------------

FORMATS: Final = ["text", "json", "md", "html"] + (
    ["pdf"] if importlib.util.find_spec("weasyprint") else []
)
DOCUMENTS: Final = {"md", "html", "pdf"}
# What may differ between two runs without changing the inputs.
NOISE: Final = (
    {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8", "COLUMNS": "120"},
    {"PYTHONHASHSEED": "2", "TZ": "Pacific/Chatham", "LC_ALL": "C", "COLUMNS": "80"},
)


def test_the_same_inputs_give_the_same_output_byte_for_byte(tmp_path: Path) -> None:
    """Every report format and every validate format, twice, with a different hash seed,
    time zone, locale and terminal width: the files are identical."""
    bad = tmp_path / "trasig.yaml"
    bad.write_text(APPLICATION.replace("water_impact: managed", "water_impact: no"), "utf-8")
    jobs: dict[tuple[str, int], Job] = {}
    for i, noise in enumerate(NOISE):
        for fmt in FORMATS:
            out = tmp_path / f"{i}.{fmt}"
            # A document shows the time in the zone TZ names, so TZ is an input there.
            env = {**noise, "TZ": "Europe/Stockholm"} if fmt in DOCUMENTS else noise
            jobs[fmt, i] = Job(("assess", str(EXAMPLE), "-f", fmt, "-o", str(out)), tmp_path, env)
        for fmt in ("json", "junit", "sarif"):  # the formats with times, hosts and ids
            out = tmp_path / f"{i}.validate.{fmt}"
            args = ("validate", str(EXAMPLE), str(bad), "-f", fmt, "-o", str(out))
            jobs[f"validate-{fmt}", i] = Job(args, tmp_path, noise)
    outcomes = run_all(jobs)
    for outcome in outcomes.values():
        assert outcome.returncode in (0, 1) and not run_faults(outcome), outcome.describe()
    for name in {name for name, _ in jobs}:
        suffix = name.replace("validate-", "validate.")
        first, second = (tmp_path / f"{i}.{suffix}" for i in (0, 1))
        assert first.read_bytes() == second.read_bytes(), name


# --- no output file is ever left half-written ------------------------------------------


def test_a_failed_run_leaves_an_earlier_report_untouched(run: Run, tmp_path: Path) -> None:
    report = tmp_path / "rapport.json"
    assert run("assess", EXAMPLE, "-f", "json", "-o", report).returncode == 0
    before = report.read_bytes()
    bad = tmp_path / "trasig.yaml"
    bad.write_text(APPLICATION.replace("title:", "title: [", 1), encoding="utf-8")
    result = run("assess", bad, "-f", "json", "-o", report)
    assert result.returncode == 2 and TRACEBACK not in result.stderr
    assert report.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.json", "trasig.yaml"]


@pytest.mark.parametrize("command", ["assess", "validate"])
def test_an_output_path_that_cannot_be_written_is_a_usage_error(
    run: Run, tmp_path: Path, command: str
) -> None:
    """``-o`` naming a folder: exit 2 with an ``output`` problem, nothing left behind."""
    folder = tmp_path / "rapporter"
    folder.mkdir()
    result = run(command, EXAMPLE, "-o", folder, "--lang", "en")
    assert result.returncode == 2, result.stderr
    assert TRACEBACK not in result.stderr and INTERNAL not in result.stderr
    assert any(p.rule == "output" for p in problems_in(result.stderr)), result.stderr
    assert list(folder.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["rapporter"]


# --- nothing in an input file is executed or rendered as a template ---------------------

TEMPLATE: Final = "{{ 'hallbarhet' ~ '-mallen-korde' }} {% if true %}villkor-korde{% endif %}"
SCRIPT: Final = "<script>alert('hallbarhet')</script><img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """An application whose texts are template code, HTML and terminal control
    sequences, assessed to every text format."""
    folder = tmp_path_factory.mktemp("hostile")
    text = (
        APPLICATION.replace(
            "title: Solcellspark vid reningsverket", f'title: "{TEMPLATE} \\e[2J\\e[1A"'
        ).replace('name: Alvesta kommun, org_number: "212000-0613"', f'name: "{SCRIPT}"')
        + "  gender_analysis: done\n"
        + '  gender_plan: "{{ 6 * 7 }} \\e[8mdold text\\e[0m"\n'
        + 'summary: "Sammanfattning \\e[2J\\e[1;31mGODKÄND\\e[0m \\e]0;titel\\a \\x9b31m slut"\n'
    )
    path = folder / "fientlig.yaml"
    path.write_text(text, encoding="utf-8")
    jobs = {fmt: Job(("assess", str(path), "-f", fmt, "--lang", "en"), folder) for fmt in FORMATS}
    jobs.pop("pdf", None)
    return run_all(jobs)


def test_application_text_is_never_rendered_as_a_template(
    hostile_reports: dict[str, Outcome],
) -> None:
    for fmt, outcome in hostile_reports.items():
        assert outcome.returncode == 0 and not output_faults(outcome), outcome.describe()
        assert "hallbarhet-mallen-korde" not in outcome.stdout, fmt
        assert "-mallen-korde" in outcome.stdout, fmt  # the text itself is still there
        assert "villkor-korde{%" in outcome.stdout.replace("\\", ""), fmt


def test_html_in_an_application_is_shown_not_run(hostile_reports: dict[str, Outcome]) -> None:
    html = hostile_reports["html"].stdout
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html


def test_terminal_control_sequences_never_reach_the_terminal(
    hostile_reports: dict[str, Outcome],
) -> None:
    """An applicant must not be able to clear the officer's screen, hide text or rewrite
    the verdict line: control characters from a file are never written out as such."""
    for fmt in ("text", "md"):
        outcome = hostile_reports[fmt]
        for char in ("\x1b", "\x07", "\x9b"):
            assert char not in outcome.stdout, (fmt, repr(char))


# --- exit codes and tracebacks -----------------------------------------------------------


def test_exit_0_when_done(run: Run) -> None:
    result = run("assess", EXAMPLE, "-f", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["verdict"]


@pytest.mark.parametrize(
    "args",
    [
        ("assess", str(EXAMPLE), "--bogus"),
        ("assess",),
        ("assess", str(EXAMPLE), "--format", "xml"),
        ("assess", str(EXAMPLE), "--template-dir", "/finns/inte"),
        ("validate",),
        ("frobnicate",),
    ],
    ids=[
        "unknown-option",
        "missing-argument",
        "bad-format",
        "missing-template-dir",
        "validate-without-paths",
        "unknown-command",
    ],
)
def test_exit_2_for_a_usage_error(run: Run, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert TRACEBACK not in result.stderr and "Fel:" in result.stderr  # a Swedish session


def test_exit_3_and_one_line_for_an_internal_error() -> None:
    outcome = with_fault("fault", "assess", str(EXAMPLE), "--lang", "en")
    assert outcome.returncode == 3, outcome.describe()
    assert TRACEBACK not in outcome.stderr
    assert INTERNAL in outcome.stderr and "--debug" in outcome.stderr
    assert len(outcome.stderr.strip().splitlines()) <= 2, outcome.stderr


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--debug",), {}), ((), {"HALLBARHET_DEBUG": "1"})],
    ids=["option", "environment"],
)
def test_debug_shows_the_traceback_and_keeps_exit_3(
    args: tuple[str, ...], env: dict[str, str]
) -> None:
    outcome = with_fault("fault", *args, "assess", str(EXAMPLE), env=env)
    assert TRACEBACK in outcome.stderr and "fault injected by the test" in outcome.stderr
    assert outcome.returncode == 3, outcome.describe()


def test_an_interrupt_is_not_reported_as_findings_or_a_bug() -> None:
    """Ctrl-C: the conventional 130 (128 + SIGINT), no traceback, no "internal error"."""
    outcome = with_fault("interrupt", "assess", str(EXAMPLE))
    assert outcome.returncode == 128 + signal.SIGINT, outcome.describe()
    assert TRACEBACK not in outcome.stderr and INTERNAL not in outcome.stderr


@pytest.mark.skipif(os.name != "posix", reason="closing a pipe early is a POSIX notion")
@pytest.mark.parametrize("fmt", ["json", "html"])
def test_a_reader_that_stops_early_is_not_an_internal_error(fmt: str, tmp_path: Path) -> None:
    """``hallbarhet assess … | head -1``: the reader closes the pipe before the report is
    written; that is no bug in hallbarhet, and nothing like one is reported."""
    from tests.corpus.cli import executable

    with subprocess.Popen(
        [executable(), "assess", str(EXAMPLE), "-f", fmt, "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
        cwd=tmp_path,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        stderr = process.stderr.read().decode()
        returncode = process.wait(timeout=30)
    assert returncode != 3 and TRACEBACK not in stderr and INTERNAL not in stderr, stderr
    assert "Exception ignored" not in stderr, stderr
