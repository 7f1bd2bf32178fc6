"""Read YAML into plain data while keeping where every value came from.

PyYAML's C parser composes the node tree; this module constructs plain Python values from
it itself, which lets it:

* record the line and column of every key and value, so any later error can name
  ``file:line:col``;
* reject duplicate mapping keys (PyYAML silently keeps the last one);
* resolve plain scalars by the YAML 1.2 core schema, so ``no``, ``on`` and ``1_000`` stay
  text, and remember the original text of every plain scalar that did become a number,
  boolean or date, so a field that wants text gets what the author wrote (``2026.10``, not
  ``2026.1``);
* refuse tags that construct objects (``!!python/...``), and bound the work an input can
  cause: file size, nesting depth and the number of values after alias expansion.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from hallbarhet_cli.errors import Message, Problem, Severity
from hallbarhet_cli.files.normal import nfc
from hallbarhet_cli.i18n import N_

DataPath = tuple[str | int, ...]
Position = tuple[int, int]


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    """Bounds on what one input file may make us do. Raise them with the environment
    variables named in each field's comment."""

    max_bytes: int = field(default_factory=lambda: _env_int("HALLBARHET_MAX_FILE_MB", 16) << 20)
    max_depth: int = field(default_factory=lambda: _env_int("HALLBARHET_MAX_DEPTH", 64))
    max_values: int = field(default_factory=lambda: _env_int("HALLBARHET_MAX_VALUES", 250_000))


STR: Final = "tag:yaml.org,2002:str"
NULL: Final = "tag:yaml.org,2002:null"
BOOL: Final = "tag:yaml.org,2002:bool"
INT: Final = "tag:yaml.org,2002:int"
FLOAT: Final = "tag:yaml.org,2002:float"
DATE: Final = "tag:yaml.org,2002:timestamp"
SEQ: Final = "tag:yaml.org,2002:seq"
MAP: Final = "tag:yaml.org,2002:map"
_SCALAR_TAGS: Final = frozenset({STR, NULL, BOOL, INT, FLOAT, DATE})
# The tag our loader gives a plain (unquoted, untagged) scalar; the constructor types it by
# the YAML 1.2 core schema (see :func:`_plain_tag`). PyYAML's resolver would try its regular
# expressions on every scalar while composing, which costs as much as the rest of the parse.
PLAIN: Final = "?"
_KEY_TAGS: Final = _SCALAR_TAGS | {PLAIN}

_Base: Any = (
    yaml.cyaml.CParser  # type: ignore[attr-defined]
    if yaml.__with_libyaml__
    else yaml.loader.Loader
)


class _CoreSchemaLoader(_Base, BaseResolver):  # type: ignore[misc]
    """The C parser, leaving plain scalars untyped for the YAML 1.2 core schema."""

    def __init__(self, stream: str) -> None:
        _Base.__init__(self, stream)
        BaseResolver.__init__(self)

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return PLAIN if implicit[0] else STR
        return SEQ if kind is SequenceNode else MAP


_CORE_SCHEMA: Final = (
    (BOOL, re.compile(r"(?:true|True|TRUE|false|False|FALSE)"), "tTfF"),
    (INT, re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)"), "-+0123456789"),
    (
        FLOAT,
        re.compile(
            r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))"
        ),
        "-+.0123456789",
    ),
    (NULL, re.compile(r"(?:~|null|Null|NULL)"), "~nN"),
    (DATE, re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), "0123456789"),
)
# The core schema's candidates by a plain scalar's first character, in order.
_BY_FIRST: Final[dict[str, tuple[tuple[str, re.Pattern[str]], ...]]] = {
    first: tuple((tag, pattern) for tag, pattern, firsts in _CORE_SCHEMA if first in firsts)
    for first in {c for _, _, firsts in _CORE_SCHEMA for c in firsts}
}


def _plain_tag(text: str) -> str:
    """The tag the YAML 1.2 core schema gives the plain scalar ``text``."""
    if not text:
        return NULL
    for tag, pattern in _BY_FIRST.get(text[0], ()):
        if pattern.fullmatch(text):
            return tag
    return STR


