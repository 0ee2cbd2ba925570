"""From a file to the index's rows: the ``entries`` columns, the ``texts`` searched and the
``facts`` progress reads (``kapdiary.progress.facts`` decides which)."""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from stat import S_ISLNK
from typing import Any

from kapdiary.conflicts import original_name
from kapdiary.errors import KapdiaryError
from kapdiary.index.model import Record, Stat
from kapdiary.index.snippets import excerpt
from kapdiary.index.texts import join_body, split_body
from kapdiary.messages import index as said
from kapdiary.query import as_number, keys

Extracted = tuple[
    str, Stat, int, bytes, tuple[Any, ...], tuple[str, str, str], list[tuple[Any, ...]]
]
Job = tuple[str, list[tuple[str, Stat]]]


def extract_batch(job: Job) -> list[Extracted]:
    folder, items = job
    out: list[Extracted] = []
    for path, stat in items:
        checked = time.time_ns()  # before reading: a later write shows as a newer mtime
        full = Path(f"{folder}/{path}")
        try:
            link = S_ISLNK(os.lstat(full).st_mode)
        except FileNotFoundError:
            continue  # removed since the scan; the next command will see it is gone
        # A link may lead anywhere (/etc/passwd): never read through it. It is indexed
        # empty, so a warning names it, and exports leave it out.
        raw = b"" if link else read_bytes(full)
        if raw is None:
            continue
        data, note = opened(raw, full)
        row, text, facts = _extract(data, full, stat[1], note=note or _odd_file(full, link))
        out.append((path, stat, checked, content_hash(raw), row, text, facts))
    return out


def read_bytes(path: Path) -> bytes | None:
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
    import hashlib

    return hashlib.blake2b(data, digest_size=16).digest()


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
    data: bytes, path: Path, mtime_ns: int, *, note: str | None = None
) -> tuple[tuple[Any, ...], tuple[str, str, str], list[tuple[Any, ...]]]:
    """The ``entries`` columns (after id and path), the ``texts`` columns (the user's words,
    the template's prompts, the front matter's words) and the ``facts`` rows (after id).

    ``note`` is a problem with the file itself (a conflict copy, a link): it is told when
    the text has none, or has no text at all.
    """
    from kapdiary.entry import parse

    problem: str | None = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        problem = said.not_utf8(exc.start)
    text = text.replace("\r\n", "\n")
    entry = parse(text, path)
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
    shaped = jsonable(meta)
    private = int(entry.private)  # privacy.py decides, once
    row = (
        day.isoformat(),
        _time(meta.get("time")),
        entry.template,
        str(title) if title is not None else entry.title,
        as_number(meta.get("mood")),
        private,
        json.dumps(tags, ensure_ascii=False),
        keys(tags),
        keys(rated),
        problem,
        line,
        excerpt(entry.body),
        json.dumps(shaped, ensure_ascii=False),
    )
    facts = _facts(day, entry.template, private, problem, shaped)
    words, prompts = split_body(entry.body, entry.template)
    return row, (words, prompts, " ".join(_words(meta))), facts


def _facts(
    day: date, template: str | None, private: int, problem: str | None, meta: dict[str, Any]
) -> list[tuple[Any, ...]]:
    """The ``facts`` rows (after id) of an entry; ``meta`` as stored (JSON-shaped)."""
    from kapdiary.dates import in_range
    from kapdiary.progress import facts

    if not meta and problem:
        return []  # front matter that could not be read: progress flags the entry itself
    if not in_range(day):
        return []  # a date edited to year 1 or 9999: shown, flagged, never counted
    ordinal = day.toordinal()
    return [(n, ordinal, private, *fact) for n, fact in enumerate(facts(meta, template))]


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


_PLAIN = frozenset((str, int, bool, type(None)))


def jsonable(value: Any) -> Any:
    """YAML values as JSON: dates as ISO strings, keys as strings, sets as lists."""
    if type(value) in _PLAIN:  # most values: checked first, as the build reads thousands
        return value
    if isinstance(value, dict):
        return {_key(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [jsonable(v) for v in items]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, bytes):
        import base64

        return base64.b64encode(value).decode("ascii")
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _key(key: Any) -> str:
    return key.isoformat() if isinstance(key, date) else str(key)
