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
from typing import Any

from kapdiary.export import FORMAT_NAME, FORMAT_VERSION, Document, Entry, Session, coach


def render(document: Document) -> str:
    return json.dumps(data(document), indent=2, ensure_ascii=False) + "\n"


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
