"""The index of an encrypted diary, never on disk in clear.

It holds the diary's words (full-text search), so it is kept as one age file beside where
the plain index would be (``index-….sqlite3.age`` in the cache folder), decrypted into
memory and opened there with sqlite3's ``deserialize``, caught up with the files, and
written back encrypted (``serialize``, then an atomic replace) when it changed. A plain
index left from before the diary was encrypted is removed when this one is opened.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary.index import schema, sync
from kapdiary.index.model import Progress, Stat
from kapdiary.locations import Home

if TYPE_CHECKING:
    import sqlite3


def path(home: Home) -> Path:
    plain = home.index_file
    return plain.with_name(plain.name + ".age")


def remove_plain(home: Home) -> None:
    """The plain index (and its journals and interrupted builds): they hold words in clear."""
    plain = home.index_file
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            plain.with_name(plain.name + suffix).unlink()
    with contextlib.suppress(OSError):
        for leftover in plain.parent.glob(f"{plain.name}.*.tmp"):
            leftover.unlink()


def remove_sealed(home: Home) -> None:
    with contextlib.suppress(OSError):
        path(home).unlink()


def open_sealed(
    home: Home, recipient: str, scan: dict[str, Stat], progress: Progress | None, *, rebuild: bool
) -> tuple[sqlite3.Connection, bool, str | None]:
    """The index in memory, up to date: the connection, whether it has full-text search,
    and why it was built from the files (None when the kept one was caught up)."""
    import sqlite3

    from kapdiary import keys

    keys.identity(recipient)  # unlocked once, here, before any worker process is forked
    remove_plain(home)
    reason: str | None = "requested" if rebuild else None
    conn = None if rebuild else _load(home, recipient)
    if conn is not None:
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION:
                fts = schema.has_fts(conn)
                if fts or not schema.fts5_available():
                    before = conn.total_changes
                    sync.refresh(conn, home, scan, progress)
                    if conn.total_changes != before:
                        save(home, recipient, conn)
                    return conn, fts, None
            reason = "version"
        except sqlite3.DatabaseError:
            reason = "damaged"
        conn.close()
    reason = reason or "missing"
    conn = schema.connect(":memory:")
    try:
        fts = sync.build(conn, home, scan, progress)
    except BaseException:
        conn.close()
        raise
    save(home, recipient, conn)
    return conn, fts, reason


def _load(home: Home, recipient: str) -> sqlite3.Connection | None:
    import sqlite3

    from kapdiary import vault

    target = path(home)
    try:
        raw = target.read_bytes()
    except OSError:
        return None
    try:
        data = vault.decrypt(raw, target, recipient)
    except vault.Undecryptable:
        return None  # damaged, or made with another key: built again from the files
    conn = schema.connect(":memory:")
    try:
        conn.deserialize(data)
    except sqlite3.Error:
        conn.close()
        return None
    return conn


def save(home: Home, recipient: str, conn: sqlite3.Connection) -> None:
    """Write the index back, encrypted; a cache that cannot be written is only slower."""
    from kapdiary import storage, vault
    from kapdiary.errors import KapdiaryError

    with contextlib.suppress(KapdiaryError, OSError):
        storage.atomic_write(path(home), vault.encrypt(conn.serialize(), recipient))
