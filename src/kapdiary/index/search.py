"""Search: ranked by FTS5 (BM25, the newest first among equals) where the local SQLite has
it, else a scan of every candidate's text in Python (``ranked=False``); each hit with a
highlighted snippet, labelled with the prompt it was written under.

Only the user's words are searched (``texts.words`` and the front matter's ``fields``),
not the template's prompts and titles (``texts.prompts``), unless ``everywhere``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kapdiary.index.model import COLUMNS, TEXTS, Hit, SearchResult, from_row
from kapdiary.index.snippets import (
    MARK_OFF,
    MARK_ON,
    SNIPPET_IN_SQL_UP_TO,
    SNIPPET_TOKENS,
    excerpt,
    marked,
    snippet,
)
from kapdiary.index.texts import SECTION, label, searched, section
from kapdiary.query import Filters, TextQuery, where
from kapdiary.search_language import root, stem, stemmed

if TYPE_CHECKING:
    from kapdiary.index.store import Store

# bm25() weights of the columns words, prompts, fields: what the user wrote under the
# prompts counts most; the prompts only ever match with --everywhere.
WEIGHTS = "1.0, 0.3, 0.5"
PAGE = 500  # hits whose entries are read in one query


def variants(store: Store) -> Callable[[str], tuple[str, ...]]:
    """Every spelling in the diary of a word's stem (``walk``: walk, walked, walking), the
    word itself first; read from the index's vocabulary, once per word."""

    @functools.lru_cache(maxsize=256)
    def spellings(word: str) -> tuple[str, ...]:
        if not stemmed(word):
            return (word,)
        start, wanted = root(word), stem(word)
        rows = store.rows(
            "SELECT term FROM fts_vocab WHERE term >= ? AND term < ?", [start, start + "\U0010ffff"]
        )
        found = [term for (term,) in rows if term.startswith(start) and stem(term) == wanted]
        return tuple(dict.fromkeys([word, *found]))

    return spellings


def search(
    store: Store, query: TextQuery, filters: Filters, limit: int | None, *, everywhere: bool = False
) -> SearchResult:
    """Entries matching ``query``, best first, each with a highlighted snippet."""
    found = _search(store, query, filters, limit, everywhere)
    if found.total or everywhere:
        return found
    elsewhere = _search(store, query, filters, 1, True).total
    return found._replace(elsewhere=elsewhere)


def _search(
    store: Store, query: TextQuery, filters: Filters, limit: int | None, everywhere: bool
) -> SearchResult:
    if not store.fts:
        return _scan_search(store, query, filters, limit, everywhere)
    spell = variants(store)
    cond, params = where(filters)
    if filters.text is not None:
        cond += " AND e.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)"
        params.append(filters.text.fts(spell))
    match = query.fts(spell, everywhere=everywhere)
    base = f"FROM fts JOIN entries e ON e.id = fts.rowid WHERE fts MATCH ? AND {cond}"
    # A large text gets no snippet() (NULL); it is read after the sorting, one at a
    # time, so the sorter never holds its whole text.
    large = (
        "(SELECT length(t.words) + length(t.prompts) + length(t.fields) > ? "
        "FROM texts t WHERE t.id = e.id)"
    )
    ranking = (
        f"bm25(fts, {WEIGHTS}) AS score, CASE WHEN {large} THEN NULL "
        f"ELSE snippet(fts, -1, char(2), char(3), '…', {SNIPPET_TOKENS}) END {base} "
        "ORDER BY score, e.date DESC, e.time DESC, e.sort_key DESC LIMIT ?"
    )
    wanted = [SNIPPET_IN_SQL_UP_TO, match, *params, -1 if limit is None else limit]

    def count() -> int:
        return int(store.rows(f"SELECT count(*) {base}", [match, *params])[0][0])

    counted = count() if limit is None or limit > PAGE else None
    if counted is None or counted <= PAGE:
        # Few hits: their entries' columns come with the ranking, in one query.
        found = store.rows(f"SELECT {COLUMNS}, {ranking}", wanted)
        ranked = [(row[0], row[-2], row[-1]) for row in found]
        pages = iter([(ranked, {row[0]: row for row in found})])
    else:
        # Ranked first on what sorting needs and the snippet alone, then each page of
        # hits read from ``entries`` in that order: SQLite's sorter and Python never hold
        # every hit's row twice (at 50,000 entries a common word has thousands).
        ranked = store.rows(f"SELECT e.id, {ranking}", wanted)
        pages = (
            (page, _rows(store, [entry for entry, _, _ in page]))
            for page in (ranked[at : at + PAGE] for at in range(0, len(ranked), PAGE))
        )
    hits: list[Hit] = []
    for page, rows in pages:
        labels = _labels(store, page)
        hits += [
            _hit(store, rows[entry], score, snip, query, everywhere, labels.get(entry))
            for entry, score, snip in page
            if entry in rows  # removed by another process meanwhile: not shown
        ]
    total = len(ranked) if counted is None else counted
    if limit is not None and total >= limit and counted is None:
        total = count()
    return SearchResult(hits, total, ranked=True)


