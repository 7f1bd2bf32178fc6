"""The YAML loader: YAML 1.2 core-schema scalars, positions, and every way a file is refused."""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from hallbarhet_cli.errors import Message, Problem, Severity
from hallbarhet_cli.files.yamlload import (
    Document,
    Limits,
    LoadError,
    decode,
    iter_yaml_files,
    load_file,
    parse_text,
)

if TYPE_CHECKING:
    from tests.unit.conftest import MessageCheck


def refused(text: str, limits: Limits | None = None) -> Problem:
    """The problem ``parse_text`` raises for ``text``."""
    with pytest.raises(LoadError) as info:
        parse_text(text, "t.yaml", limits)
    assert info.value.problem.severity is Severity.ERROR
    return info.value.problem


def refused_bytes(raw: bytes) -> Problem:
    with pytest.raises(LoadError) as info:
        decode(raw, "t.yaml")
    return info.value.problem


def refused_file(path: Path, limits: Limits | None = None) -> Problem:
    with pytest.raises(LoadError) as info:
        load_file(path, limits)
    return info.value.problem


# --- scalars: the YAML 1.2 core schema ----------------------------------------------------

SCALARS: list[tuple[str, Any, str | None]] = [
    # (plain scalar, value, the original text kept in Document.raw)
    ("no", "no", None),
    ("yes", "yes", None),
    ("on", "on", None),
    ("off", "off", None),
    ("y", "y", None),
    ("1_000", "1_000", None),
    ("0b101", "0b101", None),
    ("0o8", "0o8", None),
    ("1:20", "1:20", None),
    ("12e", "12e", None),
    ("2026-4-1", "2026-4-1", None),
    ("2026-04-01T10:00:00", "2026-04-01T10:00:00", None),
    ("true", True, "true"),
    ("True", True, "True"),
    ("FALSE", False, "FALSE"),
    ("0o17", 15, "0o17"),
    ("0x1f", 31, "0x1f"),
    ("0x1F", 31, "0x1F"),
    ("+5", 5, "+5"),
    ("-12", -12, "-12"),
    ("0012", 12, "0012"),
    ("2026.10", 2026.1, "2026.10"),
    ("1.", 1.0, "1."),
    (".5", 0.5, ".5"),
    ("1e3", 1000.0, "1e3"),
    ("-2.5E-1", -0.25, "-2.5E-1"),
    (".inf", math.inf, ".inf"),
    ("-.Inf", -math.inf, "-.Inf"),
    ("+.INF", math.inf, "+.INF"),
    ("2026-04-01", dt.date(2026, 4, 1), "2026-04-01"),
    ("2024-02-29", dt.date(2024, 2, 29), "2024-02-29"),
    ("null", None, None),
    ("Null", None, None),
    ("~", None, None),
    ("", None, None),
]


@pytest.mark.parametrize(
    ("scalar", "value", "raw"), SCALARS, ids=[s[0] or "empty" for s in SCALARS]
)
def test_plain_scalars_follow_the_core_schema(scalar: str, value: Any, raw: str | None) -> None:
    document = parse_text(f"a: {scalar}\n", "t.yaml")
    assert document.data == {"a": value}
    assert type(document.data["a"]) is type(value)
    assert document.raw.get(("a",)) == raw


@pytest.mark.parametrize("scalar", [".nan", ".NaN", ".NAN"])
def test_nan_is_a_float_with_its_text_kept(scalar: str) -> None:
    document = parse_text(f"a: {scalar}\n", "t.yaml")
    assert math.isnan(document.data["a"])
    assert document.raw == {("a",): scalar}


@pytest.mark.parametrize(
    "text",
    ["a: '5'", 'a: "true"', "a: 'no'", "a: '2026-04-01'", "a: !!str 5", "a: |\n  12\n"],
)
def test_quoted_and_tagged_text_stays_text_and_is_not_in_raw(text: str) -> None:
    document = parse_text(text, "t.yaml")
    assert isinstance(document.data["a"], str)
    assert document.raw == {}


def test_keys_are_always_text() -> None:
    document = parse_text("1: a\ntrue: b\n2026-01-01: c\nno: d\n", "t.yaml")
    assert list(document.data) == ["1", "true", "2026-01-01", "no"]


