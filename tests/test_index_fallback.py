"""The index is a cache, never a gate (DESIGN §7): when its file cannot be opened, built or
written, every reading command reads the entry files directly, gives the same output, and
says so in one line on stderr; `doctor` names the cause and the fix; `reindex` fails with it.

The situations are ones that fail for root too: a folder where the index file should be, a
cache folder that is a file, a real full or read-only disk (a small tmpfs, when this machine
lets tests mount one), and errors injected into SQLite inside a real process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import Result

import helpers
from conftest import kapdiary_command, one_error_line, put, subprocess_env
from kapdiary.locations import Home

Run = Callable[..., Result]
FALLBACK = "reading your entry files directly, which is slower"

# Every command that reads the index, as a user would type it (export to a fixed file).
READING = {
    "review": ("review", "--all"),
    "review --json": ("review", "--all", "--json"),
    "review --list": ("review", "--list", "--since", "30d", "--tag", "family"),
    "show": ("show", "2026-11-14"),
    "search": ("search", "lighthouse"),
    "search --json": ("search", "lighthouse", "--json"),
    "progress": ("progress", "--json"),
    "progress view": ("progress",),
    "sessions": ("sessions", "--json"),
    "revisit": ("revisit",),
}


@pytest.fixture
def diary(initialised: Path) -> Path:
    put(initialised, "2026-11-14", "The lighthouse at dusk. #family", mood=6)
    put(initialised, "2026-11-18", "A slow day, no words.", mood=4)
    put(
        initialised,
        "2026-11-10",
        "Warm, then very quiet.",
        template="session",
        session=1,
        route="nasal spray",
    )
    put(initialised, "2026-11-20", "Back at the lighthouse, calmer.", mood=7, tags=["family"])
    return initialised


def index_file(home: Path) -> Path:
    return Home(home, "test").index_file


def folder_in_place(home: Path) -> Path:
    """A folder where the index file should be (as a restore or a sync tool may leave it)."""
    db = index_file(home)
    db.parent.mkdir(parents=True, exist_ok=True)
    db.unlink(missing_ok=True)
    db.mkdir()
    return db


def outputs(run: Run, tmp_path: Path) -> dict[str, str]:
    """What every reading command prints (stdout), checking each ran cleanly."""
    found: dict[str, str] = {}
    for name, args in READING.items():
        result = run(*args)
        assert result.exit_code == 0, (name, result.output)
        found[name] = result.stdout
    out = tmp_path / "export.json"
    result = run("export", "--yes", "--force", "-f", "json", "-s", "2026-11-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    exported = json.loads(out.read_text(encoding="utf-8"))
    exported.pop("made", None)
    found["export"] = json.dumps(exported, sort_keys=True)
    found["export preview"] = result.stdout
    return found


def said_once(result: Result, reason: str) -> None:
    line = one_error_line(result)
    assert FALLBACK in line and f"({reason})" in line, line
    assert "`kapdiary doctor`" in line


# --- a folder where the index file should be ------------------------------------------------


def test_a_folder_in_place_of_the_index_changes_nothing_but_one_line(
    run: Run, diary: Path, tmp_path: Path
) -> None:
    healthy = outputs(run, tmp_path)
    db = folder_in_place(diary)
    (db / "something").write_text("not an index")

    broken = outputs(run, tmp_path)

    assert broken == healthy
    for args in [*READING.values()]:
        said_once(run(*args), "a folder is in its place")
    assert (db / "something").read_text() == "not an index"  # never removed behind the user


def test_each_command_says_it_once_and_write_still_saves(run: Run, diary: Path) -> None:
    folder_in_place(diary)

    result = run("write", "--date", "2026-11-21", "--set", "mood=5", "--text", "Still here.")

    assert result.exit_code == 0, result.output
    said_once(result, "a folder is in its place")
    assert "Saved" in result.stdout
    review = run("review", "--on", "2026-11-21", "--json")
    assert "Still here." in json.loads(review.stdout)["entries"][0]["body"]


def test_a_weekly_review_rereads_the_week_from_the_files_and_says_so_once(
    run: Run, diary: Path, fake_editor: Callable[[str], object]
) -> None:
    folder_in_place(diary)  # write opens the index twice: the course, then the week
    fake_editor("path.write_text(text.replace('## ', 'A good week.\\n\\n## ', 1))")

    result = run("write", "weekly", "--editor", "--date", "2026-11-21")

    assert result.exit_code == 0, result.output
    said_once(result, "a folder is in its place")
    assert "Saved" in result.stdout


def test_a_new_session_is_numbered_from_the_files_when_the_index_cannot_be_used(
    run: Run, diary: Path
) -> None:
    folder_in_place(diary)

    result = run("write", "session", "--date", "2026-11-21", "--text", "Quiet again.")

    assert result.exit_code == 0, result.output
    said_once(result, "a folder is in its place")
    sessions = json.loads(run("sessions", "--json").stdout)["sessions"]
    assert [s["session"] for s in sessions] == [1, 2]


def test_reindex_cannot_fall_back_and_says_the_fix(run: Run, diary: Path) -> None:
    db = folder_in_place(diary)

    result = run("reindex")

    assert result.exit_code == 1
    line = one_error_line(result)
    assert "a folder is in its place" in line and f"rm -r {db}" in line


def test_doctor_names_a_folder_in_place_of_the_index_and_the_fix(run: Run, diary: Path) -> None:
    db = folder_in_place(diary)

    result = run("doctor", "--json")

    [finding] = [f for f in json.loads(result.stdout) if f["kind"] == "index"]
    assert finding["path"] == str(db)
    assert "a folder is in its place" in finding["description"]
    assert f"rm -r {db}" in finding["fix"]
    shutil.rmtree(db)  # the fix doctor gave
    assert FALLBACK not in run("review", "--all").stderr
    assert not [f for f in json.loads(run("doctor", "--json").stdout) if f["kind"] == "index"]


# --- the cache folder is a file ---------------------------------------------------------------


def test_a_cache_folder_that_is_a_file_is_not_a_gate(
    run: Run, diary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    healthy = outputs(run, tmp_path)
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))

    assert outputs(run, tmp_path) == healthy
    said_once(run("search", "lighthouse"), f"{blocked} is a file where a folder should be")
    doctor = json.loads(run("doctor", "--json").stdout)
    [finding] = [f for f in doctor if f["kind"] == "index"]
    assert "move that file away" in finding["fix"] and "XDG_CACHE_HOME" in finding["fix"]
    assert blocked.read_text() == "a file where the cache folder should be"


def test_a_link_looping_where_the_index_should_be_is_replaced_by_a_real_index(
    run: Run, diary: Path
) -> None:
    run("review")
    db = index_file(diary)
    db.unlink()
    db.symlink_to(db.name)  # points at itself

    result = run("review", "--all", "--json")

    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["entries"]) == 4
    assert db.is_file() and not db.is_symlink()


def test_an_index_that_goes_missing_between_commands_is_simply_built_again(
    run: Run, diary: Path
) -> None:
    run("review", "--all")
    shutil.rmtree(index_file(diary).parent)

    result = run("search", "lighthouse", "--json")

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 2
    assert FALLBACK not in result.stderr


# --- a real full disk and a real read-only disk -----------------------------------------------


@pytest.fixture
def small_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The cache on a real 256 KiB tmpfs (skipped where tests cannot mount one)."""
    with helpers.small_disk(tmp_path / "small-cache", "256k") as folder:
        monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


