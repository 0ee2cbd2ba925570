"""The course: dosing sessions, their numbers, and where a diary day stands after them.

A session is an entry written with the template ``session``. Its number in the course is
the ``session`` key of its front matter, written by ``kapdiary write``:

- a new session entry gets one more than the highest number among the session entries
  dated on or before its day (1 for the first);
- a number the user gave (``--set session=5``, the editor, or by hand in the file) is
  kept as it is and counts from then on, so the next one is 6;
- numbers are never rewritten: deleting a session entry, or adding one for an earlier
  day, leaves the numbers in the other files as they are;
- an entry with no usable number (written by hand or by another app) is counted as one
  more than the session before it, and shown as counted.

Everything here reads the index (``kapdiary.index``), which catches up with the files
first; if the index cannot be used, the entry files are read directly, so writing never
depends on the cache.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kapdiary.errors import KapdiaryError, UsageError
from kapdiary.locations import Home
from kapdiary.messages import progress as said

if TYPE_CHECKING:
    from collections.abc import Callable

    from kapdiary.index import Unusable

    Fallback = Callable[[Unusable], None]

TEMPLATE = "session"
KEY = "session"


class EntryLike(Protocol):
    """What numbering needs from an entry: an index ``Record`` has all of it."""

    @property
    def path(self) -> Path: ...
    @property
    def date(self) -> date: ...
    @property
    def time(self) -> str | None: ...
    @property
    def template(self) -> str | None: ...
    @property
    def meta(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Session:
    """One session entry of the course, as the user sees it in `kapdiary sessions`."""

    number: int
    numbered: bool  # True: the number is written in the entry; False: counted
    date: date
    time: str | None
    path: Path
    route: str | None
    dose_mg: float | None
    duration_min: float | None
    side_effects: tuple[str, ...]


@dataclass(frozen=True)
class Position:
    """Where a diary day stands in the course: after session ``number``, ``days`` later."""

    number: int
    date: date
    days: int

    @property
    def words(self) -> str:
        """``Day 4 after session 3``; on the session's own day, ``The day of session 3``."""
        if self.days == 0:
            return said.session_day(self.number)
        return said.days_after_session(self.days, self.number)


@dataclass(frozen=True)
class Listed:
    """A session with what happened since: for `kapdiary sessions`."""

    session: Session
    days_since: int
    entries_since: int  # entries after it in the diary, whatever their template


def parse_number(raw: str) -> int:
    """A session number typed by the user: a whole number from 1."""
    text = raw.strip()
    if not text.isdigit() or int(text) < 1:
        raise UsageError(said.session_not_a_number(raw))
    return int(text)


