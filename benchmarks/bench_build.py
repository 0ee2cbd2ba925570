#!/usr/bin/env python3
"""Time the first index build: wall time, CPU time (the parsing workers included) and peak
memory of ``kapdiary review --last 1`` with no index, stderr on a pseudo-terminal so the
progress bar is drawn; print Markdown.

Several programs are timed in turns (paired runs: a burst of load on a shared machine falls
on all of them alike), so a change can be judged against the code before it:

    python benchmarks/bench_build.py --entries 10000                 # this checkout
    python benchmarks/bench_build.py --home /tmp/b/home-50000 --runs 3 \\
        --program "python -m kapdiary" --program "/tmp/old/.venv/bin/kapdiary"

On a busy machine read the CPU time rather than the wall time (and the load average
printed beside each run); a build of two cores' work shows it best.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOW = "2026-11-20T22:00:00"  # generate.py's newest day

# argv: command...; prints "<wall s> <CPU s of the command and its children> <peak KiB>
# <exit code>". stderr is a pseudo-terminal, drained by a thread, as a person would see it.
_WRAPPER = """
import os, pty, resource, subprocess, sys, threading, time
master, terminal = pty.openpty()
def drain():
    try:
        while os.read(master, 65536):
            pass
    except OSError:
        pass
threading.Thread(target=drain, daemon=True).start()
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=terminal)
seconds = time.perf_counter() - start
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(seconds, used.ru_utime + used.ru_stime, used.ru_maxrss, code)
"""


def one_build(program: list[str], home: Path, cache: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MiB) of one first build."""
    shutil.rmtree(cache, ignore_errors=True)
    env = {
        **os.environ,
        "KAPDIARY_HOME": str(home),
        "KAPDIARY_CONFIG": str(cache.parent / "no-config.toml"),
        "XDG_CACHE_HOME": str(cache),
        "KAPDIARY_NOW": NOW,
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # run with .pyc files, as an installed program
    command = [sys.executable, "-c", _WRAPPER, *program, "review", "--last", "1"]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    seconds, cpu, peak, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"{shlex.join(program)} exited with {code}")
    return float(seconds), float(cpu), int(peak) / 1024


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--home", type=Path, help="an existing diary home (left unchanged)")
    where.add_argument("--entries", type=int, help="generate a diary of this many entries")
    parser.add_argument("--runs", type=int, default=3, help="builds per program (median)")
    parser.add_argument(
        "--program",
        action="append",
        help='a kapdiary command line, repeatable (default: "python -m kapdiary" here)',
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    programs = [shlex.split(p) for p in args.program or [f"{sys.executable} -m kapdiary"]]
    with tempfile.TemporaryDirectory(prefix="kapdiary-build-") as work:
        home = args.home
        if home is None:
            home = Path(work) / "home"
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), "--entries", str(args.entries),
                 "--home", str(home), "--days", str(min(args.entries, 36_500))],
                check=True, capture_output=True,
            )  # fmt: skip
        found: dict[int, list[tuple[float, float, float, float]]] = {
            n: [] for n in range(len(programs))
        }
        for _ in range(args.runs):
            for n, program in enumerate(programs):
                load = os.getloadavg()[0]
                seconds, cpu, peak = one_build(program, home, Path(work) / "cache")
                found[n].append((seconds, cpu, peak, load))
        count = sum(1 for _ in (home / "entries").rglob("*.md"))
        print(f"First index build of {count:,} entries, {args.runs} runs each (medians)\n")
        print("| program | wall | CPU | peak memory | load average (1 min) |")
        print("|---|--:|--:|--:|--:|")
        for n, program in enumerate(programs):
            rows = found[n]
            print(
                f"| `{shlex.join(program)}` | {statistics.median(r[0] for r in rows):.2f} s "
                f"| {statistics.median(r[1] for r in rows):.2f} s "
                f"| {max(r[2] for r in rows):.0f} MiB "
                f"| {min(r[3] for r in rows):.1f}–{max(r[3] for r in rows):.1f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
