#!/usr/bin/env python3
"""Time `kapdiary export` of a year against jrnl's Markdown export of the same entries.

Generates a diary (default 10,000 entries, one a day back from 2026-11-20, so a year is
365 of them) with ``generate.py``, the same entries as a jrnl journal, and measures warm,
the median wall time of:

    kapdiary export --since 2025-11-21 --until 2026-11-20 --yes --force -o FILE [-f FORMAT]
    jrnl -from 2025-11-21 -to 2026-11-20 --export markdown --file FILE

Both write their file; output on the terminal goes to /dev/null. For context it also
times the two halves of an export as commands of their own: ``kapdiary review`` of the
year (the entries) and ``kapdiary progress --json`` for it (the figures, which read the
whole history: strength and the longest streak count every day up to the period's end).
The target (issue 5): kapdiary's Markdown export takes at most half of jrnl's time.
kapdiary leaves the year's private entries out (about 3%); jrnl has no such notion and
exports them all.

    python benchmarks/bench_export.py                    # 10,000 entries, 7 runs each
    python benchmarks/bench_export.py --entries 2000 --runs 3

jrnl runs from its own venv (see benchmarks/README.md):

    python3 -m venv /tmp/jrnlvenv && /tmp/jrnlvenv/bin/pip install jrnl==4.6
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from bench import generate, jrnl_env, kapdiary_env  # this folder
from timing import Measure, measure, ms

SINCE, UNTIL = "2025-11-21", "2026-11-20"  # 365 diary days, ending on generate.py's last day


def kapdiary_export(kapdiary: str, out: Path, fmt: str) -> list[str]:
    return [
        kapdiary,
        "export",
        "--since",
        SINCE,
        "--until",
        UNTIL,
        "--yes",
        "--force",
        "-o",
        str(out),
        "-f",
        fmt,
    ]


def jrnl_export(jrnl: str, journal: Path, out: Path) -> list[str]:
    return [
        jrnl,
        "--config-file",
        f"{journal}.yaml",
        "-from",
        SINCE,
        "-to",
        UNTIL,
        "--export",
        "markdown",
        "--file",
        str(out),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (median)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first")
    parser.add_argument(
        "--kapdiary", default=shutil.which("kapdiary") or "kapdiary", help="the kapdiary program"
    )
    parser.add_argument("--jrnl", default="/tmp/jrnlvenv/bin/jrnl", help="jrnl 4.6 (own venv)")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a temp dir)")
    args = parser.parse_args()
    if not Path(args.jrnl).exists():
        raise SystemExit(f"{args.jrnl} not found; install jrnl 4.6 (see the docstring)")

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kapdiary-bench-export-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        home, journal, summary = generate(args.entries, workdir)
        env = kapdiary_env(home, workdir)
        jenv = jrnl_env(workdir)
        out = workdir / "out"
        out.mkdir(exist_ok=True)

        results: dict[str, Measure] = {}
        for fmt in ("md", "html", "json"):
            results[fmt] = measure(
                kapdiary_export(args.kapdiary, out / f"kapdiary.{fmt}", fmt),
                env,
                args.runs,
                warmup=args.warmup,
            )
        # For context: the two halves of an export, as commands of their own.
        review = measure(
            [args.kapdiary, "review", "--since", SINCE, "--until", UNTIL],
            env,
            args.runs,
            warmup=args.warmup,
        )
        figures = measure(
            [args.kapdiary, "progress", "--since", SINCE, "--until", UNTIL, "--json"],
            env,
            args.runs,
            warmup=args.warmup,
        )
        theirs = measure(
            jrnl_export(args.jrnl, journal, out / "jrnl.md"), jenv, args.runs, warmup=args.warmup
        )

        ours_md = (out / "kapdiary.md").read_text(encoding="utf-8")
        entries_ours = len(re.findall(r"^### \w+day \d", ours_md, re.M))
        theirs_md = (out / "jrnl.md").read_text(encoding="utf-8")
        entries_jrnl = len(re.findall(r"^### \d{4}-", theirs_md, re.M))
        if entries_ours == 0 or entries_jrnl == 0:
            raise SystemExit("an export came out empty; check the commands")
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)

    md = results["md"]
    ratio = md.median / theirs.median
    print(
        f"Export of one year ({SINCE} – {UNTIL}) from a {summary['entries']:,}-entry diary, "
        f"warm, median of {args.runs} runs ({args.warmup} warm-up); {os.cpu_count()} CPUs, "
        f"Python {sys.version.split()[0]}.\n"
    )
    print("| command | entries in the file | median | peak MiB |")
    print("|---|--:|--:|--:|")
    for fmt in ("md", "html", "json"):
        count = str(entries_ours) if fmt == "md" else ""
        print(
            f"| `kapdiary export … -f {fmt}` | {count} | {ms(results[fmt].median)} "
            f"| {results[fmt].peak_mib:.1f} |"
        )
    print(
        f"| `kapdiary review --since {SINCE} --until {UNTIL}` (the entries alone) | "
        f"| {ms(review.median)} | {review.peak_mib:.1f} |"
    )
    print(
        f"| `kapdiary progress --since {SINCE} --until {UNTIL} --json` (the figures alone) | "
        f"| {ms(figures.median)} | {figures.peak_mib:.1f} |"
    )
    print(
        f"| `jrnl -from {SINCE} -to {UNTIL} --export markdown --file …` | {entries_jrnl} "
        f"| {ms(theirs.median)} | {theirs.peak_mib:.1f} |"
    )
    verdict = "meets" if ratio <= 0.5 else "MISSES"
    print(f"\nkapdiary (Markdown) ÷ jrnl = {ratio:.2f}: {verdict} the target of at most 0.5.")
    if ratio > 0.5:
        sys.exit(1)


if __name__ == "__main__":
    main()
