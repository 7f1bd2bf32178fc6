"""Stopping a batch on a signal, at any moment, with nothing left behind.

Ctrl-C (``SIGINT``), ``SIGTERM`` (what ``kill``, ``timeout`` and service managers send) and
``SIGHUP`` (the terminal went away) all stop a round the same way: an :class:`Interrupted`
exception is raised in the main process, the worker processes are ended, the staging
folder is removed, and the command exits with 128 + the signal's number.

Some steps must not be cut in half — starting a worker process, renaming the finished
files into place — so a signal that arrives during one of them is held back
(:func:`deferred`) and raised when the step is done.

Worker processes and the forkserver that starts them ignore Ctrl-C (the main process
decides) and ask the system to kill them when their parent dies (:func:`die_with_parent`),
so not even ``SIGKILL`` on the main process leaves them running.

``HALLBARHET_TEST_PAUSE_AT=MOMENT`` makes the main process stop at ``MOMENT`` (see
:data:`MOMENTS`), say so on standard error and wait for a signal there: the tests use it
to interrupt a run at a known moment rather than after a guessed time.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Iterator
from types import FrameType
from typing import Final

STOPPING_SIGNALS: Final = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
PAUSE_VARIABLE: Final = "HALLBARHET_TEST_PAUSE_AT"
MOMENTS: Final = ("before-pool", "workers-starting", "running", "writing")
_PR_SET_PDEATHSIG: Final = 1


class Interrupted(KeyboardInterrupt):
    """The batch was stopped by ``signum``; a :class:`KeyboardInterrupt`, so everything
    that cleans up after Ctrl-C cleans up after this too."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


class _State:
    depth = 0
    pending: int | None = None


def _handle(signum: int, frame: FrameType | None) -> None:
    if _State.depth:
        _State.pending = _State.pending or signum
        return
    raise Interrupted(signum)


@contextlib.contextmanager
def stopping_on_signals() -> Iterator[None]:
    """While inside, ``SIGINT``, ``SIGTERM`` and ``SIGHUP`` raise :class:`Interrupted`."""
    try:
        previous = {sig: signal.signal(sig, _handle) for sig in STOPPING_SIGNALS}
    except ValueError:  # not in the main thread: signals are someone else's
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold back a stopping signal until the block is done, then raise it. Only signals
    routed through :func:`stopping_on_signals` (or installed here) are held."""
    installed: dict[int, signal._HANDLER] = {}
    if signal.getsignal(signal.SIGINT) is not _handle:
        with contextlib.suppress(ValueError):
            installed = {sig: signal.signal(sig, _handle) for sig in STOPPING_SIGNALS}
    _State.depth += 1
    try:
        yield
    finally:
        _State.depth -= 1
        for sig, handler in installed.items():
            signal.signal(sig, handler)
        pending, _State.pending = _State.pending, None
        if pending is not None and not _State.depth:
            raise Interrupted(pending)


def die_with_parent() -> None:
    """Ask Linux to kill this process when the process that started it ends, and ignore
    Ctrl-C (the main process handles it). Elsewhere only the latter."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent or parent == 1:  # the parent died before the request
        os._exit(1)


def pause_point(moment: str) -> None:
    """Stop here and wait for a signal when ``HALLBARHET_TEST_PAUSE_AT`` names
    ``moment`` (for tests; see the module's docstring)."""
    if os.environ.get(PAUSE_VARIABLE) != moment:
        return
    sys.stderr.write(f"hallbarhet: paused at {moment}\n")
    sys.stderr.flush()
    # Not signal.pause(): the system may hand the signal to one of the executor's threads,
    # and then pause() in this thread never returns. Python runs the handler in the main
    # thread at its next instruction, which a short sleep always reaches.
    while True:
        time.sleep(0.02)
