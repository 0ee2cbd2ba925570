#!/usr/bin/env python3
"""Time kapdiary's reading commands against jrnl on synthetic diaries; print Markdown.

For each size N it generates a diary with ``generate.py`` (the same entries as a jrnl
journal too), then measures, warm, the median wall time and peak memory of:

    kapdiary --version                 (the floor: Python + Typer)
    kapdiary review --last 30          vs  jrnl -n 30
    kapdiary review --list --since 1y
    kapdiary search lighthouse         vs  jrnl -contains lighthouse
    kapdiary progress --since 30y      (every figure over the whole history)

and the first index build (``review --last 30`` with an empty cache). Output goes to
/dev/null (not a terminal, so no pager and no Rich); ``timing.py`` times each run and its
peak memory.

    python benchmarks/bench.py                       # N = 3650 and 10000, 7 runs each
    python benchmarks/bench.py --sizes 1000 --runs 3 --no-jrnl

jrnl runs from its own venv (default /tmp/jrnlvenv, see benchmarks/README.md):

    python3 -m venv /tmp/jrnlvenv && /tmp/jrnlvenv/bin/pip install jrnl==4.6
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import Measure, measure, ms  # this folder

HERE = Path(__file__).resolve().parent
WORD = "lighthouse"
MAX_DAYS = 36_500  # back to 1926 from generate.py's newest day
NOW = "2026-11-20T22:00:00"  # generate.py's newest day, so "1y" always means 365 entries


def generate(size: int, workdir: Path) -> tuple[Path, Path, dict[str, object]]:
    home = workdir / f"home-{size}"
    journal = workdir / f"jrnl-{size}.txt"
    if home.exists():
        shutil.rmtree(home)
    out = subprocess.run(
        [
            sys.executable,
            str(HERE / "generate.py"),
            "--entries",
            str(size),
            "--home",
            str(home),
            "--jrnl",
            str(journal),
            "--word",
            WORD,
            # Every day within the years kapdiary keeps (1900–2100): beyond 36,500 entries
            # some days have two.
            "--days",
            str(min(size, MAX_DAYS)),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return home, journal, json.loads(out)


# What `kapdiary init` writes (use_cases/init.py): a person's diary has a config file.
CONFIG = """day_starts_at = "04:00"
default_template = "evening"
areas = [
    "mind",
    "body",
    "spirit",
    "relationships",
    "lifestyle",
    "nature",
]
"""


def kapdiary_env(home: Path, workdir: Path) -> dict[str, str]:
    config = workdir / "kapdiary-config.toml"
    if not config.exists():
        config.write_text(CONFIG, encoding="utf-8")
    env = dict(os.environ)
    env.update(
        KAPDIARY_HOME=str(home),
        KAPDIARY_CONFIG=str(config),
        XDG_CACHE_HOME=str(workdir / "cache"),
        KAPDIARY_NOW=NOW,
        # Bytecode as an installed package has it, kept out of the source tree.
        PYTHONPYCACHEPREFIX=str(workdir / "pycache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name in ("FORCE_COLOR", "FORCE_TERMINAL", "TTY_COMPATIBLE", "KAPDIARY_DEBUG"):
        env.pop(name, None)
    return env


def jrnl_env(workdir: Path) -> dict[str, str]:
    jrnl_home = workdir / "jrnl-home"  # jrnl writes ~/.local/share/jrnl on every run
    jrnl_home.mkdir(exist_ok=True)
    env = dict(os.environ)
    env.update(
        HOME=str(jrnl_home),
        XDG_DATA_HOME=str(jrnl_home / "share"),
        XDG_CONFIG_HOME=str(jrnl_home / "config"),
        PYTHONPYCACHEPREFIX=str(workdir / "pycache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def first_build(kapdiary: list[str], env: dict[str, str], runs: int) -> Measure:
    """``review --last 30`` with no index: the build a user waits for once."""
    result = Measure()
    cache = Path(env["XDG_CACHE_HOME"])
    measure([*kapdiary, "review", "--last", "30"], env, 0, warmup=1)  # bytecode, disk cache
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        one = measure([*kapdiary, "review", "--last", "30"], env, 1, warmup=0)
        result.seconds += one.seconds
        result.peaks_kib += one.peaks_kib
    return result


def check(kapdiary: list[str], env: dict[str, str], expected: int) -> None:
    """The search finds exactly the entries the generator planted the word in."""
    out = subprocess.run(
        [*kapdiary, "search", WORD, "--json"], env=env, capture_output=True, text=True, check=True
    ).stdout
    total = json.loads(out)["total"]
    if total != expected:
        raise SystemExit(f"search found {total} entries with {WORD!r}, expected {expected}")


def bench(size: int, args: argparse.Namespace, workdir: Path) -> list[dict[str, object]]:
    home, journal, summary = generate(size, workdir)
    env = kapdiary_env(home, workdir)
    kapdiary = [args.kapdiary]
    rows: list[dict[str, object]] = []

    build = first_build(kapdiary, env, args.build_runs)
    check(kapdiary, env, int(str(summary["word_entries"])))
    version = measure([*kapdiary, "--version"], env, args.runs, warmup=args.warmup)

    jrnl_cmd = [args.jrnl, "--config-file", f"{journal}.yaml"] if args.jrnl else None
    jenv = jrnl_env(workdir)
    pairs: list[tuple[str, list[str], list[str] | None]] = [
        ("review --last 30", ["review", "--last", "30"], ["-n", "30"]),
        ("review --list --since 1y", ["review", "--list", "--since", "1y"], None),
        (f"search {WORD}", ["search", WORD], ["-contains", WORD]),
        # Every figure over the whole history (issue: at most 150 ms above --version).
        ("progress --since 30y", ["progress", "--since", "30y"], None),
    ]
    rows.append(
        {"N": size, "command": "--version", "kapdiary": version, "jrnl": None, "jrnl_args": None}
    )
    for label, ours, theirs in pairs:
        mine = measure([*kapdiary, *ours], env, args.runs, warmup=args.warmup)
        other = None
        if jrnl_cmd is not None and theirs is not None:
            other = measure([*jrnl_cmd, *theirs], jenv, args.runs, warmup=args.warmup)
        rows.append(
            {
                "N": size,
                "command": label,
                "kapdiary": mine,
                "jrnl": other,
                "jrnl_args": " ".join(theirs) if theirs else None,
                "above_version": mine.median - version.median,
            }
        )
    rows.append(
        {
            "N": size,
            "command": "first index build",
            "kapdiary": build,
            "jrnl": None,
            "jrnl_args": None,
        }
    )
    return rows


def table(rows: list[dict[str, object]]) -> str:
    out = [
        "| N | kapdiary | median | above `--version` | jrnl | median | jrnl ÷ kapdiary "
        "| peak MiB kapdiary / jrnl |",
        "|--:|---|--:|--:|---|--:|--:|--:|",
    ]
    for row in rows:
        mine = row["kapdiary"]
        assert isinstance(mine, Measure)
        other = row["jrnl"]
        above = row.get("above_version")
        cells = [
            f"{row['N']:,}",
            f"`{row['command']}`" if row["command"] != "first index build" else "first index build",
            ms(mine.median),
            f"+{ms(above)}" if isinstance(above, float) else "",
        ]
        if isinstance(other, Measure):
            cells += [
                f"`jrnl {row['jrnl_args']}`",
                ms(other.median),
                f"{other.median / mine.median:.1f}×",
                f"{mine.peak_mib:.1f} / {other.peak_mib:.1f}",
            ]
        else:
            cells += ["", "", "", f"{mine.peak_mib:.1f}"]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[3650, 10_000])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (median)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first")
    parser.add_argument("--build-runs", type=int, default=3, help="first builds to time")
    parser.add_argument(
        "--kapdiary", default=shutil.which("kapdiary") or "kapdiary", help="the kapdiary program"
    )
    parser.add_argument("--jrnl", default="/tmp/jrnlvenv/bin/jrnl", help="jrnl 4.6 (own venv)")
    parser.add_argument("--no-jrnl", action="store_const", const=None, dest="jrnl")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated diaries")
    args = parser.parse_args()
    if args.jrnl and not Path(args.jrnl).exists():
        raise SystemExit(f"{args.jrnl} not found; install jrnl (see the docstring) or --no-jrnl")

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kapdiary-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        rows = [row for size in args.sizes for row in bench(size, args, workdir)]
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"kapdiary vs jrnl, warm, median of {args.runs} runs ({args.warmup} warm-up), "
        f"output to /dev/null; {os.cpu_count()} CPUs, Python {sys.version.split()[0]}.\n"
    )
    print(table(rows))


if __name__ == "__main__":
    main()
