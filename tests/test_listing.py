"""The last listing (index/sync.py ``_changed_only``): when nothing is racy, only the files
that are new or whose stats moved since the listing are compared with their rows. What it
skips must be safe to skip: every change a person, an editor or a sync tool makes is seen,
and a listing that does not fit the rows is never trusted.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import put
from kapdiary.index import sync
from kapdiary.locations import Home

DAYS = [f"2026-10-{day:02d}" for day in range(1, 21)]


def settle(home: Path) -> None:
    """Every entry written an hour ago: nothing racy, so the listing decides."""
    for path in (home / "entries").rglob("*.md"):
        os.utime(path, (path.stat().st_mtime - 3600,) * 2)


def shown(run: Callable[..., Any]) -> dict[str, str]:
    done = run("review", "--all", "--json")
    assert done.exit_code == 0, done.stderr
    entries = json.loads(done.stdout)["entries"]
    return {e["date"]: e["body"].strip().splitlines()[-1] for e in entries}


def index_of(home: Path) -> sqlite3.Connection:
    return sqlite3.connect(Home(home, "test").index_file)


@pytest.fixture
def settled(run: Callable[..., Any], home: Path) -> Path:
    run("init", "--yes")
    for n, day in enumerate(DAYS):
        put(home, day, f"Day {n} by the lake.")
    settle(home)
    shown(run)  # builds the index
    shown(run)  # and finds it in step: the listing is there, nothing racy
    with index_of(home) as conn:
        assert dict(conn.execute("SELECT key, value FROM info WHERE key = 'racy'")) == {"racy": "0"}
    return home


def changed_only(home: Path) -> tuple[list[str], list[str]] | None:
    """What the listing names for comparison now: the files, and the rows read."""
    with index_of(home) as conn:
        found = sync._changed_only(conn, sync.scan_entries(home / "entries"))
    return None if found is None else (sorted(found[0]), sorted(found[1]))


def test_a_touch_is_compared_alone_and_changes_nothing_shown(
    run: Callable[..., Any], settled: Path
) -> None:
    before = shown(run)
    touched = settled / "entries/2026/10/2026-10-05-evening.md"
    os.utime(touched, None)  # now: a new mtime and ctime, the same bytes
    assert changed_only(settled) == (["2026/10/2026-10-05-evening.md"],) * 2
    assert shown(run) == before


def test_a_same_size_rewrite_with_its_mtime_put_back_is_seen(
    run: Callable[..., Any], settled: Path
) -> None:
    path = settled / "entries/2026/10/2026-10-07-evening.md"
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Day 6 by the lake.", "Day 6 by the sea!."), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # as a sync tool would
    assert path.stat().st_size == st.st_size
    assert changed_only(settled) is not None
    assert shown(run)["2026-10-07"] == "Day 6 by the sea!."


def test_added_removed_and_renamed_files_are_seen(run: Callable[..., Any], settled: Path) -> None:
    put(settled, "2026-10-25", "A new evening.")
    (settled / "entries/2026/10/2026-10-02-evening.md").unlink()
    old = settled / "entries/2026/10/2026-10-03-evening.md"
    old.rename(old.with_name("2026-10-03-evening-moved.md"))
    found = changed_only(settled)
    assert found is not None
    compared, rows = found
    assert compared == [
        "2026/10/2026-10-03-evening-moved.md",
        "2026/10/2026-10-25-evening.md",
    ]
    assert rows == ["2026/10/2026-10-02-evening.md", "2026/10/2026-10-03-evening.md"]
    now = shown(run)
    assert "2026-10-02" not in now and now["2026-10-25"] == "A new evening."
    assert now["2026-10-03"] == "Day 2 by the lake."
    with index_of(settled) as conn:
        paths = sorted(row[0] for row in conn.execute("SELECT path FROM files"))
    assert "2026/10/2026-10-03-evening-moved.md" in paths
    assert "2026/10/2026-10-03-evening.md" not in paths


def kept_listing(home: Path) -> tuple[bytes, bytes]:
    with index_of(home) as conn:
        kept = dict(conn.execute("SELECT key, value FROM info WHERE key IN (?, ?)", sync.LISTING))
    return kept[sync.LISTING[0]], kept[sync.LISTING[1]]


def test_the_listing_kept_is_the_walk_after_every_change(
    run: Callable[..., Any], settled: Path
) -> None:
    """The paths are written again only when they differ (a touch moves stats alone): after
    each kind of change the listing kept is the walk's, paths and stats."""

    def walked() -> tuple[bytes, bytes]:
        scan = sync.scan_entries(settled / "entries")
        return scan.joined(), bytes(scan.stat_bytes())

    entries = settled / "entries/2026/10"
    assert kept_listing(settled) == walked()
    changes: list[Callable[[], object]] = [
        lambda: os.utime(entries / "2026-10-04-evening.md", None),  # a touch: stats only
        lambda: put(settled, "2026-10-26", "A new evening."),
        lambda: (entries / "2026-10-06-evening.md").unlink(),
        lambda: (entries / "2026-10-08-evening.md").rename(entries / "2026-10-08-moved.md"),
        lambda: os.utime(entries / "2026-10-09-evening.md", None),
    ]
    for change in changes:
        before = kept_listing(settled)
        change()
        shown(run)
        assert kept_listing(settled) == walked() != before


