"""Write output files atomically: to a temporary file beside the target, then rename, so
an interrupted or failed run never leaves half a file. ``-`` means standard output."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from hallbarhet_cli.errors import Message, Problem, Severity, UsageError
from hallbarhet_cli.files.yamlload import exists, is_dir, is_file
from hallbarhet_cli.i18n import N_


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _unwritable(target: Path, template: str, **args: object) -> UsageError:
    return UsageError(
        [Problem(str(target), None, None, "output", Severity.ERROR, Message(template, args))]
    )


def write_atomic(target: str | Path, content: str | bytes) -> None:
    """Write ``content`` to ``target`` (``-`` for standard output) all or nothing.

    A target that cannot be written (a folder, a missing folder, no permission) is a
    :class:`UsageError`, and nothing is left behind.
    """
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
    if is_dir(path):
        raise _unwritable(
            path, N_("{path} is a folder; give a file name to write to."), path=str(path)
        )
    if exists(path) and not is_file(path):
        # A device or a pipe (/dev/null, /dev/stdout, a FIFO): renaming over it would
        # replace it with a regular file, so write through it instead.
        with path.open("wb") as stream:
            stream.write(data)
        return
    folder = path.parent if str(path.parent) else Path()
    if not is_dir(folder):
        raise _unwritable(path, N_("The folder {folder} does not exist."), folder=str(folder))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise _unwritable(
            path,
            N_("{path} cannot be written: {reason}."),
            path=str(path),
            reason=err.strerror or str(err),
        ) from None
    try:
        # mkstemp makes the file private; give it the mode a plain open() would have.
        os.fchmod(fd, path.stat().st_mode & 0o777 if exists(path) else _default_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        if isinstance(err, OSError) and not isinstance(err, BrokenPipeError):
            raise _unwritable(
                path,
                N_("{path} cannot be written: {reason}."),
                path=str(path),
                reason=err.strerror or str(err),
            ) from None
        raise
