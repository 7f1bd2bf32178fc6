"""``hallbarhet new``: templates that fail until filled in, and the questionnaire driven by
scripted answers (and, where tmux is installed, in a real terminal)."""

from __future__ import annotations

import datetime as dt
import os
import re
import selectors
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.files.yamlload import load_file, parse_text
from hallbarhet_cli.models import Application, Question
from hallbarhet_cli.scoring.engine import fill_form
from tests.acceptance.conftest import CRITERIA, EXAMPLES, ROOT, Run, executable
from tests.unit.test_template import FUNDING_SETS, fill_template, unfilled_values

MINI_SET = ROOT / "tests" / "fixtures" / "mini-set.yaml"
Session = Callable[..., subprocess.CompletedProcess[str]]


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HALLBARHET_")}
    env.update({"SOURCE_DATE_EPOCH": "1767225600", "COLUMNS": "120"})
    return env


@pytest.fixture
def session(tmp_path: Path) -> Session:
    """Run ``hallbarhet`` with ``lines`` on standard input, one answer per line."""

    def _session(*args: str | Path, lines: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [executable(), *map(str, args)],
            input="".join(f"{line}\n" for line in lines),
            cwd=tmp_path,
            env=environment(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    return _session


# -- templates -----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize(("set_id", "example"), sorted(FUNDING_SETS.items()))
def test_a_template_fails_until_it_is_filled_in(
    run: Run, tmp_path: Path, set_id: str, example: Path, lang: str
) -> None:
    made = run("new", "--criteria", set_id, "-o", "app.yaml", "--lang", lang)
    assert made.returncode == 0, made.stderr
    text = (tmp_path / "app.yaml").read_text(encoding="utf-8")

    unfilled = run("validate", "app.yaml", "--lang", lang)
    assert unfilled.returncode == 1
    errors = [line for line in unfilled.stdout.splitlines() if line.startswith("app.yaml:")]
    assert len(errors) == len(unfilled_values(text))
    assert all("[placeholder]" in line for line in errors)

    filled = fill_template(text, load_file(example).data)
    (tmp_path / "app.yaml").write_text(filled, encoding="utf-8")
    checked = run("validate", "app.yaml", "--strict", "--lang", lang)
    assert checked.returncode == 0, checked.stdout
    assessed = run("assess", "app.yaml", "--lang", lang, "--format", "json")
    assert assessed.returncode == 0, assessed.stderr


def test_the_template_goes_to_standard_output_by_default(run: Run, tmp_path: Path) -> None:
    printed = run("new", "-c", "kronoberg-foretagsstod", "--lang", "en")
    assert printed.returncode == 0
    run("new", "-c", "kronoberg-foretagsstod", "--lang", "en", "-o", "t.yaml")
    written = (tmp_path / "t.yaml").read_text(encoding="utf-8")
    assert parse_text(printed.stdout, "-").data == parse_text(written, "t.yaml").data
    assert "hallbarhet validate t.yaml" in written
    assert '"<fill in>"' in printed.stdout
    swedish = run("new", "-c", "kronoberg-foretagsstod", "--lang", "sv")
    assert '"<fyll i>"' in swedish.stdout
    assert "Gäller insatsen fossila bränslen?" in swedish.stdout


def test_an_existing_file_is_kept_unless_forced(run: Run, tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text("mine\n", encoding="utf-8")
    refused = run("new", "-c", "kronoberg-projektmedel", "-o", "app.yaml", "--lang", "en")
    assert refused.returncode == 2
    assert "already exists" in refused.stderr
    assert (tmp_path / "app.yaml").read_text(encoding="utf-8") == "mine\n"
    forced = run("new", "-c", "kronoberg-projektmedel", "-o", "app.yaml", "--force")
    assert forced.returncode == 0
    assert (tmp_path / "app.yaml").read_text(encoding="utf-8").startswith("# yaml-language")


def test_an_unknown_criteria_set_is_an_error_with_a_suggestion(run: Run) -> None:
    result = run("new", "-c", "kronoberg-projektmedl", "--lang", "en")
    assert result.returncode == 2
    assert "Did you mean 'kronoberg-projektmedel'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_set_given_by_path_is_referred_to_by_a_relative_path(run: Run, tmp_path: Path) -> None:
    (tmp_path / "sets").mkdir()
    (tmp_path / "apps").mkdir()
    shutil.copy(MINI_SET, tmp_path / "sets" / "mini-set.yaml")
    made = run("new", "-c", "sets/mini-set.yaml", "-o", "apps/app.yaml")
    assert made.returncode == 0, made.stderr
    data = load_file(tmp_path / "apps" / "app.yaml").data
    assert data["criteria"] == "../sets/mini-set.yaml"


# -- the questionnaire -------------------------------------------------------------------------
def script_from(example: Path, set_id: str) -> list[str]:
    """The answers a person would type to reproduce ``example``, in the order asked."""
    document = load_file(example)
    data = document.data
    criteria = CriteriaLibrary().resolve(set_id, Where("test"))
    lines = [
        data["id"],
        *([data["type"]] if len(criteria.root.model.applies_to) > 1 else []),
        data["title"],
        data["applicant"]["name"],
        data["applicant"].get("org_number") or "",
        data["applicant"]["sector"],
        str(data["budget"]["total_sek"]),
        str(data["budget"]["requested_sek"]),
        data["period"]["start"].isoformat(),
        data["period"]["end"].isoformat(),
        " ".join((data.get("summary") or "").split()),
    ]
    model = Application.model_validate({k: v for k, v in data.items() if k != "review"})
    answers = data["answers"]
    asked = fill_form(criteria, model, answers).asked
    for question in criteria.questions:
        if question.id in asked:
            lines.append(_typed(question, answers.get(question.id)))
    return lines


def _typed(question: Question, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


@pytest.mark.parametrize(("set_id", "example"), sorted(FUNDING_SETS.items()))
def test_a_scripted_session_writes_an_application_that_validates_and_assesses(
    session: Session, run: Run, tmp_path: Path, set_id: str, example: Path
) -> None:
    result = session(
        "new",
        "-c",
        set_id,
        "-i",
        "-o",
        "app.yaml",
        "--lang",
        "en",
        lines=script_from(example, set_id),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "The application was written to app.yaml." in result.stderr
    checked = run("validate", "app.yaml", "--strict")
    assert checked.returncode == 0, checked.stdout
    ours = run("assess", "app.yaml", "--format", "json")
    theirs = run("assess", example, "--format", "json")
    assert ours.returncode == theirs.returncode == 0
    import json

    mine, original = json.loads(ours.stdout), json.loads(theirs.stdout)
    points = {c["id"]: c["points"] for c in original["criteria"] if not c["manual"]}
    assert {c["id"]: c["points"] for c in mine["criteria"] if not c["manual"]} == points


def test_a_dependent_question_is_asked_only_when_it_applies(
    session: Session, run: Run, tmp_path: Path
) -> None:
    shutil.copy(MINI_SET, tmp_path / "mini-set.yaml")
    head = ["T-1", "Test", "Testkommun", "", "public", "100", "50", "2026-01-01", "2026-12-31", ""]
    # gender_analysis "none": the plan is not asked, so "6" answers the jobs question.
    skipped = session(
        "new", "-c", "mini-set.yaml", "-i", "-o", "a.yaml", "--lang", "en",
        lines=[*head, "-5", "none", "6", "nej"],
    )  # fmt: skip
    assert skipped.returncode == 0, skipped.stderr
    assert "Gender equality plan" not in skipped.stderr
    data = load_file(tmp_path / "a.yaml").data
    assert data["answers"]["gender_plan"] is None
    assert data["answers"]["jobs"] == 6
    # gender_analysis "done": the plan is asked next.
    plan = "En plan för jämställdhet i projektet."
    asked = session(
        "new", "-c", "mini-set.yaml", "-i", "-o", "b.yaml", "--lang", "en",
        lines=[*head, "-5", "done", plan, "6", "nej"],
    )  # fmt: skip
    assert asked.returncode == 0, asked.stderr
    assert "Gender equality plan" in asked.stderr
    assert load_file(tmp_path / "b.yaml").data["answers"]["gender_plan"] == plan
    for name in ("a.yaml", "b.yaml"):
        assert run("validate", name, "--strict").returncode == 0


def test_the_end_of_the_input_writes_nothing_or_a_draft(
    session: Session, run: Run, tmp_path: Path
) -> None:
    lines = script_from(FUNDING_SETS["kronoberg-projektmedel"], "kronoberg-projektmedel")[:15]
    args = ("new", "-c", "kronoberg-projektmedel", "-i", "-o", "app.yaml", "--lang", "en")
    stopped = session(*args, lines=lines)
    assert stopped.returncode == 2
    assert "nothing was written" in stopped.stderr
    assert not (tmp_path / "app.yaml").exists()
    drafted = session(*args, "--draft-on-abort", lines=lines)
    assert drafted.returncode == 2
    assert "as a draft" in drafted.stderr
    draft = (tmp_path / "app.yaml").read_text(encoding="utf-8")
    data = parse_text(draft, "app.yaml").data
    assert data["answers"]["fossil_fuel_activity"] is False  # answered before the end
    checked = run("validate", "app.yaml", "--lang", "en")
    assert checked.returncode == 1
    assert "[placeholder]" in checked.stdout


def _wait_for(process: subprocess.Popen[bytes], text: bytes, timeout: float = 30) -> bytes:
    """Read the process's standard error until ``text`` shows up."""
    assert process.stderr is not None
    seen = b""
    with selectors.DefaultSelector() as selector:
        selector.register(process.stderr, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while text not in seen and time.monotonic() < deadline:
            if selector.select(timeout=0.2):
                chunk = os.read(process.stderr.fileno(), 65536)
                if not chunk:
                    break
                seen += chunk
    assert text in seen, seen.decode(errors="replace")[-500:]
    return seen


@pytest.mark.parametrize("draft", [False, True])
def test_ctrl_c_writes_nothing_or_a_draft(tmp_path: Path, draft: bool) -> None:
    args = ["new", "-c", "kronoberg-projektmedel", "-i", "-o", "app.yaml", "--lang", "en"]
    process = subprocess.Popen(
        [executable(), *args, *(["--draft-on-abort"] if draft else [])],
        cwd=tmp_path,
        env=environment(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    # The fields and the first question: the questionnaire then waits at the second.
    lines = script_from(FUNDING_SETS["kronoberg-projektmedel"], "kronoberg-projektmedel")[:11]
    process.stdin.write("".join(f"{line}\n" for line in lines).encode())
    process.stdin.flush()
    _wait_for(process, b"(2/")
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"Traceback" not in rest
    if draft:
        data = load_file(tmp_path / "app.yaml").data
        assert data["answers"]["fossil_fuel_activity"] is False
        assert data["answers"]["eu_ets_activity"] == "<fill in>"
    else:
        assert not (tmp_path / "app.yaml").exists()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_session_in_a_real_terminal(tmp_path: Path) -> None:
    """Rich prompts in a terminal (tmux), answered key by key."""
    shutil.copy(MINI_SET, tmp_path / "mini-set.yaml")
    name = f"hallbarhet-{os.getpid()}"
    command = (
        f"{executable()} new -c mini-set.yaml -i -o app.yaml --lang en; "
        f"echo $? > {tmp_path / 'exit'}"
    )
    tmux = ["tmux", "-L", name]
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", "-c", str(tmp_path)],
        check=True,
        env=environment(),
    )
    try:
        subprocess.run([*tmux, "send-keys", "-t", name, command, "Enter"], check=True)
        answers = [
            "T-1", "Test", "Testkommun", "", "1", "100", "50", "2026-01-01", "2026-12-31", "",
            "-5", "?", "3", "En plan för jämställdhet i projektet.", "", "n",
        ]  # fmt: skip
        for n, answer in enumerate(answers, 1):
            _wait_for_prompt(tmux, name, n)
            if answer:
                subprocess.run([*tmux, "send-keys", "-t", name, "-l", "--", answer], check=True)
            subprocess.run([*tmux, "send-keys", "-t", name, "Enter"], check=True)
        deadline = time.monotonic() + 30
        while not (tmp_path / "exit").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        screen = _screen(tmux, name)
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
    assert (tmp_path / "exit").read_text().strip() == "0", screen
    data = load_file(tmp_path / "app.yaml").data
    assert data["answers"]["gender_analysis"] == "done"
    assert data["answers"]["jobs"] is None
    assert data["answers"]["fossil"] is False


def _screen(tmux: list[str], name: str) -> str:
    return subprocess.run(
        [*tmux, "capture-pane", "-p", "-S", "-", "-t", name],
        capture_output=True,
        text=True,
        check=False,
    ).stdout


_PROMPT = re.compile(r"^Answer(?: \(.*\))?:")


def _wait_for_prompt(tmux: list[str], name: str, n: int, timeout: float = 20) -> None:
    """Wait until the ``n``th prompt is shown and waits for its answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = [line for line in _screen(tmux, name).splitlines() if line.strip()]
        prompts = [line for line in lines if _PROMPT.match(line)]
        if len(prompts) == n and lines[-1] == prompts[-1] and lines[-1].endswith(":"):
            return
        time.sleep(0.05)
    raise AssertionError(_screen(tmux, name))


def test_examples_and_criteria_are_where_the_tests_expect() -> None:
    assert EXAMPLES.is_dir() and CRITERIA.is_dir()