def test_an_explicit_int_tag_on_a_quoted_scalar_is_read_as_a_number() -> None:
    assert parse_text("a: !!int '7'\n", "t.yaml").data == {"a": 7}


# --- positions ----------------------------------------------------------------------------

POSITIONS_DOC = """\
kind: application
answers:
  ghg: -5
  plan: |
    Line one.
  measures: [reuse, repair]
  items:
    - id: a
      value: 1
    -   id: b
"""


def test_positions_of_keys_and_values_are_one_based() -> None:
    document = parse_text(POSITIONS_DOC, "t.yaml")
    assert document.values[()] == (1, 1)
    assert document.keys[("kind",)] == (1, 1)
    assert document.values[("kind",)] == (1, 7)
    assert document.keys[("answers",)] == (2, 1)
    assert document.values[("answers",)] == (3, 3)
    assert document.keys[("answers", "ghg")] == (3, 3)
    assert document.values[("answers", "ghg")] == (3, 8)
    assert document.values[("answers", "plan")] == (4, 9)
    assert document.values[("answers", "measures")] == (6, 13)
    assert document.values[("answers", "measures", 0)] == (6, 14)
    assert document.values[("answers", "measures", 1)] == (6, 21)
    assert document.values[("answers", "items", 0)] == (8, 7)
    assert document.keys[("answers", "items", 0, "value")] == (9, 7)
    assert document.values[("answers", "items", 0, "value")] == (9, 14)
    assert document.values[("answers", "items", 1)] == (10, 9)
    assert document.keys[("answers", "items", 1, "id")] == (10, 9)


def test_raw_keeps_the_text_of_nested_plain_scalars() -> None:
    document = parse_text(POSITIONS_DOC, "t.yaml")
    assert document.raw == {
        ("answers", "ghg"): "-5",
        ("answers", "items", 0, "value"): "1",
    }


def test_position_falls_back_to_the_nearest_enclosing_value() -> None:
    document = parse_text(POSITIONS_DOC, "t.yaml")
    assert document.position(("answers", "ghg", "missing", 3)) == (3, 8)
    assert document.position(("nowhere",)) == (1, 1)
    assert document.position(("answers", "ghg"), key=True) == (3, 3)
    # a path without a key position (a list item) gives the value's position
    assert document.position(("answers", "items", 1), key=True) == (10, 9)


def test_problem_is_located_at_the_value_or_the_key() -> None:
    document = parse_text(POSITIONS_DOC, "t.yaml")
    at_value = document.problem(("answers", "ghg"), "r", Message("m"))
    at_key = document.problem(("answers", "ghg"), "r", Message("m"), key=True)
    assert (at_value.file, at_value.line, at_value.column) == ("t.yaml", 3, 8)
    assert (at_key.line, at_key.column) == (3, 3)
    assert at_value.severity is Severity.ERROR
    assert at_value.render("en") == "t.yaml:3:8: error [r] m"


def test_get_and_walk() -> None:
    document = parse_text(POSITIONS_DOC, "t.yaml")
    assert document.get(("answers", "items", 0, "id")) == "a"
    with pytest.raises(KeyError):
        document.get(("answers", "items", 5))
    with pytest.raises(KeyError):
        document.get(("answers", 0))
    # pydantic locations carry union tags that are not in the data; walk skips them
    assert document.walk(("answers", "items", 1, "comparison", "id", "str")) == (
        "answers",
        "items",
        1,
        "id",
    )


def test_aliases_are_expanded() -> None:
    document = parse_text("base: &b [1, 2]\ncopy: *b\n", "t.yaml")
    assert document.data == {"base": [1, 2], "copy": [1, 2]}
    assert document.keys[("copy",)] == (2, 1)


def test_explicit_document_markers_are_allowed() -> None:
    document = parse_text("---\na: 1\n...\n", "t.yaml")
    assert document.data == {"a": 1}
    assert document.values[("a",)] == (2, 4)


# --- refused input ------------------------------------------------------------------------

