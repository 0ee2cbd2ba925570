#!/usr/bin/env python3
"""Every row of issue 19's table of targets, side by side with jrnl 4.6 and the floor (a
bare one-command Typer app), in one command; prints the ratios against the targets.

    python benchmarks/targets.py                 # 10,000 and 50,000 entries, 9 rounds
    python benchmarks/targets.py --quick         # 10,000 only, 3 rounds: a few minutes

Each row's commands run in turns (paired runs: a burst of load on a shared machine falls
on both sides alike), output to /dev/null, warm, and the row shows their medians and the
ratio; the machine's load average is printed beside each row. The first index build runs
with stderr on a pseudo-terminal, so the progress bar is drawn as a person would see it.
Peak memory is the largest ``ru_maxrss`` of the reading commands at 50,000 entries (at
the largest size measured).

Bytecode: ``PYTHONDONTWRITEBYTECODE`` is removed from the environment and
``PYTHONPYCACHEPREFIX`` points into the work folder, so every program runs with its .pyc
files written on the warm-up run, as an installed program has them.

jrnl runs from its own venv (default /tmp/jrnlvenv):

    python3 -m venv /tmp/jrnlvenv && /tmp/jrnlvenv/bin/pip install jrnl==4.6

Exit status 0 when every row meets its target, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import WORD, generate, jrnl_env, kapdiary_env  # this folder
from bench_export import jrnl_export, kapdiary_export
from timing import Measure, load, measure, ms, paired

FLOOR = """import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    print(f"hello {name}")


if __name__ == "__main__":
    app()
"""
TOUCHED = 1000
RACY_SECONDS = 2.1  # kapdiary's racy window (index.RACY_NS) and a little


@dataclass
class Row:
    label: str
    ours: str
    theirs: str
    target: str  # "≤ 1.6×", "≤ 1.2 s", …
    limit: float  # the ratio, seconds or MiB not to exceed
    value: float  # the ratio, seconds or MiB measured
    detail: str  # medians
    load: str

    @property
    def meets(self) -> bool:
        return self.value <= self.limit


@dataclass
class Setup:
    kapdiary: list[str]
    python: str
    jrnl: list[str]
    env: dict[str, str]
    jenv: dict[str, str]
    home: Path
    journal: Path
    workdir: Path
    runs: int


def ratio_row(
    label: str,
    target: float,
    ours: tuple[list[str], dict[str, str]],
    theirs: tuple[list[str], dict[str, str]],
    runs: int,
    *,
    ours_label: str,
    theirs_label: str,
    before: Callable[[int], None] | None = None,
) -> Row:
    mine, other = paired([ours, theirs], runs, before=before)
    value = mine.median / other.median
    return Row(
        label,
        ours_label,
        theirs_label,
        f"≤ {target:g}×",
        target,
        value,
        f"{ms(mine.median)} / {ms(other.median)}",
        load(),
    )


def rows_at(size: int, s: Setup, *, full: bool) -> list[Row]:
    k, env, jrnl, jenv = s.kapdiary, s.env, s.jrnl, s.jenv
    floor = ([s.python, str(s.workdir / "floor.py")], env)
    found = [
        ratio_row(
            f"`progress` vs the floor (N = {size:,})",
            1.6,
            ([*k, "progress"], env),
            floor,
            s.runs,
            ours_label="kapdiary progress",
            theirs_label="bare Typer app",
        ),
        ratio_row(
            f"`progress --since 30y` vs the floor (N = {size:,})",
            1.6,
            ([*k, "progress", "--since", "30y"], env),
            floor,
            s.runs,
            ours_label="kapdiary progress --since 30y",
            theirs_label="bare Typer app",
        ),
        ratio_row(
            f"`search {WORD}` vs jrnl (N = {size:,})",
            0.08,
            ([*k, "search", WORD], env),
            ([*jrnl, "-contains", WORD], jenv),
            s.runs,
            ours_label=f"kapdiary search {WORD}",
            theirs_label=f"jrnl -contains {WORD}",
        ),
        ratio_row(
            f"`review --last 30` vs jrnl (N = {size:,})",
            0.12,
            ([*k, "review", "--last", "30"], env),
            ([*jrnl, "-n", "30"], jenv),
            s.runs,
            ours_label="kapdiary review --last 30",
            theirs_label="jrnl -n 30",
        ),
    ]
    if full:
        out = s.workdir / "out"
        out.mkdir(exist_ok=True)
        theirs = (jrnl_export(jrnl[0], s.journal, out / "jrnl.md"), jenv)
        for fmt in ("md", "html", "json"):
            found.append(
                ratio_row(
                    f"a year's export, `-f {fmt}`, vs jrnl's Markdown (N = {size:,})",
                    0.2,
                    (kapdiary_export(k[0], out / f"year.{fmt}", fmt), env),
                    theirs,
                    s.runs,
                    ours_label=f"kapdiary export (a year) -f {fmt}",
                    theirs_label="jrnl -from -to --export markdown",
                )
            )
        found.append(
            ratio_row(
                "`kapdiary --help` vs `kapdiary --version`",
                1.5,
                ([*k, "--help"], env),
                ([*k, "--version"], env),
                s.runs,
                ours_label="kapdiary --help",
                theirs_label="kapdiary --version",
            )
        )
        found.append(touched_row(size, s))
    return found


def touched_row(size: int, s: Setup) -> Row:
    """The next command after ``touch`` of 1,000 entries (content unchanged) against the
    same command warm. Before each warm run the racy window has passed and one command
    has settled the index, so "warm" is a diary nobody touched."""
    files = sorted((s.home / "entries").rglob("*.md"))
    chosen = random.Random(19).sample(files, min(TOUCHED, len(files)))
    command = [*s.kapdiary, "progress"]

    def before(i: int) -> None:
        if i == 0:
            now = time.time_ns()
            for path in chosen:
                os.utime(path, ns=(now, now))
        else:
            time.sleep(RACY_SECONDS)
            measure(command, s.env, 0, warmup=1)  # settles the touched files

    return ratio_row(
        f"next `progress` after `touch` of {len(chosen):,} entries vs warm (N = {size:,})",
        1.5,
        (command, s.env),
        (command, s.env),
        s.runs,
        ours_label="after touch",
        theirs_label="warm",
        before=before,
    )


def build_row(size: int, s: Setup, limit: float, runs: int) -> Row:
    """The first index build, with the progress bar (stderr on a pseudo-terminal)."""
    cache = Path(s.env["XDG_CACHE_HOME"])
    found = Measure()
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        found.add(measure([*s.kapdiary, "review", "--last", "30"], s.env, 1, warmup=0, pty=True))
    return Row(
        f"first index build, N = {size:,}",
        "kapdiary review --last 30, no index",
        "",
        f"≤ {limit:g} s",
        limit,
        found.median,
        ms(found.median),
        load(),
    )


def memory_row(size: int, s: Setup) -> Row:
    """The largest peak of the reading commands, and jrnl's for the same reading."""
    reading = [
        ["review", "--last", "30"],
        ["search", WORD],
        ["progress"],
        ["progress", "--since", "30y"],
    ]
    peaks = {" ".join(c): measure([*s.kapdiary, *c], s.env, 2).peak_mib for c in reading}
    worst = max(peaks, key=lambda c: peaks[c])
    theirs = measure([*s.jrnl, "-n", "30"], s.jenv, 1).peak_mib
    return Row(
        f"peak memory, any reading command, N = {size:,}",
        f"kapdiary {worst}",
        "jrnl -n 30",
        "≤ 35 MiB",
        35,
        peaks[worst],
        f"{peaks[worst]:.1f} MiB / {theirs:.1f} MiB",
        load(),
    )


