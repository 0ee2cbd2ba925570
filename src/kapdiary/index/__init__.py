"""The index: a SQLite cache of the diary's entries, derived from the files and disposable.

It lives in the platform cache folder (``Home.index_file``), one file per diary home, and
never writes to the diary folder. Each reading command opens it with ``open_index``, which
first brings it up to date with the files:

- a walk of ``entries/`` with ``os.scandir`` gives (size, mtime_ns, ctime_ns, inode) for
  every ``*.md`` file; one SELECT gives what the index saw last time. Any difference means
  the file is read again; a file gone from the folder is dropped. So entries added, edited,
  renamed or deleted by an editor, Obsidian or a sync tool are seen by the next command.
- a file whose mtime was within ``RACY_NS`` of the moment it was indexed could have been
  changed again in the same clock tick without any stat field changing; for those the
  content hash decides (git's "racily clean" rule), until they are old enough.
- an index that is missing, damaged or from another schema version is rebuilt from the
  files into a temporary file that then replaces it; ``on_rebuild`` tells the caller.
- an index file that cannot be used at all (a folder in its place, a cache folder that is
  a file, a full or read-only disk, no permission, another process holding it too long)
  is never a gate: the same tables are built from the files in memory (``:memory:``, the
  same code and the same queries), and ``on_fallback`` tells the caller why. Without an
  ``on_fallback`` (``reindex``, whose job is the file) that is an error naming the fix.

Queries read only the index, never the entry files. ``records`` is the API for other
features (``progress`` computes its figures from it without reading files).

The parts, each importing only those listed before it:

- ``texts`` — an entry's body as the user's words apart from the template's prompts and
  title (and back again, exactly); which prompt a place in the words is under.
- ``model`` — what queries return (``Record``, ``Hit``, …) and the types passed around.
- ``snippets`` — snippet text: an entry's excerpt, the highlighted text around a match.
- ``schema`` — the tables, ``SCHEMA_VERSION``, connections.
- ``health`` — why the index file cannot be used, in plain words, with the fix.
- ``extract`` — from a file to its rows (``entries``, ``texts``, ``facts``).
- ``sync`` — keeping in step with the files: scan, diff, refresh, build.
- ``store`` — the open index: the file opened or rebuilt, the fallback to memory.
- ``history_sql`` — the SQL implementation of ``progress.History`` (defined in progress).
- ``search`` — ranked search (FTS5, BM25) and the scan without it; a word's spellings in
  the diary with its stem (``variants``, from the ``fts_vocab`` table).
- ``queries`` — ``Index`` (records, rated, history, search, …) and ``open_index``.


Schema (``PRAGMA user_version`` = ``SCHEMA_VERSION``, in ``schema``):

- ``files(path, id, size, mtime_ns, ctime_ns, inode, checked_ns, hash)``: what each file
  looked like when indexed (``path`` relative to ``entries/``, with ``/``).
- ``entries(id, path, sort_key, date, time, template, title, mood, private, tags, tag_keys,
  rated, problem, problem_line, excerpt, meta)``: ``sort_key`` is the path without
  ``.md``, so ``…-evening.md`` comes before ``…-evening-2.md`` on the same day; ``meta``
  is the front matter as JSON (dates as ISO strings), ``tags`` a JSON list (front matter
  and inline), ``tag_keys``/``rated`` are ``|a|b|`` strings for the tag and intention
  filters.
- ``facts(id, seq, day, private, kind, key, value, text)``: what
  ``kapdiary.progress.facts`` takes from each entry's front matter (ratings in range, notes
  about intentions, values left out, a template's own answers), ``day`` as
  ``date.toordinal()``: progress reads a decade of day values from here in a few aggregate
  queries (``history``).
- ``derived(key, value)``: results worked out from the tables above (a progress history,
  by its filters and ``info.generation``, one row a part: ``history_sql.pack``), emptied
  whenever a refresh changes anything and the generation counted up, so a second
  ``progress`` on an unchanged diary reads a few rows of raw arrays.
- ``texts(id, words, prompts, fields)``: ``words`` is the body with each of the template's
  prompt lines (its ``#`` title and ``##`` prompts, in an entry written from a template) in
  ``prompts`` and a ``\x1f`` in its place (``index.texts``); ``fields`` the front matter's
  words. The content of the external-content FTS5 table ``fts`` (kept in step by
  triggers; ``unicode61 remove_diacritics 2``, words kept as written, stems matched at
  query time) and its vocabulary ``fts_vocab``. Without FTS5 in the local SQLite there is
  no ``fts`` table and search scans ``texts`` instead.
"""

from kapdiary.index.extract import jsonable, record_from_file
from kapdiary.index.health import index_problem, location_problem
from kapdiary.index.history_sql import CONFLICT_NOTE
from kapdiary.index.model import (
    Changes,
    Hit,
    Problem,
    Progress,
    Rated,
    Rebuild,
    Record,
    SearchResult,
    Stat,
    Unusable,
)
from kapdiary.index.queries import Index, history, open_index, rated, records
from kapdiary.index.schema import SCHEMA_VERSION, fts5_available
from kapdiary.index.snippets import SNIPPET_AFTER, SNIPPET_BEFORE, SNIPPET_IN_SQL_UP_TO
from kapdiary.index.sync import RACY_NS, check_own_entries, scan_digest, scan_entries

__all__ = [
    "CONFLICT_NOTE",
    "RACY_NS",
    "SCHEMA_VERSION",
    "SNIPPET_AFTER",
    "SNIPPET_BEFORE",
    "SNIPPET_IN_SQL_UP_TO",
    "Changes",
    "Hit",
    "Index",
    "Problem",
    "Progress",
    "Rated",
    "Rebuild",
    "Record",
    "SearchResult",
    "Stat",
    "Unusable",
    "check_own_entries",
    "fts5_available",
    "history",
    "index_problem",
    "jsonable",
    "location_problem",
    "open_index",
    "rated",
    "record_from_file",
    "records",
    "scan_digest",
    "scan_entries",
]
