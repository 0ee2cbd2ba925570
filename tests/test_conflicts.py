"""Sync-conflict copies are one definition, used in Python and in SQL: both must agree
on every name (a hand-written SQL twin once took `conflicted copy` alone for a copy)."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from kapdiary.conflicts import CONFLICT_SQL, is_copy, original_name, register

NAMES = [
    "2026-11-21-evening.sync-conflict-20261121-213400-ABCDEF1.md",
    "2026-11-21-evening (Sam's conflicted copy 2026-11-21).md",
    "2026-11-21-evening (Case Conflict).md",
    "2026-11-21-evening (case conflict 2).md",
    "2026-11-21-evening (conflicted copy 2026-11-21 213400).md",
    "2026-11-21-evening_conflict-20261121-213400.md",
    "2026-11-21-evening.md",
    "2026-11-21-conflict-resolution.md",
    "2026-11-21-evening_conflict-2026.md",
]


def sql_says(name: str) -> bool:
    conn = sqlite3.connect(":memory:")
    register(conn)
    conn.execute("CREATE TABLE entries (path TEXT)")
    conn.execute("INSERT INTO entries VALUES (?)", (f"2026/11/{name}",))
    query = f"SELECT count(*) FROM entries e WHERE {CONFLICT_SQL}"
    return bool(conn.execute(query).fetchone()[0])


def test_the_regex_and_the_sql_agree_on_known_names() -> None:
    for name in NAMES:
        assert is_copy(name) == sql_says(name), name
    assert original_name(NAMES[0]) == "2026-11-21-evening.md"


pieces = st.sampled_from(
    ["2026-11-21", "-evening", ".md", ".sync-conflict-", "20261121", "-213400", " (", ")",
     "conflicted copy", "Case Conflict", "_conflict-", "Sam's", " 2", "x"]
)  # fmt: skip


@given(st.lists(pieces, max_size=10).map("".join))
def test_the_regex_and_the_sql_agree_on_any_name(name: str) -> None:
    assert is_copy(name) == sql_says(name)
