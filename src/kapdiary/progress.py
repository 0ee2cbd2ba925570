"""Progress against the stated intentions: every figure of DESIGN §8, defined once.

Input is any sequence of entries (parsed files or index records) with ``date``,
``template``, ``meta`` and ``path``. Output is plain dataclasses; the terminal view, the
JSON output and the exports all read these same numbers.

Definitions, in plain words:
- A *day's value* for a rating is the mean of that day's entries that rate it.
- *mean* is the mean of the day values in the period; *change* is mean minus the previous
  period's mean (the period of the same length just before).
- *strength* (Loop Habit Tracker style) starts at 0 and, for each day with a rating, in
  order, becomes ``prev·m + (rating/10)·(1−m)`` with ``m = 0.5^(1/13)``; days without a
  rating leave it as it is. It runs over the whole history up to the end of the period.
- A *streak* is a run of consecutive diary days with at least one entry. The current streak
  ends on the period's last day, or the day before when that day has no entry yet.
- Around a session entry, *before* is the 7 diary days before its day and *after* the 7
  days after it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from kapdiary.intentions import Intention

M = 0.5 ** (1 / 13)
RATING = (0, 10)
MOOD = (1, 10)
SESSION_WINDOW = 7
FLAT = 0.25  # a change smaller than this is shown as flat


class EntryLike(Protocol):
    @property
    def date(self) -> date | None: ...

    @property
    def template(self) -> str | None: ...

    @property
    def meta(self) -> dict[str, Any]: ...

    @property
    def path(self) -> Path | str | None: ...


@dataclass(frozen=True)
class Period:
    since: date
    until: date

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def previous(self) -> Period:
        return Period(self.since - timedelta(days=self.days), self.since - timedelta(days=1))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.since <= day <= self.until

    def each_day(self) -> list[date]:
        """The period's days in order (worked out once: every series asks for them)."""
        return list(self._days)

    @cached_property
    def _days(self) -> tuple[date, ...]:
        first = self.since.toordinal()
        return tuple(map(date.fromordinal, range(first, first + self.days)))


@dataclass
class Flag:
    """A value left out of the figures, and why (shown on stderr with the file named)."""

    path: str
    message: str


@dataclass
class Series:
    """One rating over the period: mood, a life area, or an intention."""

    days_rated: int
    mean: float | None
    previous_mean: float | None
    change: float | None
    trend: str  # "up", "down", "flat" or "none"
    daily: list[float | None]  # one value per day of the period, None where not rated


@dataclass
class IntentionProgress:
    id: str
    text: str
    area: str | None
    active: bool
    set_on: date
    retired_on: date | None
    series: Series
    strength: float
    previous_strength: float
    last_note: str | None
    last_note_date: date | None


@dataclass
class Streak:
    current: int
    longest: int


@dataclass
class Writing:
    entries: int
    days_written: int
    previous_entries: int
    previous_days_written: int
    streak: Streak
    # ISO day -> entries, from a Monday twelve weeks back to the period's last day.
    heatmap: dict[str, int]


@dataclass
class SessionEffect:
    date: date
    number: int | None
    path: str | None
    mood_before: float | None
    mood_after: float | None
    intentions_before: float | None
    intentions_after: float | None


@dataclass
class Progress:
    period: Period
    previous: Period
    entries: int
    intentions: list[IntentionProgress]
    retired: list[IntentionProgress]
    areas: dict[str, Series]
    mood: Series
    writing: Writing
    sessions: list[SessionEffect]
    flags: list[Flag] = field(default_factory=list)


def strength(daily_values: Iterable[float]) -> float:
    """The Loop-style score after the given day values (0–10), in order."""
    score = 0.0
    for value in daily_values:
        score = score * M + (value / 10) * (1 - M)
    return score


def _mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None


def _trend(change: float | None) -> str:
    if change is None:
        return "none"
    if abs(change) < FLAT:
        return "flat"
    return "up" if change > 0 else "down"


