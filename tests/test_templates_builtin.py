"""The built-in templates: each loads and writes the front matter of docs/design.md §4."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from kapdiary import entry, templates

BUILTINS = ("preparation", "session", "day-after", "evening", "weekly")
KIDS, SELF = "be-present-with-my-kids", "self-compassion"


def saved_entry(home: Path, template: str) -> entry.Entry:
    path = home / "entries" / "2026" / "11" / f"2026-11-21-{template}.md"
    assert path.exists(), sorted(str(p) for p in home.rglob("*.md"))
    parsed = entry.parse(path.read_text(encoding="utf-8"), path)
    assert parsed.problem is None, parsed.problem
    return parsed


def write(run: Callable[..., Result], template: str, *sets: str, text: str) -> Result:
    args = ["write", template]
    for assignment in sets:
        args += ["--set", assignment]
    result = run(*args, input=text)
    assert result.exit_code == 0, result.output
    return result


def test_the_course_has_its_built_in_templates() -> None:
    names = {p.stem for p in templates.builtin_dir().glob("*.md")}
    assert set(BUILTINS) <= names


@pytest.mark.parametrize("name", BUILTINS)
def test_each_built_in_template_loads_and_passes_the_check(
    run: Callable[..., Result], name: str
) -> None:
    path = templates.builtin_dir() / f"{name}.md"
    template = templates.load(path, builtin=True)
    assert template.description
    assert template.prompts and all(p.guidance for p in template.prompts)
    assert "{long_date}" in template.title
    result = run("template", "check", str(path))
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.output


@pytest.mark.parametrize("name", BUILTINS)
def test_template_show_lists_every_field_and_prompt(
    run: Callable[..., Result], initialised: Path, name: str
) -> None:
    template = templates.load(templates.builtin_dir() / f"{name}.md", builtin=True)
    result = run("template", "show", name)
    assert result.exit_code == 0, result.output
    for f in template.fields:
        assert f"{f.key} ({f.type})" in result.output
    for prompt in template.prompts:
        assert f"## {prompt.heading}" in result.output


def test_a_session_entry_records_route_dose_duration_and_side_effects(
    run: Callable[..., Result], initialised: Path
) -> None:
    write(
        run,
        "session",
        "route=nasal spray",
        "dose_mg=56",
        "duration_min=90",
        "side_effects=dissociation,nausea",
        "setting=the clinic, with my therapist",
        "mood=5",
        text="## What did I notice in my body?\nHeavy arms, then warmth.\n\n"
        "## The best moment\nLight through my eyelids.\n",
    )
    saved = saved_entry(initialised, "session")
    assert saved.meta == {
        "date": saved.meta["date"],
        "time": "21:34",
        "template": "session",
        "session": 1,  # numbered for the user: the first session of the course
        "mood": 5,
        "route": "nasal spray",
        "dose_mg": 56,
        "duration_min": 90,
        "setting": "the clinic, with my therapist",
        "side_effects": ["dissociation", "nausea"],
    }
    assert saved.meta["date"].isoformat() == "2026-11-21"
    text = saved.path.read_text(encoding="utf-8") if saved.path else ""
    assert "route: nasal spray\ndose_mg: 56\nduration_min: 90\n" in text
    assert "side_effects: [dissociation, nausea]\n" in text
    assert "# Session day — Saturday 21 November 2026" in text
    assert "## What did I notice in my body?\n\nHeavy arms, then warmth." in text
    assert "## The best moment\n\nLight through my eyelids." in text
    assert "without interpreting yet" not in text  # guidance is never saved
    assert "## What images or colours came?" not in text  # skipped sections are left out


@pytest.mark.parametrize(
    ("sets", "expected"),
    [
        (
            ["route=4", "dose_mg=0.5 mg", "side_effects=1"],
            {"route": "IV infusion", "dose_mg": 0.5, "side_effects": ["none"]},
        ),
        (
            ["route=lozenge/troche", "duration_min=120", "side_effects=Blurred vision, 7"],
            {
                "route": "lozenge/troche",
                "duration_min": 120,
                "side_effects": ["blurred vision", "blood-pressure change"],
            },
        ),
        (["route=im injection"], {"route": "IM injection"}),
    ],
)
def test_session_fields_accept_words_numbers_and_units(
    run: Callable[..., Result], initialised: Path, sets: list[str], expected: dict[str, Any]
) -> None:
    write(run, "session", *sets, text="Quiet.\n")
    meta = saved_entry(initialised, "session").meta
    assert {k: meta.get(k) for k in expected} == expected
    if "dose_mg" not in expected:
        assert "dose_mg" not in meta  # the dose is optional


@pytest.mark.parametrize(
    ("assignment", "accepted"),
    [
        ("route=intravenous", "one of: 1 nasal spray"),
        ("dose_mg=-5", "a number of at least 0 (mg)"),
        ("duration_min=ninety", "a number of at least 0 (min)"),
        ("side_effects=dissociation,fainting", "any of (comma-separated)"),
    ],
)
def test_a_bad_session_value_says_what_the_field_takes(
    run: Callable[..., Result], initialised: Path, assignment: str, accepted: str
) -> None:
    result = run("write", "session", "--set", assignment, input="Text.\n")
    assert result.exit_code == 2
    assert accepted in result.output
    assert not list(initialised.rglob("entries/**/*.md"))


def test_a_preparation_entry_keeps_the_checklist_and_the_starting_ratings(
    run: Callable[..., Result], initialised: Path
) -> None:
    write(
        run,
        "preparation",
        "mood=4",
        f"intentions.{KIDS}=3",
        f"intentions.{SELF}=2",
        "areas.relationships=5",
        "areas.body=4",
        "fasting=yes",
        "water=y",
        "quiet_room=no",
        "ride_home=yes",
        text="## What am I moving toward?\nMore patience with myself.\n\n"
        "## Who supports me?\nMy sister, and the walk by the river.\n",
    )
    saved = saved_entry(initialised, "preparation")
    assert saved.meta["template"] == "preparation"
    assert saved.meta["mood"] == 4
    assert saved.meta["intentions"] == {KIDS: 3, SELF: 2}
    assert saved.meta["areas"] == {"relationships": 5, "body": 4}
    assert {k: saved.meta[k] for k in ("fasting", "water", "quiet_room", "ride_home")} == {
        "fasting": True,
        "water": True,
        "quiet_room": False,
        "ride_home": True,
    }
    assert [s.heading for s in saved.sections()] == ["What am I moving toward?", "Who supports me?"]


def test_a_day_after_entry_keeps_mood_intentions_and_notes(
    run: Callable[..., Result], initialised: Path
) -> None:
    write(
        run,
        "day-after",
        "mood=7",
        f"intentions.{SELF}=6",
        f"intention_notes.{SELF}=Rested without guilt",
        "tags=insight, rest",
        text="## What still stands out?\nThe image of the open door.\n\n"
        "## One small action\nCall my brother.\n",
    )
    saved = saved_entry(initialised, "day-after")
    assert saved.meta["mood"] == 7
    assert saved.meta["intentions"] == {SELF: 6}
    assert saved.meta["intention_notes"] == {SELF: "Rested without guilt"}
    assert saved.meta["tags"] == ["insight", "rest"]
    assert [s.heading for s in saved.sections()] == ["What still stands out?", "One small action"]


def test_a_weekly_review_rerates_every_life_area_and_each_intention(
    run: Callable[..., Result], initialised: Path
) -> None:
    areas = {"mind": 6, "body": 4, "spirit": 5, "relationships": 7, "lifestyle": 3, "nature": 8}
    write(
        run,
        "weekly",
        *(f"areas.{area}={rating}" for area, rating in areas.items()),
        f"intentions.{KIDS}=8",
        f"intentions.{SELF}=5",
        "tags=boundaries",
        text="I reread the week. More good evenings than I thought.\n\n"
        "## Themes I notice\nTiredness, and saying no.\n",
    )
    saved = saved_entry(initialised, "weekly")
    assert saved.meta["areas"] == areas
    assert saved.meta["intentions"] == {KIDS: 8, SELF: 5}
    assert saved.meta["tags"] == ["boundaries"]
    sections = saved.sections()
    assert sections[0].heading == "Rereading my week"  # text before any heading goes first
    assert sections[0].text.startswith("I reread the week.")
    assert saved.title == "Weekly review — week ending Saturday 21 November 2026"


def test_the_evening_template_keeps_its_fields(
    run: Callable[..., Result], initialised: Path
) -> None:
    template = templates.load(templates.builtin_dir() / "evening.md", builtin=True)
    assert [(f.key, f.type) for f in template.fields] == [
        ("mood", "scale"),
        ("intentions", "intentions"),
        ("areas", "areas"),
        ("tags", "tags"),
    ]
    write(run, "evening", "mood=6", f"intentions.{KIDS}=7", "areas.body=3", text="A calm day.\n")
    saved = saved_entry(initialised, "evening")
    assert saved.meta["mood"] == 6
    assert saved.meta["intentions"] == {KIDS: 7}
    assert saved.meta["areas"] == {"body": 3}
    assert saved.sections()[0].heading == "What came up for me today?"


def test_a_guided_session_entry_asks_each_field_and_prompt(
    run: Callable[..., Result], initialised: Path
) -> None:
    answers = [
        "1",  # route: nasal spray
        "56 mg",  # dose
        "90",  # duration
        "the clinic",  # setting
        "2, 3",  # side effects: dissociation, nausea
        "4",  # mood
        "Heavy, then light.",  # body
        "",
        "",
        "",  # images: skipped
        "",  # memories: skipped
        "Relief.",
        ".",
    ]
    result = run("write", "session", "--guided", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "How was the ketamine given?" in result.output
    assert "one of: 1 nasal spray, 2 lozenge/troche, 3 IM injection" in result.output
    assert "without interpreting yet" in result.output  # guidance is shown while writing
    saved = saved_entry(initialised, "session")
    assert saved.meta["route"] == "nasal spray"
    assert saved.meta["dose_mg"] == 56
    assert saved.meta["duration_min"] == 90
    assert saved.meta["side_effects"] == ["dissociation", "nausea"]
    assert [(s.heading, s.text) for s in saved.sections()] == [
        ("What did I notice in my body?", "Heavy, then light."),
        ("What did I feel?", "Relief."),
    ]
