"""Importing another journal: jrnl, Day One, Daylio, a folder of Markdown notes.

One module per format turns the source into ``model.Parsed`` (entries and problems, never
an exception for bad content); this module finds the format (``detect``), reads the file
(``read``), works out what is new (``plan``: the diary-day rule, the years kapdiary keeps,
the source ids already in the diary) and writes each new entry as a normal entry
(``write``: ``template: imported``, ``source``, ``source_id``), through the same
``writing.entry_paths`` and ``storage.create_new`` as ``kapdiary write``. Nothing prints.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kapdiary.errors import KapdiaryError, UsageError
from kapdiary.importers.model import FORMATS, WHOLE_FILE, Imported, Parsed, Problem
from kapdiary.messages import importing as words

if TYPE_CHECKING:
    from kapdiary.index import Unusable
    from kapdiary.locations import Home

TEMPLATE = "imported"
NAMES = {"jrnl": "jrnl", "dayone": "Day One", "daylio": "Daylio", "markdown": "Markdown"}
MAX_FILE = 512 * 1024 * 1024  # larger than any journal a person has written
Fallback = Callable[["Unusable"], None] | None


@dataclass(frozen=True)
class Source:
    fmt: str
    path: Path

    @property
    def label(self) -> str:
        return f"{NAMES[self.fmt]} ({self.path.name})"


@dataclass(frozen=True)
class Planned:
    item: Imported
    day: date


@dataclass
class Plan:
    """What an import would do: the new entries, what is there already, what is skipped."""

    source: Source
    found: int
    new: list[Planned] = field(default_factory=list)
    already: int = 0
    deleted: int = 0  # imported before, deleted since and kept in .history/: not brought back
    repeated: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def first(self) -> date | None:
        return min((p.day for p in self.new), default=None)

    @property
    def last(self) -> date | None:
        return max((p.day for p in self.new), default=None)

    @property
    def skipped(self) -> int:
        return sum(p.skipped for p in self.problems) + len(self.repeated)


@dataclass
class Written:
    paths: list[Path]
    meanwhile: int  # imported by another process between the preview and the writing


def detect(path: Path, forced: str | None) -> Source:
    """The source's format: ``forced`` (``--from``), else from what the path holds."""
    if forced is not None:
        fmt = forced.strip().lower().replace(" ", "").replace("-", "")
        if fmt not in FORMATS:
            raise UsageError(words.unknown_format(forced))
        return Source(fmt, path)
    if path.is_dir():
        return Source("markdown", path)
    if not path.is_file():
        raise KapdiaryError(words.no_such_source(path))
    if path.suffix.lower() == ".zip":
        return Source("dayone", path)
    head = _head(path)
    if head.lstrip().startswith("{"):
        return Source("dayone" if '"creationDate"' in head else "jrnl", path)
    if head.startswith("["):
        return Source("jrnl", path)
    first = head.splitlines()[0].lower() if head else ""
    if "mood" in first and "," in first:
        return Source("daylio", path)
    raise UsageError(words.cannot_tell(path))


def _head(path: Path) -> str:
    try:
        with path.open("rb") as f:
            return f.read(64 * 1024).decode("utf-8-sig", errors="replace").lstrip("\ufeff")
    except OSError as exc:
        raise KapdiaryError(words.cannot_read(path, exc.strerror or str(exc))) from exc


def read(source: Source, moods: dict[str, int] | None = None, diary: Path | None = None) -> Parsed:
    """The source's entries and problems; KapdiaryError only when nothing can be read.
    ``diary`` is the home: a folder inside it is refused, and it is left out of a folder
    that holds it (its entries are in the diary already)."""
    from kapdiary.importers import daylio, dayone, jrnl, markdown

    path = source.path
    if source.fmt == "markdown":
        if not path.is_dir():
            raise UsageError(words.not_a_folder(path))
        if diary is not None and path.resolve().is_relative_to(diary.resolve()):
            raise UsageError(words.inside_the_diary(path))
        return markdown.parse_folder(path, diary.resolve() if diary else None)
    if path.is_dir():
        raise UsageError(words.a_folder(path, NAMES[source.fmt]))
    if source.fmt == "dayone" and _is_zip(path):
        return _dayone_zip(path)
    text = _text(path)
    if source.fmt == "jrnl":
        whole = jrnl.parse_json(text) if text.lstrip().startswith("{") else jrnl.parse_text(text)
    elif source.fmt == "dayone":
        whole = dayone.parse(text)
    else:
        whole = daylio.parse(text, moods)
    return _readable(whole, source)


def _readable(parsed: Parsed, source: Source) -> Parsed:
    """A file of which nothing could be read is an error, in one line."""
    for problem in parsed.problems:
        if problem.where == WHOLE_FILE and not parsed.entries:
            raise KapdiaryError(words.unreadable(source.path, NAMES[source.fmt], problem.problem))
    return parsed


def _is_zip(path: Path) -> bool:
    import zipfile

    return zipfile.is_zipfile(path)


def _text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE:
            raise KapdiaryError(words.too_large(path, MAX_FILE))
        data = path.read_bytes()
    except OSError as exc:
        raise KapdiaryError(words.cannot_read(path, exc.strerror or str(exc))) from exc
    return decode(data, str(path))


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise KapdiaryError(words.not_utf8(name, exc.start)) from None


