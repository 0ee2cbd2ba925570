"""Entries as kapdiary writes them, read in one pass for the index build: ``---`` on the
first line, front matter in the house style (``entry.fast_front_matter``) and a date in
range. What ``extract._general`` gives for such an entry, for less: each
front matter line's value, stored form (``stored.jsonable``) and words (``extract._words``)
are worked out once and cached, the body is cut at the closing fence, and the privacy
check for a flag line in the body runs only when a spelling of "private" can be in it.
Anything else gives None and goes the general way. tests/test_build.py holds the two equal.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from kapdiary.dates import in_range
from kapdiary.entry import _EMPTY_MAP, _FAST_DATE, _OPENS, Entry, _fast_line
from kapdiary.index.stored import ENCODE, jsonable
from kapdiary.privacy import flag_line


def house_entry(text: str, raw: bytes) -> tuple[Entry, dict[str, Any], str, str] | None:
    """``extract._general``'s reading (the entry, its front matter as stored and as JSON,
    the front matter's words) of an entry in the house style; None for any other."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    front = _house_front(text[4:end]) if end > 3 else None
    if front is None:
        return None
    meta, shaped, meta_json, fields = front
    day = meta.get("date")
    if type(day) is not date or not in_range(day):
        return None  # no date, a date in words or out of range: parse tells
    # A ``private`` key is read as ``entry.parse`` reads it: house-style keys are lower case
    # (no other spelling of "private"), never repeated and never merged (``<<``), so the
    # text holds it once and ``privacy.flag_reason`` decides from the value.
    body = text[end + 5 :].lstrip("\n")
    entry = Entry(meta, body, withheld=flag_line(body) if may_flag(raw) else None)
    return entry, shaped, meta_json, " ".join(fields)


def _house_front(yaml_text: str) -> tuple[dict[str, Any], dict[str, Any], str, list[str]] | None:
    """``entry.fast_front_matter``'s reading (None where it gives None), with the stored
    form (``jsonable``), its JSON and the words (``_words``), made from cached lines."""
    meta: dict[str, Any] = {}
    shaped: dict[str, Any] = {}
    words: list[str] = []
    pieces: list[str] = []  # the JSON object's members
    inner: list[str] = []  # the members of the mapping being read
    parent: str | None = None  # the ``key:`` whose indented lines are being read
    for line in yaml_text.split("\n"):
        if not line:
            continue
        read = _date_line(line) if line[:6] == "date: " else _house_line(line)
        if read is None:
            return None
        nested, key, value, stored, piece, said_words, shape = read
        if not nested:
            if parent is not None:
                pieces.append(_member(parent, inner))
                parent = None
            if key in meta:
                return None  # a repeated key
            if shape is _OPENS:
                meta[key] = shaped[key] = None
                parent, inner = key, []
                continue
            if shape is not None:  # each entry its own list and mapping
                value, stored = _fresh(shape, value, stored)
            meta[key], shaped[key] = value, stored
            pieces.append(piece)
            words += said_words  # none for the keys that are not searched
            continue
        if parent is None or shape is _OPENS:
            return None  # an indented line under no ``key:``, or a third level
        target = meta[parent]
        if target is None:
            target = meta[parent] = {}
            shaped[parent] = {}
        if key in target:
            return None
        if shape is not None:
            value, stored = _fresh(shape, value, stored)
        target[key], shaped[parent][key] = value, stored
        inner.append(piece)
        if parent not in _NOT_WORDS:
            words += said_words
    if parent is not None:
        pieces.append(_member(parent, inner))
    return meta, shaped, "{" + ", ".join(pieces) + "}", words


def _fresh(shape: object, value: Any, stored: Any) -> tuple[Any, Any]:
    """A list's or an empty mapping's value and stored form, new for each entry."""
    return (list(value), list(stored)) if shape is tuple else ({}, {})


def _member(key: str, inner: list[str]) -> str:
    """A ``key:`` line's member of the JSON object: its mapping, or null when it has none."""
    return f'"{key}": ' + ("{" + ", ".join(inner) + "}" if inner else "null")


_NOT_WORDS = ("date", "time", "template")  # keys whose values are not searched (``_words``)


# A front matter line read: (indented, key, value, stored form, JSON member, words, shape)
_Line = tuple[bool, str, Any, Any, str, tuple[str, ...], Any]


def _date_line(line: str) -> _Line | None:
    """``_house_line`` for ``date: 2026-11-21``, a line no other entry shares (not cached)."""
    text = line[6:]
    if len(text) != 10 or not _FAST_DATE.fullmatch(text):
        return _house_line(line)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None  # as ``entry._fast_scalar``: PyYAML names the problem
    return False, "date", day, text, f'"date": "{text}"', (), None


@lru_cache(maxsize=4096)
def _house_line(line: str) -> _Line | None:
    """``entry._fast_line``'s reading of one line, with the value's stored form, the line's
    JSON member (``"key": value``; keys in the house style need no escapes), its words
    (none for a top-level key whose value is not searched) and its shape: None for a
    scalar, ``tuple`` for a list, ``_EMPTY_MAP`` for ``{}``, ``_OPENS`` for ``key:``."""
    read = _fast_line(line)
    if read is None:
        return None
    nested, key, value = read
    if value is _OPENS:
        return nested, key, value, value, "", (), _OPENS
    if value is _EMPTY_MAP:
        return nested, key, value, value, f'"{key}": {{}}', (), _EMPTY_MAP
    quiet = not nested and key in _NOT_WORDS
    if type(value) is tuple:
        stored: Any = tuple(jsonable(item) for item in value)
        said_words = () if quiet else tuple(item for item in value if isinstance(item, str))
        return nested, key, value, stored, f'"{key}": {ENCODE(list(stored))}', said_words, tuple
    stored = jsonable(value)
    said_words = (value,) if isinstance(value, str) and not quiet else ()
    return nested, key, value, stored, f'"{key}": {ENCODE(stored)}', said_words, None


# Non-ASCII letters whose upper case holds one of R I V A T E, or that a case-blind regex
# takes for one of P R I V A T E, by the start of their UTF-8 bytes: ı İ (c4 b0, c4 b1),
# ẗ ẚ (e1 ba 97, e1 ba 9a), the ligatures ﬁ ﬃ ﬅ ﬆ (ef ac 81 …). tests/test_build.py checks
# the list against every code point of the running Python's Unicode tables.
CASES_LIKE_PRIVATE = (b"\xc4\xb0", b"\xc4\xb1", b"\xe1\xba", b"\xef\xac")


def may_flag(raw: bytes) -> bool:
    """Whether ``privacy.flag_line`` could find anything in a text made of these bytes:
    False only when no spelling of "private" can be in it (a bytes test: quick)."""
    # ``bytes in bytes`` first tries the left side as a number and fails (an exception made
    # and dropped: longer than the search), so: ``find``, and a byte looked for as a number.
    if raw.upper().find(b"RIVATE") >= 0:
        return True
    if raw.isascii():
        return False
    # A one-byte search is a memchr: look for the longer sequences only where one may be.
    return (0xC4 in raw and (raw.find(b"\xc4\xb0") >= 0 or raw.find(b"\xc4\xb1") >= 0)) or (
        (0xE1 in raw and raw.find(b"\xe1\xba") >= 0) or (0xEF in raw and raw.find(b"\xef\xac") >= 0)
    )
