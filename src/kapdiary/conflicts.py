"""Sync-conflict copies: the second file a sync tool leaves when one changed in two places.

One definition: ``CONFLICT`` names a copy for `doctor`, the index's warnings, `edit` and
the export, and the figures worked out in SQL use the very same test through
``CONFLICT_SQL``, a function each index connection registers (``register``), so the two
can never drift apart (a hand-written SQL twin once did: ``tests/test_conflicts.py``).
This module imports nothing of kapdiary's, so every other module may use it.
"""

from __future__ import annotations

import re
from typing import Any

# Syncthing `name.sync-conflict-20261121-213400-ABCDEF1.md`, Dropbox
# `name (Sam's conflicted copy 2026-11-21).md` and `name (Case Conflict).md`, Nextcloud
# `name (conflicted copy 2026-11-21 213400).md`, older Nextcloud/ownCloud
# `name_conflict-20261121-213400.md`.
CONFLICT = re.compile(
    r"\.sync-conflict-[0-9A-Za-z-]*"
    r"| \([^()]*\bconflicted copy\b[^()]*\)"
    r"| \(case conflict(?: \d+)?\)"
    r"|_conflict-\d{8}-\d{6}",
    re.IGNORECASE,
)

SQL_FUNCTION = "kapdiary_conflict"
# The same test in SQL, on the entries table's ``path`` (aliased ``e``).
CONFLICT_SQL = f"{SQL_FUNCTION}(e.path)"


def is_copy(name: str) -> bool:
    """Whether a file name is a sync tool's conflict copy."""
    return CONFLICT.search(name) is not None


def register(conn: Any) -> None:
    """Make ``CONFLICT_SQL`` work on a sqlite3 connection."""
    conn.create_function(SQL_FUNCTION, 1, _sql_is_copy, deterministic=True)


def _sql_is_copy(path: object) -> int:
    return int(isinstance(path, str) and is_copy(path.rpartition("/")[2]))


def original_name(name: str) -> str:
    """The name of the file a conflict copy was made from."""
    return CONFLICT.sub("", name, count=1)