class _Days:
    """Day values of one rating: {day: mean of that day's entries}.

    ``values`` is filled first (by ``_collect``); the day values are worked out once, when a
    figure first asks for them.
    """

    def __init__(self) -> None:
        self.values: dict[date, list[float]] = defaultdict(list)
        self._daily: dict[date, float] | None = None
        self.notes: list[tuple[date, str]] = []

    def daily(self) -> dict[date, float]:
        if self._daily is None:
            values = self.values
            self._daily = {d: sum(values[d]) / len(values[d]) for d in sorted(values)}
        return self._daily

    def series(self, period: Period) -> Series:
        daily = self.daily()
        before = period.previous()
        current = [v for d, v in daily.items() if period.since <= d <= period.until]
        previous = [v for d, v in daily.items() if before.since <= d <= before.until]
        mean, previous_mean = _mean(current), _mean(previous)
        change = mean - previous_mean if mean is not None and previous_mean is not None else None
        return Series(
            days_rated=len(current),
            mean=mean,
            previous_mean=previous_mean,
            change=change,
            trend=_trend(change),
            daily=list(map(daily.get, period._days)),
        )


NUMBER_TYPES = (int, float)  # type() rather than isinstance(): True is not a rating


def _where(item: EntryLike) -> str:
    return str(item.path) if item.path else "an entry"


@dataclass
class _Collected:
    flags: list[Flag] = field(default_factory=list)
    mood: _Days = field(default_factory=_Days)
    areas: dict[str, _Days] = field(default_factory=lambda: defaultdict(_Days))
    ratings: dict[str, _Days] = field(default_factory=lambda: defaultdict(_Days))
    entry_days: dict[date, int] = field(default_factory=lambda: defaultdict(int))
    sessions: list[tuple[date, EntryLike]] = field(default_factory=list)


def _collect(entries: Sequence[EntryLike], until: date) -> _Collected:
    """Day values of every rating up to ``until``; bad values become flags."""
    found = _Collected()
    flags, mood, areas, ratings = found.flags, found.mood, found.areas, found.ratings
    entry_days, sessions = found.entry_days, found.sessions

    # This loop sees every rating of a decade: checks are inlined and NaN fails the range
    # comparisons, so it is refused like any other value out of range.
    low, high = RATING
    for item in entries:
        day = item.date
        meta = item.meta
        if day is None or (not meta and getattr(item, "problem", None)):
            problem = getattr(item, "problem", None)
            flags.append(Flag(_where(item), problem or "no date; add `date: YYYY-MM-DD` to it"))
            continue
        if day > until:
            continue
        entry_days[day] += 1
        if item.template == "session":
            sessions.append((day, item))
        if "mood" in meta:
            value = meta["mood"]
            if type(value) in NUMBER_TYPES and MOOD[0] <= value <= MOOD[1]:
                mood.values[day].append(value)
            else:
                flags.append(Flag(_where(item), f"mood {value!r} is not a number from 1 to 10"))
        for key, store in (("intentions", ratings), ("areas", areas)):
            block = meta.get(key)
            if block is None:
                continue
            if not isinstance(block, dict):
                flags.append(Flag(_where(item), f"{key} should be `name: rating` lines"))
                continue
            for name, raw in block.items():
                if type(raw) in NUMBER_TYPES and low <= raw <= high:
                    store[name if type(name) is str else str(name)].values[day].append(raw)
                else:
                    flags.append(
                        Flag(_where(item), f"{key}.{name} {raw!r} is not a number from 0 to 10")
                    )
        notes = meta.get("intention_notes")
        if isinstance(notes, dict):
            for name, note in notes.items():
                if isinstance(note, str) and note.strip():
                    ratings[str(name)].notes.append((day, note.strip()))
    return found