class Document:
    """A parsed YAML file: its data and where each part of it stands in the file.

    ``values`` and ``keys`` map a data path to the line and column of the value or key
    there; ``raw`` keeps the original text of every plain scalar that YAML read as a
    number, boolean or date. For a parsed file they are worked out from the node tree the
    first time they are asked for: most documents are valid and never need them.
    """

    __slots__ = ("_keys", "_raw", "_root", "_values", "data", "file", "source")

    def __init__(
        self,
        file: str,
        data: Any,
        values: dict[DataPath, Position] | None = None,
        keys: dict[DataPath, Position] | None = None,
        raw: dict[DataPath, str] | None = None,
        *,
        source: str | None = None,
    ) -> None:
        self.file = file
        self.data = data
        # The text the data was read from, when there was one.
        self.source = source
        self._values = {} if values is None else values
        self._keys = {} if keys is None else keys
        self._raw = {} if raw is None else raw
        self._root: Node | None = None

    @classmethod
    def parsed(cls, file: str, data: Any, root: Node, source: str) -> Document:
        document = cls(file, data, source=source)
        document._root = root
        return document

    def _where(self) -> None:
        if self._root is not None:
            root, self._root = self._root, None
            _record(root, (), self._values, self._keys, self._raw)

    @property
    def values(self) -> dict[DataPath, Position]:
        self._where()
        return self._values

    @property
    def keys(self) -> dict[DataPath, Position]:
        self._where()
        return self._keys

    @property
    def raw(self) -> dict[DataPath, str]:
        self._where()
        return self._raw

    def __repr__(self) -> str:
        return f"Document({self.file!r}, {self.data!r})"

    def position(self, path: DataPath, *, key: bool = False) -> Position | None:
        """Line and column of the value at ``path`` (or of its key), or of the nearest
        enclosing value that has one."""
        values, keys = self.values, self.keys
        if key and path in keys:
            return keys[path]
        while path:
            if path in values:
                return values[path]
            path = path[:-1]
        return values.get((), None)

    def problem(
        self,
        path: DataPath,
        rule: str,
        message: Message,
        severity: Severity = Severity.ERROR,
        *,
        key: bool = False,
    ) -> Problem:
        """A problem located at ``path`` in this document."""
        line, column = self.position(path, key=key) or (None, None)
        return Problem(self.file, line, column, rule, severity, message)

    def get(self, path: DataPath) -> Any:
        """The value at ``path``; ``KeyError`` when it is not there."""
        value = self.data
        for part in path:
            if not _has(value, part):
                raise KeyError(path)
            value = value[part]
        return value

    def walk(self, loc: tuple[str | int, ...]) -> DataPath:
        """The longest data path that ``loc`` (a pydantic error location, which may hold
        union tags and other parts that are not in the data) leads through."""
        value = self.data
        path: list[str | int] = []
        for part in loc:
            if _has(value, part):
                value = value[part]
                path.append(part)
        return tuple(path)


def _record(
    node: Node,
    path: DataPath,
    values: dict[DataPath, Position],
    keys: dict[DataPath, Position],
    raw: dict[DataPath, str],
) -> None:
    """Note where every value and key below ``node`` (already constructed, so known to be
    well-formed) stands, and the text of plain scalars that are not text."""
    mark = node.start_mark
    values[path] = (mark.line + 1, mark.column + 1)
    if isinstance(node, ScalarNode):
        if node.tag == PLAIN and _plain_tag(node.value) not in (STR, NULL):
            raw[path] = node.value
    elif isinstance(node, SequenceNode):
        for i, child in enumerate(node.value):
            _record(child, (*path, i), values, keys, raw)
    else:
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            keys[(*path, key_node.value)] = (mark.line + 1, mark.column + 1)
            _record(value_node, (*path, key_node.value), values, keys, raw)


def _has(value: Any, part: str | int) -> bool:
    if isinstance(value, dict):
        return isinstance(part, str) and part in value
    return isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)


class LoadError(Exception):
    """A file could not be turned into data; carries its located problems (``problem``
    is the first, and often the only one)."""

    def __init__(self, problem: Problem, *more: Problem) -> None:
        self.problem = problem
        self.problems = [problem, *more]
        super().__init__(problem.render("en"))


