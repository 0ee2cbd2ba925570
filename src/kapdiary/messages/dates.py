"""What kapdiary says about the dates and spans people type (`--date`, `--since`, ...):
what was not understood, and what every date option accepts (``HINT``)."""

from __future__ import annotations

# What every date option accepts, said after each mistake.
HINT = (
    "use YYYY-MM-DD, today, yesterday, a weekday, 30 Nov, 3 days ago, or a span like 7d, 4w, 3m, 1y"
)


def reaches_back_too_far(option: object, text: object, first: object, last: object) -> str:
    return (
        f"{option} {text!r} reaches back before {first}; give a shorter span or a date from "
        f"{first} to {last}"
    )


def not_a_date(option: object, text: object) -> str:
    return f"{option} {text!r} is not a date; {HINT}"


def not_a_span(option: object, text: object) -> str:
    return f"{option} takes a span like 28d, 8w, 3m or 1y, not {text!r}"


def after_today(option: object, day: object, today: object, allowed: object) -> str:
    return f"{option} {day} is after today ({today}); add {allowed} if you mean to write ahead"


def since_after_until(start: object, end: object) -> str:
    return f"--since {start} is after --until {end}; swap them"


def not_a_count(option: object) -> str:
    return f"{option} takes a number of entries, 1 or more"


def empty(option: object) -> str:
    return f"{option} is empty; {HINT}"


def too_long_for_a_date(option: object, text: object) -> str:
    return f"{option} {text!r}… is too long for a date; {HINT}"


def empty_span(option: object, text: object) -> str:
    return f"{option} {text!r} is an empty span; {HINT}"


def outside_the_years(option: object, word: object, first: object, last: object) -> str:
    return f"{option} {word!r} is outside the years {first}–{last} kapdiary keeps; {HINT}"


def outside_the_years_give_one(option: object, said: object, first: object, last: object) -> str:
    return (
        f"{option} {said} is outside the years {first}–{last} kapdiary keeps; give a date from "
        f"{first} to {last}"
    )


def on_is_one_day() -> str:
    return "--on is one day; leave out --since and --until, or use them alone"


def outside_the_years_kept(day: object, first: object, last: object) -> str:
    return f"{day} is outside the years {first}–{last} kapdiary keeps"
