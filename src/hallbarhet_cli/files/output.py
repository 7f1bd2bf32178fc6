"""Write output files atomically: to a temporary file beside the target, then rename, so
an interrupted or failed run never leaves half a file. ``-`` means standard output."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
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


def cannot_write(target: str | Path, err: OSError) -> UsageError:
    """The one-line usage error for an output that the system refused to write (a full
    disk, a read-only file system, no permission), naming ``target`` and the reason."""
    return _unwritable(
        Path(target),
        N_("{path} cannot be written: {reason}."),
        path=str(target),
        reason=err.strerror or str(err),
    )


@contextlib.contextmanager
def writing(target: str | Path) -> Iterator[None]:
    """Turn an :class:`OSError` raised while writing ``target`` into :func:`cannot_write`
    (a reader that went away, :class:`BrokenPipeError`, is left to the caller)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as err:
        raise cannot_write(target, err) from None


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
        with writing(path), path.open("wb") as stream:
            stream.write(data)
        return
    folder = path.parent if str(path.parent) else Path()
    if not is_dir(folder):
        if exists(folder):
            raise _unwritable(
                path, N_("{folder} is a file, not a folder to write into."), folder=str(folder)
            )
        raise _unwritable(path, N_("The folder {folder} does not exist."), folder=str(folder))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise cannot_write(path, err) from None
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
            raise cannot_write(path, err) from None
        raise
