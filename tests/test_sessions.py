"""The course: numbered session entries, `kapdiary sessions`, and where each day stands.

"Now" is Saturday 2026-11-21 (conftest). A session is an entry written with the template
`session`; `kapdiary write` gives it `session: N` in its front matter.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import entry_file, entry_files, one_error_line
from kapdiary import entry

BUILTINS = ("preparation", "session", "day-after", "evening", "weekly")
SESSION_KEYS = ("session", "route", "dose_mg", "duration_min", "side_effects")


def meta(path: Path) -> dict[str, object]:
    parsed = entry.parse(path.read_text(encoding="utf-8"), path)
    assert parsed.problem is None, parsed.problem
    return parsed.meta


def session(run: Callable[..., Result], day: str, *sets: str, text: str = "Quiet.") -> Path:
    """Write a session entry for ``day`` without prompting; return its file."""
    args = ["write", "session", "--date", day, "--future", "--text", text]  # one is planned
    for assignment in sets:
        args += ["--set", assignment]
    result = run(*args)
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip().removeprefix("Saved "))


def evening(run: Callable[..., Result], day: str, text: str = "A day.") -> Path:
    result = run("write", "--date", day, "--set", "mood=6", "--text", text)
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip().removeprefix("Saved "))


def course_json(run: Callable[..., Result]) -> list[dict[str, object]]:
    result = run("sessions", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["today"] == "2026-11-21"
    sessions: list[dict[str, object]] = data["sessions"]
    return sessions


# -- the session fields of each built-in template ---------------------------------------------


@pytest.mark.parametrize("name", BUILTINS)
def test_each_built_in_template_writes_the_session_keys_only_on_a_session_entry(
    run: Callable[..., Result], initialised: Path, name: str
) -> None:
    args = ["write", name, "--text", "Words."]
    if name == "session":
        args += ["--set", "route=IV infusion", "--set", "dose_mg=35", "--set", "duration_min=75"]
        args += ["--set", "side_effects=dissociation, blurred vision"]

    result = run(*args)

    assert result.exit_code == 0, result.output
    saved = meta(entry_file(initialised, f"2026-11-21-{name}"))
    if name == "session":
        assert {k: saved.get(k) for k in SESSION_KEYS} == {
            "session": 1,
            "route": "IV infusion",
            "dose_mg": 35,
            "duration_min": 75,
            "side_effects": ["dissociation", "blurred vision"],
        }
        text = entry_file(initialised, "2026-11-21-session").read_text(encoding="utf-8")
        assert text.startswith("---\ndate: 2026-11-21\ntime: '21:34'\ntemplate: session\n")
        assert "template: session\nsession: 1\n" in text  # docs/design.md §4's order
    else:
        assert not set(SESSION_KEYS) & set(saved), saved


def test_write_json_includes_the_session_number(
    run: Callable[..., Result], initialised: Path
) -> None:
    result = run("write", "session", "--set", "route=1", "--text", "Quiet.", "--json")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["session"] == 1
    assert data["route"] == "nasal spray"


# -- numbering --------------------------------------------------------------------------------


def test_the_first_session_is_1_and_the_next_is_2(
    run: Callable[..., Result], initialised: Path
) -> None:
    first = session(run, "2026-11-02")
    evening(run, "2026-11-03")
    second = session(run, "2026-11-09")

    assert meta(first)["session"] == 1
    assert meta(second)["session"] == 2


def test_a_second_session_entry_on_the_same_day_counts_as_the_next_session(
    run: Callable[..., Result], initialised: Path
) -> None:
    first = session(run, "2026-11-21")
    second = session(run, "2026-11-21")

    assert second.name == "2026-11-21-session-2.md"
    assert (meta(first)["session"], meta(second)["session"]) == (1, 2)


def test_set_session_gives_a_number_and_the_next_one_follows_it(
    run: Callable[..., Result], initialised: Path
) -> None:
    given = session(run, "2026-11-02", "session=5")  # sessions before kapdiary, say
    after = session(run, "2026-11-09")

    assert meta(given)["session"] == 5
    assert meta(after)["session"] == 6


def test_a_number_edited_by_hand_is_respected(
    run: Callable[..., Result], initialised: Path
) -> None:
    first = session(run, "2026-11-02")
    first.write_text(
        first.read_text(encoding="utf-8").replace("session: 1\n", "session: 3\n"),
        encoding="utf-8",
    )

    after = session(run, "2026-11-09")

    assert meta(after)["session"] == 4
    assert [s["session"] for s in course_json(run)] == [3, 4]


def test_deleting_a_session_renumbers_nothing(
    run: Callable[..., Result], initialised: Path
) -> None:
    one, two, three = (session(run, day) for day in ("2026-11-02", "2026-11-09", "2026-11-16"))
    kept = three.read_text(encoding="utf-8")

    two.unlink()
    four = session(run, "2026-11-20")

    assert three.read_text(encoding="utf-8") == kept  # the file is never rewritten
    assert meta(one)["session"] == 1
    assert meta(three)["session"] == 3
    assert meta(four)["session"] == 4  # one more than the highest, not a count
    assert [(s["session"], s["date"]) for s in course_json(run)] == [
        (1, "2026-11-02"),
        (3, "2026-11-16"),
        (4, "2026-11-20"),
    ]


def test_a_session_written_for_an_earlier_day_counts_only_the_sessions_before_it(
    run: Callable[..., Result], initialised: Path
) -> None:
    session(run, "2026-11-02")
    later = session(run, "2026-11-18")

    result = run("write", "session", "--date", "2026-11-09", "--text", "Forgotten.")

    assert result.exit_code == 0, result.output
    forgotten = entry_file(initialised, "2026-11-09-session")
    assert meta(forgotten)["session"] == 2
    assert "later sessions keep their numbers (session 2 on 2026-11-18)" in result.stderr
    assert "`kapdiary edit 2026-11-18`" in result.stderr
    assert meta(later)["session"] == 2  # left as it was; the user decides
    result = run("sessions")
    assert "Session 2 appears 2 times (2026-11-09, 2026-11-18)" in result.stdout


def test_a_session_entry_without_a_number_is_counted_and_said_so(
    run: Callable[..., Result], initialised: Path
) -> None:
    first = session(run, "2026-11-02")
    by_hand = entry_file(initialised, "2026-11-09-session")
    by_hand.write_text(
        "---\ndate: 2026-11-09\ntemplate: session\nroute: IM injection\n---\n\nStrong.\n",
        encoding="utf-8",
    )

    third = session(run, "2026-11-16")

    assert meta(first)["session"] == 1
    assert meta(third)["session"] == 3
    listed = course_json(run)
    assert [(s["session"], s["numbered"]) for s in listed] == [(1, True), (2, False), (3, True)]
    result = run("sessions")
    assert "(2)" in result.stdout
    assert f"add `session: 2` to the front matter of {by_hand}" in result.stdout.replace("\n", " ")


@pytest.mark.parametrize("value", ["0", "two", "-1", "2.5"])
def test_a_session_number_must_be_a_whole_number_from_1(
    run: Callable[..., Result], initialised: Path, value: str
) -> None:
    result = run("write", "session", "--set", f"session={value}", "--text", "Quiet.")

    assert result.exit_code == 2
    assert "give a whole number from 1" in one_error_line(result)
    assert entry_files(initialised) == []


def test_only_a_session_entry_takes_a_session_number(
    run: Callable[..., Result], initialised: Path
) -> None:
    result = run("write", "--set", "session=3", "--text", "A day.")

    assert result.exit_code == 2
    assert "only session entries have a number" in one_error_line(result)
    assert entry_files(initialised) == []


def test_the_editor_shows_the_number_and_keeps_an_edited_one(
    run: Callable[..., Result], initialised: Path, fake_editor: Callable[[str], object]
) -> None:
    session(run, "2026-11-02")
    fake_editor(
        "assert '\\nsession: 2  # ' in text, text\n"
        "text = re.sub(r'(?m)^session:.*$', 'session: 7', text)\n"
        "path.write_text(text.replace('## What did I feel?\\n', '## What did I feel?\\nCalm.\\n'))"
    )

    result = run("write", "session", "--editor")

    assert result.exit_code == 0, result.output
    assert meta(entry_file(initialised, "2026-11-21-session"))["session"] == 7


def test_an_unreadable_number_from_the_editor_keeps_the_text_as_a_draft(
    run: Callable[..., Result], initialised: Path, fake_editor: Callable[[str], object]
) -> None:
    fake_editor(
        "text = re.sub(r'(?m)^session:.*$', 'session: first', text)\n"
        "path.write_text(text + 'Words I keep.\\n')"
    )

    result = run("write", "session", "--editor")

    assert result.exit_code == 1
    assert "session: 'first' is not accepted" in one_error_line(result)
    assert entry_files(initialised) == []
    drafts = list((initialised / "drafts").glob("*.md"))
    assert len(drafts) == 1 and "Words I keep." in drafts[0].read_text(encoding="utf-8")


def test_a_guided_session_is_numbered_and_its_header_says_which(
    run: Callable[..., Result], initialised: Path
) -> None:
    session(run, "2026-11-02")
    typed = "\n" * 6 + "Light.\n.\n"  # six fields skipped, then the first prompt

    result = run("write", "session", "--guided", input=typed)

    assert result.exit_code == 0, result.output
    assert "Diary day Saturday 21 November 2026 · Session 2 · template session" in result.stdout
    assert meta(entry_file(initialised, "2026-11-21-session"))["session"] == 2


def test_numbering_does_not_depend_on_the_index_cache(
    run: Callable[..., Result],
    initialised: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session(run, "2026-11-02")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))

    second = session(run, "2026-11-09")

    assert meta(second)["session"] == 2


# -- kapdiary sessions ------------------------------------------------------------------------


def test_sessions_without_any_says_how_to_start(
    run: Callable[..., Result], initialised: Path
) -> None:
    evening(run, "2026-11-20")

    result = run("sessions")

    assert result.exit_code == 0, result.output
    assert "No sessions in your diary yet" in result.stdout
    assert "kapdiary write session" in result.stdout
    assert course_json(run) == []


def test_sessions_lists_the_course_with_days_and_entries_since(
    run: Callable[..., Result], initialised: Path
) -> None:
    session(run, "2026-11-02", "route=4", "dose_mg=35", "duration_min=60", "side_effects=2")
    evening(run, "2026-11-03")
    evening(run, "2026-11-05")
    session(run, "2026-11-18", "route=nasal spray", "dose_mg=56.5")
    evening(run, "2026-11-19")

    result = run("sessions")

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Your course: 2 sessions · the latest 3 days ago, Wednesday 18 November 2026"
    )
    header = next(line for line in lines if line.lstrip().startswith("#"))
    assert header.split() == ["#", "date", "route", "dose", "days", "since", "entries", "since"]
    rows = [line.split() for line in lines if line.lstrip()[:1].isdigit()]
    assert rows == [
        ["1", "2026-11-02", "IV", "infusion", "35", "mg", "19", "4"],
        ["2", "2026-11-18", "nasal", "spray", "56.5", "mg", "3", "1"],
    ]


def test_sessions_json_has_every_field(run: Callable[..., Result], initialised: Path) -> None:
    first = session(
        run, "2026-11-02", "route=4", "dose_mg=35", "duration_min=60", "side_effects=2, 3"
    )
    evening(run, "2026-11-10")
    today = session(run, "2026-11-21")

    assert course_json(run) == [
        {
            "session": 1,
            "numbered": True,
            "date": "2026-11-02",
            "time": "21:34",
            "route": "IV infusion",
            "dose_mg": 35,
            "duration_min": 60,
            "side_effects": ["dissociation", "nausea"],
            "days_since": 19,
            "entries_since": 2,
            "path": str(first),
        },
        {
            "session": 2,
            "numbered": True,
            "date": "2026-11-21",
            "time": "21:34",
            "route": None,
            "dose_mg": None,
            "duration_min": None,
            "side_effects": [],
            "days_since": 0,
            "entries_since": 0,
            "path": str(today),
        },
    ]
    result = run("sessions")
    assert "the latest today" in result.stdout


# -- where the user is: the header and the placeholders ---------------------------------------


def guided_evening(run: Callable[..., Result], *args: str) -> Result:
    result = run("write", "--guided", *args, input="")  # Ctrl-D at once: nothing is saved
    assert result.exit_code == 0, result.output
    return result


def test_the_write_header_says_day_n_after_session_m(
    run: Callable[..., Result], initialised: Path
) -> None:
    session(run, "2026-11-09")
    session(run, "2026-11-17")

    result = guided_evening(run)

    assert (
        "Diary day Saturday 21 November 2026 · Day 4 after session 2 · template evening"
        in result.stdout
    )


def test_the_header_counts_from_the_day_written_for(
    run: Callable[..., Result], initialised: Path
) -> None:
    session(run, "2026-11-09")
    session(run, "2026-11-17")

    assert "Day 1 after session 1" in guided_evening(run, "--date", "2026-11-10").stdout
    assert "The day of session 2" in guided_evening(run, "--date", "2026-11-17").stdout


def test_before_the_first_session_the_header_has_no_course(
    run: Callable[..., Result], initialised: Path
) -> None:
    session(run, "2026-11-25")  # planned, after the diary day

    result = guided_evening(run)

    assert "Diary day Saturday 21 November 2026 · template evening" in result.stdout
    assert "session" not in result.stdout.lower().split("template evening")[0]


COACH = """---
title: "Integration, day {days_since_session} after session {session} — {long_date}"
fields:
  - key: calm
    type: scale
    prompt: How calm do you feel, {days_since_session} days on?
    help: Since session {session}.
