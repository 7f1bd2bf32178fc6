"""The criteria-set linter: one inline set per registered check, with the findings it must
give (rule, line, column), in the manner of yamllint's rule tests."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.criteria.lint import CHECKS, LintContext, lint
from hallbarhet_cli.errors import Problem, Severity
from hallbarhet_cli.files.bundled import bundled_dir

if TYPE_CHECKING:
    from tests.unit.conftest import Located, MessageCheck, SetFolder


FIXTURES = Path(__file__).parent.parent / "fixtures"

# (check id, a criteria set, every finding the linter must give for it)
CASES: list[tuple[str, str, list[tuple[str, int, int]]]] = [
    (
        "unknown-question",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 2, when: {question: qq, gt: 0}}
              - {points: 1, when: {question: q, gt: 0}}
              - {points: 0}
        gates:
          - id: G
            title: G
            effect: review
            when: {any: [{question: q, lt: -5}, {not: {question: ghg, answered: true}}]}
        """,
        [
            ("unknown-question", 14, 38),
            ("unknown-question", 21, 58),
        ],
    ),
    (
        "unknown-field",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 1, when: {question: q, gt: 0}}
              - {points: 0}
        gates:
          - id: G
            title: G
            effect: review
            when:
              all:
                - {field: budget.requested, gt: 1000000}
                - field: applicant.sektor
                  eq: public
        """,
        [
            ("unknown-field", 22, 19),
            ("unknown-field", 23, 18),
        ],
    ),
    (
        "ratio-type",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: jobs, type: integer, label: J}
          - {id: kind, type: choice, label: K, options: [{value: a}]}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - when: {ratio: {of: {question: kind}, per: {field: budget.requested_sek}}, ge: 1}
                points: 3
              - when: {ratio: {of: {question: jbos}, per: {field: period.start}}, ge: 1}
                points: 2
              - when: {ratio: {of: {question: jobs}, per: {field: budget.request}}, ge: 1}
                points: 1
              - {points: 0}
        """,
        [
            ("ratio-type", 15, 28),
            ("unknown-question", 17, 39),
            ("ratio-type", 17, 51),
            ("unknown-field", 19, 59),
        ],
    ),
    (
        "operator-type",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q}
          - {id: plan, type: text, label: P}
          - {id: kind, type: choice, label: K, options: [{value: a}, {value: b}]}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 4, when: {question: plan, lt: 5}}
              - {points: 3, when: {question: kind, includes_any: [a]}}
              - {points: 2, when: {question: q, min_length: 2}}
              - {points: 1, when: {field: period.start, includes_all: [2026-01-01]}}
              - {points: 0}
        """,
        [
            ("operator-type", 16, 44),
            ("operator-type", 17, 44),
            ("operator-type", 18, 41),
            ("operator-type", 19, 49),
        ],
    ),
    (
        "value-type",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q}
          - {id: fossil, type: boolean, label: F}
          - {id: kind, type: choice, label: K, options: [{value: a}, {value: b}]}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 4, when: {question: q, gt: "10"}}
              - {points: 3, when: {question: fossil, eq: yes}}
              - {points: 2, when: {question: kind, in: [a, 1]}}
              - {points: 1, when: {field: period.start, lt: "2026-01-01"}}
              - {points: 0}
        """,
        [
            ("value-type", 16, 45),
            ("value-type", 17, 50),
            ("value-type", 18, 52),
            ("value-type", 19, 53),
        ],
    ),
    (
        "unknown-option",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: kind, type: choice, label: K, options: [{value: none}, {value: done}]}
          - id: measures
            type: multichoice
            label: M
            options: [{value: reuse}, {value: repair}]
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 3, when: {question: kind, eq: dnoe}}
              - {points: 2, when: {question: measures, includes_any: [reuse, repiar]}}
              - {points: 1, when: {field: type, eq: projekt}}
              - {points: 0}
        """,
        [
            ("unknown-option", 18, 48),
            ("unknown-option", 19, 70),
            ("unknown-option", 20, 45),
        ],
    ),
    (
        "null-value",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 1, when: {question: q, eq: null}}
              - {points: 0}
        """,
        [
            ("null-value", 14, 45),
        ],
    ),
    (
        "relevant-order",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - id: plan
            type: text
            label: P
            relevant: {question: kind, eq: a}
          - id: kind
            type: choice
            label: K
            options: [{value: a}, {value: b}]
            relevant: {not: {question: kind, eq: b}}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 1, when: {question: plan, answered: true}}
              - {points: 0}
        """,
        [
            ("relevant-order", 11, 26),
            ("relevant-order", 16, 32),
        ],
    ),
    (
        "unknown-dimension",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q}
        criteria:
          - id: C
            dimension: social
            title: C
            manual: {max_points: 2}
          - id: D
            dimension: socail
            title: D
            levels:
              - {points: 1, when: {question: q, gt: 0}}
              - {points: 0}
        """,
        [
            ("unknown-dimension", 15, 16),
        ],
    ),
    (
        "levels-or-manual",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q}
        criteria:
          - id: BOTH
            dimension: social
            title: C
            manual: {max_points: 2}
            levels:
              - {points: 1, when: {question: q, gt: 0}}
              - {points: 0}
          - {id: NEITHER, dimension: social, title: N}
        """,
        [
            ("levels-or-manual", 10, 5),
            ("levels-or-manual", 17, 5),
        ],
    ),
    (
        "named-levels",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        criteria:
          - id: C
            dimension: social
            title: C
            manual:
              levels:
                - {level: G, points: 1}
                - {level: G, points: 3}
                - {level: MVG, points: 2}
        """,
        [("named-levels", 14, 19), ("named-levels", 15, 32)],
    ),
    (
        "unreachable-minimum",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        verdict: {criterion_min_points: 3}
        criteria:
          - {id: A, dimension: social, title: A, manual: {max_points: 2}}
          - {id: B, dimension: social, title: B, manual: {max_points: 2}, min_points: 4}
          - {id: C, dimension: social, title: C, manual: {max_points: 2}, min_points: 1}
        """,
        [("unreachable-minimum", 7, 10), ("unreachable-minimum", 10, 79)],
    ),
    (
        "zero-max-points",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 0, when: {question: q, gt: 0}}
              - {points: 0}
        """,
        [("zero-max-points", 13, 5)],
    ),
    (
        "unreachable-level",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - points: 1
              - points: 0
                when: {question: q, gt: 0}
        """,
        [
            ("unreachable-level", 15, 9),
        ],
    ),
    (
        "level-order",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 1, when: {question: q, gt: 0}}
              - {points: 3, when: {question: q, gt: 10}}
              - {points: 0}
        """,
        [
            ("level-order", 15, 18),
        ],
    ),
    (
        "unused-question",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q}
          - {id: forgotten, type: text, label: F}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 1, when: {question: q, gt: 0}}
              - {points: 0}
        """,
        [
            ("unused-question", 9, 10),
        ],
    ),
    (
        "choice-options",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q, options: [{value: a}]}
          - {id: kind, type: choice, label: K}
          - id: many
            type: multichoice
            label: M
            options:
              - {value: a}
              - {value: b}
              - {value: a}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 1, when: {all: [{question: q, gt: 0}, {question: kind, answered: true}]}}
              - {points: 0, when: {question: many, includes_any: [b]}}
        """,
        [
            ("choice-options", 8, 37),
            ("choice-options", 9, 22),
            ("choice-options", 16, 17),
        ],
    ),
    (
        "question-limits",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q, max: 0, min: 10, min_length: 3}
          - {id: plan, type: text, label: P, min: 1}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 1, when: {question: q, gt: 0}}
              - {points: 0, when: {question: plan, answered: true}}
        """,
        [
            ("question-limits", 8, 45),
            ("question-limits", 8, 54),
            ("question-limits", 9, 38),
        ],
    ),
    (
        "sdg-range",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q}
        criteria:
          - id: C
            dimension: social
            title: C
            sdg: [0, 5, 17, 18]
            levels:
              - {points: 1, when: {question: q, gt: 0}}
              - {points: 0}
        """,
        [
            ("sdg-range", 13, 11),
            ("sdg-range", 13, 21),
        ],
    ),
    (
        "zero-weight",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social, weight: 0}
          economic: {title: Economic, weight: 0}
        questions:
          - {id: q, type: number, label: Q}
        criteria:
          - id: C
            dimension: social
            title: C
            weight: 0
            levels:
              - {points: 1, when: {question: q, gt: 0}}
              - {points: 0}
          - id: E
            dimension: economic
            title: E
            manual: {max_points: 1}
        """,
        [
            ("zero-weight", 5, 1),
            ("zero-weight", 6, 3),
        ],
    ),
    (
        "weight-uncertainty",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        weight_uncertainty:
          default: 0.1
          dimensions: {socail: 0.2, social: unknown}
          criteria: {C: 0.5, D: unknown}
        dimensions:
          social: {title: Social}
        questions:
          - {id: q, type: number, label: Q}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 1, when: {question: q, gt: 0}}
              - {points: 0}
        """,
        [
            ("weight-uncertainty", 7, 16),
            ("weight-uncertainty", 8, 22),
        ],
    ),
    (
        "empty-dimension",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
          ecological: {title: Ecological}
        questions:
          - {id: q, type: number, label: Q}
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 1, when: {question: q, gt: 0}}
              - {points: 0}
        """,
        [
            ("empty-dimension", 7, 3),
        ],
    ),
    (
        "missing-translation",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: {sv: Titel, en: Title}
        dimensions:
          social: {title: {sv: Social, en: Social}}
        questions:
          - {id: q, type: number, label: Q}
        criteria:
          - id: C
            dimension: social
            title: {sv: K}
            levels:
              - {points: 1, when: {question: q, gt: 0}, label: {en: Good, de: Gut}}
              - {points: 0}
        """,
        [
            ("missing-translation", 4, 8),
            ("missing-translation", 6, 19),
            ("missing-translation", 8, 34),
            ("missing-translation", 12, 12),
            ("missing-translation", 14, 56),
        ],
    ),
    (
        "follow-up-question",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: jobs, type: integer, label: Jobs}
        criteria:
          - id: C
            dimension: social
            title: C
            levels: [{points: 1, when: {question: jobs, gt: 0}}, {points: 0}]
        follow_up:
          - {question: jbos}
          - {question: jobs}
          - {question: jobs, shortfall: below}
        """,
        [
            ("follow-up-question", 15, 16),
            ("follow-up-question", 17, 16),
        ],
    ),
    (
        "follow-up-type",
        """\
        kind: criteria-set
        id: t
        version: "1"
        title: T
        dimensions:
          social: {title: Social}
        questions:
          - {id: plan, type: text, label: Plan}
          - {id: done, type: boolean, label: Done}
        criteria:
          - id: C
            dimension: social
            title: C
            levels: [{points: 1, when: {question: plan, answered: true}}, {points: 0}]
          - id: D
            dimension: social
            title: D
            levels: [{points: 1, when: {question: done, eq: true}}, {points: 0}]
        follow_up:
          - {question: plan}
          - {question: done, tolerance: {absolute: 1}}
        """,
        [
            ("follow-up-type", 20, 16),
            ("follow-up-type", 21, 22),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_check(
    text: str, expected: list[tuple[str, int, int]], sets: SetFolder, located: Located
) -> None:
    problems = sets.lint(text)
    assert located(problems) == expected
    for problem in problems:
        assert problem.severity is CHECKS[problem.rule].severity
        assert problem.file.endswith("set.yaml")


def test_every_registered_check_has_a_case_and_documentation() -> None:
    """A new check without a case here fails this test."""
    assert {c[0] for c in CASES} == set(CHECKS)
    for case_id, _, expected in CASES:
        assert case_id in {rule for rule, _, _ in expected}, case_id
    for check_id, check in CHECKS.items():
        assert check.id == check_id
        assert check.doc, f"{check_id} has no docstring"
        assert check.doc[0].isupper() or check.doc.startswith("``"), check_id
        assert check.doc.rstrip().endswith("."), check_id


def test_warnings_are_the_checks_that_do_not_break_scoring() -> None:
    warnings = {c.id for c in CHECKS.values() if c.severity is Severity.WARNING}
    assert warnings == {"level-order", "unused-question", "empty-dimension", "missing-translation"}


MESSAGES: list[tuple[str, str]] = [
    # (check id, a fragment of the English message of the first finding in its case)
    ("unknown-question", "The condition names an unknown question 'qq'. Did you mean 'q'?"),
    ("unknown-field", "unknown field 'budget.requested'; the fields are type, applicant.sector"),
    ("ratio-type", "A ratio divides numbers, but 'kind' is of type choice."),
    ("operator-type", "The operator 'lt' does not fit 'plan', a text question."),
    ("value-type", "The value '10' does not fit 'q', a number question."),
    ("unknown-option", "'dnoe' is not an option of 'kind'; the options are none, done."),
    ("null-value", "Comparing with null never holds; use `answered: false`"),
    ("relevant-order", "'plan' is asked only when 'kind' is answered a certain way"),
    (
        "unknown-dimension",
        "The dimension 'socail' is not declared in the set; the declared dimensions are social.",
    ),
    ("levels-or-manual", "The criterion 'BOTH' needs either `levels` or `manual`"),
    ("unreachable-level", "This level can never be reached"),
    ("level-order", "This level gives more points than the one before it"),
    ("unused-question", "No criterion, gate or condition uses the question 'forgotten'."),
    (
        "choice-options",
        "Only choice and multichoice questions have options; 'q' is a number question.",
    ),
    ("question-limits", "`min` (10) is above `max` (0)."),
    ("sdg-range", "There is no SDG 0; the goals are numbered 1 to 17."),
    ("zero-weight", "Every dimension weighs zero."),
    ("empty-dimension", "The dimension 'ecological' has no criteria."),
    ("missing-translation", "No translation into de."),
    ("follow-up-question", "The follow-up entry names an unknown question 'jbos'."),
    ("follow-up-type", "'plan' is a text question, which cannot be compared"),
]


@pytest.mark.parametrize(("check_id", "fragment"), MESSAGES, ids=[m[0] for m in MESSAGES])
def test_messages(
    check_id: str, fragment: str, sets: SetFolder, message_check: MessageCheck
) -> None:
    text = next(c[1] for c in CASES if c[0] == check_id)
    first = min((p for p in sets.lint(text) if p.rule == check_id), key=Problem.sort_key)
    message_check(first, fragment)


@pytest.mark.parametrize(
    ("check_id", "line", "fragment"),
    [
        ("unknown-field", 23, "Did you mean 'applicant.sector'?"),
        ("unknown-option", 19, "Did you mean 'repair'?"),
        ("unknown-option", 20, "Did you mean 'project'?"),
        ("unknown-dimension", 15, "Did you mean 'social'?"),
        ("value-type", 17, "The value 'yes' does not fit 'fossil', a boolean question."),
        ("operator-type", 19, "'includes_all' does not fit 'period.start', a date question."),
        ("choice-options", 9, "The choice question 'kind' has no options."),
        ("choice-options", 16, "The option 'a' is listed twice."),
        ("question-limits", 9, "`min` applies only to number and integer questions."),
        ("zero-weight", 6, "The criteria in the dimension 'social' weigh zero in total."),
        ("missing-translation", 8, "No translation into de, en, sv."),
    ],
)
def test_more_messages(
    check_id: str, line: int, fragment: str, sets: SetFolder, message_check: MessageCheck
) -> None:
    text = next(c[1] for c in CASES if c[0] == check_id)
    found = [p for p in sets.lint(text) if p.rule == check_id and p.line == line]
    assert found
    message_check(found[0], fragment)


CLEAN = """\
kind: criteria-set
id: clean
version: "1"
title: Clean
dimensions:
  social: {title: Social, weight: 2}
  ecological: {title: Ecological}