REFUSED: list[tuple[str, str, str, int | None, int | None, str]] = [
    # (id, text, rule, line, column, fragment of the English message)
    ("duplicate-key", "a: 1\nb: 2\na: 3\n", "duplicate-key", 3, 1, "first on line 1"),
    (
        "duplicate-nested-key",
        "answers:\n  x: 1\n  y: 2\n  x: 3\n",
        "duplicate-key",
        4,
        3,
        "The key 'x' appears twice",
    ),
    (
        "duplicate-flow-key",
        "a: {b: 1, b: 2}\n",
        "duplicate-key",
        1,
        11,
        "The key 'b' appears twice",
    ),
    (
        "python-object",
        "a: !!python/object/apply:os.system ['true']\n",
        "yaml-tag",
        1,
        4,
        "tag:yaml.org,2002:python/object/apply:os.system is not supported",
    ),
    (
        "python-name-scalar",
        "a:\n  b: !!python/name:os.system ''\n",
        "yaml-tag",
        2,
        6,
        "python/name:os.system",
    ),
    ("local-tag", "a: !custom x\n", "yaml-tag", 1, 4, "The YAML tag !custom"),
    ("set-tag", "a: !!set {x: null}\n", "yaml-tag", 1, 4, "tag:yaml.org,2002:set"),
    ("binary-tag", "a: !!binary aGk=\n", "yaml-tag", 1, 4, "tag:yaml.org,2002:binary"),
    ("omap-tag", "a: !!omap [x: 1]\n", "yaml-tag", 1, 4, "tag:yaml.org,2002:omap"),
    ("complex-key", "? [a, b]\n: 1\n", "yaml-key", 1, 3, "A key must be plain text"),
    ("mapping-key", "{a: 1}: 2\n", "yaml-key", 1, 1, "A key must be plain text"),
    ("empty", "", "empty-file", 1, 1, "The file is empty."),
    ("comments-only", "# nothing here\n\n", "empty-file", 1, 1, "The file is empty."),
    (
        "several-documents",
        "a: 1\n---\nb: 2\n",
        "several-documents",
        2,
        1,
        "more than one YAML document",
    ),
    ("unclosed-flow", "a: [1, 2\n", "yaml-syntax", 2, 1, "YAML syntax error"),
    ("bad-indent", "a:\n  - x\n - y\n", "yaml-syntax", 3, 2, "did not find expected key"),
    ("colon-in-plain", "a: b: c\n", "yaml-syntax", 1, 5, "mapping values are not allowed"),
    ("invalid-month", "start: 2026-13-01\n", "yaml-value", 1, 8, "'2026-13-01' looks like"),
    ("invalid-day", "a:\n  - 2026-02-30\n", "yaml-value", 2, 5, "quote it"),
    ("invalid-tagged-int", "a: !!int abc\n", "yaml-value", 1, 4, "'abc' looks like a number"),
]


@pytest.mark.parametrize(
    ("text", "rule", "line", "column", "fragment"),
    [pytest.param(*case[1:], id=case[0]) for case in REFUSED],
)
def test_refused_yaml(
    text: str,
    rule: str,
    line: int,
    column: int,
    fragment: str,
    message_check: MessageCheck,
) -> None:
    problem = refused(text)
    assert (problem.rule, problem.line, problem.column) == (rule, line, column)
    assert problem.file == "t.yaml"
    message_check(problem, fragment)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [("a:\n\tb: 1\n", 2, 1), ("a: 1\n\tb: 2\n", 2, 1), ("a:\n  b: 1\n\tc: 2\n", 3, 1)],
)
def test_a_tab_in_the_indentation_gets_a_hint(text: str, line: int, column: int) -> None:
    problem = refused(text)
    assert (problem.rule, problem.line, problem.column) == ("yaml-syntax", line, column)
    assert "YAML does not allow tabs for indentation; use spaces." in problem.message.render("en")


def test_other_syntax_errors_get_no_tab_hint() -> None:
    problem = refused("a: [1, 2\n")
    assert problem.message.hint is None
    assert "tabs" not in problem.message.render("en")


def test_load_error_str_is_the_english_rendering() -> None:
    with pytest.raises(LoadError) as info:
        parse_text("a: 1\na: 2\n", "x.yaml")
    assert str(info.value).startswith("x.yaml:2:1: error [duplicate-key] The key 'a'")


