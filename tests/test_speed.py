"""Speed without shortcuts (issue 19): what is skipped must be safe to skip.

- A touched file (same bytes, new stat) keeps its rows: hashed, not parsed again; a file
  whose bytes did change is read again even when its size is the same; a file dated by
  its modification time alone moves with it.
- Output that is not a terminal, and ``--json``, never import Rich; ``kapdiary --help``
  neither, and it still lists every command.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import put, subprocess_env
from kapdiary.cli import app
from kapdiary.locations import Home
from kapdiary.render.markup import escape, unmarked


def index_rows(home: Path) -> dict[str, int]:
    """Each entry's row id in the index, by path, and the index's generation."""
    conn = sqlite3.connect(Home(home, "test").index_file)
    try:
        rows = dict(conn.execute("SELECT path, id FROM entries"))
        generation = conn.execute("SELECT value FROM info WHERE key = 'generation'").fetchone()
        rows["(generation)"] = int(generation[0]) if generation else 0
        return rows
    finally:
        conn.close()


def later(path: Path, seconds: int) -> None:
    """Move the file's times by ``seconds``, as ``touch`` or a sync tool would."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + seconds * 1_000_000_000))


def test_a_touched_entry_keeps_its_rows_and_is_not_parsed_again(run, home: Path) -> None:
    put(home, "2026-11-19", "Slept well.")
    path = put(home, "2026-11-20", "Walked by the sea.")
    assert "Walked by the sea." in run("review").stdout
    before = index_rows(home)
    later(path, 60)
    out = run("review", "--json").stdout
    assert "Walked by the sea." in out
    assert index_rows(home) == before  # same rows, same generation: nothing re-parsed
    conn = sqlite3.connect(Home(home, "test").index_file)
    [(mtime,)] = conn.execute(
        "SELECT mtime_ns FROM files WHERE path = ?", ("2026/11/2026-11-20-evening.md",)
    )
    conn.close()
    assert mtime == path.stat().st_mtime_ns  # the new stat is remembered


def test_a_same_size_rewrite_with_a_new_time_is_read_again(run, home: Path) -> None:
    path = put(home, "2026-11-20", "Feeling calm.")
    assert "Feeling calm." in run("review").stdout
    path.write_text(path.read_text().replace("calm.", "tense"))  # same size
    later(path, 60)
    out = run("review").stdout
    assert "Feeling tense" in out and "Feeling calm." not in out


def test_a_file_dated_by_its_time_alone_moves_when_touched(run, home: Path) -> None:
    note = home / "entries" / "loose-note.md"
    note.parent.mkdir(parents=True)
    note.write_text("Just some words.\n")
    os.utime(note, (time.mktime((2026, 11, 10, 12, 0, 0, 0, 0, -1)),) * 2)
    [entry] = json.loads(run("review", "--all", "--json").stdout)["entries"]
    assert entry["date"] == "2026-11-10"
    os.utime(note, (time.mktime((2026, 11, 12, 12, 0, 0, 0, 0, -1)),) * 2)  # content the same
    [entry] = json.loads(run("review", "--all", "--json").stdout)["entries"]
    assert entry["date"] == "2026-11-12"


# Runs the real program and reports, on its last stderr line, which Rich modules it loaded.
WRAPPER = """
import atexit, sys
def tell():
    loaded = sorted(m for m in sys.modules if m == "rich" or m.startswith("rich."))
    sys.stderr.write("\\nRICH:" + ",".join(loaded) + "\\n")
atexit.register(tell)
sys.argv = ["kapdiary", *sys.argv[1:]]
from kapdiary.cli import main
main()
"""


def rich_loaded(*args: str) -> tuple[list[str], subprocess.CompletedProcess[str]]:
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args],
        capture_output=True,
        text=True,
        env={
            k: v for k, v in subprocess_env().items() if k not in ("FORCE_COLOR", "FORCE_TERMINAL")
        },
        stdin=subprocess.DEVNULL,
        timeout=120,
    )  # stdout is a pipe: not a terminal
    last = done.stderr.rstrip("\n").rsplit("\n", 1)[-1]
    assert last.startswith("RICH:"), done.stderr
    return [m for m in last[5:].split(",") if m], done


