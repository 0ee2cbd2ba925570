"""Nothing lost when the home is not as kapdiary left it: files changed by other programs,
a damaged index, and odd files among the entries (docs/design.md §4, §7)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from conftest import one_error_line, put
from kapdiary import index
from kapdiary.locations import Home

Run = Callable[..., Result]
AN_HOUR = 3600


def ok(result: Result) -> Result:
    """A reading command that did its work: exit 0, never a traceback or an unexpected error."""
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "unexpected problem" not in result.output
    return result


def data(result: Result) -> Any:
    return json.loads(ok(result).stdout)


def back_in_time(path: Path, seconds: float) -> None:
    """Set a file's modification time into the past (as a sync tool restoring it would)."""
    when = path.stat().st_mtime - seconds
    os.utime(path, (when, when))


# --- files changed by another program between commands --------------------------------------


def test_new_words_of_the_same_size_with_an_older_mtime_are_seen_everywhere(
    run: Run, initialised: Path, tmp_path: Path
) -> None:
    path = put(initialised, "2026-11-20", "Feeling calm by the lake.", mood=3)
    back_in_time(path, AN_HOUR)  # an old file: its stats alone tell whether it changed
    assert "calm" in data(run("show", "2026-11-20", "--json"))[0]["body"]
    size = path.stat().st_size

    path.write_text(path.read_text().replace("calm", "safe").replace("mood: 3", "mood: 8"))
    back_in_time(path, 2 * AN_HOUR)  # older than before, as a sync tool may leave it

    assert path.stat().st_size == size
    [shown] = data(run("show", "2026-11-20", "--json"))
    assert "Feeling safe by the lake." in shown["body"] and shown["mood"] == 8
    assert data(run("search", "calm", "--json"))["total"] == 0
    assert data(run("search", "safe", "--json"))["total"] == 1
    progress = data(run("progress", "--json"))
    assert progress["mood"]["mean"] == 8
    out = tmp_path / "out.json"
    ok(run("export", "--yes", "-f", "json", "-s", "2026-11-01", "-o", str(out)))
    [entry] = json.loads(out.read_text())["entries"]
    assert entry["fields"]["mood"] == 8
    assert entry["sections"][0]["text"] == "Feeling safe by the lake."


def test_an_entry_moved_to_another_day_by_hand_moves_in_every_command(
    run: Run, initialised: Path, tmp_path: Path
) -> None:
    path = put(initialised, "2026-11-20", "Written about the tenth.", mood=5)
    assert data(run("show", "2026-11-20", "--json"))
    moved = path.with_name("2026-11-10-evening.md")
    path.rename(moved)
    moved.write_text(moved.read_text().replace("date: 2026-11-20", "date: 2026-11-10"))

    assert run("show", "2026-11-20").exit_code == 1  # nothing there any more
    [shown] = data(run("show", "2026-11-10", "--json"))
    assert shown["path"] == str(moved)
    out = tmp_path / "out.json"
    ok(run("export", "--yes", "-f", "json", "-s", "2026-11-01", "-o", str(out)))
    assert [e["date"] for e in json.loads(out.read_text())["entries"]] == ["2026-11-10"]


# --- a damaged index -------------------------------------------------------------------------


MARKER = b"ZEBRAMARKER"


def _empty(db: Path) -> None:
    db.write_bytes(b"")


