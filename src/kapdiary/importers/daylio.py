"""Daylio's CSV export ("Export entries" → CSV), newest entry first.

Current exports have eight columns, older ones seven (``year`` and ``date`` = ``18 May``)::

    full_date,date,weekday,time,mood,activities,note_title,note
    2025-03-01,March 1,Saturday,9:31 pm,good,"family | walk | bad sleep","","Quiet day."

The five moods are ``rad``, ``good``, ``meh``, ``bad`` and ``awful``; on kapdiary's 1–10
scale they are 9, 7, 5, 3 and 1 (``MOODS``; also in the README). A mood the user renamed
in Daylio is mapped with ``--mood LABEL=N``; one with no mapping is imported without a mood
and said as a problem. Activities become tags. Daylio has no id, so the id is a hash of
the row's day, time, mood, activities and words.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from typing import Any

from kapdiary.importers.model import WHOLE_FILE, Imported, Parsed, Problem, clean_tags, stable_id
from kapdiary.messages import importing as words

MOODS = {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::\d{2})?\s*([AaPp]\.?[Mm]\.?)?", re.ASCII)
DAY_MONTH = re.compile(r"(\d{1,2})\s+([^\W\d_]+)|([^\W\d_]+)\s+(\d{1,2})")
BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
NEEDED = ("time", "mood")


def parse(text: str, moods: dict[str, int] | None = None) -> Parsed:
    parsed = Parsed()
    table = MOODS | {k.lower(): v for k, v in (moods or {}).items()}
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))  # a long note is a note
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    try:
        header = [h.strip().lower().lstrip("\ufeff") for h in next(reader)]
    except (StopIteration, csv.Error):
        parsed.problems.append(Problem(WHOLE_FILE, words.DAYLIO_EMPTY))
        return parsed
    missing = [c for c in NEEDED if c not in header]
    if missing or not ({"full_date"} <= set(header) or {"year", "date"} <= set(header)):
        parsed.problems.append(Problem(WHOLE_FILE, words.not_daylio(header)))
        return parsed
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            _row(parsed, dict(zip(header, row, strict=False)), reader.line_num, table)
    except csv.Error as exc:
        parsed.problems.append(Problem(f"line {reader.line_num}", words.csv_stopped(exc)))
    return parsed


def _row(parsed: Parsed, row: dict[str, str], line: int, moods: dict[str, int]) -> None:
    where = f"line {line}"
    when, problem = _when(row)
    if when is None:
        parsed.problems.append(Problem(where, words.skipped(problem, "row")))
        return
    label = (row.get("mood") or "").strip()
    mood = moods.get(label.lower())
    if mood is None:
        parsed.problems.append(Problem(where, _unknown_mood(label, moods), skipped=False))
    activities = [a for a in (row.get("activities") or "").split("|") if a.strip()]
    title = (row.get("note_title") or "").strip()
    note = BREAK.sub("\n", (row.get("note") or "").replace("\r\n", "\n")).strip()
    body = "\n\n".join(part for part in (f"# {title}" if title else "", note) if part)
    parsed.entries.append(
        Imported(
            source_id=stable_id("daylio", when.isoformat(), label, "|".join(activities), body),
            where=where,
            body=body,
            when=when,
            title=title or None,
            tags=clean_tags(activities),
            mood=mood,
        )
    )


def _unknown_mood(label: str, moods: dict[str, int]) -> str:
    if not label:
        return words.NO_MOOD
    return words.unknown_mood(label, list(moods))


def _when(row: dict[str, str]) -> tuple[datetime | None, str]:
    day, problem = _day(row)
    if day is None:
        return None, problem
    raw = (row.get("time") or "").strip()
    match = TIME.fullmatch(raw)
    if match is None:
        return None, words.daylio_bad_time(raw)
    hour, minute, half = int(match.group(1)), int(match.group(2)), match.group(3)
    if half is not None:
        if not 1 <= hour <= 12:
            return None, words.daylio_hour_without_half(raw)
        hour = hour % 12 + (12 if half.lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None, words.daylio_not_time_of_day(raw)
    return datetime(day.year, day.month, day.day, hour, minute), ""


def _day(row: dict[str, Any]) -> tuple[date | None, str]:
    full = (row.get("full_date") or "").strip()
    if full:
        try:
            return date.fromisoformat(full), ""
        except ValueError:
            return None, words.daylio_bad_full_date(full)
    year, shown = (row.get("year") or "").strip(), (row.get("date") or "").strip()
    match = DAY_MONTH.fullmatch(shown)
    if not year.isdigit() or match is None:
        return None, words.daylio_bad_day(shown, year)
    day_text, month_text = (match.group(1), match.group(2)) if match.group(1) else match.group(4, 3)
    month = month_text[:3].lower()
    if month not in MONTHS:
        return None, words.daylio_not_a_month(month_text)
    try:
        return date(int(year), MONTHS.index(month) + 1, int(day_text)), ""
    except ValueError:
        return None, words.daylio_not_real(shown, year)
