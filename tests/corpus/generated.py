"""Cases that cannot be committed as files: empty and binary files, other encodings,
files of tens of megabytes, nesting 10,000 deep, alias bombs of a chosen size, paths that
are not files. Each is written into a session's temporary folder when the corpus runs."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from hallbarhet_cli.checks.checking import UNREADABLE
from tests.corpus.cases import CORPUS, Case, Expectation

APPLICATION: Final = """\
kind: application
id: KORPUS-1
criteria: kronoberg-projektmedel
type: project
title: Solcellspark vid reningsverket
applicant: {name: Alvesta kommun, org_number: "212000-0613", sector: public}
budget: {total_sek: 4200000, requested_sek: 2100000}
period: {start: 2026-04-01, end: 2028-03-31}
answers:
  fossil_fuel_activity: false
  ghg_change_t: -85
  water_impact: managed
"""
# The criteria set of the committed criteria cases, without their comments.
CRITERIA_SET: Final = (CORPUS / "criteria" / "support" / "valid-set.yaml").read_text("utf-8")
BIG_FILE_MB: Final = 20
DEEP: Final = 10_000

Make = Callable[[Path], Path]


@dataclass(frozen=True)
class Spec:
    """How to make one generated case, and what each command must do with it.

    ``in_batch`` is false for inputs that are not regular files, which are validated on
    their own rather than in the one ``validate`` run over all files.
    """

    name: str
    kind: str
    make: Make
    assess: Expectation | None
    validate: Expectation | None
    in_batch: bool = True

    @property
    def id(self) -> str:
        return f"{self.kind}/{self.name}"

    def case(self, folder: Path) -> Case:
        path = self.make(folder / self.kind)
        expectations = {e.command: e for e in (self.assess, self.validate) if e is not None}
        return Case(self.kind, path, expectations, in_batch=self.in_batch, name=self.name)


def base_text(kind: str) -> str:
    return APPLICATION if kind == "application" else CRITERIA_SET


def writes(name: str, content: Callable[[str], bytes]) -> Callable[[str], Make]:
    """A maker that writes ``content(base_text)`` to ``<folder>/<name>``."""

    def for_kind(kind: str) -> Make:
        def make(folder: Path) -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_bytes(content(base_text(kind)))
            return path

        return make

    return for_kind


def position(data: bytes, needle: bytes) -> str:
    """``line:col`` (in characters, as the tool counts them) of ``needle`` in UTF-8 data."""
    index = data.index(needle)
    before = data[:index].decode("utf-8", errors="replace")
    line = before.count("\n") + 1
    return f"{line}:{len(before) - (before.rfind(chr(10)) + 1) + 1}"


@dataclass(frozen=True)
class Expect:
    """What both commands must do with a generated input. ``at`` is as in
    :class:`Expectation`, or the bytes at which the problem is, located in each kind's
    content."""

    rule: str | None = None
    at: str | bytes | None = None
    message: str | None = None

    def pair(self, content: bytes) -> tuple[Expectation, Expectation]:
        if self.rule is None:
            return Expectation("assess", 0), Expectation("validate", 0)
        at = position(content, self.at) if isinstance(self.at, bytes) else self.at
        return (
            Expectation("assess", 2, self.rule, at, self.message),
            Expectation("validate", validate_exit(self.rule), self.rule, at, self.message),
        )


def validate_exit(rule: str) -> int:
    """2 when every rule named means the file cannot be read at all, else 1."""
    return 2 if all(r in UNREADABLE for r in rule.split("|")) else 1


def _bad(rule: str, at: str | bytes, message: str | None = None) -> Expect:
    return Expect(rule, at, message)


def _ok() -> Expect:
    return Expect()


def both_kinds(
    name: str, content: Callable[[str], bytes], expect: Expect, *, assess: bool = False
) -> list[Spec]:
    """The same generated case for an application and for a criteria set. Both are
    validated; with ``assess``, the application is assessed too (reading a file is the
    same code whatever the command, so one ``assess`` per class is enough)."""
    maker = writes(name, content)
    specs = []
    for kind in ("application", "criteria"):
        for_assess, for_validate = expect.pair(content(base_text(kind)))
        chosen = for_assess if assess and kind == "application" else None
        specs.append(Spec(name, kind, maker(kind), chosen, for_validate))
    return specs


# --- contents ------------------------------------------------------------------------


def with_late_byte(text: str, byte: bytes) -> bytes:
    """``text`` with a long comment (past the first 8 KB) and then ``byte`` in a value."""
    return (text + "# " + "x" * 9000 + "\n").encode() + b"summary: a" + byte + b"b\n"


def latin1(text: str) -> bytes:
    return (text + "summary: Solceller i Växjö\n").encode("latin-1")


def cp1252_quotes(text: str) -> bytes:
    return (text + "summary: \u201dHållbar\u201d energi\n").encode("cp1252")


def surrogate(text: str) -> bytes:
    return text.encode() + b"summary: a\xed\xa0\x80b\n"


def overlong(text: str) -> bytes:
    return text.encode() + b"summary: a\xc0\xafb\n"


def alias_bomb(width: int, depth: int) -> Callable[[str], bytes]:
    """Anchors ``depth`` levels deep, each repeating the one before ``width`` times:
    width ** depth values from a file of a few hundred bytes."""

    def content(text: str) -> bytes:
        rows = ["summary:", "  - &l0 [" + ", ".join(["lol"] * width) + "]"]
        for level in range(1, depth + 1):
            rows.append(f"  - &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
        return (text + "\n".join(rows) + "\n").encode()

    return content


def deep_flow(text: str) -> bytes:
    return (text + "summary: " + "[" * DEEP + "]" * DEEP + "\n").encode()


def deep_block(text: str) -> bytes:
    return (text + "summary:\n  " + "- " * DEEP + "x\n").encode()


def big(text: str) -> bytes:
    """A file of BIG_FILE_MB megabytes: the input followed by a long summary."""
    line = b"  " + b"Hallbarhet " * 9 + b"\n"
    count = (BIG_FILE_MB << 20) // len(line) + 1
    return text.encode() + b"summary: |\n" + line * count


def binary_random(text: str) -> bytes:
    return random.Random(1).randbytes(4096)


# --- paths that are not ordinary files ------------------------------------------------


def missing(folder: Path) -> Path:
    return folder / "finns-inte.yaml"


def a_folder(folder: Path) -> Path:
    path = folder / "en-mapp.yaml"
    path.mkdir(parents=True, exist_ok=True)
    return path


def dev_zero(folder: Path) -> Path:
    return Path("/dev/zero")


def name_too_long(folder: Path) -> Path:
    return folder / ("k" * 300 + ".yaml")


def symlink_loop(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "slinga.yaml"
    path.unlink(missing_ok=True)
    path.symlink_to(path.name)
    return path


def symlink_escape(folder: Path) -> Path:
    """An application whose criteria path is a symbolic link in its own folder that leads
    to a criteria set outside the allowed folders."""
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "lankad-uppsattning.yaml"
    link.unlink(missing_ok=True)
    link.symlink_to(CORPUS.parent / "fixtures" / "mini-set.yaml")
    path = folder / "symlink-escape.yaml"
    path.write_text(
        APPLICATION.replace("criteria: kronoberg-projektmedel", f"criteria: {link.name}"),
        encoding="utf-8",
    )
    return path


CRITERIA_AT: Final = position(APPLICATION.encode(), b"kronoberg-projektmedel")


def specs() -> list[Spec]:
    """Every generated case."""
    found: list[Spec] = []
    empty = _bad("empty-file", "1:1")
    found += both_kinds("empty-zero-bytes.yaml", lambda t: b"", empty, assess=True)
    found += both_kinds("empty-blank-lines.yaml", lambda t: b"\n   \n\n", empty)
    found += both_kinds("empty-bom-only.yaml", lambda t: b"\xef\xbb\xbf", empty)
    found += both_kinds(
        "bom-utf8-is-fine.yaml", lambda t: b"\xef\xbb\xbf" + t.encode(), _ok(), assess=True
    )
    found += both_kinds(
        "line-endings-crlf-are-fine.yaml",
        lambda t: t.replace("\n", "\r\n").encode(),
        _ok(),
    )
    found += both_kinds(
        "line-endings-cr-are-fine.yaml", lambda t: t.replace("\n", "\r").encode(), _ok()
    )
    found += both_kinds(
        "binary-png.yaml",
        lambda t: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        _bad("binary-file", "-", "binary file"),
    )
    found += both_kinds("binary-random.yaml", binary_random, _bad("binary-file", "-"))
    found += both_kinds(
        "nul-byte-after-8kb.yaml",
        lambda t: with_late_byte(t, b"\x00"),
        _bad("yaml-syntax", b"\x00"),
        assess=True,
    )
    found += both_kinds(
        "control-character.yaml",
        lambda t: with_late_byte(t, b"\x07"),
        _bad("yaml-syntax", b"\x07"),
    )
    found += both_kinds(
        "encoding-latin-1.yaml",
        latin1,
        _bad("encoding", b"\xe4", "Windows-1252/ISO-8859-1"),
    )
    found += both_kinds(
        "encoding-windows-1252-quotes.yaml",
        cp1252_quotes,
        _bad("encoding", b"\x94", "byte 0x94"),
    )
    found += both_kinds(
        "encoding-utf-16-le-bom.yaml",
        lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
        _bad("encoding", "-", "UTF-16"),
        assess=True,
    )
    found += both_kinds(
        "encoding-utf-16-be-bom.yaml",
        lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
        _bad("encoding", "-", "UTF-16"),
    )
    found += both_kinds(
        "encoding-surrogate.yaml",
        surrogate,
        _bad("encoding", b"\xed", "not valid UTF-8"),
    )
    found += both_kinds(
        "encoding-overlong.yaml",
        overlong,
        _bad("encoding", b"\xc0", "not valid UTF-8"),
    )
    found += both_kinds(
        "alias-bomb-20-wide-6-deep.yaml",
        alias_bomb(20, 6),
        _bad("too-many-values", "*", "HALLBARHET_MAX_VALUES"),
        assess=True,
    )
    found += both_kinds("nesting-10000-flow.yaml", deep_flow, _bad("too-deep|yaml-syntax", "*"))
    found += both_kinds("nesting-10000-block.yaml", deep_block, _bad("too-deep|yaml-syntax", "*"))
    found += both_kinds(
        f"size-{BIG_FILE_MB}-mb.yaml",
        big,
        _bad("file-too-large", "-", "HALLBARHET_MAX_FILE_MB"),
        assess=True,
    )
    found += [
        Spec(
            "path-missing.yaml",
            "application",
            missing,
            Expectation("assess", 2, "no-such-file", "-"),
            Expectation("validate", 2, "no-such-file", "-"),
        ),
        Spec(
            "path-is-a-folder.yaml",
            "application",
            a_folder,
            Expectation("assess", 2, "not-a-file", "-", "folder"),
            None,
            in_batch=False,
        ),
        Spec(
            "path-name-too-long.yaml",
            "application",
            name_too_long,
            Expectation("assess", 2, "unreadable|no-such-file", "-"),
            Expectation("validate", 2, "unreadable|no-such-file", "-"),
            in_batch=False,
        ),
        Spec(
            "path-symlink-loop.yaml",
            "application",
            symlink_loop,
            None,
            Expectation("validate", 2, "unreadable|no-such-file", "-"),
        ),
        Spec(
            "criteria-symlink-escape.yaml",
            "application",
            symlink_escape,
            Expectation("assess", 2, "criteria-escape", CRITERIA_AT),
            Expectation("validate", 1, "criteria-escape", CRITERIA_AT),
        ),
    ]
    if os.name == "posix" and Path("/dev/zero").exists():
        found.append(
            Spec(
                "path-dev-zero",
                "application",
                dev_zero,
                Expectation("assess", 2, "not-a-file|file-too-large|unreadable", "-"),
                Expectation("validate", 2, "not-a-file|file-too-large|unreadable", "-"),
                in_batch=False,
            )
        )
    return found
