"""Progress and search kept lean at 50,000 entries: the compact history (``progress.Days``,
stored in parts by ``index.history_sql``) and the paged search give exactly the figures
and results of the slow, obvious way of working them out."""

from __future__ import annotations

import json
import marshal
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from conftest import put
from kapdiary import progress
from kapdiary.entry import Entry, parse
from kapdiary.index import history_sql
from kapdiary.intentions import Intention

START = date(2026, 1, 1)
KEYS = ("kids", "kind", "walk")
KNOWN = [Intention(key, key, START) for key in KEYS]


# --- the slow way: every figure straight from its definition (docs/progress.md) ----------


def day_values(entries: list[Entry], kind: str, key: str, until: int) -> dict[int, float]:
    """{day: the mean of that day's ratings}, in entry order, as the definition says."""
    found: dict[int, list[float]] = defaultdict(list)
    for item in entries:
        day = item.date.toordinal()
        block = item.meta.get(kind)
        value = block if kind == "mood" else (block or {}).get(key)
        if value is not None and day <= until:
            found[day].append(value)
    return {day: sum(values) / len(values) for day, values in found.items()}


def reference_series(values: dict[int, float], period: progress.Period) -> dict[str, Any]:
    since, until = period.since.toordinal(), period.until.toordinal()
    first = period.previous().since.toordinal()
    now = [values[d] for d in range(since, until + 1) if d in values]
    before = [values[d] for d in range(first, since) if d in values]
    mean = sum(now) / len(now) if now else None
    previous = sum(before) / len(before) if before else None
    return {
        "days_rated": len(now),
        "mean": mean,
        "previous_mean": previous,
        "change": mean - previous if mean is not None and previous is not None else None,
        "daily": [values.get(d) for d in range(since, until + 1)],
    }


def reference_strength(values: dict[int, float], last: int) -> float:
    score = 0.0
    for day in sorted(values):
        if day <= last:
            score = score * progress.M + (values[day] / 10) * (1 - progress.M)
    return score


def reference_streaks(days: set[int], end: int) -> tuple[int, int]:
    longest = run = 0
    for day in sorted(d for d in days if d <= end):
        run = run + 1 if day - 1 in days else 1
        longest = max(longest, run)
    cursor = end if end in days else end - 1
    current = 0
    while cursor in days:
        current, cursor = current + 1, cursor - 1
    return current, longest


def reference_sessions(entries: list[Entry], period: progress.Period) -> list[Any]:
    until = period.until.toordinal()
    mood = day_values(entries, "mood", "", until)
    # The intentions in the order the history met them (entry by entry), on each day.
    order = [
        k for e in entries if e.date.toordinal() <= until for k in e.meta.get("intentions", {})
    ]
    rated = [day_values(entries, "intentions", key, until) for key in dict.fromkeys(order)]
    found = []
    for item in sorted(entries, key=lambda e: e.date):
        day = item.date.toordinal()
        if item.template != "session" or not period.since <= item.date <= period.until:
            continue
        windows = []
        for first, last in ((day - 7, day - 1), (day + 1, day + 7)):
            moods = [mood[d] for d in range(first, last + 1) if d in mood]
            ratings = [r[d] for d in range(first, last + 1) for r in rated if d in r]
            windows.append(sum(moods) / len(moods) if moods else None)
            windows.append(sum(ratings) / len(ratings) if ratings else None)
        found.append(windows)
    return found