def _half(db: Path) -> None:
    os.truncate(db, db.stat().st_size // 2)


def _undecodable(db: Path) -> None:
    raw = db.read_bytes()
    assert raw.count(MARKER) == 1  # the body's text, stored once (FTS keeps lowercase tokens)
    db.write_bytes(raw.replace(MARKER, b"\xff" * len(MARKER)))


def _future(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {index.SCHEMA_VERSION + 1}")
    conn.close()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "empty": _empty,
    "cut in half": _half,
    "text that is not UTF-8": _undecodable,
    "from a newer version": _future,
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_index_is_rebuilt_by_whichever_command_comes_first(
    run: Run, initialised: Path, tmp_path: Path, damage: str
) -> None:
    for day in range(1, 21):
        words = "A quiet walk. " * 60  # enough text for the index to span many pages
        put(initialised, f"2026-11-{day:02d}", f"Day {day}.\n\n{words}", mood=day % 10 + 1)
    put(initialised, "2026-11-21", f"First line.\n\nThe {MARKER.decode()} was here.", mood=7)

    def truth() -> tuple[list[str], list[str]]:
        review = data(run("review", "--all", "--json"))
        found = data(run("search", "zebramarker", "--json"))
        return [e["path"] for e in review["entries"]], [r["path"] for r in found["results"]]

    expected = truth()
    assert len(expected[0]) == 21 and len(expected[1]) == 1
    db = Home(initialised, "test").index_file
    good = tmp_path / "good-index"
    shutil.copyfile(db, good)
    out = tmp_path / "out.json"
    commands = [
        ("review", "--all"),
        ("search", "zebramarker"),
        ("show", "2026-11-21"),
        ("progress", "--json"),
        ("export", "--yes", "--force", "-f", "json", "-s", "2026-11-01", "-o", str(out)),
        ("sessions",),
        ("write", "--date", "2026-11-22", "--future", "--text", "Written after the damage."),
    ]
    for command in commands:
        shutil.copyfile(good, db)
        DAMAGE[damage](db)

        result = ok(run(*command))

        if command[0] == "write":
            (initialised / "entries" / "2026" / "11" / "2026-11-22-evening.md").unlink()
        elif command[0] in ("review", "search", "show"):
            assert "ZEBRAMARKER" in result.stdout, command  # the truth, not the damage
        assert truth() == expected, command  # nothing lost, nothing doubled
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == index.SCHEMA_VERSION
    conn.close()


def test_an_unexpected_error_quoting_diary_text_stays_one_short_line(
    run: Run, initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's message for damage it did not foresee can quote a page of the diary."""
    quoted = "Could not decode column 'body' with text 'Dear diary,\n\n" + "words " * 200

    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError(quoted)

    monkeypatch.setattr(index, "open_index", broken)

    result = run("review")

    assert result.exit_code == 1
    line = one_error_line(result)
    assert "OperationalError: Could not decode column 'body' with text 'Dear diary, words" in line
    assert len(line) < 400 and "Nothing you wrote is lost" in line


# --- odd files among the entries -------------------------------------------------------------

NOVEMBER = Path("entries/2026/11")
SYNCTHING = "2026-11-21-evening.sync-conflict-20261121-101010-ABCDEFG.md"
DROPBOX = "2026-11-21-evening (Someone's conflicted copy 2026-11-21).md"


@pytest.fixture
def odd_home(initialised: Path, tmp_path: Path) -> dict[str, Path]:
    """A diary with one good entry and every kind of odd file beside it, by kind."""
    folder = initialised / NOVEMBER
    original = put(initialised, "2026-11-21", "The original words.", mood=5)
    outside = tmp_path / "elsewhere" / "note.md"
    outside.parent.mkdir()
    outside.write_text("---\ndate: 2026-11-18\n---\n\nWords kept outside the diary.\n")
    files = {
        "original": original,
        "not utf-8": folder / "2026-11-20-latin1.md",
        "huge": folder / "2026-11-19-huge.md",
        "empty": folder / "2026-11-17-empty.md",
        "no front matter": folder / "2026-11-16-plain.md",
        "broken front matter": folder / "2026-11-15-broken.md",
        "link inside": folder / "2026-11-14-link.md",
        "link outside": folder / "2026-11-13-outside.md",
        "dangling link": folder / "2026-11-12-dangling.md",
        "impossible date": folder / "2026-11-11-typo.md",
        "alias loop": folder / "2026-11-10-alias.md",
        "syncthing copy": folder / SYNCTHING,
        "dropbox copy": folder / DROPBOX,
    }
    files["not utf-8"].write_bytes(b"---\ndate: 2026-11-20\n---\n\nCaf\xe9 in Latin-1.\n")
    # Each word a few hundred times: FTS5's snippet() grows with the square of the matches.
    block = " ".join(f"w{n:04d}x" for n in range(2000)) + "\n"
    big = block * 720 + "\nThe very end of it.\n"
    files["huge"].write_text(f"---\ndate: 2026-11-19\n---\n\n{big}")
    assert files["huge"].stat().st_size > 10_000_000
    files["empty"].write_bytes(b"")
    files["no front matter"].write_text("Just words, written in another app.\n")
    files["broken front matter"].write_text(
        "---\ndate: 2026-11-15\nmood: [6\n---\n\nWords under broken YAML.\n"
    )
    files["impossible date"].write_text("---\ndate: 2026-02-30\nmood: 4\n---\n\nA typo.\n")
    files["alias loop"].write_text("---\ndate: 2026-11-10\ntags: &t [*t]\n---\n\nA loop.\n")
    files["link inside"].symlink_to(original.name)
    files["link outside"].symlink_to(outside)
    files["dangling link"].symlink_to(tmp_path / "gone.md")
    for kind, words in (("syncthing copy", "From the phone."), ("dropbox copy", "From work.")):
        files[kind].write_text(original.read_text().replace("The original words.", words))
    return files


def warned(stderr: str, path: Path) -> bool:
    return f"kapdiary: warning: {path}" in stderr


def all_warned(stderr: str, paths: list[Path]) -> bool:
    """Each file named in a warning, or counted in the line that follows the first ten."""
    more = re.search(r"^kapdiary: warning: (\d+) more entries have problems", stderr, re.M)
    named = [p for p in paths if warned(stderr, p)]
    return len(named) + (int(more[1]) if more else 0) == len(paths)


def test_odd_files_are_shown_with_a_warning_and_never_merged(
    run: Run, odd_home: dict[str, Path]
) -> None:
    review = ok(run("review", "--all", "--json"))
    entries = {Path(e["path"]): e for e in json.loads(review.stdout)["entries"]}

    assert set(entries) == set(odd_home.values())  # each file once, as its own entry
    troubled = [p for k, p in odd_home.items() if k not in ("original", "huge")]
    assert all_warned(review.stderr, troubled), review.stderr
    assert not warned(review.stderr, odd_home["original"])
    assert not warned(review.stderr, odd_home["huge"])
    # Conflict copies stand beside the original, each with its own words.
    bodies = {kind: entries[path]["body"] for kind, path in odd_home.items()}
    assert "The original words." in bodies["original"]
    assert "From the phone." not in bodies["original"] and "From work." not in bodies["original"]
    assert "From the phone." in bodies["syncthing copy"]
    assert "From work." in bodies["dropbox copy"]
    assert bodies["huge"].endswith("The very end of it.\n")
    assert "Caf\ufffd in Latin-1." in bodies["not utf-8"]
    assert "mood: [6" in bodies["broken front matter"]  # shown as it is in the file
    copy = entries[odd_home["syncthing copy"]]["problem"]
    assert copy.startswith("a copy a sync tool made when 2026-11-21-evening.md changed")
    assert entries[odd_home["dangling link"]]["problem"].startswith("a link to ")
    assert "does not exist" in entries[odd_home["dangling link"]]["problem"]
    typo = entries[odd_home["impossible date"]]
    assert (typo["problem_line"], typo["problem"]) == (
        2,
        "day is out of range for month; fix the value between the --- lines",
    )
    assert "refers to itself" in entries[odd_home["alias loop"]]["problem"]


# The diary day each odd file is shown under: its front matter's date, else its name's
# (links are never read through, so theirs is always the name's).
DAY = {
    "original": "2026-11-21",
    "not utf-8": "2026-11-20",
    "huge": "2026-11-19",
    "empty": "2026-11-17",
    "no front matter": "2026-11-16",
    "broken front matter": "2026-11-15",
    "link inside": "2026-11-14",
    "link outside": "2026-11-13",
    "dangling link": "2026-11-12",
    "impossible date": "2026-11-11",
    "alias loop": "2026-11-10",
    "syncthing copy": "2026-11-21",
    "dropbox copy": "2026-11-21",
}


def test_every_reading_command_gets_through_odd_files(
    run: Run, odd_home: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    troubled = {k: p for k, p in odd_home.items() if k not in ("original", "huge")}
    export = ("export", "--yes", "--force", "-s", "2026-11-01", "-f")
    commands: list[tuple[str, ...]] = [
        ("review", "--all"),
        ("review", "--all", "--list"),
        ("reindex",),
        *(("show", day) for day in sorted(set(DAY.values()))),
        ("search", "words"),
        ("search", "w0042x", "--json"),
        ("revisit",),
        ("progress",),
        ("progress", "--json"),
        ("sessions",),
        ("sessions", "--json"),
        (*export, "md"),
        (*export, "html"),
        (*export, "json"),
    ]
    for command in commands:
        result = ok(run(*command))

        if command[0] == "show":
            named = [p for k, p in troubled.items() if DAY[k] == command[1]]
        elif command[0] in ("review", "reindex"):
            named = list(troubled.values())
        else:
            continue
        assert all_warned(result.stderr, named), (command, result.stderr)


def test_show_each_odd_file_by_its_path(run: Run, odd_home: dict[str, Path]) -> None:
    for kind, path in odd_home.items():
        result = run("show", str(path))
        if "link" in kind:  # only the diary's own files, never through a link
            assert result.exit_code == 2
            assert one_error_line(result) == (
                f"kapdiary: '{path}' is a link; give the entry file itself, or a date"
            )
        else:
            ok(result)


@pytest.mark.parametrize("command", ["progress", "export"])
def test_progress_and_export_name_a_conflict_copy_they_count(
    run: Run, initialised: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(tmp_path)
    original = put(initialised, "2026-11-21", "The original words.", mood=5)
    copy = original.with_name(SYNCTHING)
    copy.write_text(original.read_text().replace("original", "phone's"))

    args = ["export", "--yes", "-f", "json", "-s", "2026-11-01"] if command == "export" else []
    result = ok(run(*(args or ["progress"])))

    assert SYNCTHING in result.output


@pytest.mark.parametrize(
    "big", ["123456789012345678901234567890", "-9223372036854775809", "1" * 400]
)
def test_numbers_too_large_for_the_index_are_read_not_a_crash(
    run: Run, initialised: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, big: str
) -> None:
    """Whole numbers beyond 64 bits (a typo, a pasted id) in any front matter field: every
    reading command still works, and the number is left out of the figures or kept as a float."""
    monkeypatch.chdir(tmp_path)
    folder = initialised / NOVEMBER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2026-11-20-evening.md").write_text(
        f"---\ndate: 2026-11-20\nmood: {big}\nscore: {big}\nbig: {big}\n"
        f"intentions: {{be-present-with-my-kids: {big}}}\n---\n\nBig numbers.\n",
        encoding="utf-8",
    )
    put(initialised, "2026-11-21", "An ordinary evening.", mood=5)
    for command in (
        ("review", "--all"),
        ("search", "numbers"),
        ("progress", "--json"),
        ("export", "--yes", "--force", "-s", "2026-11-01", "-f", "json"),
    ):
        result = ok(run(*command))
        assert "Traceback" not in result.output
    assert "Big numbers." in ok(run("show", "2026-11-20")).stdout
