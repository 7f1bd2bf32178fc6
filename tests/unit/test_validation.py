"""Schema validation of parsed documents, and resolving a criteria set's ``extends``."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import pytest
from pydantic import BaseModel

from hallbarhet_cli.errors import InputError, Problem, Severity
from hallbarhet_cli.files.yamlload import Document
from hallbarhet_cli.models import Application, CriteriaSet
from hallbarhet_cli.models.validation import describe, did_you_mean, nearest, validate

if TYPE_CHECKING:
    from tests.unit.conftest import Located, MessageCheck, Parse, SetFolder


def problems_of(model: type[BaseModel], document: Document) -> list[Problem]:
    """The problems of an invalid document (and that it is refused as a whole)."""
    result, problems = validate(model, document)
    assert result is None
    assert problems
    return problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [p.render("en") for p in problems]
    return problems[0]


# --- schema problems, located ---------------------------------------------------------------

SCHEMA_CASES: list[tuple[str, type[BaseModel], str, list[tuple[str, int, int]]]] = [
    (
        "unknown-top-level-key",
        CriteriaSet,
        """\
        kind: criteria-set
        id: x
        version: "1"
        title: X
        titel: X
        """,
        [("unknown-key", 5, 1)],
    ),
    (
        "unknown-and-missing",
        CriteriaSet,
        """\
        kind: criteria-set
        id: x
        version: "1"
        titel: X
        """,
        [("missing-key", 1, 1), ("unknown-key", 4, 1)],
    ),
    (
        "unknown-key-in-flow-mapping",
        CriteriaSet,
        """\
        kind: criteria-set
        id: x
        version: "1"
        title: X
        dimensions:
          social: {title: S, wieght: 2}
        """,
        [("unknown-key", 6, 22)],
    ),
    (
        "missing-key-in-list-item",
        CriteriaSet,
        """\
        kind: criteria-set
        id: x
        version: "1"
        title: X
        questions:
          - id: q
            type: number
          - {id: r, type: text, label: R}
        """,
        [("missing-key", 6, 5)],
    ),
    (
        "missing-key-in-nested-mapping",
        Application,
        """\
        kind: application
        id: A-1
        type: project
        title: T
        applicant:
          name: N
        budget: {total_sek: 10, requested_sek: 1}
        period: {start: 2026-01-01, end: 2026-02-01}
        """,
        [("missing-key", 5, 1)],
    ),
    (
        "wrong-literals",
        CriteriaSet,
        """\
        kind: criteria-set
        id: x
        version: "1"
        title: X
        applies_to: [projekt]
        questions:
          - {id: q, type: nummer, label: Q}
        gates:
          - {id: G, title: G, when: {question: q, eq: 1}, effect: exclud}
        """,
        [("schema", 5, 14), ("schema", 7, 19), ("schema", 9, 59)],
    ),
    (
        "numbers-out-of-bounds",
        CriteriaSet,
        """\
        kind: criteria-set
        id: x
        version: "1"
        title: X
        verdict: {pass_percent: 101, dimension_min_percent: -1}
        criteria:
          - id: C
            dimension: social
            title: C
            weight: -1
            manual: {max_points: 0}
        """,
        [("schema", 5, 25), ("schema", 5, 53), ("schema", 10, 13), ("schema", 11, 26)],
    ),
    (
        "conditions",
        CriteriaSet,
        """\
        kind: criteria-set
        id: x
        version: "1"
        title: X
        criteria:
          - id: C
            dimension: social
            title: C
            levels:
              - {points: 3, when: {question: q, eq: 1, lt: 2}}
              - {points: 2, when: {question: q}}
              - {points: 1, when: {field: type, question: q, eq: 1}}
              - {points: 1, when: 5}
              - {points: 1, when: {all: []}}
              - {points: 1, when: {not: {question: q, lt: 1, extra: 2}}}
              - {points: 0, when: {any: [{question: q, gte: 1}]}}
        """,
        [
            ("schema", 10, 27),
            ("schema", 11, 27),
            ("schema", 12, 27),
            ("schema", 13, 27),
            ("schema", 14, 33),
            ("unknown-key", 15, 54),
            ("unknown-key", 16, 48),
        ],
    ),
    (
        "application-values",
        Application,
        """\
        kind: application
        id: A-1
        type: project
        title: ""
        applicant: {name: N, sector: publik}
        budget: {total_sek: .inf, requested_sek: -1}
        period: {start: 2026-01-01, end: soon}
        review:
          scores: {SOC-1: {points: 1.5, coment: c}}
          cleared: X
        """,
        [
            ("schema", 4, 8),
            ("schema", 5, 30),
            ("schema", 6, 21),
            ("schema", 6, 42),
            ("schema", 7, 34),
            ("schema", 9, 28),
            ("unknown-key", 9, 33),
            ("schema", 10, 12),
        ],
    ),
    (
        "not-a-mapping",
        CriteriaSet,
        """\
        - a
        - b
        """,
        [("schema", 1, 1)],
    ),
]


@pytest.mark.parametrize(
    ("model", "text", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in SCHEMA_CASES],
)
def test_schema_problems_are_located(
    model: type[BaseModel],
    text: str,
    expected: list[tuple[str, int, int]],
    yaml_doc: Parse,
    located: Located,
) -> None:
    problems = problems_of(model, yaml_doc(text))
    assert located(problems) == expected
    assert all(p.severity is Severity.ERROR for p in problems)
    assert all(p.file == "t.yaml" for p in problems)


MESSAGE_CASES: list[tuple[str, str, str]] = [
    # (id, the line that replaces `title: X` in a valid set, fragment)
    ("unknown-key-hint", "titel: X", "Unknown key 'titel'. Did you mean 'title'?"),
    ("literal-hint", "applies_to: [projekt]", "Did you mean 'project'?"),
    ("literal-options", "applies_to: [x]", "expected one of 'project' or 'business_support'"),
    ("text-type", "title: [a]", "Expected text, got [...]."),
    ("bound", "verdict: {pass_percent: 101}", "Must be at most 100, got 101."),
    ("list-type", "title: T\nextends: base", "Expected a list, got 'base'."),
    ("empty-text", "title: ''", "Must not be empty."),
]


@pytest.mark.parametrize(
    ("line", "fragment"), [pytest.param(*case[1:], id=case[0]) for case in MESSAGE_CASES]
)
def test_schema_messages(
    line: str, fragment: str, yaml_doc: Parse, message_check: MessageCheck
) -> None:
    text = f'kind: criteria-set\nid: x\nversion: "1"\n{line}\n'
    problems = problems_of(CriteriaSet, yaml_doc(text))
    matching = [p for p in problems if fragment in p.message.render("en")]
    assert matching, [p.message.render("en") for p in problems]
    message_check(matching[0], fragment)


def test_unknown_key_far_from_every_known_key_gets_no_hint(yaml_doc: Parse) -> None:
    text = 'kind: criteria-set\nid: x\nversion: "1"\ntitle: X\nzzzz: 1\n'
    problem = only(problems_of(CriteriaSet, yaml_doc(text)))
    assert (problem.rule, problem.line, problem.column) == ("unknown-key", 5, 1)
    assert problem.message.hint is None
    assert problem.message.render("en") == "Unknown key 'zzzz'."


@pytest.mark.parametrize(
    ("condition", "suggestion"),
    [("{alll: [{question: q, eq: 1}]}", "all"), ("{nott: {question: q, eq: 1}}", "not")],
)
def test_a_misspelt_combinator_suggests_the_combinator(
    condition: str, suggestion: str, yaml_doc: Parse
) -> None:
    text = f"""\
    kind: criteria-set
    id: x
    version: "1"
    title: X
    gates:
      - id: G
        title: G
        effect: review
        when: {condition}
    """
    problems = problems_of(CriteriaSet, yaml_doc(text))
    unknown = [p for p in problems if p.rule == "unknown-key"]
    assert [(p.line, p.column) for p in unknown] == [(9, 12)]
    assert f"Did you mean {suggestion!r}?" in unknown[0].message.render("en")


def test_a_text_mapping_with_a_bad_language_code_is_one_problem_at_the_code(
    yaml_doc: Parse, located: Located
) -> None:
    """A mapping is a valid text, so "Expected text, got {...}" (the plain-string branch of
    the union) is noise; the one problem is the language code, located at that key."""
    text = """\
    kind: criteria-set
    id: x
    version: "1"
    title: {sv: Titel, english: Title}
    """
    problems = problems_of(CriteriaSet, yaml_doc(text))
    assert located(problems) == [("schema", 4, 20)]


def test_a_bad_mapping_key_is_located_at_the_key(yaml_doc: Parse, located: Located) -> None:
    text = """\
    kind: criteria-set
    id: x
    version: "1"
    title: X
    dimensions:
      social: {title: S}
      bad id: {title: B}
    """
    assert located(problems_of(CriteriaSet, yaml_doc(text))) == [("schema", 7, 3)]


@pytest.mark.parametrize(
    ("model", "text", "bad"),
    [
        pytest.param(
            CriteriaSet,
            'kind: criteria-set\nid: X_bad\nversion: "1"\ntitle: X\n',
            "X_bad",
            id="set-id",
        ),
        pytest.param(
            CriteriaSet,
            'kind: criteria-set\nid: x\nversion: "1"\ntitle: {english: X}\n',
            "english",
            id="language-code",
        ),
        pytest.param(
            Application,
            "kind: application\nid: ' A'\ntype: project\ntitle: T\n"
            "applicant: {name: N, sector: public}\nbudget: {total_sek: 1, requested_sek: 1}\n"
            "period: {start: 2026-01-01, end: 2026-01-02}\n",
            " A",
            id="application-id",
        ),
    ],
)
def test_a_pattern_message_describes_the_pattern_that_failed(
    model: type[BaseModel], text: str, bad: str, yaml_doc: Parse
) -> None:
    """The message for element ids ("letters, digits, '-', '_' and '.'") must not be given
    for a value checked against another pattern: it would tell the author that ``X_bad`` is
    allowed as a set id, that ``english`` is a fine language code, or that an application id
    cannot contain a space."""
    problems = problems_of(model, yaml_doc(text))
    about = [p for p in problems if repr(bad) in p.message.render("en")]
    assert [p.rule for p in about] == ["schema"]
    assert "letters, digits, '-', '_' and '.'" not in about[0].message.render("en")


def test_an_element_id_pattern_message(yaml_doc: Parse, message_check: MessageCheck) -> None:
    text = """\
    kind: criteria-set
    id: x
    version: "1"
    title: X
    questions:
      - {id: "bad id", type: text, label: L}
    """
    problem = only(problems_of(CriteriaSet, yaml_doc(text)))
    assert (problem.rule, problem.line, problem.column) == ("schema", 6, 10)
    message_check(problem, "'bad id' is not a valid id")


# --- text that YAML read as something else ------------------------------------------------


def test_plain_scalars_read_as_other_types_get_their_text_back(yaml_doc: Parse) -> None:
    text = """\
    kind: criteria-set
    id: 2026
    version: 2026.10
    title: 2026-01-01
    description: true
    questions:
      - id: 12
        type: choice
        label: 1.0
        unit: 0x1f
        options:
          - value: no
          - value: 2026
          - value: 1e3
    """
    model, problems = validate(CriteriaSet, yaml_doc(text))
    assert problems == []
    assert model is not None
    assert (model.id, model.version, model.title, model.description) == (
        "2026",
        "2026.10",
        "2026-01-01",
        "true",
    )
    question = model.questions[0]
    assert (question.id, question.label, question.unit) == ("12", "1.0", "0x1f")
    assert question.option_values() == ["no", "2026", "1e3"]


def test_numbers_where_numbers_are_wanted_stay_numbers(yaml_doc: Parse) -> None:
    text = """\
    kind: application
    id: 42
    type: project
    title: 2026
    applicant: {name: N, org_number: 5560000000, sector: public}
    budget: {total_sek: 0x10, requested_sek: 2.5}
    period: {start: 2026-01-01, end: 2026-12-31}
    answers: {a: 1, b: 2026-01-01}
    """
    model, problems = validate(Application, yaml_doc(text))
    assert problems == []
    assert model is not None
    assert (model.id, model.title, model.applicant.org_number) == ("42", "2026", "5560000000")
    assert (model.budget.total_sek, model.budget.requested_sek) == (16, 2.5)
    # answers are typed later, against the questions; here they are left as YAML read them
    assert model.answers == {"a": 1, "b": model.period.start}


def test_restored_text_does_not_hide_other_problems(yaml_doc: Parse, located: Located) -> None:
    text = "kind: criteria-set\nid: x\nversion: 2026.10\ntitel: X\n"
    assert located(problems_of(CriteriaSet, yaml_doc(text))) == [
        ("missing-key", 1, 1),
        ("unknown-key", 4, 1),
    ]


# --- helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (2.5, "2.5"),
        ("kort", "'kort'"),
        ("x" * 50, repr("x" * 37 + "...")),
        ([1], "[...]"),
        ({"a": 1}, "{...}"),
    ],
)
def test_describe(value: Any, expected: str) -> None:
    assert describe(value) == expected


@pytest.mark.parametrize(
    ("word", "candidates", "expected"),
    [
        ("titel", ["title", "type"], "title"),
        ("requierd", ["required", "relevant"], "required"),
        ("zzz", ["title"], None),
        ("x", [], None),
        # a difference in case only is the likeliest typo of all
        ("Done", ["none", "planned", "done"], "done"),
        ("Title", ["type", "title"], "title"),
    ],
)
def test_nearest(word: str, candidates: list[str], expected: str | None) -> None:
    assert nearest(word, candidates) == expected


def test_did_you_mean() -> None:
    hint = did_you_mean("titel", ["title"])
    assert hint is not None
    assert hint.render("en") == "Did you mean 'title'?"
    assert did_you_mean("zzz", ["title"]) is None


# --- resolving extends ----------------------------------------------------------------------


def set_text(set_id: str, version: str = "1", body: str = "") -> str:
    """A minimal valid criteria set; ``body`` starts on line 5."""
    return f'kind: criteria-set\nid: {set_id}\nversion: "{version}"\ntitle: T\n{body}'


def refused_set(sets: SetFolder, name: str) -> list[Problem]:
    with pytest.raises(InputError) as info:
        sets.resolve(name)
    return info.value.problems


@pytest.fixture
def in_sets(sets: SetFolder, monkeypatch: pytest.MonkeyPatch) -> SetFolder:
    """Work in the sets' folder, so that the current folder allows nothing else."""
    monkeypatch.chdir(sets.folder)
    return sets


