"""From a file to the index's rows: the ``entries`` columns, the ``texts`` searched and the
``facts`` progress reads (``kapdiary.progress.facts`` decides which)."""

from __future__ import annotations

import gc
import json
import os
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from stat import S_ISLNK
from typing import TYPE_CHECKING, Any

from kapdiary.conflicts import original_name
from kapdiary.digest import blake2b
from kapdiary.errors import KapdiaryError
from kapdiary.index.model import Record, Stat
from kapdiary.index.snippets import excerpt
from kapdiary.index.stored import ENCODE, strings_json
from kapdiary.index.stored import jsonable as jsonable  # where the index package takes it from
from kapdiary.index.texts import join_body, split_body
from kapdiary.messages import index as said
from kapdiary.query import as_number, keys

if TYPE_CHECKING:
    from kapdiary.entry import Entry

Job = tuple[str, list[tuple[str, Stat]], int]  # the folder, its files, the first one's id
# The rows of a batch for the files, entries, texts and facts tables.
Batch = tuple[
    list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]
]
Rows = tuple[tuple[Any, ...], tuple[str, str, str], list[tuple[Any, ...]]]


def extract_batch(job: Job) -> Batch:
    """The rows of a batch of files, numbered from the job's first id (a file removed since
    the scan is left out, and the next one takes its number)."""
    folder, items, next_id = job
    files: list[tuple[Any, ...]] = []
    entries: list[tuple[Any, ...]] = []
    texts: list[tuple[Any, ...]] = []
    facts: list[tuple[Any, ...]] = []
    collecting = gc.isenabled()
    gc.disable()  # nothing here makes a cycle; the collector would walk every row made
    try:
        for path, stat in items:
            checked = time.time_ns()  # before reading: a later write shows as a newer mtime
            where = f"{folder}/{path}"
            raw = plain_bytes(where, stat[0]) if plain_name(path) else None
            if raw is None:  # a link, an age file, a conflict copy, gone or unreadable
                found = _extract_careful(Path(where), stat[1])
                if found is None:
                    continue  # removed since the scan; the next command will see it is gone
                digest, (row, text, said) = found
            else:
                digest, (row, text, said) = content_hash(raw), _extract(raw, where, stat[1])
            files.append((path, next_id, *stat, checked, digest))
            entries.append((next_id, path, path.removesuffix(".age")[:-3], *row))
            texts.append((next_id, *text))
            facts += [(next_id, *fact) for fact in said]
            next_id += 1
    finally:
        if collecting:
            gc.enable()
    return files, entries, texts, facts


def plain_name(path: str) -> bool:
    """Whether the file is read the quick way: not encrypted, not a sync tool's copy."""
    return bool(_NOFOLLOW) and path[-4:] != ".age" and "conflict" not in path.lower()


# Opening with O_NOFOLLOW fails on a link, which then goes the careful way (never read
# through); where the OS has no such flag, every file does.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FIRST_READ_AT_MOST = 1 << 26


