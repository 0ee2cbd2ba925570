"""The export as JSON for a coach's own tools: a documented, versioned shape.

``{"format": "kapdiary-export", "version": 1, ...}``; docs/sharing.md ("Sharing with your
coach") documents every key. Within a version, keys are only ever added. ``summary`` is
``kapdiary progress --json`` for the same period and entries, its ``measures`` (the
check-in questionnaires, PHQ-9 and GAD-7) included, without local paths: a session or a
check-in has ``file``, its place in ``entries/``. ``fields`` are an entry's front matter
as the file format (docs/design.md §4) defines it.
A field left out with ``--without`` is absent, wherever it would have been.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C function json.dumps uses for a string
from typing import Any

from kapdiary.export import FORMAT_NAME, FORMAT_VERSION, Document, Entry, Session, coach


def render(document: Document) -> str:
    return dumps(data(document)) + "\n"


def dumps(value: Any) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, the same text, several times
    faster: with ``indent`` the standard library encodes in Python, one generator per
    value. Anything but JSON's own types (and tuples), and a cycle, is handed to
    ``json.dumps``, so its errors stay the same."""
    out: list[str] = []
    try:
        _encode(value, "\n", out)
    except (_NotPlain, RecursionError):  # RecursionError: a cycle, or too deep for either
        return json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(out)


class _NotPlain(Exception):
    """A value ``_encode`` leaves to the standard library (a cycle, a NaN key, a date…)."""


def _encode(value: Any, newline: str, out: list[str]) -> None:
    """Append ``value`` as json.dumps would write it at the depth ``newline`` indents to;
    the checks run in the order json.encoder's ``_iterencode`` runs them."""
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif kind is dict:
        _object(value, newline, out)
    elif kind is list or kind is tuple:
        _array(value, newline, out)
    else:
        out.append(_scalar(value))


def _scalar(value: Any) -> str:
    """A value that is not a ``str``, ``dict``, ``list`` or ``tuple`` (exactly those types)."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value or value in (_INFINITY, -_INFINITY):
            raise _NotPlain  # NaN and the infinities: as json.dumps spells them
        return float.__repr__(value)
    raise _NotPlain  # a subclass of list or dict, a date, a set…: json.dumps decides


_INFINITY = float("inf")


def _array(value: list[Any] | tuple[Any, ...], newline: str, out: list[str]) -> None:
    if not value:
        out.append("[]")
        return
    inner = newline + "  "
    comma = "," + inner
    out.append("[" + inner)
    first = True
    for item in value:
        if not first:
            out.append(comma)
        first = False
        kind = type(item)
        if kind is str:
            out.append(encode_basestring(item))
        elif kind is dict:
            _object(item, inner, out)
        elif kind is list or kind is tuple:
            _array(item, inner, out)
        else:
            out.append(_PLAIN[item] if kind is bool or item is None else _scalar(item))
    out.append(newline + "]")


def _object(value: dict[Any, Any], newline: str, out: list[str]) -> None:
    if not value:
        out.append("{}")
        return
    inner = newline + "  "
    comma = "," + inner
    out.append("{" + inner)
    first = True
    for key, item in value.items():
        if type(key) is not str:
            raise _NotPlain  # json.dumps turns some keys into text: let it
        if not first:
            out.append(comma)
        first = False
        said = _KEYS.get(key)
        if said is None:
            said = encode_basestring(key) + ": "
            if len(_KEYS) < _KEYS_KEPT:
                _KEYS[key] = said
        out.append(said)
        kind = type(item)
        if kind is str:
            out.append(encode_basestring(item))
        elif kind is dict:
            _object(item, inner, out)
        elif kind is list or kind is tuple:
            _array(item, inner, out)
        else:
            out.append(_PLAIN[item] if kind is bool or item is None else _scalar(item))
    out.append(newline + "}")


# A key as written before its value (``"date": ``), made once: an export repeats the same
# few keys thousands of times. Only so many are kept (a diary's own field names are few).
_KEYS: dict[str, str] = {}
_KEYS_KEPT = 4096
_PLAIN = {None: "null", True: "true", False: "false"}  # (``True == 1``: bools and None only)


def data(document: Document) -> dict[str, Any]:
    period = document.period
    request = document.request
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "made": document.made.isoformat(timespec="seconds"),
        "client": document.client,
        "coach": document.coach,
        "period": {
            "since": period.since.isoformat(),
            "until": period.until.isoformat(),
            "days": period.days,
        },
        "only": {"templates": list(request.templates), "tags": list(request.tags)},
        "intentions": [
            {
                "id": i.id,
                "text": i.text,
                "area": i.area,
                "set_on": i.set_on.isoformat(),
                "retired_on": i.retired_on.isoformat() if i.retired_on else None,
            }
            for i in document.intentions
        ],
        "since_last_conversation": [
            _entry(e) for e in coach.coaching_entries(document)
        ],  # the coaching entries, newest first
        "summary": document.summary,
        "sessions": [_session(s, document) for s in document.sessions],
        "entries": [_entry(e) for e in document.entries],
    }


def _session(session: Session, document: Document) -> dict[str, Any]:
    out: dict[str, Any] = {"date": session.date.isoformat()}
    if document.shows("session"):
        out["session"] = session.number
    out["file"] = session.file
    out.update(session.fields)
    if document.shows("mood"):
        out["mood_before"] = _round(session.mood_before)
        out["mood_after"] = _round(session.mood_after)
    if document.shows("intentions"):
        out["intentions_before"] = _round(session.intentions_before)
        out["intentions_after"] = _round(session.intentions_after)
    return out


def _entry(entry: Entry) -> dict[str, Any]:
    return {
        "date": entry.date.isoformat(),
        "time": entry.time,
        "template": entry.template,
        "title": entry.title,
        "file": entry.file,
        "private": entry.private,
        "tags": list(entry.tags),
        "fields": entry.fields,
        "text": entry.intro,
        "sections": [
            {"heading": s.heading, "text": s.text, "private": s.private} for s in entry.sections
        ],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
