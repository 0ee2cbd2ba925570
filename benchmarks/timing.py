"""Timing a command line the way every benchmark here does: each run is a fresh child of a
small wrapper process, which reports the child's wall time, its peak memory
(``ru_maxrss`` of ``RUSAGE_CHILDREN``: the command's own peak, not the wrapper's) and its
exit code, and kills it after a timeout. ``paired`` runs several commands in turns, so a
burst of load on a shared machine falls on all of them alike.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# argv: timeout, command...; prints "<seconds> <peak KiB> <exit code or 'timeout'>".
# Output goes to /dev/null (not a terminal); with KAPDIARY_BENCH_PTY=1 stderr is a
# terminal (a pseudo-terminal), so a progress bar is drawn as a person would see it.
_WRAPPER = """
import os, resource, subprocess, sys, time, threading
stderr = subprocess.DEVNULL
if os.environ.pop("KAPDIARY_BENCH_PTY", "") == "1":
    import pty
    master, stderr = pty.openpty()
    def drain():
        try:
            while os.read(master, 65536):
                pass
        except OSError:
            pass
    threading.Thread(target=drain, daemon=True).start()
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=stderr)
# A blocking wait, with a timer for the timeout: Popen.wait(timeout=…) polls in sleeps of up
# to 50 ms, which rounded every run up to the next 50 ms step.
timer = threading.Timer(float(sys.argv[1]), child.kill)
timer.start()
code = child.wait()
seconds = time.perf_counter() - start
if not timer.is_alive():
    code = "timeout"
timer.cancel()
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if sys.platform == "darwin":
    peak //= 1024
print(seconds, peak, code)
"""


@dataclass
class Measure:
    seconds: list[float] = field(default_factory=list)
    peaks_kib: list[int] = field(default_factory=list)
    failed: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mib(self) -> float:
        return max(self.peaks_kib) / 1024 if self.peaks_kib else 0.0

    def add(self, other: Measure) -> None:
        self.seconds += other.seconds
        self.peaks_kib += other.peaks_kib
        self.failed = self.failed or other.failed


def run_once(
    command: Sequence[str], env: dict[str, str], timeout: float = 600, *, pty: bool = False
) -> tuple[float, int, str]:
    """One run: (wall seconds, peak KiB, exit code as text or ``timeout``)."""
    if pty:
        env = {**env, "KAPDIARY_BENCH_PTY": "1"}
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(timeout), *command],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), int(out[1]), out[2]


def measure(
    command: Sequence[str],
    env: dict[str, str],
    runs: int,
    *,
    warmup: int = 1,
    timeout: float = 600,
    pty: bool = False,
    check: bool = True,
) -> Measure:
    """``warmup`` untimed runs, then ``runs`` timed ones. A failing run stops it: with
    ``check`` that is an error, otherwise the measure says so (``failed``)."""
    found = Measure()
    for number in range(warmup + runs):
        seconds, peak, code = run_once(command, env, timeout, pty=pty)
        if code != "0":
            if check:
                raise SystemExit(f"{' '.join(command)} exited with {code}")
            found.failed = "timeout" if code == "timeout" else f"exit {code}"
            return found
        if number >= warmup:
            found.seconds.append(seconds)
            found.peaks_kib.append(peak)
    return found


def paired(
    commands: Sequence[tuple[Sequence[str], dict[str, str]]],
    runs: int,
    *,
    warmup: int = 1,
    before: Callable[[int], None] | None = None,
) -> list[Measure]:
    """The commands run in turns, ``runs`` rounds (after ``warmup`` untimed ones), the
    order rotating each round; ``before(i)`` runs before command ``i`` each time."""
    found = [Measure() for _ in commands]
    for round_ in range(warmup + runs):
        order = list(range(len(commands)))
        shift = round_ % len(order)
        for i in order[shift:] + order[:shift]:
            if before is not None:
                before(i)
            command, env = commands[i]
            seconds, peak, code = run_once(command, env)
            if code != "0":
                raise SystemExit(f"{' '.join(command)} exited with {code}")
            if round_ >= warmup:
                found[i].seconds.append(seconds)
                found[i].peaks_kib.append(peak)
    return found


def load() -> str:
    """The machine's load average, to print beside each figure."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "?"
    return f"{one:.1f}/{five:.1f}"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"
