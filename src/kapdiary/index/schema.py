"""The index's tables (``PRAGMA user_version`` = ``SCHEMA_VERSION``) and its connections.

Bump ``SCHEMA_VERSION`` whenever what is stored changes: an index of another version is
rebuilt from the files. The tables are described in ``kapdiary.index``'s docstring.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from kapdiary.conflicts import register as register_conflicts

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

# 4: a template's own answers are facts; 5: dates outside 1900–2100; 6: the user's words
# apart from the template's prompts and titles (``texts.words``/``texts.prompts``); 7: the
# same tables, but an entry with a body line "prİvate: true" was wrongly stored as shared.
SCHEMA_VERSION = 7

SCHEMA = """
CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE files(
  path TEXT PRIMARY KEY,
  id INTEGER NOT NULL,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  ctime_ns INTEGER NOT NULL,
  inode INTEGER NOT NULL,
  checked_ns INTEGER NOT NULL,
  hash BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE entries(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  date TEXT NOT NULL,
  time TEXT,
  template TEXT,
  title TEXT,
  mood REAL,
  private INTEGER NOT NULL,
  tags TEXT NOT NULL,
  tag_keys TEXT NOT NULL,
  rated TEXT NOT NULL,
  problem TEXT,
  problem_line INTEGER,
  excerpt TEXT NOT NULL,
  meta TEXT NOT NULL
);
CREATE INDEX entries_by_day ON entries(date, time, sort_key);
CREATE TABLE texts(
  id INTEGER PRIMARY KEY,
  words TEXT NOT NULL,
  prompts TEXT NOT NULL,
  fields TEXT NOT NULL
);
CREATE TABLE facts(
  id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  day INTEGER NOT NULL,
  private INTEGER NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  value REAL,
  text TEXT
);
CREATE INDEX facts_by_series ON facts(kind, key, day, value, private);
CREATE INDEX facts_by_entry ON facts(id);
CREATE TABLE derived(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
"""
# A build makes the tables, fills them, and only then their indexes: sorting the rows once
# is quicker than keeping the indexes in order row by row (the same statements either way).
_STATEMENTS = [statement.strip() for statement in SCHEMA.split(";") if statement.strip()]
INDEXES = [statement for statement in _STATEMENTS if statement.startswith("CREATE INDEX")]
TABLES = ";\n".join(statement for statement in _STATEMENTS if statement not in INDEXES) + ";\n"
FTS_TABLES = """
CREATE VIRTUAL TABLE fts USING fts5(
  words, prompts, fields, content='texts', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE fts_vocab USING fts5vocab(fts, 'row');
"""
# Kept in step with ``texts`` by these; a build fills ``fts`` itself and adds them after.
FTS_TRIGGERS = """
CREATE TRIGGER texts_added AFTER INSERT ON texts BEGIN
  INSERT INTO fts(rowid, words, prompts, fields)
  VALUES (new.id, new.words, new.prompts, new.fields);
END;
CREATE TRIGGER texts_removed AFTER DELETE ON texts BEGIN
  INSERT INTO fts(fts, rowid, words, prompts, fields)
  VALUES ('delete', old.id, old.words, old.prompts, old.fields);
END;
"""
FTS_SCHEMA = FTS_TABLES + FTS_TRIGGERS


def fts5_available() -> bool:
    import sqlite3

    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


def connect(path: Path | str) -> sqlite3.Connection:
    import sqlite3

    # Python's sqlite3 binds None and bytes only after asking the value, and then the
    # protocol, to adapt it: two failed attribute lookups, an exception made and dropped
    # for each (a third of the binding of a row of facts, most of which have a NULL). An
    # adapter that gives the value back ends that search at its first step; nothing is
    # stored differently (NULL and BLOB). ``{}.get`` gives None for any one argument.
    sqlite3.register_adapter(type(None), cast("Callable[[None], None]", {}.get))
    sqlite3.register_adapter(bytes, bytes)
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    conn.execute("PRAGMA temp_store = MEMORY")
    register_conflicts(conn)
    return conn


def has_fts(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT value FROM info WHERE key = 'fts'").fetchone()
    return row is not None and row[0] == "1"
