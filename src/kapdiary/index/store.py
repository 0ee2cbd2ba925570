"""The open index: its connection, the file opened and caught up or (re)built, the fallback
to an index in memory when the file cannot be used, and queries that survive damage found
while they run. ``kapdiary.index.queries.Index`` adds the queries themselves.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Self

from kapdiary.errors import KapdiaryError
from kapdiary.index import schema, sync
from kapdiary.index.health import busy, damage, location_problem, why
from kapdiary.index.model import FileUnusable, Problem, Progress, Rebuild, Scan, Unusable
from kapdiary.locations import Home
from kapdiary.messages import index as said

if TYPE_CHECKING:
    import sqlite3


class Store:
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
        self.base = f"{home.entries}{os.sep}"
        self._sealed: tuple[str, int] | None = None  # an encrypted diary's: recipient, changes

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None and self._sealed is not None:
            recipient, changes = self._sealed
            if self._conn.total_changes != changes:  # derived results remembered meanwhile
                from kapdiary.index.sealed import save

                save(self.home, recipient, self._conn)
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise KapdiaryError(said.index_closed())
        return self._conn

    # --- building ---

    def _open_file(self, scan: Scan, *, rebuild: bool) -> None:
        """Open the index file and catch it up, or (re)build it; ``FileUnusable`` if the
        file cannot be used at all."""
        import sqlite3

        if self._open_sealed(scan, rebuild=rebuild):
            return
        path = self.home.index_file
        problem = location_problem(path)
        if problem is not None:
            raise FileUnusable(problem)
        reason: str | None = "requested" if rebuild else None
        if reason is None and not path.exists():
            reason = "missing"
        if reason is None:
            try:
                conn = schema.connect(path)
            except sqlite3.Error as exc:
                raise FileUnusable(why(exc, path)) from exc
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version != schema.SCHEMA_VERSION:
                    reason = "version"
                else:
                    fts = schema.has_fts(conn)
                    if not fts and schema.fts5_available():
                        reason = "fts"
                    else:
                        sync.refresh(conn, self.home, scan, self._progress)
                        self._conn, self.fts = conn, fts
                        return
            except sqlite3.OperationalError as exc:
                if busy(exc) or not damage(exc):
                    conn.close()
                    raise FileUnusable(why(exc, path)) from exc
                reason = "damaged"
            except sqlite3.DatabaseError:
                reason = "damaged"
            conn.close()
        self.rebuild(reason, scan)

    def _open_sealed(self, scan: Scan, *, rebuild: bool) -> bool:
        """An encrypted diary's index: in memory, kept encrypted (``index.sealed``)."""
        from kapdiary import vault

        held = vault.lock(self.home.path)
        if held is None:
            return False
        from kapdiary.index.sealed import open_sealed

        self.close()
        started = time.perf_counter()
        conn, self.fts, reason = open_sealed(
            self.home, held.recipient, scan, self._progress, rebuild=rebuild
        )
        self._conn, self._sealed = conn, (held.recipient, conn.total_changes)
        if reason is not None:
            self._rebuilt = True
            if self._on_rebuild is not None:
                self._on_rebuild(Rebuild(reason, len(scan), time.perf_counter() - started))
        return True

    def rebuild(self, reason: str, scan: Scan | None = None) -> Rebuild:
        """Build the index from the files into a new file that replaces the old one.

        ``FileUnusable`` when the file cannot be made (a full disk, no permission, …).
        """
        import sqlite3

        self.close()
        started = time.perf_counter()
        if scan is None:
            scan = sync.scan_entries(self.home.entries)
        if self._open_sealed(scan, rebuild=True):
            return Rebuild(reason, len(scan), time.perf_counter() - started)
        target = self.home.index_file
        problem = location_problem(target)
        if problem is not None:
            raise FileUnusable(problem)
        from kapdiary.storage import ensure_private_dir

        try:
            ensure_private_dir(target.parent)
        except KapdiaryError as exc:
            raise FileUnusable(why(exc, target)) from exc
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            sync.remove_stale_builds(target)
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
            conn = schema.connect(tmp)
            try:
                fts = sync.build(conn, self.home, scan, self._progress)
            finally:
                conn.close()
            # A journal left by a crashed update of the old file must not meet the new one.
            for suffix in ("-journal", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    target.with_name(target.name + suffix).unlink()
            os.replace(tmp, target)
            self._conn = schema.connect(target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            if not isinstance(exc, OSError | sqlite3.Error):
                # An entry that cannot be read (KapdiaryError), Ctrl-C, or a bug: nothing
                # half-built is left behind either way.
                raise
            raise FileUnusable(why(exc, target)) from exc
        self.fts = fts
        self._rebuilt = True
        done = Rebuild(reason, len(scan), time.perf_counter() - started)
        if self._on_rebuild is not None:
            self._on_rebuild(done)
        return done

    def _in_memory(self, problem: Problem, scan: Scan | None = None) -> None:
        """Read the files into an index in memory: the file cannot be used."""
        from kapdiary import messages

        self.close()
        path = self.home.index_file
        if self._on_fallback is None:
            raise KapdiaryError(messages.index_unusable(path, problem.reason, problem.fix))
        self._on_fallback(Unusable(path, problem.reason, problem.fix))
        if scan is None:
            scan = sync.scan_entries(self.home.entries)
        import sqlite3

        copied = sync.copied(path)
        if copied is not None:
            conn, fts = copied
            try:
                sync.refresh(conn, self.home, scan, self._progress)
            except sqlite3.Error:
                conn.close()
                copied = None
            except BaseException:
                conn.close()
                raise
        if copied is None:
            conn = schema.connect(":memory:")
            try:
                fts = sync.build(conn, self.home, scan, self._progress)
            except BaseException:
                conn.close()
                raise
        self._conn, self.fts = conn, fts
        self.in_memory = True
        self._rebuilt = True

    # --- queries ---

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
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
        damaged = damage(failure) if isinstance(failure, sqlite3.OperationalError) else True
        if damaged and not busy(failure) and not self._rebuilt:
            # Damaged, or tables not as this version made them: rebuild once, then ask again.
            try:
                self.rebuild("damaged")
            except FileUnusable as exc:
                self._in_memory(exc.problem)
        else:
            self._in_memory(why(failure, self.home.index_file))
        return self.conn.execute(sql, params).fetchall()

    def remember(self, key: str, value: bytes) -> None:
        """Keep a derived result; skipped, never waited for, when another process writes."""
        self.remember_all([(key, value)])

    def remember_all(self, rows: list[tuple[str, bytes]]) -> None:
        """Keep derived results in one transaction (``remember``)."""
        import sqlite3

        conn = self.conn
        try:
            conn.execute("PRAGMA busy_timeout = 0")
            conn.execute(
                "INSERT OR REPLACE INTO derived VALUES " + ", ".join(["(?, ?)"] * len(rows)),
                [item for row in rows for item in row],
            )
        except sqlite3.Error:
            pass
        finally:
            conn.execute("PRAGMA busy_timeout = 10000")