def written_number(value: Any) -> int | None:
    """The number in an entry's front matter, if it is a usable one (3, or '3')."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 1 else None
    if isinstance(value, float) and value.is_integer() and value >= 1:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and int(value) >= 1:
        return int(value)
    return None


def numbered(entries: Iterable[EntryLike]) -> list[Session]:
    """The session entries among ``entries`` (in diary order), each with its number."""
    found: list[Session] = []
    highest = 0
    for item in entries:
        if item.template != TEMPLATE:
            continue
        meta = item.meta
        written = written_number(meta.get(KEY))
        number = written if written is not None else highest + 1
        highest = max(highest, number)
        found.append(
            Session(
                number=number,
                numbered=written is not None,
                date=item.date,
                time=item.time,
                path=item.path,
                route=_text(meta.get("route")),
                dose_mg=_number(meta.get("dose_mg")),
                duration_min=_number(meta.get("duration_min")),
                side_effects=_texts(meta.get("side_effects")),
            )
        )
    return found


def next_number(sessions: Sequence[Session], day: date) -> int:
    """The number a new session entry on ``day`` gets (see the module's rule)."""
    return max((s.number for s in sessions if s.date <= day), default=0) + 1


def position(sessions: Sequence[Session], day: date) -> Position | None:
    """The latest session on or before ``day``; None before the first one."""
    earlier = [s for s in sessions if s.date <= day]
    if not earlier:
        return None
    latest = earlier[-1]
    return Position(latest.number, latest.date, (day - latest.date).days)


def later_with_lower_numbers(sessions: Sequence[Session], day: date, number: int) -> list[Session]:
    """Sessions after ``day`` whose number is not above ``number``: after a session is
    written for an earlier day, these are the ones the user may want to renumber."""
    return [s for s in sessions if s.date > day and s.number <= number]


def listing(entries: Sequence[EntryLike], today: date) -> list[Listed]:
    """Every session of the course, with the days and the entries since each one."""
    place = {item.path: index for index, item in enumerate(entries)}
    later = len(entries) - 1
    return [
        Listed(session, (today - session.date).days, later - place[session.path])
        for session in numbered(entries)
    ]


# --- reading the diary ---------------------------------------------------------------------


def course(
    home: Home, *, until: date | None = None, on_fallback: Fallback | None = None
) -> list[Session]:
    """The session entries up to ``until`` (every one when None), oldest first, numbered.

    ``on_fallback``: see ``kapdiary.index.open_index``."""
    return numbered(_entries(home, until=until, sessions_only=True, on_fallback=on_fallback))


def listed(home: Home, today: date, *, on_fallback: Fallback | None = None) -> list[Listed]:
    """`kapdiary sessions`: every session with the days and entries since."""
    return listing(_entries(home, until=None, sessions_only=False, on_fallback=on_fallback), today)


def _entries(
    home: Home, *, until: date | None, sessions_only: bool, on_fallback: Fallback | None
) -> list[EntryLike]:
    """The entries the course is counted from; one dated outside 1900–2100 by hand (which
    `doctor` names) counts for nothing, as in progress."""
    from kapdiary import index
    from kapdiary.dates import in_range

    templates = (TEMPLATE,) if sessions_only else ()
    found: list[EntryLike]
    try:
        found = list(index.records(home, until=until, templates=templates, on_fallback=on_fallback))
    except KapdiaryError:
        # The index is only a cache: a session number must not depend on it.
        found = list(_from_files(home, until=until, sessions_only=sessions_only))
    return [entry for entry in found if in_range(entry.date)]


@dataclass(frozen=True)
class _FileEntry:
    path: Path
    date: date
    time: str | None
    template: str | None
    meta: dict[str, Any]


def _from_files(home: Home, *, until: date | None, sessions_only: bool) -> list[EntryLike]:
    """The entries read straight from their files (slower; used when the index fails)."""
    from kapdiary import vault
    from kapdiary.entry import parse
    from kapdiary.errors import KapdiaryError

    found: list[_FileEntry] = []
    listed = sorted(home.entries.rglob("*.md*")) if home.entries.is_dir() else []
    for path in listed:
        if path.name.startswith(".") or vault.plain(path).suffix != ".md":
            continue
        if vault.is_age(path) and vault.plain(path).exists():
            continue  # an entry between its two forms (encrypt or decrypt stopped): once
        try:
            parsed = parse(vault.read_bytes(path).decode("utf-8", errors="replace"), path)
        except (OSError, KapdiaryError):
            continue  # the index names a file it cannot read; this is its fallback
        day = parsed.date
        if day is None or (until is not None and day > until):
            continue
        if sessions_only and parsed.template != TEMPLATE:
            continue
        raw_time = parsed.meta.get("time")
        shown_time = str(raw_time) if raw_time is not None else None
        found.append(_FileEntry(path, day, shown_time, parsed.template, parsed.meta))
    found.sort(key=lambda e: (e.date, e.time or "", str(e.path)[:-3]))
    return list(found)


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v) for v in value if v not in (None, ""))
    text = _text(value)
    return (text,) if text else ()


def _number(value: Any) -> float | None:
    from kapdiary.query import as_number

    return as_number(value)
