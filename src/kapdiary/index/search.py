"""Search: ranked by FTS5 where the local SQLite has it, else a scan of every candidate's
text in Python (``ranked=False``); each hit with a highlighted snippet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kapdiary.index.model import COLUMNS, Hit, SearchResult, from_row
from kapdiary.index.snippets import (
    SNIPPET_IN_SQL_UP_TO,
    SNIPPET_TOKENS,
    excerpt,
    marked,
    snippet,
)
from kapdiary.query import Filters, TextQuery, where

if TYPE_CHECKING:
    from kapdiary.index.store import Store


def search(store: Store, query: TextQuery, filters: Filters, limit: int | None) -> SearchResult:
    """Entries matching ``query``, best first, each with a highlighted snippet."""
    if not store.fts:
        return _scan_search(store, query, filters, limit)
    cond, params = where(filters)
    if filters.text is not None:
        cond += " AND e.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)"
        params.append(filters.text.fts())
    base = f"FROM fts JOIN entries e ON e.id = fts.rowid WHERE fts MATCH ? AND {cond}"
    # A large text gets no snippet() (NULL); it is read after the sorting, one at a
    # time, so the sorter never holds its whole text.
    large = "(SELECT length(t.body) + length(t.fields) > ? FROM texts t WHERE t.id = e.id)"
    rows = store.rows(
        f"SELECT {COLUMNS}, NULL, NULL, bm25(fts, 1.0, 0.5) AS score, "
        f"CASE WHEN {large} THEN NULL ELSE "
        f"snippet(fts, -1, char(2), char(3), '…', {SNIPPET_TOKENS}) END "
        f"{base} ORDER BY score, e.date DESC, e.time DESC, e.sort_key DESC LIMIT ?",
        [SNIPPET_IN_SQL_UP_TO, query.fts(), *params, -1 if limit is None else limit],
    )
    hits = []
    for row in rows:
        if row[16] is not None:
            text, spans = marked(row[16])
        else:
            text, spans = _large_snippet(store, row[0], query)
        hits.append(Hit(from_row(store.base, row), -float(row[15]), text, spans))
    total = len(hits)
    if limit is not None and total >= limit:
        total = int(store.rows(f"SELECT count(*) {base}", [query.fts(), *params])[0][0])
    return SearchResult(hits, total, ranked=True)


def _large_snippet(
    store: Store, entry: int, query: TextQuery
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet of a large entry, built in Python (in the words, else the front
    matter's; the start of the text if FTS5 matched words this matcher does not see)."""
    ((body, fields),) = store.rows("SELECT body, fields FROM texts WHERE id = ?", [entry])
    return snippet(body, query) or snippet(f"{body}\n{fields}", query) or (excerpt(body), ())


def _scan_search(
    store: Store, query: TextQuery, filters: Filters, limit: int | None
) -> SearchResult:
    """Search without FTS5: every candidate's text is matched in Python."""
    cond, params = where(filters)
    rows = store.rows(
        f"SELECT {COLUMNS}, t.body, t.fields FROM entries e JOIN texts t ON t.id = e.id "
        f"WHERE {cond} ORDER BY e.date DESC, e.time DESC, e.sort_key DESC",
        params,
    )
    hits: list[Hit] = []
    for row in rows:
        body, fields = row[13], row[14]
        if filters.text is not None and not filters.text.matches(f"{body}\n{fields}"):
            continue
        source = body
        spans = query.matches(source)
        if not spans:  # the words may be in the front matter (tags, side effects)
            source = f"{body}\n{fields}"
            spans = query.matches(source)
            if not spans:
                continue
        text, marks = snippet(source, query) or ("", ())
        hits.append(Hit(from_row(store.base, row), float(len(spans)), text, marks))
    hits.sort(key=lambda hit: -hit.score)  # stable: newest first among equals
    total = len(hits)
    return SearchResult(hits[:limit] if limit is not None else hits, total, ranked=False)
