"""The figures of docs/design.md §8, checked against values worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from kapdiary.entry import Entry
from kapdiary.intentions import Intention
from kapdiary.progress import Period, compute, streaks, strength

KIDS = Intention("kids", "Be present with my kids", date(2026, 1, 1))
KIND = Intention("kind", "Self-compassion", date(2026, 1, 1))
OLD = Intention("old", "An old one", date(2025, 1, 1), retired_on=date(2026, 3, 1))
D0 = date(2026, 11, 1)


def entry(day: date, n: int = 0, **meta: Any) -> Entry:
    return Entry({"date": day, **meta}, "# x\n", Path(f"/h/entries/{day}-{n}.md"))


def test_twenty_days_rated_ten_give_the_loop_strength() -> None:
    entries = [entry(D0 + timedelta(days=i), intentions={"kids": 10}) for i in range(20)]
    period = Period(D0, D0 + timedelta(days=19))
    figures = compute(entries, [KIDS], period)
    kids = figures.intentions[0]
    assert kids.strength == pytest.approx(1 - 0.5 ** (20 / 13))
    assert round(kids.strength, 4) == 0.6557
    assert kids.series.days_rated == 20
    assert kids.series.mean == 10


def test_days_without_a_rating_leave_the_strength_as_it_is() -> None:
    gappy = [
        entry(D0, intentions={"kids": 10}),
        entry(D0 + timedelta(days=5), intentions={"kids": 10}),
    ]
    figures = compute(gappy, [KIDS], Period(D0, D0 + timedelta(days=9)))
    assert figures.intentions[0].strength == pytest.approx(1 - 0.5 ** (2 / 13))


def test_several_entries_on_one_day_count_as_their_mean() -> None:
    entries = [
        entry(D0, 1, mood=4, intentions={"kids": 2}),
        entry(D0, 2, mood=8, intentions={"kids": 6}),
        entry(D0 + timedelta(days=1), mood=5, intentions={"kids": 9}),
    ]
    figures = compute(entries, [KIDS], Period(D0, D0 + timedelta(days=1)))
    assert figures.mood.daily == [6.0, 5.0]
    assert figures.mood.mean == 5.5
    assert figures.intentions[0].series.daily == [4.0, 9.0]
    assert figures.intentions[0].series.mean == 6.5
    assert figures.writing.entries == 3 and figures.writing.days_written == 2


def test_change_compares_with_the_period_just_before() -> None:
    period = Period(D0 + timedelta(days=7), D0 + timedelta(days=13))
    entries = [entry(D0 + timedelta(days=i), mood=4) for i in range(7)]
    entries += [entry(D0 + timedelta(days=7 + i), mood=7) for i in range(0, 7, 2)]
    figures = compute(entries, [], period)
    assert figures.previous == Period(D0, D0 + timedelta(days=6))
    assert figures.mood.previous_mean == 4
    assert figures.mood.mean == 7
    assert figures.mood.change == 3
    assert figures.mood.trend == "up"
    assert figures.mood.days_rated == 4


def test_a_streak_broken_by_one_missing_day() -> None:
    days = [D0 + timedelta(days=i) for i in (0, 1, 2, 3, 5, 6)]
    assert streaks(days, D0 + timedelta(days=6)).current == 2
    assert streaks(days, D0 + timedelta(days=6)).longest == 4
    # Tonight's entry not written yet: the streak up to yesterday still counts.
    assert streaks(days, D0 + timedelta(days=7)).current == 2
    assert streaks(days, D0 + timedelta(days=8)).current == 0


def test_mood_and_intentions_before_and_after_a_session() -> None:
    session_day = D0 + timedelta(days=10)
    entries = [entry(session_day, template="session", session=3, mood=5)]
    # Before: days 3..9 (7 days). Two days rated: moods 4 and 6 → 5; intentions 2,4 / 6 → 4.
    entries += [entry(D0 + timedelta(days=3), mood=4, intentions={"kids": 2, "kind": 4})]
    entries += [entry(D0 + timedelta(days=9), mood=6, intentions={"kids": 6})]
    # Outside both windows: day 2 and day 18 are ignored.
    entries += [entry(D0 + timedelta(days=2), mood=1), entry(D0 + timedelta(days=18), mood=1)]
    # After: days 11..17. Moods 7, 9 → 8; intentions 8 and (10, 6) → 8.
    entries += [entry(D0 + timedelta(days=11), mood=7, intentions={"kids": 8})]
    entries += [entry(D0 + timedelta(days=17), mood=9, intentions={"kids": 10, "kind": 6})]
    figures = compute(entries, [KIDS, KIND], Period(D0, D0 + timedelta(days=27)))
    (effect,) = figures.sessions
    assert effect.number == 3
    assert effect.mood_before == 5
    assert effect.mood_after == 8
    assert effect.intentions_before == 4
    assert effect.intentions_after == 8


def test_an_intention_never_rated() -> None:
    figures = compute([entry(D0, mood=5)], [KIDS], Period(D0, D0))
    kids = figures.intentions[0]
    assert kids.series.days_rated == 0
    assert kids.series.mean is None and kids.series.change is None
    assert kids.series.trend == "none"
    assert kids.strength == 0


def test_out_of_range_and_wrong_type_ratings_are_flagged_and_left_out() -> None:
    entries = [
        entry(D0, 1, mood=11, intentions={"kids": "seven", "kind": 12}),
        entry(D0, 2, mood=True, areas={"body": 3}),
        entry(D0 + timedelta(days=1), mood=6, intentions={"kids": 7}),
    ]
    figures = compute(entries, [KIDS, KIND], Period(D0, D0 + timedelta(days=1)))
    assert figures.mood.daily == [None, 6.0]
    assert figures.intentions[0].series.daily == [None, 7.0]
    assert figures.intentions[1].series.days_rated == 0
    assert figures.areas["body"].mean == 3
    problems = [f.message for f in figures.flags]
    assert len(problems) == 4
    assert all(f.path.startswith("/h/entries/2026-11-01") for f in figures.flags)


def test_a_file_whose_front_matter_does_not_parse_is_flagged_and_nothing_else_changes() -> None:
    broken = Entry(
        {}, "---\nmood: [\n---\n", Path("/h/broken.md"), problem="bad YAML", problem_line=2
    )
    figures = compute([broken, entry(D0, mood=6)], [], Period(D0, D0))
    assert figures.mood.mean == 6
    assert [f.path for f in figures.flags] == ["/h/broken.md"]


def test_no_entries_and_a_period_in_the_future() -> None:
    future = Period(date(2030, 1, 1), date(2030, 1, 28))
    figures = compute([entry(D0, mood=5, intentions={"kids": 5})], [KIDS], future)
    assert figures.entries == 0
    assert figures.mood.days_rated == 0
    assert figures.intentions[0].strength == pytest.approx(strength([5]))
    empty = compute([], [KIDS], Period(D0, D0))
    assert empty.entries == 0 and empty.writing.streak.longest == 0


def test_retired_intentions_keep_their_history_in_their_own_list() -> None:
    entries = [entry(date(2026, 2, 1), intentions={"old": 8}), entry(D0, intentions={"kids": 3})]
    figures = compute(entries, [KIDS, OLD], Period(date(2026, 1, 1), D0))
    assert [i.id for i in figures.intentions] == ["kids"]
    assert [i.id for i in figures.retired] == ["old"]
    assert figures.retired[0].series.mean == 8


def test_the_latest_note_up_to_the_end_of_the_period() -> None:
    entries = [
        entry(D0, 1, intentions={"kids": 5}, intention_notes={"kids": "first"}),
        entry(D0 + timedelta(days=2), intentions={"kids": 6}, intention_notes={"kids": "second"}),
        entry(D0 + timedelta(days=9), intention_notes={"kids": "after the period"}),
    ]
    figures = compute(entries, [KIDS], Period(D0, D0 + timedelta(days=3)))
    assert figures.intentions[0].last_note == "second"
    assert figures.intentions[0].last_note_date == D0 + timedelta(days=2)