class _Constructor:
    def __init__(self, file: str, limits: Limits) -> None:
        self.file = file
        self.max_values = limits.max_values
        self.max_depth = limits.max_depth
        self.count = 0
        # Values that look like a number or a date but are not valid ones: the rest of the
        # file can still be read, so every one of them is reported in one run.
        self.invalid: list[Problem] = []

    def fail(self, node: Node, rule: str, message: Message) -> LoadError:
        mark = node.start_mark
        return LoadError(
            Problem(self.file, mark.line + 1, mark.column + 1, rule, Severity.ERROR, message)
        )

    def construct(self, node: Node, depth: int) -> Any:
        self.count += 1
        if self.count > self.max_values:
            raise self.fail(
                node,
                "too-many-values",
                Message(
                    N_(
                        "The file expands to more than {limit} values (are aliases repeating a "
                        "large part of it?). Raise the limit with HALLBARHET_MAX_VALUES."
                    ),
                    {"limit": self.max_values},
                ),
            )
        if depth > self.max_depth:
            raise self.fail(
                node,
                "too-deep",
                Message(
                    N_(
                        "The file is nested more than {limit} levels deep. Raise the limit with "
                        "HALLBARHET_MAX_DEPTH."
                    ),
                    {"limit": self.max_depth},
                ),
            )
        if isinstance(node, ScalarNode):
            text = node.value
            if node.tag == PLAIN and text and text[0] not in _BY_FIRST:
                return nfc(text)  # plain text: no number, boolean, date or null starts so
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            self.check_tag(node, SEQ)
            return [self.construct(child, depth + 1) for child in node.value]
        if isinstance(node, MappingNode):
            self.check_tag(node, MAP)
            return self.mapping(node, depth)
        raise self.fail(node, "yaml-syntax", Message(N_("Unsupported YAML node.")))

    def check_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            raise self.fail(
                node,
                "yaml-tag",
                Message(
                    N_(
                        "The YAML tag {tag} is not supported: only plain data is read, nothing "
                        "is ever constructed or executed."
                    ),
                    {"tag": node.tag},
                ),
            )

    def mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode or key_node.tag not in _KEY_TAGS:
                raise self.fail(
                    key_node,
                    "yaml-key",
                    Message(N_("A key must be plain text, not a list, mapping or tagged value.")),
                )
            key = nfc(key_node.value)
            if key in result:
                first = next(k for k, _ in node.value if k.value == key)
                raise self.fail(
                    key_node,
                    "duplicate-key",
                    Message(
                        N_(
                            "The key {key!r} appears twice in this mapping (first on line {line}); "
                            "YAML would silently keep only the last one."
                        ),
                        {"key": key, "line": first.start_mark.line + 1},
                    ),
                )
            result[key] = self.construct(value_node, depth + 1)
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == PLAIN:
            tag = _plain_tag(text)
        elif tag not in _SCALAR_TAGS:
            self.check_tag(node, STR)
        if tag == STR:
            return nfc(text)
        try:
            if tag == NULL:
                return None
            if tag == BOOL:
                return text.lower() == "true"
            if tag == INT:
                return _parse_int(text)
            if tag == FLOAT:
                return _parse_float(text)
            return dt.date.fromisoformat(text)
        except ValueError:
            problem = self.fail(
                node,
                "yaml-value",
                Message(
                    N_(
                        "{text!r} looks like a number or a date but is not a valid one; quote it "
                        "if it is meant as text."
                    ),
                    {"text": text},
                ),
            ).problem
            self.invalid.append(problem)
            return text


def _parse_int(text: str) -> int:
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _parse_float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return -math.inf if lowered.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    return float(text)


def _line_col(text: str, index: int) -> Position:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _error(file: str, where: Position | None, rule: str, template: str, **args: Any) -> LoadError:
    line, column = where if where is not None else (None, None)
    return LoadError(Problem(file, line, column, rule, Severity.ERROR, Message(template, args)))


_BOMS: Final = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_NOT_UTF8: Final = N_(
    "The file is not valid UTF-8 (byte 0x{byte:02x}; it may be {encoding}). Save it as UTF-8."
)
_TOO_DEEP: Final = N_(
    "The file is nested too deeply to read (more than {limit} levels, or more than Python can "
    "follow). Flatten it, or raise the limit with HALLBARHET_MAX_DEPTH."
)


def decode(raw: bytes, file: str) -> str:
    """Decode a file's bytes as UTF-8 (a BOM is allowed), or fail with a located problem."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            raise _error(file, None, "encoding", _NOT_UTF8, byte=raw[0], encoding=encoding)
    if b"\x00" in raw[:8192]:
        # A NUL this early means a binary file; a later one is reported where it is.
        raise _error(file, None, "binary-file", N_("This is a binary file, not a YAML text file."))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        good = err.object[: err.start].decode("utf-8", errors="replace")
        guess = "Windows-1252/ISO-8859-1" if err.object[err.start] >= 0x80 else "unknown"
        raise _error(
            file,
            _line_col(good, len(good)),
            "encoding",
            _NOT_UTF8,
            byte=err.object[err.start],
            encoding=guess,
        ) from None


def _first_content_line(text: str) -> Position:
    """Where a file without data starts to say something (a ``---``, say), past comments."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            return number, len(line) - len(line.lstrip()) + 1
    return 1, 1