def test_extends_merges_bases_first(in_sets: SetFolder) -> None:
    in_sets.write(
        set_text("base", body="questions:\n  - {id: q, type: number, label: Q}\n"), "base.yaml"
    )
    in_sets.write(
        set_text(
            "child",
            body="extends: [base]\nquestions:\n  - {id: r, type: number, label: R}\n",
        ),
        "child.yaml",
    )
    resolved = in_sets.resolve("child.yaml")
    assert [s.path.name for s in resolved.chain] == ["base.yaml", "child.yaml"]
    assert [q.id for q in resolved.questions] == ["q", "r"]
    assert resolved.id == "child"
    source, path = resolved.origin[("question", "q")]
    assert (source.path.name, path) == ("base.yaml", ("questions", 0))


def test_a_shared_base_is_merged_once(in_sets: SetFolder) -> None:
    in_sets.write(
        set_text("base", body="questions:\n  - {id: q, type: number, label: Q}\n"), "base.yaml"
    )
    in_sets.write(set_text("left", body="extends: [base]\n"), "left.yaml")
    in_sets.write(set_text("right", body="extends: [base.yaml]\n"), "right.yaml")
    in_sets.write(set_text("top", body="extends: [left, right]\n"), "top.yaml")
    resolved = in_sets.resolve("top.yaml")
    assert [s.path.name for s in resolved.chain] == [
        "base.yaml",
        "left.yaml",
        "right.yaml",
        "top.yaml",
    ]
    assert [q.id for q in resolved.questions] == ["q"]


