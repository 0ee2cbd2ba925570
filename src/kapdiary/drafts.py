"""Words saved while writing, so an interruption never loses them.

While a guided entry is written its draft is saved after every answer and every line, and
held with a lock so a second terminal does not offer to resume it. A draft is an entry file
in ``drafts/`` (same format), so it can also be opened and rescued by hand.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary import entry as entry_format
from kapdiary.entry import Entry
from kapdiary.errors import KapdiaryError
from kapdiary.messages import drafts as said
from kapdiary.storage import FILE_MODE, ensure_private_dir
from kapdiary.vault import name as stored_name
from kapdiary.vault import plain, read_bytes, read_text
from kapdiary.vault import save as save_file

if TYPE_CHECKING:
    from kapdiary.locations import Home

try:  # POSIX; without it drafts are never treated as in use.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


# `new_path`'s names: the diary day, the template, six hex digits.
_NAMED = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)-[0-9a-f]{6}\.md(?:\.age)?$")


@dataclass
class Draft:
    path: Path
    entry: Entry  # a parse problem is kept on the entry; the raw text is still there

    @property
    def template(self) -> str | None:
        """The front matter's template, or (front matter broken) the one in the name."""
        if self.entry.template:
            return self.entry.template
        named = _NAMED.match(self.path.name)
        return named[2] if named else None

    @property
    def day(self) -> date | None:
        """The front matter's date, or (front matter broken) the one in the name."""
        if self.entry.date:
            return self.entry.date
        return day_in_name(self.path.name)

    @property
    def name(self) -> str:
        """What `kapdiary drafts` calls it: the file name without ``.md``."""
        return plain(self.path).name[: -len(".md")]

    @property
    def answers(self) -> int:
        """Fields answered: each rating of an intention, an area or a question counts."""
        from kapdiary.fields import SCORE_KEY, SEVERITY_KEY
        from kapdiary.writing import NOTES_KEY, SESSION_KEY

        worked_out = {"date", "time", "template", "private", SESSION_KEY, NOTES_KEY}
        count = 0
        for key, value in self.entry.meta.items():
            if key in worked_out or key in (SCORE_KEY, SEVERITY_KEY):
                continue
            if isinstance(value, dict):
                count += sum(1 for v in value.values() if _given(v))
            elif _given(value):
                count += 1
        return count

    @property
    def words(self) -> int:
        """Words written: the sections and the notes on intentions (a broken draft: all)."""
        from kapdiary.writing import NOTES_KEY

        if self.entry.problem and not self.entry.meta:
            return len(self.entry.body.split())
        words = sum(len(s.text.split()) for s in self.entry.sections())
        notes = self.entry.meta.get(NOTES_KEY)
        if isinstance(notes, dict):
            words += sum(len(str(v).split()) for v in notes.values() if v)
        return words

    @property
    def size(self) -> str:
        """``3 answers, 12 words`` (what the draft holds, said plainly)."""
        return f"{_count(self.answers, 'answer')}, {_count(self.words, 'word')}"

    @property
    def raw(self) -> str:
        return read_text(self.path)


def new_path(home: Home, day: date, template: str) -> Path:
    return stored_name(home.drafts / f"{day.isoformat()}-{template}-{os.urandom(3).hex()}.md")


def save(path: Path, text: str) -> None:
    save_file(path, text)


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


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _given(value: object) -> bool:
    return value not in (None, "", [], {})


@dataclass
class Listed:
    draft: Draft
    saved_at: float  # the file's modification time
    in_use: bool  # a `kapdiary write` is writing it right now


def listing(home: Home) -> list[Listed]:
    """Every draft, newest first, with whether a process is writing it now."""
    if not home.drafts.is_dir():
        return []
    found: list[Listed] = []
    for path in (*home.drafts.glob("*.md"), *home.drafts.glob("*.md.age")):
        if path.is_symlink() or not path.is_file():
            continue  # only the diary's own files; `doctor` names a link
        try:
            draft = Draft(path, entry_format.parse(read_text(path), path))
            mtime = path.stat().st_mtime
        except (OSError, KapdiaryError):
            continue  # an unreadable draft must not stop writing; `doctor` will name it
        found.append(Listed(draft, mtime, _in_use(path)))
    return sorted(found, key=lambda item: (item.saved_at, item.draft.name), reverse=True)


def day_in_name(name: str) -> date | None:
    """The diary day a draft's file name gives (`new_path` names it), read without opening."""
    named = _NAMED.match(name)
    if named:
        with contextlib.suppress(ValueError):
            return date.fromisoformat(named[1])
    return None


def pending(home: Home, template: str | None = None) -> list[Draft]:
    """Drafts not being written right now, newest first; ``template`` narrows them."""
    return [
        item.draft
        for item in listing(home)
        if not item.in_use and (template is None or item.draft.template in (None, template))
    ]


def belongs_to(draft: Draft, day: date, template: str) -> bool:
    """A draft is offered only to a new entry for its own diary day and template."""
    return draft.day == day and draft.template == template


def find(home: Home, key: str, today: date) -> Draft:
    """The draft ``key`` names: its name (as `kapdiary drafts` lists it), its file, or its day."""
    from kapdiary.errors import UsageError

    drafts = [item.draft for item in listing(home)]
    wanted = key.strip()
    by_name = [d for d in drafts if wanted in (d.name, d.path.name)]
    if not by_name and ("/" in wanted or os.sep in wanted):
        given = Path(wanted).expanduser()
        real = given.resolve() if given.exists() and not given.is_symlink() else None
        by_name = [d for d in drafts if real is not None and d.path.resolve() == real]
        if not by_name:
            raise UsageError(said.not_a_draft_of_this_diary(key))
    if by_name:
        return by_name[0]
    from kapdiary.dates import parse_day

    try:
        day = parse_day(wanted, today)
    except UsageError:
        raise UsageError(said.no_such_draft(key)) from None
    that_day = [d for d in drafts if d.day == day]
    if len(that_day) == 1:
        return that_day[0]
    if not that_day:
        raise UsageError(said.no_draft_that_day(day.isoformat()))
    names = " or ".join(d.name for d in that_day)
    raise UsageError(said.several_drafts_that_day(len(that_day), day.isoformat(), names))


def in_use(path: Path) -> bool:
    return _in_use(path)


def let_go(home: Home, path: Path, *, resumed: bool) -> None:
    """A draft that became no entry: a resumed one (the user's earlier words) is kept."""
    if resumed and path.is_file():
        with contextlib.suppress(KapdiaryError):  # cannot be kept: it stays where it is
            put_away(home, Draft(path, entry_format.parse(read_text(path), path)))
        return
    discard(path)


def put_away(home: Home, draft: Draft) -> Path:
    """Discard a draft into the keep-for-a-while store (``.history/drafts/NAME/``)."""
    from kapdiary import history

    try:
        data = read_bytes(draft.path)
    except OSError as exc:
        raise KapdiaryError(said.cannot_read(draft.path, exc.strerror)) from exc
    kept = history.keep(home, draft.path, data, history.DISCARDED)
    discard(draft.path)
    return kept


def discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    with contextlib.suppress(FileNotFoundError):
        _lock_path(path).unlink()
