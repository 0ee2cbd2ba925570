"""Properties of the importers (hypothesis): no input makes a parser fail with anything but
a Problem, and what a parser accepts comes back as it was written in the source's format.

Each parser is a pure function of text, so these run without a diary; the last property
checks that whatever an importer hands on makes a valid entry file (kapdiary's own parser
reads it back with no problem, the same words, tags and privacy).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from kapdiary import entry
from kapdiary.importers import Source, daylio, dayone, entry_text, jrnl, markdown
from kapdiary.importers.model import Imported, Parsed, Problem, clean_tag

SETTINGS = settings(max_examples=150, deadline=None)
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=30,
)
ENTRY_KEYS = st.sampled_from(
    ["uuid", "creationDate", "timeZone", "text", "tags", "starred", "photos", "title", "body",
     "date", "time"]
)  # fmt: skip
ENTRYISH = st.dictionaries(ENTRY_KEYS, JSONISH, max_size=8)
MINUTES = st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2090, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)
WORD = st.text(st.characters(codec="utf-8", categories=["L", "N"]), min_size=1, max_size=8)
LINE = st.lists(WORD, min_size=1, max_size=6).map(" ".join)


def _well_formed(parsed: Parsed) -> None:
    assert all(isinstance(e, Imported) for e in parsed.entries)
    assert all(isinstance(p, Problem) and p.problem for p in parsed.problems)
    for item in parsed.entries:
        assert item.when is not None or item.day is not None
        assert all(t == clean_tag(t) for t in item.tags)


# --- never a crash ------------------------------------------------------------------------------


JRNL_BITS = ["[2025-01-03 09:30:00 PM] ", "[x] ", "\n", "a *", "@t ", "[2025-13-99 25:61:00 AM] "]


@SETTINGS
@given(st.text() | st.lists(st.sampled_from(JRNL_BITS)).map("".join))
def test_jrnl_text_never_fails(text: str) -> None:
    _well_formed(jrnl.parse_text(text))


@SETTINGS
@given(
    st.text()
    | JSONISH.map(json.dumps)
    | st.lists(ENTRYISH).map(lambda e: json.dumps({"entries": e}))
)
def test_jrnl_json_and_day_one_never_fail(text: str) -> None:
    _well_formed(jrnl.parse_json(text))
    _well_formed(dayone.parse(text))


CSV_CELL = st.text(max_size=20) | st.sampled_from(
    ["rad", "2025-02-30", "9:61 pm", "13:00 pm", "1 May"]
)


@SETTINGS
@given(st.text() | st.lists(st.lists(CSV_CELL, max_size=9), max_size=5).map(
    lambda rows: "full_date,date,weekday,time,mood,activities,note_title,note\n"
    + "".join(",".join(json.dumps(c) for c in row) + "\n" for row in rows)
))  # fmt: skip
def test_daylio_never_fails(text: str) -> None:
    _well_formed(daylio.parse(text))


@SETTINGS
@given(st.text(), st.text(min_size=1, max_size=30))
@example("---\ndate: 9999-12-31T23:59:59\n---\n", "a.md")
@example("---\ndate: [1, 2]\ntags: {a: 1}\nmood: .nan\n---\n", "2025-01-01.md")
def test_a_markdown_note_never_fails(text: str, name: str) -> None:
    found = markdown.parse_note(text, name)
    assert isinstance(found, Imported | Problem)


# --- what is accepted comes back as written --------------------------------------------------


JRNL_ENTRY = st.tuples(
    MINUTES, LINE, st.lists(LINE, max_size=3), st.lists(WORD, max_size=3), st.booleans()
)


def _jrnl_file(entries: list[tuple[datetime, str, list[str], list[str], bool]]) -> str:
    out = []
    for when, title, body, tags, starred in entries:
        lines = [*body, *(f"@{t}" for t in tags)]
        head = f"[{when:%Y-%m-%d %I:%M:%S %p}] {title}{' *' if starred else ''}"
        out.append(head + "".join(f"\n{line}" for line in lines) + "\n")
    return "\n".join(out)


@SETTINGS
@given(st.lists(JRNL_ENTRY, min_size=1, max_size=5))
def test_jrnl_text_round_trips(entries: list[Any]) -> None:
    parsed = jrnl.parse_text(_jrnl_file(entries))

    assert parsed.problems == []
    assert len(parsed.entries) == len(entries)
    for item, (when, title, body, tags, starred) in zip(parsed.entries, entries, strict=True):
        assert item.when == when
        words = " ".join([title, *body, *(f"@{t}" for t in tags)])
        assert " ".join(item.body.split()) == " ".join(words.split())
        expected = {clean_tag(t) for t in tags} | ({"starred"} if starred else set())
        assert set(item.tags) == expected - {None}


@SETTINGS
@given(st.lists(JRNL_ENTRY, min_size=1, max_size=5))
def test_jrnl_json_gives_the_same_ids_as_the_text(entries: list[Any]) -> None:
    text = jrnl.parse_text(_jrnl_file(entries))
    exported = {
        "entries": [
            {"title": e.title or "", "body": e.body.partition("\n")[2] if e.title else e.body,
             "date": f"{e.when:%Y-%m-%d}", "time": f"{e.when:%H:%M}",
             "tags": [f"@{t}" for t in e.tags if t != "starred"], "starred": "starred" in e.tags}
            for e in text.entries
        ]
    }  # fmt: skip

    from_json = jrnl.parse_json(json.dumps(exported))

    assert [e.source_id for e in from_json.entries] == [e.source_id for e in text.entries]
    assert [set(e.tags) for e in from_json.entries] == [set(e.tags) for e in text.entries]


ZONES = st.sampled_from(
    ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "UTC"]
)


@SETTINGS
@given(st.lists(st.tuples(MINUTES, ZONES, st.text(max_size=40), st.lists(WORD, max_size=3),
                          st.booleans()), min_size=1, max_size=5))  # fmt: skip
def test_day_one_round_trips_in_its_time_zones(entries: list[Any]) -> None:
    data = {
        "metadata": {"version": "1.0"},
        "entries": [
            {"uuid": f"U{n}", "creationDate": f"{when:%Y-%m-%dT%H:%M:%S}Z", "timeZone": zone,
             "text": text, "tags": tags, "starred": starred}
            for n, (when, zone, text, tags, starred) in enumerate(entries)
        ],
    }  # fmt: skip

    parsed = dayone.parse(json.dumps(data))

    assert parsed.problems == []
    for n, (item, (when, zone, text, tags, starred)) in enumerate(
        zip(parsed.entries, entries, strict=True)
    ):
        local = when.replace(tzinfo=UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        assert (item.source_id, item.when) == (f"dayone:U{n}", local)
        assert item.body == text.replace("\r\n", "\n").strip()
        assert "starred" in item.tags if starred else set(item.tags) <= {clean_tag(t) for t in tags}


DAYLIO_ROW = st.tuples(
    MINUTES,
    st.sampled_from(sorted(daylio.MOODS)),
    st.lists(LINE, max_size=3),
    st.text(max_size=40),
    st.booleans(),
)


@SETTINGS
@given(st.lists(DAYLIO_ROW, min_size=1, max_size=5))
def test_daylio_round_trips(rows: list[Any]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"]
    )
    for when, mood, acts, note, twelve in rows:
        shown = f"{(when.hour % 12) or 12}:{when.minute:02d} {'pm' if when.hour >= 12 else 'am'}"
        writer.writerow([f"{when:%Y-%m-%d}", "", "", shown if twelve else f"{when:%H:%M}", mood,
                         " | ".join(acts), "", note])  # fmt: skip

    parsed = daylio.parse(out.getvalue())

    assert parsed.problems == []
    for item, (when, mood, acts, note, _) in zip(parsed.entries, rows, strict=True):
        assert (item.when, item.mood) == (when, daylio.MOODS[mood])
        assert item.tags == tuple(dict.fromkeys(t for t in map(clean_tag, acts) if t))
        expected = daylio.BREAK.sub("\n", note.replace("\r\n", "\n").replace("\r", "\n")).strip()
        assert item.body.replace("\r", "\n") == expected


@SETTINGS
@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    st.lists(WORD, max_size=4),
    st.sampled_from([True, False, "yes", "no", 1, 0, None, "off"]),
    st.text(max_size=60),
)
def test_a_markdown_note_round_trips_and_keeps_privacy(
    day: date, tags: list[str], private: Any, body: str
) -> None:
    from kapdiary.privacy import flag_reason

    text = entry.render({"date": day, "tags": tags, "private": private}, body)

    found = markdown.parse_note(text, "notes/x.md")

    assert isinstance(found, Imported)
    assert found.day == day
    assert set(found.tags) == {t for t in map(clean_tag, tags) if t}
    assert found.private is (flag_reason({"private": private}) is not None or found.private)
    assert "private" not in {k.lower() for k in found.fields}


# --- whatever comes in makes a valid entry -------------------------------------------------------


@SETTINGS
@given(
    body=st.text(st.characters(codec="utf-8")),
    title=st.none() | st.text(st.characters(codec="utf-8"), min_size=1, max_size=40),
    tags=st.lists(st.text(min_size=1, max_size=10), max_size=4),
    private=st.booleans(),
    when=MINUTES,
)
@example(body="---\nprivate: false\n---\n", title="---", tags=["private"], private=True,
         when=datetime(2025, 1, 1))  # fmt: skip
@example(
    body="## Night (private)\nsecret", title=None, tags=[], private=False, when=datetime(2025, 1, 1)
)
def test_every_imported_entry_is_a_valid_entry(
    body: str, title: str | None, tags: list[str], private: bool, when: datetime
) -> None:
    item = Imported("jrnl:x", "line 1", body.strip(), when=when, title=title,
                    tags=tuple(t for t in map(clean_tag, tags) if t), private=private)  # fmt: skip
    day = (when - timedelta(hours=4)).date()

    read = entry.parse(entry_text(item, day, Source("jrnl", Path("journal.txt"))))

    assert read.problem is None
    assert read.meta["date"] == day and read.meta["template"] == "imported"
    assert read.meta["source_id"] == "jrnl:x"
    assert read.body.strip() == body.strip().replace("\r\n", "\n") or "\r" in body
    assert set(item.tags) <= set(read.tags)
    if private:
        assert read.private


@example(-float("inf"))
@given(st.floats() | st.integers())
def test_a_markdown_mood_is_kept_only_when_it_is_1_to_10(value: float) -> None:
    found = markdown.parse_note(f"---\ndate: 2025-01-01\nmood: {value}\n---\n", "n.md")

    assert isinstance(found, Imported)
    assert found.mood == (int(value) if 1 <= value <= 10 and value == int(value) else None)