CYCLES = [
    # (id, files and their `extends`, file resolved, where the cycle is reported, cycle)
    (
        "self-by-id",
        {"self.yaml": "extends: [self]\n"},
        "self.yaml",
        ("self.yaml", 5, 11),
        "self.yaml -> self.yaml",
    ),
    (
        "self-by-path",
        {"a.yaml": "extends: [a.yaml]\n"},
        "a.yaml",
        ("a.yaml", 5, 11),
        "a.yaml -> a.yaml",
    ),
    (
        "two",
        {"a.yaml": "extends: [b]\n", "b.yaml": "questions: []\nextends:\n  - a.yaml\n"},
        "a.yaml",
        ("b.yaml", 7, 5),
        "a.yaml -> b.yaml -> a.yaml",
    ),
    (
        "three",
        {"a.yaml": "extends: [b.yaml]\n", "b.yaml": "extends: [c]\n", "c.yaml": "extends: [a]\n"},
        "b.yaml",
        ("a.yaml", 5, 11),
        "b.yaml -> c.yaml -> a.yaml -> b.yaml",
    ),
]


@pytest.mark.parametrize(
    ("files", "start", "where", "cycle"), [pytest.param(*c[1:], id=c[0]) for c in CYCLES]
)
def test_extends_cycle(
    files: dict[str, str],
    start: str,
    where: tuple[str, int, int],
    cycle: str,
    in_sets: SetFolder,
    message_check: MessageCheck,
) -> None:
    for name, body in files.items():
        in_sets.write(set_text(name.removesuffix(".yaml"), body=body), name)
    problem = only(refused_set(in_sets, start))
    assert (problem.rule, problem.file, problem.line, problem.column) == ("extends-cycle", *where)
    message_check(problem, f"`extends` makes a cycle: {cycle}.")


