"""Keeping the index in step with the files: the walk of ``entries/`` (``scan_entries``), what
changed since the index saw it (``diff``), and reading the changed files into the tables
(``refresh``, or ``build`` for an empty database, in a file or in memory).

A file whose mtime was within ``RACY_NS`` of the moment it was indexed could have been
changed again in the same clock tick without any stat field changing; for those the
content hash decides (git's "racily clean" rule), until they are old enough.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import os
import struct
import sys
import time
from collections.abc import Callable, Generator, Iterator
from datetime import date
from pathlib import Path
from stat import S_ISLNK, S_ISREG
from typing import TYPE_CHECKING, Any

from kapdiary.errors import KapdiaryError
from kapdiary.index import schema
from kapdiary.index.extract import (
    Batch,
    Job,
    content_hash,
    extract_batch,
    plain_bytes,
    plain_name,
    prepare,
    read_bytes,
)
from kapdiary.index.model import Changes, Progress, Scan
from kapdiary.locations import Home
from kapdiary.messages import index as said

if TYPE_CHECKING:
    import sqlite3

RACY_NS = 2_000_000_000  # mtimes this close to the indexing time are checked by content
BATCH = 256
FIRST_BATCHES_SMALLER = 4  # the first batch a quarter of BATCH, the next ones twice as large
WORKER_NICENESS = 2  # how far below the writing process the parsing workers run
FTS_EVERY = 1024  # rows added to the full-text index at a time during a build
PARALLEL_FROM = 1000  # files to index before parsing on several cores
WALK_SPLIT_FROM = 8  # folders in entries/ (years) before the walk is done in two parts
# Indexes whose rows a build adds in their own order (by path, and by id): kept as the rows
# go in, they cost little more than made at the end, and the end is work for one core only.
IN_ORDER = ("CREATE INDEX entries_by_day ", "CREATE INDEX facts_by_entry ")
# The page cache while the last index is sorted (KiB, negative as SQLite takes it): the
# rows written so far need not stay in memory beside the sorter's.
SORTING_CACHE = -8000
# FTS5's automatic merging of the full-text index's segments: off while a build fills it
# (its "crisis merge" still bounds the segments), FTS5's default for every change after.
BUILD_AUTOMERGE, AUTOMERGE = 0, 4


def check_own_entries(home: Home) -> None:
    """``entries/`` must be the diary's own folder: a link out of the home is not read."""
    folder = home.entries
    if not folder.is_symlink():
        return
    try:
        inside = folder.resolve().is_relative_to(home.path.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        raise KapdiaryError(said.folder_links_outside_diary(folder, os.readlink(folder)))


def scan_entries(folder: Path, meanwhile: Callable[[], object] | None = None) -> Scan:
    """Every ``*.md`` file under ``folder`` (hidden files and folders skipped), by path.

    This runs before every reading command, so it is the cost to keep low: one scandir
    per folder and one stat per file, relative to an open folder where the OS allows it.
    A diary of many folders (years) is walked in two parts at once, every other year each
    (threads only slow it: each stat hands the interpreter's lock over): one part by a
    forked process and the other here, or, when the caller has work of its own that needs
    no listing (``meanwhile``: the index's imports), both by forked processes while this
    one does it. Either way the listing is in the same order.
    """
    found = Scan()
    folders = _walk(found, [(str(folder), "")], descend=False)  # its files, and its folders
    if len(folders) < WALK_SPLIT_FROM or not _may_fork():
        if meanwhile is not None:
            meanwhile()
        _walk(found, folders)
        return one_form(found)
    folders.sort()  # dealt by turns: parts of about the same size, the same each time
    parts = [folders[::2], folders[1::2]]
    walkers = parts if meanwhile is not None else parts[1:]
    top = len(found)  # the files at the top of the folder
    from kapdiary.index.workers import WorkerStopped, forked

    try:
        with forked(walkers, len(walkers), _walked, 0) as results:
            if meanwhile is not None:
                meanwhile()
            else:
                _walk(found, parts[0][:])  # (a copy: the walk takes folders off its stack)
            for paths, stats in results:
                found.paths += paths
                found.stats.frombytes(stats)
    except WorkerStopped:  # a walking process died (killed, out of memory): the walk here
        found.keep_first(top)
        for part in parts:
            _walk(found, part[:])
    return one_form(found)


def _may_fork() -> bool:
    """Whether processes may be forked to share work (the walk, the build's parsing): two
    cores, Linux, and no thread running (a thread could hold a lock the child would wait
    on; none of ours does)."""
    threading = sys.modules.get("threading")
    alone = threading is None or threading.active_count() == 1
    return alone and _cores() >= 2 and sys.platform.startswith("linux")


def _walked(folders: list[tuple[str, str]]) -> tuple[list[str], bytes]:
    """``_walk`` of these folders in a process of its own: paths, and stats as bytes."""
    found = Scan()
    _walk(found, folders)
    return found.paths, found.stats.tobytes()


def _walk(
    found: Scan, stack: list[tuple[str, str]], *, descend: bool = True
) -> list[tuple[str, str]]:
    """Add the entry files in the folders on ``stack`` (path, prefix) to ``found``, and
    those in their folders; with ``descend`` False, return the folders instead."""
    paths = found.paths.append
    by_fd = os.scandir in os.supports_fd
    below: list[tuple[str, str]] = []
    while stack:
        current, prefix = stack.pop()
        try:
            handle: int | str = (
                os.open(current, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if by_fd else current
            )
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise _folder_error(current, exc) from exc
        numbers: list[int] = []  # the folder's stats, put in the array at once (packed):
        stats = numbers.extend  # extending an array by a tuple costs ~3,000 instructions
        try:
            with os.scandir(handle) as listing:
                for item in listing:
                    name = item.name
                    if name[0] == ".":
                        continue
                    try:
                        tail = name[-3:]  # lower() only for a name not ending in ".md"
                        if tail == ".md" or tail.lower() == ".md" or name[-7:].lower() == ".md.age":
                            try:
                                st = item.stat()
                            except FileNotFoundError:  # a link to nothing: listed, to be named
                                st = item.stat(follow_symlinks=False)
                            if S_ISREG(st.st_mode) or S_ISLNK(st.st_mode):
                                paths(prefix + name)
                                stats((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
                                continue
                        if item.is_dir(follow_symlinks=False):
                            (stack if descend else below).append(
                                (f"{current}/{name}", f"{prefix}{name}/")
                            )
                    except OSError:
                        continue  # gone between listing and stat: it is simply not there
            if numbers:
                packer = _packer(len(numbers) // 4)
                try:
                    found.stats.frombytes(packer.pack(*numbers))
                except struct.error:  # a time 64 bits of nanoseconds cannot hold
                    found.stats.frombytes(packer.pack(*_held(numbers)))
        except OSError as exc:
            raise _folder_error(current, exc) from exc
        finally:
            if isinstance(handle, int):
                os.close(handle)
    return below


_LOWEST, _HIGHEST = -(1 << 63), (1 << 63) - 1  # what SQLite and the stats array hold


def _held(numbers: list[int]) -> list[int]:
    """A folder's stats with each size and time held within 64 signed bits: a file whose
    modification time is after 2262 or before 1678 (``touch -d 2300-01-01``, a sync tool's
    bad clock) is listed, not an error. A change to it still shows: writing moves its
    ctime, which the OS sets to the present; and a time held at the top counts as racy,
    so its content is compared on every command."""
    return [
        number if place % 4 == 3 else min(max(number, _LOWEST), _HIGHEST)
        for place, number in enumerate(numbers)
    ]


@functools.lru_cache(maxsize=64)
def _packer(files: int) -> Any:
    """The stats of a folder's ``files`` files as the stats array's bytes (native order,
    8 bytes a number): a third fewer instructions than ``array.fromlist``, which parses
    each number as a call's argument. The inode is packed unsigned, as the OS gives it,
    and read back signed, as SQLite keeps integers: one from a file system that sets the
    top bit (NFS, overlayfs) is kept, not an error."""
    return struct.Struct("=" + "qqqQ" * files)


def one_form(found: Scan) -> Scan:
    """An entry seen as ``x.md`` and ``x.md.age`` (`kapdiary encrypt` or `decrypt` stopped
    between writing one and removing the other: the same words) counts once, as ``x.md``."""
    sealed = [path for path in found.paths if path[-4:] == ".age"]
    if not sealed:
        return found  # a plain diary: no set of every path on each command's walk
    paths = set(found.paths)
    twins = {path for path in sealed if path[:-4] in paths}
    if not twins:
        return found  # the usual case: nothing caught in both forms
    return Scan((path, stat) for path, stat in found.items() if path not in twins)


def _folder_error(folder: str, exc: OSError) -> KapdiaryError:
    return KapdiaryError(said.cannot_read_folder(folder, exc.strerror))


# A file's row as ``diff`` compares it: the path, then the stat, checked_ns, hash and id.
_FILE_ROW = "SELECT path, size, mtime_ns, ctime_ns, inode, checked_ns, hash, id FROM files"


def _stored(conn: sqlite3.Connection) -> dict[str, tuple[Any, ...]]:
    return {row[0]: row[1:] for row in conn.execute(_FILE_ROW)}


def _version(conn: sqlite3.Connection) -> int:
    """Changes when another connection commits to the file (SQLite's data_version)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def diff(home: Home, scan: Scan, stored: dict[str, tuple[Any, ...]]) -> Changes:
    """What differs between the folder (``scan``) and the index (``stored``).

    A file whose stat changed but whose size did not (``touch``, a sync tool writing the
    same bytes again, a checkout) is read and hashed before it counts as changed: the same
    content keeps its rows and only its stat is brought up to date (``restat``), without
    parsing it again. A file dated by its modification time alone (no date in its name)
    is always read again, since its day moves with that time.
    """
    changes = Changes()
    now = time.time_ns()  # before reading: a write after this shows as a newer mtime
    folder = str(home.entries)
    for path, stat in scan.items():
        old = stored.get(path)
        if old is None:
            changes.added.append(path)
        elif stat != old[:4]:
            if stat[0] == old[0] and _dated_by_name(path) and _same(folder, path, stat[0], old[5]):
                changes.restat[path] = (*stat, now)
            else:
                changes.changed.append(path)
        elif old[4] - stat[1] < RACY_NS:
            # Changed again within the clock tick it was indexed in? Only the content tells.
            if _same(folder, path, stat[0], old[5]):
                changes.touched[path] = now
            else:
                changes.changed.append(path)
    changes.removed = [path for path in stored if path not in scan]
    return changes


def _same(folder: str, path: str, size: int, digest: bytes) -> bool:
    """Whether the file still holds the content the index read (by its hash). A link is
    indexed empty and never read through (it may lead anywhere). The path is joined as
    text (``path`` is the walk's, with ``/``) and a plain file read as the build reads it
    (one open that refuses a link, one read): a ``touch`` of a thousand files asks this
    of each. Anything else (a link, an age file, a sync tool's copy) goes the careful way."""
    full = f"{folder}/{path}"
    data = plain_bytes(full, size) if plain_name(path) else None
    if data is not None:
        return content_hash(data) == digest
    try:
        if S_ISLNK(os.lstat(full).st_mode):
            return content_hash(b"") == digest
    except FileNotFoundError:
        return False
    data = read_bytes(full)
    return data is not None and content_hash(data) == digest


def _dated_by_name(path: str) -> bool:
    """Whether the file's name gives it a day (``2026-11-21-….md``), as ``entry.Entry.date``
    falls back to it; otherwise the day could come from the modification time."""
    name = path.rpartition("/")[2]
    if len(name) < 10 or not name[:4].isdigit() or name[4] != "-" or name[7] != "-":
        return False
    try:
        date.fromisoformat(name[:10])
    except ValueError:
        return False
    return True


def refresh(conn: sqlite3.Connection, home: Home, scan: Scan, progress: Progress | None) -> None:
    """Bring the index up to date with ``scan`` (the folder as it is now)."""
    digest = scan_digest(scan)
    info = dict(conn.execute("SELECT key, value FROM info WHERE key IN ('scan', 'racy')"))
    if info.get("scan") == digest and info.get("racy") == "0":
        return  # the same files with the same stats as last time, none of them racy
    seen = _version(conn)
    # Nothing racy: only the files whose stats differ from the last listing need their rows.
    known = _changed_only(conn, scan) if info.get("racy") == "0" else None
    stored = known[1] if known is not None else _stored(conn)
    changes = diff(home, known[0] if known is not None else scan, stored)
    if not changes and info.get("racy") == "0":
        stored.clear()  # (peak memory: the rows are not needed beside the listing written)
        _write_info(conn, scan, digest, seen=seen)  # the same files, listed in another order
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if _version(conn) != seen:  # another process has caught up meanwhile
            stored = _stored(conn)
            changes = diff(home, scan, stored)
        _update(conn, home, scan, stored, changes, progress)
        stored.clear()  # (peak memory: the rows are not needed beside the listing written)
        _write_info(conn, scan, digest, in_transaction=True)
        conn.execute("COMMIT")
    except BaseException:
        import sqlite3

        # SQLite may have rolled back already (a full disk): the first error is the one to tell.
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


def _update(
    conn: sqlite3.Connection,
    home: Home,
    scan: Scan,
    stored: dict[str, tuple[Any, ...]],
    changes: Changes,
    progress: Progress | None,
) -> None:
    """Apply ``changes`` inside the caller's transaction."""
    gone = changes.removed + changes.changed
    ids = [(stored[path][6],) for path in gone]
    for table in ("files", "entries", "texts", "facts"):
        conn.executemany(f"DELETE FROM {table} WHERE id = ?", ids)
    if gone or changes.added:
        conn.execute("DELETE FROM derived")
        conn.execute(
            "INSERT OR REPLACE INTO info VALUES ('generation', "
            "coalesce((SELECT value + 1 FROM info WHERE key = 'generation'), 1))"
        )
    conn.executemany(
        "UPDATE files SET checked_ns = ? WHERE path = ?",
        [(ns, path) for path, ns in changes.touched.items()],
    )
    conn.executemany(
        "UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ?, inode = ?, checked_ns = ? "
        "WHERE path = ?",
        [(*stat, path) for path, stat in changes.restat.items()],
    )
    _apply(conn, home, scan, changes, progress)


def scan_digest(scan: Scan) -> str:
    """A fingerprint of a folder listing: equal fingerprints, equal paths and stats."""
    return scan.digest()


LISTING = ("listing-paths", "listing-stats")  # the last listing, in ``info``


def _changed_only(
    conn: sqlite3.Connection, scan: Scan
) -> tuple[Scan, dict[str, tuple[Any, ...]]] | None:
    """The files that are new or whose stats differ from the listing the index last
    matched, with the rows of those and of the files gone since; None when there is no
    listing or the rows are not what it says (then every row is compared).

    The listing is written in the same transaction as the rows it describes, so a file
    the listing shows with the stats it has now has rows made from those stats (a change
    to a file moves its ctime on): only the others need reading. A ``touch`` of a
    thousand files in ten thousand reads a thousand rows, not ten thousand.
    """
    kept = dict(conn.execute("SELECT key, value FROM info WHERE key IN (?, ?)", LISTING))
    names, before = kept.get(LISTING[0]), kept.get(LISTING[1])
    if not isinstance(names, bytes) or not isinstance(before, bytes):
        return None
    # A row for each file listed: a file read at the listing but gone before its rows were
    # made has none, and if it came back unchanged only a full comparison would see it.
    (rows,) = conn.execute("SELECT count(*) FROM files").fetchone()
    if rows * _WIDTH != len(before):
        return None
    moved = _moved(names, before, scan)
    if moved is None:
        return None
    differ, gone = moved
    stats = scan.stat_bytes()
    chosen = Scan()
    chosen.paths = [scan.paths[n] for n in differ]
    chosen.stats.frombytes(b"".join([stats[n * _WIDTH : (n + 1) * _WIDTH] for n in differ]))
    stored = _rows_of(conn, [*chosen.paths, *gone])
    return (chosen, stored) if all(path in stored for path in gone) else None


_WIDTH = 4 * Scan().stats.itemsize  # a file's (size, mtime_ns, ctime_ns, inode) as bytes


def _moved(names: bytes, before: bytes, scan: Scan) -> tuple[list[int], list[str]] | None:
    """Which of the walk's files (by position) are new or have other stats than in the
    listing (``names``, ``before``), and which listed files are gone; None when the
    listing's parts do not fit each other."""
    stats = scan.stat_bytes()
    if names == scan.joined():  # the same files in the same order: compare in place
        if len(before) != len(stats):
            return None
        from itertools import compress, count
        from operator import ne
        from struct import iter_unpack

        each = f"{_WIDTH}s"  # one file's stats as bytes, from both in step, compared (in C)
        moved = map(ne, iter_unpack(each, before), iter_unpack(each, stats))
        return list(compress(count(), moved)), []
    listed = names.decode("utf-8", "surrogateescape").split("\0") if names else []
    if len(before) != len(listed) * _WIDTH:
        return None
    at = {path: n for n, path in enumerate(listed)}
    differ = []
    for n, path in enumerate(scan.paths):
        m = at.pop(path, None)
        if (
            m is None
            or before[m * _WIDTH : (m + 1) * _WIDTH] != stats[n * _WIDTH : (n + 1) * _WIDTH]
        ):
            differ.append(n)
    return differ, list(at)  # what is left in ``at`` was listed then and is gone now


def _rows_of(conn: sqlite3.Connection, paths: list[str]) -> dict[str, tuple[Any, ...]]:
    """``_stored`` for some paths only (those the index has)."""
    found: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(paths), 500):  # SQLite takes 999 parameters at least
        part = paths[start : start + 500]
        rows = conn.execute(f"{_FILE_ROW} WHERE path IN ({', '.join('?' * len(part))})", part)
        found.update((row[0], row[1:]) for row in rows)
    return found


def _write_info(
    conn: sqlite3.Connection,
    scan: Scan,
    digest: str,
    *,
    in_transaction: bool = False,
    seen: int | None = None,
) -> None:
    """Remember the listing, and how many files are still too fresh to trust by stat.
    Outside a transaction (``seen``: the data version the rows were compared at) it is
    written only if no other process has changed the index since."""
    racy = conn.execute(
        "SELECT count(*) FROM files WHERE checked_ns - mtime_ns < ?", (RACY_NS,)
    ).fetchone()[0]
    rows = [("scan", digest), ("racy", str(racy)), (LISTING[1], scan.stat_bytes())]

    def write() -> None:
        conn.executemany("INSERT OR REPLACE INTO info VALUES (?, ?)", rows)
        # The paths as they were (a touch, an edit: only stats moved) are not written
        # again: compared in SQLite, their pages are read, not rewritten and journalled.
        conn.execute(
            "INSERT OR REPLACE INTO info SELECT ?1, ?2 "
            "WHERE NOT EXISTS (SELECT 1 FROM info WHERE key = ?1 AND value = ?2)",
            (LISTING[0], scan.joined()),
        )

    if in_transaction:
        write()
        return
    import sqlite3

    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return  # busy: this is only a shortcut for next time
    try:
        if seen is not None and _version(conn) != seen:
            conn.execute("ROLLBACK")
            return  # another process changed the rows: its listing stands
        write()
        conn.execute("COMMIT")
    except sqlite3.Error:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _apply(
    conn: sqlite3.Connection,
    home: Home,
    scan: Scan,
    changes: Changes,
    progress: Progress | None,
    into_fts: bool = False,
) -> None:
    """Read and insert the added and changed files, in batches; ``into_fts``: add their
    texts to the full-text index every ``FTS_EVERY`` rows, and batch by batch at the end
    of a large build (a build, which has no triggers)."""
    todo = changes.added + changes.changed
    if not todo:
        return
    next_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0]) + 1
    total = len(todo)
    jobs = [
        (str(home.entries), [(path, scan[path]) for path in todo[at:end]], next_id + at)
        for at, end in _batches(total)
    ]
    done = gone = 0  # files read, and files removed since the scan
    unindexed = next_id  # the first row not yet in the full-text index
    collecting = gc.isenabled()
    gc.disable()  # the rows make no cycles; the collector would walk them all, again and again
    batches = _extracted(jobs, total)
    try:
        first = next(batches)  # the workers are started (the bar's drawing need not wait)
        if progress is not None:
            progress(0, total)
        for job, batch in zip(jobs, itertools.chain([first], batches), strict=True):
            _insert(conn, _renumbered(batch, gone) if gone else batch)
            done += len(job[1])
            gone += len(job[1]) - len(batch[0])
            # The last thousand rows of a large build batch by batch: what is left to index
            # after the last batch comes in is work for one core alone.
            last = done == total or total - done < FTS_EVERY <= total
            if into_fts and (last or next_id + done - gone - unindexed >= FTS_EVERY):
                conn.execute(
                    "INSERT INTO fts(rowid, words, prompts, fields) "
                    "SELECT id, words, prompts, fields FROM texts WHERE id >= ?",
                    (unindexed,),
                )
                unindexed = next_id + done - gone
            if progress is not None:
                progress(done, total)
    finally:
        batches.close()  # any workers stopped now, not when the generator is collected
        if collecting:
            gc.enable()


def _batches(total: int) -> Iterator[tuple[int, int]]:
    """Where each batch of files starts and ends: small at first, so the first rows are
    written soon after the workers start (the two cores are busy sooner), then ``BATCH``."""
    at, size = 0, max(1, BATCH // FIRST_BATCHES_SMALLER)
    while at < total:
        yield at, min(at + size, total)
        at, size = at + size, min(size * 2, BATCH)


def _insert(conn: sqlite3.Connection, batch: Batch) -> None:
    files, entries, texts, facts = batch
    conn.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", files)
    conn.executemany(f"INSERT INTO entries VALUES ({', '.join('?' * 16)})", entries)
    conn.executemany("INSERT INTO texts VALUES (?, ?, ?, ?)", texts)
    conn.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?)", facts)


def _renumbered(batch: Batch, gone: int) -> Batch:
    """A batch numbered as if no file before it had been removed since the scan, with the
    ids moved down by the ``gone`` files that were (ids stay without gaps)."""
    files, entries, texts, facts = batch
    return (
        [(row[0], row[1] - gone, *row[2:]) for row in files],
        [(row[0] - gone, *row[1:]) for row in entries],
        [(row[0] - gone, *row[1:]) for row in texts],
        [(row[0] - gone, *row[1:]) for row in facts],
    )


def _extracted(jobs: list[Job], total: int) -> Generator[Batch, None, None]:
    """Batches of rows from the files; a large build reads and parses on every core.

    Reading and parsing is plain CPU work, as is this process's share (the inserts and
    the full-text index, about as much again), so with many files workers forked from this
    process, one per core, parse while this one writes (``index.workers``). The workers
    run at a lower priority: this process, the one every row waits for, keeps a core
    whenever it has work, and they take the rest. The modules they use are imported first,
    once; the first batch is read here while they start, so the inserts begin at once.
    """
    if total < PARALLEL_FROM or not _may_fork():
        for job in jobs:
            yield extract_batch(job)
        return
    from kapdiary.index.workers import forked

    prepare()
    with forked(jobs[1:], min(_cores(), 8), extract_batch, WORKER_NICENESS) as batches:
        yield extract_batch(jobs[0])
        yield from batches


def _cores() -> int:
    """The cores this process may run on (a container or ``taskset`` may allow fewer)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def copied(path: Path) -> tuple[sqlite3.Connection, bool] | None:
    """An index file that can still be read (on a full or read-only disk) copied into
    memory, so only the files changed since are read again: the connection and whether it
    has full-text search; None when it cannot be read, is damaged or of another version."""
    import sqlite3

    try:
        source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1)
    except (sqlite3.Error, ValueError):
        return None
    memory = schema.connect(":memory:")
    try:
        if source.execute("PRAGMA user_version").fetchone()[0] != schema.SCHEMA_VERSION:
            raise sqlite3.DatabaseError("another version")
        fts = schema.has_fts(source)
        if not fts and schema.fts5_available():
            raise sqlite3.DatabaseError("no full-text search")
        source.backup(memory)
        if memory.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("damaged")
        return memory, fts
    except sqlite3.Error:
        memory.close()
        return None
    finally:
        source.close()


def build(conn: sqlite3.Connection, home: Home, scan: Scan, progress: Progress | None) -> bool:
    """Create the tables in an empty database and fill them from the files (a file on
    disk or ``:memory:``: one definition). Returns whether full-text search is there.

    The full-text index is filled a thousand rows at a time while the workers read on
    (no row-by-row triggers: those come last), one pass in all. The indexes the rows come
    in the order of (``IN_ORDER``) are kept as they go in, the other one is made after
    them. An unfinished build has no user_version and is never used.
    """
    conn.executescript(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -32000;"
    )
    fts = schema.fts5_available()
    conn.executescript(schema.TABLES + (schema.FTS_TABLES if fts else ""))
    if fts:  # merged only when its segments pile up: a quarter less work, searches as quick
        conn.execute(f"INSERT INTO fts(fts, rank) VALUES ('automerge', {BUILD_AUTOMERGE})")
    conn.execute("BEGIN")
    conn.execute("INSERT INTO info VALUES ('fts', ?)", ("1" if fts else "0",))
    later = [statement for statement in schema.INDEXES if not statement.startswith(IN_ORDER)]
    for statement in schema.INDEXES:
        if statement not in later:
            conn.execute(statement)
    _apply(conn, home, scan, Changes(added=sorted(scan)), progress, fts)
    conn.execute(f"PRAGMA cache_size = {SORTING_CACHE}")  # the sort needs the memory more
    for statement in later:
        conn.execute(statement)
    _write_info(conn, scan, scan_digest(scan), in_transaction=True)
    conn.execute("COMMIT")
    if fts:
        conn.executescript(schema.FTS_TRIGGERS)
        conn.execute(f"INSERT INTO fts(fts, rank) VALUES ('automerge', {AUTOMERGE})")
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
    return fts


def remove_stale_builds(target: Path) -> None:
    """Builds interrupted by a crash or a kill leave their temporary file; clear old ones."""
    cutoff = time.time() - 3600
    for leftover in target.parent.glob(f"{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
