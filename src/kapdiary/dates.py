"""Diary days and the dates people type: the one parser every command's options go through.

Words it accepts, the same for every option (DESIGN §6, §7):

- ``2026-11-21`` (ISO, also ``20261121``), ``today``, ``yesterday``, ``tomorrow``;
- a weekday, ``friday`` or ``fri``: the latest one on or before today; ``last friday``: the
  latest one before today;
- ``30 Nov``, ``Nov 30``, ``30 November 2025``: without a year, the latest such day on or
  before today (with ``future``, as ``write --future`` asks: the first on or after today);
- ``3 days ago``, ``2 weeks ago``, ``6 months ago``, ``a year ago``;
- spans ``3d``, ``2w``, ``6m``, ``1y``: as a start (``--since``) the span up to today, today
  included (``3d``: today and the two days before); as one day or an end (``--date``,
  ``--on``, ``--until``) that long ago (``2w``: two weeks ago).

Every day must lie in the years 1900–2100 (``EARLIEST``–``LATEST``), so no date typed, and
no span however long, can make date arithmetic overflow; anything else is a UsageError
(exit 2) that names the option and says what would work.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from kapdiary.errors import UsageError
from kapdiary.messages import dates as said
from kapdiary.patterns import lazy

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FIRST_YEAR, LAST_YEAR = 1900, 2100
EARLIEST, LATEST = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
DEFAULT_DAYS = 7  # review without a period: the last week
MAX_COUNT = 1_000_000_000  # --last/--limit: more than any diary holds means "all of them"

_UNITS = {"d": "d", "day": "d", "w": "w", "week": "w", "m": "m", "month": "m", "y": "y"}
_UNITS |= {"year": "y"}
_SPAN = lazy(r"([0-9]+)\s*(d|w|m|y)", re.ASCII)
_AGO = lazy(r"([0-9]+|an?|one)\s+(day|week|month|year)s?\s+ago", re.ASCII)
_DAY_MONTH = lazy(r"([0-9]{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+([0-9]{4}))?", re.ASCII)
_MONTH_DAY = lazy(r"([a-z]+)\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?(?:,?\s+([0-9]{4}))?", re.ASCII)
_MAX_TEXT = 64  # nothing a person types for a date is longer


def diary_day(now: datetime, day_start_minutes: int) -> date:
    """The diary day ``now`` belongs to: before the day starts it is still yesterday."""
    return (now - timedelta(minutes=day_start_minutes)).date()


def in_range(day: date) -> bool:
    """Whether ``day`` lies in the years kapdiary keeps (1900–2100)."""
    return EARLIEST <= day <= LATEST


def out_of_range(day: date) -> str:
    """Why a date is refused, in words (also for an entry whose date was edited by hand)."""
    return said.outside_the_years_kept(day.isoformat(), FIRST_YEAR, LAST_YEAR)


# --- the parser ------------------------------------------------------------------------------


def parse_day(text: str, today: date, option: str = "DATE", *, future: bool = False) -> date:
    """One day: any word above; a span means that long ago (``2w``: two weeks ago).

    ``future``: a day and month without a year mean the next such day, not the last one.
    """
    word = _clean(text, option)
    span = _span(word)
    if span:
        day = _back(today, *span, text, option)
    else:
        day = _day(word, today, text, option, future=future)
    return _checked(day, text, option)


def parse_since(text: str, today: date, option: str = "--since") -> date:
    """A first day: a span is counted back from today, today included (``3d``: 3 days)."""
    word = _clean(text, option)
    span = _span(word)
    if span is None:
        return _checked(_day(word, today, text, option), text, option)
    count, unit = span
    start = _back(today, count, unit, text, option) + timedelta(days=1)
    return _checked(start, text, option)


def parse_until(text: str, today: date, option: str = "--until") -> date:
    """A last day: as ``parse_day`` (``2w``: two weeks ago)."""
    return parse_day(text, today, option)


def span_start(text: str, end: date, option: str = "--period") -> date:
    """A span only (``28d``, ``8w``, ``3m``, ``1y``): the first day of that long, ending at
    ``end``."""
    word = _clean(text, option)
    span = _span(word)
    if span is None:
        raise UsageError(said.not_a_span(option, text))
    start = _back(end, *span, text, option) + timedelta(days=1)
    return _checked(start, text, option)


def not_after(day: date, today: date, option: str = "--date", *, allowed: str = "--future") -> None:
    """Refuse a day after today (writing ahead of time needs ``allowed``)."""
    if day > today:
        raise UsageError(said.after_today(option, day.isoformat(), today.isoformat(), allowed))


def period(
    today: date,
    *,
    since: str | None = None,
    until: str | None = None,
    on: str | None = None,
    default_days: int | None = DEFAULT_DAYS,
) -> tuple[date | None, date | None]:
    """The days asked for; without any, the last ``default_days`` diary days (or all)."""
    if on is not None:
        if since is not None or until is not None:
            raise UsageError(said.on_is_one_day())
        day = parse_day(on, today, "--on")
        return day, day
    start = parse_since(since, today) if since is not None else None
    end = parse_until(until, today) if until is not None else None
    check_order(start, end)
    if start is None and end is None and default_days is not None:
        return today - timedelta(days=default_days - 1), today
    return start, end


def check_order(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and start > end:
        raise UsageError(said.since_after_until(start.isoformat(), end.isoformat()))


def check_count(value: int | None, option: str) -> int | None:
    """A number of entries: 1 or more; a huge one means all of them."""
    if value is None:
        return None
    if value < 1:
        raise UsageError(said.not_a_count(option))
    return min(value, MAX_COUNT)


def clamp(day: date) -> date:
    """``day`` moved into 1900–2100 (for a period worked out from entries' own dates)."""
    return min(max(day, EARLIEST), LATEST)


def _clean(text: str, option: str) -> str:
    word = " ".join(text.split()).lower()
    if not word:
        raise UsageError(said.empty(option))
    if len(word) > _MAX_TEXT:
        raise UsageError(said.too_long_for_a_date(option, text[:20]))
    return word


def _span(word: str) -> tuple[int, str] | None:
    match = _SPAN.fullmatch(word) or _AGO.fullmatch(word)
    if not match:
        return None
    count = 1 if match[1] in ("a", "an", "one") else int(match[1])
    return count, _UNITS[match[2]]


def _back(end: date, count: int, unit: str, text: str, option: str) -> date:
    """The day ``count`` units before ``end``; one before 1900 is refused, not computed."""
    if count < 1:
        raise UsageError(said.empty_span(option, text))
    days = {"d": count, "w": count * 7}.get(unit)
    if days is not None:
        if days > end.toordinal() - EARLIEST.toordinal():
            raise _too_early(text, option)
        return end - timedelta(days=days)
    months = count * (12 if unit == "y" else 1)
    total = end.year * 12 + end.month - 1 - months
    if total < FIRST_YEAR * 12:
        raise _too_early(text, option)
    year, month = divmod(total, 12)
    return date(year, month + 1, min(end.day, _days_in_month(year, month + 1)))


def _too_early(text: str, option: str) -> UsageError:
    return UsageError(said.reaches_back_too_far(option, text, FIRST_YEAR, LAST_YEAR))


def _day(word: str, today: date, text: str, option: str, *, future: bool = False) -> date:
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if word == "tomorrow":
        return today + timedelta(days=1)
    last = word.startswith("last ")
    weekday = _weekday(word[5:] if last else word)
    if weekday is not None:
        back = (today.weekday() - weekday) % 7
        return today - timedelta(days=back or (7 if last else 0))
    found = _calendar_day(word, today, option, future=future)
    if found is not None:
        return found
    if word[:1].isdigit() and word.isascii():
        try:
            return date.fromisoformat(word)
        except ValueError:
            pass
    raise UsageError(said.not_a_date(option, text))


def _weekday(word: str) -> int | None:
    for index, name in enumerate(WEEKDAYS):
        if word in (name, name[:3]):
            return index
    return None


def _calendar_day(word: str, today: date, option: str, *, future: bool = False) -> date | None:
    """``30 nov``, ``nov 30``, ``30 november 2025``; without a year the latest such day on
    or before today (``future``: the first on or after today)."""
    match = _DAY_MONTH.fullmatch(word)
    if match:
        day_text, month_text, year_text = match[1], match[2], match[3]
    else:
        match = _MONTH_DAY.fullmatch(word)
        if not match:
            return None
        month_text, day_text, year_text = match[1], match[2], match[3]
    month = _month(month_text)
    if month is None:
        return None
    day = int(day_text)
    if year_text is not None:
        return _calendar(int(year_text), month, day, word, option)
    step = 1 if future else -1  # 29 Feb comes round within eight years
    for year in range(today.year, today.year + 9 * step, step):
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= day <= _days_in_month(year, month):
            found = date(year, month, day)
            if (found >= today) if future else (found <= today):
                return found
    return _calendar(today.year, month, day, word, option)


def _calendar(year: int, month: int, day: int, word: str, option: str) -> date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageError(said.outside_the_years(option, word, FIRST_YEAR, LAST_YEAR))
    if not 1 <= day <= _days_in_month(year, month):
        raise UsageError(said.not_a_date(option, word))
    return date(year, month, day)


def _month(word: str) -> int | None:
    for index, name in enumerate(MONTHS):
        name = name.lower()
        if word == name or (len(word) >= 3 and name.startswith(word)):
            return index + 1
    return None


def _checked(day: date, text: str, option: str) -> date:
    if not in_range(day):
        shown = day.isoformat() if text.strip() == day.isoformat() else f"{text!r} ({day})"
        raise UsageError(said.outside_the_years_give_one(option, shown, FIRST_YEAR, LAST_YEAR))
    return day


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


def long_date(day: date) -> str:
    """``Saturday 21 November 2026``, independent of the machine's locale."""
    return f"{WEEKDAYS[day.weekday()].capitalize()} {day.day} {MONTHS[day.month - 1]} {day.year}"


MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