def check_against_reference(entries: list[Entry], period: progress.Period) -> None:
    figures = progress.compute(entries, KNOWN, period)
    until = period.until.toordinal()
    for intention in figures.intentions:
        values = day_values(entries, "intentions", intention.id, until)
        series = intention.series
        got = {k: getattr(series, k) for k in ("days_rated", "mean", "previous_mean", "change")}
        assert {**got, "daily": series.daily} == reference_series(values, period)
        assert intention.strength == reference_strength(values, until)
        before = period.since.toordinal() - 1
        assert intention.previous_strength == reference_strength(values, before)
    mood = reference_series(day_values(entries, "mood", "", until), period)
    assert figures.mood.daily == mood["daily"] and figures.mood.mean == mood["mean"]
    assert figures.mood.previous_mean == mood["previous_mean"]
    for name, series in figures.areas.items():
        assert (
            series.daily
            == reference_series(day_values(entries, "areas", name, until), period)["daily"]
        )
    written = {e.date.toordinal() for e in entries if e.date <= period.until}
    streak = figures.writing.streak
    assert (streak.current, streak.longest) == reference_streaks(written, until)
    in_period = [e for e in entries if period.since <= e.date <= period.until]
    assert figures.writing.entries == figures.entries == len(in_period)
    assert figures.writing.days_written == len({e.date for e in in_period})
    before = period.previous()
    earlier = [e for e in entries if before.since <= e.date <= before.until]
    assert figures.writing.previous_entries == len(earlier)
    assert figures.writing.previous_days_written == len({e.date for e in earlier})
    counts = defaultdict(int, dict.fromkeys(written, 0))
    for item in entries:
        counts[item.date.toordinal()] += 1
    assert all(
        figures.writing.heatmap[d] == counts[date.fromisoformat(d).toordinal()]
        for d in figures.writing.heatmap
    )
    assert [
        [s.mood_before, s.intentions_before, s.mood_after, s.intentions_after]
        for s in figures.sessions
    ] == reference_sessions(entries, period)


def reachable(start: object) -> list[object]:
    """Every object ``start`` refers to, through any number of steps (classes, modules and
    functions are not followed)."""
    import gc
    import types

    seen: dict[int, object] = {}
    todo = [start]
    while todo:
        item = todo.pop()
        if id(item) in seen or isinstance(item, type | types.ModuleType | types.FunctionType):
            continue
        seen[id(item)] = item
        todo.extend(gc.get_referents(item))
    return list(seen.values())


# --- diaries made up by hypothesis -------------------------------------------------------

RATING = st.one_of(st.integers(0, 10), st.sampled_from([0.5, 2.5, 7.25, 9.9]))


@st.composite
def diaries(draw: st.DrawFn) -> tuple[list[Entry], progress.Period]:
    entries = []
    for n, (offset, session) in enumerate(
        draw(st.lists(st.tuples(st.integers(0, 150), st.booleans()), max_size=60))
    ):
        day = START + timedelta(days=offset)
        meta: dict[str, Any] = {"date": day}
        if draw(st.booleans()):
            meta["mood"] = draw(st.integers(1, 10))
        ratings = draw(st.dictionaries(st.sampled_from(KEYS), RATING, max_size=3))
        if ratings:
            meta["intentions"] = ratings
        areas = draw(st.dictionaries(st.sampled_from(["body", "mind"]), RATING, max_size=2))
        if areas:
            meta["areas"] = areas
        template = "session" if session else "evening"
        meta["template"] = template
        path = Path(f"/h/entries/{day}-{template}-{n}.md")
        entries.append(Entry(meta, "# x\n", path))
    first = START + timedelta(days=draw(st.integers(0, 150)))
    last = first + timedelta(days=draw(st.integers(0, 60)))
    return entries, progress.Period(first, last)


@settings(max_examples=150, deadline=None)
@given(diaries())
def test_the_figures_are_those_of_the_definitions(
    diary: tuple[list[Entry], progress.Period],
) -> None:
    entries, period = diary
    check_against_reference(entries, period)


@settings(max_examples=100, deadline=None)
@given(diaries())
def test_a_history_kept_in_parts_gives_the_same_figures(
    diary: tuple[list[Entry], progress.Period],
) -> None:
    entries, period = diary
    history = progress.gather(entries, period.until)
    kept = history_sql.unpack([bytes(part) for part in history_sql.pack(history)])
    assert progress.as_json(progress.compute(kept, KNOWN, period)) == progress.as_json(
        progress.compute(history, KNOWN, period)
    )
    for intention in KNOWN:  # and each intention in depth
        assert progress.detail(kept, intention, period) == progress.detail(
            history, intention, period
        )
    # The figures keep nothing of the history read back (its series are memoryviews of
    # the stored parts: the export holds the figures while it reads every entry).
    assert not any(
        isinstance(o, memoryview) for o in reachable(progress.compute(kept, KNOWN, period))
    )
    # Kept again from what was read back (memoryviews, not arrays): the same parts.
    again, first = history_sql.pack(kept), history_sql.pack(history)
    assert marshal.loads(again[0]) == marshal.loads(first[0]) and again[1:] == first[1:]