def parse_text(text: str, file: str, limits: Limits | None = None) -> Document:
    """Parse YAML text into a :class:`Document`; raise :class:`LoadError` on bad input."""
    limits = limits or Limits()
    loader = _CoreSchemaLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else None
        detail = " ".join(str(part) for part in (err.context, err.problem) if part)
        if "expected a single document" in detail:
            raise _error(
                file,
                where,
                "several-documents",
                N_(
                    "The file holds more than one YAML document; put each application or "
                    "criteria set in a file of its own."
                ),
            ) from None
        hint = None
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            hint = Message(N_("YAML does not allow tabs for indentation; use spaces."))
        line, column = where or (None, None)
        problem = Problem(
            file,
            line,
            column,
            "yaml-syntax",
            Severity.ERROR,
            Message(N_("YAML syntax error: {detail}."), {"detail": detail}, hint),
        )
        raise LoadError(problem) from None
    except yaml.reader.ReaderError as err:
        raise _error(
            file,
            _line_col(text, err.position),
            "yaml-syntax",
            N_("The character U+{code:04X} is not allowed in a YAML file; remove it."),
            code=err.character if isinstance(err.character, int) else ord(err.character),
        ) from None
    except yaml.YAMLError as err:
        raise _error(
            file, None, "yaml-syntax", N_("YAML syntax error: {detail}."), detail=str(err)
        ) from None
    except RecursionError:
        raise _error(file, None, "too-deep", _TOO_DEEP, limit=limits.max_depth) from None
    finally:
        loader.dispose()
    if node is None or (isinstance(node, ScalarNode) and node.tag == PLAIN and not node.value):
        raise _error(file, _first_content_line(text), "empty-file", N_("The file is empty."))
    constructor = _Constructor(file, limits)
    # Construction recurses a few frames per level; make room for the configured depth so
    # that the depth check, which knows the line, is what refuses a deep file.
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 4 * limits.max_depth + 500))
    try:
        data = constructor.construct(node, 0)
    except RecursionError:
        raise _error(file, None, "too-deep", _TOO_DEEP, limit=limits.max_depth) from None
    finally:
        sys.setrecursionlimit(old_limit)
    if constructor.invalid:
        raise LoadError(*constructor.invalid)
    return Document.parsed(file, data, node, text)


def load_file(path: Path, limits: Limits | None = None, *, display: str | None = None) -> Document:
    """Read and parse one YAML file; raise :class:`LoadError` with a located problem.

    At most the size limit (and one byte more, to notice) is ever read, so a device or a
    pipe that never ends cannot exhaust memory.
    """
    limits = limits or Limits()
    file = display or str(path)
    too_large = N_(
        "The file is {size} MB, more than the limit of {limit} MB. Raise the limit with "
        "HALLBARHET_MAX_FILE_MB."
    )
    try:
        if is_dir(path):
            raise _error(file, None, "not-a-file", N_("This is a folder, not a file."))
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise _error(
                file,
                None,
                "file-too-large",
                too_large,
                size=round(size / 2**20, 1),
                limit=limits.max_bytes >> 20,
            )
        with path.open("rb") as handle:
            # Asking for the limit itself would have Python set aside 16 MB for every
            # file (most are a few KB): about a sixth of reading and parsing a typical one.
            raw = handle.read(size + 1)
            if len(raw) > size:  # a device, a pipe or a growing file: read on to the limit
                raw += handle.read(limits.max_bytes - len(raw) + 1)
    except FileNotFoundError:
        raise _error(file, None, "no-such-file", N_("No such file.")) from None
    except OSError as err:
        raise _error(
            file,
            None,
            "unreadable",
            N_("The file cannot be read: {reason}."),
            reason=err.strerror or str(err),
        ) from None
    if len(raw) > limits.max_bytes:
        raise _error(
            file,
            None,
            "file-too-large",
            too_large,
            size=f"> {limits.max_bytes >> 20}",
            limit=limits.max_bytes >> 20,
        )
    return parse_text(decode(raw, file), file, limits)


def is_file(path: Path) -> bool:
    """``path.is_file()`` that is false, not an error, for a name the system refuses (too
    long, a symlink loop)."""
    try:
        return path.is_file()
    except OSError:
        return False


def is_dir(path: Path) -> bool:
    """``path.is_dir()`` that is false, not an error, for a name the system refuses."""
    try:
        return path.is_dir()
    except OSError:
        return False


def exists(path: Path) -> bool:
    """``path.exists()`` that is false, not an error, for a name the system refuses."""
    try:
        return path.exists()
    except OSError:
        return False


def iter_yaml_files(folder: Path) -> Iterator[Path]:
    """YAML files below ``folder``, recursively, hidden files and folders skipped, in the
    order of their paths part by part (``a/b.yaml`` before ``a.yaml``). Links to folders
    are not followed; links to files are."""
    found: list[tuple[tuple[str, ...], Path]] = []
    for top, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        here = Path(top)
        parts = here.relative_to(folder).parts
        for name in files:
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                path = here / name
                if is_file(path):
                    found.append(((*parts, name), path))
    found.sort(key=lambda entry: entry[0])
    for _, path in found:
        yield path