questions:
  - id: kind
    type: choice
    label: Kind
    options: [{value: a}, {value: b}]
  - {id: amount, type: number, label: Amount, min: 0, max: 10}
  - {id: plan, type: text, label: Plan, min_length: 20, relevant: {question: kind, eq: a}}
  - {id: measures, type: multichoice, label: M, options: [{value: reuse}, {value: repair}]}
  - {id: fossil, type: boolean, label: Fossil}
  - {id: start, type: date, label: Start}
criteria:
  - id: S-1
    dimension: social
    title: S
    sdg: [1, 17]
    levels:
      - {points: 2, when: {all: [{question: kind, in: [a]}, {question: plan, min_length: 20}]}}
      - {points: 1, when: {not: {question: kind, not_in: [a, b]}}}
      - {points: 0}
  - id: E-1
    dimension: ecological
    title: E
    levels:
      - {points: 2, when: {any: [{question: amount, lt: 5}, {question: start, ge: 2026-01-01}]}}
      - {points: 1, when: {question: measures, includes_all: [reuse, repair]}}
      - {points: 1, when: {question: measures, includes_any: [reuse]}}
      - {points: 0}
  - id: E-2
    dimension: ecological
    title: M
    weight: 0.5
    manual: {max_points: 3}
gates:
  - {id: G-1, title: G, when: {question: plan, answered: false}, effect: review}
  - {id: G-2, title: F, when: {question: fossil, eq: true}, effect: exclude}
  - {id: G-3, title: B, when: {field: budget.requested_sek, gt: 5000000}, effect: review}
  - {id: G-4, title: T, when: {field: type, eq: business_support}, effect: review}
