"""YAML text for fuzzing: an exact emitter for plain data, and strategies for documents
that are odd on purpose (random nesting and styles, tags, anchors and aliases, unicode,
YAML 1.1 look-alikes)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Final

from hypothesis import strategies as st

# --- an exact emitter ---------------------------------------------------------------------

_ESCAPES: Final = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\0": "\\0",
}


def quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar that reads back exactly: everything that is
    not printable ASCII or ordinary letters is escaped."""
    out = []
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif 0x20 <= code < 0x7F or (0xA0 <= code < 0xD800 and code not in (0x2028, 0x2029)):
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def scalar(value: Any) -> str:
    """A scalar as YAML 1.2 core-schema text that reads back as ``value``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        return text if any(c in text for c in ".e") else text + ".0"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return quoted(value)
    raise TypeError(type(value))


def flow(value: Any) -> str:
    """``value`` in flow style, on one line."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{quoted(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def block(value: Any, indent: int = 0) -> str:
    """``value`` in block style (nested containers in block style too), ending in a
    newline."""
    pad = " " * indent
    if isinstance(value, dict) and value:
        rows = []
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                rows.append(f"{pad}{quoted(key)}:\n{block(item, indent + 2)}")
            else:
                rows.append(f"{pad}{quoted(key)}: {flow(item)}\n")
        return "".join(rows)
    if isinstance(value, list) and value:
        rows = []
        for item in value:
            if isinstance(item, dict | list) and item:
                inner = block(item, indent + 2)
                rows.append(f"{pad}-\n{inner}")
            else:
                rows.append(f"{pad}- {flow(item)}\n")
        return "".join(rows)
    return f"{pad}{flow(value)}\n"


# --- strategies ---------------------------------------------------------------------------

odd_text = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30
) | st.sampled_from(
    [
        "",
        " ",
        "no",
        "yes",
        "on",
        "off",
        "~",
        "null",
        "1:30",
        "0755",
        "0o17",
        "0x1F",
        "1_000",
        "1e400",
        ".nan",
        "2026-13-45",
        "2026-02-29",
        "<script>",
        "{{ 7*7 }}",
        "\u202eevil",
        "\ufeff",
        "\x1b[2J",
        "a: b",
        "- x",
        "#",
        "&a",
        "*a",
        "!!python/object/apply:os.system",
    ]
)
finite_floats = st.floats(allow_nan=False, allow_infinity=False)
leaves = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | finite_floats
    | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
    | odd_text
)
plain_data = st.recursive(
    leaves,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(odd_text, children, max_size=4)
    ),
    max_leaves=25,
)

TAGS: Final = [
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!map",
    "!!seq",
    "!!set",
    "!!omap",
    "!!binary",
    "!!timestamp",
    "!!merge",
    "!!python/object/apply:os.system",
    "!!python/name:os.system",
    "!!python/object/new:os.system",
    "!local",
    "!",
    "!<tag:yaml.org,2002:str>",
    "!<tag:yaml.org,2002:python/object:os.system>",
]
PLAIN_TOKENS: Final = [
    "application",
    "criteria-set",
    "kronoberg-projektmedel",
    "project",
    "public",
    "true",
    "false",
    "yes",
    "no",
    "on",
    "~",
    "null",
    "0",
    "-1",
    "1e400",
    "-.inf",
    ".nan",
    "0o777",
    "0x10",
    "1:30",
    "2026-04-01",
    "2026-13-45",
    "12.50",
    "K-1",
    "x",
    "ä",
    "<<",
]
KEYS: Final = [
    "kind",
    "id",
    "criteria",
    "type",
    "title",
    "applicant",
    "name",
    "sector",
    "budget",
    "total_sek",
    "requested_sek",
    "period",
    "start",
    "end",
    "summary",
    "answers",
    "review",
    "scores",
    "points",
    "cleared",
    "version",
    "questions",
    "criteria",
    "gates",
    "levels",
    "when",
    "question",
    "eq",
    "extends",
    "<<",
    "? ",
]


@st.composite
def yaml_node(draw: Any, depth: int = 0) -> str:
    """A random flow-style YAML node, perhaps tagged, anchored or an alias."""
    prefix = ""
    if draw(st.integers(0, 9)) == 0:
        prefix += draw(st.sampled_from(TAGS)) + " "
    if draw(st.integers(0, 7)) == 0:
        prefix += f"&a{draw(st.integers(0, 3))} "
    choice = draw(st.integers(0, 9 if depth < 4 else 5))
    if choice == 0:
        return f"*a{draw(st.integers(0, 3))}"
    if choice <= 2:
        return prefix + str(draw(st.sampled_from(PLAIN_TOKENS)))
    if choice <= 4:
        return prefix + quoted(draw(odd_text))
    if choice == 5:
        text = str(draw(odd_text))
        return prefix + "'" + text.replace("'", "''").replace("\n", " ") + "'"
    if choice <= 7:
        items = draw(st.lists(yaml_node(depth + 1), max_size=4))
        return prefix + "[" + ", ".join(items) + "]"
    keys = draw(st.lists(st.sampled_from(KEYS) | odd_text.map(quoted), max_size=4))
    pairs = [f"{k}: {draw(yaml_node(depth + 1))}" for k in keys]
    return prefix + "{" + ", ".join(pairs) + "}"


@st.composite
def yaml_documents(draw: Any) -> str:
    """A random YAML document: usually a block mapping with known and unknown keys,
    sometimes something else entirely."""
    shape = draw(st.integers(0, 9))
    if shape == 0:
        return str(draw(yaml_node()))
    if shape == 1:
        return str(draw(st.text(max_size=200)))
    kind = draw(st.sampled_from(["application", "criteria-set", "other"]))
    rows = [f"kind: {kind}"] if kind != "other" else []
    for _ in range(draw(st.integers(0, 8))):
        key = draw(st.sampled_from(KEYS) | odd_text.map(quoted))
        rows.append(f"{key}: {draw(yaml_node())}")
    text = "\n".join(rows) + "\n"
    if draw(st.integers(0, 9)) == 0:
        text = draw(st.sampled_from(["---\n", "%YAML 1.2\n---\n", "\ufeff", "\t"])) + text
    if draw(st.integers(0, 9)) == 0:
        text += draw(st.sampled_from(["---\n", "...\n", "--- x\n", "\t\n"]))
    return text
