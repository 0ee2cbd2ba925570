"""Why the index file cannot be used, in plain words and with the fix: its place (a folder
where the file should be, a file where its folder should be), and what SQLite or the
operating system said. Never quotes text from the index, which may hold diary words."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from kapdiary.errors import KapdiaryError
from kapdiary.index.model import Problem
from kapdiary.locations import Home
from kapdiary.messages import index as said


def busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return not _undecodable(exc) and ("locked" in text or "busy" in text)


def _undecodable(exc: BaseException) -> bool:
    """Text that is not UTF-8 in the index (only damage puts it there); the message quotes
    that text, which may hold any word."""
    return str(exc).startswith("Could not decode to UTF-8")


def damage(exc: Exception) -> bool:
    """An OperationalError that a rebuild mends (not a problem with the file's place)."""
    return "no such" in str(exc) or _undecodable(exc)


def why(exc: BaseException, path: Path) -> Problem:
    """Why the index file at ``path`` cannot be used, in plain words (never quoting text
    from the index, which may hold diary words), and the fix."""
    import errno
    import sqlite3

    problem = location_problem(path)
    if problem is not None:
        return problem
    folder = path.parent
    cause = exc.__cause__ if isinstance(exc, KapdiaryError) and exc.__cause__ else exc
    full = Problem(said.disk_full(), said.free_some_space(folder))
    denied = Problem(
        said.may_not_write_folder(),
        said.make_folder_writable(folder),
    )
    read_only = Problem(said.disk_read_only(), said.put_cache_on_writable_disk(_MOVE))
    if isinstance(cause, OSError):
        if cause.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return full
        if cause.errno == errno.EROFS:
            return read_only
        if cause.errno in (errno.EACCES, errno.EPERM):
            return denied
        return Problem(
            (cause.strerror or said.cannot_be_written()).lower(),
            said.check_folder_or_delete_cache(folder, path),
        )
    if isinstance(cause, KapdiaryError):
        return Problem(cause.message, f"check {folder} ({_MOVE})")
    text = str(cause).lower() if isinstance(cause, sqlite3.Error) else ""
    if busy(cause):
        return Problem(
            said.kept_busy(),
            said.wait_for_other_command(),
        )
    if "full" in text:
        return full
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return read_only if _read_only_disk(folder) else denied
    if "i/o" in text:
        return Problem(
            said.disk_error(),
            said.check_disk_or_delete_cache(folder, path),
        )
    return Problem(
        said.damaged_not_rebuilt(),
        said.delete_the_cache(path),
    )


_MOVE = said.or_move_the_cache()


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
        return why(exc, path)
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
        if busy(exc) or not isinstance(exc, sqlite3.OperationalError) or damage(exc):
            return None  # busy for a moment, or damaged: the next command rebuilds it
        return why(exc, path)
    return None


def location_problem(path: Path) -> Problem | None:
    """What is wrong with the place of the index file itself, if anything: a folder or
    something else where the file should be, or a file where its folder should be."""
    import stat as st

    only_cache = said.only_a_cache()
    try:
        found: os.stat_result | None = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        found = None
    except OSError as exc:
        return Problem(
            (exc.strerror or str(exc)).lower(),
            said.check_the_folder(path.parent),
        )
    if found is not None:
        if st.S_ISLNK(found.st_mode):
            try:
                found = os.stat(path)
            except OSError:
                return None  # to nothing, or round in a loop: the next build replaces the link
        if st.S_ISDIR(found.st_mode):
            return Problem(
                said.folder_in_its_place(),
                said.move_folder_away(path, only_cache),
            )
        if not st.S_ISREG(found.st_mode):
            return Problem(
                said.not_a_file_in_its_place(),
                said.move_it_away(path, only_cache),
            )
        return None
    folder = path.parent
    while True:
        try:
            if st.S_ISDIR(os.stat(folder).st_mode):
                return None
            return Problem(
                said.file_where_folder_should_be(folder),
                said.move_file_away(_MOVE),
            )
        except (FileNotFoundError, NotADirectoryError):
            if folder.parent == folder:
                return None
            folder = folder.parent
        except OSError as exc:
            return Problem(
                said.folder_cannot_be_read(folder, (exc.strerror or str(exc)).lower()),
                said.check_permissions(folder, _MOVE),
            )
