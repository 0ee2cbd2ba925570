"""Progress against the stated intentions: every figure of docs/design.md §8, defined once.

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

# No ``from __future__ import annotations`` in this module (written so when it held a
# typing.NamedTuple, which compiles each field's annotation string at import; a process's
# first compile costs ~10 M instructions, and tests/test_launch.py checks none happens).
# Names that exist only for the type checker, and forward references, are in quotes.
import math
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import cached_property
from itertools import chain, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, overload

from kapdiary.dates import in_range
from kapdiary.fields import RATING_RANGE
from kapdiary.intentions import Intention
from kapdiary.messages import progress as said
from kapdiary.plain import Frozen, Plain

if TYPE_CHECKING:
    from datetime import date as Day  # for a field named date, in its class's __init__

    from kapdiary.fields import Field as TemplateField

M = 0.5 ** (1 / 13)
RATING = RATING_RANGE  # an intention's or a life area's 0–10, defined once in fields
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


class Period(Frozen):
    """The days the figures are for, first and last included."""

    since: date
    until: date

    _fields = ("since", "until")

    def __init__(self, since: date, until: date) -> None:
        object.__setattr__(self, "since", since)
        object.__setattr__(self, "until", until)

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def previous(self) -> "Period":
        """The same number of days just before (never before the calendar's first day)."""
        first = max(self.since.toordinal() - self.days, 1)
        last = max(self.since.toordinal() - 1, 1)
        return Period(date.fromordinal(first), date.fromordinal(last))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.since <= day <= self.until

    def each_day(self) -> list[date]:
        """The period's days in order (worked out once: every series asks for them)."""
        return list(self._days)

    @cached_property
    def _days(self) -> tuple[date, ...]:
        first = self.since.toordinal()
        return tuple(map(date.fromordinal, range(first, first + self.days)))


class Flag(Plain):
    """A value left out of the figures, and why (shown on stderr with the file named)."""

    path: str
    message: str
    field: str  # the front matter field it is about ("mood", "areas.body"), if one

    _fields = ("path", "message", "field")

    def __init__(self, path: str, message: str, field: str = "") -> None:
        self.path = path
        self.message = message
        self.field = field


class _ReadsAsList(Sequence[Any]):
    """A sequence that stands for a list it does not hold: equal to that list (and to a
    tuple or another of its kind with the same items), shown as it, never hashed."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _ReadsAsList | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"

    def _position(self, where: int) -> int:
        """``where`` as a position from the start (a negative one counts from the end), or
        IndexError as a list gives."""
        at = where + len(self) if where < 0 else where
        if not 0 <= at < len(self):
            raise IndexError(where)
        return at


class Daily(_ReadsAsList):
    """One value per day of a period, ``None`` where the day is not rated, held as the
    rated days (ordinals) and their values in the compact arrays ``Days`` keeps: thirty
    years of ten ratings are not a third of a million list slots and float objects. It
    reads as the list it stands for (index, slice, iterate, ``==`` a list); ``means`` gives
    the sparklines' buckets without making that list."""

    __slots__ = ("days", "first", "length", "values")

    def __init__(
        self, first: int, length: int, days: Sequence[int], values: Sequence[float]
    ) -> None:
        self.first = first  # the period's first day (ordinal)
        self.length = length
        self.days = days  # ascending, each once, all within the period
        self.values = values

    @classmethod
    def of(cls, values: Iterable["float | None"]) -> "Daily":
        """From the list it stands for (its first day is 0)."""
        every = list(values)
        pairs = [(n, v) for n, v in enumerate(every) if v is not None]
        return cls(0, len(every), array("i", [n for n, _ in pairs]), [v for _, v in pairs])

    def __len__(self) -> int:
        return self.length

    def __iter__(self) -> Iterator["float | None"]:
        return iter(self._window(0, self.length))

    @overload
    def __getitem__(self, where: int) -> "float | None": ...

    @overload
    def __getitem__(self, where: slice) -> "list[float | None]": ...

    def __getitem__(self, where: "int | slice") -> "float | list[float | None] | None":
        if isinstance(where, slice):
            start, stop, step = where.indices(self.length)
            if step != 1:
                return self._window(0, self.length)[where]
            return self._window(start, max(start, stop))
        day = self.first + self._position(where)
        at = bisect_left(self.days, day)
        return self.values[at] if at < len(self.days) and self.days[at] == day else None

    def _window(self, start: int, stop: int) -> "list[float | None]":
        """The days from position ``start`` up to ``stop`` as a list."""
        first = self.first + start
        low, high = bisect_left(self.days, first), bisect_left(self.days, self.first + stop)
        found: list[float | None] = [None] * (stop - start)
        for day, value in zip(self.days[low:high], self.values[low:high], strict=True):
            found[day - first] = value
        return found

    def means(self, size: int) -> "list[float | None]":
        """The mean of each ``size`` days in turn (the last group may be shorter), ``None``
        for a group with no rated day: the same sums, in the same order, as the list's."""
        found: list[float | None] = []
        days, values = self.days, self.values
        low = 0
        for start in range(self.first, self.first + self.length, size):
            high = bisect_left(days, start + size, low)
            found.append(_mean(values[low:high]))
            low = high
        return found


def bucket_means(values: Sequence["float | None"], size: int) -> "list[float | None]":
    """The mean of the rated days of each ``size`` days in turn (``None`` where none is)."""
    if isinstance(values, Daily):
        return values.means(size)
    found: list[float | None] = []
    for start in range(0, len(values), size):
        found.append(_mean(v for v in values[start : start + size] if v is not None))
    return found


class Series(Plain):
    """One rating over the period: mood, a life area, or an intention."""

    days_rated: int
    mean: float | None
    previous_mean: float | None
    change: float | None
    trend: str  # "up", "down", "flat" or "none"
    daily: "Daily"  # one value per day of the period, None where not rated

    _fields = ("days_rated", "mean", "previous_mean", "change", "trend", "daily")

    def __init__(
        self,
        days_rated: int,
        mean: float | None,
        previous_mean: float | None,
        change: float | None,
        trend: str,
        daily: "Daily",
    ) -> None:
        self.days_rated = days_rated
        self.mean = mean
        self.previous_mean = previous_mean
        self.change = change
        self.trend = trend
        self.daily = daily


class IntentionProgress(Plain):
    """One intention's figures over the period (its rating ``series``, strength, last note)."""

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

    _fields = (
        "id",
        "text",
        "area",
        "active",
        "set_on",
        "retired_on",
        "series",
        "strength",
        "previous_strength",
        "last_note",
        "last_note_date",
    )

    def __init__(
        self,
        id: str,
        text: str,
        area: str | None,
        active: bool,
        set_on: date,
        retired_on: date | None,
        series: Series,
        strength: float,
        previous_strength: float,
        last_note: str | None,
        last_note_date: date | None,
    ) -> None:
        self.id = id
        self.text = text
        self.area = area
        self.active = active
        self.set_on = set_on
        self.retired_on = retired_on
        self.series = series
        self.strength = strength
        self.previous_strength = previous_strength
        self.last_note = last_note
        self.last_note_date = last_note_date


class Streak(Plain):
    """Runs of consecutive diary days with an entry: the one still going, the longest."""

    current: int
    longest: int

    _fields = ("current", "longest")

    def __init__(self, current: int, longest: int) -> None:
        self.current = current
        self.longest = longest


class Writing(Plain):
    """How much was written in the period and the one before it, the streaks, the calendar."""

    entries: int
    days_written: int
    previous_entries: int
    previous_days_written: int
    streak: Streak
    # ISO day -> entries, from a Monday twelve weeks back to the period's last day.
    heatmap: dict[str, int]

    _fields = (
        "entries",
        "days_written",
        "previous_entries",
        "previous_days_written",
        "streak",
        "heatmap",
    )

    def __init__(
        self,
        entries: int,
        days_written: int,
        previous_entries: int,
        previous_days_written: int,
        streak: Streak,
        heatmap: dict[str, int],
    ) -> None:
        self.entries = entries
        self.days_written = days_written
        self.previous_entries = previous_entries
        self.previous_days_written = previous_days_written
        self.streak = streak
        self.heatmap = heatmap


class SessionEffect(Plain):
    """Mood and intention ratings in the 7 diary days before a dosing session and after."""

    date: date
    number: int | None
    path: str | None
    mood_before: float | None
    mood_after: float | None
    intentions_before: float | None
    intentions_after: float | None

    _fields = (
        "date",
        "number",
        "path",
        "mood_before",
        "mood_after",
        "intentions_before",
        "intentions_after",
    )

    def __init__(
        self,
        date: "Day",
        number: int | None,
        path: str | None,
        mood_before: float | None,
        mood_after: float | None,
        intentions_before: float | None,
        intentions_after: float | None,
    ) -> None:
        self.date = date
        self.number = number
        self.path = path
        self.mood_before = mood_before
        self.mood_after = mood_after
        self.intentions_before = intentions_before
        self.intentions_after = intentions_after


class SessionEffects(_ReadsAsList):
    """The period's sessions with the figures around each, in date order, worked out when
    first read: the terminal shows the latest dozen of a decade's thousand, the JSON and
    the exports read them all. Reads as the list it stands for (``==`` a list)."""

    __slots__ = ("_found", "_mood", "_rated", "_sessions")

    def __init__(
        self,
        sessions: "Sequence[tuple[int, int | None, str | None]]",
        mood: "Days",
        rated: "Sequence[Days]",
    ) -> None:
        self._sessions = sessions  # (day, number, path), by day
        self._mood = mood
        self._rated = rated  # each intention's day values, in the history's order
        self._found: list[SessionEffect | None] = [None] * len(sessions)

    def __len__(self) -> int:
        return len(self._sessions)

    def __iter__(self) -> Iterator[SessionEffect]:
        return iter(self[:])

    @overload
    def __getitem__(self, where: int) -> SessionEffect: ...

    @overload
    def __getitem__(self, where: slice) -> "list[SessionEffect]": ...

    def __getitem__(self, where: "int | slice") -> "SessionEffect | list[SessionEffect]":
        if isinstance(where, slice):
            start, stop, step = where.indices(len(self))
            self._work_out(*((start, stop) if step == 1 else (0, len(self))))
            return self._found[where]  # type: ignore[return-value]
        at = self._position(where)
        self._work_out(at, at + 1)
        return self._found[at]  # type: ignore[return-value]

    def _work_out(self, start: int, stop: int) -> None:
        """The figures of the sessions from ``start`` up to ``stop`` not worked out yet."""
        missing = [n for n in range(start, stop) if self._found[n] is None]
        if not missing:
            return
        chosen = range(missing[0], missing[-1] + 1)
        window = SESSION_WINDOW
        mood = self._mood
        # Each intention's day value counts once per day in the intention mean, added up
        # day by day and on each day in the history's order of intentions: one list in
        # that order over the chosen sessions' windows, so each window is a slice of it.
        first = self._sessions[chosen[0]][0] - window
        last = self._sessions[chosen[-1]][0] + window
        spans = [(n, days, *days.span(first, last)) for n, days in enumerate(self._rated)]
        # Sorted by (day, intention): each pair is there once, so values are never compared.
        merged = sorted(
            chain.from_iterable(
                zip(d.days[start:end], repeat(n), d.values[start:end]) for n, d, start, end in spans
            )
        )
        rated_days = array("i", [day for day, _, _ in merged])
        ratings = array("d", [value for _, _, value in merged])

        def intentions(first: "int", last: "int") -> "Sequence[float]":
            return ratings[bisect_left(rated_days, first) : bisect_right(rated_days, last)]

        for n in chosen:
            day, number, path = self._sessions[n]
            self._found[n] = SessionEffect(
                date=date.fromordinal(day),
                number=number,
                path=path,
                mood_before=_mean(mood.between(day - window, day - 1)),
                mood_after=_mean(mood.between(day + 1, day + window)),
                intentions_before=_mean(intentions(day - window, day - 1)),
                intentions_after=_mean(intentions(day + 1, day + window)),
            )


class Scale(Plain):
    """How a questionnaire is scored (from its template): a name and the bands."""

    label: str
    bands: list[tuple[int, str]]  # (lowest score, name), in order
    highest: int | None

    _fields = ("label", "bands", "highest")

    def __init__(
        self, label: str, bands: list[tuple[int, str]], highest: int | None = None
    ) -> None:
        self.label = label
        self.bands = bands
        self.highest = highest


class CheckIn(Plain):
    """One questionnaire filled in: its day, score and band."""

    date: date
    score: float
    severity: str | None
    path: str | None

    _fields = ("date", "score", "severity", "path")

    def __init__(
        self, date: "Day", score: float, severity: str | None, path: str | None = None
    ) -> None:
        self.date = date
        self.score = score
        self.severity = severity
        self.path = path


class Measure(Plain):
    """A scored questionnaire (PHQ-9, GAD-7, a coach's own) over time: every check-in in
    the period, and the change from the very first check-in to the latest."""

    id: str  # the template's name
    label: str
    bands: list[tuple[int, str]]
    highest: int | None
    scores: list[CheckIn]  # in the period, oldest first
    first: CheckIn | None  # the first ever (up to the period's end)
    latest: CheckIn | None  # the latest up to the period's end
    change_since_first: float | None

    _fields = ("id", "label", "bands", "highest", "scores", "first", "latest", "change_since_first")

    def __init__(
        self,
        id: str,
        label: str,
        bands: list[tuple[int, str]],
        highest: int | None,
        scores: list[CheckIn],
        first: CheckIn | None,
        latest: CheckIn | None,
        change_since_first: float | None,
    ) -> None:
        self.id = id
        self.label = label
        self.bands = bands
        self.highest = highest
        self.scores = scores
        self.first = first
        self.latest = latest
        self.change_since_first = change_since_first

    def band_ranges(self) -> list[tuple[int, int | None, str]]:
        """Each band as (lowest, highest, name): a band ends where the next one starts;
        the last ends at the highest score (None when it is not known)."""
        bands = self.bands
        return [
            (low, bands[n + 1][0] - 1 if n + 1 < len(bands) else self.highest, name)
            for n, (low, name) in enumerate(bands)
        ]


class Tracked(Plain):
    """One of a template's own measures over the period (a ``scale``, ``number``,
    ``yesno``, ``choice`` or ``multi`` field), with the same figures as mood.

    A field with the same key and range in several templates is one series; the same key
    with another range (or type) is a series of its own, its id then ``key@low-high`` (or
    ``key@type``). For ``yesno`` a day's value is 1 when any answer that day was yes, so
    ``series.mean`` is the share of answered days that were yes and ``series.change`` its
    change; for ``choice``/``multi`` ``counts`` are the answers per option.
    """

    id: str
    key: str
    type: str  # scale, number, yesno, choice or multi
    label: str  # the template's words for it, never the raw key
    unit: str | None
    low: float | None  # the range (a scale's, or a number's min and max when given)
    high: float | None
    templates: list[str]
    series: Series | None  # scale, number, yesno
    days_yes: int  # yesno: days answered yes in the period
    previous_days_yes: int
    options: list[str]  # choice, multi: in the template's order
    counts: dict[str, int]  # answers per option in the period
    previous_counts: dict[str, int]
    answered: int  # days with an answer in the period (yesno, choice, multi)
    previous_answered: int
    left_out: int  # answers that do not fit the definition (out of range, not an option)

    _fields = (
        "id",
        "key",
        "type",
        "label",
        "unit",
        "low",
        "high",
        "templates",
        "series",
        "days_yes",
        "previous_days_yes",
        "options",
        "counts",
        "previous_counts",
        "answered",
        "previous_answered",
        "left_out",
    )

    def __init__(
        self,
        id: str,
        key: str,
        type: str,
        label: str,
        unit: str | None,
        low: float | None,
        high: float | None,
        templates: list[str],
        series: Series | None = None,
        days_yes: int = 0,
        previous_days_yes: int = 0,
        options: list[str] | None = None,
        counts: dict[str, int] | None = None,
        previous_counts: dict[str, int] | None = None,
        answered: int = 0,
        previous_answered: int = 0,
        left_out: int = 0,
    ) -> None:
        self.id = id
        self.key = key
        self.type = type
        self.label = label
        self.unit = unit
        self.low = low
        self.high = high
        self.templates = templates
        self.series = series
        self.days_yes = days_yes
        self.previous_days_yes = previous_days_yes
        self.options = [] if options is None else options
        self.counts = {} if counts is None else counts
        self.previous_counts = {} if previous_counts is None else previous_counts
        self.answered = answered
        self.previous_answered = previous_answered
        self.left_out = left_out

    @property
    def numeric(self) -> bool:
        return self.type in ("scale", "number")


COACHING = "coaching"  # the template of the entries written after meeting the coach
WILL_TRY, NEXT_QUESTION = "will_try", "next_question"  # its fields the figures list


class Coaching(Plain):
    """An entry written after a coaching session: what I will try, what to ask next."""

    date: date
    path: str | None
    will_try: list[str]
    question: str | None

    _fields = ("date", "path", "will_try", "question")

    def __init__(
        self, date: "Day", path: str | None, will_try: list[str], question: str | None
    ) -> None:
        self.date = date
        self.path = path
        self.will_try = will_try
        self.question = question


def coaching(entries: Iterable[EntryLike], period: Period) -> list[Coaching]:
    """The coaching entries in the period, oldest first."""
    found = []
    for item in entries:
        if item.template != COACHING or item.date not in period:
            continue
        assert item.date is not None
        tries = item.meta.get(WILL_TRY)
        if isinstance(tries, str):
            tries = [tries]
        question = item.meta.get(NEXT_QUESTION)
        found.append(
            Coaching(
                date=item.date,
                path=str(item.path) if item.path else None,
                will_try=[str(t) for t in tries or [] if str(t).strip()]
                if isinstance(tries, list)
                else [],
                question=str(question).strip() or None if question is not None else None,
            )
        )
    return sorted(found, key=lambda c: c.date)


class Progress(Plain):
    """Every figure of a period (``compute``), read by the views, the JSON and the exports."""

    period: Period
    previous: Period
    entries: int
    intentions: list[IntentionProgress]
    retired: list[IntentionProgress]
    areas: dict[str, Series]
    mood: Series
    writing: Writing
    sessions: "Sequence[SessionEffect]"
    flags: list[Flag]
    measures: list[Measure]
    tracked: list[Tracked]
    coaching: list[Coaching]

    _fields = (
        "period",
        "previous",
        "entries",
        "intentions",
        "retired",
        "areas",
        "mood",
        "writing",
        "sessions",
        "flags",
        "measures",
        "tracked",
        "coaching",
    )

    def __init__(
        self,
        period: Period,
        previous: Period,
        entries: int,
        intentions: list[IntentionProgress],
        retired: list[IntentionProgress],
        areas: dict[str, Series],
        mood: Series,
        writing: Writing,
        sessions: "Sequence[SessionEffect]",
        flags: list[Flag] | None = None,
        measures: list[Measure] | None = None,
        tracked: list[Tracked] | None = None,
        coaching: list[Coaching] | None = None,
    ) -> None:
        self.period = period
        self.previous = previous
        self.entries = entries
        self.intentions = intentions
        self.retired = retired
        self.areas = areas
        self.mood = mood
        self.writing = writing
        self.sessions = sessions
        self.flags = [] if flags is None else flags
        self.measures = [] if measures is None else measures
        self.tracked = [] if tracked is None else tracked
        self.coaching = [] if coaching is None else coaching


def strength(daily_values: Iterable[float]) -> float:
    """The Loop-style score after the given day values (0–10), in order."""
    score = 0.0
    for value in daily_values:
        score = score * M + (value / 10) * (1 - M)
    return score


def _mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None


def _trend(change: float | None, flat: float = FLAT) -> str:
    if change is None:
        return "none"
    if abs(change) < flat:
        return "flat"
    return "up" if change > 0 else "down"


NUMBER_TYPES = (int, float)  # type() rather than isinstance(): True is not a rating
RATED_KINDS = ("mood", "intentions", "areas")
# A template's own answers: a number (scale, number), a yes/no (1 or 0), an option's words.
FIELD_KINDS = ("number", "yesno", "option")
# Keys with their own sections (or none): never a template's own measure. A session's
# route, dose, duration and after-effects are the file format's own (DESIGN §4), shown with
# each dosing session.
BUILT_IN_KEYS = frozenset(
    {
        "route",
        "dose_mg",
        "duration_min",
        "side_effects",
        "date",
        "time",
        "template",
        "title",
        "private",
        "mood",
        "intentions",
        "areas",
        "tags",
        "intention_notes",
        "session",
        "score",
        "severity",
    }
)
OPTION_LENGTH = 200  # longer words are a text answer, never a choice's option
OPTIONS_KEPT = 50  # of one list answer
SCORE, SEVERITY = "score", "severity"  # a questionnaire's total and its band


# One thing an entry's front matter says that the figures use: (kind, key, value, text).
#
# ``kind`` is ``mood``, ``intentions`` or ``areas`` (a rating in range: ``value``), ``note``
# (a note about intention ``key``: ``text``), ``flag`` (a value left out; ``key`` names
# the field, ``text`` says why), or one of ``FIELD_KINDS``: a template's own answer under
# ``key`` (``number`` and ``yesno`` in ``value``, ``option`` words in ``text``). The
# index stores these when it reads a file, so the figures of a decade come from one
# query; change ``SCHEMA_VERSION`` in kapdiary/index/schema.py when this definition changes.
# A plain tuple: the build makes several for each of thousands of entries.
Fact = tuple[str, str, "float | None", "str | None"]


_WHOLE = 2**63  # SQLite keeps whole numbers in 64 bits: larger ones are kept as floats


def _kept(value: int | float) -> float | None:
    """A number as the index can keep it: a whole number too large for 64 bits becomes a
    float (``1e+30``), and one too large for a float (or NaN, infinity) is no number."""
    if type(value) is int and not -_WHOLE < value < _WHOLE:
        try:
            value = float(value)
        except OverflowError:
            return None
    return value if math.isfinite(value) else None


def _answers(meta: Mapping[str, Any]) -> list[Fact]:
    """A template's own answers, as written: which ones are measures, and of what kind, is
    decided later from the templates (``compute``), so a template edited or shared later
    needs no new index."""
    found: list[Fact] = []
    for key, value in meta.items():
        if type(key) is not str or key in BUILT_IN_KEYS:
            continue
        kind = type(value)
        if kind is bool:
            found.append(("yesno", key, 1.0 if value else 0.0, None))
        elif kind in NUMBER_TYPES and _kept(value) is not None:
            found.append(("number", key, _kept(value), None))
        elif kind is str and 0 < len(value) <= OPTION_LENGTH:
            found.append(("option", key, None, value))
        elif kind is list:
            words = [v for v in value[:OPTIONS_KEPT] if type(v) is str and v]
            found += [("option", key, None, w) for w in words if len(w) <= OPTION_LENGTH]
    return found


def facts(meta: Mapping[str, Any], template: str | None = None) -> list[Fact]:
    """What the figures take from one entry's front matter: ratings, notes, bad values, and
    a questionnaire's score (kind ``score``, ``key`` the template, ``text`` the severity)."""
    found: list[Fact] = []
    if SCORE in meta:
        value, severity = meta[SCORE], meta.get(SEVERITY)
        if type(value) in NUMBER_TYPES and value >= 0 and _kept(value) is not None:
            words = str(severity) if severity is not None else None
            found.append(("score", template or "", _kept(value), words))
        else:
            found.append(("flag", SCORE, None, said.score_not_a_number(value)))
    # NaN fails the range comparisons, so it is refused like any other value out of range.
    if "mood" in meta:
        value = meta["mood"]
        if type(value) in NUMBER_TYPES and MOOD[0] <= value <= MOOD[1]:
            found.append(("mood", "", value, None))
        else:
            found.append(("flag", "mood", None, said.mood_not_a_number(value)))
    low, high = RATING
    for kind in ("intentions", "areas"):
        block = meta.get(kind)
        if block is None:
            continue
        if not isinstance(block, dict):
            found.append(("flag", kind, None, said.ratings_not_lines(kind)))
            continue
        for name, raw in block.items():
            key = name if type(name) is str else str(name)
            if type(raw) in NUMBER_TYPES and low <= raw <= high:
                found.append((kind, key, raw, None))
            else:
                message = said.rating_not_a_number(kind, key, raw)
                found.append(("flag", f"{kind}.{key}", None, message))
    notes = meta.get("intention_notes")
    if isinstance(notes, dict):
        for name, note in notes.items():
            if isinstance(note, str) and note.strip():
                found.append(("note", str(name), None, note.strip()))
    found += _answers(meta)
    return found


def number_of(meta: Mapping[str, Any]) -> int | None:
    """A session entry's number, when it has a whole number."""
    number = meta.get("session")
    return number if type(number) is int else None


class History(Plain):
    """Everything the figures need, by day: gathered from entries (``gather``) or read
    from the index in one go (``kapdiary.index.Index.history``). Days are ordinals
    (``date.toordinal()``): a decade is tens of thousands of values.

    ``facts`` and ``gather`` are the definition; ``kapdiary.index.history_sql`` is an
    implementation in SQL, held to ``gather``'s results by tests/test_progress_history.py.
    """

    # (kind, key) -> each day's value; kind is mood, intentions or areas (mood's key is
    # ""). A day's value is the mean of that day's entries' ratings.
    series: "dict[tuple[str, str], Days]"
    notes: dict[str, list[tuple[int, str]]]  # in entry order
    entry_days: "Days"  # entries written a day
    sessions: list[tuple[int, int | None, str | None]]
    flags: list[Flag]
    # questionnaire (template) -> [(day, score, severity, path)], in entry order
    scores: dict[str, list[tuple[int, float, str | None, str | None]]]
    # (kind, template, key) -> [(day, value)], sorted: a template's own answers (kind in
    # FIELD_KINDS; the value a number, 1/0 for yes/no, or an option's words)
    answers: dict[tuple[str, str, str], list[tuple[int, Any]]]

    _fields = ("series", "notes", "entry_days", "sessions", "flags", "scores", "answers")

    def __init__(
        self,
        series: "dict[tuple[str, str], Days] | None" = None,
        notes: dict[str, list[tuple[int, str]]] | None = None,
        entry_days: "Days | None" = None,
        sessions: list[tuple[int, int | None, str | None]] | None = None,
        flags: list[Flag] | None = None,
        scores: dict[str, list[tuple[int, float, str | None, str | None]]] | None = None,
        answers: dict[tuple[str, str, str], list[tuple[int, Any]]] | None = None,
    ) -> None:
        self.series = {} if series is None else series
        self.notes = {} if notes is None else notes
        self.entry_days = Days(kind="i") if entry_days is None else entry_days
        self.sessions = [] if sessions is None else sessions
        self.flags = [] if flags is None else flags
        self.scores = {} if scores is None else scores
        self.answers = {} if answers is None else answers

    def answer_templates(self) -> set[str]:
        """The templates whose own answers are in the history (to read their fields)."""
        return {name for _, name, _ in self.answers}

    def daily(self, kind: str, key: str = "") -> "Days":
        return self.series.get((kind, key)) or Days()

    def keys(self, kind: str) -> list[str]:
        return sorted(key for k, key in self.series if k == kind)

    def without(self, fields: Iterable[str]) -> "History":
        """The history as if ``fields`` (``mood``, ``areas.body``, ``intentions``, …) had
        never been written (for an export that leaves them out)."""
        names = set(fields)
        if not names:
            return self

        def gone(field_name: "str") -> "bool":
            group = field_name.partition(".")[0]
            return field_name in names or group in names

        return History(
            series={
                (kind, key): days
                for (kind, key), days in self.series.items()
                if not gone(kind if kind == "mood" else f"{kind}.{key}")
            },
            notes={
                k: v
                for k, v in self.notes.items()
                if not (gone(f"intentions.{k}") or gone(f"intention_notes.{k}"))
            },
            entry_days=self.entry_days,
            sessions=[
                (day, None if "session" in names else number, path)
                for day, number, path in self.sessions
            ],
            flags=[f for f in self.flags if not (f.field and gone(f.field))],
            scores={} if gone(SCORE) else self.scores,
            answers={k: v for k, v in self.answers.items() if not gone(k[2])},
        )


def _where(item: EntryLike) -> str:
    return str(item.path) if item.path else said.an_entry()


def gather(entries: Sequence[EntryLike], until: date) -> History:
    """The history of ``entries`` up to ``until``; bad values become flags. This is the
    definition the index's SQL (``kapdiary.index.history_sql``) implements."""
    sums: dict[tuple[str, str], dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    history = History()
    notes: dict[str, list[tuple[int, str]]] = defaultdict(list)
    scores: dict[str, list[tuple[int, float, str | None, str | None]]] = defaultdict(list)
    entry_days: dict[int, int] = defaultdict(int)
    answers: dict[tuple[str, str, str], list[tuple[int, Any]]] = defaultdict(list)
    for item in entries:
        day = item.date
        meta = item.meta
        if day is None or (not meta and getattr(item, "problem", None)):
            problem = getattr(item, "problem", None)
            message = problem or said.no_date_add_one()
            history.flags.append(Flag(_where(item), message))
            continue
        if day > until:
            continue
        if not in_range(day):  # a hand-edited year 1 or 9999: named, never counted
            history.flags.append(Flag(_where(item), getattr(item, "problem", None) or ""))
            continue
        ordinal = day.toordinal()
        entry_days[ordinal] += 1
        if item.template == "session":
            path = str(item.path) if item.path else None
            history.sessions.append((ordinal, number_of(meta), path))
        for kind, key, number, text in facts(meta, item.template):
            if kind == "flag":
                history.flags.append(Flag(_where(item), text or "", key))
            elif kind == "score" and number is not None:
                path = str(item.path) if item.path else None
                scores[key].append((ordinal, number, text, path))
            elif kind == "note":
                notes[key].append((ordinal, text or ""))
            elif kind in FIELD_KINDS:
                value = text if kind == "option" else number
                answers[kind, item.template or "", key].append((ordinal, value))
            elif number is not None:
                sums[kind, key][ordinal].append(number)
    history.series = {
        name: Days.of({d: sum(v) / len(v) for d, v in values.items()})
        for name, values in sums.items()
    }
    history.notes = dict(notes)
    history.scores = dict(scores)
    history.answers = {name: sorted(values) for name, values in answers.items()}
    history.entry_days = Days.of(entry_days, "i")
    history.sessions.sort(key=lambda s: s[0])
    return history


class Days:
    """One series by day: the days (ordinals, ascending, each once) and each day's value,
    in two compact arrays, so a decade of a rating costs 12 bytes a day rather than a
    dictionary's hundred (peak memory at 50,000 entries). ``values`` are floats (``"d"``)
    for a rating, whole numbers (``"i"``) for entries a day.

    What every period asks of the whole history is worked out once and kept with it:
    ``strengths`` (the strength after each day, by ``strength``'s own arithmetic) and
    ``runs`` (the runs of consecutive days, for the streaks). The index stores both
    (``kapdiary.index.history_sql``), so a command reads them instead of looping over a
    decade.
    """

    __slots__ = ("_runs", "_strengths", "days", "values")

    def __init__(
        self,
        days: Sequence[int] = (),
        values: Sequence[float] = (),
        kind: str = "d",
        *,
        strengths: Sequence[float] | None = None,
        runs: tuple[Sequence[int], Sequence[int], Sequence[int]] | None = None,
    ) -> None:
        self.days: Sequence[int] = days if isinstance(days, _COMPACT) else array("i", days)
        self.values: Sequence[float] = (
            values if isinstance(values, _COMPACT) else array(kind, values)
        )
        self._strengths = strengths
        self._runs = runs

    @classmethod
    def of(cls, by_day: Mapping[int, float], kind: str = "d") -> "Days":
        """From ``{day: value}`` (any order)."""
        ordered = sorted(by_day.items())
        return cls([d for d, _ in ordered], [v for _, v in ordered], kind)

    def __len__(self) -> int:
        return len(self.days)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Days):
            return NotImplemented
        return list(self.days) == list(other.days) and list(self.values) == list(other.values)

    def __repr__(self) -> str:
        return f"Days({dict(self.items())!r})"

    def items(self) -> Iterator[tuple[int, float]]:
        return zip(self.days, self.values, strict=True)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The positions of the days from ``first`` to ``last``."""
        return bisect_left(self.days, first), bisect_right(self.days, last)

    def between(self, first: int, last: int) -> Sequence[float]:
        start, end = self.span(first, last)
        return self.values[start:end]

    def part(self, first: int, last: int) -> "Days":
        """The days from ``first`` to ``last``, in arrays of their own."""
        start, end = self.span(first, last)
        return Days(_owned(self.days[start:end]), _owned(self.values[start:end]))

    def by_day(self, first: int, last: int) -> dict[int, float]:
        """``{day: value}`` from ``first`` to ``last`` (a period's worth, never a decade)."""
        start, end = self.span(first, last)
        return dict(zip(self.days[start:end], self.values[start:end], strict=True))

    def strength(self, last: int) -> float:
        """``strength`` of the values up to day ``last``."""
        count = bisect_right(self.days, last)
        return self.strengths[count - 1] if count else 0.0

    @property
    def strengths(self) -> Sequence[float]:
        """The strength after each day: ``strength(values[:n + 1])`` for each ``n``."""
        if self._strengths is None:
            found, score = array("d"), 0.0
            for value in self.values:
                score = score * M + (value / 10) * (1 - M)
                found.append(score)
            self._strengths = found
        return self._strengths

    @property
    def runs(self) -> tuple[Sequence[int], Sequence[int], Sequence[int]]:
        """The runs of consecutive days: their first days, last days, and the longest run
        so far after each."""
        if self._runs is None:
            firsts, lasts, longest = array("i"), array("i"), array("i")
            best = 0
            for day in self.days:
                if lasts and day == lasts[-1] + 1:
                    lasts[-1] = day
                else:
                    firsts.append(day)
                    lasts.append(day)
                    longest.append(best)
                best = max(best, lasts[-1] - firsts[-1] + 1)
                longest[-1] = best
            self._runs = (firsts, lasts, longest)
        return self._runs

    def series(self, period: Period) -> Series:
        """The figures of one rating over ``period``, against the period before it."""
        since, until = period.since.toordinal(), period.until.toordinal()
        start, end = self.span(since, until)
        current = self.values[start:end]
        mean = _mean(current)
        previous_mean = _mean(self.between(period.previous().since.toordinal(), since - 1))
        change = mean - previous_mean if mean is not None and previous_mean is not None else None
        return Series(
            days_rated=len(current),
            mean=mean,
            previous_mean=previous_mean,
            change=change,
            trend=_trend(change),
            daily=Daily(since, until - since + 1, _owned(self.days[start:end]), _owned(current)),
        )


_COMPACT = (array, memoryview)


def _owned(values: Sequence[Any]) -> Sequence[Any]:
    """``values`` in an array of its own when it is a view: a slice of a memoryview keeps
    the whole of what it views alive (a series of the history as read from the index)."""
    if isinstance(values, memoryview):
        found = array(values.format)
        found.frombytes(values.cast("B"))
        return found
    return values


def _history(source: Sequence[EntryLike] | History, until: date) -> History:
    return source if isinstance(source, History) else gather(source, until)


def compute(
    source: Sequence[EntryLike] | History,
    intentions: Sequence[Intention],
    period: Period,
    *,
    heatmap_weeks: int = 12,
    scales: Mapping[str, Scale] | None = None,
    fields: "Mapping[str, Sequence[TemplateField]] | None" = None,
) -> Progress:
    """All the figures for ``period`` (and the one before it) from entries or a history
    (``kapdiary.index.Index.history`` reads one from the index, far faster)."""
    history = _history(source, period.until)
    flags = list(history.flags)
    intention_figures = [_intention(i, history, period) for i in intentions]
    known = {i.id for i in intentions}
    for name in sorted(set(history.keys("intentions")) - known):
        flags.append(Flag("intentions.toml", said.rates_unknown_intention(name)))
    writing = _writing(history.entry_days, period, heatmap_weeks)
    return Progress(
        period=period,
        previous=period.previous(),
        entries=writing.entries,
        intentions=[f for f in intention_figures if f.active],
        retired=[f for f in intention_figures if not f.active],
        areas={name: history.daily("areas", name).series(period) for name in history.keys("areas")},
        mood=history.daily("mood").series(period),
        writing=writing,
        sessions=_sessions(history, period),
        flags=flags,
        measures=_measures(history, period, scales or {}),
        tracked=_tracked(history, period, fields or {}),
    )


TRACKED_TYPES = ("scale", "number", "yesno", "choice", "multi")
_KIND_OF = {"scale": "number", "number": "number", "yesno": "yesno", "choice": "option"}
_KIND_OF["multi"] = "option"


class _Group(Plain):
    """The answers of one series while they are gathered, from every template."""

    key: str
    type: str
    low: float | None
    high: float | None
    label: str
    unit: str | None
    options: list[str]
    templates: list[str]
    values: list[tuple[int, Any]]
    outside: list[int]  # days of answers that do not fit

    _fields = (
        "key",
        "type",
        "low",
        "high",
        "label",
        "unit",
        "options",
        "templates",
        "values",
        "outside",
    )

    def __init__(
        self,
        key: str,
        type: str,
        low: float | None,
        high: float | None,
        label: str,
        unit: str | None,
        options: list[str],
        templates: list[str] | None = None,
        values: list[tuple[int, Any]] | None = None,
        outside: list[int] | None = None,
    ) -> None:
        self.key = key
        self.type = type
        self.low = low
        self.high = high
        self.label = label
        self.unit = unit
        self.options = options
        self.templates = [] if templates is None else templates
        self.values = [] if values is None else values
        self.outside = [] if outside is None else outside


def _bounds(spec: "TemplateField") -> tuple[float | None, float | None]:
    if spec.type == "scale":
        return (spec.min if spec.min is not None else 0), (spec.max if spec.max is not None else 10)
    if spec.type == "number":
        return spec.min, spec.max
    return None, None


def _fits(spec_type: str, low: float | None, high: float | None, value: Any) -> bool:
    if spec_type in ("scale", "number"):
        return (low is None or value >= low) and (high is None or value <= high)
    return True


def _tracked(
    history: History, period: Period, definitions: "Mapping[str, Sequence[TemplateField]]"
) -> list[Tracked]:
    """Every measure the templates in use define, from their answers (see ``Tracked``)."""
    groups = _groups(history, definitions)
    several: dict[str, int] = defaultdict(int)
    for identity in groups:
        several[identity[0]] += 1
    found: list[Tracked] = []
    for _, group in sorted(groups.items(), key=lambda g: (g[0][0], str(g[0][1:]))):
        ident = group.key
        if several[group.key] > 1:
            ranged = group.low is not None or group.high is not None
            ident += f"@{_range_words(group.low, group.high)}" if ranged else f"@{group.type}"
        found.append(_tracked_item(ident, group, period))
    return found


def _groups(
    history: History, definitions: "Mapping[str, Sequence[TemplateField]]"
) -> dict[tuple[Any, ...], _Group]:
    """The answers of the history by series: (key, type, low, high) -> its group."""
    specs = {name: {f.key: f for f in fields} for name, fields in definitions.items()}
    groups: dict[tuple[Any, ...], _Group] = {}
    for (kind, template, key), values in history.answers.items():
        spec = specs.get(template, {}).get(key)
        if spec is None:
            if template in specs or kind == "option":
                continue  # not a field of its template, or words that may be a text answer
            # The template is gone: its numbers and yes/no answers are still shown.
            identity: tuple[Any, ...] = (key, kind, None, None)
            group = groups.setdefault(
                identity, _Group(key, kind, None, None, key.replace("_", " "), None, [])
            )
        else:
            if spec.type not in TRACKED_TYPES:
                continue
            low, high = _bounds(spec)
            identity = (key, spec.type, low, high)
            group = groups.get(identity) or groups.setdefault(
                identity,
                _Group(key, spec.type, low, high, spec.label or spec.prompt, spec.unit, []),
            )
            for option in spec.options:
                if option not in group.options:
                    group.options.append(option)
            if kind != _KIND_OF[spec.type]:
                group.outside += [day for day, _ in values]
                if template not in group.templates:
                    group.templates.append(template)
                continue
        if template not in group.templates:
            group.templates.append(template)
        _add_answers(group, kind, values)
    return groups


def _add_answers(group: _Group, kind: str, values: Sequence[tuple[int, Any]]) -> None:
    """Each answer to its group's values, or its ``outside`` when it does not fit."""
    for day, value in values:
        if kind == "option":
            match = next((o for o in group.options if o.lower() == value.lower()), None)
            if match is None:
                group.outside.append(day)
            else:
                group.values.append((day, match))
        elif _fits(group.type, group.low, group.high, value):
            group.values.append((day, value))
        else:
            group.outside.append(day)


def _tracked_item(ident: str, group: _Group, period: Period) -> Tracked:
    """One series' figures over ``period`` (and the period before, for the change)."""
    since, until = period.since.toordinal(), period.until.toordinal()
    before = period.previous().since.toordinal()
    item = Tracked(
        id=ident,
        key=group.key,
        type=group.type,
        label=group.label,
        unit=group.unit,
        low=group.low,
        high=group.high,
        templates=sorted(group.templates),
        options=list(group.options),
        left_out=sum(1 for day in group.outside if since <= day <= until),
    )
    if group.type in ("choice", "multi"):
        now = [v for d, v in group.values if since <= d <= until]
        earlier = [v for d, v in group.values if before <= d < since]
        item.counts = {o: now.count(o) for o in group.options}
        item.previous_counts = {o: earlier.count(o) for o in group.options}
        item.answered = len({d for d, _ in group.values if since <= d <= until})
        item.previous_answered = len({d for d, _ in group.values if before <= d < since})
        return item
    by_day: dict[int, list[float]] = defaultdict(list)
    for day, value in group.values:
        by_day[day].append(value)
    if group.type == "yesno":
        daily = {d: float(max(v)) for d, v in sorted(by_day.items())}
    else:
        daily = {d: sum(v) / len(v) for d, v in sorted(by_day.items())}
    item.series = Days.of(daily).series(period)
    # Flat means the same share of the range as for a 0–10 rating (yes/no: 0–1).
    low, high = (0.0, 1.0) if group.type == "yesno" else (group.low, group.high)
    if low is not None and high is not None and high > low:
        item.series.trend = _trend(item.series.change, FLAT * (high - low) / 10)
    if group.type == "yesno":
        item.answered = item.series.days_rated
        item.previous_answered = sum(1 for d in daily if before <= d < since)
        item.days_yes = sum(1 for d, v in daily.items() if since <= d <= until and v)
        item.previous_days_yes = sum(1 for d, v in daily.items() if before <= d < since and v)
    return item


def _range_words(low: float | None, high: float | None) -> str:
    return f"{'' if low is None else _tidy(low)}-{'' if high is None else _tidy(high)}"


def definitions(templates_dir: Path, names: Iterable[str]) -> "dict[str, list[TemplateField]]":
    """The fields of each template named (the user's or the built-in); a template that is
    gone or broken is left out, and its numbers and yes/no answers are shown by their key."""
    from kapdiary.errors import KapdiaryError
    from kapdiary.templates import find

    found: dict[str, list[TemplateField]] = {}
    for name in sorted(set(names)):
        try:
            found[name] = find(templates_dir, name).fields
        except KapdiaryError:
            continue
    return found


def _measures(history: History, period: Period, scales: Mapping[str, Scale]) -> list[Measure]:
    since, until = period.since.toordinal(), period.until.toordinal()
    found: list[Measure] = []
    for name in sorted(history.scores):
        so_far = sorted(
            (s for s in history.scores[name] if s[0] <= until), key=lambda s: s[0]
        )  # stable: a day's check-ins stay in the order they were written
        if not so_far:
            continue
        scale = scales.get(name)
        check_ins = [
            CheckIn(date.fromordinal(day), _tidy(score), severity, path)
            for day, score, severity, path in so_far
        ]
        first, latest = check_ins[0], check_ins[-1]
        found.append(
            Measure(
                id=name,
                label=scale.label if scale else name,
                bands=list(scale.bands) if scale else [],
                highest=scale.highest if scale else None,
                scores=[c for c, s in zip(check_ins, so_far, strict=True) if s[0] >= since],
                first=first,
                latest=latest,
                change_since_first=_tidy(latest.score - first.score),
            )
        )
    return found


def scales(templates_dir: Path, names: Iterable[str]) -> dict[str, Scale]:
    """How each questionnaire is scored, from its template (the user's or the built-in).

    A template that is gone or broken gives no scale: its check-ins are still shown, with
    the severity each entry recorded, only without the bands.
    """
    names = list(names)
    if not names:
        return {}  # no check-ins: no template is read
    from kapdiary.errors import KapdiaryError
    from kapdiary.templates import find

    found: dict[str, Scale] = {}
    for name in names:
        try:
            scored = find(templates_dir, name).scored
        except KapdiaryError:
            continue
        if scored is not None:
            highest = (len(scored.options) - 1) * len(scored.items)
            found[name] = Scale(scored.label or name, list(scored.bands), highest)
    return found


def _tidy(value: float) -> float:
    """Scores are whole numbers; the index keeps them as floats."""
    return value if isinstance(value, int) else int(value) if float(value).is_integer() else value


def _intention(intention: Intention, history: History, period: Period) -> IntentionProgress:
    daily = history.daily("intentions", intention.id)
    until = period.until.toordinal()
    notes = [n for n in history.notes.get(intention.id, ()) if n[0] <= until]
    notes.sort(key=lambda n: n[0])
    last_day, last_note = notes[-1] if notes else (None, None)
    return IntentionProgress(
        id=intention.id,
        text=intention.text,
        area=intention.area,
        active=intention.active,
        set_on=intention.set_on,
        retired_on=intention.retired_on,
        series=daily.series(period),
        strength=daily.strength(until),
        previous_strength=daily.strength(period.since.toordinal() - 1),
        last_note=last_note,
        last_note_date=date.fromordinal(last_day) if last_day is not None else None,
    )


class IntentionDetail(Plain):
    """One intention in depth: its strength after each day and every note, dated."""

    figures: IntentionProgress
    days: list[date]  # the period's days
    strength_by_day: list[float]  # after each day of the period
    notes: list[tuple[date, str]]  # every note written about it in the period
    session_days: list[date]

    _fields = ("figures", "days", "strength_by_day", "notes", "session_days")

    def __init__(
        self,
        figures: IntentionProgress,
        days: list[date],
        strength_by_day: list[float],
        notes: list[tuple[date, str]],
        session_days: list[date],
    ) -> None:
        self.figures = figures
        self.days = days
        self.strength_by_day = strength_by_day
        self.notes = notes
        self.session_days = session_days


def detail(
    source: Sequence[EntryLike] | History, intention: Intention, period: Period
) -> IntentionDetail:
    history = _history(source, period.until)
    values = history.daily("intentions", intention.id)
    since, until = period.since.toordinal(), period.until.toordinal()
    score = values.strength(since - 1)
    shown = values.by_day(since, until)
    by_day: list[float] = []
    for day in range(since, until + 1):
        if day in shown:
            score = score * M + (shown[day] / 10) * (1 - M)
        by_day.append(score)
    notes = history.notes.get(intention.id, [])
    return IntentionDetail(
        figures=_intention(intention, history, period),
        days=period.each_day(),
        strength_by_day=by_day,
        notes=sorted((date.fromordinal(d), n) for d, n in notes if since <= d <= until),
        session_days=sorted(
            date.fromordinal(d) for d, _, _ in history.sessions if since <= d <= until
        ),
    )


def streaks(days: Iterable[date], end: date) -> Streak:
    """Current and longest runs of consecutive days, up to ``end``."""
    return _streaks(Days.of(dict.fromkeys((d.toordinal() for d in days), 1), "i"), end.toordinal())


def _streaks(written: Days, end: int) -> Streak:
    """The streaks up to day ``end`` from the runs of days written (``Days.runs``): the
    run that ``end`` (or the day before it) ends is the current one."""
    firsts, lasts, longest = written.runs
    last_run = bisect_right(firsts, end) - 1
    if last_run < 0:
        return Streak(current=0, longest=0)
    first, last = firsts[last_run], min(lasts[last_run], end)
    earlier = longest[last_run - 1] if last_run else 0
    current = last - first + 1 if last >= end - 1 else 0
    return Streak(current=current, longest=max(earlier, last - first + 1))


def _writing(entry_days: Days, period: Period, weeks: int) -> Writing:
    since, until = period.since.toordinal(), period.until.toordinal()
    # The heat map covers whole weeks (Monday to Sunday) ending with the period's last day.
    last_sunday = until + 6 - period.until.weekday()
    first = max(last_sunday - 7 * weeks + 1, 1)
    shown = entry_days.by_day(first, until)
    heatmap = {
        date.fromordinal(day).isoformat(): int(shown.get(day, 0)) for day in range(first, until + 1)
    }
    start, end = entry_days.span(since, until)
    before, _ = entry_days.span(period.previous().since.toordinal(), since - 1)
    counts = entry_days.values
    return Writing(
        entries=int(sum(counts[start:end])),
        days_written=end - start,
        previous_entries=int(sum(counts[before:start])),
        previous_days_written=start - before,
        streak=_streaks(entry_days, until),
        heatmap=heatmap,
    )


def _sessions(history: History, period: Period) -> "SessionEffects":
    since, until = period.since.toordinal(), period.until.toordinal()
    in_period = sorted((s for s in history.sessions if since <= s[0] <= until), key=lambda s: s[0])
    if not in_period:
        return SessionEffects([], Days(), [])
    # The days the sessions' windows can reach, in arrays of their own: the figures are
    # worked out later, and the history as read from the index need not be kept for them.
    first, last = in_period[0][0] - SESSION_WINDOW, in_period[-1][0] + SESSION_WINDOW
    rated = [days for (kind, _), days in history.series.items() if kind == "intentions"]
    return SessionEffects(
        in_period, history.daily("mood").part(first, last), [d.part(first, last) for d in rated]
    )


def as_json(progress: Progress) -> dict[str, Any]:
    """The figures with stable, self-explaining keys (documented in docs/progress.md)."""
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
        "intentions": [_intention_json(i) for i in progress.intentions],
        "retired_intentions": [_intention_json(i) for i in progress.retired],
        "areas": {name: _series_json(s) for name, s in progress.areas.items()},
        "mood": _series_json(progress.mood),
        "writing": _writing_json(progress.writing),
        "sessions": [_session_json(s) for s in progress.sessions],
        "flags": [{"path": f.path, "problem": f.message} for f in progress.flags],
        "measures": [_measure_json(m) for m in progress.measures],
        "fields": [tracked_json(t) for t in progress.tracked],
        "coaching": [coaching_json(c) for c in progress.coaching],
    }


def _series_json(s: Series) -> dict[str, Any]:
    return {
        "days_rated": s.days_rated,
        "mean": _round(s.mean),
        "previous_mean": _round(s.previous_mean),
        "change": _round(s.change),
        "trend": s.trend,
        "daily": [_round(v) for v in s.daily],
    }


def _intention_json(i: IntentionProgress) -> dict[str, Any]:
    from kapdiary.intentions import identity_json

    return {
        **identity_json(i),
        **_series_json(i.series),
        "strength": round(i.strength, 4),
        "previous_strength": round(i.previous_strength, 4),
        "last_note": i.last_note,
        "last_note_date": i.last_note_date.isoformat() if i.last_note_date else None,
    }


def _writing_json(w: Writing) -> dict[str, Any]:
    return {
        "entries": w.entries,
        "days_written": w.days_written,
        "previous_entries": w.previous_entries,
        "previous_days_written": w.previous_days_written,
        "streak": {"current": w.streak.current, "longest": w.streak.longest},
        "heatmap": w.heatmap,
    }


def _session_json(s: SessionEffect) -> dict[str, Any]:
    return {
        "date": s.date.isoformat(),
        "session": s.number,
        "path": s.path,
        "mood_before": _round(s.mood_before),
        "mood_after": _round(s.mood_after),
        "intentions_before": _round(s.intentions_before),
        "intentions_after": _round(s.intentions_after),
    }


def _measure_json(m: Measure) -> dict[str, Any]:
    return {
        "id": m.id,
        "label": m.label,
        "bands": [{"from": low, "to": high, "name": name} for low, high, name in m.band_ranges()],
        "scores": [check_in(c) for c in m.scores],
        "first": check_in(m.first) if m.first else None,
        "latest": check_in(m.latest) if m.latest else None,
        "change_since_first": m.change_since_first,
    }


def tracked_json(t: Tracked) -> dict[str, Any]:
    """One of a template's own measures, as ``progress --json`` and the exports give it."""
    out: dict[str, Any] = {
        "id": t.id,
        "key": t.key,
        "type": t.type,
        "label": t.label,
        "unit": t.unit,
        "min": None if t.low is None else _tidy(t.low),
        "max": None if t.high is None else _tidy(t.high),
        "templates": t.templates,
    }
    if t.series is not None:
        s = t.series
        out.update(
            days_rated=s.days_rated,
            mean=_round(s.mean),
            previous_mean=_round(s.previous_mean),
            change=_round(s.change),
            trend=s.trend,
            daily=[_round(v) for v in s.daily],
        )
    if t.type == "yesno":
        out.update(
            days_yes=t.days_yes,
            previous_days_yes=t.previous_days_yes,
            previous_days_answered=t.previous_answered,
        )
    if t.type in ("choice", "multi"):
        out.update(
            options=t.options,
            answered=t.answered,
            counts=t.counts,
            previous_answered=t.previous_answered,
            previous_counts=t.previous_counts,
        )
    out["left_out"] = t.left_out
    return out


def coaching_json(c: Coaching) -> dict[str, Any]:
    return {
        "date": c.date.isoformat(),
        "path": c.path,
        "will_try": c.will_try,
        "next_question": c.question,
    }


def check_in(c: CheckIn) -> dict[str, Any]:
    return {"date": c.date.isoformat(), "score": c.score, "severity": c.severity, "path": c.path}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
