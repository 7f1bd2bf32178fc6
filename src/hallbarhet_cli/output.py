"""Write output files atomically: to a temporary file beside the target, then rename, so
an interrupted or failed run never leaves half a file. ``-`` means standard output."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from hallbarhet_cli.errors import Message, Problem, Severity, UsageError
from hallbarhet_cli.i18n import N_


def write_atomic(target: str | Path, content: str | bytes) -> None:
    """Write ``content`` to ``target`` (``-`` for standard output) all or nothing."""
    if str(target) == "-":
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(content)
            sys.stdout.flush()
        return
    path = Path(target)
    data = content.encode() if isinstance(content, str) else content
    if path.exists() and not path.is_file() and not path.is_dir():
        # A device or a pipe (/dev/null, /dev/stdout, a FIFO): renaming over it would
        # replace it with a regular file, so write through it instead.
        with path.open("wb") as stream:
            stream.write(data)
        return
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise UsageError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    "output",
                    Severity.ERROR,
                    Message(N_("The folder {folder} does not exist."), {"folder": str(folder)}),
                )
            ]
        )
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