def compute(
    entries: Sequence[EntryLike],
    intentions: Sequence[Intention],
    period: Period,
    *,
    heatmap_weeks: int = 12,
) -> Progress:
    """All the figures for ``period`` (and the one before it) from ``entries``."""
    found = _collect(entries, period.until)
    flags, ratings, areas = found.flags, found.ratings, found.areas
    intention_figures = [_intention(i, ratings[i.id], period) for i in intentions]
    known = {i.id for i in intentions}
    for name in sorted(set(ratings) - known):
        flags.append(Flag("intentions.toml", f"entries rate {name!r}, which is not an intention"))
    return Progress(
        period=period,
        previous=period.previous(),
        entries=sum(n for d, n in found.entry_days.items() if d in period),
        intentions=[f for f in intention_figures if f.active],
        retired=[f for f in intention_figures if not f.active],
        areas={name: areas[name].series(period) for name in sorted(areas)},
        mood=found.mood.series(period),
        writing=_writing(found.entry_days, period, heatmap_weeks),
        sessions=_sessions(found.sessions, found.mood, ratings, period),
        flags=flags,
    )


def _intention(intention: Intention, days: _Days, period: Period) -> IntentionProgress:
    daily = days.daily()
    history = [v for d, v in daily.items() if d <= period.until]
    before = [v for d, v in daily.items() if d < period.since]
    notes = sorted((n for n in days.notes if n[0] <= period.until), key=lambda n: n[0])
    last_date, last_note = notes[-1] if notes else (None, None)
    return IntentionProgress(
        id=intention.id,
        text=intention.text,
        area=intention.area,
        active=intention.active,
        set_on=intention.set_on,
        retired_on=intention.retired_on,
        series=days.series(period),
        strength=strength(history),
        previous_strength=strength(before),
        last_note=last_note,
        last_note_date=last_date,
    )


@dataclass
class IntentionDetail:
    """One intention in depth: its strength after each day and every note, dated."""

    figures: IntentionProgress
    days: list[date]  # the period's days
    strength_by_day: list[float]  # after each day of the period
    notes: list[tuple[date, str]]  # every note written about it in the period
    session_days: list[date]


def detail(entries: Sequence[EntryLike], intention: Intention, period: Period) -> IntentionDetail:
    found = _collect(entries, period.until)
    days = found.ratings[intention.id]
    daily = days.daily()
    before = [v for d, v in daily.items() if d < period.since]
    score = strength(before)
    by_day: list[float] = []
    for day in period.each_day():
        if day in daily:
            score = score * M + (daily[day] / 10) * (1 - M)
        by_day.append(score)
    return IntentionDetail(
        figures=_intention(intention, days, period),
        days=period.each_day(),
        strength_by_day=by_day,
        notes=sorted((d, n) for d, n in days.notes if d in period),
        session_days=sorted(d for d, _ in found.sessions if d in period),
    )


def streaks(days: Iterable[date], end: date) -> Streak:
    """Current and longest runs of consecutive days, up to ``end``."""
    written = sorted({d for d in days if d <= end})
    longest = run = 0
    previous: date | None = None
    for day in written:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    present = set(written)
    cursor = end if end in present else end - timedelta(days=1)
    current = 0
    while cursor in present:
        current += 1
        cursor -= timedelta(days=1)
    return Streak(current=current, longest=longest)


def _writing(entry_days: dict[date, int], period: Period, weeks: int) -> Writing:
    previous = period.previous()
    # The heat map covers whole weeks (Monday to Sunday) ending with the period's last day.
    last_sunday = period.until + timedelta(days=6 - period.until.weekday())
    first = last_sunday - timedelta(weeks=weeks) + timedelta(days=1)
    heatmap = {
        (first + timedelta(days=n)).isoformat(): entry_days.get(first + timedelta(days=n), 0)
        for n in range((period.until - first).days + 1)
    }
    return Writing(
        entries=sum(n for d, n in entry_days.items() if d in period),
        days_written=sum(1 for d in entry_days if d in period),
        previous_entries=sum(n for d, n in entry_days.items() if d in previous),
        previous_days_written=sum(1 for d in entry_days if d in previous),
        streak=streaks(entry_days, period.until),
        heatmap=heatmap,
    )


