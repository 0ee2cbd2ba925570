"""jrnl (jrnl.sh, 4.x): its plain-text journal file and its ``jrnl --export json`` output.

The plain file, as jrnl 4 writes it with the default ``timeformat`` (``%F %r``)::

    [2025-01-03 09:30:00 PM] A quiet start.
    Walked by the river with @family and felt #calm.

    [2025-01-04 12:40:00 AM] Could not sleep. *
    @sleep thoughts kept coming

An entry starts at a line beginning ``[date] `` (jrnl's own rule: a bracket that is not a
date is text); the title is the first line (or first sentence), a ``*`` at the end of the
first line stars the entry, and ``@word``/``#word`` anywhere are tags. The JSON export has
``entries`` with ``title``, ``body``, ``date``, ``time`` (HH:MM), ``tags`` and ``starred``.

Both give the same ``source_id`` for the same entry (a hash of its minute and its words),
so importing the JSON after the text file adds nothing.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from kapdiary.importers.model import (
    WHOLE_FILE,
    Imported,
    Parsed,
    Problem,
    clean_tags,
    json_entries,
    stable_id,
)
from kapdiary.messages import importing as words

ENTRY_START = re.compile(r"(?:^|\n)\[([^\]\n]+)\] ")
# jrnl's timeformat is configurable; these are the spellings of its default and the usual
# variants, read without the locale (%p is locale-dependent in strptime).
DATE_TIME = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?",
    re.ASCII,
)
LOOKS_LIKE_DATE = re.compile(r"\d{4}-\d", re.ASCII)
TAG = re.compile(r"(?<!\S)([#@][-+*#/\w]+)")
SENTENCE_END = re.compile(
    r"([.!?\u2026\u203C\u203D\u2047\u2048\u2049\u22EF\uFE52\uFE57]['\u2019\"\u201D]?[\])]*\s+)"
    r"|[\uFF01\uFF0E\uFF1F\uFF61\u3002]"
)
STARRED = "starred"


def parse_text(text: str) -> Parsed:
    """A jrnl plain-text journal."""
    parsed = Parsed()
    starts = [(m, _when(m.group(1))) for m in ENTRY_START.finditer(text)]
    starts = [(m, w) for m, w in starts if w is not None or LOOKS_LIKE_DATE.match(m.group(1))]
    if not starts:
        parsed.problems.append(Problem(WHOLE_FILE, words.JRNL_NO_ENTRIES))
        return parsed
    line, counted = 1, 0
    for n, (match, when) in enumerate(starts):
        end = starts[n + 1][0].start() if n + 1 < len(starts) else len(text)
        line += text.count("\n", counted, match.start(1))  # counted on from the last entry
        counted = match.start(1)
        where = f"line {line}"
        if when is None or isinstance(when, str):
            reason = when or words.jrnl_not_a_date(match.group(1))
            parsed.problems.append(Problem(where, words.skipped(reason)))
            continue
        parsed.entries.append(_text_entry(text[match.end() : end], when, where))
    return parsed


def _when(blob: str) -> datetime | str | None:
    """The entry's time; a sentence when it looks like a date but is not one; None when it
    is not a date at all (then, as in jrnl, the bracket is part of the text)."""
    match = DATE_TIME.fullmatch(blob.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second, half = match.groups()
    h = int(hour or 0)
    if half is not None:
        if not 1 <= h <= 12:
            return words.hour_without_half(blob, h, half)
        h = h % 12 + (12 if half.lower() == "pm" else 0)
    try:
        return datetime(int(year), int(month), int(day), h, int(minute or 0), int(second or 0))
    except ValueError as exc:
        return words.not_a_real_date(blob, exc)


def _text_entry(raw: str, when: datetime, where: str) -> Imported:
    lines = raw.splitlines()
    starred = bool(lines) and lines[0].strip().endswith("*")
    if starred:
        raw = lines[0].strip("\n *") + "\n" + "\n".join(lines[1:])
    title, body = split_title(raw)
    tags = clean_tags([t.lower() for t in TAG.findall(raw)])
    return _entry(when, title, body, tags, starred, where)


def split_title(text: str) -> tuple[str, str]:
    """jrnl's rule: the first line is the title; a single line splits after its first
    sentence."""
    text = text.strip()
    if "\n" in text:
        title, _, body = text.partition("\n")
        return title.strip(), body.strip()
    sep = SENTENCE_END.search(text)
    if sep is None:
        return text, ""
    return text[: sep.end()].strip(), text[sep.end() :].strip()


def _entry(
    when: datetime, title: str, body: str, tags: tuple[str, ...], starred: bool, where: str
) -> Imported:
    tags = tuple(sorted(tags))  # the text's order and jrnl's JSON order differ
    if starred and STARRED not in tags:
        tags = (*tags, STARRED)
    words = f"{title}\n{body}".strip() if body else title
    return Imported(
        source_id=stable_id("jrnl", when.strftime("%Y-%m-%d %H:%M"), f"{title} {body}"),
        where=where,
        body=words,
        when=when,
        title=title or None,
        tags=tags,
    )


def parse_json(text: str) -> Parsed:
    """``jrnl --export json``: ``{"tags": {...}, "entries": [...]}``."""
    parsed = Parsed()
    entries = json_entries(text, parsed, words.JRNL_NO_ENTRIES_LIST)
    if entries is None:
        return parsed
    for n, item in enumerate(entries, 1):
        found = _json_entry(item, f"entry {n}")
        if isinstance(found, Problem):
            parsed.problems.append(found)
        else:
            parsed.entries.append(found)
    return parsed


def _json_entry(item: Any, where: str) -> Imported | Problem:
    if not isinstance(item, dict):
        return Problem(where, words.JRNL_NOT_AN_ENTRY)
    title, body = item.get("title"), item.get("body", "")
    if not isinstance(title, str) or not isinstance(body, str):
        return Problem(where, words.JRNL_NO_TEXT)
    stamp = f"{item.get('date')} {item.get('time', '00:00')}"
    when = _when(stamp)
    if not isinstance(when, datetime):
        return Problem(where, words.skipped(when or words.jrnl_bad_stamp(stamp)))
    raw_tags = item.get("tags")
    tags = clean_tags(raw_tags if isinstance(raw_tags, list) else [])
    return _entry(when, title.strip(), body.strip(), tags, item.get("starred") is True, where)