def test_duplicate_ids_across_sets_name_the_other_file(
    in_sets: SetFolder, located: Located, message_check: MessageCheck
) -> None:
    in_sets.write(
        set_text(
            "base",
            body="""\
questions:
  - {id: q, type: number, label: Q}
criteria:
  - {id: C, dimension: social, title: C, manual: {max_points: 1}}
gates:
  - {id: G, title: G, when: {question: q, gt: 1}, effect: review}
""",
        ),
        "base.yaml",
    )
    in_sets.write(
        set_text(
            "child",
            body="""\
extends: [base]
questions:
  - {id: r, type: number, label: R}
  - {id: q, type: text, label: Q}
criteria:
  - id: C
    dimension: social
    title: C
    manual: {max_points: 1}
gates:
  - {id: G, title: G, when: {question: q, gt: 1}, effect: review}
""",
        ),
        "child.yaml",
    )
    problems = refused_set(in_sets, "child.yaml")
    assert located(problems) == [
        ("duplicate-id", 8, 10),
        ("duplicate-id", 10, 9),
        ("duplicate-id", 15, 10),
    ]
    assert {p.file for p in problems} == {"child.yaml"}
    by_line = {p.line: p for p in problems}
    message_check(by_line[8], "The id 'q' is already used in base.yaml (line 6).")
    message_check(by_line[10], "The id 'C' is already used in base.yaml (line 8).")
    message_check(by_line[15], "The id 'G' is already used in base.yaml (line 10).")