"""


def test_a_clean_set_has_no_findings(sets: SetFolder) -> None:
    assert sets.lint(CLEAN) == []


def test_the_fixture_set_has_no_findings(sets: SetFolder) -> None:
    assert sets.lint((FIXTURES / "mini-set.yaml").read_text(encoding="utf-8"), "mini.yaml") == []


@pytest.mark.parametrize(
    "name", sorted(p.name for p in bundled_dir("criteria").glob("*.yaml")) or ["(none)"]
)
def test_the_bundled_sets_have_no_findings(name: str) -> None:
    folder = bundled_dir("criteria")
    library = CriteriaLibrary(folders=[folder])
    path = (folder / name).resolve()
    assert lint(library.load(path), library.resolve_path(path)) == []


def test_lint_runs_every_check_on_the_file(sets: SetFolder) -> None:
    sets.write(CLEAN)
    own, resolved = sets.load(), sets.resolve()
    context = LintContext(own, resolved)
    assert lint(own, resolved) == [p for c in CHECKS.values() for p in c.run(context)]


# --- a file is linted together with everything it extends ------------------------------------

BASE = """\
kind: criteria-set
id: base
version: "1"
title: Base
dimensions:
  social: {title: Social}
questions:
  - {id: q, type: number, label: Q}
  - {id: shared, type: choice, label: S, options: [{value: a}, {value: b}]}
