"""What every importer returns: entries found in another journal's file, and the problems
met on the way (each naming the line, row or entry, so the user can find it).

An importer is a pure function from text (or bytes) to ``Parsed``: it never writes, never
prints, and never raises on bad content. Whatever it cannot read becomes a ``Problem``
and the rest is still returned.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kapdiary.messages import importing as words

FORMATS = ("jrnl", "dayone", "daylio", "markdown")
WHOLE_FILE = "the file"  # a Problem's ``where`` when nothing in the file can be read
_NOT_IN_TAG = re.compile(r"[^\w-]+")


@dataclass(frozen=True)
class Imported:
    """One entry of the other journal, as kapdiary will keep it.

    ``when`` is the local time of writing (naive); entries that only know their day (a
    Markdown note named ``2025-01-03.md``) have ``day`` and no ``when``. ``source_id`` is
    stable: the same entry read again, from the same file or another export of the same
    journal, has the same id, which is how a second run adds nothing.
    """

    source_id: str
    where: str
    body: str
    when: datetime | None = None
    day: date | None = None
    title: str | None = None
    tags: tuple[str, ...] = ()
    mood: int | None = None
    private: bool = False
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """Something in the source that was not imported as it stands (``skipped``) or was
    imported with a change the user should know about."""

    where: str
    problem: str
    skipped: bool = True


@dataclass
class Parsed:
    entries: list[Imported] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def json_entries(text: str, parsed: Parsed, no_list: str) -> list[Any] | None:
    """The ``entries`` list of a JSON export (jrnl's and Day One's share the shape), or
    None with the one whole-file problem in ``parsed``: not JSON, or no such list."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        parsed.problems.append(Problem(WHOLE_FILE, words.not_json(exc)))
        return None
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        parsed.problems.append(Problem(WHOLE_FILE, no_list))
        return None
    return entries


def clean_tag(raw: object) -> str | None:
    """A tag as kapdiary keeps it: lowercase, no leading ``#``/``@``, words joined by
    hyphens (``Movies / TV`` → ``movies-tv``); None when nothing is left (``##``)."""
    text = str(raw).strip().lstrip("#@").lower()
    tag = _NOT_IN_TAG.sub("-", text).strip("-")
    return tag or None


def clean_tags(raw: object) -> tuple[str, ...]:
    items = raw if isinstance(raw, list | tuple) else [raw] if raw else []
    found = (clean_tag(item) for item in items if item is not None)
    return tuple(dict.fromkeys(t for t in found if t))


def stable_id(fmt: str, *parts: object) -> str:
    """``fmt:`` and a short hash of ``parts``, whitespace-insensitive (exports re-wrap)."""
    text = "\x1f".join(" ".join(str(p).split()) for p in parts)
    return f"{fmt}:{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:20]}"


def line_of(text: str, offset: int) -> int:
    """The 1-based line number of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1
