"""The index: a cache outside the diary that keeps up with the files on its own."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from conftest import put
from kapdiary import index
from kapdiary.index import extract, sync
from kapdiary.locations import Home


def index_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").rglob("index-*.sqlite3"))


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_index_lives_in_the_cache_private_and_never_in_the_diary(
    run, home: Path, tmp_path: Path
) -> None:
    put(home, "2026-11-20", "Walked by the sea.")
    before = tree(home)
    result = run("review")
    assert result.exit_code == 0, result.output
    assert "Walked by the sea." in result.stdout
    assert tree(home) == before  # nothing written to the diary folder
    [db] = index_files(tmp_path)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    assert db == Home(home, "test").index_file


def test_two_diary_homes_have_two_indexes(run, home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-home"
    put(home, "2026-11-20", "In the first diary.")
    put(other, "2026-11-20", "In the second diary.")
    assert "first diary" in run("review").stdout
    second = run("--home", str(other), "review").stdout
    assert "second diary" in second and "first diary" not in second
    assert len(index_files(tmp_path)) == 2


def test_an_entry_added_by_another_app_is_seen_by_the_next_command(run, home: Path) -> None:
    put(home, "2026-11-19", "Written yesterday.")
    assert "Written yesterday." in run("review").stdout
    put(home, "2026-11-20", "Synced from my phone.")
    assert "Synced from my phone." in run("review").stdout


def test_an_edit_elsewhere_is_seen_by_the_next_command(run, home: Path) -> None:
    path = put(home, "2026-11-20", "First version.")
    assert "First version." in run("review").stdout
    path.write_text(path.read_text().replace("First version.", "Second, longer version."))
    out = run("review").stdout
    assert "Second, longer version." in out and "First version." not in out


def test_a_same_size_edit_keeping_the_mtime_is_seen(run, home: Path) -> None:
    path = put(home, "2026-11-20", "Feeling calm.")
    before = path.stat()
    assert "Feeling calm." in run("review").stdout
    path.write_text(path.read_text().replace("calm.", "safe."))  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a sync tool would
    assert path.stat().st_size == before.st_size
    out = run("review").stdout
    assert "Feeling safe." in out and "Feeling calm." not in out


def test_a_recent_same_size_edit_is_found_by_its_content(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within one clock tick nothing in stat may change; the content hash still tells."""
    path = put(home, "2026-11-20", "Feeling calm.")
    diary = Home(home, "test")
    assert [r.excerpt for r in index.records(diary)] == ["Feeling calm."]
    frozen = index.scan_entries(diary.entries)  # what stat says, before and after
    path.write_text(path.read_text().replace("calm.", "tense."))
    monkeypatch.setattr(sync, "scan_entries", lambda folder, meanwhile=None: frozen)
    assert [r.excerpt for r in index.records(diary)] == ["Feeling tense."]


def test_a_deleted_entry_disappears(run, home: Path) -> None:
    put(home, "2026-11-19", "Stays.")
    path = put(home, "2026-11-20", "Goes away.")
    assert "Goes away." in run("review").stdout
    path.unlink()
    out = run("review").stdout
    assert "Goes away." not in out and "Stays." in out


def test_a_renamed_entry_is_seen_under_its_new_name(run, home: Path) -> None:
    path = put(home, "2026-11-20", "Moved around.")
    run("review")
    renamed = path.with_name("2026-11-20-evening-renamed.md")
    path.rename(renamed)
    result = run("review", "--json")
    import json

    [entry] = json.loads(result.stdout)["entries"]
    assert entry["path"] == str(renamed)


def test_a_date_changed_by_hand_moves_the_entry(run, home: Path) -> None:
    path = put(home, "2026-11-20", "Really written on the 10th.")
    assert "Really written" in run("review").stdout
    path.write_text(path.read_text().replace("date: 2026-11-20", "date: 2026-11-10"))
    assert "Really written" not in run("review").stdout
    assert "Really written" in run("review", "--on", "2026-11-10").stdout