def dense_diary() -> tuple[list[Entry], progress.Period]:
    """Four months rated nearly every day (two entries on some), a session every 9 days."""
    entries = []
    for n in range(125):
        day = START + timedelta(days=n)
        meta: dict[str, Any] = {"date": day, "template": "session" if n % 9 == 3 else "evening"}
        if n % 5:
            meta["mood"] = 1 + n * 7 % 10
        meta["intentions"] = {k: (n * (i + 3)) % 11 for i, k in enumerate(KEYS) if (n + i) % 4}
        entries.append(Entry(meta, "# x\n", Path(f"/h/entries/{day}-{n}.md")))
        if n % 7 == 0:
            extra = {"date": day, "template": "evening", "intentions": {"kind": 2.5}, "mood": 9}
            entries.append(Entry(extra, "# x\n", Path(f"/h/entries/{day}-extra.md")))
    return entries, progress.Period(START + timedelta(days=10), START + timedelta(days=110))


DENSE = dense_diary()
READS = st.lists(
    st.one_of(st.integers(-15, 15), st.tuples(st.integers(-15, 15), st.integers(-15, 15))),
    max_size=6,
)


@settings(max_examples=100, deadline=None)
@given(READS)
def test_sessions_read_in_any_order_have_the_figures_of_the_definitions(
    reads: list[int | tuple[int, int]],
) -> None:
    """The figures around each session are worked out when first read (the terminal reads
    the latest dozen): any reads first, by index or slice, leave them all as defined."""
    entries, period = DENSE
    expected = reference_sessions(entries, period)
    assert len(expected) == 11 and all(None not in s for s in expected)
    sessions = progress.compute(entries, KNOWN, period).sessions
    for where in reads:
        if isinstance(where, tuple):
            got = sessions[where[0] : where[1]]
            want = expected[where[0] : where[1]]
        elif -len(expected) <= where < len(expected):
            got, want = [sessions[where]], [expected[where]]
        else:
            with pytest.raises(IndexError):
                sessions[where]
            continue
        assert [
            [s.mood_before, s.intentions_before, s.mood_after, s.intentions_after] for s in got
        ] == want
    assert [
        [s.mood_before, s.intentions_before, s.mood_after, s.intentions_after] for s in sessions
    ] == expected
    assert sessions == list(sessions) and list(reversed(sessions)) == sessions[::-1]


DAY_VALUES = st.lists(st.one_of(st.none(), RATING.map(float)), max_size=120)


@settings(max_examples=300, deadline=None)
@given(DAY_VALUES, st.integers(1, 15), st.integers(-130, 130), st.integers(-130, 130))
def test_a_period_of_day_values_reads_as_the_list_it_stands_for(
    values: list[float | None], size: int, start: int, stop: int
) -> None:
    """``Daily`` keeps only the rated days; as a sequence it is the list with ``None``s,
    and the sparklines' buckets are the list's, sum for sum."""
    rated = {700_000 + n: v for n, v in enumerate(values) if v is not None}
    daily = (
        progress.Days.of(rated)
        .series(
            progress.Period(date.fromordinal(700_000), date.fromordinal(700_000 + len(values) - 1))
        )
        .daily
        if values
        else progress.Daily.of([])
    )
    assert len(daily) == len(values) and list(daily) == values and daily == values
    assert daily[start:stop] == values[start:stop] and daily[::-2] == values[::-2]
    for n in (start, stop):
        if -len(values) <= n < len(values):
            assert daily[n] == values[n]
        else:
            with pytest.raises(IndexError):
                daily[n]
    assert progress.bucket_means(daily, size) == progress.bucket_means(values, size)
    assert progress.bucket_means(values, size) == [
        (sum(p) / len(p) if p else None)
        for p in (
            [v for v in values[i : i + size] if v is not None] for i in range(0, len(values), size)
        )
    ]
    assert progress.Daily.of(values) == daily


@settings(max_examples=200, deadline=None)
@given(st.sets(st.integers(700_000, 700_060)), st.integers(699_990, 700_070))
def test_streaks_from_runs_are_those_counted_day_by_day(days: set[int], end: int) -> None:
    written = progress.Days.of(dict.fromkeys(days, 1), "i")
    streak = progress._streaks(written, end)
    assert (streak.current, streak.longest) == reference_streaks(days, end)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(0, 10), max_size=40), st.integers(-1, 45))
