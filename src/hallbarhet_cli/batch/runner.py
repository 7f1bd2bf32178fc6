"""Run work items through worker processes and hand the results back in input order.

Items are grouped into chunks (many inputs per task, so the cost of sending work between
processes is spread thin) and at most a few chunks per worker are in flight at once, so
memory stays bounded however long the input stream is. Results are taken from the oldest
chunk first: the order of the results is the order of the inputs, whatever the number of
workers and whichever finishes first.

Workers are started with ``forkserver`` (``spawn`` where that is missing) rather than
``fork``, so they never inherit the main process's threads (the progress bar has one).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Final

from hallbarhet_cli.batch.interrupts import deferred, pause_point
from hallbarhet_cli.batch.items import Item
from hallbarhet_cli.batch.records import ChunkResult
from hallbarhet_cli.batch.worker import Settings, Worker, initialize, run_chunk

MAX_CHUNK: Final = 64
# Up to this many inputs, starting worker processes costs more than it saves.
SMALL_ROUND: Final = 64
STREAM_CHUNK: Final = 32  # when the number of inputs is not known up front
IN_FLIGHT_PER_WORKER: Final = 3
# A named file this large (JSON Lines, an export) holds a round for workers.
LARGE_FILE: Final = 1 << 20


def chunk_size(total: int | None, jobs: int) -> int:
    """Large enough to spread the cost of a task, small enough that every worker gets
    several chunks (so the work is shared evenly and the progress bar moves)."""
    if total is None:
        return STREAM_CHUNK
    return max(1, min(MAX_CHUNK, total // (jobs * 4)))


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def default_jobs() -> int:
    """The CPUs this process may run on."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_items(
    items: Iterable[Item],
    settings: Settings,
    jobs: int,
    total: int | None,
    take: Callable[[ChunkResult], None],
) -> None:
    """Assess ``items`` with ``jobs`` processes, calling ``take`` with each chunk's
    results in input order. One job, or a small round, runs here in this process."""
    size = chunk_size(total, jobs)
    if jobs <= 1 or (total is not None and total <= SMALL_ROUND):
        worker = Worker(settings)
        for chunk in chunks(items, size):
            take(worker.run(chunk))
        return
    context = _context()
    pause_point("before-pool")
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=initialize, initargs=(settings,)
    )
    pending: deque[Future[ChunkResult]] = deque()
    first = True
    try:
        for chunk in chunks(items, size):
            # Submitting may start worker processes: a start cut in half by a signal would
            # leave a process nobody knows about, so the signal waits until it is done.
            with deferred():
                pending.append(pool.submit(run_chunk, chunk))
            if first:
                pause_point("workers-starting")
                first = False
            while len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                take(pending.popleft().result())
                pause_point("running")
        while pending:
            take(pending.popleft().result())
            pause_point("running")
    except BaseException:
        # Interrupted or failed: the results are not wanted, so end the workers now
        # (they ignore Ctrl-C) rather than wait for the chunks in hand.
        _end_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _stop_forkserver()


@contextlib.contextmanager
def started_early(inputs: Sequence[str], jobs: int) -> Iterator[None]:
    """Start the process the workers are forked from (it imports the package and builds
    the validators, about half a second) now, while this process lists and counts the
    inputs, when the round plainly needs workers: a folder named with more than
    ``SMALL_ROUND`` entries at its top, or a file named of more than a megabyte. Stopped
    when the block ends, whatever happens in it."""
    early = jobs > 1 and any(_large(name) for name in inputs)
    if early:
        with deferred():  # a start cut in half by a signal would leave it behind
            _context()
            from multiprocessing import forkserver

            forkserver.ensure_running()
    try:
        yield
    finally:
        if early:
            _stop_forkserver()


def _large(name: str) -> bool:
    path = Path(name)
    try:
        if path.is_dir():
            with os.scandir(path) as entries:
                return any(n > SMALL_ROUND for n, _ in enumerate(entries, 1))
        return path.stat().st_size > LARGE_FILE
    except OSError:
        return False


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers at once. The pool's own thread then finds them gone and
    takes the pool down as broken; only after that may ``shutdown`` run (shutting down
    first would wait on queues that dead workers no longer read)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.terminate()
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join(timeout=10)
    # A worker ended while sending its result leaves half a message in the result pipe,
    # and the pool's thread waiting for the rest of it; with no writer left (this
    # process holds the last one) it reads the end of the pipe instead.
    with contextlib.suppress(OSError, AttributeError):
        pool._result_queue._writer.close()  # type: ignore[attr-defined]
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        with contextlib.suppress(RuntimeError):
            manager.join(timeout=30)


def _stop_forkserver() -> None:
    """Stop the process that starts workers, so it does not outlive this run; the next
    run starts it again."""
    with contextlib.suppress(Exception):
        from multiprocessing import forkserver

        forkserver._forkserver._stop()  # type: ignore[attr-defined]


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["hallbarhet_cli.batch.preload"])
        return context
    return multiprocessing.get_context("spawn")
