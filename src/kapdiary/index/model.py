"""What the index's queries return, and the small types its parts pass to each other."""

# No ``from __future__ import annotations`` in this module: typing.NamedTuple would compile
# each field's annotation string at import, and a process's first compile costs ~10 M
# instructions (tests/test_launch.py checks none happens). Names that exist only for the
# type checker, and forward references, are written in quotes.
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kapdiary.index.texts import join_body
from kapdiary.plain import Frozen
from kapdiary.query import as_number

if TYPE_CHECKING:
    from datetime import date as Day  # for Record's field named date, in its __init__

Progress = Callable[[int, int], None]  # (done, total)
Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


class Scan:
    """The entry files as one walk of ``entries/`` found them: each path (relative, with
    ``/``) and its ``Stat``, read like a ``dict[str, Stat]``.

    The walk runs before every reading command, so it is kept small: the paths in a list
    and the stats in one array of machine integers (about 100 bytes a file, against some
    400 for a dict of tuples: 15 MB less at 50,000 entries). Looking a path up builds an
    index of the paths, which only a refresh that found changes needs.
    """

    __slots__ = ("_at", "_joined", "paths", "stats")

    def __init__(self, items: Iterable[tuple[str, Stat]] = ()) -> None:
        from array import array

        self.paths: list[str] = []
        self.stats = array("q")
        self._at: dict[str, int] | None = None
        self._joined: bytes | None = None
        for path, stat in items:
            self.paths.append(path)
            self.stats.extend(stat)

    def __len__(self) -> int:
        return len(self.paths)

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __contains__(self, path: object) -> bool:
        return path in self._index()

    def __getitem__(self, path: str) -> Stat:
        at = self._index()[path] * 4
        size, mtime, ctime, inode = self.stats[at : at + 4]
        return size, mtime, ctime, inode

    def keep_first(self, count: int) -> None:
        """Forget every file after the first ``count``."""
        del self.paths[count:]
        del self.stats[count * 4 :]
        self._at = self._joined = None

    def items(self) -> Iterator[tuple[str, Stat]]:
        stats = self.stats
        for at, path in enumerate(self.paths):
            size, mtime, ctime, inode = stats[at * 4 : at * 4 + 4]
            yield path, (size, mtime, ctime, inode)

    def joined(self) -> bytes:
        """The paths as one text (NUL between them, UTF-8), made once: the digest and the
        listing the index keeps both read it."""
        if self._joined is None:
            self._joined = "\0".join(self.paths).encode("utf-8", "surrogateescape")
        return self._joined

    def stat_bytes(self) -> memoryview:
        """The stats as raw bytes (the array's own memory: no copy)."""
        return memoryview(self.stats).cast("B")

    def digest(self) -> str:
        """Equal digests, equal paths and stats in the same order."""
        from kapdiary.digest import blake2b

        seen = blake2b(digest_size=16)
        seen.update(self.joined())
        seen.update(self.stat_bytes())
        return str(seen.hexdigest())

    def _index(self) -> dict[str, int]:
        if self._at is None:
            self._at = {path: at for at, path in enumerate(self.paths)}
        return self._at


# The ``entries`` columns a Record is made of (``from_row``), in this order.
COLUMNS = (
    "e.id, e.path, e.date, e.time, e.template, e.title, e.mood, e.private, e.tags, "
    "e.problem, e.problem_line, e.excerpt, e.meta"
)
# What follows COLUMNS in a row: the ``texts`` columns (``from_row`` puts the body back
# together from the first two), or as many NULLs when the body is not wanted.
TEXTS = "t.words, t.prompts, t.fields"
NO_TEXTS = "NULL, NULL, NULL"


class FromText:
    """A Record field that may be given as text (as the index stores it), made into
    its value when read: a search with thousands of hits makes none of their front matter,
    tags or paths to list them (about 2.5 KB a hit as objects, a fifth of that as text).

    ``keep`` keeps the value made (the front matter, read again and again); otherwise it
    is made at each read (a path, read once by a listing: never held for every hit).
    """

    def __init__(self, name: str, make: Callable[[str], Any], *, keep: bool) -> None:
        self.slot, self.make, self.keep = f"_{name}", make, keep

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            raise AttributeError(self.slot)  # no default: the field is required
        value = obj.__dict__[self.slot]
        if isinstance(value, str):
            value = self.make(value)
            if self.keep:
                obj.__dict__[self.slot] = value
        return value

    def __set__(self, obj: object, value: Any) -> None:
        obj.__dict__[self.slot] = value


def _tags(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


class Record(Frozen):
    """One entry as the index knows it. ``meta`` is JSON-shaped: dates are ISO strings.

    ``body`` is ``None`` unless it was asked for (``body=True``), so listing a year of
    entries does not load a year of text. ``path``, ``meta`` and ``tags`` may be given as
    the index's text (``from_row``), made into their values when read (``FromText``).
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
    body: str | None

    _fields = (
        "path",
        "date",
        "time",
        "template",
        "title",
        "mood",
        "meta",
        "tags",
        "private",
        "problem",
        "problem_line",
        "excerpt",
        "body",
    )

    def __init__(
        self,
        path: Path,
        date: "Day",
        time: str | None,
        template: str | None,
        title: str | None,
        mood: float | None,
        meta: dict[str, Any],
        tags: tuple[str, ...],
        private: bool,
        problem: str | None,
        problem_line: int | None,
        excerpt: str,
        body: str | None = None,
    ) -> None:
        # Straight into the instance's dict (a frozen class's own __setattr__ refuses):
        # ``path``, ``meta`` and ``tags`` go where their FromText descriptors keep them.
        self.__dict__.update(
            _path=path,
            date=date,
            time=time,
            template=template,
            title=title,
            mood=mood,
            _meta=meta,
            _tags=tags,
            private=private,
            problem=problem,
            problem_line=problem_line,
            excerpt=excerpt,
            body=body,
        )

    @property
    def path_text(self) -> str:
        """``str(self.path)`` without making the Path (a search lists hundreds of hits)."""
        value = self.__dict__["_path"]
        return value if isinstance(value, str) else str(value)

    def ratings(self, key: str = "intentions") -> dict[str, float]:
        """Numeric ratings under ``intentions`` or ``areas`` (others are left out)."""
        raw = self.meta.get(key)
        if not isinstance(raw, dict):
            return {}
        found = {str(k): as_number(v) for k, v in raw.items()}
        return {k: v for k, v in found.items() if v is not None}


# Installed after the class is made, so its annotations stay the values' types; its
# __init__ stores the three under the descriptors' own names.
setattr(Record, "path", FromText("path", Path, keep=False))  # noqa: B010
setattr(Record, "meta", FromText("meta", json.loads, keep=True))  # noqa: B010
setattr(Record, "tags", FromText("tags", _tags, keep=True))  # noqa: B010


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
    ``base`` is the entries folder with a trailing separator. The path, the tags and the
    front matter stay text until read (``FromText``)."""
    path: Any = base + row[1]
    return Record(
        path=path,
        date=date.fromisoformat(row[2]),
        time=row[3],
        template=row[4],
        title=row[5],
        mood=row[6],
        private=bool(row[7]),
        tags=row[8],
        problem=row[9],
        problem_line=row[10],
        excerpt=row[11],
        meta=row[12],
        body=join_body(row[13], row[14]) if with_body else None,
    )