def test_the_strength_after_a_day_is_the_loop_over_the_days_before(
    values: list[float], last: int
) -> None:
    series = progress.Days(list(range(len(values))), values)
    assert series.strength(last) == progress.strength(values[: max(last + 1, 0)])


def test_a_decade_is_kept_in_a_dozen_bytes_a_day() -> None:
    """At 50,000 entries the history was 31 MiB of dictionaries; as arrays it is small."""
    days = 3650
    entries = [
        Entry(
            {
                "date": START - timedelta(days=n),
                "mood": 5,
                "intentions": dict.fromkeys(KEYS, n % 11),
            },
            "# x\n",
            Path(f"/h/{n}.md"),
        )
        for n in range(days)
    ]
    parts = history_sql.pack(progress.gather(entries, START))
    series = 4  # mood and three intentions; entries a day and their runs besides
    assert sum(map(len, parts)) < days * (series * 12 + 3 * 8 + 8) + 4096


# --- through the index and the real command ----------------------------------------------


@pytest.fixture
def rated(initialised: Path, run: Callable[..., Result]) -> Path:
    """Three months of evenings and sessions with ratings, gaps and two-entry days."""
    home = initialised
    for n in range(90):
        if n % 9 == 4:
            continue  # a gap: streaks break
        day = (date(2026, 8, 1) + timedelta(days=n)).isoformat()
        put(
            home,
            day,
            mood=1 + n % 10,
            intentions={"be-present-with-my-kids": n % 11, "self-compassion": (3 * n) % 11},
            areas={"body": (n * 7) % 11},
        )
        if n % 10 == 0:
            put(home, day, template="session", session=n // 10, mood=(n % 9) + 1)
        if n % 13 == 0:
            put(home, day, name=f"{day}-evening-2.md", mood=3, intentions={"self-compassion": 9})
    return home


def parsed(home: Path) -> list[Entry]:
    return [parse(p.read_text(encoding="utf-8"), p) for p in sorted(home.rglob("*.md"))]


def index_file(home: Path) -> Path:
    from kapdiary.locations import resolve_home

    return resolve_home(home, None).index_file


def test_progress_from_the_index_kept_or_not_gives_the_figures_of_the_files(
    rated: Path, run: Callable[..., Result]
) -> None:
    args = ("progress", "--json", "--since", "2026-09-01", "--until", "2026-10-20")
    first = run(*args)
    assert first.exit_code == 0, first.output
    again = run(*args)  # the kept history, read in place
    assert again.stdout == first.stdout
    from kapdiary.intentions import load

    known = load(rated / "intentions.toml")
    period = progress.Period(date(2026, 9, 1), date(2026, 10, 20))
    by_definition = progress.compute(parsed(rated / "entries"), known, period)
    assert json.loads(first.stdout) == json.loads(json.dumps(progress.as_json(by_definition)))


def test_a_kept_history_with_a_part_missing_or_damaged_is_worked_out_again(
    rated: Path, run: Callable[..., Result]
) -> None:
    args = ("progress", "--json", "--since", "60d", "--until", "2026-10-20")
    first = run(*args).stdout
    with sqlite3.connect(index_file(rated)) as conn:
        keys = [k for (k,) in conn.execute("SELECT key FROM derived WHERE key LIKE '[\"history%'")]
        assert len(keys) > 5  # the head and the day series, one row a part
        conn.execute("DELETE FROM derived WHERE key = ?", [keys[3]])
    assert run(*args).stdout == first
    with sqlite3.connect(index_file(rated)) as conn:
        conn.execute("UPDATE derived SET value = x'00ff' WHERE key LIKE '[\"history%'")
    assert run(*args).stdout == first
    with sqlite3.connect(index_file(rated)) as conn:  # a stray row after the parts
        conn.execute("INSERT INTO derived VALUES (?, x'00')", [keys[0][:-5] + "99999"])
    assert run(*args).stdout == first


def test_an_edit_an_added_intention_and_another_end_day_each_change_the_figures(
    rated: Path, run: Callable[..., Result]
) -> None:
    args = ("progress", "--json", "--since", "2026-10-01", "--until", "2026-10-20")
    before = json.loads(run(*args).stdout)
    put(rated, "2026-10-06", mood=10, intentions={"be-present-with-my-kids": 0})
    edited = json.loads(run(*args).stdout)
    assert edited["mood"]["daily"][5] == 10 != before["mood"]["daily"][5]
    kids = next(i for i in edited["intentions"] if i["id"] == "be-present-with-my-kids")
    assert kids["daily"][5] == 0
    added = run("intention", "add", "Walk in the woods", "--id", "walk", "--again")
    assert added.exit_code == 0, added.output
    assert "walk" in [i["id"] for i in json.loads(run(*args).stdout)["intentions"]]
    shorter = json.loads(
        run("progress", "--json", "--since", "2026-10-01", "--until", "2026-10-10").stdout
    )
    assert shorter["mood"]["daily"] == edited["mood"]["daily"][:10]
    assert shorter["writing"]["streak"] != edited["writing"]["streak"]


# --- search: ranked once, read a page at a time ------------------------------------------


@pytest.fixture
def lighthouses(initialised: Path) -> Path:
    home = initialised
    for n in range(12):
        day = (date(2026, 10, 1) + timedelta(days=n)).isoformat()
        words = "The lighthouse again." if n % 3 else "A lighthouse, a lighthouse, the lighthouse."
        put(home, day, f"{words} The kids laughed.", mood=5, tags=["sea"] if n % 2 else [])
    put(home, "2026-10-20", "Nothing about the sea.", mood=4)
    return home


def one_query(home: Path, word: str) -> list[tuple[str, float, str]]:
    """The ranking as one query with every column (what search did before it was paged)."""
    from kapdiary.index import open_index
    from kapdiary.index.search import WEIGHTS, variants
    from kapdiary.index.snippets import SNIPPET_TOKENS, marked
    from kapdiary.locations import resolve_home
    from kapdiary.query import TextQuery

    with open_index(resolve_home(home, None)) as index:
        match = TextQuery.parse(word).fts(variants(index), everywhere=False)
        rows = index.rows(
            f"SELECT e.path, bm25(fts, {WEIGHTS}) AS score, snippet(fts, -1, char(2), char(3), "
            f"'…', {SNIPPET_TOKENS}) FROM fts JOIN entries e ON e.id = fts.rowid "
            "WHERE fts MATCH ? ORDER BY score, e.date DESC, e.time DESC, e.sort_key DESC",
            [match],
        )
    return [(path, -score, marked(snip)[0]) for path, score, snip in rows]


@pytest.mark.parametrize("page", [1, 5, 500])
def test_search_read_page_by_page_ranks_as_one_query_does(
    lighthouses: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, page: int
) -> None:
    from kapdiary.index import search

    monkeypatch.setattr(search, "PAGE", page)
    result = run("search", "lighthouse", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    expected = one_query(lighthouses, "lighthouse")
    assert data["total"] == data["shown"] == len(expected) == 12
    got = [
        (Path(r["path"]).relative_to(lighthouses / "entries").as_posix(), r["score"], r["snippet"])
        for r in data["results"]
    ]
    assert got == expected
    # Equal scores: the newest first.
    ties = [r for r in data["results"] if r["score"] == data["results"][-1]["score"]]
    assert [r["date"] for r in ties] == sorted((r["date"] for r in ties), reverse=True)
    # The front matter comes back whole, from its JSON text.
    assert (
        data["results"][0]["meta"]["mood"] == 5
        and data["results"][0]["meta"]["template"] == "evening"
    )
    limited = json.loads(run("search", "lighthouse", "--json", "--limit", "3").stdout)
    assert limited["total"] == 12 and [r["path"] for r in limited["results"]] == [
        r["path"] for r in data["results"][:3]
    ]


def test_a_record_from_the_index_reads_its_front_matter_only_when_asked(lighthouses: Path) -> None:
    from kapdiary.index import open_index
    from kapdiary.locations import resolve_home
    from kapdiary.query import Filters

    with open_index(resolve_home(lighthouses, None)) as index:
        records = index.records(Filters(tags=("sea",)))
    assert records and all(isinstance(r.__dict__["_meta"], str) for r in records)
    assert all(r.meta["tags"] == ["sea"] for r in records)
    assert all(isinstance(r.__dict__["_meta"], dict) for r in records)  # decoded once
    with pytest.raises(AttributeError):
        records[0].meta = {}  # type: ignore[misc]
