"""Reading kapdiary's TOML files (config.toml, intentions.toml) quickly.

``tomllib`` compiles its regular expressions when it is imported, which costs a reading
command more than reading the file does. The files kapdiary writes itself (with tomli-w)
use a small part of TOML, so ``loads`` reads that part directly: ``key = value`` lines with
bare keys, ``[[table]]`` headers, and values that are basic strings without escapes,
plain integers, ``true``/``false``, local dates and arrays of those (on one line, or one
item a line as tomli-w writes them, inline tables included). Anything else (a comment,
a dotted or quoted key, an escape, a float, a table header, odd spacing, a repeated key,
an invalid date) is read by ``tomllib``, so hand-edited files mean exactly what TOML says
and their errors are tomllib's. tests/test_toml_read.py holds both readers equal.
"""

from __future__ import annotations

from datetime import date
from typing import Any

_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _Other(Exception):
    """Not the house style: tomllib reads it."""


def loads(text: str) -> dict[str, Any]:
    """What ``tomllib.loads(text)`` returns (and raises: a ``ValueError``)."""
    try:
        return _house(text)
    except _Other:
        import tomllib

        return tomllib.loads(text)


def _house(text: str) -> dict[str, Any]:
    top: dict[str, Any] = {}
    here = top
    made: set[str] = set()  # arrays that [[name]] headers made (only those take one more)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    at = 0
    while at < len(lines):
        line = lines[at]
        at += 1
        if not line:
            continue
        if any(c < " " or c == "\x7f" for c in line):
            raise _Other  # tabs, CR, control characters: tomllib decides
        if line.startswith("[["):
            here = _table(top, line, made)
            continue
        key, sep, raw = line.partition(" = ")
        if not sep or not _bare(key) or key in here:
            raise _Other
        if raw == "[":
            items, at = _array_lines(lines, at)
            here[key] = items
        else:
            here[key] = _value(raw)
    return top


def _table(top: dict[str, Any], line: str, made: set[str]) -> dict[str, Any]:
    """``[[name]]``: a new table appended to the array ``name``."""
    if not line.endswith("]]"):
        raise _Other
    name = line[2:-2]
    if not _bare(name) or (name in top and name not in made):
        raise _Other
    made.add(name)
    table: dict[str, Any] = {}
    top.setdefault(name, []).append(table)
    return table


def _array_lines(lines: list[str], at: int) -> tuple[list[Any], int]:
    """An array written one item a line (``    "item",``) up to a line ``]``."""
    items: list[Any] = []
    while at < len(lines):
        line = lines[at]
        at += 1
        if line == "]":
            return items, at
        if not line.startswith("    ") or not line.endswith(","):
            raise _Other
        items.append(_item(line[4:-1]))
    raise _Other


def _item(raw: str) -> Any:
    """An item of an array written one a line: a value, or an inline table
    (``{ id = "kids", set_on = 2026-11-01 }``, as tomli-w writes intentions)."""
    if raw == "{}":
        return {}
    if not (raw.startswith("{ ") and raw.endswith(" }")):
        return _scalar(raw)
    table: dict[str, Any] = {}
    for part in _parts(raw[2:-2]):
        key, sep, value = part.partition(" = ")
        if not sep or not _bare(key) or key in table:
            raise _Other
        table[key] = _value(value)
    return table


def _value(raw: str) -> Any:
    if raw.startswith("[") and raw.endswith("]"):
        inner = raw[1:-1]
        if not inner:
            return []
        return [_scalar(part) for part in _parts(inner)]
    return _scalar(raw)


def _scalar(raw: str) -> Any:
    if len(raw) >= 2 and raw[0] == '"' and raw[-1] == '"':
        inner = raw[1:-1]
        if '"' in inner or "\\" in inner:
            raise _Other
        return inner
    if raw == "true":
        return True
    if raw == "false":
        return False
    digits = raw[1:] if raw.startswith("-") else raw
    if digits.isascii() and digits.isdigit() and len(digits) <= 18:
        if digits[0] == "0" and (len(digits) > 1 or raw != "0"):
            raise _Other  # leading zeros, -0: tomllib decides
        return int(raw)
    if len(raw) == 10 and raw[4] == "-" and raw[7] == "-" and raw.replace("-", "").isdigit():
        if not raw.isascii():
            raise _Other
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise _Other from None
    raise _Other


def _parts(inner: str) -> list[str]:
    """``inner`` split at each ``, `` outside a string (strings here hold no quote)."""
    if "\\" in inner:
        raise _Other
    parts, start, quoted = [], 0, False
    for at, char in enumerate(inner):
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "," and inner.startswith(", ", at):
            parts.append(inner[start:at])
            start = at + 2
    parts.append(inner[start:])
    return parts


def _bare(key: str) -> bool:
    return bool(key) and all(c in _KEY_CHARS for c in key)
