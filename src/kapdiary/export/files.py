"""The export's file: its default name, where the next export starts, writing it safely."""

from __future__ import annotations

import os
import stat
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary.errors import KapdiaryError
from kapdiary.messages import export as said

if TYPE_CHECKING:
    from kapdiary.export import Document, Format
    from kapdiary.locations import Home

DEFAULT_DAYS = 28
STATE_FILE = "export.toml"  # in the home: the period of the last export


def default_name(period_since: date, period_until: date, fmt: Format) -> str:
    """``kapdiary-2026-10-01-to-2026-10-28.md``, named after the period."""
    if period_since == period_until:
        return f"kapdiary-{period_since.isoformat()}{fmt.suffix}"
    return f"kapdiary-{period_since.isoformat()}-to-{period_until.isoformat()}{fmt.suffix}"


class LastExport:
    """The period of the previous export, and the diary day it was made."""

    __slots__ = ("made", "since", "until")

    def __init__(self, since: date, until: date, made: date) -> None:
        self.since = since
        self.until = until  # the last day it covered (never later than the day it was made)
        self.made = made  # the diary day it was made


def last_export(home: Home) -> LastExport | None:
    """The previous export, as remembered in the home (``export.toml``)."""
    import tomllib  # only here, when an export starts where the last one ended

    from kapdiary import vault

    path = vault.find(home.path / STATE_FILE)
    try:
        data = tomllib.loads(vault.read_text(path))
    except FileNotFoundError:
        return None
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KapdiaryError(said.cannot_read_last_export(path, exc)) from exc
    days = [data.get(key) for key in ("last_since", "last_until", "last_made_on")]
    found = [d for d in days if isinstance(d, date) and not isinstance(d, datetime)]
    if len(found) != len(days):
        return None
    return LastExport(*found)


def default_since(home: Home, until: date, today: date) -> tuple[date, str]:
    """Where an export starts when no --since is given, and the words that say why.

    Since the previous export, that export's last day included (an entry written later
    that evening is not missed). A second export on the same day repeats the same period
    (another format, or a field left out). The first time: the last 28 days.
    """
    last = last_export(home)
    if last is not None and last.made >= today and last.since <= until:
        return last.since, said.same_period_as_earlier_today()
    if last is not None and last.until <= until:
        return last.until, said.since_your_last_export(long_day(last.until))
    first = said.your_first_export() if last is None else said.the_last_days(DEFAULT_DAYS)
    return until - timedelta(days=DEFAULT_DAYS - 1), first


def remember(home: Home, document: Document, path: Path, today: date) -> None:
    """Note the export in the home, so the next one starts where this one ended."""
    import tomli_w

    from kapdiary import vault

    period = document.period
    data = {
        "last_since": period.since,
        "last_until": min(period.until, today),
        "last_made_on": today,
        "last_format": path.suffix.lstrip("."),
    }
    header = "# Written by `kapdiary export`: where the next export starts by default.\n"
    vault.save(vault.name(home.path / STATE_FILE), header + tomli_w.dumps(data))


def long_day(day: date) -> str:
    """``20 November 2026``, in kapdiary's own month names (never the locale's)."""
    from kapdiary.render.format import month_name

    return f"{day.day} {month_name(day)} {day.year}"


def check_destination(path: Path, *, force: bool) -> None:
    """Fail before asking anything when the file cannot be written there.

    Only a regular file is ever written: a new one, or (with ``force``) one replaced. A
    device, a FIFO, a socket or a link is refused, with or without ``force``.
    """
    folder = path.parent
    if not folder.is_dir():
        what = said.not_a_folder() if folder.exists() else said.does_not_exist()
        raise KapdiaryError(said.choose_another_place(folder, what))
    mode = _kind_checked(path)
    if mode is not None and not force:
        raise KapdiaryError(said.already_exists(path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise KapdiaryError(said.cannot_write_in_folder(folder))


def _kind_checked(path: Path) -> int | None:
    """The file's mode, or None when there is none; a folder, a device, a FIFO, a socket
    or a link is refused."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None  # nothing there: the folder is checked before writing
    except OSError as exc:
        raise KapdiaryError(said.cannot_look_at(path, exc.strerror)) from exc
    if stat.S_ISDIR(mode):
        raise KapdiaryError(said.is_a_folder(path))
    if not stat.S_ISREG(mode):
        raise KapdiaryError(said.not_a_plain_file(path, said.kind_of_file(stat.S_IFMT(mode))))
    return mode


def format_for(path: Path, asked: Format | None) -> Format:
    """The format of an ``-o`` file: its ending decides, and must agree with ``--format``."""
    from kapdiary.errors import UsageError
    from kapdiary.export import format_for_path, formats

    _kind_checked(path)
    endings = ", ".join(f.suffix for f in formats())
    by_name = format_for_path(path)
    if not path.suffix:
        fix = f"{path.name}{asked.suffix}" if asked else f"{path.name}.md"
        raise UsageError(said.name_has_no_ending(path.name, fix, endings))
    if by_name is None:
        raise UsageError(said.not_an_export_ending(path.name, path.suffix, endings))
    if asked is not None and asked is not by_name:
        raise UsageError(said.format_and_name_differ(asked.name, path.name, asked.suffix))
    return by_name


def write(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write the file 0600 and atomically: the whole file appears, or nothing does.

    Without ``force`` an existing file is never replaced, even one that appeared since
    ``check_destination``: the finished file is linked into place, which fails if the
    name is taken.
    """
    from kapdiary import storage

    folder = path.parent
    check_destination(path, force=force)
    try:
        with storage._temp_file(folder) as (fd, tmp):
            data = content.encode("utf-8") if isinstance(content, str) else content
            storage._write_all(fd, data)
            if force:
                os.replace(tmp, path)
            elif not storage._link_new(tmp, path):
                raise KapdiaryError(said.already_exists(path))
    except OSError as exc:
        raise storage._os_error(exc, said.could_not_write(path)) from exc
    storage._fsync_dir(folder)