def test_duplicate_ids_within_one_set(in_sets: SetFolder, message_check: MessageCheck) -> None:
    in_sets.write(
        set_text(
            "dup",
            body="questions:\n"
            "  - {id: q, type: number, label: Q}\n"
            "  - {id: q, type: text, label: Q}\n",
        ),
        "dup.yaml",
    )
    problem = only(refused_set(in_sets, "dup.yaml"))
    assert (problem.rule, problem.line, problem.column) == ("duplicate-id", 7, 10)
    message_check(problem, "already used in dup.yaml (line 6)")


def test_the_same_id_may_be_a_question_and_a_criterion(in_sets: SetFolder) -> None:
    in_sets.write(
        set_text(
            "x",
            body="questions:\n  - {id: X, type: number, label: Q}\n"
            "criteria:\n  - {id: X, dimension: social, title: C, manual: {max_points: 1}}\n",
        ),
        "x.yaml",
    )
    assert [c.id for c in in_sets.resolve("x.yaml").criteria] == ["X"]


def test_id_at_version(in_sets: SetFolder, message_check: MessageCheck) -> None:
    in_sets.write(set_text("base", version="1"), "base.yaml")
    in_sets.write(set_text("ok", body="extends: [base@1]\n"), "ok.yaml")
    in_sets.write(set_text("wrong", body="extends: [base@2]\n"), "wrong.yaml")
    assert in_sets.resolve("ok.yaml").chain[0].model.version == "1"
    problem = only(refused_set(in_sets, "wrong.yaml"))
    assert (problem.file, problem.rule, problem.line, problem.column) == (
        "wrong.yaml",
        "criteria-version",
        5,
        11,
    )
    message_check(problem, "The criteria set 'base' is at version 1")
    assert "not 2." in problem.message.render("en")
    assert "base.yaml" in problem.message.render("en")


def test_id_at_version_finds_a_versioned_file_name(in_sets: SetFolder) -> None:
    in_sets.write(set_text("base", version="1"), "base.yaml")
    in_sets.write(set_text("base", version="2"), "base@2.yaml")
    in_sets.write(set_text("child", body="extends: [base@2]\n"), "child.yaml")
    assert in_sets.resolve("child.yaml").chain[0].path.name == "base@2.yaml"


