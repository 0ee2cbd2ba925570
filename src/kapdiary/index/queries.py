"""Queries: the ``Index`` a command opens (``open_index``), and the shortcuts that open one
for a single question (``records``, ``rated``, ``history``). Queries read only the index,
never the entry files."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kapdiary.index import history_sql, sync
from kapdiary.index.model import (
    COLUMNS,
    NO_TEXTS,
    TEXTS,
    FileUnusable,
    Progress,
    Rated,
    Rebuild,
    Record,
    SearchResult,
    Unusable,
    from_row,
)
from kapdiary.index.search import search, variants
from kapdiary.index.store import Store
from kapdiary.index.texts import searched
from kapdiary.locations import Home
from kapdiary.query import Filters, TextQuery, where

if TYPE_CHECKING:
    from kapdiary.fields import Field
    from kapdiary.progress import History as ProgressHistory
    from kapdiary.progress import Scale


def open_index(
    home: Home,
    *,
    progress: Progress | None = None,
    on_rebuild: Callable[[Rebuild], None] | None = None,
    on_fallback: Callable[[Unusable], None] | None = None,
    rebuild: bool = False,
) -> Index:
    """The home's index, up to date with the files (built or rebuilt when needed).

    If the index file cannot be used, the index is built in memory from the files and
    ``on_fallback`` is told why; without ``on_fallback`` that is a ``KapdiaryError``.
    """
    sync.check_own_entries(home)
    scan = sync.scan_entries(home.entries, meanwhile=_ready())
    index = Index(home, None, False, on_rebuild, progress, on_fallback)
    try:
        index._open_file(scan, rebuild=rebuild)
    except FileUnusable as exc:
        index._in_memory(exc.problem, scan)
    return index


def _ready() -> Callable[[], None] | None:
    """What opening the index needs and the listing does not, to be done while the entries
    are walked: SQLite's module and platformdirs (~10 ms, with the platform's own module
    it loads at its first answer) imported; None when both are imported already (a second
    index opened in one process: a walking process more would only cost). An error is
    left to the same step later, in its place (the index file's place is worked out
    there, once)."""
    if "sqlite3" in sys.modules and "platformdirs" in sys.modules:
        return None

    def ready() -> None:
        with contextlib.suppress(Exception):
            import sqlite3  # noqa: F401

            from kapdiary.locations import cache_dir

            cache_dir()

    return ready


def records(
    home: Home,
    *,
    since: date | None = None,
    until: date | None = None,
    templates: Iterable[str] = (),
    tags: Iterable[str] = (),
    intentions: Iterable[str] = (),
    text: str | None = None,
    last: int | None = None,
    body: bool = False,
    newest_first: bool = False,
    on_fallback: Callable[[Unusable], None] | None = None,
) -> list[Record]:
    """Entries from the (refreshed) index, oldest first, without reading entry files.

    ``tags`` and ``intentions`` must all match (an intention matches an entry that rates
    it); ``text`` uses the search language; ``last`` keeps the newest N of the matches.
    """
    filters = Filters(
        since=since,
        until=until,
        templates=tuple(templates),
        tags=tuple(tags),
        intentions=tuple(intentions),
        text=TextQuery.parse(text) if text is not None else None,
        last=last,
    )
    with open_index(home, on_fallback=on_fallback) as index:
        return index.records(filters, body=body, newest_first=newest_first)


def rated(
    home: Home,
    *,
    until: date | None = None,
    on_fallback: Callable[[Unusable], None] | None = None,
) -> list[Rated]:
    """Every entry up to ``until`` as kapdiary.progress needs it (see ``Index.rated``)."""
    with open_index(home, on_fallback=on_fallback) as index:
        return index.rated(Filters(until=until))


def history(
    home: Home, *, until: date, on_fallback: Callable[[Unusable], None] | None = None
) -> ProgressHistory:
    """Everything up to ``until`` that progress needs (see ``Index.history``)."""
    with open_index(home, on_fallback=on_fallback) as index:
        return index.history(Filters(until=until))


class Index(Store):
    """An open, up-to-date index. Use as a context manager, or call ``close``."""

    def rated(self, filters: Filters | None = None) -> list[Rated]:
        """Every matching entry's date, template and front matter, oldest first.

        SQLite gathers the rows into one JSON array, decoded in one call: far cheaper than a
        Record per entry when progress reads a decade (``text`` and ``last`` are ignored).
        """
        filters = filters or Filters()
        cond, params = where(filters)
        sql = (
            "SELECT json_group_array(json_array(date, template, path, problem, problem_line, "
            "private, json(meta))) FROM (SELECT e.date, e.template, e.path, e.problem, "
            f"e.problem_line, e.private, e.meta FROM entries e WHERE {cond} "
            "ORDER BY e.date, e.time, e.sort_key)"
        )
        rows = json.loads(self.rows(sql, params)[0][0] or "[]")
        base = self.base
        fromiso = date.fromisoformat
        return [
            Rated(fromiso(d), template, base + path, problem, line, bool(private), meta)
            for d, template, path, problem, line, private, meta in rows
        ]

    def history(self, filters: Filters, *, private: bool = True) -> ProgressHistory:
        """What ``kapdiary.progress`` needs of every entry matching ``filters``, from the
        index (``history_sql``: the SQL implementation of ``progress.gather``)."""
        return history_sql.history(self, filters, private=private)

    def definitions(self, templates_dir: Path, names: Iterable[str]) -> dict[str, list[Field]]:
        """``kapdiary.progress.definitions``, kept in the index (``history_sql``)."""
        return history_sql.definitions(self, templates_dir, names)

    def scales(self, templates_dir: Path, names: Iterable[str]) -> dict[str, Scale]:
        """``kapdiary.progress.scales``, kept in the index (``history_sql``)."""
        return history_sql.scales(self, templates_dir, names)

    def count(self) -> int:
        return int(self.rows("SELECT count(*) FROM entries")[0][0])

    def records(
        self, filters: Filters | None = None, *, body: bool = False, newest_first: bool = False
    ) -> list[Record]:
        """Entries matching ``filters``, oldest first (``newest_first`` reverses)."""
        filters = filters or Filters()
        cond, params = where(filters)
        text = filters.text
        scan_text = text is not None and not self.fts
        if text is not None and self.fts:
            cond += " AND e.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)"
            params.append(text.fts(variants(self)))
        with_body = body or scan_text
        descending = filters.last is not None or newest_first
        sql = (
            f"SELECT {COLUMNS}, {TEXTS if with_body else NO_TEXTS} "
            f"FROM entries e {'JOIN texts t ON t.id = e.id' if with_body else ''} "
            f"WHERE {cond} ORDER BY e.date {_dir(descending)}, e.time {_dir(descending)}, "
            f"e.sort_key {_dir(descending)}"
        )
        if filters.last is not None and not scan_text:
            sql += " LIMIT ?"
            params.append(filters.last)
        rows = self.rows(sql, params)
        found: list[Record] = []
        for row in rows:
            if scan_text and text is not None and not text.matches(searched(*row[13:16])):
                continue
            found.append(self._record(row, with_body=body))
            if filters.last is not None and len(found) >= filters.last:
                break
        if descending != newest_first:
            found.reverse()
        return found

    def search(
        self,
        query: TextQuery,
        filters: Filters | None = None,
        *,
        limit: int | None = None,
        everywhere: bool = False,
    ) -> SearchResult:
        """Entries matching ``query``, best first, each with a highlighted snippet; only
        in what the user wrote unless ``everywhere`` (the prompts and titles too)."""
        return search(self, query, filters or Filters(), limit, everywhere=everywhere)

    def days_with_entries(self, since: date, until: date) -> list[date]:
        rows = self.rows(
            "SELECT DISTINCT date FROM entries WHERE date >= ? AND date <= ? ORDER BY date",
            [since.isoformat(), until.isoformat()],
        )
        return [date.fromisoformat(r[0]) for r in rows]

    def random_record(self, before: date, pick: Callable[[list[int]], int]) -> Record | None:
        """One entry dated before ``before``, chosen by ``pick`` (e.g. random.choice)."""
        rows = self.rows("SELECT id FROM entries WHERE date < ?", [before.isoformat()])
        ids = [r[0] for r in rows]
        if not ids:
            return None
        chosen = pick(ids)
        rows = self.rows(
            f"SELECT {COLUMNS}, {TEXTS} FROM entries e JOIN texts t ON t.id = e.id WHERE e.id = ?",
            [chosen],
        )
        return self._record(rows[0], with_body=True)

    def problems(self) -> list[Record]:
        """Entries whose file could not be read cleanly (shown as text, never dropped)."""
        rows = self.rows(
            f"SELECT {COLUMNS}, {NO_TEXTS} FROM entries e WHERE e.problem IS NOT NULL "
            "ORDER BY e.date, e.sort_key"
        )
        return [self._record(r) for r in rows]

    def _record(self, row: Any, *, with_body: bool = False) -> Record:
        return from_row(self.base, row, with_body=with_body)


def _dir(descending: bool) -> str:
    return "DESC" if descending else "ASC"


def tag_counts(
    home: Home, *, on_fallback: Callable[[Unusable], None] | None = None
) -> list[tuple[str, int, int]]:
    """Every tag as ``(tag, entries, private entries)``, the most used first.

    Counted in SQL from the index's ``tags`` column (front matter tags and inline #tags,
    lowercased, once per entry), so ten thousand entries cost one query.
    """
    sql = (
        "SELECT t.value, count(*), sum(e.private) FROM entries e, json_each(e.tags) t "
        "GROUP BY t.value ORDER BY count(*) DESC, t.value"
    )
    with open_index(home, on_fallback=on_fallback) as index:
        return [(str(tag), int(n), int(private)) for tag, n, private in index.rows(sql)]