def test_a_full_disk_under_the_cache_is_not_a_gate(
    run: Run, diary: Path, tmp_path: Path, small_cache: Path
) -> None:
    healthy = outputs(run, tmp_path)
    shutil.rmtree(index_file(diary).parent)
    filler = helpers.fill(small_cache)
    for day in range(1, 4):  # more words than the full disk could index
        put(diary, f"2026-10-{day:02d}", "An older lighthouse. " * 200, mood=5)

    result = run("search", "lighthouse", "--json")

    assert result.exit_code == 0, result.output
    said_once(result, "the disk is full")
    assert json.loads(result.stdout)["total"] == 5
    doctor = [f for f in json.loads(run("doctor", "--json").stdout) if f["kind"] == "index"]
    assert doctor and "the disk is full" in doctor[0]["description"]
    assert "free some space" in doctor[0]["fix"]
    for day in range(1, 4):
        (diary / "entries" / "2026" / "10" / f"2026-10-{day:02d}-evening.md").unlink()
    assert outputs(run, tmp_path) == healthy

    filler.unlink()
    again = run("search", "lighthouse")
    assert again.exit_code == 0 and FALLBACK not in again.stderr  # the index is back


def test_a_full_disk_while_the_index_catches_up_is_not_a_gate(
    run: Run, diary: Path, small_cache: Path
) -> None:
    assert run("review", "--all").exit_code == 0  # a good index on the small disk
    helpers.fill(small_cache)
    put(diary, "2026-11-19", "New words: " + "a lighthouse keeper " * 2000, mood=3)

    result = run("search", "keeper", "--json")

    assert result.exit_code == 0, result.output
    said_once(result, "the disk is full")
    assert json.loads(result.stdout)["total"] == 1


