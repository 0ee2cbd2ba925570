"""The build's worker processes (``index.workers``): every job's result comes back, in order,
from more than one process; a failing job's error is raised where its result would be; a
worker that dies, or a Ctrl-C, ends the build with an error and leaves no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kapdiary.errors import KapdiaryError
from kapdiary.index.workers import forked

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the parallel build is Linux's"
)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def rows(job: int) -> tuple[int, int, list[tuple[str, bytes, float, None]]]:
    return job, os.getpid(), [("é" * job, bytes([job % 256]) * job, job / 3, None)]


@pytest.mark.parametrize("workers", [2, 3])
def test_every_result_comes_back_in_order_from_several_processes(workers: int) -> None:
    jobs = list(range(40))
    with forked(jobs, workers, rows, 0) as results:
        got = list(results)
    assert [job for job, _, _ in got] == jobs
    assert [row for _, _, row in got] == [rows(job)[2] for job in jobs]  # as sent
    pids = {pid for _, pid, _ in got}
    assert len(pids) == workers and os.getpid() not in pids
    assert all(gone(pid) for pid in pids)


def failing(job: int) -> int:
    if job == 5:
        raise KapdiaryError("cannot read 5.md")
    return job


def test_a_jobs_error_is_raised_where_its_result_would_be() -> None:
    got: list[int] = []
    with (
        pytest.raises(KapdiaryError, match=r"cannot read 5\.md"),
        forked(list(range(12)), 2, failing, 0) as results,
    ):
        got.extend(results)
    assert got == [0, 1, 2, 3, 4]


class Odd(Exception):
    def __init__(self, a: int, b: int) -> None:  # pickles, but cannot be rebuilt from args
        super().__init__(f"odd {a} {b}")


def odd(job: int) -> int:
    if job == 1:
        raise Odd(1, 2)
    return job


def test_an_error_that_cannot_be_sent_arrives_by_name() -> None:
    with pytest.raises(RuntimeError, match="Odd: odd 1 2"), forked([0, 1, 2], 2, odd, 0) as results:
        list(results)


def dying(job: int) -> int:
    if job == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return job


def test_a_worker_that_dies_ends_the_build_with_an_error_not_a_hang() -> None:
    got: list[int] = []
    with (
        pytest.raises(KapdiaryError, match="stopped before it was done"),
        forked(list(range(10)), 2, dying, 0) as results,
    ):
        got.extend(results)
    assert got == [0, 1, 2]


def slow(job: int) -> tuple[int, int]:
    time.sleep(0.05)
    return job, os.getpid()


def test_leaving_early_stops_and_reaps_the_workers() -> None:
    with forked(list(range(200)), 2, slow, 0) as results:
        first = [next(results), next(results)]
    assert all(gone(pid) for _, pid in first)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left to reap: none is a zombie


def test_ctrl_c_stops_the_build_and_every_worker(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    script = textwrap.dedent(
        f"""
        import os, sys, time
        from kapdiary.index.workers import forked

        def slow(job):
            with open({str(pids)!r}, "a") as out:
                out.write(f"{{os.getpid()}}\\n")
            time.sleep(0.2)
            return job

        with forked(list(range(1000)), 2, slow, 0) as results:
            for result in results:
                print(result, flush=True)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )  # fmt: skip
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "0"  # the workers are at work
    os.killpg(child.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    _, err = child.communicate(timeout=30)
    assert child.returncode != 0 and "KeyboardInterrupt" in err
    workers = {int(line) for line in pids.read_text().split()}
    assert len(workers) == 2
    deadline = time.monotonic() + 5
    while not all(gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(gone(pid) for pid in workers)
    assert err.count("Traceback") == 1  # the parent's alone: the workers leave quietly


def test_without_a_process_to_be_had_the_jobs_are_done_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[int] = []
    real_fork = os.fork

    def second_refused() -> int:  # the first worker starts, the second cannot
        if started:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        pid = real_fork()
        if pid:
            started.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", second_refused)
    with forked(list(range(9)), 2, rows, 0) as results:
        got = list(results)
    assert [job for job, _, _ in got] == list(range(9))
    assert {pid for _, pid, _ in got} == {os.getpid()}  # all done here, in order
    assert started and all(gone(pid) for pid in started)  # the one started was stopped
