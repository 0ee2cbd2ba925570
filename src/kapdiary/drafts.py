"""Words saved while writing, so an interruption never loses them.

While a guided entry is written its draft is saved after every answer and every line, and
held with a lock so a second terminal does not offer to resume it. A draft is an entry file
in ``drafts/`` (same format), so it can also be opened and rescued by hand.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kapdiary import entry as entry_format
from kapdiary.entry import Entry
from kapdiary.errors import KapdiaryError
from kapdiary.locations import Home
from kapdiary.storage import FILE_MODE, atomic_write, ensure_private_dir, read_text

try:  # POSIX; without it drafts are never treated as in use.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@dataclass
class Draft:
    path: Path
    entry: Entry  # a parse problem is kept on the entry; the raw text is still there

    @property
    def template(self) -> str | None:
        return self.entry.template

    @property
    def day(self) -> date | None:
        return self.entry.date

    @property
    def words(self) -> int:
        """Words written in the draft's sections (a broken draft: all of its text)."""
        if self.entry.problem and not self.entry.meta:
            return len(self.entry.body.split())
        return sum(len(s.text.split()) for s in self.entry.sections())

    @property
    def raw(self) -> str:
        return read_text(self.path)


def new_path(home: Home, day: date, template: str) -> Path:
    return home.drafts / f"{day.isoformat()}-{template}-{os.urandom(3).hex()}.md"


def save(path: Path, text: str) -> None:
    atomic_write(path, text)


def _lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def hold(path: Path) -> Iterator[None]:
    """Mark a draft as being written by this process (released on exit, even a crash)."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    ensure_private_dir(path.parent)
    lock = _lock_path(path)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()


def _in_use(path: Path) -> bool:
    if fcntl is None:  # pragma: no cover - Windows
        return False
    lock = _lock_path(path)
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def pending(home: Home, template: str | None = None) -> list[Draft]:
    """Drafts not being written right now, newest first; ``template`` narrows them."""
    if not home.drafts.is_dir():
        return []
    found: list[tuple[float, Draft]] = []
    for path in home.drafts.glob("*.md"):
        if _in_use(path):
            continue
        try:
            draft = Draft(path, entry_format.parse(read_text(path), path))
            mtime = path.stat().st_mtime
        except (OSError, KapdiaryError):
            continue  # an unreadable draft must not stop writing; `doctor` will name it
        if template is None or draft.template in (None, template):
            found.append((mtime, draft))
    return [d for _, d in sorted(found, key=lambda item: item[0], reverse=True)]


def discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    with contextlib.suppress(FileNotFoundError):
        _lock_path(path).unlink()