criteria:
  - id: B-1
    dimension: social
    title: B
    levels:
      - {points: 1, when: {question: q, gt: 0}}
      - {points: 0}
"""

CHILD = """\
kind: criteria-set
id: child
version: "1"
title: Child
extends: [base]
dimensions:
  economic: {title: Economic}
questions:
  - id: later
    type: text
    label: L
    relevant: {question: shared, eq: a}
criteria:
  - id: C-1
    dimension: economic
    title: C
    levels:
      - {points: 1, when: {all: [{question: shared, in: [b]}, {question: later, answered: true}]}}
      - {points: 0, when: {question: shared, eq: c}}
"""


def test_an_extending_set_sees_the_questions_and_dimensions_of_its_base(
    sets: SetFolder, located: Located
) -> None:
    sets.write(BASE, "base.yaml")
    assert located(sets.lint(CHILD, "child.yaml")) == [("unknown-option", 19, 50)]


def test_a_base_is_linted_on_its_own(sets: SetFolder, located: Located) -> None:
    sets.write(CHILD, "child.yaml")
    # `shared` is used only by the child, which the base does not know of
    assert located(sets.lint(BASE, "base.yaml")) == [("unused-question", 9, 10)]


def test_findings_are_located_in_the_linted_file_only(sets: SetFolder, located: Located) -> None:
    sets.write(BASE.replace("{question: q, gt: 0}", "{question: q, gt: '0'}"), "base.yaml")
    sets.write(CHILD, "child.yaml")
    problems = lint(sets.load("child.yaml"), sets.resolve("child.yaml"))
    # the base's own value-type problem is the base's to report
    assert located(problems) == [("unknown-option", 19, 50)]
    assert Path(problems[0].file).name == "child.yaml"


def test_relevant_order_counts_base_questions_as_earlier(sets: SetFolder, located: Located) -> None:
    sets.write(BASE, "base.yaml")
    child = CHILD.replace("{question: shared, eq: c}", "{question: shared, eq: b}")
    assert located(sets.lint(child, "child.yaml")) == []
