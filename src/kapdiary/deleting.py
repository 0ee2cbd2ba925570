"""Deleting an entry and bringing back what was deleted or discarded (`kapdiary delete`,
`kapdiary restore`).

An entry is never removed: ``delete`` moves the file itself into the keep-for-a-while store
(``.history/entries/…/<moment>-deleted.md``, kapdiary.history), and ``restore`` moves a
deleted entry, or a discarded draft (``.history/drafts/NAME/<moment>-discarded.md``), back
to where it was. Restoring never overwrites: if an entry has been written at the same place
since, it is refused and both stay as they are. The index reads ``entries/`` only, so the
next command sees the entry gone, and back.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kapdiary import history
from kapdiary.errors import KapdiaryError, UsageError
from kapdiary.messages import deleting as said

if TYPE_CHECKING:
    from kapdiary.locations import Home

ENTRY, DRAFT = "entry", "draft"


@dataclass(frozen=True)
class Kept:
    """A deleted entry or a discarded draft, as `kapdiary restore` lists it."""

    kind: str  # ENTRY or DRAFT
    name: str  # the entry's or draft's file name without .md
    original: Path  # where it was, and where restoring puts it
    path: Path  # the kept file in .history/
    kept_at: datetime  # UTC
    day: date | None
    template: str | None
    words: int
    key: str = ""  # what to type to restore it: the name, or name@moment when not unique

    def as_json(self, home: Home) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "name": self.name,
            "date": self.day.isoformat() if self.day else None,
            "template": self.template,
            "words": self.words,
            "kept_at": self.kept_at.isoformat(timespec="seconds"),
            "restores_to": str(self.original),
            "kept_in": str(self.path),
            "blocked": self.original.exists(),
        }


def delete(home: Home, path: Path) -> Path:
    """Move the entry at ``path`` into ``.history/``; returns where it is kept."""
    with history.locked(home):
        if path.is_symlink() or not path.is_file():
            raise KapdiaryError(said.gone_meanwhile(path))
        try:
            return history.move_in(home, path, history.DELETED)
        except FileNotFoundError:
            raise KapdiaryError(said.gone_meanwhile(path)) from None
        except OSError as exc:
            raise KapdiaryError(said.cannot_delete(path, exc.strerror or str(exc))) from exc


def listing(home: Home) -> list[Kept]:
    """Every deleted entry and discarded draft still kept, newest first."""
    found = [
        *_kept(home, history.root(home) / "entries", history.DELETED, ENTRY),
        *_kept(home, history.root(home) / "drafts", history.DISCARDED, DRAFT),
    ]
    found.sort(key=lambda k: (k.kept_at, k.name), reverse=True)
    names = [k.name for k in found]
    return [
        _with_key(k, k.name if names.count(k.name) == 1 else f"{k.name}@{_moment(k)}")
        for k in found
    ]


def _with_key(kept: Kept, key: str) -> Kept:
    from dataclasses import replace

    return replace(kept, key=key)


def _moment(kept: Kept) -> str:
    return kept.path.name.split(f"-{history.DELETED}")[0].split(f"-{history.DISCARDED}")[0]


def _kept(home: Home, top: Path, kind: str, what: str) -> list[Kept]:
    if not top.is_dir() or top.is_symlink():
        return []
    found: list[Kept] = []
    for folder, subfolders, _files in os.walk(top):  # os.walk never follows links
        subfolders.sort()
        for version in history.versions(Path(folder)):
            if version.kind == kind:
                found.append(_describe(home, version, what))
    return found


def _describe(home: Home, version: history.Version, what: str) -> Kept:
    from kapdiary import entry as entry_format
    from kapdiary.vault import is_age, read_text, sealed

    folder = version.path.parent
    relative = folder.relative_to(history.root(home))
    original = home.path / relative.parent / f"{folder.name}.md"
    if is_age(version.path):
        original = sealed(original)  # an encrypted diary's: it goes back as it is kept
    day, template, words = None, None, 0
    with contextlib.suppress(OSError, KapdiaryError, ValueError):
        parsed = entry_format.parse(read_text(version.path), version.path)
        day, template, words = parsed.date, parsed.template, words_in(parsed.body)
    if day is None:
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(folder.name[:10])
    return Kept(what, folder.name, original, version.path, version.kept_at, day, template, words)


def words_in(body: str) -> int:
    """The words written under the prompts (the title is the template's, not the user's)."""
    from kapdiary.entry import split_sections

    sections = split_sections(body)
    if not sections:
        return len(body.split())
    return sum(len(s.text.split()) for s in sections)


def find(home: Home, key: str, today: date) -> Kept:
    """The kept item ``key`` names: its key or name as listed, its kept file, or its day."""
    items = listing(home)
    wanted = key.strip()
    named = [k for k in items if wanted in (k.key, k.name, str(k.path))]
    if not named and ("/" in wanted or os.sep in wanted):
        real = Path(wanted).expanduser().resolve()
        named = [k for k in items if k.path.resolve() == real]
    if named:
        return named[0]  # newest first: a name deleted twice means the latest
    from kapdiary.dates import parse_day

    try:
        day = parse_day(wanted, today, "ITEM")
    except UsageError:
        raise UsageError(said.no_such(key)) from None
    that_day = [k for k in items if k.day == day]
    if len(that_day) == 1:
        return that_day[0]
    if not that_day:
        raise UsageError(said.nothing_that_day(day))
    raise UsageError(said.several_that_day(day, [k.key for k in that_day]))


def restore(home: Home, kept: Kept) -> Path:
    """Put ``kept`` back where it was; never over a file that is there now."""
    from kapdiary.storage import ensure_private_dir

    with history.locked(home):
        if kept.original.exists() or kept.original.is_symlink():
            raise KapdiaryError(said.taken(kept))
        ensure_private_dir(kept.original.parent)
        try:
            os.link(kept.path, kept.original)  # fails, never overwrites, if one appeared
        except FileExistsError:
            raise KapdiaryError(said.taken(kept)) from None
        except FileNotFoundError:
            raise KapdiaryError(said.kept_gone(kept)) from None
        except OSError:  # a store on another disk, or links not allowed: copy
            _copy_back(kept)
        with contextlib.suppress(FileNotFoundError):
            kept.path.unlink()
        with contextlib.suppress(OSError):
            kept.path.parent.rmdir()  # only if nothing else is kept for it
    return kept.original


def _copy_back(kept: Kept) -> None:
    from kapdiary.storage import create_new

    try:
        data = kept.path.read_bytes()
    except FileNotFoundError:
        raise KapdiaryError(said.kept_gone(kept)) from None
    create_new(iter([kept.original]), data)


def check_unrated(home: Home, intention_id: str) -> None:
    """Refuse (naming why) unless no entry and no draft rates ``intention_id`` or notes on
    it; an entry whose front matter does not read might, so it refuses too."""
    from kapdiary import drafts
    from kapdiary.index import rated
    from kapdiary.writing import NOTES_KEY

    rating, unreadable = [], []
    for item in rated(home, on_fallback=lambda problem: None):
        if item.problem and not item.meta:
            unreadable.append(item.path)
        elif _mentions(item.meta, intention_id, NOTES_KEY):
            rating.append(item.path)
    if rating:
        raise KapdiaryError(
            said.intention_rated(intention_id, len(rating), _short(home, rating[0]))
        )
    if unreadable:
        first = _short(home, unreadable[0])
        raise KapdiaryError(said.intention_unreadable(intention_id, len(unreadable), first))
    for listed in drafts.listing(home):
        if _mentions(listed.draft.entry.meta, intention_id, NOTES_KEY):
            raise KapdiaryError(said.intention_in_draft(intention_id, listed.draft.name))


def _mentions(meta: dict[str, Any], intention_id: str, notes_key: str) -> bool:
    return any(
        isinstance(meta.get(key), dict) and intention_id in meta[key]
        for key in ("intentions", notes_key)
    )


def _short(home: Home, path: str | Path) -> str:
    try:
        return str(Path(path).relative_to(home.path))
    except ValueError:
        return str(path)
