"""What the index's queries return, and the small types its parts pass to each other."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from kapdiary.index.texts import join_body
from kapdiary.query import as_number

Progress = Callable[[int, int], None]  # (done, total)
Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
# The ``entries`` columns a Record is made of (``from_row``), in this order.
COLUMNS = (
    "e.id, e.path, e.date, e.time, e.template, e.title, e.mood, e.private, e.tags, "
    "e.problem, e.problem_line, e.excerpt, e.meta"
)
# What follows COLUMNS in a row: the ``texts`` columns (``from_row`` puts the body back
# together from the first two), or as many NULLs when the body is not wanted.
TEXTS = "t.words, t.prompts, t.fields"
NO_TEXTS = "NULL, NULL, NULL"


@dataclass(frozen=True)
class Record:
    """One entry as the index knows it. ``meta`` is JSON-shaped: dates are ISO strings.

    ``body`` is ``None`` unless it was asked for (``body=True``), so listing a year of
    entries does not load a year of text.
    """

    path: Path
    date: date
    time: str | None
    template: str | None
    title: str | None
    mood: float | None
    meta: dict[str, Any]
    tags: tuple[str, ...]
    private: bool
    problem: str | None
    problem_line: int | None
    excerpt: str
    body: str | None = None

    def ratings(self, key: str = "intentions") -> dict[str, float]:
        """Numeric ratings under ``intentions`` or ``areas`` (others are left out)."""
        raw = self.meta.get(key)
        if not isinstance(raw, dict):
            return {}
        found = {str(k): as_number(v) for k, v in raw.items()}
        return {k: v for k, v in found.items() if v is not None}


class Rated(NamedTuple):
    """What kapdiary.progress needs of one entry, read cheaply: the whole history of a
    ten-year diary comes back in one query, with no Path objects and no bodies."""

    date: date
    template: str | None
    path: str
    problem: str | None
    problem_line: int | None
    private: bool
    meta: dict[str, Any]


class Hit(NamedTuple):
    """A search result: the entry, its score (higher is better) and a short snippet.

    ``highlights`` are (start, end) offsets of the matching words within ``snippet``;
    ``label`` is the prompt the snippet's text was written under, if any.
    """

    record: Record
    score: float
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    label: str | None = None


class SearchResult(NamedTuple):
    hits: list[Hit]
    total: int  # every match, even when ``limit`` cut the list short
    ranked: bool  # False: no FTS5 here, so results come from a slower scan
    # Nothing matched in the user's words: how many entries match in the prompts and titles
    # (what --everywhere would find); 0 otherwise.
    elsewhere: int = 0


class Rebuild(NamedTuple):
    reason: str  # "missing", "damaged", "version", "fts", "requested"
    entries: int
    seconds: float


class Problem(NamedTuple):
    """What keeps the index file from being used, and what the user can do about it."""

    reason: str  # plain words: "a folder is in its place", "the disk is full", …
    fix: str


class Unusable(NamedTuple):
    """Why the index file could not be used, so the files were read into memory instead."""

    path: Path
    reason: str
    fix: str


class FileUnusable(Exception):
    """The index file cannot be opened, built or written."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


class Changes:
    """What a refresh found: paths relative to ``entries/``."""

    def __init__(self, added: list[str] | None = None) -> None:
        self.added: list[str] = added or []
        self.changed: list[str] = []
        self.removed: list[str] = []
        self.touched: dict[str, int] = {}  # racy but unchanged -> the new checked_ns
        # stat changed, content the same -> (size, mtime_ns, ctime_ns, inode, checked_ns)
        self.restat: dict[str, tuple[int, int, int, int, int]] = {}

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.touched or self.restat)


def from_row(base: str, row: Any, *, with_body: bool = False) -> Record:
    """A Record from a row that starts with ``COLUMNS`` (then ``TEXTS``, for the body);
    ``base`` is the entries folder with a trailing separator."""
    return Record(
        path=Path(base + row[1]),
        date=date.fromisoformat(row[2]),
        time=row[3],
        template=row[4],
        title=row[5],
        mood=row[6],
        private=bool(row[7]),
        tags=tuple(json.loads(row[8])),
        problem=row[9],
        problem_line=row[10],
        excerpt=row[11],
        meta=json.loads(row[12]),
        body=join_body(row[13], row[14]) if with_body else None,
    )
