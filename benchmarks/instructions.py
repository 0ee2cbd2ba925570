#!/usr/bin/env python3
"""Instructions a command costs (``valgrind --tool=callgrind``), for judging a change on a
busy or noisy machine: unlike wall time, the count barely moves with load or CPU speed.

Each program is a source folder (``src/`` of a checkout or a copy), run the same way
(``PYTHONPATH``) so neither side is favoured: an installed checkout against another one
from ``PYTHONPATH`` is not a fair pair (the second ran up to 19 ms slower per command
here, the same code on both sides). The command runs in one process, the walk of
``entries/`` and a build's parsing there too (no forked workers, whose counts callgrind
loses when they leave), ``--runs`` times after one run: the table shows the first run
(start-up and imports included) and each further one (warm: what the command's own work
costs). Bytecode is written by an untimed run before, outside valgrind.

    python benchmarks/instructions.py --home /tmp/b/home-10000 \\
        --src /tmp/old/src --src src -- review --last 30
    python benchmarks/instructions.py --home H --src src -- export --since 2025-11-21 \\
        --until 2026-11-20 --yes --force -o /tmp/year.html

The diary's index is the programs' own: each ``--src`` gets a cache folder of its own
(built on the untimed run). Counts are in millions; a difference under 0.5% is noise
(hash seeds, the order of a set).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

NOW = "2026-11-20T22:00:00"  # generate.py's newest day

# argv: runs, command...; the command through the quick start, in this process, each time
_RUNNER = """
import contextlib, io, os, sys
import kapdiary.index.sync as sync
sync.WALK_SPLIT_FROM = sync.PARALLEL_FROM = 10**9  # all the work in this process
from kapdiary.launch import main
runs, args = int(sys.argv[1]), sys.argv[2:]
for _ in range(runs):
    sys.argv = ["kapdiary", *args]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            main()
        except SystemExit as exc:
            if exc.code:
                raise SystemExit(f"kapdiary {' '.join(args)} exited with {exc.code}")
"""


def count(src: Path, env: dict[str, str], runs: int, command: list[str]) -> int:
    """Instructions of ``runs`` runs of the command in one process."""
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, "-c", _RUNNER, str(runs), *command],
        env={**env, "PYTHONPATH": str(src)}, capture_output=True, text=True,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", out.stderr)
    if out.returncode != 0 or found is None:
        raise SystemExit(f"{src}: {out.stderr.strip().splitlines()[-1:] or out.returncode}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--home", type=Path, required=True, help="a diary home (an export records itself there)"
    )
    parser.add_argument("--config", type=Path, help="a config file (default: none)")
    parser.add_argument(
        "--src", type=Path, action="append", help="a source folder, repeatable (default: src)"
    )
    parser.add_argument("--runs", type=int, default=3, help="warm runs after the first")
    parser.add_argument("command", nargs="+", help="the kapdiary command, after --")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind not found (apt-get install valgrind)")
    sources = [s.resolve() for s in args.src or [Path(__file__).resolve().parent.parent / "src"]]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kapdiary-instructions-") as work:
        for n, src in enumerate(sources):
            env = dict(os.environ)
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env.update(
                KAPDIARY_HOME=str(args.home),
                KAPDIARY_CONFIG=str(args.config or Path(work) / "no-config.toml"),
                KAPDIARY_NOW=NOW,
                XDG_CACHE_HOME=str(Path(work) / f"cache-{n}"),
                PYTHONPYCACHEPREFIX=str(Path(work) / "pycache"),
                PYTHONHASHSEED="0",
            )
            subprocess.run(  # untimed: bytecode written, the index built
                [sys.executable, "-c", _RUNNER, "2", *args.command],
                env={**env, "PYTHONPATH": str(src)}, check=True,
            )  # fmt: skip
            first = count(src, env, 1, args.command)
            more = count(src, env, 1 + args.runs, args.command)
            rows.append((src, first, (more - first) / args.runs))
    print(f"`kapdiary {' '.join(args.command)}`, {args.home}: millions of instructions\n")
    print("| program | first run (start-up included) | each warm run |")
    print("|---|--:|--:|")
    for src, first, warm in rows:
        print(f"| `{src}` | {first / 1e6:,.0f} M | {warm / 1e6:,.0f} M |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