@pytest.mark.parametrize(
    "listing",
    [
        {"listing-stats": b"\x00" * 7},  # the wrong length
        {"listing-stats": "not bytes"},
        {"listing-paths": "not bytes"},
        {"listing-paths": b"2026/10/2026-10-01-evening.md"},  # fewer files than stats
    ],
    ids=["short-stats", "text-stats", "text-paths", "one-path"],
)
def test_a_listing_that_does_not_fit_is_not_trusted(
    run: Callable[..., Any], settled: Path, listing: dict[str, object]
) -> None:
    with index_of(settled) as conn:
        conn.executemany("INSERT OR REPLACE INTO info VALUES (?, ?)", listing.items())
    assert changed_only(settled) is None
    path = settled / "entries/2026/10/2026-10-09-evening.md"
    path.write_text(path.read_text(encoding="utf-8").replace("lake", "hill"), encoding="utf-8")
    assert shown(run)["2026-10-09"] == "Day 8 by the hill."


@pytest.mark.parametrize("still_there", [True, False])
def test_a_listed_file_with_no_rows_sends_every_row_to_the_comparison(
    run: Callable[..., Any], settled: Path, still_there: bool
) -> None:
    """A file gone between the listing and the reading of it has no rows; back unchanged,
    only a comparison of every row finds it again."""
    with index_of(settled) as conn:
        (id_,) = conn.execute(
            "SELECT id FROM files WHERE path = '2026/10/2026-10-11-evening.md'"
        ).fetchone()
        for table in ("files", "entries", "texts", "facts"):
            conn.execute(f"DELETE FROM {table} WHERE id = ?", (id_,))
    if not still_there:
        (settled / "entries/2026/10/2026-10-11-evening.md").unlink()
    os.utime(settled / "entries/2026/10/2026-10-12-evening.md", None)  # past the digest
    assert changed_only(settled) is None
    assert ("2026-10-11" in shown(run)) == still_there


operations = st.lists(
    st.tuples(st.sampled_from(["touch", "edit", "add", "remove", "rename"]), st.integers(0, 19)),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations)
def test_any_changes_read_as_a_fresh_index_reads_them(
    run: Callable[..., Any], home: Path, steps: list[tuple[str, int]]
) -> None:
    """After any mix of changes, the next command shows what an index built from nothing
    shows (the cache folder removed)."""
    entries = home / "entries"
    if not (home / "config.toml").exists() and not entries.exists():
        run("init", "--yes")
    for n, day in enumerate(DAYS):
        put(home, day, f"Day {n} by the lake.")
    for path in list(entries.rglob("*-x.md")):
        path.unlink()
    settle(home)
    shown(run)
    shown(run)
    for op, n in steps:
        files = sorted(entries.rglob("*.md"))
        path = files[n % len(files)]
        if op == "touch":
            os.utime(path, None)
        elif op == "edit":
            st = path.stat()
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("lake", "fern"), encoding="utf-8")
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        elif op == "add":
            put(home, f"2026-11-{n + 1:02d}", f"Added {n}.", name=f"2026-11-{n + 1:02d}-x.md")
        elif op == "remove" and len(files) > 1:
            path.unlink()
        elif op == "rename":
            path.rename(path.with_name(path.stem + "-x.md"))
    seen = shown(run)  # nothing was racy before the changes: the listing decides
    cache = Path(Home(home, "test").index_file)
    cache.unlink()
    assert shown(run) == seen
    time.sleep(0)
