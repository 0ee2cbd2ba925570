"""The front matter as the index stores it: YAML's values as JSON (``jsonable``) and the
JSON text itself, written as ``json.dumps(value, ensure_ascii=False)`` writes it."""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from json.encoder import encode_basestring
from typing import Any

# json.dumps(value, ensure_ascii=False), with its encoder made once instead of per call
ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def strings_json(strings: list[str]) -> str:
    """``json.dumps(strings, ensure_ascii=False)`` for a list of strings, without making an
    encoder for each list (tests/test_build.py holds the two equal)."""
    return "[" + ", ".join(map(encode_basestring, strings)) + "]"


_PLAIN = frozenset((str, int, bool, type(None)))


def jsonable(value: Any) -> Any:
    """YAML values as JSON: dates as ISO strings, keys as strings, sets as lists."""
    if type(value) in _PLAIN:  # most values: checked first, as the build reads thousands
        return value
    if isinstance(value, dict):
        return {_key(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [jsonable(v) for v in items]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, bytes):
        import base64

        return base64.b64encode(value).decode("ascii")
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _key(key: Any) -> str:
    return key.isoformat() if isinstance(key, date) else str(key)
