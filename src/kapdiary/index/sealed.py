"""The index of an encrypted diary, never on disk in clear.

It holds the diary's words (full-text search), so it is kept as one age file beside where
the plain index would be (``index-….sqlite3.age`` in the cache folder). A command opens it
in one of two ways, both without a plain byte reaching a disk:

- Where the system has a RAM-backed folder (Linux: ``$XDG_RUNTIME_DIR`` or ``/dev/shm``,
  checked to be tmpfs in ``/proc/self/mounts``, in a 0700 folder of the user's own), the
  decrypted index is kept there as a working copy while the machine is up, so a command
  costs what it costs on a plain diary; the copy is used only while it matches the age file.
- Otherwise it is decrypted into memory and opened with sqlite3's ``deserialize``.

Either way it is caught up with the files and, when that changed it, written back
encrypted (``serialize``, then an atomic replace). A plain index left from before the diary
was encrypted is removed when this one is opened.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary.errors import KapdiaryError
from kapdiary.index import schema, sync
from kapdiary.index.model import Progress, Scan
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
    forget_working_copy(home)


def open_sealed(
    home: Home, recipient: str, scan: Scan, progress: Progress | None, *, rebuild: bool
) -> tuple[sqlite3.Connection, bool, str | None]:
    """The index, up to date: the connection, whether it has full-text search, and why it
    was built from the files (None when the kept one was caught up)."""
    from kapdiary import keys

    keys.identity(recipient)  # unlocked once, here, before any worker process is forked
    remove_plain(home)
    folder = memory_folder()
    if folder is None:
        return _in_process(home, recipient, scan, progress, rebuild=rebuild)
    work = folder / home.index_file.name
    reason: str | None = None
    working = None if rebuild or _stamp(work) != _stat(path(home)) else _working(work)
    if working is None:  # none yet, another version, damaged, or not the age file's
        loaded, fts, reason = _in_process(home, recipient, scan, progress, rebuild=rebuild)
        try:
            _place(work, loaded.serialize(), path(home))
        except (KapdiaryError, OSError):
            return loaded, fts, reason  # the RAM folder is full: this command in memory
        except BaseException:
            loaded.close()
            raise
        working = _working(work)
        if working is None:
            return loaded, fts, reason
        loaded.close()
    conn = working
    fts = schema.has_fts(conn)
    before = conn.total_changes
    sync.refresh(conn, home, scan, progress)
    if conn.total_changes != before:
        save(home, recipient, conn)
    return conn, fts, reason


def _working(work: Path) -> sqlite3.Connection | None:
    import sqlite3

    conn = schema.connect(work)
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION:
            return conn
    except sqlite3.DatabaseError:
        pass
    conn.close()
    return None


def _in_process(
    home: Home, recipient: str, scan: Scan, progress: Progress | None, *, rebuild: bool
) -> tuple[sqlite3.Connection, bool, str | None]:
    """The index decrypted into this process's memory (``deserialize``), or built there."""
    import sqlite3

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

    target = path(home)
    with contextlib.suppress(KapdiaryError, OSError):
        storage.atomic_write(target, vault.encrypt(conn.serialize(), recipient))
        folder = memory_folder()
        if folder is not None and (folder / home.index_file.name).is_file():
            _write_stamp(folder / home.index_file.name, target)


# --- the working copy in a RAM-backed folder ---


def memory_folder() -> Path | None:
    """A 0700 folder of this user's on a RAM-backed file system, or None (not Linux, no
    tmpfs, or a folder someone else made)."""
    if not sys.platform.startswith("linux"):
        return None
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    candidates = [Path(runtime) / "kapdiary"] if runtime else []
    candidates.append(Path("/dev/shm") / f"kapdiary-{os.getuid()}")
    for folder in candidates:
        if _in_ram(folder.parent) and _private(folder):
            return folder
    return None


def _in_ram(folder: Path) -> bool:
    """Whether ``folder`` lies on tmpfs or ramfs (the longest mount point above it)."""
    try:
        real = str(folder.resolve(strict=True))
        with open("/proc/self/mounts", encoding="utf-8") as mounts:
            table = [line.split()[1:3] for line in mounts if len(line.split()) > 2]
    except OSError:
        return False
    best, kind = "", ""
    for point, fstype in table:
        point = point.replace("\\040", " ")
        inside = real == point or real.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fstype
    return kind in ("tmpfs", "ramfs")


def _private(folder: Path) -> bool:
    import stat

    with contextlib.suppress(FileExistsError, OSError):
        os.mkdir(folder, 0o700)
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    mine = st.st_uid == os.getuid() and not stat.S_IMODE(st.st_mode) & 0o077
    return stat.S_ISDIR(st.st_mode) and mine


def _place(work: Path, data: bytes, sealed_file: Path) -> None:
    """The decrypted index as the working copy (a new file renamed into place)."""
    from kapdiary import storage

    for suffix in ("-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            work.with_name(work.name + suffix).unlink()
    storage.atomic_write(work, data)
    _write_stamp(work, sealed_file)


def _stat(file: Path) -> str | None:
    try:
        st = file.stat()
    except OSError:
        return None
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ino}"


def _stamp(work: Path) -> str | None:
    try:
        return work.with_name(work.name + ".stamp").read_text(encoding="utf-8")
    except OSError:
        return None


def _write_stamp(work: Path, sealed_file: Path) -> None:
    """Remember which age file the working copy matches."""
    from kapdiary import storage

    now = _stat(sealed_file)
    if now is not None:
        storage.atomic_write(work.with_name(work.name + ".stamp"), now)


def forget_working_copy(home: Home) -> None:
    folder = memory_folder()
    if folder is None:
        return
    work = folder / home.index_file.name
    for suffix in ("", ".stamp", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            work.with_name(work.name + suffix).unlink()
