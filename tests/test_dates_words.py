"""The words for a day (issue 18, item 3): ``3 days ago``, ``last friday``, ``30 Nov`` and
``30 Nov 2025``, through the one parser (kapdiary.dates), for every command.

What they mean, precisely (docs/dates-and-homes.md):

- ``friday``: the latest Friday on or before today (on a Friday, today);
- ``last friday``: the latest Friday before today (on a Friday, a week ago);
- ``30 Nov``: the latest 30 November on or before today; with ``write --future``, the first
  on or after today;
- ``N days ago`` / ``N weeks ago``: today minus N days / 7N days.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from conftest import entry_file, one_error_line
from kapdiary.dates import EARLIEST, LATEST, MONTHS, WEEKDAYS, parse_day, parse_since
from kapdiary.errors import UsageError

TODAY = date(2026, 11, 21)  # a Saturday, as conftest's NOW
TODAYS = st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31))


@given(today=TODAYS, count=st.integers(0, 3000), unit=st.sampled_from(["day", "week"]))
def test_n_days_or_weeks_ago_is_that_many_days_back(today: date, count: int, unit: str) -> None:
    days = count * (7 if unit == "week" else 1)
    assume(today - timedelta(days=days) >= EARLIEST)
    text = f"{count} {unit}{'s' if count != 1 else ''} ago"
    if count == 0:
        with pytest.raises(UsageError):
            parse_day(text, today)
        return
    assert parse_day(text, today) == today - timedelta(days=days)


@given(today=TODAYS, weekday=st.integers(0, 6), short=st.booleans(), upper=st.booleans())
@example(today=TODAY - timedelta(days=1), weekday=4, short=False, upper=False)  # on a Friday
def test_last_weekday_is_within_the_week_before_today(
    today: date, weekday: int, short: bool, upper: bool
) -> None:
    name = WEEKDAYS[weekday][:3] if short else WEEKDAYS[weekday]
    name = name.upper() if upper else name
    latest = parse_day(name, today)
    last = parse_day(f"last {name}", today)
    assert latest.weekday() == last.weekday() == weekday
    assert today - timedelta(days=6) <= latest <= today
    assert today - timedelta(days=7) <= last < today
    assert last == (latest - timedelta(days=7) if latest == today else latest)


def test_last_friday_on_a_friday_is_a_week_ago_and_friday_is_today() -> None:
    friday = date(2026, 11, 20)
    assert parse_day("friday", friday) == friday
    assert parse_day("last friday", friday) == date(2026, 11, 13)
    assert parse_day("last friday", TODAY) == friday  # on the Saturday after: yesterday


@given(
    today=TODAYS,
    day=st.integers(1, 31),
    month=st.integers(1, 12),
    style=st.sampled_from(["{d} {m}", "{m} {d}", "{d} {M}", "{d}th {m}.", "{M} {d}"]),
)
def test_a_day_and_month_without_a_year_is_the_latest_one_not_after_today(
    today: date, day: int, month: int, style: str
) -> None:
    text = style.format(d=day, m=MONTHS[month - 1][:3], M=MONTHS[month - 1])
    try:
        found = parse_day(text, today)
    except UsageError:
        assume(False)  # 31 Apr, or 29 Feb with no leap year close enough
        return
    assert (found.month, found.day) == (month, day)
    assert found <= today
    later = [
        date(y, month, day) for y in range(found.year + 1, today.year + 1) if _is(y, month, day)
    ]
    assert all(d > today for d in later)  # none later that is still not in the future
    ahead = parse_day(text, today, future=True)
    assert (ahead.month, ahead.day) == (month, day)
    assert ahead >= today
    assert ahead - today < timedelta(days=366 * 8 + 2)


def _is(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@given(day=st.dates(min_value=EARLIEST, max_value=LATEST), today=TODAYS, short=st.booleans())
def test_a_day_month_and_year_is_that_day_whatever_today_is(
    day: date, today: date, short: bool
) -> None:
    month = MONTHS[day.month - 1]
    text = f"{day.day} {month[:3] if short else month} {day.year}"
    assert parse_day(text, today) == day == parse_day(text, today, future=True)
    assert parse_since(text, today) == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("30 Nov", date(2026, 11, 30)),
        ("21 Nov", TODAY),
        ("20 Nov", date(2027, 11, 20)),
        ("3 Jan", date(2027, 1, 3)),
        ("Feb 29", date(2028, 2, 29)),
    ],
)
def test_with_future_a_day_and_month_is_the_next_one(text: str, day: date) -> None:
    assert parse_day(text, TODAY, future=True) == day


def test_write_future_files_30_nov_this_year_and_without_it_last_year(
    run, initialised: Path
) -> None:
    ahead = run("write", "session", "--date", "30 Nov", "--future", "--text", "Planned.")
    assert ahead.exit_code == 0, ahead.output
    assert entry_file(initialised, "2026-11-30-session").is_file()
    back = run("write", "--date", "30 Nov", "--set", "mood=5", "--text", "Remembered.")
    assert back.exit_code == 0, back.output
    assert entry_file(initialised, "2025-11-30-evening").is_file()


@pytest.mark.parametrize(
    "words",
    ["3 days ago", "last friday", "30 Nov", "30 Nov 2025", "Nov 30 2025", "2 weeks ago"],
)
def test_every_reading_command_takes_the_new_words(run, initialised: Path, words: str) -> None:
    for args in (["review", "--since", words], ["progress", "--until", words], ["show", words]):
        result = run(*args)
        assert result.exit_code in (0, 1), result.output
        if result.exit_code == 1:  # show: nothing written that day, said in one line
            assert "nothing is written for" in one_error_line(result)