def _rows(store: Store, ids: list[int]) -> dict[int, Any]:
    """The ``COLUMNS`` of the entries ``ids``, by id."""
    import json

    found = store.rows(
        f"SELECT {COLUMNS} FROM entries e WHERE e.id IN (SELECT value FROM json_each(?))",
        [json.dumps(ids)],
    )
    return {row[0]: row for row in found}


def _labels(store: Store, ranked: list[Any]) -> dict[int, str | None]:
    """The prompt each snippet of ``ranked`` (id, score, snippet) was written under, by id:
    the snippet's text from its first match on is found in the entry's words, and the
    SECTION marks before it counted. One page of hits at a time, so only a page's words
    are ever read at once."""
    import json

    starts: dict[int, str] = {}
    for entry, _, snip in ranked:
        if snip is not None and MARK_ON in snip:
            after = snip[snip.index(MARK_ON) :]
            starts[entry] = after.replace(MARK_ON, "").replace(MARK_OFF, "").rstrip("…")
    if not starts:
        return {}
    found = store.rows(
        "SELECT id, words, prompts FROM texts "
        "WHERE id IN (SELECT value FROM json_each(?)) AND prompts != ''",
        [json.dumps(list(starts))],
    )
    return {
        entry: label(prompts, words.count(SECTION, 0, words.find(starts[entry]) + 1))
        for entry, words, prompts in found
    }


def _hit(
    store: Store,
    row: Any,
    score: float,
    snip: str | None,
    query: TextQuery,
    everywhere: bool,
    named: str | None,
) -> Hit:
    """A hit from an entry's row (``COLUMNS``), its BM25 score and snippet (``None``: the
    entry is large, its snippet is made here), and its snippet's label."""
    if snip is None:
        ((words, prompts, fields),) = store.rows(
            "SELECT words, prompts, fields FROM texts WHERE id = ?", [row[0]]
        )
        text, spans, named = _snippet(query, words, prompts, fields, everywhere)
        return Hit(from_row(store.base, row), -float(score), text, spans, named)
    text, spans = marked(snip)
    return Hit(from_row(store.base, row), -float(score), text, spans, named)


def _snippet(
    query: TextQuery, words: str, prompts: str, fields: str, everywhere: bool
) -> tuple[str, tuple[tuple[int, int], ...], str | None]:
    """A snippet of the user's words, with the prompt they answer; else of the front
    matter's words, or (``everywhere``) of the prompts; else the entry's first line."""
    first = query.first(words)
    if first is not None:
        text, spans = snippet(words, query) or ("", ())
        return text, spans, label(prompts, section(words, first[0]))
    for other in (fields, prompts) if everywhere else (fields,):
        found = snippet(other, query)
        if found is not None:
            return found[0], found[1], None
    return excerpt(words), (), None


def _scan_search(
    store: Store, query: TextQuery, filters: Filters, limit: int | None, everywhere: bool
) -> SearchResult:
    """Search without FTS5: every candidate's text is matched in Python."""
    cond, params = where(filters)
    rows = store.rows(
        f"SELECT {COLUMNS}, {TEXTS} FROM entries e JOIN texts t ON t.id = e.id "
        f"WHERE {cond} ORDER BY e.date DESC, e.time DESC, e.sort_key DESC",
        params,
    )
    hits: list[Hit] = []
    for row in rows:
        words, prompts, fields = row[13], row[14], row[15]
        if filters.text is not None and not filters.text.matches(searched(*row[13:16])):
            continue
        spans = query.matches(searched(words, prompts, fields, everywhere=everywhere))
        if not spans:
            continue
        text, marks, named = _snippet(query, words, prompts, fields, everywhere)
        hits.append(Hit(from_row(store.base, row), float(len(spans)), text, marks, named))
    hits.sort(key=lambda hit: -hit.score)  # stable: newest first among equals
    total = len(hits)
    return SearchResult(hits[:limit] if limit is not None else hits, total, ranked=False)
