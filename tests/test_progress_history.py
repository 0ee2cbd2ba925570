"""The index's aggregated history gives exactly the figures of kapdiary.progress's own
definitions (``gather`` over the parsed files), on a diary full of awkward cases."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import put
from kapdiary import progress
from kapdiary.entry import Entry, parse
from kapdiary.intentions import Intention, load
from kapdiary.query import Filters

UNTIL = date(2026, 11, 21)


@pytest.fixture
def awkward(initialised: Path, run: Callable[..., Result]) -> Path:
    home = initialised
    # The same words as `initialised`'s two, under ids of their own (--again: no question).
    run("intention", "add", "Be present with my kids", "--id", "kids", "--again")
    run("intention", "add", "Self-compassion", "--id", "kind", "--again")
    put(home, "2026-11-01", mood=6, intentions={"kids": 7, "kind": 4}, areas={"body": 3})
    # Two entries on one day: the day's value is their mean.
    put(home, "2026-11-02", mood=4, intentions={"kids": 2}, areas={"body": 9})
    put(home, "2026-11-02", name="2026-11-02-evening-2.md", mood=8, intentions={"kids": 6})
    # Out of range, the wrong type, a block that is not `name: rating` lines.
    put(home, "2026-11-03", mood=11, intentions={"kids": "lots", "kind": 10}, areas=[1, 2])
    put(home, "2026-11-04", mood=True, intentions={"kids": 10.5, "stranger": 5})
    # Notes, sessions with and without a number, a private entry.
    put(home, "2026-11-05", template="session", session=1, mood=5, intentions={"kids": 5})
    put(home, "2026-11-06", intention_notes={"kids": "  Built a den together. "}, mood=7)
    put(home, "2026-11-07", template="session", session=True, intentions={"kind": 8})
    put(home, "2026-11-08", private=True, mood=2, intentions={"kids": 1}, areas={"mind": 2})
    put(home, "2026-11-09", mood=9, intention_notes={"kind": "Kinder to myself."})
    put(home, "2026-11-30", mood=3, intentions={"kids": 3})  # after the end: left out
    # Front matter that does not parse, and a file that is not UTF-8.
    broken = home / "entries" / "2026" / "11" / "2026-11-10-evening.md"
    broken.write_text("---\ndate: 2026-11-10\nmood: [\n---\n\nText.\n", encoding="utf-8")
    (home / "entries" / "2026" / "11" / "2026-11-11-evening.md").write_bytes(
        b"---\ndate: 2026-11-11\nmood: 5\n---\n\nCaf\xe9\n"
    )
    return home


def parsed(home: Path, *, private: bool = True, template: str | None = None) -> list[Entry]:
    """Every entry file read directly, as the figures' own definitions see them."""
    found = []
    for path in sorted((home / "entries").rglob("*.md")):
        entry = parse(path.read_bytes().decode("utf-8", errors="replace"), path)
        if not private and (entry.private or (entry.problem and not entry.meta)):
            continue
        if template is not None and entry.template != template:
            continue
        found.append(entry)
    return found


def same(a: progress.Progress, b: progress.Progress) -> None:
    left, right = progress.as_json(a), progress.as_json(b)
    # Paths name the same files; the parsed side knows no index-only problems' wording.
    for data in (left, right):
        data["flags"] = sorted((Path(f["path"]).name, f["problem"]) for f in data["flags"])
    assert left == right


@pytest.mark.parametrize("private", [True, False])
def test_the_index_history_gives_the_figures_of_the_definitions(
    awkward: Path, private: bool
) -> None:
    from kapdiary.index import open_index
    from kapdiary.locations import resolve_home

    home = resolve_home(awkward, None)
    known = load(home.intentions_file)
    period = progress.Period(date(2026, 11, 1), UNTIL)
    with open_index(home) as index:
        from_index = index.history(Filters(until=UNTIL), private=private)
        again = index.history(Filters(until=UNTIL), private=private)  # kept in the index
    by_definition = progress.gather(parsed(awkward, private=private), UNTIL)
    # The file that is not UTF-8 reads as text with a warning in the index; parsed with
    # replacement characters here it has the same front matter.
    same(
        progress.compute(from_index, known, period),
        progress.compute(by_definition, known, period),
    )
    assert progress.as_json(progress.compute(again, known, period)) == progress.as_json(
        progress.compute(from_index, known, period)
    )
    figures = progress.compute(from_index, known, period)
    kids = next(i for i in figures.intentions if i.id == "kids")
    assert kids.series.daily[1] == 4  # (2 + 6) / 2 on 2 November
    assert kids.last_note == "Built a den together."


def test_a_template_filter_and_left_out_fields_agree_too(awkward: Path) -> None:
    from kapdiary.index import open_index
    from kapdiary.locations import resolve_home

    home = resolve_home(awkward, None)
    known = [Intention("kids", "Kids", date(2026, 11, 1)), Intention("kind", "K", UNTIL)]
    period = progress.Period(date(2026, 11, 1), UNTIL)
    with open_index(home) as index:
        sessions = index.history(Filters(until=UNTIL, templates=("session",)), private=False)
        everything = index.history(Filters(until=UNTIL), private=False)
    same(
        progress.compute(sessions, known, period),
        progress.compute(
            progress.gather(parsed(awkward, template="session"), UNTIL), known, period
        ),
    )
    without = everything.without(["mood", "intentions.kids", "areas"])
    figures = progress.compute(without, known, period)
    assert figures.mood.days_rated == 0 and figures.areas == {}
    assert figures.intentions[0].series.days_rated == 0
    assert figures.intentions[0].last_note is None
    assert not [f for f in figures.flags if "mood" in f.message or "kids" in f.message]
    assert figures.intentions[1].series.days_rated == 3


def test_progress_json_sees_an_edit_made_between_two_runs(
    run: Callable[..., Result], awkward: Path
) -> None:
    first = json.loads(run("progress", "--json", "--since", "2026-11-01").stdout)
    assert first["mood"]["daily"][0] == 6
    put(awkward, "2026-11-01", mood=1, intentions={"kids": 7, "kind": 4}, areas={"body": 3})
    second = json.loads(run("progress", "--json", "--since", "2026-11-01").stdout)
    assert second["mood"]["daily"][0] == 1
    # The kept history is per end date: another end date is worked out afresh and agrees.
    shorter = json.loads(
        run("progress", "--json", "--since", "2026-11-01", "--until", "2026-11-09").stdout
    )
    assert shorter["mood"]["daily"] == second["mood"]["daily"][:9]
