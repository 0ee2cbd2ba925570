"""The index: a SQLite cache of the diary's entries, derived from the files and disposable.

It lives in the platform cache folder (``Home.index_file``), one file per diary home, and
never writes to the diary folder. Each reading command opens it with ``open_index``, which
first brings it up to date with the files:

- a walk of ``entries/`` with ``os.scandir`` gives (size, mtime_ns, ctime_ns, inode) for
  every ``*.md`` file; one SELECT gives what the index saw last time. Any difference means
  the file is read again; a file gone from the folder is dropped. So entries added, edited,
  renamed or deleted by an editor, Obsidian or a sync tool are seen by the next command.
- a file whose mtime was within ``RACY_NS`` of the moment it was indexed could have been
  changed again in the same clock tick without any stat field changing; for those the
  content hash decides (git's "racily clean" rule), until they are old enough.
- an index that is missing, damaged or from another schema version is rebuilt from the
  files into a temporary file that then replaces it; ``on_rebuild`` tells the caller.
- an index file that cannot be used at all (a folder in its place, a cache folder that is
  a file, a full or read-only disk, no permission, another process holding it too long)
  is never a gate: the same tables are built from the files in memory (``:memory:``, the
  same code and the same queries), and ``on_fallback`` tells the caller why. Without an
  ``on_fallback`` (``reindex``, whose job is the file) that is an error naming the fix.

Queries read only the index, never the entry files. ``records`` is the API for other
features (``progress`` computes its figures from it without reading files).

Schema (``PRAGMA user_version`` = ``SCHEMA_VERSION``):

- ``files(path, id, size, mtime_ns, ctime_ns, inode, checked_ns, hash)``: what each file
  looked like when indexed (``path`` relative to ``entries/``, with ``/``).
- ``entries(id, path, sort_key, date, time, template, title, mood, private, tags, tag_keys,
  rated, problem, problem_line, excerpt, meta)``: ``sort_key`` is the path without
  ``.md``, so ``…-evening.md`` comes before ``…-evening-2.md`` on the same day; ``meta``
  is the front matter as JSON (dates as ISO strings), ``tags`` a JSON list (front matter
  and inline), ``tag_keys``/``rated`` are ``|a|b|`` strings for the tag and intention
  filters.
- ``facts(id, seq, day, private, kind, key, value, text)``: what
  ``kapdiary.progress.facts`` takes from each entry's front matter (ratings in range, notes
  about intentions, values left out, a template's own answers), ``day`` as
  ``date.toordinal()``: progress reads a decade of day values from here in a few aggregate
  queries (``history``).
- ``derived(key, value)``: results worked out from the tables above (a progress history,
  by its filters and ``info.generation``), emptied whenever a refresh changes anything and
  the generation counted up, so a second ``progress`` on an unchanged diary reads one row.
- ``texts(id, body, fields)``: the body and the front matter's words, the content of the
  external-content FTS5 table ``fts`` (kept in step by triggers). Without FTS5 in the
  local SQLite there is no ``fts`` table and search scans ``texts`` instead.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from stat import S_ISLNK, S_ISREG
from typing import TYPE_CHECKING, Any, NamedTuple

from kapdiary.conflicts import CONFLICT_SQL, original_name
from kapdiary.conflicts import register as register_conflicts
from kapdiary.errors import KapdiaryError
from kapdiary.locations import Home
from kapdiary.query import Filters, TextQuery, as_number, keys, where

if TYPE_CHECKING:
    import sqlite3

    from kapdiary.fields import Field
    from kapdiary.progress import History as ProgressHistory

SCHEMA_VERSION = 5  # 4: a template's own answers are facts; 5: dates outside 1900–2100
RACY_NS = 2_000_000_000  # mtimes this close to the indexing time are checked by content
BATCH = 256
PARALLEL_FROM = 1000  # files to index before parsing on several cores

Progress = Callable[[int, int], None]  # (done, total)

_SCHEMA = """
CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE files(
  path TEXT PRIMARY KEY,
  id INTEGER NOT NULL,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  ctime_ns INTEGER NOT NULL,
  inode INTEGER NOT NULL,
  checked_ns INTEGER NOT NULL,
  hash BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE entries(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  date TEXT NOT NULL,
  time TEXT,
  template TEXT,
  title TEXT,
  mood REAL,
  private INTEGER NOT NULL,
  tags TEXT NOT NULL,
  tag_keys TEXT NOT NULL,
  rated TEXT NOT NULL,
  problem TEXT,
  problem_line INTEGER,
  excerpt TEXT NOT NULL,
  meta TEXT NOT NULL
);
CREATE INDEX entries_by_day ON entries(date, time, sort_key);
CREATE TABLE texts(id INTEGER PRIMARY KEY, body TEXT NOT NULL, fields TEXT NOT NULL);
CREATE TABLE facts(
  id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  day INTEGER NOT NULL,
  private INTEGER NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  value REAL,
  text TEXT
);
CREATE INDEX facts_by_series ON facts(kind, key, day, value, private);
CREATE INDEX facts_by_entry ON facts(id);
CREATE TABLE derived(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
"""
_FTS_SCHEMA = """
CREATE VIRTUAL TABLE fts USING fts5(
  body, fields, content='texts', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER texts_added AFTER INSERT ON texts BEGIN
  INSERT INTO fts(rowid, body, fields) VALUES (new.id, new.body, new.fields);
END;
CREATE TRIGGER texts_removed AFTER DELETE ON texts BEGIN
  INSERT INTO fts(fts, rowid, body, fields) VALUES ('delete', old.id, old.body, old.fields);
END;
"""
_COLUMNS = (
    "e.id, e.path, e.date, e.time, e.template, e.title, e.mood, e.private, e.tags, "
    "e.problem, e.problem_line, e.excerpt, e.meta"
)
_ORDINAL = "CAST(julianday(e.date) - 1721424.5 AS INTEGER)"  # date.toordinal() in SQL
CONFLICT_NOTE = (
    "a copy left by a sync conflict, left out of the figures: keep one of the two "
    "(`kapdiary doctor` names both)"
)
_SNIPPET_TOKENS = 20
# SQLite's snippet() costs grow with the square of the matches in a text (2 s for 1 MB,
# minutes for 10 MB): larger texts get their snippet from ``snippet`` in Python instead.
SNIPPET_IN_SQL_UP_TO = 32_768  # characters of body and fields together
SNIPPET_BEFORE, SNIPPET_AFTER = 60, 140  # characters around the first match
_MARK_ON, _MARK_OFF = "\x02", "\x03"
_HEADING = re.compile(r"(?:^|(?<=\s))#{1,6}\s+")
_SPACE = re.compile(r"\s+")
_NOT_TEXT = ("#", "---", "<!--", "```")


# --- what queries return -----------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One entry as the index knows it. ``meta`` is JSON-shaped: dates are ISO strings.

    ``body`` is ``None`` unless it was asked for (``body=True``), so listing a year of
    entries does not load a year of text.
    """

    path: Path
    date: date
    time: str | None
    template: str | None
    title: str | None
    mood: float | None
    meta: dict[str, Any]
    tags: tuple[str, ...]
    private: bool
    problem: str | None
    problem_line: int | None
    excerpt: str
    body: str | None = None

    def ratings(self, key: str = "intentions") -> dict[str, float]:
        """Numeric ratings under ``intentions`` or ``areas`` (others are left out)."""
        raw = self.meta.get(key)
        if not isinstance(raw, dict):
            return {}
        found = {str(k): as_number(v) for k, v in raw.items()}
        return {k: v for k, v in found.items() if v is not None}


class Rated(NamedTuple):
    """What kapdiary.progress needs of one entry, read cheaply: the whole history of a
    ten-year diary comes back in one query, with no Path objects and no bodies."""

    date: date
    template: str | None
    path: str
    problem: str | None
    problem_line: int | None
    private: bool
    meta: dict[str, Any]


class Hit(NamedTuple):
    """A search result: the entry, its score (higher is better) and a short snippet.

    ``highlights`` are (start, end) offsets of the matching words within ``snippet``.
    """

    record: Record
    score: float
    snippet: str
    highlights: tuple[tuple[int, int], ...]


class SearchResult(NamedTuple):
    hits: list[Hit]
    total: int  # every match, even when ``limit`` cut the list short
    ranked: bool  # False: no FTS5 here, so results come from a slower scan


class Rebuild(NamedTuple):
    reason: str  # "missing", "damaged", "version", "fts", "requested"
    entries: int
    seconds: float


class Problem(NamedTuple):
    """What keeps the index file from being used, and what the user can do about it."""

    reason: str  # plain words: "a folder is in its place", "the disk is full", …
    fix: str


class Unusable(NamedTuple):
    """Why the index file could not be used, so the files were read into memory instead."""

    path: Path
    reason: str
    fix: str


class _FileUnusable(Exception):
    """The index file cannot be opened, built or written."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


class Changes:
    """What a refresh found: paths relative to ``entries/``."""

    def __init__(self, added: list[str] | None = None) -> None:
        self.added: list[str] = added or []
        self.changed: list[str] = []
        self.removed: list[str] = []
        self.touched: dict[str, int] = {}  # racy but unchanged -> the new checked_ns

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.touched)


# --- opening -----------------------------------------------------------------------------


def open_index(
    home: Home,
    *,
    progress: Progress | None = None,
    on_rebuild: Callable[[Rebuild], None] | None = None,
    on_fallback: Callable[[Unusable], None] | None = None,
    rebuild: bool = False,
) -> Index:
    """The home's index, up to date with the files (built or rebuilt when needed).

    If the index file cannot be used, the index is built in memory from the files and
    ``on_fallback`` is told why; without ``on_fallback`` that is a ``KapdiaryError``.
    """
    check_own_entries(home)
    scan = scan_entries(home.entries)
    index = Index(home, None, False, on_rebuild, progress, on_fallback)
    try:
        index._open_file(scan, rebuild=rebuild)
    except _FileUnusable as exc:
        index._in_memory(exc.problem, scan)
    return index


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
        raise KapdiaryError(
            f"{folder} is a link to {os.readlink(folder)}, outside the diary; kapdiary reads "
            "only the diary's own files: move that folder into the diary in place of the link"
        )


def records(
    home: Home,
    *,
    since: date | None = None,
    until: date | None = None,
    templates: Iterable[str] = (),
    tags: Iterable[str] = (),
    intentions: Iterable[str] = (),
    text: str | None = None,
    last: int | None = None,
    body: bool = False,
    newest_first: bool = False,
    on_fallback: Callable[[Unusable], None] | None = None,
) -> list[Record]:
    """Entries from the (refreshed) index, oldest first, without reading entry files.

    ``tags`` and ``intentions`` must all match (an intention matches an entry that rates
    it); ``text`` uses the search language; ``last`` keeps the newest N of the matches.
    """
    filters = Filters(
        since=since,
        until=until,
        templates=tuple(templates),
        tags=tuple(tags),
        intentions=tuple(intentions),
        text=TextQuery.parse(text) if text is not None else None,
        last=last,
    )
    with open_index(home, on_fallback=on_fallback) as index:
        return index.records(filters, body=body, newest_first=newest_first)


def rated(
    home: Home,
    *,
    until: date | None = None,
    on_fallback: Callable[[Unusable], None] | None = None,
) -> list[Rated]:
    """Every entry up to ``until`` as kapdiary.progress needs it (see ``Index.rated``)."""
    with open_index(home, on_fallback=on_fallback) as index:
        return index.rated(Filters(until=until))


def history(
    home: Home, *, until: date, on_fallback: Callable[[Unusable], None] | None = None
) -> ProgressHistory:
    """Everything up to ``until`` that progress needs (see ``Index.history``)."""
    with open_index(home, on_fallback=on_fallback) as index:
        return index.history(Filters(until=until))


def fts5_available() -> bool:
    import sqlite3

    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


def _connect(path: Path | str) -> sqlite3.Connection:
    import sqlite3

    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    conn.execute("PRAGMA temp_store = MEMORY")
    register_conflicts(conn)
    return conn


def _has_fts(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT value FROM info WHERE key = 'fts'").fetchone()
    return row is not None and row[0] == "1"


def _busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return not _undecodable(exc) and ("locked" in text or "busy" in text)


def _undecodable(exc: BaseException) -> bool:
    """Text that is not UTF-8 in the index (only damage puts it there); the message quotes
    that text, which may hold any word."""
    return str(exc).startswith("Could not decode to UTF-8")


def _damage(exc: Exception) -> bool:
    """An OperationalError that a rebuild mends (not a problem with the file's place)."""
    return "no such" in str(exc) or _undecodable(exc)


def _why(exc: BaseException, path: Path) -> Problem:
    """Why the index file at ``path`` cannot be used, in plain words (never quoting text
    from the index, which may hold diary words), and the fix."""
    import errno
    import sqlite3

    problem = location_problem(path)
    if problem is not None:
        return problem
    folder = path.parent
    cause = exc.__cause__ if isinstance(exc, KapdiaryError) and exc.__cause__ else exc
    full = Problem("the disk is full", f"free some space on the disk that holds {folder}")
    denied = Problem(
        "kapdiary may not write to its folder",
        f"make {folder} writable for yourself (`ls -ld {folder}` shows who owns it)",
    )
    read_only = Problem("its disk is read-only", f"put the cache on a writable disk, {_MOVE}")
    if isinstance(cause, OSError):
        if cause.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return full
        if cause.errno == errno.EROFS:
            return read_only
        if cause.errno in (errno.EACCES, errno.EPERM):
            return denied
        return Problem(
            (cause.strerror or "it cannot be written").lower(),
            f"check {folder}, or delete {path}: it is only a cache",
        )
    if isinstance(cause, KapdiaryError):
        return Problem(cause.message, f"check {folder} ({_MOVE})")
    text = str(cause).lower() if isinstance(cause, sqlite3.Error) else ""
    if _busy(cause):
        return Problem(
            "another kapdiary command kept it busy",
            "wait for the other command to finish, or close it",
        )
    if "full" in text:
        return full
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return read_only if _read_only_disk(folder) else denied
    if "i/o" in text:
        return Problem(
            "the disk reported an error reading or writing it",
            f"check the disk that holds {folder}, or delete {path}: it is only a cache",
        )
    return Problem(
        "it is damaged and could not be rebuilt",
        f"delete {path} (it is only a cache; kapdiary builds it again)",
    )


_MOVE = "or point XDG_CACHE_HOME at a folder of your own"


def _read_only_disk(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def index_problem(home: Home) -> Problem | None:
    """Why the home's index file cannot be used just now (for `kapdiary doctor`), without
    building it: its place, a page written next to it, and a write lock on it."""
    import sqlite3

    from kapdiary.storage import ensure_private_dir

    path = home.index_file
    problem = location_problem(path)
    if problem is not None:
        return problem
    probe = path.with_name(f"{path.name}.{os.getpid()}.probe")
    try:
        ensure_private_dir(path.parent)
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, b"\0" * 4096)
            os.fsync(fd)
        finally:
            os.close(fd)
    except (OSError, KapdiaryError) as exc:
        return _why(exc, path)
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(path, timeout=1, isolation_level=None)
        try:
            conn.execute("PRAGMA user_version").fetchone()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if _busy(exc) or not isinstance(exc, sqlite3.OperationalError) or _damage(exc):
            return None  # busy for a moment, or damaged: the next command rebuilds it
        return _why(exc, path)
    return None


def location_problem(path: Path) -> Problem | None:
    """What is wrong with the place of the index file itself, if anything: a folder or
    something else where the file should be, or a file where its folder should be."""
    import stat as st

    only_cache = "it is only a cache; kapdiary builds it again"
    try:
        found: os.stat_result | None = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        found = None
    except OSError as exc:
        return Problem(
            (exc.strerror or str(exc)).lower(),
            f"check the folder {path.parent} (`ls -ld {path.parent}`)",
        )
    if found is not None:
        if st.S_ISLNK(found.st_mode):
            try:
                found = os.stat(path)
            except OSError:
                return None  # to nothing, or round in a loop: the next build replaces the link
        if st.S_ISDIR(found.st_mode):
            return Problem(
                "a folder is in its place",
                f"move the folder away or delete it (`rm -r {path}`): {only_cache}",
            )
        if not st.S_ISREG(found.st_mode):
            return Problem(
                "something that is not a file is in its place",
                f"move it away (`rm {path}`): {only_cache}",
            )
        return None
    folder = path.parent
    while True:
        try:
            if st.S_ISDIR(os.stat(folder).st_mode):
                return None
            return Problem(
                f"{folder} is a file where a folder should be",
                f"move that file away, {_MOVE}",
            )
        except (FileNotFoundError, NotADirectoryError):
            if folder.parent == folder:
                return None
            folder = folder.parent
        except OSError as exc:
            return Problem(
                f"{folder} cannot be read ({(exc.strerror or str(exc)).lower()})",
                f"check its permissions (`ls -ld {folder}`), {_MOVE}",
            )


class Index:
    """An open, up-to-date index. Use as a context manager, or call ``close``."""

    def __init__(
        self,
        home: Home,
        conn: sqlite3.Connection | None,
        fts: bool,
        on_rebuild: Callable[[Rebuild], None] | None,
        progress: Progress | None,
        on_fallback: Callable[[Unusable], None] | None = None,
    ) -> None:
        self.home = home
        self._conn = conn
        self.fts = fts
        self._on_rebuild = on_rebuild
        self._progress = progress
        self._on_fallback = on_fallback
        self._rebuilt = False
        self.in_memory = False  # True: the file could not be used; built from the files
        self._entries = f"{home.entries}{os.sep}"

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise KapdiaryError("the index is closed")
        return self._conn

    # --- building ---

    def _open_file(self, scan: dict[str, Stat], *, rebuild: bool) -> None:
        """Open the index file and catch it up, or (re)build it; ``_FileUnusable`` if the
        file cannot be used at all."""
        import sqlite3

        path = self.home.index_file
        problem = location_problem(path)
        if problem is not None:
            raise _FileUnusable(problem)
        reason: str | None = "requested" if rebuild else None
        if reason is None and not path.exists():
            reason = "missing"
        if reason is None:
            try:
                conn = _connect(path)
            except sqlite3.Error as exc:
                raise _FileUnusable(_why(exc, path)) from exc
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version != SCHEMA_VERSION:
                    reason = "version"
                else:
                    fts = _has_fts(conn)
                    if not fts and fts5_available():
                        reason = "fts"
                    else:
                        _refresh(conn, self.home, scan, self._progress)
                        self._conn, self.fts = conn, fts
                        return
            except sqlite3.OperationalError as exc:
                if _busy(exc) or not _damage(exc):
                    conn.close()
                    raise _FileUnusable(_why(exc, path)) from exc
                reason = "damaged"
            except sqlite3.DatabaseError:
                reason = "damaged"
            conn.close()
        self.rebuild(reason, scan)

    def rebuild(self, reason: str, scan: dict[str, Stat] | None = None) -> Rebuild:
        """Build the index from the files into a new file that replaces the old one.

        ``_FileUnusable`` when the file cannot be made (a full disk, no permission, …).
        """
        import sqlite3

        self.close()
        started = time.perf_counter()
        if scan is None:
            scan = scan_entries(self.home.entries)
        target = self.home.index_file
        problem = location_problem(target)
        if problem is not None:
            raise _FileUnusable(problem)
        from kapdiary.storage import ensure_private_dir

        try:
            ensure_private_dir(target.parent)
        except KapdiaryError as exc:
            raise _FileUnusable(_why(exc, target)) from exc
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            _remove_stale_builds(target)
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
            conn = _connect(tmp)
            try:
                fts = _build(conn, self.home, scan, self._progress)
            finally:
                conn.close()
            # A journal left by a crashed update of the old file must not meet the new one.
            for suffix in ("-journal", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    target.with_name(target.name + suffix).unlink()
            os.replace(tmp, target)
            self._conn = _connect(target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            if not isinstance(exc, OSError | sqlite3.Error):
                # An entry that cannot be read (KapdiaryError), Ctrl-C, or a bug: nothing
                # half-built is left behind either way.
                raise
            raise _FileUnusable(_why(exc, target)) from exc
        self.fts = fts
        self._rebuilt = True
        done = Rebuild(reason, len(scan), time.perf_counter() - started)
        if self._on_rebuild is not None:
            self._on_rebuild(done)
        return done

    def _in_memory(self, problem: Problem, scan: dict[str, Stat] | None = None) -> None:
        """Read the files into an index in memory: the file cannot be used."""
        from kapdiary import messages

        self.close()
        path = self.home.index_file
        if self._on_fallback is None:
            raise KapdiaryError(messages.index_unusable(path, problem.reason, problem.fix))
        self._on_fallback(Unusable(path, problem.reason, problem.fix))
        if scan is None:
            scan = scan_entries(self.home.entries)
        import sqlite3

        copied = _copied(path)
        if copied is not None:
            conn, fts = copied
            try:
                _refresh(conn, self.home, scan, self._progress)
            except sqlite3.Error:
                conn.close()
                copied = None
            except BaseException:
                conn.close()
                raise
        if copied is None:
            conn = _connect(":memory:")
            try:
                fts = _build(conn, self.home, scan, self._progress)
            except BaseException:
                conn.close()
                raise
        self._conn, self.fts = conn, fts
        self.in_memory = True
        self._rebuilt = True

    # --- queries ---

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        """Run a query. An index file found damaged now is rebuilt once and the query
        retried; one that cannot be used any more gives way to an index in memory."""
        import sqlite3

        params = list(params)
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            if self.in_memory:
                raise  # not the file's fault
            failure: sqlite3.Error = exc
        damaged = _damage(failure) if isinstance(failure, sqlite3.OperationalError) else True
        if damaged and not _busy(failure) and not self._rebuilt:
            # Damaged, or tables not as this version made them: rebuild once, then ask again.
            try:
                self.rebuild("damaged")
            except _FileUnusable as exc:
                self._in_memory(exc.problem)
        else:
            self._in_memory(_why(failure, self.home.index_file))
        return self.conn.execute(sql, params).fetchall()

    def rated(self, filters: Filters | None = None) -> list[Rated]:
        """Every matching entry's date, template and front matter, oldest first.

        SQLite gathers the rows into one JSON array, decoded in one call: far cheaper than a
        Record per entry when progress reads a decade (``text`` and ``last`` are ignored).
        """
        filters = filters or Filters()
        cond, params = where(filters)
        sql = (
            "SELECT json_group_array(json_array(date, template, path, problem, problem_line, "
            "private, json(meta))) FROM (SELECT e.date, e.template, e.path, e.problem, "
            f"e.problem_line, e.private, e.meta FROM entries e WHERE {cond} "
            "ORDER BY e.date, e.time, e.sort_key)"
        )
        rows = json.loads(self._rows(sql, params)[0][0] or "[]")
        base = self._entries
        fromiso = date.fromisoformat
        return [
            Rated(fromiso(d), template, base + path, problem, line, bool(private), meta)
            for d, template, path, problem, line, private, meta in rows
        ]

    def history(self, filters: Filters, *, private: bool = True) -> ProgressHistory:
        """What ``kapdiary.progress`` needs of every entry matching ``filters``; see
        ``_history``. Kept in ``derived`` until the files change."""
        import marshal

        from kapdiary import __version__
        from kapdiary.progress import History

        # The generation is read before the history is worked out: a refresh by another
        # process meanwhile makes this result a key no later command asks for.
        generation = self._rows("SELECT value FROM info WHERE key = 'generation'")
        key = json.dumps(
            [
                "history",
                generation[0][0] if generation else "0",
                __version__,
                list(sys.version_info[:2]),
                filters.until.isoformat() if filters.until else None,
                filters.templates,
                filters.tags,
                filters.intentions,
                private,
            ]
        )
        row = self._rows("SELECT value FROM derived WHERE key = ?", [key])
        if row:
            with contextlib.suppress(Exception):  # damaged or foreign: worked out again
                return History.from_plain(marshal.loads(row[0][0]))
        found = self._history(filters, private=private)
        self._remember(key, marshal.dumps(found.to_plain()))
        return found

    def definitions(self, templates_dir: Path, names: Iterable[str]) -> dict[str, list[Field]]:
        """``kapdiary.progress.definitions``, kept in ``derived`` by each template file's
        path, size and mtime: a second ``progress`` reads no YAML."""
        names = sorted(set(names))
        if not names:
            return {}  # no template's own answers: no template is read, nothing imported
        import marshal

        from kapdiary import __version__
        from kapdiary.fields import Field
        from kapdiary.progress import definitions
        from kapdiary.templates import available

        found = available(templates_dir)
        stamps: list[list[Any]] = []
        for name in names:
            if name in found:
                with contextlib.suppress(OSError):
                    info = found[name][0].stat()
                    stamps.append([name, str(found[name][0]), info.st_mtime_ns, info.st_size])
        key = json.dumps(["definitions", __version__, names, stamps])
        row = self._rows("SELECT value FROM derived WHERE key = ?", [key])
        if row:
            with contextlib.suppress(Exception):  # damaged or foreign: read again
                kept = marshal.loads(row[0][0])
                return {name: [Field(**f) for f in fields] for name, fields in kept}
        result = definitions(templates_dir, names)
        plain = [(name, [dataclasses.asdict(f) for f in fields]) for name, fields in result.items()]
        self._remember(key, marshal.dumps(plain))
        return result

    def _remember(self, key: str, value: bytes) -> None:
        """Keep a derived result; skipped, never waited for, when another process writes."""
        import sqlite3

        conn = self.conn
        try:
            conn.execute("PRAGMA busy_timeout = 0")
            conn.execute("INSERT OR REPLACE INTO derived VALUES (?, ?)", (key, value))
        except sqlite3.Error:
            pass
        finally:
            conn.execute("PRAGMA busy_timeout = 10000")

    def _history(self, filters: Filters, *, private: bool = True) -> ProgressHistory:
        """What ``kapdiary.progress`` needs of every entry matching ``filters`` (``since``
        and ``text`` are ignored: figures look back over the whole history), aggregated by
        SQLite: each rating's day values, notes, entries per day, sessions, values left out.

        ``private=False`` leaves private entries out, and with them entries whose front
        matter could not be read (it may have said ``private: true``). The definitions
        live in ``kapdiary.progress``: ``facts`` decided what was stored, ``gather`` does
        the same as this from entries, and a test holds the two to the same results.
        """
        from kapdiary.dates import EARLIEST, LATEST
        from kapdiary.progress import FIELD_KINDS, RATED_KINDS, Flag, History

        filters = dataclasses.replace(filters, since=None, text=None)
        cond, params = where(filters)
        if not private:
            cond += " AND NOT e.private AND NOT (e.problem IS NOT NULL AND e.meta = '{}' "
            cond += "AND e.problem_line IS NOT NULL)"
        # A sync tool's conflict copy is the same day twice: named, and kept out of the
        # figures until the user keeps one of the two (kapdiary.conflicts, in SQL).
        copies = CONFLICT_SQL
        copies_cond = f"{cond} AND ({copies})"
        copies_params = list(params)
        cond += f" AND NOT ({copies})"
        readable = f"{cond} AND NOT (e.problem IS NOT NULL AND e.meta = '{{}}')"
        # Ratings come from ``facts`` alone when only the end date and privacy filter them.
        if filters.templates or filters.tags or filters.intentions:
            ids = f"f.id IN (SELECT e.id FROM entries e WHERE {cond})"
            rating_filter, rating_params = ids, params
        else:
            rating_filter = "1" if filters.until is None else "f.day <= ?"
            rating_params = [] if filters.until is None else [filters.until.toordinal()]
            if not private:
                rating_filter += " AND NOT f.private"
            rating_filter += f" AND f.id NOT IN (SELECT e.id FROM entries e WHERE {copies})"
        kinds = ", ".join(f"'{kind}'" for kind in RATED_KINDS)
        found = History()
        # One row per rating, its days and values in index order (kind, key, day): no
        # per-day grouping in SQL, which costs more than averaging the rare repeated day.
        loads = json.loads
        for kind, key, days, values in self._rows(
            "SELECT f.kind, f.key, json_group_array(f.day), json_group_array(f.value) "
            f"FROM facts f WHERE f.kind IN ({kinds}) AND {rating_filter} GROUP BY f.kind, f.key",
            rating_params,
        ):
            found.series[kind, key] = _day_means(loads(days), loads(values))
        order = "ORDER BY e.date, e.time, e.sort_key"
        ((days, counts),) = self._rows(
            "SELECT json_group_array(day), json_group_array(n) FROM ("
            f"SELECT {_ORDINAL} AS day, count(*) AS n FROM entries e WHERE {readable} "
            "GROUP BY e.date ORDER BY e.date)",
            params,
        )
        found.entry_days = dict(zip(loads(days), loads(counts), strict=True))
        for key, day, text in self._rows(
            f"SELECT f.key, f.day, f.text FROM facts f JOIN entries e ON e.id = f.id "
            f"WHERE f.kind = 'note' AND {cond} {order}, f.seq",
            params,
        ):
            found.notes.setdefault(key, []).append((day, text))
        base = self._entries
        for key, day, value, severity, path in self._rows(
            "SELECT f.key, f.day, f.value, f.text, e.path FROM facts f "
            f"JOIN entries e ON e.id = f.id WHERE f.kind = 'score' AND {cond} {order}, f.seq",
            params,
        ):
            found.scores.setdefault(key, []).append((day, value, severity, base + path))
        fields = ", ".join(f"'{kind}'" for kind in FIELD_KINDS)
        for kind, template, key, days, values, texts in self._rows(
            "SELECT f.kind, coalesce(e.template, ''), f.key, json_group_array(f.day), "
            "json_group_array(f.value), json_group_array(f.text) FROM facts f "
            f"JOIN entries e ON e.id = f.id WHERE f.kind IN ({fields}) AND {cond} "
            "GROUP BY f.kind, e.template, f.key",
            params,
        ):
            answers = loads(texts) if kind == "option" else loads(values)
            found.answers[kind, template, key] = sorted(zip(loads(days), answers, strict=True))
        found.sessions = [
            (day, number, self._entries + path)
            for day, number, path in self._rows(
                f"SELECT {_ORDINAL}, CASE json_type(e.meta, '$.session') WHEN 'integer' "
                "THEN json_extract(e.meta, '$.session') END, e.path FROM entries e "
                f"WHERE {readable} AND e.template = 'session' {order}",
                params,
            )
        ]
        found.flags = [
            Flag(base + path, text, key)
            for path, key, text in self._rows(
                "SELECT path, key, text FROM ("
                "SELECT e.date, e.time, e.sort_key, -2 AS seq, e.path, '' AS key, "
                f"? AS text FROM entries e WHERE {copies_cond} "
                "UNION ALL "
                "SELECT e.date, e.time, e.sort_key, -1 AS seq, e.path, '' AS key, "
                f"e.problem AS text FROM entries e WHERE {cond} AND e.problem IS NOT NULL "
                f"AND (e.meta = '{{}}' OR e.date < '{EARLIEST}' OR e.date > '{LATEST}') "
                "UNION ALL "
                "SELECT e.date, e.time, e.sort_key, f.seq, e.path, f.key, f.text "
                f"FROM facts f JOIN entries e ON e.id = f.id WHERE f.kind = 'flag' AND {cond}) "
                "ORDER BY date, time, sort_key, seq",
                [CONFLICT_NOTE, *copies_params, *params, *params],
            )
        ]
        return found

    def count(self) -> int:
        return int(self._rows("SELECT count(*) FROM entries")[0][0])

    def records(
        self, filters: Filters | None = None, *, body: bool = False, newest_first: bool = False
    ) -> list[Record]:
        """Entries matching ``filters``, oldest first (``newest_first`` reverses)."""
        filters = filters or Filters()
        cond, params = where(filters)
        text = filters.text
        scan_text = text is not None and not self.fts
        if text is not None and self.fts:
            cond += " AND e.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)"
            params.append(text.fts())
        with_body = body or scan_text
        descending = filters.last is not None or newest_first
        sql = (
            f"SELECT {_COLUMNS}, {'t.body, t.fields' if with_body else 'NULL, NULL'} "
            f"FROM entries e {'JOIN texts t ON t.id = e.id' if with_body else ''} "
            f"WHERE {cond} ORDER BY e.date {_dir(descending)}, e.time {_dir(descending)}, "
            f"e.sort_key {_dir(descending)}"
        )
        if filters.last is not None and not scan_text:
            sql += " LIMIT ?"
            params.append(filters.last)
        rows = self._rows(sql, params)
        found: list[Record] = []
        for row in rows:
            if scan_text and text is not None and not text.matches(f"{row[13]}\n{row[14]}"):
                continue
            found.append(self._record(row, with_body=body))
            if filters.last is not None and len(found) >= filters.last:
                break
        if descending != newest_first:
            found.reverse()
        return found

    def search(
        self, query: TextQuery, filters: Filters | None = None, *, limit: int | None = None
    ) -> SearchResult:
        """Entries matching ``query``, best first, each with a highlighted snippet."""
        filters = filters or Filters()
        if not self.fts:
            return self._scan_search(query, filters, limit)
        cond, params = where(filters)
        if filters.text is not None:
            cond += " AND e.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)"
            params.append(filters.text.fts())
        base = f"FROM fts JOIN entries e ON e.id = fts.rowid WHERE fts MATCH ? AND {cond}"
        # A large text gets no snippet() (NULL); it is read after the sorting, one at a
        # time, so the sorter never holds its whole text.
        large = "(SELECT length(t.body) + length(t.fields) > ? FROM texts t WHERE t.id = e.id)"
        rows = self._rows(
            f"SELECT {_COLUMNS}, NULL, NULL, bm25(fts, 1.0, 0.5) AS score, "
            f"CASE WHEN {large} THEN NULL ELSE "
            f"snippet(fts, -1, char(2), char(3), '…', {_SNIPPET_TOKENS}) END "
            f"{base} ORDER BY score, e.date DESC, e.time DESC, e.sort_key DESC LIMIT ?",
            [SNIPPET_IN_SQL_UP_TO, query.fts(), *params, -1 if limit is None else limit],
        )
        hits = []
        for row in rows:
            if row[16] is not None:
                snippet, spans = _marked(row[16])
            else:
                snippet, spans = self._large_snippet(row[0], query)
            hits.append(Hit(self._record(row), -float(row[15]), snippet, spans))
        total = len(hits)
        if limit is not None and total >= limit:
            total = int(self._rows(f"SELECT count(*) {base}", [query.fts(), *params])[0][0])
        return SearchResult(hits, total, ranked=True)

    def _large_snippet(
        self, entry: int, query: TextQuery
    ) -> tuple[str, tuple[tuple[int, int], ...]]:
        """The snippet of a large entry, built in Python (in the words, else the front
        matter's; the start of the text if FTS5 matched words this matcher does not see)."""
        ((body, fields),) = self._rows("SELECT body, fields FROM texts WHERE id = ?", [entry])
        return _snippet(body, query) or _snippet(f"{body}\n{fields}", query) or (_excerpt(body), ())

    def _scan_search(self, query: TextQuery, filters: Filters, limit: int | None) -> SearchResult:
        """Search without FTS5: every candidate's text is matched in Python."""
        cond, params = where(filters)
        rows = self._rows(
            f"SELECT {_COLUMNS}, t.body, t.fields FROM entries e JOIN texts t ON t.id = e.id "
            f"WHERE {cond} ORDER BY e.date DESC, e.time DESC, e.sort_key DESC",
            params,
        )
        hits: list[Hit] = []
        for row in rows:
            body, fields = row[13], row[14]
            if filters.text is not None and not filters.text.matches(f"{body}\n{fields}"):
                continue
            source = body
            spans = query.matches(source)
            if not spans:  # the words may be in the front matter (tags, side effects)
                source = f"{body}\n{fields}"
                spans = query.matches(source)
                if not spans:
                    continue
            snippet, marks = _snippet(source, query) or ("", ())
            hits.append(Hit(self._record(row), float(len(spans)), snippet, marks))
        hits.sort(key=lambda hit: -hit.score)  # stable: newest first among equals
        total = len(hits)
        return SearchResult(hits[:limit] if limit is not None else hits, total, ranked=False)

    def days_with_entries(self, since: date, until: date) -> list[date]:
        rows = self._rows(
            "SELECT DISTINCT date FROM entries WHERE date >= ? AND date <= ? ORDER BY date",
            [since.isoformat(), until.isoformat()],
        )
        return [date.fromisoformat(r[0]) for r in rows]

    def random_record(self, before: date, pick: Callable[[list[int]], int]) -> Record | None:
        """One entry dated before ``before``, chosen by ``pick`` (e.g. random.choice)."""
        rows = self._rows("SELECT id FROM entries WHERE date < ?", [before.isoformat()])
        ids = [r[0] for r in rows]
        if not ids:
            return None
        chosen = pick(ids)
        rows = self._rows(
            f"SELECT {_COLUMNS}, t.body, t.fields FROM entries e JOIN texts t ON t.id = e.id "
            "WHERE e.id = ?",
            [chosen],
        )
        return self._record(rows[0], with_body=True)

    def problems(self) -> list[Record]:
        """Entries whose file could not be read cleanly (shown as text, never dropped)."""
        rows = self._rows(
            f"SELECT {_COLUMNS}, NULL, NULL FROM entries e WHERE e.problem IS NOT NULL "
            "ORDER BY e.date, e.sort_key"
        )
        return [self._record(r) for r in rows]

    def _record(self, row: Any, *, with_body: bool = False) -> Record:
        return Record(
            path=Path(self._entries + row[1]),
            date=date.fromisoformat(row[2]),
            time=row[3],
            template=row[4],
            title=row[5],
            mood=row[6],
            private=bool(row[7]),
            tags=tuple(json.loads(row[8])),
            problem=row[9],
            problem_line=row[10],
            excerpt=row[11],
            meta=json.loads(row[12]),
            body=row[13] if with_body else None,
        )


def _copied(path: Path) -> tuple[sqlite3.Connection, bool] | None:
    """An index file that can still be read (on a full or read-only disk) copied into
    memory, so only the files changed since are read again: the connection and whether it
    has full-text search; None when it cannot be read, is damaged or of another version."""
    import sqlite3

    try:
        source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1)
    except (sqlite3.Error, ValueError):
        return None
    memory = _connect(":memory:")
    try:
        if source.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            raise sqlite3.DatabaseError("another version")
        fts = _has_fts(source)
        if not fts and fts5_available():
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


def _build(
    conn: sqlite3.Connection, home: Home, scan: dict[str, Stat], progress: Progress | None
) -> bool:
    """Create the tables in an empty database and fill them from the files (a file on
    disk or ``:memory:``: one definition). Returns whether full-text search is there."""
    conn.executescript(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -32000;"
    )
    fts = fts5_available()
    conn.executescript(_SCHEMA + (_FTS_SCHEMA if fts else ""))
    conn.execute("BEGIN")
    conn.execute("INSERT INTO info VALUES ('fts', ?)", ("1" if fts else "0",))
    _apply(conn, home, scan, Changes(added=sorted(scan)), progress)
    _write_info(conn, scan_digest(scan), in_transaction=True)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("COMMIT")
    return fts


def _remove_stale_builds(target: Path) -> None:
    """Builds interrupted by a crash or a kill leave their temporary file; clear old ones."""
    cutoff = time.time() - 3600
    for leftover in target.parent.glob(f"{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def _dir(descending: bool) -> str:
    return "DESC" if descending else "ASC"


# --- keeping up with the files -----------------------------------------------------------

Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def scan_entries(folder: Path) -> dict[str, Stat]:
    """Every ``*.md`` file under ``folder`` (hidden files and folders skipped), by path.

    This runs before every reading command, so it is the cost to keep low: one scandir
    per folder and one stat per file, relative to an open folder where the OS allows it.
    """
    found: dict[str, Stat] = {}
    by_fd = os.scandir in os.supports_fd
    stack: list[tuple[str, str]] = [(str(folder), "")]
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
        try:
            with os.scandir(handle) as listing:
                for item in listing:
                    name = item.name
                    if name[0] == ".":
                        continue
                    try:
                        if name[-3:].lower() == ".md":
                            try:
                                st = item.stat()
                            except FileNotFoundError:  # a link to nothing: listed, to be named
                                st = item.stat(follow_symlinks=False)
                            if S_ISREG(st.st_mode) or S_ISLNK(st.st_mode):
                                found[prefix + name] = (
                                    st.st_size,
                                    st.st_mtime_ns,
                                    st.st_ctime_ns,
                                    st.st_ino,
                                )
                                continue
                        if item.is_dir(follow_symlinks=False):
                            stack.append((f"{current}/{name}", f"{prefix}{name}/"))
                    except OSError:
                        continue  # gone between listing and stat: it is simply not there
        except OSError as exc:
            raise _folder_error(current, exc) from exc
        finally:
            if isinstance(handle, int):
                os.close(handle)
    return found


def _folder_error(folder: str, exc: OSError) -> KapdiaryError:
    return KapdiaryError(f"cannot read the folder {folder}: {exc.strerror}; check its permissions")


def _stored(conn: sqlite3.Connection) -> dict[str, tuple[Any, ...]]:
    rows = conn.execute(
        "SELECT path, size, mtime_ns, ctime_ns, inode, checked_ns, hash, id FROM files"
    )
    return {row[0]: row[1:] for row in rows}


def _diff(home: Home, scan: dict[str, Stat], stored: dict[str, tuple[Any, ...]]) -> Changes:
    changes = Changes()
    now = time.time_ns()
    for path, stat in scan.items():
        old = stored.get(path)
        if old is None:
            changes.added.append(path)
        elif stat != old[:4]:
            changes.changed.append(path)
        elif old[4] - stat[1] < RACY_NS:
            # Changed again within the clock tick it was indexed in? Only the content tells.
            data = _read(home.entries / path)
            if data is None or _hash(data) != old[5]:
                changes.changed.append(path)
            else:
                changes.touched[path] = now
    changes.removed = [path for path in stored if path not in scan]
    return changes


def _refresh(
    conn: sqlite3.Connection, home: Home, scan: dict[str, Stat], progress: Progress | None
) -> None:
    """Bring the index up to date with ``scan`` (the folder as it is now)."""
    digest = scan_digest(scan)
    info = dict(conn.execute("SELECT key, value FROM info WHERE key IN ('scan', 'racy')"))
    if info.get("scan") == digest and info.get("racy") == "0":
        return  # the same files with the same stats as last time, none of them racy
    if not _diff(home, scan, _stored(conn)) and info.get("racy") == "0":
        _write_info(conn, digest)  # the same files, listed in another order
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        stored = _stored(conn)  # another process may have caught up meanwhile
        changes = _diff(home, scan, stored)
        gone = changes.removed + changes.changed
        ids = [(stored[path][6],) for path in gone]
        conn.executemany("DELETE FROM files WHERE id = ?", ids)
        conn.executemany("DELETE FROM entries WHERE id = ?", ids)
        conn.executemany("DELETE FROM texts WHERE id = ?", ids)
        conn.executemany("DELETE FROM facts WHERE id = ?", ids)
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
        _apply(conn, home, scan, changes, progress)
        _write_info(conn, digest, in_transaction=True)
        conn.execute("COMMIT")
    except BaseException:
        import sqlite3

        # SQLite may have rolled back already (a full disk): the first error is the one to tell.
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


def scan_digest(scan: dict[str, Stat]) -> str:
    """A fingerprint of a folder listing: equal fingerprints, equal paths and stats."""
    import hashlib
    import marshal

    return hashlib.blake2b(marshal.dumps(scan, 2), digest_size=16).hexdigest()


def _write_info(conn: sqlite3.Connection, digest: str, *, in_transaction: bool = False) -> None:
    """Remember the listing, and how many files are still too fresh to trust by stat."""
    racy = conn.execute(
        "SELECT count(*) FROM files WHERE checked_ns - mtime_ns < ?", (RACY_NS,)
    ).fetchone()[0]
    statement = "INSERT OR REPLACE INTO info VALUES (?, ?)"
    rows = [("scan", digest), ("racy", str(racy))]
    if in_transaction:
        conn.executemany(statement, rows)
        return
    import sqlite3

    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return  # busy: this is only a shortcut for next time
    try:
        conn.executemany(statement, rows)
        conn.execute("COMMIT")
    except sqlite3.Error:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _apply(
    conn: sqlite3.Connection,
    home: Home,
    scan: dict[str, Stat],
    changes: Changes,
    progress: Progress | None,
) -> None:
    """Read and insert the added and changed files, in batches."""
    todo = changes.added + changes.changed
    if not todo:
        return
    next_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0]) + 1
    total = len(todo)
    done = 0
    if progress is not None:
        progress(0, total)
    jobs = [
        (str(home.entries), [(path, scan[path]) for path in todo[start : start + BATCH]])
        for start in range(0, total, BATCH)
    ]
    for job, batch in zip(jobs, _extracted(jobs, total), strict=True):
        files, entries, texts = [], [], []
        facts: list[tuple[Any, ...]] = []
        for path, stat, checked, digest, row, text, found in batch:
            files.append((path, next_id, *stat, checked, digest))
            entries.append((next_id, path, path[:-3], *row))
            texts.append((next_id, *text))
            facts.extend((next_id, *fact) for fact in found)
            next_id += 1
        conn.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", files)
        conn.executemany(
            "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entries
        )
        conn.executemany("INSERT INTO texts VALUES (?, ?, ?)", texts)
        conn.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?)", facts)
        done += len(job[1])
        if progress is not None:
            progress(done, total)


Extracted = tuple[str, Stat, int, bytes, tuple[Any, ...], tuple[str, str], list[tuple[Any, ...]]]
Job = tuple[str, list[tuple[str, Stat]]]


def _extracted(jobs: list[Job], total: int) -> Iterator[list[Extracted]]:
    """Batches of read and parsed files; a large build parses on every core.

    Parsing YAML is most of the cost of a build, and it is plain CPU work, so with many
    files a pool of forked workers parses while this process writes to SQLite.
    """
    workers = min(os.cpu_count() or 1, 4)
    if total < PARALLEL_FROM or workers < 2 or not sys.platform.startswith("linux"):
        for job in jobs:
            yield _extract_batch(job)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_extract_batch, jobs)


def _extract_batch(job: Job) -> list[Extracted]:
    folder, items = job
    out: list[Extracted] = []
    for path, stat in items:
        checked = time.time_ns()  # before reading: a later write shows as a newer mtime
        full = Path(folder) / path
        # A link may lead anywhere (/etc/passwd): never read through it. It is indexed
        # empty, so a warning names it, and exports leave it out.
        data = b"" if full.is_symlink() else _read(full)
        if data is None:
            continue  # removed since the scan; the next command will see it is gone
        row, text, facts = _extract(data, full, stat[1], note=_odd_file(full))
        out.append((path, stat, checked, _hash(data), row, text, facts))
    return out


def _read(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KapdiaryError(f"cannot read {path}: {exc.strerror}; check its permissions") from exc


def _hash(data: bytes) -> bytes:
    import hashlib

    return hashlib.blake2b(data, digest_size=16).digest()


# --- from a file to a row ----------------------------------------------------------------


def record_from_file(path: Path) -> Record:
    """One entry file read directly (for `show PATH` and after `edit`), body included."""
    data = _read(path)
    if data is None:
        raise KapdiaryError(f"{path} does not exist")
    try:
        mtime_ns = path.stat().st_mtime_ns
    except OSError:
        mtime_ns = time.time_ns()
    row, text, _ = _extract(data, path, mtime_ns)
    (day, time_, template, title, mood, private, tags, _, _, problem, line, excerpt, meta) = row
    return Record(
        path=path,
        date=date.fromisoformat(day),
        time=time_,
        template=template,
        title=title,
        mood=mood,
        meta=json.loads(meta),
        tags=tuple(json.loads(tags)),
        private=bool(private),
        problem=problem,
        problem_line=line,
        excerpt=excerpt,
        body=text[0],
    )


def _odd_file(path: Path) -> str | None:
    """What to tell about a sync tool's conflict copy or a link among the entries."""
    name = path.name
    if "conflict" in name.lower():  # every sync tool's name for such a copy says so
        original = original_name(name)
        if original != name:
            return (
                f"a copy a sync tool made when {original} changed in two places at once; "
                f"compare the two, keep what you want in {original} and delete the copy"
            )
    if not path.is_symlink():
        return None
    try:
        target = os.readlink(path)
    except OSError:
        target = "another file"
    if not path.exists():
        return f"a link to {target}, which does not exist; remove the link or restore the file"
    return (
        f"a link to {target}; kapdiary does not read links (it could lead out of the diary): "
        "put the file itself here in place of the link"
    )


def _extract(
    data: bytes, path: Path, mtime_ns: int, *, note: str | None = None
) -> tuple[tuple[Any, ...], tuple[str, str], list[tuple[Any, ...]]]:
    """The ``entries`` columns (after id and path), the ``texts`` columns and the ``facts``
    rows (after id) for a file.

    ``note`` is a problem with the file itself (a conflict copy, a link): it is told when
    the text has none, or has no text at all.
    """
    from kapdiary.entry import parse

    problem: str | None = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        problem = f"not UTF-8 text (byte {exc.start}); re-save it as UTF-8 in an editor"
    text = text.replace("\r\n", "\n")
    entry = parse(text, path)
    meta = entry.meta
    problem = problem or entry.problem
    line = entry.problem_line if problem == entry.problem else None
    if note is not None and (problem is None or not data):
        problem, line = note, None
    day = entry.date
    if isinstance(day, datetime):
        day = day.date()
    if day is None:
        day = datetime.fromtimestamp(mtime_ns / 1e9).date()
        problem = problem or "no date in the front matter or the file name"
    title = meta.get("title")
    tags = entry.tags
    rated = [str(k) for k, v in _dict(meta.get("intentions")).items() if v is not None and v != ""]
    shaped = jsonable(meta)
    row = (
        day.isoformat(),
        _time(meta.get("time")),
        entry.template,
        str(title) if title is not None else entry.title,
        as_number(meta.get("mood")),
        int(entry.private),
        json.dumps(tags, ensure_ascii=False),
        keys(tags),
        keys(rated),
        problem,
        line,
        _excerpt(entry.body),
        json.dumps(shaped, ensure_ascii=False),
    )
    facts = _facts(day, entry.template, int(entry.private), problem, shaped)
    return row, (entry.body, " ".join(_words(meta))), facts


def _day_means(days: list[int], values: list[float]) -> dict[int, float]:
    """{day: mean of its values}, days ascending."""
    if days != sorted(days):
        pairs = sorted(zip(days, values, strict=True))
        days, values = [d for d, _ in pairs], [v for _, v in pairs]
    daily = dict(zip(days, values, strict=True))
    if len(daily) == len(days):
        return daily  # one value a day: the usual case
    sums: dict[int, list[float]] = {}
    for day, value in zip(days, values, strict=True):
        sums.setdefault(day, []).append(value)
    return {day: sum(v) / len(v) for day, v in sums.items()}


def _facts(
    day: date, template: str | None, private: int, problem: str | None, meta: dict[str, Any]
) -> list[tuple[Any, ...]]:
    """The ``facts`` rows (after id) of an entry; ``meta`` as stored (JSON-shaped)."""
    from kapdiary.dates import in_range
    from kapdiary.progress import facts

    if not meta and problem:
        return []  # front matter that could not be read: progress flags the entry itself
    if not in_range(day):
        return []  # a date edited to year 1 or 9999: shown, flagged, never counted
    ordinal = day.toordinal()
    return [(n, ordinal, private, *fact) for n, fact in enumerate(facts(meta, template))]


def _dict(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _time(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return f"{value // 60:02d}:{value % 60:02d}"  # YAML 1.1 reads 21:34 as 1294
    return str(value)


def _excerpt(body: str, width: int = 200) -> str:
    """The first line of writing: not the title, a heading or a comment."""
    from kapdiary.entry import lines

    for line in lines(body):
        text = line.strip()
        if not text or text.startswith(_NOT_TEXT):
            continue
        text = text.lstrip("->*+ ").strip()
        if not text:
            continue
        if len(text) > width:
            text = text[:width].rsplit(" ", 1)[0] + "…"
        return text
    return ""


def _words(value: Any, key: str = "") -> Iterator[str]:
    """The front matter's free text (tags, side effects, notes, a template's text fields)."""
    if key in ("date", "time", "template"):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for sub_key, sub in value.items():
            yield from _words(sub, key or str(sub_key))
    elif isinstance(value, list):
        for item in value:
            yield from _words(item, key)


def jsonable(value: Any) -> Any:
    """YAML values as JSON: dates as ISO strings, keys as strings, sets as lists."""
    if isinstance(value, dict):
        return {_key(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [jsonable(v) for v in items]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, bytes):
        import base64

        return base64.b64encode(value).decode("ascii")
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _key(key: Any) -> str:
    return key.isoformat() if isinstance(key, date) else str(key)


# --- snippets ----------------------------------------------------------------------------


def _marked(raw: str | None) -> tuple[str, tuple[tuple[int, int], ...]]:
    """FTS5's snippet, on one line, with the markers turned into offsets."""
    text = _SPACE.sub(" ", _HEADING.sub("", raw or "")).strip()
    first, *marked = text.split(_MARK_ON)
    out = [first]
    length = len(first)
    spans: list[tuple[int, int]] = []
    for piece in marked:
        inside, _, after = piece.partition(_MARK_OFF)
        spans.append((length, length + len(inside)))
        out += [inside, after]
        length += len(inside) + len(after)
    return "".join(out), tuple(spans)


def _snippet(text: str, query: TextQuery) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """A short excerpt around the first match of ``query`` in ``text``, on one line, with
    the matches in it highlighted; None when nothing matches. Linear in ``text`` and never
    longer than SNIPPET_BEFORE + SNIPPET_AFTER characters and two ellipses."""
    first = query.first(text)
    if first is None:
        return None
    start, stop = first
    begin = max(0, start - SNIPPET_BEFORE)
    if begin:
        space = text.find(" ", begin, start)
        begin = space + 1 if space >= 0 else begin
    end = min(len(text), start + SNIPPET_AFTER)
    if end < len(text):
        space = text.rfind(" ", stop, end)
        end = space if space > stop else end
    spans = query.spans(text, begin, end)
    if not spans or spans[0][0] != start:
        spans = [(start, min(stop, end)), *(s for s in spans if s[0] >= min(stop, end))]
    window = text[begin:end].translate(_NO_MARKS)
    marked = []
    cursor = 0
    for s, e in spans:
        s, e = s - begin, e - begin
        if s < cursor:
            continue
        marked.append(window[cursor:s] + _MARK_ON + window[s:e] + _MARK_OFF)
        cursor = e
    marked.append(window[cursor:])
    raw = ("…" if begin else "") + "".join(marked) + ("…" if end < len(text) else "")
    return _marked(raw)


_NO_MARKS = {ord(_MARK_ON): " ", ord(_MARK_OFF): " "}