# --- limits -------------------------------------------------------------------------------


def test_nesting_deeper_than_the_limit_is_refused_at_the_first_value_too_deep() -> None:
    problem = refused("a:\n  b:\n    c:\n      d: 1\n", Limits(max_depth=3))
    assert (problem.rule, problem.line, problem.column) == ("too-deep", 4, 10)
    assert "more than 3 levels deep" in problem.message.render("en")
    assert "HALLBARHET_MAX_DEPTH" in problem.message.render("en")


def test_nesting_up_to_the_limit_is_read() -> None:
    document = parse_text("a:\n  b:\n    c: 1\n", "t.yaml", Limits(max_depth=3))
    assert document.data == {"a": {"b": {"c": 1}}}


@pytest.mark.parametrize("depth", [100, 5000])
def test_very_deep_nesting_is_refused_not_crashed(depth: int) -> None:
    problem = refused("a: " + "[" * depth + "]" * depth + "\n")
    assert problem.rule in ("too-deep", "yaml-syntax")
    assert problem.line == 1


def test_deep_block_nesting_is_too_deep_with_default_limits() -> None:
    text = "".join(f"{'  ' * i}k{i}:\n" for i in range(100)) + "  " * 100 + "end: 1\n"
    problem = refused(text)
    assert problem.rule == "too-deep"
    # the first value at depth 65: the mapping under k64
    assert (problem.line, problem.column) == (66, 131)


