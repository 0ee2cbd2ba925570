"""Diary days and the dates people type: ISO, today, yesterday, weekday names, spans."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from kapdiary.errors import UsageError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SPAN = re.compile(r"^(\d+)\s*([dwmy])$")
HINT = "use YYYY-MM-DD, today, yesterday, a weekday name, or a span like 7d, 4w, 3m, 1y"


def diary_day(now: datetime, day_start_minutes: int) -> date:
    """The diary day ``now`` belongs to: before the day starts it is still yesterday."""
    return (now - timedelta(minutes=day_start_minutes)).date()


def parse_day(text: str, today: date) -> date:
    """One day: ISO, ``today``, ``yesterday``, or a weekday (the latest on or before today)."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if word.startswith("last "):
        word = word[5:].strip()
    for index, name in enumerate(WEEKDAYS):
        if word in (name, name[:3]):
            return today - timedelta(days=(today.weekday() - index) % 7)
    try:
        return date.fromisoformat(word)
    except ValueError:
        pass
    raise UsageError(f"{text!r} is not a date; {HINT}")


def span_start(text: str, today: date) -> date | None:
    """For spans like ``7d``: the first day of that many days/weeks/months/years to today."""
    match = _SPAN.match(text.strip().lower())
    if not match:
        return None
    count, unit = int(match[1]), match[2]
    if count < 1:
        raise UsageError(f"{text!r} is an empty span; {HINT}")
    if unit == "d":
        return today - timedelta(days=count - 1)
    if unit == "w":
        return today - timedelta(weeks=count) + timedelta(days=1)
    months = count * (12 if unit == "y" else 1)
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    day = min(today.day, _days_in_month(year, month))
    return date(year, month, day) + timedelta(days=1)


def parse_since(text: str, today: date) -> date:
    """A start date: a day, or a span counted back from today."""
    start = span_start(text, today)
    return start if start is not None else parse_day(text, today)


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def long_date(day: date) -> str:
    """``Saturday 21 November 2026``, independent of the machine's locale."""
    return f"{WEEKDAYS[day.weekday()].capitalize()} {day.day} {_MONTHS[day.month - 1]} {day.year}"


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