def plain_bytes(where: str, size: int) -> bytes | None:
    """A plain file's bytes in one open and (usually) one read; None when it is a link,
    gone, or cannot be read (``_extract_careful`` then says which, as it always has)."""
    try:
        fd = os.open(where, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        data = os.read(fd, min(size + 1, _FIRST_READ_AT_MOST))
        if len(data) != size:  # changed since the scan (or huge): read to the end
            parts = [data]
            while chunk := os.read(fd, _FIRST_READ_AT_MOST):
                parts.append(chunk)
            data = b"".join(parts)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data


def _extract_careful(full: Path, mtime_ns: int) -> tuple[bytes, Rows] | None:
    """A file that is not plainly readable: a link is indexed empty and named, an age file
    decrypted, a conflict copy named; None when it is gone."""
    try:
        link = S_ISLNK(os.lstat(full).st_mode)
    except FileNotFoundError:
        return None
    # A link may lead anywhere (/etc/passwd): never read through it. It is indexed
    # empty, so a warning names it, and exports leave it out.
    raw = b"" if link else read_bytes(full)
    if raw is None:
        return None
    data, note = opened(raw, full)
    return content_hash(raw), _extract(data, full, mtime_ns, note=note or _odd_file(full, link))


def prepare() -> None:
    """Import what reading every entry uses, before worker processes are forked from this
    one (each would otherwise import it again). Not PyYAML, which only front matter not in
    the house style needs: about 25 ms to import (its reader compiles a large pattern),
    on one core while the other waits; a worker that meets such an entry imports it then,
    each in parallel with the other."""
    import importlib

    for name in ("kapdiary.index.house", "kapdiary.progress", "kapdiary.vault"):
        importlib.import_module(name)


def read_bytes(path: str | Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KapdiaryError(said.cannot_read_check_permissions(path, exc.strerror)) from exc


def opened(raw: bytes, path: Path) -> tuple[bytes, str | None]:
    """An entry's text (an age file decrypted), or no text and why: a damaged age file is
    listed with a warning and named by `doctor`, never a crash and never silently left out."""
    from kapdiary import vault

    if not raw or not vault.is_age(path):
        return raw, None
    try:
        return vault.decrypt(raw, path), None
    except vault.Undecryptable as exc:
        return b"", exc.message


def content_hash(data: bytes) -> bytes:
    return bytes(blake2b(data, digest_size=16).digest())


def record_from_file(path: Path) -> Record:
    """One entry file read directly (for `show PATH` and after `edit`), body included."""
    raw = read_bytes(path)
    if raw is None:
        raise KapdiaryError(said.does_not_exist(path))
    data, note = opened(raw, path)
    try:
        mtime_ns = path.stat().st_mtime_ns
    except OSError:
        mtime_ns = time.time_ns()
    row, text, _ = _extract(data, path, mtime_ns, note=note)
    (day, time_, template, title, mood, private, tags, _, _, problem, line, excerpt, meta) = row
    return Record(
        path=path,
        date=date.fromisoformat(day),
        time=time_,
        template=template,
        title=title,
        mood=mood,
        meta=json.loads(meta),
        tags=tuple(json.loads(tags)),
        private=bool(private),
        problem=problem,
        problem_line=line,
        excerpt=excerpt,
        body=join_body(text[0], text[1]),
    )


def _odd_file(path: Path, link: bool) -> str | None:
    """What to tell about a sync tool's conflict copy or a link among the entries."""
    name = path.name
    if "conflict" in name.lower():  # every sync tool's name for such a copy says so
        original = original_name(name)
        if original != name:
            return said.sync_conflict_copy(original)
    if not link:
        return None
    try:
        target = os.readlink(path)
    except OSError:
        target = said.another_file()
    if not path.exists():
        return said.dangling_link(target)
    return said.link_not_read(target)


def _extract(
    data: bytes, path: Path | str, mtime_ns: int, *, note: str | None = None, house: bool = True
) -> Rows:
    """The ``entries`` columns (after id and path), the ``texts`` columns (the user's words,
    the template's prompts, the front matter's words) and the ``facts`` rows (after id).

    ``note`` is a problem with the file itself (a conflict copy, a link): it is told when
    the text has none, or has no text at all. An entry as kapdiary writes it is read by
    ``index.house`` (``house=False`` forbids it: tests compare the two ways).
    """
    problem: str | None = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        problem = said.not_utf8(exc.start)
    if 13 in data:  # a "\r" (a memchr: far quicker than replace() finding nothing)
        text = text.replace("\r\n", "\n")
    read = None
    if house and note is None and problem is None:
        read = _readers()[0](text, data)
    if read is None:
        read = _general(text, Path(path))
    entry, shaped, meta_json, fields = read
    meta = entry.meta
    problem = problem or entry.problem
    line = entry.problem_line if problem == entry.problem else None
    if note is not None and (problem is None or not data):
        problem, line = note, None
    day = entry.date
    if isinstance(day, datetime):
        day = day.date()
    if day is None:
        day = datetime.fromtimestamp(mtime_ns / 1e9).date()
        problem = problem or said.no_date()
    title = meta.get("title")
    tags = entry.tags
    rated = [str(k) for k, v in _dict(meta.get("intentions")).items() if v is not None and v != ""]
    private = int(entry.private)  # privacy.py decides, once
    row = (
        day.isoformat(),
        _time(meta.get("time")),
        entry.template,
        str(title) if title is not None else entry.title,
        as_number(meta.get("mood")),
        private,
        strings_json(tags),
        keys(tags),
        keys(rated),
        problem,
        line,
        excerpt(entry.body),
        meta_json,
    )
    facts = _facts(day, entry.template, private, problem, shaped)
    words, prompts = split_body(entry.body, entry.template)
    return row, (words, prompts, fields), facts


def _general(text: str, path: Path) -> tuple[Entry, dict[str, Any], str, str]:
    """Any entry, read by ``entry.parse``: the entry, its front matter as stored (JSON-shaped,
    and as JSON) and the front matter's words."""
    from kapdiary.entry import parse

    entry = parse(text, path)
    shaped = jsonable(entry.meta)
    return entry, shaped, ENCODE(shaped), " ".join(_words(entry.meta))


def _facts(
    day: date, template: str | None, private: int, problem: str | None, meta: dict[str, Any]
) -> list[tuple[Any, ...]]:
    """The ``facts`` rows (after id) of an entry; ``meta`` as stored (JSON-shaped)."""
    _, in_range, facts = _readers()
    if not meta and problem:
        return []  # front matter that could not be read: progress flags the entry itself
    if not in_range(day):
        return []  # a date edited to year 1 or 9999: shown, flagged, never counted
    ordinal = day.toordinal()
    return [(n, ordinal, private, *fact) for n, fact in enumerate(facts(meta, template))]


@lru_cache(maxsize=1)
def _readers() -> tuple[Callable[..., Any], Callable[[date], bool], Callable[..., list[Any]]]:
    """What reading an entry uses that a reading command never does, imported once, on
    first use (an import inside a function costs a microsecond or more each time)."""
    from kapdiary.dates import in_range
    from kapdiary.index.house import house_entry
    from kapdiary.progress import facts

    return house_entry, in_range, facts


def _dict(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _time(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return f"{value // 60:02d}:{value % 60:02d}"  # YAML 1.1 reads 21:34 as 1294
    return str(value)


def _words(value: Any, key: str = "") -> Iterator[str]:
    """The front matter's free text (tags, side effects, notes, a template's text fields)."""
    if key in ("date", "time", "template"):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for sub_key, sub in value.items():
            yield from _words(sub, key or str(sub_key))
    elif isinstance(value, list):
        for item in value:
            yield from _words(item, key)
