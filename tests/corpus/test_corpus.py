"""The committed bad-input corpus, run through the installed ``hallbarhet`` command.

Each file in ``application/`` and ``criteria/`` is a case; the comment block at its top
says what ``assess`` and ``validate`` must do with it (see ``README.md``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.corpus.cases import (
    CORPUS,
    KINDS,
    MARKER,
    Case,
    CorpusFormatError,
    Expectation,
    counts_by_class,
    discover,
    parse_expectations,
    run_faults,
)
from tests.corpus.runs import CorpusRun, check_assess, check_json, check_validate

CASES = [case for kind in KINDS for case in discover(kind)]
ASSESSED = [case for case in CASES if "assess" in case.expectations]
WITH_JSON = [case for case in CASES if case.json]


def case_id(case: Case) -> str:
    return case.id


@pytest.mark.parametrize("case", ASSESSED, ids=case_id)
def test_assess(corpus: CorpusRun, case: Case) -> None:
    check_assess(corpus, case)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_validate(corpus: CorpusRun, case: Case) -> None:
    check_validate(corpus, case)


@pytest.mark.parametrize("case", WITH_JSON, ids=case_id)
def test_values_are_kept_as_written(corpus: CorpusRun, case: Case) -> None:
    check_json(corpus, case)


def test_one_bad_file_never_stops_a_validate_run(corpus: CorpusRun) -> None:
    """All cases in one ``validate`` run: it ends normally, with exit 2 because some
    cases cannot be read at all (missing, not YAML), not with a crash."""
    outcome = corpus.first_validate
    assert outcome is not None
    assert not run_faults(outcome) and outcome.returncode == 2, outcome.describe()


def test_no_tag_in_any_input_was_executed(corpus: CorpusRun) -> None:
    """The corpus's constructing tags would create the marker in the current folder."""
    assert list(corpus.cwd.iterdir()) == []
    assert not list(CORPUS.rglob(MARKER))
    tagged = [case for case in CASES if "python/" in case.path.read_text("utf-8")]
    assert len(tagged) >= 9
    for case in tagged:
        assert corpus.assess.get(case.id) is None or corpus.assess[case.id].returncode == 2


def test_every_class_has_cases_for_applications_and_criteria() -> None:
    """The corpus keeps covering each class of bad input for both kinds of file."""
    wanted = {
        "syntax": 1,
        "tab": 1,
        "empty": 1,
        "several": 1,
        "top": 2,
        "unknown": 1,
        "duplicate": 1,
        "wrong": 2,
        "number": 4,
        "alias": 1,
        "nesting": 1,
        "tag": 1,
    }
    for kind in KINDS:
        counts = counts_by_class(case for case in CASES if case.kind == kind)
        short = {name: n for name, n in wanted.items() if counts.get(name, 0) < n}
        assert not short, f"{kind}: too few cases in {short}"
    application = counts_by_class(case for case in CASES if case.kind == "application")
    criteria = counts_by_class(case for case in CASES if case.kind == "criteria")
    assert application["criteria"] >= 8 and criteria["extends"] >= 8
    assert application["yaml11"] >= 4 and application["period"] >= 1


@pytest.mark.parametrize(
    ("header", "error"),
    [
        ("", "no `# expect validate:` line"),
        ("# expect assess: exit=2\n# expect validate: exit=1", "exit=0 goes with no rule"),
        ("# expect assess: exit=2 rule=x at=3\n", "`at` must be"),
        ("# expect assess: exit=0 rule=x at=1:1\n", "exit=0 goes with no rule"),
        ("# expect assess: exit=2 rule=Bad_Rule at=-\n", "`rule` must be a rule id"),
        ("# expect assess: exit=2 rule=x\n", "`rule` and `at` go together"),
        ("# expect assess: exit=2 rule=x at=- colour=red\n", "cannot read 'colour=red'"),
        ("# expect assess: exit=0\n# expect assess: exit=0\n", "two `expect assess` lines"),
        (
            "# expect validate: exit=0\n# expect assess: exit=2 rule=x at=-\n"
            "# expect json: a = 1\n",
            "`expect json` needs",
        ),
        ("# expect validate: exit=0\n# expect json: a = 1\n", "`expect json` needs"),
    ],
)
def test_unreadable_expectations_are_refused(tmp_path: Path, header: str, error: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(header + "\nkind: application\n", encoding="utf-8")
    with pytest.raises(CorpusFormatError, match=re.escape(error)):
        parse_expectations(path, "application")


def test_expectations_are_read_from_the_leading_comments(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(
        "\ufeff# About the case.\n"
        '# expect assess: exit=2 rule=a|b at=3:5 in=--criteria message="two words"\n'
        "# expect validate: exit=0\n"
        "kind: application\n"
        "# expect validate: exit=1 rule=ignored at=-\n",
        encoding="utf-8",
    )
    case = parse_expectations(path, "application")
    assert case.expectations == {
        "assess": Expectation("assess", 2, "a|b", "3:5", "two words", "--criteria"),
        "validate": Expectation("validate", 0),
    }
