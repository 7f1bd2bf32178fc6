"""Criteria tests: the file format and its checks (each finding with its line and column),
how cases are built from the base, how expectations are compared, rule coverage, and the
change report between two versions of a set."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent
from typing import TYPE_CHECKING, Any

import pytest

from hallbarhet_cli.criteria.diff import diff_sets
from hallbarhet_cli.criteriatests.cases import Expect, LoadedTest, PercentRange, load_test
from hallbarhet_cli.criteriatests.runner import (
    Failure,
    compare,
    coverage,
    find_tests,
    looks_like_test,
    rules_of,
    run_paths,
    run_test,
    within,
)
from hallbarhet_cli.errors import InputError
from hallbarhet_cli.scoring.assessment import Verdict
from hallbarhet_cli.scoring.impact import round_impact
from hallbarhet_cli.scoring.ranking import rank_key

if TYPE_CHECKING:
    from hallbarhet_cli.criteria.resolved import ResolvedSet
    from tests.unit.conftest import Located, MessageCheck, SetFolder

HEAD = """\
kind: criteria-test
criteria: mini-set.yaml
base:
  answers:
    ghg_change_t: -20
    gender_analysis: done
    gender_plan: En genomarbetad plan för jämställdhet.
    jobs: 6
    fossil: false
  review:
    scores:
      SOC-2: {points: 3}
