#!/usr/bin/env python3
"""An encrypted diary beside the same diary in plain files: what encryption costs a reader.

Generates one diary with ``generate.py`` (default 10,000 entries), copies it, encrypts the
copy with ``kapdiary encrypt`` (timed once), then times, warm and interleaved (plain run,
encrypted run, plain run, ...), the median wall time of

    kapdiary review --last 30
    kapdiary search lighthouse
    kapdiary progress

on both, and the difference (the issue's aim: at most +60 ms each). Two one-time costs are
timed too: the first reading command after `encrypt` (the index built and encrypted), and
the first one after a reboot (the index's working copy in the RAM folder gone, so it is
decrypted from the cache again; see kapdiary.index.sealed).

    python benchmarks/bench_encrypt.py
    python benchmarks/bench_encrypt.py --entries 2000 --runs 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import NOW, WORD, Measure, kapdiary_env, measure, ms

HERE = Path(__file__).resolve().parent
COMMANDS = [
    ("review --last 30", ["review", "--last", "30"]),
    (f"search {WORD}", ["search", WORD]),
    ("progress", ["progress"]),
]


def make_diaries(entries: int, workdir: Path) -> tuple[Path, Path]:
    plain = workdir / "plain"
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), "--entries", str(entries), "--home",
         str(plain), "--word", WORD],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    sealed = workdir / "encrypted"
    shutil.copytree(plain, sealed, symlinks=True)
    return plain, sealed


def once(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def working_copy(env: dict[str, str], kapdiary: str) -> list[Path]:
    """The RAM folder's files for the encrypted diary (none where there is no RAM folder)."""
    code = (
        "from kapdiary.index.sealed import memory_folder; from kapdiary.locations import "
        "resolve_home; f = memory_folder(); h = resolve_home(None, None); "
        "print(f / h.index_file.name if f else '')"
    )
    python = Path(kapdiary).parent / "python"
    out = subprocess.run(
        [str(python), "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    return [Path(out), Path(out + ".stamp")] if out else []


def paired(kapdiary: str, plain_env: dict[str, str], sealed_env: dict[str, str], runs: int):
    results: list[tuple[str, Measure, Measure]] = []
    for label, args in COMMANDS:
        mine, theirs = Measure(), Measure()
        measure([kapdiary, *args], plain_env, 0, warmup=2)
        measure([kapdiary, *args], sealed_env, 0, warmup=2)
        for _ in range(runs):
            one = measure([kapdiary, *args], plain_env, 1, warmup=0)
            two = measure([kapdiary, *args], sealed_env, 1, warmup=0)
            mine.seconds += one.seconds
            mine.peaks_kib += one.peaks_kib
            theirs.seconds += two.seconds
            theirs.peaks_kib += two.peaks_kib
        results.append((label, mine, theirs))
    return results


def after_reboot(kapdiary: str, env: dict[str, str], runs: int) -> float | None:
    copies = working_copy(env, kapdiary)
    if not copies:
        return None
    times = []
    for _ in range(runs):
        for path in copies:
            path.unlink(missing_ok=True)
        times.append(once([kapdiary, "review", "--last", "30"], env))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9, help="timed runs per command (median)")
    parser.add_argument(
        "--kapdiary", default=shutil.which("kapdiary") or "kapdiary", help="the kapdiary program"
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="kapdiary-bench-encrypt-"))
    try:
        plain, sealed = make_diaries(args.entries, workdir)
        plain_env, sealed_env = kapdiary_env(plain, workdir), kapdiary_env(sealed, workdir)
        migration = once([args.kapdiary, "encrypt"], sealed_env)
        once([args.kapdiary, "review", "--last", "30"], plain_env)
        first = once([args.kapdiary, "review", "--last", "30"], sealed_env)
        rows = paired(args.kapdiary, plain_env, sealed_env, args.runs)
        reboot = after_reboot(args.kapdiary, sealed_env, max(3, args.runs // 3))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{args.entries:,} entries; interleaved, warm, median of {args.runs} runs; "
        f"{os.cpu_count()} CPUs, load {load:.1f}, Python {sys.version.split()[0]}; "
        f"now pinned at {NOW}.\n"
    )
    print("| command | plain | encrypted | difference |")
    print("|---|--:|--:|--:|")
    for label, mine, theirs in rows:
        diff = theirs.median - mine.median
        print(f"| `{label}` | {ms(mine.median)} | {ms(theirs.median)} | {diff * 1000:+,.0f} ms |")
    print()
    print(f"- `kapdiary encrypt` of the whole diary: {migration:.1f} s (once)")
    print(f"- first reading command after it (index built and encrypted): {ms(first)} (once)")
    if reboot is not None:
        print(f"- first reading command after a reboot (index decrypted again): {ms(reboot)}")


if __name__ == "__main__":
    main()