def test_hidden_and_temporary_files_are_not_entries(run, home: Path) -> None:
    put(home, "2026-11-20", "The real one.")
    folder = home / "entries" / "2026" / "11"
    (folder / ".kapdiary-tmp-abc").write_text("half written")
    (folder / ".2026-11-20-evening.md.swp").write_text("vim swap")
    (home / "entries" / ".obsidian").mkdir()
    put(home / "entries" / ".obsidian", "2026-11-21", "Not a diary entry.")
    (folder / "notes.txt").write_text("not markdown")
    result = run("review", "--json")
    import json

    assert [e["path"] for e in json.loads(result.stdout)["entries"]] == [
        str(folder / "2026-11-20-evening.md")
    ]


def test_a_deleted_index_is_rebuilt_with_a_notice(run, home: Path, tmp_path: Path) -> None:
    put(home, "2026-11-20", "Still here.")
    run("review")
    [db] = index_files(tmp_path)
    db.unlink()
    result = run("review")
    assert result.exit_code == 0, result.output
    assert "Still here." in result.stdout
    assert "indexed your 1 entry" in result.stderr
    assert db.exists()


def test_a_corrupted_index_is_rebuilt_with_a_notice(run, home: Path, tmp_path: Path) -> None:
    put(home, "2026-11-20", "Still here.")
    run("review")
    [db] = index_files(tmp_path)
    db.write_bytes(b"this is not a database at all" * 100)
    result = run("review")
    assert result.exit_code == 0, result.output
    assert "Still here." in result.stdout
    assert "damaged" in result.stderr and "untouched" in result.stderr
    assert "Still here." in run("search", "here").stdout