cases:
"""


def write_test(sets: SetFolder, cases: str, name: str = "mini.test.yaml") -> Path:
    """A test file for the mini set: the common head and ``cases``."""
    return sets.write(HEAD + dedent(cases), name)


def load(sets: SetFolder, cases: str) -> LoadedTest:
    return load_test(write_test(sets, cases), sets.library)


def problems_of(sets: SetFolder, cases: str) -> list[Any]:
    with pytest.raises(InputError) as caught:
        load(sets, cases)
    return caught.value.problems


# -- the format and its checks ------------------------------------------------------------
# (what is wrong, the cases of a test file, every finding with its line and column)
FINDINGS: list[tuple[str, str, list[tuple[str, int, int]]]] = [
    (
        "unknown ids in expectations",
        """\
          - name: typos
            expect:
              criteria: {EKO-01: 3}
              gates_fired: [FOSIL]
              gates_include: [BIGG]
              missing: [gender_plann]
              dimensions: {socail: {min: 10}}
        """,
        [
            ("unknown-criterion", 16, 16),
            ("unknown-gate", 17, 19),
            ("unknown-gate", 18, 21),
            ("unknown-question", 19, 15),
            ("unknown-dimension", 20, 18),
        ],
    ),
    (
        "points a criterion can never give, a question that is never missing",
        """\
          - name: impossible
            expect: {criteria: {EKO-1: 4, SOC-2: 4, SOC-1: 2}, missing: [jobs]}
        """,
        [
            ("unreachable-points", 15, 30),
            ("unreachable-points", 15, 40),
            ("never-missing", 15, 64),
        ],
    ),
    (
        "ranges without limits or upside down",
        """\
          - name: ranges
            expect:
              overall_percent: {}
              dimensions: {social: {min: 80, max: 20}}
        """,
        [("percent-range", 16, 22), ("percent-range", 17, 26)],
    ),
    (
        "a case that expects nothing, two cases with one name, two sources, no such file",
        """\
          - name: same
            expect: {}
          - name: same
            application_file: app.yaml
            answers: {jobs: 1}
            expect: {verdict: pass}
        """,
        [
            ("empty-expectation", 15, 11),
            ("duplicate-case", 16, 9),
            ("case-source", 17, 3),
            ("application-not-found", 17, 21),
        ],
    ),
    (
        "answers checked against the set, located in the base or the case",
        """\
          - name: one
            answers: {ghg_change_t: lots, jobz: 3}
            expect: {verdict: pass}
          - name: two
            answers: {gender_analysis: don}
            application: {type: business_support}
            expect: {verdict: pass}
        """,
        [
            ("answer-type", 15, 27),
            ("unknown-answer", 15, 33),
            ("answer-option", 18, 30),
            ("not-applicable", 19, 23),
        ],
    ),
    (
        "schema: an unknown key with the nearest known one, a verdict that does not exist",
        """\
          - name: schema
            expect: {verdit: pass}
          - name: schema 2
            expect: {verdict: passed}
        """,
        [("unknown-key", 15, 12), ("schema", 17, 21)],
    ),
]


@pytest.mark.parametrize(
    ("cases", "expected"), [(c, e) for _, c, e in FINDINGS], ids=[n for n, _, _ in FINDINGS]
)
def test_findings_are_located_in_the_test_file(
    sets: SetFolder,
    mini_set: ResolvedSet,
    located: Located,
    cases: str,
    expected: list[tuple[str, int, int]],
) -> None:
    assert located(problems_of(sets, cases)) == expected


def test_unknown_ids_suggest_the_nearest_known_one(
    sets: SetFolder, mini_set: ResolvedSet, message_check: MessageCheck
) -> None:
    problems = problems_of(sets, FINDINGS[0][1])
    for problem, suggestion in zip(
        problems, ["EKO-1", "FOSSIL", "BIG", "gender_plan", "social"], strict=True
    ):
        message_check(problem, f"Did you mean {suggestion!r}?")


def test_a_base_answer_of_the_wrong_type_is_reported_once(
    sets: SetFolder, mini_set: ResolvedSet, located: Located
) -> None:
    path = sets.write(
        HEAD.replace("jobs: 6", "jobs: many")
        + "  - {name: a, expect: {verdict: pass}}\n  - {name: b, expect: {verdict: pass}}\n",
        "mini.test.yaml",
    )
    with pytest.raises(InputError) as caught:
        load_test(path, sets.library)
    assert located(caught.value.problems) == [("answer-type", 8, 11)]


def test_a_file_of_another_kind_is_not_a_criteria_test(
    sets: SetFolder, mini_set: ResolvedSet, located: Located
) -> None:
    path = sets.write("kind: application\nid: A\n", "other.yaml")
    with pytest.raises(InputError) as caught:
        load_test(path, sets.library)
    assert located(caught.value.problems) == [("not-criteria-test", 1, 7)]


# -- building a case ----------------------------------------------------------------------
def test_null_removes_a_base_answer_and_overrides_merge_key_by_key(
    sets: SetFolder, mini_set: ResolvedSet
) -> None:
    loaded = load(
        sets,
        """\
          - name: overrides
            answers: {jobs: null, fossil: true}
            application:
              budget: {requested_sek: 6000000, total_sek: 8000000}
              review: {scores: {SOC-2: null}}
            expect: {verdict: excluded}
        """,
    )
    case = loaded.cases[0]
    assert "jobs" not in case.answers
    assert case.answers["fossil"] is True
    assert case.answers["ghg_change_t"] == -20  # from the base
    assert case.application.budget.requested_sek == 6_000_000
    assert case.application.review is not None
    assert case.application.review.scores == {}
    assert case.application.type == "project"  # the set's first type, as nothing says


def test_a_case_reads_an_application_file_beside_the_test(
    sets: SetFolder, mini_set: ResolvedSet
) -> None:
    sets.write(
        (Path(__file__).parent.parent / "fixtures" / "mini-app.yaml").read_text(encoding="utf-8"),
        "app.yaml",
    )
    loaded = load(
        sets,
        """\
          - name: from a file
            application_file: app.yaml
            expect: {verdict: pass, criteria: {EKO-1: 2, SOC-2: 2}}
        """,
    )
    result = run_test(loaded)
    assert loaded.cases[0].application.id == "T-1"
    assert [c.passed for c in result.cases] == [True]


def test_an_application_file_that_is_missing_is_reported_at_the_case(
    sets: SetFolder, mini_set: ResolvedSet, located: Located
) -> None:
    problems = problems_of(
        sets,
        """\
          - name: nowhere
            application_file: nowhere.yaml
            expect: {verdict: pass}
        """,
    )
    assert located(problems) == [("application-not-found", 15, 21)]


# -- comparing ------------------------------------------------------------------------------
def test_every_expectation_that_fails_says_what_was_expected_and_what_came_out(
    sets: SetFolder, mini_set: ResolvedSet
) -> None:
    loaded = load(
        sets,
        """\
          - name: wrong about everything
            answers: {fossil: true, ghg_change_t: null}
            expect:
              verdict: pass
              criteria: {EKO-1: 3, SOC-1: 2}
              gates_fired: []
              gates_include: [BIG]
              missing: []
              overall_percent: {min: 90}
              dimensions: {ecological: {min: 50, max: 100}}
        """,
    )
    case = run_test(loaded).cases[0]
    assert not case.passed
    assert case.failures == (
        Failure("verdict", None, "pass", "excluded"),
        Failure("criteria", "EKO-1", 3, 0),
        Failure("gates_fired", None, [], ["FOSSIL"]),
        Failure("gates_include", None, ["BIG"], ["FOSSIL"]),
        Failure("missing", None, [], ["ghg_change_t"]),
        Failure("overall_percent", None, {"min": 90, "max": None}, pytest.approx(66.666, 0.01)),
        Failure("dimensions", "ecological", {"min": 50, "max": 100}, 0.0),
    )


def test_a_case_that_meets_its_expectations_passes(sets: SetFolder, mini_set: ResolvedSet) -> None:
    loaded = load(
        sets,
        """\
          - name: strong
            expect:
              verdict: pass
              criteria: {EKO-1: 3, SOC-1: 2, SOC-2: 3, EKON-1: 2}
              gates_fired: []
              missing: []
              overall_percent: {min: 100, max: 100}
              dimensions: {social: {min: 100}}
        """,
    )
    assert [c.passed for c in run_test(loaded).cases] == [True]


@pytest.mark.parametrize(
    ("value", "low", "high", "inside"),
    [
        (60.0, 60, None, True),
        (59.99, 60, None, False),
        (69.99999999999999, 70, None, True),  # float noise, not a real miss
        (80.0, None, 80, True),
        (80.1, None, 80, False),
        (None, 0, 100, False),
    ],
)
def test_percent_ranges_include_their_bounds(
    value: float | None, low: float | None, high: float | None, inside: bool
) -> None:
    assert within(value, PercentRange(min=low, max=high)) is inside


def test_an_empty_expectation_compares_nothing(sets: SetFolder, mini_set: ResolvedSet) -> None:
    loaded = load(sets, "  - {name: any, expect: {verdict: pass}}\n")
    assessment = run_test(loaded).cases[0].assessment
    assert list(compare(Expect(), assessment)) == []


# -- coverage -------------------------------------------------------------------------------
def test_rules_are_every_level_every_manual_criterion_and_every_gate(
    mini_set: ResolvedSet,
) -> None:
    rules = rules_of(mini_set)
    assert [r.key for r in rules] == [
        ("level", "EKO-1", 0),
        ("level", "EKO-1", 1),
        ("level", "EKO-1", 2),
        ("level", "EKO-1", 3),
        ("level", "SOC-1", 0),
        ("level", "SOC-1", 1),
        ("level", "SOC-1", 2),
        ("manual", "SOC-2", None),
        ("level", "EKON-1", 0),
        ("level", "EKON-1", 1),
        ("level", "EKON-1", 2),
        ("gate", "FOSSIL", None),
        ("gate", "BIG", None),
    ]
    assert (rules[0].file.endswith("mini-set.yaml"), rules[0].line, rules[-1].line) == (
        True,
        46,
        76,
    )


def test_coverage_counts_levels_reached_manual_scores_and_gates_fired(
    sets: SetFolder, mini_set: ResolvedSet
) -> None:
    write_test(
        sets,
        """\
          - name: strong
            expect: {verdict: pass}
          - name: fossil and big
            answers: {fossil: true, ghg_change_t: 0, jobs: 1}
            application: {budget: {total_sek: 9000000, requested_sek: 6000000}}
            expect: {gates_fired: [FOSSIL, BIG]}
        """,
    )
    results = run_paths([sets.folder], sets.library)
    (cov,) = coverage(results)
    assert cov.covered_count == 8
    assert [r.key for r in cov.uncovered] == [
        ("level", "EKO-1", 1),
        ("level", "EKO-1", 3),
        ("level", "SOC-1", 1),
        ("level", "SOC-1", 2),
        ("level", "EKON-1", 2),
    ]
    assert cov.percent == pytest.approx(100 * 8 / 13)


def test_unscored_manual_criteria_are_not_covered(sets: SetFolder, mini_set: ResolvedSet) -> None:
    write_test(
        sets,
        """\
          - name: no review
            application: {review: null}
            expect: {verdict: incomplete}
        """,
    )
    (cov,) = coverage(run_paths([sets.folder], sets.library))
    assert ("manual", "SOC-2", None) in {r.key for r in cov.uncovered}


def test_folders_are_searched_for_criteria_tests_only(
    sets: SetFolder, mini_set: ResolvedSet
) -> None:
    write_test(sets, "  - {name: a, expect: {verdict: pass}}\n", "a.test.yaml")
    write_test(sets, "  - {name: b, expect: {verdict: pass}}\n", "nested/b.yaml")
    sets.write("kind: application\nid: X\n", "app.yaml")
    found = sorted(p.name for p, _ in find_tests([sets.folder]))
    assert found == ["a.test.yaml", "b.yaml"]


# -- the change report ----------------------------------------------------------------------
MINI = (Path(__file__).parent.parent / "fixtures" / "mini-set.yaml").read_text(encoding="utf-8")


def changed_set(sets: SetFolder, *edits: tuple[str, str]) -> ResolvedSet:
    text = MINI.replace('version: "1.0"', 'version: "2.0"')
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    sets.write(text, "mini-2.yaml")
    return sets.resolve("mini-2.yaml")


def test_a_set_compared_with_itself_has_no_changes(mini_set: ResolvedSet) -> None:
    assert diff_sets(mini_set, mini_set).changes == ()


def test_changes_are_found_in_thresholds_questions_criteria_levels_and_gates(
    sets: SetFolder, mini_set: ResolvedSet
) -> None:
    new = changed_set(
        sets,
        ("pass_percent: 60", "pass_percent: 70"),
        ("{value: planned, label: {sv: Planerad, en: Planned}}", "{value: started}"),
        ("    min: 0\n", "    min: 1\n"),
        ("    weight: 2\n", "    weight: 3\n"),
        ("lt: -10}", "lt: -20}"),
        (
            "{points: 1, when: {question: jobs, gt: 0}}",
            "{points: 1, when: {question: jobs, gt: 1}}",
        ),
        ("manual: {max_points: 3,", "manual: {max_points: 4,"),
        ("    effect: review\n", "    effect: exclude\n"),
        ("  - id: EKON-1\n", "  - id: EKON-2\n"),
    )
    found = {(c.section, c.id, c.aspect, c.level) for c in diff_sets(mini_set, new).changes}
    assert found == {
        ("thresholds", "pass_percent", "value", None),
        ("questions", "gender_analysis", "options", None),
        ("questions", "jobs", "min", None),
        ("criteria", "EKO-1", "weight", None),
        ("criteria", "EKO-1", "level_when", 0),
        ("criteria", "SOC-2", "max_points", None),
        ("criteria", "EKON-2", "added", None),
        ("criteria", "EKON-1", "removed", None),
        ("gates", "BIG", "effect", None),
    }


def test_level_points_added_levels_and_a_switch_to_manual_scoring(
    sets: SetFolder, mini_set: ResolvedSet
) -> None:
    soc_1_levels = MINI[MINI.index("    levels:\n      - {points: 2, when: {all:") :]
    soc_1_levels = soc_1_levels[: soc_1_levels.index("  - id: SOC-2")]
    new = changed_set(
        sets,
        ("{points: 1, when: {question: ghg_change_t", "{points: 2, when: {question: ghg_change_t"),
        (
            "      - {points: 2, when: {question: jobs, ge: 5}}\n",
            "      - {points: 3, when: {question: jobs, ge: 20}}\n"
            "      - {points: 2, when: {question: jobs, ge: 5}}\n",
        ),
        (soc_1_levels, "    manual: {max_points: 2}\n"),
    )
    found = [(c.id, c.aspect, c.level) for c in diff_sets(mini_set, new).changes]
    assert ("EKO-1", "level_points", 2) in found
    assert ("SOC-1", "scoring", None) in found
    assert ("EKON-1", "level_added", 3) in found


def test_ranks_put_passing_applications_first_then_the_highest_percent() -> None:
    entries = [
        ("c", Verdict.FAIL, 90.0),
        ("b", Verdict.PASS, 61.0),
        ("a", Verdict.PASS, 61.0),
        ("d", Verdict.INCOMPLETE, None),
        ("e", Verdict.PASS, 75.0),
    ]
    order = sorted(entries, key=lambda e: rank_key(e[1], e[2], e[0]))
    assert [e[0] for e in order] == ["e", "a", "b", "c", "d"]


def test_a_round_lists_the_applications_whose_verdict_or_rank_changes(
    sets: SetFolder, mini_set: ResolvedSet
) -> None:
    app = (Path(__file__).parent.parent / "fixtures" / "mini-app.yaml").read_text(encoding="utf-8")
    sets.write(app, "round/strong.yaml")
    sets.write(
        app.replace("id: T-1", "id: T-2").replace("ghg_change_t: -5", "ghg_change_t: 5"),
        "round/weaker.yaml",
    )
    new = changed_set(sets, ("pass_percent: 60", "pass_percent: 85"))
    impact = round_impact(mini_set, new, [sets.folder / "round"])
    assert len(impact.entries) == 2
    assert [(e.id, e.old and e.old.verdict, e.new and e.new.verdict) for e in impact.changed] == [
        ("T-1", Verdict.PASS, Verdict.FAIL)
    ]


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("regler.yaml", "# tester\nkind: criteria-test\ncriteria: x.yaml\n", True),
        ("regler.yaml", "kind: 'criteria-test'  # tester\n", True),
        ("ansokan.yaml", "kind: application\nid: A\n", False),
        ("ansokan.yaml", "title: |\n  kind: criteria-test\n", False),
        ("tom.yaml", "", False),
        ("stor.yaml", "a: " + "x" * (1 << 20) + "\nkind: criteria-test\n", False),
        ("namngiven.test.yaml", "", True),
    ],
)
def test_a_criteria_test_is_found_by_its_name_or_its_kind_line(
    tmp_path: Path, name: str, text: str, found: bool
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert looks_like_test(path) is found
