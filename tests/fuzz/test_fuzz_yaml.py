"""Fuzzing the YAML reader and the models with random text, bytes and documents,
in-process.

Laws: nothing escapes but :class:`LoadError` / :class:`InputError`; every problem names
the file, and a problem about a document that was read has a line and a column; plain
data written as YAML reads back exactly, nothing lost or invented; a plain scalar that
YAML reads as something else keeps the text that was written.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from hypothesis import given
from hypothesis import strategies as st

from hallbarhet_cli.applications.loading import application_from_document
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.errors import HallbarhetError, Problem
from hallbarhet_cli.files.yamlload import Document, LoadError, decode, parse_text
from hallbarhet_cli.models import Application, CriteriaSet
from hallbarhet_cli.models.validation import validate
from tests.fuzz.profiles import fuzz
from tests.fuzz.yamltext import block, flow, plain_data, yaml_documents

FILE: Final = "fuzz.yaml"
LIBRARY: Final = CriteriaLibrary()
HERE: Final = Path(__file__).parent


# Line breaks as the YAML parser (libyaml, YAML 1.1) counts them.
BREAKS: Final = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def line_count(text: str) -> int:
    """The lines of ``text``, with one more for a position at the very end."""
    return len(BREAKS.findall(text)) + 2


def assert_located(problems: Iterable[Problem], text: str | None = None) -> None:
    """Every problem names a file; with ``text`` (a document that was read), every
    problem in it has a line and column within it."""
    lines = line_count(text) if text is not None else None
    for problem in problems:
        assert problem.file, problem
        english = problem.message.render("en")
        assert english and problem.message.render("sv")
        assert "\n" not in english, f"a problem of more than one line: {english!r}"
        assert (problem.line is None) == (problem.column is None), problem
        if problem.file != FILE:
            continue
        if lines is not None:
            assert problem.line is not None, problem
        if problem.line is not None and lines is not None:
            assert 1 <= problem.line <= lines and (problem.column or 0) >= 1, problem


def read(text: str) -> Document | None:
    """Parse ``text``; ``None`` when it is refused (with a well-formed problem)."""
    try:
        return parse_text(text, FILE)
    except LoadError as err:
        assert err.problem.file == FILE
        assert_located([err.problem])
        if err.problem.line is not None:
            assert 1 <= err.problem.line <= line_count(text), err.problem
        return None


@fuzz()
@given(st.text(max_size=300))
def test_any_text_is_read_or_refused_with_a_problem(text: str) -> None:
    read(text)


@fuzz()
@given(st.binary(max_size=300))
def test_any_bytes_are_decoded_or_refused_with_a_problem(raw: bytes) -> None:
    try:
        text = decode(raw, FILE)
    except LoadError as err:
        assert err.problem.rule in ("encoding", "binary-file"), err.problem
        return
    read(text)


@fuzz()
@given(yaml_documents())
def test_random_documents_are_refused_or_checked_with_located_problems(text: str) -> None:
    document = read(text)
    if document is None:
        return
    for model in (Application, CriteriaSet):
        _, problems = validate(model, parse_text(text, FILE))
        assert_located(problems, text)
    try:
        application_from_document(document, HERE, LIBRARY)
    except HallbarhetError as err:
        assert err.problems
        assert_located(err.problems, text)


def same(a: Any, b: Any) -> bool:
    """Equal, with NaN equal to NaN and a date not equal to a text."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def paths(value: Any, prefix: tuple[str | int, ...] = ()) -> Iterable[tuple[str | int, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from paths(item, (*prefix, i))


@fuzz()
@given(plain_data, st.booleans())
def test_plain_data_reads_back_exactly_with_a_position_for_every_value(
    data: Any, as_block: bool
) -> None:
    text = block(data) if as_block else flow(data) + "\n"
    document = parse_text(text, FILE)
    assert same(document.data, data), text
    for path in paths(data):
        assert path in document.values, path


PLAIN: Final = st.text(st.sampled_from("0123456789.+-:eExXoO_abnulrt~ "), min_size=1, max_size=12)


@fuzz()
@given(PLAIN)
def test_a_plain_scalar_keeps_the_text_that_was_written(token: str) -> None:
    """Whatever YAML makes of ``a: TOKEN``, the text written is recoverable: the value is
    that text, or the text is kept beside the value it became, or it is null."""
    try:
        document = parse_text(f"a: {token}\n", FILE)
    except LoadError as err:
        assert err.problem.line == 1, err.problem
        return
    if not isinstance(document.data, dict):
        return
    value = document.data.get("a")
    written = token.strip()
    if isinstance(value, str):
        assert value == written or "#" in token or ": " in token
    elif value is None:
        assert written in ("", "~", "null", "Null", "NULL") or written.startswith("#")
    else:
        assert document.raw[("a",)] == written, (token, value)
        assert isinstance(value, bool | int | float | dt.date)