def prepare(size: int, args: argparse.Namespace, workdir: Path) -> Setup:
    home, journal, summary = generate(size, workdir)
    env = kapdiary_env(home, workdir)
    jenv = jrnl_env(workdir)
    jrnl = [args.jrnl, "--config-file", f"{journal}.yaml"]
    (workdir / "floor.py").write_text(FLOOR, encoding="utf-8")
    kapdiary = [args.kapdiary]
    measure([*kapdiary, "review", "--last", "1"], env, 0, warmup=1)  # builds the index
    found = subprocess.run(
        [*kapdiary, "search", WORD, "--json"], env=env, capture_output=True, text=True, check=True
    ).stdout
    if f'"total": {summary["word_entries"]}' not in found:
        raise SystemExit(f"search did not find the {summary['word_entries']} planted entries")
    return Setup(kapdiary, args.python, jrnl, env, jenv, home, journal, workdir, args.runs)


def table(rows: list[Row]) -> str:
    out = [
        "| row | kapdiary / other (medians) | measured | target | | load 1/5 min |",
        "|---|--:|--:|--:|---|--:|",
    ]
    for row in rows:
        unit = "×" if row.target.endswith("×") else " s" if row.target.endswith("s") else " MiB"
        value = f"{row.value:.2f}{unit}" if unit != " MiB" else f"{row.value:.1f} MiB"
        verdict = "meets" if row.meets else "**misses**"
        out.append(
            f"| {row.label} | {row.detail} | {value} | {row.target} | {verdict} | {row.load} |"
        )
    return "\n".join(out)


def kapdiary_python(kapdiary: str) -> str:
    """The interpreter of the kapdiary script: the floor runs on the same Python."""
    path = shutil.which(kapdiary) or kapdiary
    with open(path, encoding="utf-8", errors="replace") as script:
        first = script.readline()
    return first[2:].strip() if first.startswith("#!") else sys.executable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 entries, 3 rounds")
    parser.add_argument("--runs", type=int, help="timed rounds per row (default 9, quick 3)")
    parser.add_argument("--sizes", type=int, nargs="+", help="default 10000 50000")
    parser.add_argument(
        "--kapdiary", default=shutil.which("kapdiary") or "kapdiary", help="the kapdiary program"
    )
    parser.add_argument("--jrnl", default="/tmp/jrnlvenv/bin/jrnl", help="jrnl 4.6 (own venv)")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a temp dir)")
    args = parser.parse_args()
    args.runs = args.runs or (3 if args.quick else 9)
    sizes = args.sizes or ([10_000] if args.quick else [10_000, 50_000])
    args.python = kapdiary_python(args.kapdiary)
    if not Path(args.jrnl).exists():
        raise SystemExit(f"{args.jrnl} not found; install jrnl 4.6 (see the docstring)")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kapdiary-targets-"))
    rows: list[Row] = []
    try:
        for size in sizes:
            where = workdir / str(size)
            where.mkdir(parents=True, exist_ok=True)
            setup = prepare(size, args, where)
            rows += rows_at(size, setup, full=size == sizes[0])
            limit = 1.2 if size <= 10_000 else 6.0 * size / 50_000
            rows.append(build_row(size, setup, limit, 1 if args.quick else 3))
            if size == sizes[-1]:
                rows.append(memory_row(size, setup))
            print(table(rows), "\n", file=sys.stderr)  # so far, while the rest runs
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"kapdiary against issue 19's targets: paired runs, median of {args.runs} rounds, "
        f"output to /dev/null, .pyc present; {os.cpu_count()} CPUs, "
        f"Python {sys.version.split()[0]}.\n"
    )
    print(table(rows))
    sys.exit(0 if all(row.meets for row in rows) else 1)


if __name__ == "__main__":
    main()