def _dayone_zip(path: Path) -> Parsed:
    """Every journal's JSON at the top of a Day One export's .zip (``Journal.json``)."""
    import zipfile

    from kapdiary.importers import dayone

    parsed = Parsed()
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                m
                for m in archive.infolist()
                if "/" not in m.filename and m.filename.endswith(".json")
            ]
            if not members:
                raise KapdiaryError(words.no_journal_json(path))
            for member in members:
                if member.file_size > MAX_FILE:
                    raise KapdiaryError(words.too_large(Path(member.filename), MAX_FILE))
                text = decode(archive.read(member), f"{path.name}:{member.filename}")
                found = _readable(dayone.parse(text), Source("dayone", path))
                parsed.entries += found.entries
                parsed.problems += found.problems
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise KapdiaryError(words.bad_zip(path, str(exc))) from exc
    return parsed


def plan(
    home: Home, source: Source, parsed: Parsed, day_start_minutes: int, on_fallback: Fallback
) -> Plan:
    """What importing ``parsed`` would write, and what it leaves and why."""
    from kapdiary.dates import diary_day, in_range

    skipped = sum(p.skipped and p.where != WHOLE_FILE for p in parsed.problems)
    result = Plan(source, len(parsed.entries) + skipped)
    result.problems = list(parsed.problems)
    existing = imported_ids(home, on_fallback)
    kept = deleted_ids(home)
    seen: dict[str, str] = {}
    for item in parsed.entries:
        day = diary_day(item.when, day_start_minutes) if item.when else item.day
        if day is None or not in_range(day):
            result.problems.append(Problem(item.where, words.out_of_years(day)))
        elif item.source_id in existing:
            result.already += 1
        elif item.source_id in kept:
            result.deleted += 1
        elif item.source_id in seen:
            result.repeated.append(Problem(item.where, words.repeated(seen[item.source_id])))
        elif not _encodable(item):
            result.problems.append(Problem(item.where, words.NOT_UTF8_TEXT))
        else:
            seen[item.source_id] = item.where
            result.new.append(Planned(item, day))
    return result


def _encodable(item: Imported) -> bool:
    """Whether the entry's words can be saved as UTF-8 (JSON may hold lone surrogates)."""
    import json

    words = [item.body, item.title or "", *item.tags, json.dumps(item.fields, ensure_ascii=False)]
    try:
        "".join(words).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def entry_text(item: Imported, day: date, source: Source) -> str:
    """The entry file: docs/design.md §4's front matter, then the words as they were."""
    from kapdiary.entry import ordered_meta, render

    meta: dict[str, Any] = {"date": day}
    if item.when is not None:
        meta["time"] = item.when.strftime("%H:%M")
    meta["template"] = TEMPLATE
    if item.title:
        meta["title"] = item.title
    if item.mood is not None:
        meta["mood"] = item.mood
    if item.tags:
        meta["tags"] = list(item.tags)
    if item.private:
        meta["private"] = True
    meta["source"] = f"{NAMES[source.fmt]}: {source.path.name}, {item.where}"
    meta["source_id"] = item.source_id
    if item.fields:
        meta["imported_fields"] = item.fields
    return render(ordered_meta(meta), item.body)


def imported_ids(home: Home, on_fallback: Fallback) -> set[str]:
    """The ``source_id`` of every entry imported before (from the index)."""
    from kapdiary.index import records

    if not home.entries.is_dir():
        return set()
    found = records(home, templates=[TEMPLATE], on_fallback=on_fallback)
    return {str(r.meta["source_id"]) for r in found if r.meta.get("source_id") is not None}


def deleted_ids(home: Home) -> set[str]:
    """The ``source_id`` of every imported entry deleted since: it is kept in ``.history/``
    (kapdiary.deleting) and `kapdiary restore` brings it back, so it counts as imported."""
    from kapdiary import deleting
    from kapdiary.entry import parse
    from kapdiary.vault import read_text

    found: set[str] = set()
    for kept in deleting.listing(home):
        if kept.kind != deleting.ENTRY or kept.template != TEMPLATE:
            continue
        with contextlib.suppress(OSError, KapdiaryError):
            source_id = parse(read_text(kept.path), kept.path).meta.get("source_id")
            if source_id is not None:
                found.add(str(source_id))
    return found


def write(home: Home, plan: Plan, on_fallback: Fallback) -> Written:
    """Write the plan's new entries; one import at a time per home, checked again under
    the lock, so two imports at once never write an entry twice."""
    from kapdiary import writing
    from kapdiary.vault import create_new

    paths: list[Path] = []
    with _one_import_at_a_time(home):
        existing = imported_ids(home, on_fallback) | deleted_ids(home)
        todo = [p for p in plan.new if p.item.source_id not in existing]
        for planned in todo:
            candidates = writing.entry_paths(home, planned.day, TEMPLATE)
            text = entry_text(planned.item, planned.day, plan.source)
            try:
                paths.append(create_new(candidates, text))
            except KapdiaryError as exc:
                raise KapdiaryError(words.stopped(exc.message, len(paths))) from exc
    return Written(paths, len(plan.new) - len(todo))


@contextlib.contextmanager
def _one_import_at_a_time(home: Home) -> Iterator[None]:
    """An exclusive lock beside the index (in the cache, never in the home). If the cache
    cannot hold it, the import goes on unlocked: the cache is never a gate."""
    import fcntl
    import os

    from kapdiary.storage import FILE_MODE, ensure_private_dir

    fd = None
    with contextlib.suppress(OSError, KapdiaryError):
        lock = home.index_file.with_suffix(".import-lock")
        ensure_private_dir(lock.parent)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, FILE_MODE)
        fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)