@pytest.mark.parametrize(
    ("ref", "rule", "fragment"),
    [
        ("bsae", "criteria-not-found", "No criteria set with the id 'bsae'. Did you mean 'base'?"),
        ("nothing-like-it", "criteria-not-found", "No criteria set with the id 'nothing-like-it'."),
        ("missing.yaml", "criteria-not-found", "No criteria set file at 'missing.yaml'."),
        ("sub/", "criteria-not-found", "No criteria set file at 'sub/'."),
        ("../outside.yaml", "criteria-escape", "leads outside the allowed folders"),
    ],
)
def test_references_that_lead_nowhere(
    ref: str, rule: str, fragment: str, in_sets: SetFolder, message_check: MessageCheck
) -> None:
    (in_sets.folder / "sub").mkdir()
    (in_sets.folder.parent / "outside.yaml").write_text(set_text("outside"), encoding="utf-8")
    in_sets.write(set_text("base"), "base.yaml")
    in_sets.write(set_text("child", body=f"extends: ['{ref}']\n"), "child.yaml")
    problem = only(refused_set(in_sets, "child.yaml"))
    assert (problem.file, problem.rule, problem.line, problem.column) == (
        "child.yaml",
        rule,
        5,
        11,
    )
    message_check(problem, fragment)


def test_an_absolute_path_outside_the_folders_escapes(in_sets: SetFolder) -> None:
    outside = in_sets.folder.parent / "outside.yaml"
    outside.write_text(set_text("outside"), encoding="utf-8")
    in_sets.write(set_text("child", body=f"extends:\n  - '{outside}'\n"), "child.yaml")
    problem = only(refused_set(in_sets, "child.yaml"))
    assert (problem.rule, problem.line, problem.column) == ("criteria-escape", 6, 5)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symbolic_link_out_of_the_folders_escapes(in_sets: SetFolder) -> None:
    outside = in_sets.folder.parent / "outside.yaml"
    outside.write_text(set_text("outside"), encoding="utf-8")
    (in_sets.folder / "link.yaml").symlink_to(outside)
    in_sets.write(set_text("child", body="extends: [link.yaml]\n"), "child.yaml")
    problem = only(refused_set(in_sets, "child.yaml"))
    assert (problem.rule, problem.line, problem.column) == ("criteria-escape", 5, 11)


def test_a_relative_path_into_a_parent_that_is_allowed(in_sets: SetFolder) -> None:
    in_sets.write(set_text("base"), "base.yaml")
    in_sets.write(set_text("deep", body="extends: [../base.yaml]\n"), "sub/deep.yaml")
    assert [s.model.id for s in in_sets.resolve("sub/deep.yaml").chain] == ["base", "deep"]


@pytest.mark.parametrize(
    ("ref", "kind"),
    [("app.yaml", "application"), ("notes.yaml", None)],
)
def test_extending_a_file_that_is_not_a_criteria_set(
    ref: str, kind: str | None, in_sets: SetFolder, message_check: MessageCheck
) -> None:
    in_sets.write("kind: application\nid: A-1\n", "app.yaml")
    in_sets.write("just: notes\n", "notes.yaml")
    in_sets.write(set_text("child", body=f"extends: [{ref}]\n"), "child.yaml")
    problem = only(refused_set(in_sets, "child.yaml"))
    # reported where the reference is written: the file itself is fine as what it is
    assert (problem.file, problem.rule, problem.line, problem.column) == (
        "child.yaml",
        "not-criteria",
        5,
        11,
    )
    shown = "null" if kind is None else repr(kind)
    message_check(problem, f"{ref} is not a criteria set (its kind is {shown}).")


def test_extending_a_non_criteria_file_by_id_is_located_at_the_reference(
    in_sets: SetFolder,
) -> None:
    in_sets.write("kind: application\nid: A-1\n", "app.yaml")
    in_sets.write(set_text("child", body="extends: [app]\n"), "child.yaml")
    problem = only(refused_set(in_sets, "child.yaml"))
    assert (problem.file, problem.rule, problem.line, problem.column) == (
        "child.yaml",
        "not-criteria",
        5,
        11,
    )


def test_a_broken_base_is_reported_in_the_base(in_sets: SetFolder) -> None:
    in_sets.write(set_text("base", body="titel: x\n"), "base.yaml")
    in_sets.write(set_text("child", body="extends: [base.yaml]\n"), "child.yaml")
    problem = only(refused_set(in_sets, "child.yaml"))
    assert (problem.file, problem.rule, problem.line, problem.column) == (
        "base.yaml",
        "unknown-key",
        5,
        1,
    )


def test_resolving_the_file_given_on_the_command_line_is_not_confined(
    sets: SetFolder, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "set.yaml"
    elsewhere.write_text(set_text("elsewhere"), encoding="utf-8")
    assert sets.library.resolve_path(elsewhere).id == "elsewhere"
