"""Numbers and dates as kapdiary writes them, in every view: the terminal, plain text and
the exports (``export/`` imports these too).

Dates never depend on the machine's locale (no ``%b``, ``%a``): the month and weekday
names are kapdiary's own, the same table the date parser reads (``dates``).
"""

from __future__ import annotations

from datetime import date

from kapdiary.dates import (
    MONTHS,  # the one month table: the parser's
    WEEKDAYS,
    long_date,
)

__all__ = [
    "MONTHS",
    "change",
    "day_month",
    "day_month_year",
    "fixed",
    "long_date",
    "month_name",
    "number",
    "short_month",
    "short_span",
    "span",
    "weekday_day_month",
    "weekday_day_month_year",
]

NOTHING = "–"


# --- numbers -----------------------------------------------------------------------------


def number(value: float | None, *, places: int = 1) -> str:
    """``6`` for 6.0, ``6.5`` for 6.5, ``–`` for nothing: a value as a person reads it."""
    if value is None:
        return NOTHING
    if isinstance(value, int):  # a whole number as written, however long
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.{places}f}"


def fixed(value: float | None, *, places: int = 1) -> str:
    """``6.0``, ``6.5``, ``–``: means in a column, where the places line up."""
    return NOTHING if value is None else f"{value:.{places}f}"


def change(value: float, *, places: int = 1) -> str:
    """``+1.2``, ``-0.5``, ``+0.0``: a change from the period before, always signed."""
    return f"{value:+.{places}f}"


# --- dates -------------------------------------------------------------------------------


def month_name(day: date) -> str:
    """``November``."""
    return MONTHS[day.month - 1]


def short_month(day: date) -> str:
    """``Nov``: the month's first three letters."""
    return MONTHS[day.month - 1][:3]


def _short_weekday(day: date) -> str:
    return WEEKDAYS[day.weekday()][:3].capitalize()


def day_month(day: date) -> str:
    """``21 Nov``."""
    return f"{day.day} {short_month(day)}"


def day_month_year(day: date) -> str:
    """``21 Nov 2026``."""
    return f"{day.day} {short_month(day)} {day.year}"


def weekday_day_month(day: date) -> str:
    """``Sat 21 Nov``."""
    return f"{_short_weekday(day)} {day_month(day)}"


def weekday_day_month_year(day: date) -> str:
    """``Sat 21 Nov 2026``."""
    return f"{_short_weekday(day)} {day_month_year(day)}"


def _long_day_month_year(day: date) -> str:
    return f"{day.day} {month_name(day)} {day.year}"


def span(first: date | None, last: date | None) -> str:
    """``15–21 November 2026``, ``30 October – 5 November 2026``, or one long date."""
    if first is None and last is None:
        return "all time"
    if first is None:
        assert last is not None
        return f"up to {_long_day_month_year(last)}"
    if last is None:
        return f"since {_long_day_month_year(first)}"
    if first == last:
        return long_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {month_name(last)} {last.year}"
    if first.year == last.year:
        return f"{first.day} {month_name(first)} – {_long_day_month_year(last)}"
    return f"{_long_day_month_year(first)} – {_long_day_month_year(last)}"


def short_span(first: date, last: date) -> str:
    """``1 Nov – 28 Nov 2026``: a period in a heading."""
    return f"{day_month(first)} – {day_month_year(last)}"