def test_a_read_only_cache_disk_is_not_a_gate(
    run: Run, diary: Path, small_cache: Path, tmp_path: Path
) -> None:
    healthy = outputs(run, tmp_path)
    remount = subprocess.run(
        ["mount", "-o", "remount,ro", str(small_cache)], capture_output=True, text=True
    )
    if remount.returncode != 0:
        pytest.skip(f"cannot remount read-only: {remount.stderr.strip()}")

    assert outputs(run, tmp_path) == healthy  # nothing changed: the index still reads
    put(diary, "2026-11-19", "A lighthouse keeper wrote this.", mood=3)
    result = run("search", "keeper", "--json")

    assert result.exit_code == 0, result.output
    said_once(result, "its disk is read-only")
    assert json.loads(result.stdout)["total"] == 1
    doctor = [f for f in json.loads(run("doctor", "--json").stdout) if f["kind"] == "index"]
    assert doctor and "its disk is read-only" in doctor[0]["description"]


# --- errors injected into SQLite in a real process ------------------------------------------

BROKEN_SQLITE = """
import sqlite3

_connect = sqlite3.connect


class _Broken(sqlite3.Connection):
    def execute(self, *args, **kwargs):
        raise sqlite3.OperationalError({error!r})


def connect(database, *args, **kwargs):
    if str(database) != ":memory:":
        kwargs["factory"] = _Broken
    return _connect(database, *args, **kwargs)


sqlite3.connect = connect
"""


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        ("disk I/O error", "the disk reported an error reading or writing it"),
        ("database or disk is full", "the disk is full"),
        ("attempt to write a readonly database", "kapdiary may not write to its folder"),
        ("unable to open database file", "kapdiary may not write to its folder"),
    ],
)
def test_an_index_sqlite_cannot_open_gives_the_same_output_in_a_real_process(
    run: Run, diary: Path, tmp_path: Path, error: str, reason: str
) -> None:
    expected = {
        name: run(*args).stdout for name, args in READING.items() if name != "progress view"
    }
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(BROKEN_SQLITE.format(error=error), encoding="utf-8")
    env = subprocess_env()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(shim), env.get("PYTHONPATH")]))

    for name, args in READING.items():
        if name == "progress view":
            continue
        done = subprocess.run(
            [*kapdiary_command(), *args], capture_output=True, text=True, env=env, timeout=120
        )
        assert done.returncode == 0, (name, done.stderr)
        assert done.stdout == expected[name], name
        [line] = done.stderr.splitlines()
        assert FALLBACK in line and f"({reason})" in line, line
    assert sys.executable  # the same interpreter as the tests