def _window(start: date, end: date) -> list[date]:
    """The days from ``start`` to ``end``: a session's window is 7 of them, not the history."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def _window_mean(daily: dict[date, float], start: date, end: date) -> float | None:
    return _mean(daily[d] for d in _window(start, end) if d in daily)


def _sessions(
    sessions: list[tuple[date, EntryLike]],
    mood: _Days,
    ratings: dict[str, _Days],
    period: Period,
) -> list[SessionEffect]:
    mood_daily = mood.daily()
    # Each intention's day value counts once per day in the intention mean.
    intention_values: dict[date, list[float]] = defaultdict(list)
    for days in ratings.values():
        for day, value in days.daily().items():
            intention_values[day].append(value)
    effects: list[SessionEffect] = []
    window = timedelta(days=SESSION_WINDOW)
    one = timedelta(days=1)

    def intentions_mean(start: date, end: date) -> float | None:
        return _mean(v for d in _window(start, end) for v in intention_values.get(d, ()))

    for day, item in sorted(sessions, key=lambda s: s[0]):
        if day not in period:
            continue
        number = item.meta.get("session")
        effects.append(
            SessionEffect(
                date=day,
                number=number if isinstance(number, int) and not isinstance(number, bool) else None,
                path=str(item.path) if item.path else None,
                mood_before=_window_mean(mood_daily, day - window, day - one),
                mood_after=_window_mean(mood_daily, day + one, day + window),
                intentions_before=intentions_mean(day - window, day - one),
                intentions_after=intentions_mean(day + one, day + window),
            )
        )
    return effects


def as_json(progress: Progress) -> dict[str, Any]:
    """The figures with stable, self-explaining keys (documented in the README)."""

    def series(s: Series) -> dict[str, Any]:
        return {
            "days_rated": s.days_rated,
            "mean": _round(s.mean),
            "previous_mean": _round(s.previous_mean),
            "change": _round(s.change),
            "trend": s.trend,
            "daily": [_round(v) for v in s.daily],
        }

    def intention(i: IntentionProgress) -> dict[str, Any]:
        return {
            "id": i.id,
            "text": i.text,
            "area": i.area,
            "set_on": i.set_on.isoformat(),
            "retired_on": i.retired_on.isoformat() if i.retired_on else None,
            **series(i.series),
            "strength": round(i.strength, 4),
            "previous_strength": round(i.previous_strength, 4),
            "last_note": i.last_note,
            "last_note_date": i.last_note_date.isoformat() if i.last_note_date else None,
        }

    return {
        "period": {
            "since": progress.period.since.isoformat(),
            "until": progress.period.until.isoformat(),
            "days": progress.period.days,
        },
        "previous_period": {
            "since": progress.previous.since.isoformat(),
            "until": progress.previous.until.isoformat(),
        },
        "entries": progress.entries,
        "intentions": [intention(i) for i in progress.intentions],
        "retired_intentions": [intention(i) for i in progress.retired],
        "areas": {name: series(s) for name, s in progress.areas.items()},
        "mood": series(progress.mood),
        "writing": {
            "entries": progress.writing.entries,
            "days_written": progress.writing.days_written,
            "previous_entries": progress.writing.previous_entries,
            "previous_days_written": progress.writing.previous_days_written,
            "streak": {
                "current": progress.writing.streak.current,
                "longest": progress.writing.streak.longest,
            },
            "heatmap": progress.writing.heatmap,
        },
        "sessions": [
            {
                "date": s.date.isoformat(),
                "session": s.number,
                "path": s.path,
                "mood_before": _round(s.mood_before),
                "mood_after": _round(s.mood_after),
                "intentions_before": _round(s.intentions_before),
                "intentions_after": _round(s.intentions_after),
            }
            for s in progress.sessions
        ],
        "flags": [{"path": f.path, "problem": f.message} for f in progress.flags],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
