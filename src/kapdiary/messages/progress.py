"""What `kapdiary progress` and `kapdiary sessions` say outside their pictures."""

from __future__ import annotations


def field_never_answered(key: object, measures: object) -> str:
    return (
        f"--field {key!r}: no entry answers it up to this period's end; measures: {measures} "
        "(`kapdiary template show NAME` lists a template's keys)"
    )


def intention_or_field() -> str:
    return "give either --intention or --field, not both"


def period_or_since() -> str:
    return "give either --period or --since, not both"


def field_has_several_ranges(key: object, ids: object) -> str:
    return f"--field {key} has several ranges in your templates; give one of {ids}"


def left_out_of_figures(path: object, problem: object) -> str:
    return f"kapdiary: left out of the figures: {path}: {problem}"


def your_course(count: object, ago: object, day: object) -> str:
    return f"Your course: {count} · the latest {ago}, {day}"


def no_sessions_yet() -> str:
    return (
        "No sessions in your diary yet. After a dosing session, write about it with `kapdiary "
        "write session`; it is numbered for you."
    )


def session_counted_without_number(number: object, path: object) -> str:
    return (
        f"({number}): counted, because the entry has no session number; add `session: {number}` "
        f"to the front matter of {path} to keep it."
    )


def session_number_repeated(number: object, count: object, dates: object) -> str:
    return (
        f"Session {number} appears {count} times ({dates}); if that is not right, change the "
        "number in one of them with `kapdiary edit`."
    )


def session_not_a_number(raw: object) -> str:
    return f"session: {raw!r} is not accepted; give a whole number from 1, like 3"


def days_after_session(days: object, number: object) -> str:
    return f"Day {days} after session {number}"


def session_day(number: object) -> str:
    return f"The day of session {number}"


def an_entry() -> str:
    return "an entry"


def rating_not_a_number(kind: object, key: object, raw: object) -> str:
    return f"{kind}.{key} {raw!r} is not a number from 0 to 10"


def no_date_add_one() -> str:
    return "no date; add `date: YYYY-MM-DD` to it"


def rates_unknown_intention(name: object) -> str:
    return f"entries rate {name!r}, which is not an intention"


def score_not_a_number(value: object) -> str:
    return f"score {value!r} is not a number"


def mood_not_a_number(value: object) -> str:
    return f"mood {value!r} is not a number from 1 to 10"


def ratings_not_lines(kind: object) -> str:
    return f"{kind} should be `name: rating` lines"