---

## What is still with me from session {session}?
Day {days_since_session}: a word is enough.
"""


def write_coach_template(run: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "integration.md"
    path.write_text(COACH, encoding="utf-8")
    result = run("template", "check", str(path))
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.stdout
    assert run("template", "import", str(path)).exit_code == 0


def test_session_placeholders_are_filled_in_a_template(
    run: Callable[..., Result], initialised: Path, tmp_path: Path
) -> None:
    write_coach_template(run, tmp_path)
    session(run, "2026-11-17")

    result = run("write", "integration", "--set", "calm=6", "--text", "The colours.")

    assert result.exit_code == 0, result.output
    text = entry_file(initialised, "2026-11-21-integration").read_text(encoding="utf-8")
    assert "# Integration, day 4 after session 1 — Saturday 21 November 2026" in text
    assert "## What is still with me from session 1?\n\nThe colours." in text


def test_session_placeholders_in_a_session_entry_are_its_own(
    run: Callable[..., Result], initialised: Path, tmp_path: Path
) -> None:
    session(run, "2026-11-17")
    coach = tmp_path / "session.md"  # a coach's session template replaces the built-in one
    coach.write_text("---\ntitle: Session {session}, day {days_since_session}\n---\n## How\n")
    assert run("template", "import", str(coach)).exit_code == 0

    path = session(run, "2026-11-21", "session=4")

    assert "# Session 4, day 0\n" in path.read_text(encoding="utf-8")


def test_before_any_session_the_placeholders_are_empty(
    run: Callable[..., Result], initialised: Path, tmp_path: Path
) -> None:
    write_coach_template(run, tmp_path)

    result = run("write", "integration", "--guided", input="")

    assert result.exit_code == 0, result.output
    assert "Integration, day  after session  — Saturday 21 November 2026" in result.stdout
    assert "How calm do you feel,  days on?" in result.stdout
    assert "{session}" not in result.stdout and "{days_since_session}" not in result.stdout


def test_the_editor_notes_where_the_user_is_without_saving_it(
    run: Callable[..., Result],
    initialised: Path,
    tmp_path: Path,
    fake_editor: Callable[[str], object],
) -> None:
    session(run, "2026-11-18")
    seen = tmp_path / "seen.md"
    fake_editor(
        f"pathlib.Path({str(seen)!r}).write_text(text)\n"
        "path.write_text(text.replace('## What came up for me today?\\n', "
        "'## What came up for me today?\\nCalm.\\n'))"
    )

    result = run("write", "--editor")

    assert result.exit_code == 0, result.output
    assert "<!-- Day 3 after session 1 -->\n" in seen.read_text(encoding="utf-8")
    text = entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8")
    assert "after session" not in text
    assert "session" not in meta(entry_file(initialised, "2026-11-21-evening"))


def test_a_resumed_session_draft_keeps_its_number(
    run: Callable[..., Result], initialised: Path
) -> None:
    session(run, "2026-11-02")
    drafts = initialised / "drafts"
    drafts.mkdir(exist_ok=True)
    (drafts / "2026-11-21-session-abc123.md").write_text(
        "---\ndate: 2026-11-21\ntime: '21:00'\ntemplate: session\nsession: 7\n"
        "route: IV infusion\n---\n\n# Session day\n\n## What did I notice in my body?\n\nWarm.\n",
        encoding="utf-8",
    )

    result = run("write", "--resume", input="Then calm.\n.\n")

    assert result.exit_code == 0, result.output
    assert "Session 7" in result.stdout
    saved = meta(entry_file(initialised, "2026-11-21-session"))
    assert (saved["session"], saved["route"]) == (7, "IV infusion")