ALIAS_BOMB = """\
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
i: [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_an_alias_bomb_is_refused_with_a_small_limit() -> None:
    problem = refused(ALIAS_BOMB, Limits(max_values=500))
    assert problem.rule == "too-many-values"
    assert "more than 500 values" in problem.message.render("en")
    assert "HALLBARHET_MAX_VALUES" in problem.message.render("en")
    assert problem.line is not None


def test_an_alias_bomb_is_refused_with_the_default_limits() -> None:
    assert refused(ALIAS_BOMB).rule == "too-many-values"


def test_a_small_alias_expansion_within_the_limit_is_read() -> None:
    # 11 values: the root, a's list and its 2 items, b's list and 2 copies of a's list
    text = "a: &a [x, x]\nb: [*a, *a]\n"
    document = parse_text(text, "t.yaml", Limits(max_values=11))
    assert document.data["b"] == [["x", "x"], ["x", "x"]]
    assert refused(text, Limits(max_values=10)).rule == "too-many-values"


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HALLBARHET_MAX_FILE_MB", "2")
    monkeypatch.setenv("HALLBARHET_MAX_DEPTH", "5")
    monkeypatch.setenv("HALLBARHET_MAX_VALUES", "77")
    assert Limits() == Limits(max_bytes=2 << 20, max_depth=5, max_values=77)


def test_a_malformed_environment_limit_falls_back_to_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HALLBARHET_MAX_DEPTH", "deep")
    monkeypatch.delenv("HALLBARHET_MAX_VALUES", raising=False)
    limits = Limits()
    assert limits.max_depth == 64
    assert limits.max_values == 250_000


# --- bytes and files ----------------------------------------------------------------------


def test_decode_strips_a_utf8_bom() -> None:
    assert decode(b"\xef\xbb\xbfa: \xc3\xa5\n", "t.yaml") == "a: å\n"


@pytest.mark.parametrize(
    ("raw", "line", "column", "fragment"),
    [
        (b"a: 1\nb: caf\xe9\n", 2, 7, "byte 0xe9; it may be Windows-1252/ISO-8859-1"),
        (b"t\xc3\xa4xt: \xff\n", 1, 7, "byte 0xff"),
        # the BOM is not a column: positions count from the first character after it
        (b"\xef\xbb\xbfa: \xc3\xa5 \xf6\n", 1, 6, "byte 0xf6"),
        (b"\xef\xbb\xbfa\nb\xf6\n", 2, 2, "byte 0xf6"),
    ],
    ids=["latin-1", "after-multibyte", "bom-same-line", "bom-next-line"],
)
def test_non_utf8_is_refused_where_the_bad_byte_is(
    raw: bytes, line: int, column: int, fragment: str, message_check: MessageCheck
) -> None:
    problem = refused_bytes(raw)
    assert (problem.rule, problem.line, problem.column) == ("encoding", line, column)
    message_check(problem, fragment)


@pytest.mark.parametrize("raw", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"PK\x03\x04\x00\x00"])
def test_binary_is_refused(raw: bytes, message_check: MessageCheck) -> None:
    problem = refused_bytes(raw)
    assert (problem.rule, problem.line, problem.column) == ("binary-file", None, None)
    message_check(problem, "binary file")


def test_load_file_reads_a_file_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbfkind: application\nid: x\n")
    document = load_file(path)
    assert document.file == str(path)
    assert document.data == {"kind": "application", "id": "x"}
    assert document.values[("id",)] == (2, 5)


def test_load_file_names_the_file_as_displayed(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_file(path, display="round/a.yaml")
    assert info.value.problem.file == "round/a.yaml"


def test_a_file_over_the_size_limit_is_refused_before_reading(
    tmp_path: Path, message_check: MessageCheck
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (3 << 19) + b"\n")
    problem = refused_file(path, Limits(max_bytes=1 << 20))
    assert (problem.rule, problem.line, problem.column) == ("file-too-large", None, None)
    message_check(problem, "The file is 1.5 MB, more than the limit of 1 MB")
    assert "HALLBARHET_MAX_FILE_MB" in problem.message.render("en")


@pytest.mark.parametrize(
    ("name", "rule", "fragment"),
    [(".", "not-a-file", "This is a folder"), ("missing.yaml", "no-such-file", "No such file")],
)
def test_load_file_refuses_what_is_not_a_file(
    tmp_path: Path, name: str, rule: str, fragment: str, message_check: MessageCheck
) -> None:
    problem = refused_file(tmp_path / name)
    assert (problem.rule, problem.line, problem.column) == (rule, None, None)
    message_check(problem, fragment)


@pytest.mark.parametrize(
    ("raw", "rule"),
    [(b"\x00\x01\x02", "binary-file"), (b"a: \xe9\n", "encoding"), (b"a: [\n", "yaml-syntax")],
)
def test_load_file_reports_bad_content(tmp_path: Path, raw: bytes, rule: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(raw)
    problem = refused_file(path)
    assert problem.rule == rule
    assert problem.file == str(path)


def test_iter_yaml_files_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    names = ("b.yaml", "a.yml", "a/z.yaml", "sub/c.yaml", ".hidden/d.yaml", "e.txt")
    for name in (*names, "sub/.x/f.yaml", ".g.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "sub", target_is_directory=True)
    (tmp_path / "link.yaml").symlink_to(tmp_path / "b.yaml")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_yaml_files(tmp_path)]
    # Ordered part by part: the folder "a" before the file "a.yml".
    assert found == ["a/z.yaml", "a.yml", "b.yaml", "link.yaml", "sub/c.yaml"]


def test_a_document_without_positions_gives_problems_without_a_line() -> None:
    document = Document("f.yaml", {"a": 1})
    assert document.position(("a",)) is None
    problem = document.problem(("a",), "r", Message("m"))
    assert (problem.line, problem.column) == (None, None)
    assert problem.location() == "f.yaml"


def test_a_source_without_a_size_is_read_only_up_to_the_limit() -> None:
    # /dev/zero says it is empty and never ends: at most the limit and one byte are read.
    problem = refused_file(Path("/dev/zero"), Limits(max_bytes=1 << 20))
    assert problem.rule == "file-too-large"


def test_a_file_that_grows_after_its_size_was_taken_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("kind: application\nid: x\n", encoding="utf-8")
    real_stat = Path.stat

    def stale_stat(self: Path, **kwargs: Any) -> os.stat_result:
        found = real_stat(self, **kwargs)
        if self != path:
            return found
        return os.stat_result((found.st_mode, *found[1:6], 5, *found[7:]))

    monkeypatch.setattr(Path, "stat", stale_stat)
    assert load_file(path).data == {"kind": "application", "id": "x"}
