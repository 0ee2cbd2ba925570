"""kapdiary.plain: the records written without dataclasses behave as dataclasses did."""

from __future__ import annotations

import inspect
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kapdiary import config, fields, intentions, locations, plain, progress, query, vault
from kapdiary.commands import context
from kapdiary.index import model


def records() -> list[type[plain.Plain]]:
    found = []
    for module in (config, fields, intentions, locations, progress, query, vault, context, model):
        found += [
            item
            for item in vars(module).values()
            if isinstance(item, type)
            and issubclass(item, plain.Plain)
            and item not in (plain.Plain, plain.Frozen)
        ]
    return found


def test_there_are_records_to_check() -> None:
    names = {item.__name__ for item in records()}
    assert {"Record", "Filters", "Home", "Config", "Field", "Progress", "History"} <= names


@pytest.mark.parametrize("kind", records(), ids=lambda kind: kind.__qualname__)
def test_fields_are_the_init_parameters_in_order(kind: type[plain.Plain]) -> None:
    """``==``, ``repr`` and ``replace`` go by ``_fields``: a field added to ``__init__``
    and not there would be left out of all three."""
    parameters = list(inspect.signature(kind.__init__).parameters)[1:]
    assert list(kind._fields) == parameters


def test_equal_by_fields_and_class_as_a_dataclass() -> None:
    a = progress.Streak(current=2, longest=5)
    assert a == progress.Streak(2, 5)
    assert a != progress.Streak(2, 6)
    assert a != (2, 5)
    assert repr(a) == "Streak(current=2, longest=5)"
    with pytest.raises(TypeError):
        hash(a)


def test_frozen_records_refuse_changes_and_hash_by_fields() -> None:
    home = locations.Home(Path("/tmp/x"), "--home")
    with pytest.raises(AttributeError):
        home.path = Path("/elsewhere")  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del home.source
    assert hash(home) == hash(locations.Home(Path("/tmp/x"), "--home"))
    assert {home, locations.Home(Path("/tmp/x"), "--home")} == {home}


def test_replace_makes_a_new_record_and_refuses_unknown_fields() -> None:
    base = query.Filters(until=date(2026, 11, 20), tags=("#Calm",))
    moved = base.replace(since=date(2026, 11, 1))
    assert (moved.since, moved.until, moved.tags) == (
        date(2026, 11, 1),
        date(2026, 11, 20),
        ("calm",),
    )
    assert base.since is None
    with pytest.raises(TypeError, match="no field 'sinc'"):
        base.replace(sinc=date(2026, 11, 1))


def test_a_record_made_from_text_reads_its_values() -> None:
    row = model.Record(
        path="2026/11/2026-11-20-evening.md",  # type: ignore[arg-type]  # as the index gives it
        date=date(2026, 11, 20),
        time="21:00",
        template="evening",
        title=None,
        mood=6.0,
        meta='{"mood": 6}',  # type: ignore[arg-type]
        tags='["calm"]',  # type: ignore[arg-type]
        private=False,
        problem=None,
        problem_line=None,
        excerpt="",
    )
    assert row.path == Path("2026/11/2026-11-20-evening.md")
    assert row.meta == {"mood": 6} and row.tags == ("calm",)
    assert row == row.replace() and row.replace(mood=7.0).mood == 7.0
    with pytest.raises(AttributeError):
        row.mood = 3.0  # type: ignore[misc]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["home", "entries", "2026", "a b", "é", "..", "x.md"]), max_size=4),
    st.lists(st.sampled_from(["home", "entries", "2026", "a b", "é", "x.md"]), max_size=4),
    st.booleans(),
)
def test_a_hits_place_is_shown_as_a_path_would_show_it(
    base: list[str], rest: list[str], absolute: bool
) -> None:
    """render.words.shown_place works on the index's text; shown_path on Paths."""
    from kapdiary.render import words

    root = Path("/" if absolute else ".", *base)
    for text in (str(root.joinpath(*rest)), str(Path("/", *rest)), str(root)):
        row = model.Record(
            text, date(2026, 11, 20), None, None, None, None, {}, (), False, None, None, ""
        )  # type: ignore[arg-type]
        assert words.shown_place(row, root) == words.shown_path(Path(text), root)
