"""Day One's JSON export: ``Journal.json`` (one per journal, alone or in the export's .zip).

The shape (Day One's "Export → JSON"; ``metadata.version`` 1.0)::

    {"metadata": {"version": "1.0"},
     "entries": [{"uuid": "1546F373...", "creationDate": "2025-03-01T20:31:12Z",
                  "timeZone": "Europe/Berlin", "text": "# A title\\n\\nWords...",
                  "tags": ["family"], "starred": true,
                  "photos": [{"identifier": "AD6F...", "md5": "9f1c...", "type": "jpeg"}]}]}

``creationDate`` is UTC; the entry's day and time are those of its ``timeZone`` (UTC when
the zone is missing or unknown, said as a problem). A photo is named in the text as
``![](dayone-moment://IDENTIFIER)``; the file is ``photos/MD5.TYPE`` in the .zip. Photos
are named in the imported entry, never copied. The ``uuid`` is the stable id.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from kapdiary.importers.model import (
    Imported,
    Parsed,
    Problem,
    clean_tags,
    json_entries,
    stable_id,
)
from kapdiary.messages import importing as words

MOMENT = re.compile(r"!\[[^\]\n]*\]\(dayone-moment:/*(?:(\w+)/)?([A-Za-z0-9-]+)\)")
STARRED = "starred"


def parse(text: str) -> Parsed:
    parsed = Parsed()
    entries = json_entries(text, parsed, words.DAYONE_NO_ENTRIES_LIST)
    if entries is None:
        return parsed
    for n, item in enumerate(entries, 1):
        entry, problems = _entry(item, n)
        parsed.problems += problems
        if entry is not None:
            parsed.entries.append(entry)
    return parsed


def _entry(item: Any, n: int) -> tuple[Imported | None, list[Problem]]:
    if not isinstance(item, dict):
        return None, [Problem(f"entry {n}", words.NOT_AN_ENTRY)]
    uuid = item.get("uuid")
    where = f"entry {n}" + (f" ({uuid})" if isinstance(uuid, str) and uuid else "")
    when, problem = _local_time(item.get("creationDate"), item.get("timeZone"))
    if when is None:
        return None, [Problem(where, words.skipped(problem or ""))]
    problems = [Problem(where, problem, skipped=False)] if problem else []
    text = item.get("text", "")
    if not isinstance(text, str):
        return None, [Problem(where, words.DAYONE_NO_TEXT)]
    tags = clean_tags(item.get("tags") if isinstance(item.get("tags"), list) else [])
    if item.get("starred") is True and STARRED not in tags:
        tags = (*tags, STARRED)
    body = _photos_named(text.replace("\r\n", "\n"), item.get("photos"))
    if isinstance(uuid, str) and uuid.strip():
        source_id = f"dayone:{uuid.strip()}"
    else:
        source_id = stable_id("dayone", when.isoformat(), text)
    return Imported(source_id, where, body.strip(), when=when, tags=tags), problems


def _local_time(stamp: Any, zone: Any) -> tuple[datetime | None, str | None]:
    """``creationDate`` in the entry's own time zone, as a naive local time."""
    if not isinstance(stamp, str):
        return None, words.NO_CREATION_DATE
    try:
        moment = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except ValueError:
        return None, words.bad_creation_date(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    tz, problem = _zone(zone)
    try:
        return moment.astimezone(tz).replace(tzinfo=None), problem
    except (OverflowError, ValueError):
        return None, words.creation_date_out_of_years(stamp)


def _zone(name: Any) -> tuple[Any, str | None]:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not isinstance(name, str) or not name.strip():
        return UTC, words.NO_ZONE
    try:
        return ZoneInfo(name.strip()), None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return UTC, words.unknown_zone(name)


def _photos_named(text: str, photos: Any) -> str:
    """Each ``dayone-moment`` link becomes a line naming the photo's file in the export."""
    files: dict[str, str] = {}
    for photo in photos if isinstance(photos, list) else []:
        if isinstance(photo, dict) and isinstance(photo.get("identifier"), str):
            md5, kind = photo.get("md5"), photo.get("type") or "jpeg"
            if isinstance(md5, str) and md5:
                files[photo["identifier"]] = f"photos/{md5}.{kind}"

    def name(match: re.Match[str]) -> str:
        return words.photo_not_copied(files.get(match.group(2)), match.group(1))

    return MOMENT.sub(name, text)