@pytest.fixture
def diary(run, home: Path) -> Path:
    run("init", "--intention", "Be present with my kids", "--yes")
    for day in range(10, 21):
        put(
            home,
            f"2026-11-{day}",
            f"Day {day} [bold]not markup[/bold] lighthouse.",
            mood=day % 10 + 1,
            intentions={"be-present-with-my-kids": day % 11},
        )
    put(home, "2026-11-15", "Session day.", name="2026-11-15-session.md", template="session",
        session=1, route="nasal spray", dose_mg=56)  # fmt: skip
    return home


@pytest.mark.parametrize(
    "args",
    [
        ("review",),
        ("review", "--list"),
        ("review", "--json"),
        ("show", "2026-11-20"),
        ("search", "lighthouse"),
        ("search", "lighthouse", "--json"),
        ("progress",),
        ("progress", "--json"),
        ("progress", "--intention", "be-present-with-my-kids"),
        ("sessions",),
        ("intention", "list"),
        ("template", "list"),
        ("template", "show", "evening"),
        ("config",),
        ("help-now",),
        ("doctor",),
        ("--help",),
        ("--version",),
    ],
    ids=" ".join,
)
def test_output_that_is_not_a_terminal_never_imports_rich(
    diary: Path, args: tuple[str, ...]
) -> None:
    loaded, done = rich_loaded(*args)
    assert done.returncode in (0, 1), done.stderr  # doctor: 1 when it finds something
    assert done.stdout.strip(), done.stderr
    assert loaded == [], f"kapdiary {' '.join(args)} imported {loaded[:5]}"


def test_piped_progress_keeps_a_users_brackets_and_draws_no_markup(diary: Path) -> None:
    intentions = diary / "intentions.toml"
    intentions.write_text(
        intentions.read_text().replace("Be present with my kids", "Be [dim]present[/dim] \\\\")
    )
    _, done = rich_loaded("progress")
    assert "Be [dim]present[/dim] \\" in done.stdout  # the user's words, as typed
    assert "[bold]" not in done.stdout and "[/dim]  " not in done.stdout
    assert "Progress · " in done.stdout and "Intentions" in done.stdout


def test_root_help_lists_every_command_without_building_them(diary: Path) -> None:
    _, done = rich_loaded("--help")
    assert done.returncode == 0 and done.stdout.startswith("Usage: kapdiary")
    group = typer.main.get_command(app)
    shown = [
        line.split()[0]
        for line in done.stdout.split("Commands:")[1].splitlines()
        if line[2:3].strip()
    ]
    visible = [name for name, command in group.commands.items() if not command.hidden]  # type: ignore[attr-defined]
    assert sorted(shown) == sorted(visible)
    for option in ("--home", "--debug", "--version", "--help"):
        assert option in done.stdout.split("Commands:")[0]
    assert "Examples:" in done.stdout and "kapdiary write --date yesterday" in done.stdout


bracketed = st.text(alphabet="ab [/]\\#@=:", max_size=30)


@settings(max_examples=500, deadline=None)
@given(bracketed)
def test_markup_is_escaped_and_read_as_rich_does(text: str) -> None:
    """render/markup.py reads markup without Rich: the same escapes, the same text."""
    from rich.errors import MarkupError
    from rich.markup import escape as rich_escape
    from rich.text import Text

    assert escape(text) == rich_escape(text)
    assert unmarked(escape(text)) == Text.from_markup(escape(text), emoji=False).plain
    styled = f"[bold]{escape(text)}[/bold]"  # as the views use it
    assert unmarked(styled) == Text.from_markup(styled, emoji=False).plain
    if "\\" not in text:  # (backslashes: as Rich reads them, even where that loses one)
        assert unmarked(styled) == text
    try:
        expected = Text.from_markup(text, emoji=False).plain
    except MarkupError:
        return  # Rich refuses it (a closing tag with nothing open); we never write that
    assert unmarked(text) == expected
