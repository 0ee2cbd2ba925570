"""`kapdiary write` without prompting: fields with --set, text from stdin or --text."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import entry_file, entry_files, kapdiary_command, one_error_line, subprocess_env
from kapdiary.entry import parse


def front_matter(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), text
    return text.split("---\n", 2)[1]


def test_write_from_stdin_saves_an_entry_in_the_design_format(run, initialised: Path) -> None:
    result = run("write", "--set", "mood=6", input="A calm day.\n")

    assert result.exit_code == 0, result.output
    path = entry_file(initialised, "2026-11-21-evening")
    assert result.stdout.strip() == f"Saved {path}"
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        "date: 2026-11-21\n"
        "time: '21:34'\n"
        "template: evening\n"
        "mood: 6\n"
        "---\n"
        "\n"
        "# Evening integration — Saturday 21 November 2026\n"
        "\n"
        "## What came up for me today?\n"
        "\n"
        "A calm day.\n"
    )


def test_version_is_printed(run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("kapdiary 0.")


def test_write_sets_every_kind_of_field(run, initialised: Path) -> None:
    result = run(
        "write",
        "--set",
        "mood=7",
        "--set",
        "tags=family, insight",
        "--set",
        "intentions.be-present-with-my-kids=8",
        "--set",
        "intention_notes.be-present-with-my-kids=Built a den with them",
        "--set",
        "intentions.self-compassion=4",
        "--set",
        "areas.relationships=6",
        "--set",
        "areas.body=3",
        "--text",
        "Tired but kind to myself.",
    )

    assert result.exit_code == 0, result.output
    entry = parse(entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8"))
    assert entry.problem is None
    assert list(entry.meta) == [
        "date",
        "time",
        "template",
        "mood",
        "intentions",
        "areas",
        "tags",
        "intention_notes",
    ]
    assert entry.meta["mood"] == 7
    assert entry.meta["tags"] == ["family", "insight"]
    assert entry.meta["intentions"] == {"be-present-with-my-kids": 8, "self-compassion": 4}
    assert entry.meta["areas"] == {"relationships": 6, "body": 3}
    assert entry.meta["intention_notes"] == {"be-present-with-my-kids": "Built a den with them"}
    assert "Tired but kind to myself." in entry.body


def test_fields_not_given_are_absent_from_the_front_matter(run, initialised: Path) -> None:
    result = run("write", "--text", "Only words today.")

    assert result.exit_code == 0, result.output
    assert front_matter(entry_file(initialised, "2026-11-21-evening")) == (
        "date: 2026-11-21\ntime: '21:34'\ntemplate: evening\n"
    )


def test_write_takes_the_text_from_the_text_option(run, initialised: Path) -> None:
    result = run("write", "--text", "Walked by the river.\n\nSlept early.")

    assert result.exit_code == 0, result.output
    entry = parse(entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8"))
    [section] = entry.sections()
    assert section.heading == "What came up for me today?"
    assert section.text == "Walked by the river.\n\nSlept early."


def test_stdin_text_with_headings_keeps_its_sections(run, initialised: Path) -> None:
    text = (
        "# A title the template replaces\n"
        "Some words before any heading.\n"
        "\n"
        "## What do I carry into tomorrow?\n"
        "Patience.\n"
        "\n"
        "## A heading of my own\n"
        "Something else entirely.\n"
    )
    result = run("write", input=text)

    assert result.exit_code == 0, result.output
    body = entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8")
    assert body.split("---\n", 2)[2] == (
        "\n"
        "# Evening integration — Saturday 21 November 2026\n"
        "\n"
        "## What came up for me today?\n"
        "\n"
        "Some words before any heading.\n"
        "\n"
        "## What do I carry into tomorrow?\n"
        "\n"
        "Patience.\n"
        "\n"
        "## A heading of my own\n"
        "\n"
        "Something else entirely.\n"
    )


def test_write_with_nothing_given_is_a_usage_error(run, initialised: Path) -> None:
    result = run("write", input="")

    assert result.exit_code == 2
    line = one_error_line(result)
    assert "--set KEY=VALUE" in line and "--text" in line
    assert entry_files(initialised) == []


def test_write_never_overwrites_an_existing_entry(run, initialised: Path) -> None:
    first = run("write", "--text", "First words.")
    second = run("write", "--text", "Second words.")
    third = run("write", "--text", "Third words.")

    assert [r.exit_code for r in (first, second, third)] == [0, 0, 0]
    paths = [entry_file(initialised, f"2026-11-21-evening{n}") for n in ("", "-2", "-3")]
    assert entry_files(initialised) == sorted(paths)
    for path, words in zip(paths, ("First words.", "Second words.", "Third words."), strict=True):
        assert words in path.read_text(encoding="utf-8")
    assert "Second" not in paths[0].read_text(encoding="utf-8")
    assert str(paths[2]) in third.stdout


def test_write_leaves_a_file_made_by_hand_untouched(run, initialised: Path) -> None:
    mine = entry_file(initialised, "2026-11-21-evening")
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"written in another app\n")

    result = run("write", "--text", "From kapdiary.")

    assert result.exit_code == 0, result.output
    assert mine.read_bytes() == b"written in another app\n"
    assert "From kapdiary." in entry_file(initialised, "2026-11-21-evening-2").read_text()


def test_a_different_template_on_the_same_day_gets_its_own_name(run, initialised: Path) -> None:
    templates = initialised / "templates"
    (templates / "morning.md").write_text("# Morning — {long_date}\n\n## How did I sleep?\n")
    assert run("write", "--text", "Evening words.").exit_code == 0

    result = run("write", "morning", "--text", "Slept well.")

    assert result.exit_code == 0, result.output
    path = entry_file(initialised, "2026-11-21-morning")
    assert path.read_text(encoding="utf-8").endswith(
        "# Morning — Saturday 21 November 2026\n\n## How did I sleep?\n\nSlept well.\n"
    )
    assert "Evening words." in entry_file(initialised, "2026-11-21-evening").read_text()


def test_a_users_template_overrides_the_builtin_one(run, initialised: Path) -> None:
    (initialised / "templates" / "evening.md").write_text(
        "---\n"
        "title: My coach's evening — {weekday}\n"
        "fields:\n"
        "  - key: energy\n"
        "    type: scale\n"
        "---\n"
        "\n"
        "## One good thing\n"
        "Anything at all.\n",
        encoding="utf-8",
    )

    result = run("write", "--set", "energy=3", input="Tea in the garden.\n")

    assert result.exit_code == 0, result.output
    assert entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8") == (
        "---\ndate: 2026-11-21\ntime: '21:34'\ntemplate: evening\nenergy: 3\n---\n\n"
        "# My coach's evening — Saturday\n\n## One good thing\n\nTea in the garden.\n"
    )
    refused = run("write", "--set", "mood=5", "--text", "x")
    assert refused.exit_code == 2
    assert "'mood' is not a field" in one_error_line(refused)


@pytest.mark.parametrize(
    ("given", "day"),
    [
        ("yesterday", "2026-11-20"),
        ("2026-11-02", "2026-11-02"),
        ("monday", "2026-11-16"),
        ("saturday", "2026-11-21"),
        ("today", "2026-11-21"),
    ],
)
def test_write_for_another_day(run, initialised: Path, given: str, day: str) -> None:
    result = run("write", "--date", given, "--text", "Looking back.")

    assert result.exit_code == 0, result.output
    path = entry_file(initialised, f"{day}-evening")
    assert entry_files(initialised) == [path]
    assert path.read_text(encoding="utf-8").startswith(f"---\ndate: {day}\ntime: '21:34'\n")


def test_a_bad_date_is_a_usage_error_naming_the_format(run, initialised: Path) -> None:
    result = run("write", "--date", "2026-13-01", "--text", "Words.")

    assert result.exit_code == 2
    line = one_error_line(result)
    assert "2026-13-01" in line and "YYYY-MM-DD" in line
    assert entry_files(initialised) == []


def test_after_midnight_the_entry_belongs_to_the_evening_before(
    run, initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAPDIARY_NOW", "2026-11-22T00:30:00")

    result = run("write", "--text", "Could not sleep.")

    assert result.exit_code == 0, result.output
    path = entry_file(initialised, "2026-11-21-evening")
    assert entry_files(initialised) == [path]
    assert path.read_text(encoding="utf-8").startswith("---\ndate: 2026-11-21\ntime: '00:30'\n")


def test_day_starts_at_moves_the_start_of_the_diary_day(
    run, initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAPDIARY_NOW", "2026-11-22T04:30:00")
    assert run("write", "--text", "Early.").exit_code == 0
    assert entry_files(initialised) == [entry_file(initialised, "2026-11-22-evening")]

    assert run("config", "set", "day_starts_at", "05:00").exit_code == 0
    assert run("write", "--text", "Still last night.").exit_code == 0

    later = entry_file(initialised, "2026-11-21-evening")
    assert entry_files(initialised) == [later, entry_file(initialised, "2026-11-22-evening")]
    assert "Still last night." in later.read_text(encoding="utf-8")


def test_write_with_json_prints_the_path_and_fields(run, initialised: Path) -> None:
    result = run("write", "--json", "--set", "mood=4", "--text", "Heavy day.")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["path"] == str(entry_file(initialised, "2026-11-21-evening"))
    assert data["date"] == "2026-11-21" and data["mood"] == 4


def test_two_writers_at_once_each_get_their_own_file(initialised: Path) -> None:
    processes = [
        subprocess.Popen(
            [*kapdiary_command(), "write", "--text", f"Writer {n}."],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=subprocess_env(),
        )
        for n in (1, 2)
    ]
    outcomes = [p.communicate(timeout=60) for p in processes]

    assert [p.returncode for p in processes] == [0, 0], outcomes
    paths = entry_files(initialised)
    assert [p.name for p in paths] == ["2026-11-21-evening-2.md", "2026-11-21-evening.md"]
    texts = sorted(p.read_text(encoding="utf-8").rsplit("\n\n", 1)[1] for p in paths)
    assert texts == ["Writer 1.\n", "Writer 2.\n"]
