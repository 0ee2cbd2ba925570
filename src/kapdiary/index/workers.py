"""Work done on every core: worker processes forked from this one, each taking every n-th
job and sending its results back through a pipe of its own, in order (the build's
batches of rows; the parts of the walk of a large diary).

Plain ``os.fork`` and pipes rather than ``multiprocessing``: no module to import, no threads
in this process taking the results in (they took the GIL from the build's inserts), and the
results go as ``marshal`` (the same interpreter at both ends; tuples and lists of numbers,
strings and bytes). A worker that fails sends its exception (pickled); one that dies ends
the work with ``WorkerStopped``, never a hang; a Ctrl-C stops them all. When no process can
be had (a limit on processes, a sandbox), the jobs are done in this process instead. Linux
only (``fork`` with the index open is safe there: a worker never touches the connection,
and leaves with ``os._exit``).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import struct
from collections.abc import Callable, Iterator
from typing import Any

from kapdiary.errors import KapdiaryError
from kapdiary.messages import index as said

_HEADER = struct.Struct("<cQ")  # b"R" rows or b"E" an error, and the length that follows
_PIPE_BYTES = 1 << 20  # a pipe that holds a batch or two: a worker need not wait for each read
_F_SETPIPE_SZ = 1031  # fcntl.F_SETPIPE_SZ (Linux), named in fcntl only from Python 3.10


@contextlib.contextmanager
def forked(
    jobs: list[Any], workers: int, work: Callable[[Any], Any], niceness: int
) -> Iterator[Iterator[Any]]:
    """The workers started (at once), and ``work(job)`` of each job in ``jobs`` in order as
    they send it: job ``i`` is done by worker ``i % workers``, which runs at ``niceness``
    below this process. Leaving the block stops any worker still at work. When a process
    cannot be made, the jobs are done here, one by one as their results are asked for."""
    pipes: list[Any] = []
    children: list[int] = []
    try:
        for number in range(workers):
            read_end, write_end = os.pipe()
            with contextlib.suppress(OSError):
                import fcntl

                fcntl.fcntl(write_end, _F_SETPIPE_SZ, _PIPE_BYTES)
            try:
                pid = os.fork()
            except OSError:
                os.close(read_end)
                os.close(write_end)
                raise
            if pid == 0:  # the worker: never returns
                os.close(read_end)
                for earlier in pipes:
                    earlier.close()
                _work(write_end, jobs[number::workers], work, niceness)
            os.close(write_end)
            children.append(pid)
            pipes.append(os.fdopen(read_end, "rb"))
    except OSError:  # no process (or pipe) to be had: this process does the work
        _stop(pipes, children)
        yield (work(job) for job in jobs)
        return
    try:
        yield (_received(pipes[at % workers]) for at in range(len(jobs)))
    finally:
        _stop(pipes, children)


def _stop(pipes: list[Any], children: list[int]) -> None:
    """Close the pipes (a worker still writing gets EPIPE and leaves) and end the workers
    (they only read: nothing to finish), reaping each."""
    for pipe in pipes:
        pipe.close()
    for pid in children:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)
    pipes.clear()
    children.clear()


def _work(fd: int, jobs: list[Any], work: Callable[[Any], Any], niceness: int) -> None:
    """A worker's life: its jobs' results down the pipe, then out (no cleanup of the
    parent's: its buffers, its atexit handlers and its open index are left alone)."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent tells the user and stops it
        with contextlib.suppress(OSError):
            os.nice(niceness)
        with os.fdopen(fd, "wb") as out:
            for job in jobs:
                try:
                    kind, data = b"R", marshal.dumps(work(job))
                except Exception as exc:  # noqa: BLE001 - the parent raises it
                    kind, data = b"E", _pickled(exc)
                out.write(_HEADER.pack(kind, len(data)))
                out.write(data)
                out.flush()
                if kind == b"E":
                    break
    except BaseException:  # noqa: BLE001 - a closed pipe (the parent stopped): just leave
        code = 1
    finally:
        os._exit(code)


def _pickled(exc: Exception) -> bytes:
    import pickle

    try:
        data = pickle.dumps(exc)
        pickle.loads(data)  # an exception whose arguments do not come back cannot be sent
    except Exception:  # noqa: BLE001
        data = pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
    return data


class WorkerStopped(KapdiaryError):
    """A worker ended before sending all it had to (killed, out of memory)."""


def _received(pipe: Any) -> Any:
    header = pipe.read(_HEADER.size)
    if len(header) == _HEADER.size:
        kind, length = _HEADER.unpack(header)
        data = pipe.read(length)
        if len(data) == length:
            if kind == b"R":
                return marshal.loads(data)
            import pickle

            raise pickle.loads(data)
    raise WorkerStopped(said.worker_stopped())
