"""`kapdiary show`, `edit` and `revisit`."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from conftest import put

# KAPDIARY_NOW is Saturday 21 November 2026 (tests/conftest.py).


def editor(tmp_path: Path, script: str) -> str:
    """A stand-in for $EDITOR: a shell script that changes the file it is given ($1)."""
    path = tmp_path / "fake-editor.sh"
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


# --- show --------------------------------------------------------------------------------


def test_show_a_day_shows_all_its_entries(run, home: Path) -> None:
    put(home, "2026-11-20", "The evening.", mood=6)
    put(home, "2026-11-20", "Later still.", name="2026-11-20-evening-2.md", time="23:30")
    put(home, "2026-11-19", "Not this one.")
    result = run("show", "yesterday")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("The evening.") < out.index("Later still.")
    assert "Not this one." not in out
    assert "mood: 6" in out
    assert [e["time"] for e in json.loads(run("show", "2026-11-20", "--json").stdout)] == [
        "21:00",
        "23:30",
    ]
    assert "The evening." in run("show", "friday").stdout


def test_show_a_path_shows_that_file(run, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = put(home, "2026-11-20", "The evening.")
    put(home, "2026-11-20", "The other one.", name="2026-11-20-evening-2.md")
    for given in (
        str(path),
        "entries/2026/11/2026-11-20-evening.md",
        "2026/11/2026-11-20-evening.md",
    ):
        result = run("show", given)
        assert result.exit_code == 0, result.output
        assert "The evening." in result.stdout and "The other one." not in result.stdout
    monkeypatch.chdir(path.parent)
    assert "The evening." in run("show", "2026-11-20-evening.md").stdout
    [data] = json.loads(run("show", str(path), "--json").stdout)
    assert data["path"] == str(path) and data["date"] == "2026-11-20"


def test_show_a_broken_file_shows_it_with_a_warning(run, home: Path) -> None:
    path = home / "entries" / "2026" / "11" / "2026-11-20-evening.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ndate: 2026-11-20\nmood: 6: 7\n---\n\nEverything I wrote.\n")
    result = run("show", str(path))
    assert result.exit_code == 0, result.output
    assert "Everything I wrote." in result.stdout and "mood: 6: 7" in result.stdout
    assert f"warning: {path} line 3" in result.stderr
    assert "Everything I wrote." in run("show", "2026-11-20").stdout


def test_show_a_day_without_entries_says_how_to_write_one(run, initialised: Path) -> None:
    result = run("show", "2026-11-02")
    assert result.exit_code == 1
    assert "nothing is written for Monday 2 November 2026" in result.stderr
    assert "kapdiary write --date 2026-11-02" in result.stderr


@pytest.mark.parametrize("target", ["banana", "2026-02-30", "next week", "3x"])
def test_show_something_that_is_not_a_date_or_a_file(run, home: Path, target: str) -> None:
    result = run("show", target)
    assert result.exit_code == 2
    assert f"{target!r} is neither a date nor an entry file" in result.stderr


def test_show_a_missing_file(run, home: Path) -> None:
    result = run("show", "entries/2026/11/nope.md")
    assert result.exit_code == 2
    assert "there is no entry file 'entries/2026/11/nope.md'" in result.stderr


# --- edit --------------------------------------------------------------------------------


def test_edit_opens_the_real_file_and_the_change_is_seen(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = put(home, "2026-11-20", "A quiet day.")
    assert "A quiet day." in run("review").stdout  # indexed before the edit
    monkeypatch.setenv(
        "EDITOR", editor(tmp_path, "sed -i 's/A quiet day./A day I want to remember./' \"$1\"")
    )
    result = run("edit", "yesterday")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"Saved {path}"
    assert "A day I want to remember." in path.read_text()
    assert "A day I want to remember." in run("review").stdout
    assert "remember" in run("search", "remember").stdout


def test_edit_uses_the_configured_editor_and_says_when_nothing_changed(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = put(home, "2026-11-20")
    marker = tmp_path / "opened.txt"
    monkeypatch.setenv("EDITOR", "false")  # the config's editor wins
    assert run("config", "set", "editor", editor(tmp_path, f'echo "$1" > {marker}')).exit_code == 0
    result = run("edit", str(path))
    assert result.exit_code == 0, result.output
    opened = Path(marker.read_text().strip())
    assert opened.name == path.name and not opened.is_relative_to(home)  # a private copy
    assert not opened.exists()  # removed afterwards
    assert result.stdout.strip() == f"No changes to {path}."


def test_edit_that_breaks_the_front_matter_changes_nothing_and_keeps_the_text(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = put(home, "2026-11-20", "My words.")
    before = path.read_text()
    broken = "---\ndate: 2026-11-20\nmood: [6\n---\n\nMy words, edited.\n"
    monkeypatch.setenv("EDITOR", editor(tmp_path, f"printf '%s' '{broken}' > \"$1\""))
    result = run("edit", "2026-11-20")
    assert result.exit_code == 1
    assert "line 4" in result.stderr or "line 3" in result.stderr
    assert f"{path} was not changed" in result.stderr
    assert path.read_text() == before
    [kept] = (home / ".history").rglob("*-unsaved.md")
    assert kept.read_text() == broken and str(kept) in result.stderr
    review = run("review")
    assert "My words." in review.stdout and "edited" not in review.stdout


def test_edit_a_day_with_two_entries_asks_for_the_path(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(home, "2026-11-20", "One.")
    put(home, "2026-11-20", "Two.", name="2026-11-20-evening-2.md")
    monkeypatch.setenv("EDITOR", editor(tmp_path, "exit 0"))
    result = run("edit", "2026-11-20")
    assert result.exit_code == 2
    assert "2 entries that day" in result.stderr
    assert (
        "entries/2026/11/2026-11-20-evening.md or entries/2026/11/2026-11-20-evening-2.md"
        in result.stderr
    )


def test_edit_with_a_missing_editor_or_a_failing_one(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(home, "2026-11-20")
    monkeypatch.setenv("EDITOR", "no-such-editor-anywhere")
    result = run("edit", "2026-11-20")
    assert result.exit_code == 2 and "'no-such-editor-anywhere' was not found" in result.stderr
    monkeypatch.setenv("EDITOR", editor(tmp_path, "exit 3"))
    result = run("edit", "2026-11-20")
    assert result.exit_code == 1 and "exited with status 3" in result.stderr


def test_edit_a_day_without_entries(run, initialised: Path) -> None:
    result = run("edit", "today")
    assert result.exit_code == 1
    assert "kapdiary write --date 2026-11-21" in result.stderr


# --- revisit -----------------------------------------------------------------------------


def test_revisit_shows_a_week_a_month_three_months_and_a_year_ago(run, home: Path) -> None:
    put(home, "2026-11-14", "A week ago.")
    put(home, "2026-10-21", "A month ago.")
    put(home, "2026-08-23", "Near three months ago.")  # nothing on the 21st: the nearest day
    put(home, "2026-08-16", "Too far from three months ago.")
    put(home, "2025-11-21", "A year ago today.")
    put(home, "2026-11-20", "Yesterday.")
    result = run("revisit")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "One week ago · Saturday 14 November 2026" in out
    assert "One month ago · Wednesday 21 October 2026" in out
    assert "Three months ago · Sunday 23 August 2026" in out
    assert "One year ago · Friday 21 November 2025" in out
    assert (
        out.index("A week ago.")
        < out.index("A month ago.")
        < out.index("Near three")
        < out.index("A year ago")
    )
    assert "Too far" not in out and "Yesterday." not in out
    data = json.loads(run("revisit", "--json").stdout)
    assert [(g["label"], g["date"]) for g in data] == [
        ("One week ago", "2026-11-14"),
        ("One month ago", "2026-10-21"),
        ("Three months ago", "2026-08-23"),
        ("One year ago", "2025-11-21"),
    ]
    assert data[0]["entries"][0]["body"].rstrip().endswith("A week ago.")


def test_revisit_with_nothing_to_show_suggests_random(run, home: Path) -> None:
    put(home, "2026-11-20", "Yesterday.")
    result = run("revisit")
    assert result.exit_code == 0
    assert "kapdiary revisit --random" in result.stdout


def test_revisit_random_shows_one_older_entry(run, home: Path) -> None:
    put(home, "2026-11-20", "Too recent.")
    put(home, "2026-01-05", "From January.")
    for _ in range(3):
        result = run("revisit", "--random")
        assert result.exit_code == 0, result.output
        assert "From January." in result.stdout and "Too recent." not in result.stdout
    [group] = json.loads(run("revisit", "--random", "--json").stdout)
    assert group["date"] == "2026-01-05" and len(group["entries"]) == 1


def test_revisit_random_without_older_entries(run, home: Path) -> None:
    put(home, "2026-11-20", "Too recent.")
    result = run("revisit", "--random")
    assert result.exit_code == 0
    assert "no entries older than a week" in result.stdout


@pytest.mark.parametrize("command", ["review", "show", "edit", "revisit", "search", "reindex"])
def test_every_reading_command_has_help_with_an_example(run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout
    assert f"    kapdiary {command}" in result.stdout or f"kapdiary {command}" in result.stdout