def test_an_index_from_another_version_is_rebuilt(run, home: Path, tmp_path: Path) -> None:
    put(home, "2026-11-20", "Still here.")
    run("review")
    [db] = index_files(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 999")
    result = run("review")
    assert result.exit_code == 0, result.output
    assert "another version" in result.stderr
    assert "Still here." in result.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == index.SCHEMA_VERSION


def test_a_first_run_on_an_empty_diary_says_nothing_about_the_index(run, home: Path) -> None:
    (home / "entries").mkdir(parents=True)
    result = run("review")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "No entries" in result.stdout
    assert run("review", "--all").stdout.startswith("No entries yet.")


def test_reading_a_diary_that_does_not_exist_says_how_to_start(
    run, home: Path, tmp_path: Path
) -> None:
    home.rmdir()  # named by KAPDIARY_HOME, so it must exist (DESIGN §7)
    for command in (["review"], ["search", "x"], ["revisit"], ["reindex"], ["show", "today"]):
        result = run(*command)
        assert result.exit_code == 1, command
        assert f"the diary home {home} (named by the KAPDIARY_HOME" in result.stderr
        assert "kapdiary init" in result.stderr
    assert not index_files(tmp_path)
    assert not home.exists()


def test_an_index_missing_its_tables_is_rebuilt(run, home: Path, tmp_path: Path) -> None:
    put(home, "2026-11-20", "Still here.")
    run("review")
    [db] = index_files(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE texts")
    result = run("review")
    assert result.exit_code == 0, result.output
    assert "Still here." in result.stdout and "damaged" in result.stderr


def test_an_interrupted_build_leaves_no_temporary_file(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(home, "2026-11-20", "Still here.")

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(sync, "_apply", interrupt)
    with pytest.raises(KeyboardInterrupt):
        index.open_index(Home(home, "test"))
    assert list((tmp_path / "cache" / "kapdiary").iterdir()) == []


def test_reindex_rebuilds_and_names_files_with_problems(run, home: Path, tmp_path: Path) -> None:
    put(home, "2026-11-20", "Fine.")
    broken = home / "entries" / "2026" / "11" / "2026-11-19-evening.md"
    broken.write_text("---\ndate: 2026-11-19\nmood: [6\n---\n\nBroken front matter.\n")
    result = run("reindex")
    assert result.exit_code == 0, result.output
    assert "Indexed 2 entries" in result.stdout
    assert str(index_files(tmp_path)[0]) in result.stdout
    assert f"warning: {broken} line" in result.stderr
    assert "reindex" in run("reindex", "--help").stdout


def test_a_malformed_file_is_indexed_as_text_shown_and_warned_about(run, home: Path) -> None:
    broken = home / "entries" / "2026" / "11" / "2026-11-20-evening.md"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "---\ndate: 2026-11-20\nmood: 6\n  tags: [oops\n---\n\nThe words are all still here.\n"
    )
    result = run("review")
    assert result.exit_code == 0, result.output
    assert "The words are all still here." in result.stdout
    assert "tags: [oops" in result.stdout  # shown as it is in the file
    assert f"warning: {broken} line 4" in result.stderr
    assert "The words are all still here." in run("search", "still", "here").stdout


def test_a_file_that_is_not_utf8_is_shown_with_a_warning(run, home: Path) -> None:
    path = put(home, "2026-11-20", "Caf\u00e9 time.")
    path.write_bytes(path.read_bytes().replace("é".encode(), "é".encode("latin-1")))
    result = run("review")
    assert result.exit_code == 0, result.output
    assert "time." in result.stdout
    assert "not UTF-8" in result.stderr and str(path) in result.stderr


def test_a_file_without_any_date_is_kept_and_flagged(run, home: Path) -> None:
    note = home / "entries" / "loose-note.md"
    note.parent.mkdir(parents=True)
    note.write_text("Just some words, no front matter.\n")
    result = run("review", "--all", "--json")
    import json

    [entry] = json.loads(result.stdout)["entries"]
    assert entry["problem"] and entry["body"].startswith("Just some words")
    assert str(note) in result.stderr


def test_records_reads_the_index_not_the_files(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    put(home, "2026-11-18", "Tired.", mood=4, intentions={"kids": 5}, tags=["family"])
    put(home, "2026-11-20", "Hopeful #insight.", mood=7, intentions={"kids": 8, "rest": 6})
    for path in (home / "entries").rglob("*.md"):  # written an hour ago, so not "racy"
        os.utime(path, (path.stat().st_mtime - 3600,) * 2)
    diary = Home(home, "test")
    index.records(diary)  # builds
    for module in (sync, extract):
        monkeypatch.setattr(module, "read_bytes", lambda path: pytest.fail(f"read {path}"))
    found = index.records(diary, since=date(2026, 11, 19))
    assert [r.date for r in found] == [date(2026, 11, 20)]
    [record] = found
    assert record.mood == 7
    assert record.meta["date"] == "2026-11-20"  # JSON-shaped: ISO strings
    assert record.meta["intentions"] == {"kids": 8, "rest": 6}
    assert record.ratings() == {"kids": 8.0, "rest": 6.0}
    assert record.tags == ("insight",)
    assert record.body is None
    assert record.template == "evening" and record.time == "21:00"
    assert [r.date.day for r in index.records(diary, tags=["family"])] == [18]
    assert [r.date.day for r in index.records(diary, intentions=["rest"])] == [20]
    [with_body] = index.records(diary, last=1, body=True)
    assert "Hopeful #insight." in (with_body.body or "")


def test_a_large_first_build_parses_in_parallel_and_keeps_every_entry(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync, "PARALLEL_FROM", 10)
    monkeypatch.setattr(sync, "BATCH", 4)
    for day in range(1, 31):
        put(home, f"2026-11-{day:02d}", f"Day number {day}.", mood=day % 10 + 1)
    seen: list[tuple[int, int]] = []
    with index.open_index(Home(home, "test"), progress=lambda d, t: seen.append((d, t))) as built:
        records = built.records()
    assert [r.excerpt for r in records] == [f"Day number {d}." for d in range(1, 31)]
    assert seen[0] == (0, 30) and seen[-1] == (30, 30)


def test_a_large_first_build_shows_progress_in_a_terminal(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kapdiary.render import console as screen

    for day in range(1, 13):
        put(home, f"2026-11-{day:02d}", f"Day number {day}.")
    monkeypatch.setattr(screen, "PROGRESS_FROM", 10)
    result = run("review", "--all", "--list")  # not a terminal: no bar
    assert "Indexing your diary" not in result.stderr
    monkeypatch.setattr(screen, "stderr_is_terminal", lambda: True)
    monkeypatch.setenv("TERM", "xterm")
    result = run("reindex")
    assert result.exit_code == 0, result.output
    assert "Indexing your diary" in result.stderr
    assert "Indexed 12 entries" in result.stdout
