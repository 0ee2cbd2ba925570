"""Private, atomic file operations: folders 0700, files 0600, whatever the umask."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from kapdiary.errors import KapdiaryError
from kapdiary.messages import setup as said

DIR_MODE = 0o700
FILE_MODE = 0o600
TMP_PREFIX = ".kapdiary-tmp-"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) as 0700; tighten a folder we create, never loosen."""
    missing: list[Path] = []
    p = path
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    if not p.is_dir():  # a file where a folder should be (a home given as a file's path)
        raise KapdiaryError(said.exists_but_not_a_folder(p))
    try:
        for folder in reversed(missing):
            with contextlib.suppress(FileExistsError):
                folder.mkdir(mode=DIR_MODE)
            os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask
    except OSError as exc:
        raise _os_error(exc, said.cannot_create_folder(path)) from exc
    if not path.is_dir():
        raise KapdiaryError(said.exists_but_not_a_folder(path))
    return path


def check_writable(folder: Path) -> None:
    """Fail early, before the user types anything, if ``folder`` cannot take a file."""
    ensure_private_dir(folder)
    probe = folder / f"{TMP_PREFIX}probe-{os.urandom(4).hex()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise _os_error(exc, said.cannot_write_in(folder)) from exc


@contextlib.contextmanager
def _temp_file(folder: Path) -> Iterator[tuple[int, Path]]:
    """A new 0600 temporary file in ``folder``, removed unless the caller moved it."""
    tmp = folder / f"{TMP_PREFIX}{os.urandom(8).hex()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        yield fd, tmp
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _utf8(text: str, what: str) -> bytes:
    """The file's bytes; text that came in as another encoding cannot be saved as UTF-8."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        char = ord(text[exc.start])
        # Bytes that were not UTF-8 arrive as U+DC80..U+DCFF (Python's surrogateescape).
        found = f"byte 0x{char - 0xDC00:02x}" if 0xDC80 <= char <= 0xDCFF else f"U+{char:04X}"
        raise KapdiaryError(said.text_not_utf8(what, found)) from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.fsync(fd)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def atomic_write(path: Path, text: str | bytes, *, flush_folder: bool = True) -> None:
    """Replace ``path`` with ``text`` atomically (temp file, fsync, rename), as 0600.

    ``flush_folder=False`` leaves the folder's flush (which makes the rename itself
    durable) to the caller, who flushes it once for a batch (kapdiary.migrate)."""
    data = text if isinstance(text, bytes) else _utf8(text, said.could_not_save(path))
    ensure_private_dir(path.parent)
    try:
        with _temp_file(path.parent) as (fd, tmp):
            _write_all(fd, data)
            os.replace(tmp, path)
    except OSError as exc:
        raise _os_error(exc, said.could_not_save(path)) from exc
    if flush_folder:
        _fsync_dir(path.parent)


def create_new(candidates: Iterator[Path], text: str | bytes) -> Path:
    """Write ``text`` to the first candidate path that does not exist yet, atomically.

    The content is written and flushed to a temporary file first and then *linked* into
    place, which fails if the name is taken: two writers at the same moment each get their
    own file and an existing file is never replaced.
    """
    first = next(candidates)
    folder = first.parent
    what = said.could_not_save_entry(folder)
    data = text if isinstance(text, bytes) else _utf8(text, what)
    ensure_private_dir(folder)
    try:
        with _temp_file(folder) as (fd, tmp):
            _write_all(fd, data)
            path: Path | None = first
            while path is not None:
                if _link_new(tmp, path):
                    _fsync_dir(folder)
                    return path
                path = next(candidates, None)
    except OSError as exc:
        raise _os_error(exc, what) from exc
    raise KapdiaryError(said.too_many_same_names(folder))


def _link_new(tmp: Path, path: Path) -> bool:
    try:
        os.link(tmp, path)
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
    # A filesystem without hard links: reserve the name exclusively, then rename over it.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    os.replace(tmp, path)
    return True


def sha256(data: bytes) -> str:
    from kapdiary.digest import sha256_hex

    return sha256_hex(data)


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise KapdiaryError(said.file_not_utf8(path, exc.start)) from exc
    except OSError as exc:
        raise _os_error(exc, said.cannot_read_file(path)) from exc


def _os_error(exc: OSError, what: str) -> KapdiaryError:
    return KapdiaryError(said.os_error(what, exc.errno, exc.strerror or str(exc)))


# For kapdiary.vault, which writes the same way with encrypted bytes.
utf8 = _utf8
os_error = _os_error
fsync_dir = _fsync_dir
