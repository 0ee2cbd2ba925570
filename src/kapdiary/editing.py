"""Changing an entry without losing a word: `kapdiary edit` and `edit --undo`.

The editor works on a private copy. Saving it back replaces the entry only if the file on
disk is still the one that was opened (same bytes, by SHA-256: a sync tool may restore the
modification time). Otherwise both are kept: the entry as it is now, and the edit beside
it as a sync-conflict copy that `doctor` names and the figures leave out until the user
keeps one. An edit that does not read as an entry (empty, front matter removed or broken)
replaces nothing and is kept in the store. The version replaced is kept in the store too
(kapdiary.history), so `edit --undo` can bring it back.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary import entry as entry_format
from kapdiary import history
from kapdiary.errors import KapdiaryError
from kapdiary.messages import reading as said
from kapdiary.storage import sha256
from kapdiary.vault import create_new, plain, read_bytes
from kapdiary.vault import save as atomic_write

UNCHANGED, SAVED, CONFLICT, REFUSED, RECREATED, UNDONE = (
    "unchanged",
    "saved",
    "conflict",
    "refused",
    "recreated",
    "undone",
)

if TYPE_CHECKING:
    from kapdiary.locations import Home


@dataclass(frozen=True)
class Opened:
    """An entry as it was when the editor was given it."""

    path: Path
    text: str
    digest: str


@dataclass(frozen=True)
class Outcome:
    kind: str  # one of the constants above
    path: Path  # where the user's words are now
    kept: Path | None = None  # a version put in the store on the way
    reason: str | None = None  # why an edit was refused


def open_entry(path: Path) -> Opened:
    try:
        data = read_bytes(path)
    except OSError as exc:
        raise KapdiaryError(said.cannot_read(path, exc.strerror)) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KapdiaryError(said.not_utf8_will_not_edit(path, exc.start)) from None
    return Opened(path, text, sha256(data))


def refusal(text: str) -> str | None:
    """Why ``text`` cannot replace an entry, or None when it reads as one."""
    if not text.strip():
        return said.edit_left_it_empty()
    read = entry_format.parse(text)
    if read.problem is None:
        return None
    if read.problem.startswith("no front matter"):
        return said.edit_removed_front_matter()
    return said.edited_front_matter_unreadable(read.problem_line, read.problem)


def save_edit(home: Home, opened: Opened, text: str, *, now: datetime | None = None) -> Outcome:
    """Put an edited entry back, keeping every version; never raises for a lost race."""
    if text == opened.text:
        return Outcome(UNCHANGED, opened.path)
    reason = refusal(text)
    if reason is not None:
        kept = history.keep(home, opened.path, text, history.UNSAVED) if text.strip() else None
        return Outcome(REFUSED, opened.path, kept, reason)
    path = opened.path
    with history.locked(home):
        current = _current(path)
        if current is None:  # deleted or moved while the editor was open: put it back
            with contextlib.suppress(KapdiaryError):  # unless a file took the name meanwhile
                return Outcome(RECREATED, create_new(iter([path]), text))
        if current is not None and current == text.encode("utf-8", "surrogateescape"):
            return Outcome(SAVED, path)  # changed meanwhile into exactly this: nothing to keep
        if current is None or sha256(current) != opened.digest:
            copy = create_new(conflict_names(path, now), text)
            return Outcome(CONFLICT, copy)
        kept = history.keep(home, path, current, history.REPLACED)
        atomic_write(path, text)
    return Outcome(SAVED, path, kept)


def undo(home: Home, path: Path) -> Outcome:
    """Bring back the version an edit (or an undo) replaced, keeping the current one."""
    earlier = [
        v for v in history.versions_of(home, path) if v.kind in (history.REPLACED, history.UNDONE)
    ]
    if not earlier:
        raise KapdiaryError(said.no_earlier_version(path, history.KEEP_DAYS))
    version = earlier[0]
    try:
        text = read_bytes(version.path).decode("utf-8")
    except (OSError, UnicodeDecodeError, KapdiaryError) as exc:
        raise KapdiaryError(said.cannot_read_kept_version(version.path, exc)) from exc
    with history.locked(home):
        current = _current(path)
        kept = history.keep(home, path, current, history.UNDONE) if current is not None else None
        atomic_write(path, text)
        version.path.unlink(missing_ok=True)  # it is the entry now; kept once is enough
    return Outcome(UNDONE, path, kept)


def conflict_names(path: Path, now: datetime | None = None) -> Iterator[Path]:
    """``2026-11-21-evening.sync-conflict-20261201-041500-kapdiary.md`` (then ``-2``, ...).

    Named the way Syncthing names its copies, so `doctor` (kapdiary.conflicts) names both
    files and progress and exports leave the copy out until the user keeps one.
    """
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    path = plain(path)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    for n in range(1, 1000):
        yield path.with_name(f"{stem}.sync-conflict-{stamp}-kapdiary{'' if n == 1 else f'-{n}'}.md")


def _current(path: Path) -> bytes | None:
    """The entry's bytes now; None when it is gone. A link put in its place is not it."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KapdiaryError(said.cannot_read(path, exc.strerror)) from exc
    if not stat.S_ISREG(st.st_mode):
        return b"\0not the file that was opened"
    try:
        return read_bytes(path)
    except OSError as exc:
        raise KapdiaryError(said.cannot_read(path, exc.strerror)) from exc
