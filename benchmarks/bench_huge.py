#!/usr/bin/env python3
"""Time kapdiary's reading commands on a diary that holds one huge entry; print Markdown.

For each size (MB) it generates a small diary with ``generate.py`` (``--entries``, default
100) plus one entry of that size made of ordinary sentences with the marker word in about
one word in 40 (so tens of thousands of matches), then measures the first index build and,
warm, the median wall time and peak memory of:

    kapdiary search lighthouse
    kapdiary review --last 5
    kapdiary progress
    kapdiary export --yes -f markdown

Output goes to /dev/null (not a terminal); ``timing.py`` times each run and its peak
memory. A run that takes longer than ``--timeout`` seconds is killed and shown as such.

    python benchmarks/bench_huge.py                        # 1, 2, 10 and 50 MB, 3 runs
    python benchmarks/bench_huge.py --sizes 1 10 --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import Measure, measure  # this folder

HERE = Path(__file__).resolve().parent
WORD = "lighthouse"
NOW = "2026-11-20T22:00:00"  # generate.py's newest day
WORDS = "the day was slow and I noticed my breath garden walked quietly felt warm".split()  # noqa: SIM905


def shown(found: Measure) -> str:
    return found.failed or f"{found.median:.2f} s"


def peak(found: Measure) -> str:
    return f"{found.peak_mib:.0f}" if found.peaks_kib else "–"


def huge_entry(home: Path, megabytes: float) -> Path:
    chance = random.Random(7)
    lines: list[str] = []
    size = 0
    while size < megabytes * 1024 * 1024:
        picked = [chance.choice(WORDS) for _ in range(12)]
        if chance.random() < 0.3:
            picked[chance.randrange(12)] = WORD
        line = " ".join(picked) + ".\n"
        lines.append(line)
        size += len(line)
    path = home / "entries" / "2026" / "11" / "2026-11-20-evening-9.md"
    path.write_text(
        "---\ndate: 2026-11-20\ntime: '23:00'\ntemplate: evening\nmood: 5\n---\n\n"
        "# Evening integration — Friday 20 November 2026\n\n## What came up for me today?\n\n"
        + "".join(lines),
        encoding="utf-8",
    )
    os.chmod(path, 0o600)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 10, 50])
    parser.add_argument("--entries", type=int, default=100, help="the small diary around it")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per command (median)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a run is killed")
    parser.add_argument(
        "--kapdiary", default=shutil.which("kapdiary") or "kapdiary", help="the kapdiary program"
    )
    args = parser.parse_args()

    rows: list[tuple[float, dict[str, Measure]]] = []
    for megabytes in args.sizes:
        workdir = Path(tempfile.mkdtemp(prefix="kapdiary-bench-huge-"))
        try:
            home = workdir / "home"
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "generate.py"),
                    "--entries",
                    str(args.entries),
                    "--home",
                    str(home),
                    "--json",
                ],
                check=True,
                capture_output=True,
            )
            huge_entry(home, megabytes)
            env = dict(os.environ)
            env.update(
                KAPDIARY_HOME=str(home),
                KAPDIARY_CONFIG=str(workdir / "config.toml"),
                KAPDIARY_NOW=NOW,
                XDG_CACHE_HOME=str(workdir / "cache"),
                NO_COLOR="1",
            )
            kapdiary = [args.kapdiary]
            out = workdir / "export.md"
            found: dict[str, Measure] = {}
            found["first index build"] = measure(
                [*kapdiary, "review", "--last", "1"],
                env,
                1,
                warmup=0,
                timeout=args.timeout,
                check=False,
            )
            commands = {
                f"search {WORD}": ["search", WORD],
                "review --last 5": ["review", "--last", "5"],
                "progress": ["progress"],
                "export -f markdown": ["export", "--yes", "--force", "-f", "markdown", "-o"],
            }
            for name, command in commands.items():
                if name.startswith("export"):
                    command = [*command, str(out)]
                found[name] = measure(
                    [*kapdiary, *command],
                    env,
                    args.runs,
                    warmup=0,
                    timeout=args.timeout,
                    check=False,
                )
            rows.append((megabytes, found))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"One huge entry in a {args.entries}-entry diary, warm, median of {args.runs} runs; "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}. Time / peak MiB.\n"
    )
    names = list(rows[0][1]) if rows else []
    print("| entry | " + " | ".join(f"`{n}`" for n in names) + " |")
    print("|---|" + "--:|" * len(names))
    for megabytes, found in rows:
        cells = [f"{shown(found[n])} / {peak(found[n])}" for n in names]
        print(f"| {megabytes:g} MB | " + " | ".join(cells) + " |")
    print()
    print(json.dumps({f"{m:g}": {n: shown(f) for n, f in found.items()} for m, found in rows}))


if __name__ == "__main__":
    main()
