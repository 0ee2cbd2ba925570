"""The keep-for-a-while store: replaced versions, refused edits and discarded drafts.

Everything kapdiary would otherwise drop goes to ``<home>/.history/`` first, in a folder
named after the file it came from, so a person can find it by hand::

    .history/entries/2026/11/2026-11-21-evening/20261201-041500-123456-replaced.md
    .history/drafts/2026-11-21-evening-a1b2c3/20261201-041500-123456-discarded.md

A version's name is the UTC moment it was kept (sortable, and true even when a sync tool
restores modification times) and why: ``replaced`` (the entry before an edit), ``undone``
(the entry before `edit --undo`), ``unsaved`` (an edit that was not saved over the entry),
``deleted`` (an entry `kapdiary delete` moved here) or ``discarded`` (a draft).
`kapdiary restore` (``kapdiary.deleting``) brings deleted entries and discarded drafts
back. Folders are 0700 and files 0600. A folder keeps at most ``KEEP_VERSIONS`` versions
and none older than ``KEEP_DAYS`` days, except its newest, which is kept whatever its age.

The folder is hidden, so the index (which reads ``entries/`` only), `review`, `search`,
`progress`, `export` and `doctor` never see it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary.errors import KapdiaryError
from kapdiary.messages import reading as said
from kapdiary.storage import FILE_MODE, ensure_private_dir
from kapdiary.vault import create_new, is_age, plain, read_bytes, sealed

if TYPE_CHECKING:
    from kapdiary.locations import Home

try:  # POSIX; without it two edits at the same moment are not kept apart.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

FOLDER = ".history"
KEEP_DAYS = 90
KEEP_VERSIONS = 20
REPLACED, UNDONE, UNSAVED, DISCARDED = "replaced", "undone", "unsaved", "discarded"
DELETED = "deleted"
KINDS = (REPLACED, UNDONE, UNSAVED, DISCARDED, DELETED)
STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(\d{8}-\d{6}-\d{6})-([a-z]+)(?:-(\d+))?\.md(?:\.age)?$")


@dataclass(frozen=True)
class Version:
    path: Path
    kind: str
    kept_at: datetime  # UTC
    number: int  # 1, or 2, 3... for versions kept in the same microsecond

    @property
    def order(self) -> tuple[datetime, int]:
        return self.kept_at, self.number


def root(home: Home) -> Path:
    return home.path / FOLDER


def folder_for(home: Home, original: Path) -> Path:
    """Where the versions of ``original`` (a file in the home) are kept."""
    try:
        relative = plain(original).relative_to(home.path)
    except ValueError:
        raise KapdiaryError(said.not_in_the_diary(original, home.path)) from None
    return root(home) / relative.with_suffix("")


def now_utc() -> datetime:
    return datetime.now(UTC)


def keep(
    home: Home, original: Path, text: str | bytes, kind: str, *, now: datetime | None = None
) -> Path:
    """Keep ``text`` as a version of ``original``; older versions past the limits go."""
    folder = folder_for(home, original)
    path = create_new(_names(home, folder, kind, now), text)
    prune(folder)
    return path


def move_in(home: Home, original: Path, kind: str, *, now: datetime | None = None) -> Path:
    """Move the file ``original`` itself into the store, as it is at this moment (a rename:
    nothing is copied, so nothing written to it meanwhile is missed). Hold ``locked``."""
    folder = folder_for(home, original)
    for name in _names(home, folder, kind, now):
        path = sealed(name) if is_age(original) else name  # the file as it is, age or not
        if path.exists():
            continue
        try:
            os.rename(original, path)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            path = keep(home, original, read_bytes(original), kind, now=now)  # another disk
            original.unlink()
        with contextlib.suppress(OSError):
            os.chmod(path, FILE_MODE)
        prune(folder)
        return path
    from kapdiary.messages.deleting import too_many_versions

    raise KapdiaryError(too_many_versions(original, folder))


def _names(home: Home, folder: Path, kind: str, now: datetime | None) -> Iterator[Path]:
    """Fresh names in ``folder`` for a version kept now (the folder is made private)."""
    if kind not in KINDS:
        raise ValueError(kind)
    ensure_private_dir(root(home))
    ensure_private_dir(folder)
    moment = (now or now_utc()).astimezone(UTC)
    stamp = moment.strftime(STAMP)
    # Numbers only go up within one moment, so the order holds after pruning frees a name.
    first = 1 + max((v.number for v in versions(folder) if v.kept_at == moment), default=0)
    for n in range(first, first + 999):
        yield folder / f"{stamp}-{kind}{'' if n == 1 else f'-{n}'}.md"


def versions(folder: Path) -> list[Version]:
    """The versions kept in ``folder``, newest first (files of other names are left alone)."""
    found: list[Version] = []
    try:
        listing = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise KapdiaryError(said.cannot_read_kept_versions(folder, exc.strerror)) from exc
    for item in listing:
        match = _NAME.match(item.name)
        if not match or match[2] not in KINDS or not item.is_file(follow_symlinks=False):
            continue
        kept_at = _stamp(match[1])
        if kept_at is None:
            continue
        found.append(Version(Path(item.path), match[2], kept_at, int(match[3] or 1)))
    return sorted(found, key=lambda v: v.order, reverse=True)


def _stamp(text: str) -> datetime | None:
    """``20261201-041500-123456`` as a UTC moment (by hand: strptime costs an import)."""
    digits = text.replace("-", "")
    try:
        return datetime(
            int(digits[0:4]),
            int(digits[4:6]),
            int(digits[6:8]),
            int(digits[8:10]),
            int(digits[10:12]),
            int(digits[12:14]),
            int(digits[14:20]),
            tzinfo=UTC,
        )
    except ValueError:
        return None


def versions_of(home: Home, original: Path) -> list[Version]:
    return versions(folder_for(home, original))


def prune(
    folder: Path,
    *,
    now: datetime | None = None,
    keep_days: int = KEEP_DAYS,
    keep_versions: int = KEEP_VERSIONS,
) -> list[Path]:
    """Remove versions past the age and count limits; the newest always stays."""
    when = now or now_utc()
    oldest = when - timedelta(days=keep_days)
    removed: list[Path] = []
    for number, version in enumerate(versions(folder)):
        if number == 0:
            continue
        if number >= keep_versions or version.kept_at < oldest:
            with contextlib.suppress(FileNotFoundError):
                version.path.unlink()
                removed.append(version.path)
    return removed


@contextlib.contextmanager
def locked(home: Home) -> Iterator[None]:
    """Hold the home's edit lock: one check-and-replace at a time (a few milliseconds)."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    ensure_private_dir(root(home))
    fd = os.open(root(home) / ".lock", os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
