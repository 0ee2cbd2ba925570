"""Make the Day One and Daylio samples in this folder (deterministic; run from anywhere).

Day One: Journal.json as Day One's "Export → JSON" writes it (metadata.version 1.0;
entries with uuid, creationDate in UTC, timeZone, text, tags, starred, photos), and the
export's .zip (Journal.json and photos/MD5.TYPE). Daylio: a CSV export in the current
eight-column layout. The expected figures the tests check are printed at the end.
"""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).parent
ZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London"]
WORDS = [
    "Long walk after work, the air smelled of rain.",
    "Talked with my coach about the last session.",
    "Felt tender all day; let it be.",
    "Slept badly, but the morning was kind.",
    "Noticed I was kinder to myself when I slipped.",
]


def dayone() -> None:
    rng = random.Random(1)
    entries = []
    moment = datetime(2025, 2, 1, 19, 0, tzinfo=UTC)
    for n in range(40):
        moment += timedelta(days=rng.choice([1, 2, 3]), minutes=rng.randrange(-120, 240))
        uuid = f"{n:04X}" + "A1B2C3D4E5F60718293A4B5C6D7E"
        entry = {
            "uuid": uuid,
            "creationDate": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "modifiedDate": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "timeZone": ZONES[n % len(ZONES)],
            "text": f"# Day {n + 1}\n\n" + "\n".join(rng.sample(WORDS, 2)),
            "tags": rng.sample(["Family", "walk", "Coach Session", "sleep"], n % 3),
            "starred": n % 7 == 0,
            "duration": 0,
            "isPinned": False,
        }
        if n % 10 == 3:
            ident = f"PHOTO{n:02d}" + "0" * 25
            entry["photos"] = [
                {
                    "identifier": ident,
                    "md5": f"{n:02d}" + "ab" * 15,
                    "type": "jpeg",
                    "orderInEntry": 0,
                }
            ]
            entry["text"] += f"\n\n![](dayone-moment://{ident})"
        entries.append(entry)
    entries[5].pop("timeZone")  # an export without a zone: imported in UTC, and said
    entries[11]["creationDate"] = "yesterday"  # a broken date: skipped and named
    data = {"metadata": {"version": "1.0"}, "entries": entries}
    text = json.dumps(data, indent=2, ensure_ascii=False)
    (HERE / "dayone" / "Journal.json").write_text(text, encoding="utf-8")
    with zipfile.ZipFile(HERE / "dayone" / "export.zip", "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("Journal.json", date_time=(2026, 11, 1, 0, 0, 0))
        z.writestr(info, text)
        for e in entries:
            for p in e.get("photos", []):
                info = zipfile.ZipInfo(f"photos/{p['md5']}.jpeg", date_time=(2026, 11, 1, 0, 0, 0))
                z.writestr(info, b"\xff\xd8\xff\xe0not really a photo")
    print("dayone:", len(entries), "entries,", sum(e["starred"] for e in entries), "starred")


MOODS = ["rad", "good", "meh", "bad", "awful"]
ACTIVITIES = ["family", "walk", "bad sleep", "movies / tv", "meditation", "work"]


def daylio() -> None:
    rng = random.Random(2)
    rows = []
    day = datetime(2025, 6, 1, 20, 0)
    for n in range(60):
        day += timedelta(days=1)
        when = day.replace(
            hour=rng.choice([8, 13, 21, 22, 0 if n % 9 else 1]), minute=rng.randrange(60)
        )
        if when.hour < 4:
            when += timedelta(days=1)
        mood = MOODS[n % 5] if n != 17 else "super"  # a renamed mood
        acts = " | ".join(rng.sample(ACTIVITIES, n % 4))
        note = "" if n % 3 else rng.choice(WORDS) + (' Then, "quietly", home.' if n % 2 else "")
        if n == 30:
            note = "First line.<br>Second line, with a comma."
        hour12 = f"{(when.hour % 12) or 12}:{when.minute:02d} {'pm' if when.hour >= 12 else 'am'}"
        rows.append(
            [
                when.strftime("%Y-%m-%d"),
                when.strftime("%B %-d"),
                when.strftime("%A"),
                hour12 if n % 2 else when.strftime("%H:%M"),
                mood,
                acts,
                "Evening" if n == 4 else "",
                note,
            ]
        )
    rows[40][0] = "2025-02-30"  # a broken date: skipped and named
    rows.reverse()  # Daylio writes the newest first
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"]
    )
    writer.writerows(rows)
    (HERE / "daylio" / "daylio_export.csv").write_text(out.getvalue(), encoding="utf-8")
    print("daylio:", len(rows), "rows")


if __name__ == "__main__":
    dayone()
    daylio()
