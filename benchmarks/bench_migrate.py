#!/usr/bin/env python3
"""How long `kapdiary encrypt` and `kapdiary decrypt` take on a diary of N entries.

Generates one plain diary with ``generate.py``, then for each run copies it to a fresh
home (fresh config and cache, so a new key each time) and times ``kapdiary encrypt`` and
then ``kapdiary decrypt`` on it, once each, printing every run and the medians. Run it on
the disk the diaries live on (flushes to a RAM folder cost nothing).

    python benchmarks/bench_migrate.py
    python benchmarks/bench_migrate.py --entries 2000 --runs 3
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
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--kapdiary",
        default=f"{sys.executable} -m kapdiary",
        help="the command to time (split like a shell line); default: this Python's kapdiary",
    )
    parser.add_argument("--workdir", type=Path, help="where to work (default: a temp dir)")
    args = parser.parse_args()
    kapdiary = shlex.split(args.kapdiary)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kapdiary-bench-migrate-"))
    base = workdir / "base"
    if not base.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--entries", str(args.entries),
             "--home", str(base)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    files = sum(1 for p in base.rglob("*") if p.is_file())
    print(f"{args.entries} entries ({files} files), {args.runs} runs, in {workdir}")
    encrypts, decrypts = [], []
    for run in range(args.runs):
        here = workdir / f"run-{run}"
        shutil.rmtree(here, ignore_errors=True)
        shutil.copytree(base, here / "home", symlinks=True)
        env = dict(
            os.environ,
            KAPDIARY_HOME=str(here / "home"),
            KAPDIARY_CONFIG=str(here / "config" / "config.toml"),
            XDG_CACHE_HOME=str(here / "cache"),
            XDG_DATA_HOME=str(here / "data"),
        )
        encrypts.append(timed([*kapdiary, "encrypt"], env))
        decrypts.append(timed([*kapdiary, "decrypt"], env))
        print(f"run {run + 1}: encrypt {encrypts[-1]:.2f} s, decrypt {decrypts[-1]:.2f} s")
        shutil.rmtree(here)
    print(
        f"median: encrypt {statistics.median(encrypts):.2f} s, "
        f"decrypt {statistics.median(decrypts):.2f} s"
    )
    if args.workdir is None:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
