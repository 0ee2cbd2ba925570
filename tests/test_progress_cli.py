"""`kapdiary progress` through the real CLI: the view, --json, one intention, edge cases."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

Run = Callable[..., Result]
KIDS = "be-present-with-my-kids"


def write(run: Run, day: str, *sets: str, template: str = "evening", text: str = "words") -> None:
    args = ["write", template, "--date", day, "--text", text]
    for item in sets:
        args += ["--set", item]
    result = run(*args)
    assert result.exit_code == 0, result.output


def test_no_entries_is_a_friendly_message_and_exit_0(run: Run, initialised: Path) -> None:
    result = run("progress")
    assert result.exit_code == 0, result.output
    assert "No entries in this period yet" in result.output


def test_the_view_shows_intentions_areas_mood_writing_and_sessions(
    run: Run, initialised: Path
) -> None:
    write(run, "2026-11-10", "mood=4", f"intentions.{KIDS}=3", "areas.body=2")
    write(run, "2026-11-12", "route=nasal spray", "mood=5", template="session")
    write(run, "2026-11-14", "mood=8", f"intentions.{KIDS}=9", f"intention_notes.{KIDS}=Story time")
    result = run("progress")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Be present with my kids" in out and "6.0" in out  # (3 + 9) / 2
    assert "“Story time” (14 Nov)" in out
    assert "body" in out and "mood" in out
    assert "3 entries on 3 days" in out
    assert "Around your sessions" in out and "4.0 → 8.0" in out  # mood 4 before, 8 after
    assert "Self-compassion" in out  # never rated, still listed


def test_json_has_the_documented_keys_and_the_same_figures(run: Run, initialised: Path) -> None:
    write(run, "2026-11-20", "mood=6", f"intentions.{KIDS}=10")
    write(run, "2026-11-21", "mood=8", f"intentions.{KIDS}=10")
    result = run("progress", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["period"] == {"since": "2026-10-25", "until": "2026-11-21", "days": 28}
    kids = next(i for i in data["intentions"] if i["id"] == KIDS)
    assert kids["days_rated"] == 2 and kids["mean"] == 10
    assert kids["previous_mean"] is None and kids["change"] is None
    assert kids["strength"] == round(1 - 0.5 ** (2 / 13), 4)
    assert data["mood"]["mean"] == 7
    assert data["writing"]["streak"] == {"current": 2, "longest": 2}
    assert len(data["mood"]["daily"]) == 28
    assert set(data) >= {"areas", "sessions", "retired_intentions", "flags", "previous_period"}


def test_period_and_since_until(run: Run, initialised: Path) -> None:
    write(run, "2026-10-01", "mood=3")
    data = json.loads(run("progress", "--period", "8w", "--json").stdout)
    assert data["period"]["days"] == 56 and data["mood"]["days_rated"] == 1
    data = json.loads(
        run("progress", "--since", "2026-10-01", "--until", "2026-10-31", "--json").stdout
    )
    assert data["period"] == {"since": "2026-10-01", "until": "2026-10-31", "days": 31}
    assert data["previous_period"] == {"since": "2026-08-31", "until": "2026-09-30"}


def test_one_intention_in_depth(run: Run, initialised: Path) -> None:
    write(run, "2026-11-18", f"intentions.{KIDS}=4", f"intention_notes.{KIDS}=Hard morning")
    write(run, "2026-11-19", "route=nasal spray", template="session")
    write(run, "2026-11-20", f"intentions.{KIDS}=8")
    result = run("progress", "--intention", KIDS)
    assert result.exit_code == 0, result.output
    assert "Be present with my kids" in result.output
    assert "strength" in result.output
    assert "Hard morning" in result.output
    assert "S" in result.output.split("└")[1]  # the session day is marked under the chart


def test_a_bad_rating_in_a_hand_edited_file_is_named_and_left_out(
    run: Run, initialised: Path
) -> None:
    write(run, "2026-11-20", "mood=6")
    path = initialised / "entries" / "2026" / "11" / "2026-11-20-evening.md"
    path.write_text(path.read_text().replace("mood: 6", "mood: 12"))
    write(run, "2026-11-21", "mood=4")
    broken = initialised / "entries" / "2026" / "11" / "2026-11-19-evening.md"
    broken.write_text("---\ndate: 2026-11-19\nmood: [6\n---\ntext\n")
    result = run("progress", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["mood"]["mean"] == 4
    assert "2026-11-20-evening.md" in result.stderr and "mood 12" in result.stderr
    assert "2026-11-19-evening.md" in result.stderr


def test_bad_options_are_usage_errors(run: Run, initialised: Path) -> None:
    for args in (
        ("--intention", "nope"),
        ("--period", "soon"),
        ("--since", "2026-11-10", "--until", "2026-11-01"),
        ("--since", "7d", "--period", "8w"),
        ("--until", "2026-13-01"),
    ):
        result = run("progress", *args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.count("\n") == 1, result.stderr


def test_a_period_in_the_future_and_retired_intentions(run: Run, initialised: Path) -> None:
    write(run, "2026-11-20", "intentions.self-compassion=7")
    assert run("intention", "retire", "self-compassion").exit_code == 0
    result = run("progress")
    assert "Retired intentions" in result.output and "Self-compassion" in result.output
    future = run("progress", "--since", "2027-01-01", "--until", "2027-01-28")
    assert future.exit_code == 0 and "No entries in this period yet" in future.output
