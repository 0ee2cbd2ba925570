"""`kapdiary import`: real samples from jrnl 4.6, Day One and Daylio, and Markdown notes.

The jrnl samples in tests/data/import/jrnl were made by the real jrnl 4.6
(make_journal.py); the Day One and Daylio ones by make_samples.py from the formats'
documentation. Every test runs the real CLI against a temporary home and reads the files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import entry_files, kapdiary_command, one_error_line, subprocess_env
from kapdiary.entry import parse

DATA = Path(__file__).parent / "data" / "import"
JRNL_TEXT = DATA / "jrnl" / "journal.txt"
JRNL_JSON = DATA / "jrnl" / "journal.json"
DAYONE_ZIP = DATA / "dayone" / "export.zip"
DAYONE_JSON = DATA / "dayone" / "Journal.json"
DAYLIO = DATA / "daylio" / "daylio_export.csv"


def imported(home: Path) -> list[dict[str, Any]]:
    """Every entry's front matter, with its body under ``_body``."""
    found = []
    for path in entry_files(home):
        entry = parse(path.read_text(encoding="utf-8"), path)
        assert entry.problem is None, (path, entry.problem)
        found.append({**entry.meta, "_body": entry.body.strip(), "_path": path})
    return found


def on(entries: list[dict[str, Any]], day: str, time_: str) -> dict[str, Any]:
    [entry] = [e for e in entries if e["date"] == date.fromisoformat(day) and e["time"] == time_]
    return entry


# --- jrnl ---------------------------------------------------------------------------------------


def test_a_jrnl_journal_made_by_jrnl_4_6_comes_in_whole(run, home: Path) -> None:
    result = run("import", str(JRNL_TEXT), "--yes")

    assert result.exit_code == 0, result.output
    assert "320 entries found" in result.stdout
    assert "new       320 entries, 2025-01-02 to 2026-08-09" in result.stdout
    entries = imported(home)
    assert len(entries) == 320
    assert {e["template"] for e in entries} == {"imported"}
    tags = Counter(t for e in entries for t in e.get("tags", []))
    # `jrnl --tags` on the same journal: 55 #insight, 53 @work, ... (## is a heading, not a tag)
    assert tags == {
        "insight": 55, "work": 53, "nature": 53, "gratitude": 50, "anxious": 50,
        "body": 49, "calm": 48, "sleep": 44, "family": 41, "starred": 36,
    }  # fmt: skip
    assert "Imported 320 entries from jrnl (journal.txt)" in result.stdout


def test_a_jrnl_entry_after_midnight_belongs_to_the_evening_before(run, home: Path) -> None:
    run("import", str(JRNL_TEXT), "--yes")

    entry = on(imported(home), "2025-02-05", "01:14")  # [2025-02-06 01:14:00 AM] in the file

    assert entry["title"] == "Felt the old fear again?"
    assert entry["_body"].startswith("Felt the old fear again?\nLess tension")
    assert entry["source"] == "jrnl: journal.txt, line 89"
    assert entry["source_id"].startswith("jrnl:")


def test_a_second_run_and_jrnls_json_export_add_nothing(run, home: Path) -> None:
    run("import", str(JRNL_TEXT), "--yes")
    before = {p: p.read_bytes() for p in entry_files(home)}

    again = run("import", str(JRNL_TEXT), "--yes")
    as_json = run("import", str(JRNL_JSON), "--yes")

    for result in (again, as_json):
        assert result.exit_code == 0, result.output
        assert "Nothing new to import: 320 entries are in your diary already." in result.stdout
    assert {p: p.read_bytes() for p in entry_files(home)} == before


def test_the_json_export_alone_gives_the_same_entries(run, home: Path) -> None:
    run("import", str(JRNL_JSON), "--yes")

    entries = imported(home)

    assert len(entries) == 320
    assert sum("starred" in e.get("tags", []) for e in entries) == 36
    assert on(entries, "2025-02-05", "01:14")["source"] == "jrnl: journal.json, entry 18"


def test_a_broken_jrnl_date_is_named_and_the_rest_imported(run, home: Path, tmp_path: Path) -> None:
    source = tmp_path / "journal.txt"
    source.write_text(
        "[2025-01-03 09:30:00 PM] A quiet start.\nWalked @outside.\n\n"
        "[2025-02-30 09:00:00 PM] Not a day.\n\n"
        "[2025-01-05 13:00:00 PM] Not an hour.\n\n"
        "[2025-01-06 08:00:00 AM] Morning. *\n[a bracket] in the text stays text\n",
        encoding="utf-8",
    )

    result = run("import", str(source), "--yes")

    assert result.exit_code == 0, result.output
    assert "skipped   line 4: [2025-02-30 09:00:00 PM] is not a real date" in result.stdout
    assert "skipped   line 6: [2025-01-05 13:00:00 PM]: the hour 13 does not go with PM" in (
        result.stdout
    )
    assert "2 skipped (listed above)" in result.stdout
    entries = imported(home)
    assert [(e["date"], e.get("tags")) for e in entries] == [
        (date(2025, 1, 3), ["outside"]),
        (date(2025, 1, 6), ["starred"]),
    ]
    assert entries[1]["_body"] == "Morning.\n[a bracket] in the text stays text"


def test_an_encrypted_or_empty_journal_says_how_to_export_it(run, home: Path, tmp_path: Path):
    source = tmp_path / "journal.txt"
    source.write_text("gAAAAABl3x9kZ2VuY3J5cHRlZA==\n", encoding="utf-8")

    result = run("import", str(source), "--from", "jrnl", "--yes")

    assert result.exit_code == 1
    assert "no jrnl entries found" in one_error_line(result)
    assert "jrnl --export json" in result.stderr
    assert entry_files(home) == []


# --- Day One --------------------------------------------------------------------------------------


def test_a_day_one_zip_comes_in_with_its_time_zones(run, home: Path) -> None:
    result = run("import", str(DAYONE_ZIP), "--yes")

    assert result.exit_code == 0, result.output
    assert "Importing from Day One (export.zip): 40 entries found." in result.stdout
    assert "skipped   entry 12 (000BA1B2C3D4E5F60718293A4B5C6D7E): creationDate 'yesterday'" in (
        result.stdout
    )
    assert "note      entry 6 (0005A1B2C3D4E5F60718293A4B5C6D7E): no timeZone" in result.stdout
    entries = imported(home)
    assert len(entries) == 39
    # 2025-02-02T21:51Z in Berlin is 22:51; starred
    assert on(entries, "2025-02-02", "22:51")["tags"] == ["starred"]
    # 2025-02-04T00:04Z in New York is the evening before
    assert on(entries, "2025-02-03", "19:04")["tags"] == ["sleep"]
    # 2025-02-04T22:52Z in Tokyo is the next morning
    assert on(entries, "2025-02-05", "07:52")["_body"].startswith("# Day 3\n")
    assert sum("starred" in e.get("tags", []) for e in entries) == 6
    assert all(e["source_id"].startswith("dayone:") for e in entries)


def test_day_one_photos_are_named_never_copied(run, home: Path) -> None:
    run("import", str(DAYONE_ZIP), "--yes")

    entry = on(imported(home), "2025-03-26", "00:52")  # 2025-03-27T00:52Z, London

    assert entry["_body"].endswith(
        "[photo not copied: photos/23ababababababababababababababab.jpeg in the Day One export]"
    )
    assert "dayone-moment" not in entry["_body"]
    assert not list(home.rglob("*.jpeg"))


def test_the_json_inside_and_outside_the_zip_are_the_same_entries(run, home: Path) -> None:
    run("import", str(DAYONE_JSON), "--yes")

    result = run("import", str(DAYONE_ZIP), "--yes")

    assert "Nothing new to import: 39 entries are in your diary already." in result.stdout
    assert len(entry_files(home)) == 39


# --- Daylio ---------------------------------------------------------------------------------------


def test_a_daylio_export_brings_moods_and_activities(run, home: Path) -> None:
    result = run("import", str(DAYLIO), "--yes")

    assert result.exit_code == 0, result.output
    assert "skipped   line 21: the date '2025-02-30' is not a date" in result.stdout
    assert "note      line 44: the mood 'super' is not one of rad, good, meh, bad, awful" in (
        result.stdout
    )
    entries = imported(home)
    assert len(entries) == 59
    moods = Counter(e.get("mood") for e in entries)
    assert moods == {9: 11, 7: 12, 5: 11, 3: 12, 1: 12, None: 1}
    late = on(entries, "2025-07-31", "00:48")  # 12:48 am on 1 August
    assert (late["mood"], late["tags"]) == (1, ["family", "walk", "work"])
    tags = {t for e in entries for t in e.get("tags", [])}
    assert {"bad-sleep", "movies-tv", "meditation"} <= tags
    assert any(e["_body"] == "First line.\nSecond line, with a comma." for e in entries)


def test_a_renamed_daylio_mood_is_mapped_with_mood(run, home: Path) -> None:
    result = run("import", str(DAYLIO), "--mood", "Super=10", "--mood", "rad=10", "--yes")

    assert "super" not in result.stdout
    moods = Counter(e.get("mood") for e in imported(home))
    assert moods == {10: 12, 7: 12, 5: 11, 3: 12, 1: 12}


@pytest.mark.parametrize("given", ["super", "super=11", "=5", "super=x"])
def test_a_mood_map_that_is_not_label_equals_number_is_refused(run, given: str) -> None:
    result = run("import", str(DAYLIO), "--mood", given, "--yes")

    assert result.exit_code == 2
    assert "LABEL=N" in one_error_line(result)


def test_the_older_seven_column_daylio_export_is_read(run, home: Path, tmp_path: Path) -> None:
    source = tmp_path / "old.csv"
    source.write_text(
        "year,date,weekday,time,mood,activities,note\n"
        '2018,18 May,Friday,11:54 pm,rad,"clean | cook | music","Went to a party"\n'
        '2018,16 May,Wednesday,10:21 pm,meh,"",""\n',
        encoding="utf-8",
    )

    result = run("import", str(source), "--yes")

    assert result.exit_code == 0, result.output
    entries = imported(home)
    assert [(e["date"], e["time"], e["mood"]) for e in entries] == [
        (date(2018, 5, 16), "22:21", 5),
        (date(2018, 5, 18), "23:54", 9),
    ]


# --- a folder of Markdown notes -------------------------------------------------------------------


def note(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    note(folder, "Daily/2025-03-01.md", "---\ntags: [walk, '#Family']\nmood: 7\n---\nA walk.\n")
    note(folder, "Daily/2025-03-02.md", "No front matter, the name gives the day. #calm\n")
    note(
        folder,
        "Daily/Late.md",
        "---\ndate: 2025-03-03\ntime: '01:30'\ntags: insight, rest\n---\nLate.",
    )
    note(folder, "Daily/2025-03-04.md", "---\nprivate: true\n---\nAbout my brother.\n")
    note(folder, "Daily/2025-03-05.md", "---\nPrivate: yes\nweather: rain\n---\nSecret too.\n")
    note(folder, "Daily/2025-03-06.md", "---\ntags: [a\nmood: 3\n---\nBroken front matter.\n")
    note(folder, "Ideas.md", "---\ntags: [idea]\n---\nNo date anywhere.\n")
    note(folder, ".obsidian/2025-03-07.md", "Obsidian's own files are not notes.\n")
    note(folder, "Daily/2025-03-08.txt", "Not Markdown.\n")
    (folder / "Daily" / "2025-03-09.md").symlink_to(folder / "Daily" / "2025-03-01.md")
    return folder


def test_a_folder_of_notes_comes_in_with_dates_tags_and_privacy(run, home: Path, vault: Path):
    result = run("import", str(vault), "--yes")

    assert result.exit_code == 0, result.output
    assert "skipped   Daily/2025-03-06.md: its front matter cannot be read (line 3:" in (
        result.stdout
    )
    assert "skipped   Daily/2025-03-09.md: a symbolic link" in result.stdout
    assert "skipped   Ideas.md: no date in the front matter or the file name" in result.stdout
    assert "private   2 entries marked private in the source stay private" in result.stdout
    entries = {e["source_id"]: e for e in imported(home)}
    assert set(entries) == {
        f"markdown:Daily/{name}.md"
        for name in ("2025-03-01", "2025-03-02", "Late", "2025-03-04", "2025-03-05")
    }
    first = entries["markdown:Daily/2025-03-01.md"]
    assert (first["date"], first["mood"], first["tags"]) == (
        date(2025, 3, 1),
        7,
        ["walk", "family"],
    )
    late = entries["markdown:Daily/Late.md"]
    assert (late["date"], late["time"], late["tags"]) == (
        date(2025, 3, 2),
        "01:30",
        ["insight", "rest"],
    )
    assert entries["markdown:Daily/2025-03-04.md"]["private"] is True
    secret = entries["markdown:Daily/2025-03-05.md"]
    assert secret["private"] is True
    assert secret["imported_fields"] == {"weather": "rain"}
    assert "Private" not in secret


def test_an_imported_private_note_stays_out_of_an_export(run, home: Path, vault: Path) -> None:
    run("import", str(vault), "--yes")
    target = home.parent / "for-coach.json"

    result = run("export", "--since", "2025-03-01", "--until", "2025-03-06", "--format", "json",
                 "-o", str(target), "--yes")  # fmt: skip

    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "A walk." in text
    assert "About my brother" not in text
    assert "Secret too" not in text


# --- the preview, --dry-run, --json, asking -------------------------------------------------------


def test_dry_run_shows_the_preview_and_writes_nothing(run, home: Path) -> None:
    result = run("import", str(DAYLIO), "--dry-run")

    assert result.exit_code == 0, result.output
    assert "new       59 entries, 2025-06-02 to 2025-07-31" in result.stdout
    assert result.stdout.rstrip().endswith("Nothing was written (--dry-run).")
    assert entry_files(home) == []


def test_without_a_terminal_yes_is_needed(run, home: Path) -> None:
    result = run("import", str(DAYLIO))

    assert result.exit_code == 2
    assert "add --yes" in one_error_line(result)
    assert "59 entries" in result.stdout  # the preview came first
    assert entry_files(home) == []


def test_json_says_what_was_found_skipped_and_written(run, home: Path) -> None:
    result = run("import", str(DAYONE_ZIP), "--json", "--yes")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"]["format"] == "dayone"
    assert (data["found"], data["new"], data["skipped"]) == (40, 39, 1)
    assert (data["first"], data["last"]) == ("2025-02-02", "2025-04-30")
    assert len(data["written"]) == 39
    assert [p["skipped"] for p in data["problems"]] == [False, True]
    again = json.loads(run("import", str(DAYONE_ZIP), "--json", "--dry-run").stdout)
    assert (again["new"], again["already_imported"], again["written"]) == (0, 39, [])


def test_json_without_yes_or_dry_run_is_a_usage_error(run) -> None:
    result = run("import", str(DAYLIO), "--json")

    assert result.exit_code == 2
    assert "--json cannot ask" in one_error_line(result)


def in_a_terminal(args: list[str], answer: str) -> tuple[int, str]:
    """The real program on a pseudo-terminal; ``answer`` is typed when it asks."""
    import pty
    import select

    master, slave = pty.openpty()
    process = subprocess.Popen(
        [*kapdiary_command(), *args], stdin=slave, stdout=slave, stderr=slave, env=subprocess_env()
    )
    os.close(slave)
    output, answered = b"", False
    give_up = time.monotonic() + 60  # guards a hung process only
    try:
        while time.monotonic() < give_up:
            ready, _, _ = select.select([master], [], [], 0.1)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            if not answered and b"Import these entries?" in output:
                os.write(master, f"{answer}\n".encode())
                answered = True
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return process.returncode, output.decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("answer", "count"), [("y", 59), ("n", 0)])
def test_at_a_terminal_it_asks_after_the_preview(home: Path, answer: str, count: int) -> None:
    code, output = in_a_terminal(["import", str(DAYLIO)], answer)

    assert code == 0, output
    assert output.index("59 entries, 2025-06-02") < output.index("Import these entries?")
    assert len(entry_files(home)) == count


# --- the files written, and what cannot be read ---------------------------------------------------


def test_imported_entries_are_private_files_whatever_the_umask(run, home: Path, umask_000) -> None:
    run("import", str(DAYLIO), "--yes")

    modes = {p.stat().st_mode & 0o777 for p in entry_files(home)}
    folders = {p.parent.stat().st_mode & 0o777 for p in entry_files(home)}
    assert (modes, folders) == ({0o600}, {0o700})


def test_an_existing_entry_of_the_same_day_is_never_replaced(run, home: Path, tmp_path: Path):
    run("write", "--date", "2025-06-02", "--set", "mood=6", "--text", "My own words.")
    mine = entry_files(home)
    source = tmp_path / "one.csv"
    source.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        "2025-06-02,June 2,Monday,21:00,good,,,From Daylio.\n",
        encoding="utf-8",
    )

    run("import", str(source), "--yes")

    names = sorted(p.name for p in entry_files(home))
    assert names == ["2025-06-02-evening.md", "2025-06-02-imported.md"]
    assert "My own words." in mine[0].read_text(encoding="utf-8")


def test_two_imports_at_once_write_each_entry_once(home: Path) -> None:
    command = [*kapdiary_command(), "import", str(JRNL_TEXT), "--yes"]
    first = subprocess.Popen(command, env=subprocess_env(), stdout=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, env=subprocess_env(), stdout=subprocess.PIPE, text=True)
    outs = [p.communicate(timeout=120)[0] for p in (first, second)]

    assert [first.returncode, second.returncode] == [0, 0], outs
    assert len(entry_files(home)) == 320
    ids = Counter(parse(p.read_text(encoding="utf-8")).meta["source_id"] for p in entry_files(home))
    assert set(ids.values()) == {1}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"just some words\n", "no jrnl entries found"),
        (b"\xff\xfe[2025-01-01 09:00:00 AM] x", "not UTF-8 text"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_line(run, tmp_path: Path, content: bytes, words: str):
    source = tmp_path / "export.txt"
    source.write_bytes(content)

    result = run("import", str(source), "--yes")
    forced = run("import", str(source), "--from", "jrnl", "--yes")

    assert result.exit_code == 2
    assert "cannot tell what kind of journal" in one_error_line(result)
    assert forced.exit_code == 1
    assert words in one_error_line(forced)


def test_a_missing_file_and_an_unknown_format_are_one_line(run, tmp_path: Path) -> None:
    missing = run("import", str(tmp_path / "nowhere.json"), "--yes")
    unknown = run("import", str(DAYLIO), "--from", "evernote", "--yes")

    assert missing.exit_code == 1
    assert "does not exist" in one_error_line(missing)
    assert unknown.exit_code == 2
    assert "jrnl, dayone, daylio or markdown" in one_error_line(unknown)


@pytest.mark.parametrize("forced", ["jrnl", "dayone", "daylio", "Day-One", "DAYLIO"])
def test_any_format_forced_on_any_file_never_crashes(run, forced: str) -> None:
    for source in (JRNL_TEXT, DAYONE_ZIP, DAYLIO):
        result = run("import", str(source), "--from", forced, "--dry-run")
        assert result.exit_code in (0, 1, 2), result.output
        assert "Traceback" not in result.output


def test_a_zip_without_a_journal_or_not_a_zip_is_one_line(run, tmp_path: Path) -> None:
    import zipfile

    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("photos/a.jpeg", b"x")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really")

    for source in (empty, broken):
        result = run("import", str(source), "--yes")
        assert result.exit_code in (1, 2)
        one_error_line(result)


def test_hostile_day_one_dates_and_zones_are_named(run, home: Path, tmp_path: Path) -> None:
    entries = [
        {"uuid": "A", "creationDate": "9999-12-31T23:59:59Z", "timeZone": "Pacific/Kiritimati"},
        {"uuid": "B", "creationDate": "0001-01-01T00:00:00Z", "timeZone": "America/Adak"},
        {"uuid": "C", "creationDate": "2025-01-01T10:00:00Z", "timeZone": "Mars/Olympus"},
        {"uuid": "D", "creationDate": "2025-01-02T10:00:00Z", "timeZone": "../../etc/passwd"},
        {"uuid": "E", "creationDate": 5, "text": 7},
        {"uuid": "F", "creationDate": "2025-01-03T10:00:00Z", "text": "half \ud800 a pair"},
        "not an entry",
    ]
    source = tmp_path / "Journal.json"
    source.write_text(json.dumps({"entries": entries}), encoding="utf-8")

    result = run("import", str(source), "--from", "dayone", "--yes")

    assert result.exit_code == 0, result.output
    assert "Mars/Olympus' is not known here, so the time is UTC" in result.stdout
    assert "entry 6 (F): its text holds characters that cannot be saved as UTF-8" in result.stdout
    assert [e["source_id"] for e in imported(home)] == ["dayone:C", "dayone:D"]


def test_a_date_with_a_time_in_a_note_keeps_the_diary_day_rule(run, home: Path, tmp_path: Path):
    folder = tmp_path / "notes"
    note(folder, "n.md", "---\ndate: 2025-03-03T01:30:00\n---\nLate.\n")

    result = run("import", str(folder), "--yes")

    assert result.exit_code == 0, result.output
    [entry] = imported(home)
    assert (entry["date"], entry["time"]) == (date(2025, 3, 2), "01:30")


def test_an_entry_file_dated_with_a_time_is_read_not_a_crash(run, home: Path) -> None:
    # Found by the importers' property test: entry.parse compared a datetime with a date.
    path = home / "entries" / "2025" / "01" / "2025-01-01-evening.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ndate: 2025-01-01T21:30:00\ntemplate: evening\n---\n\nHi.\n")

    result = run("review", "--since", "2024-12-01", "--list")

    assert result.exit_code == 0, result.output
    assert "2025-01-01  evening" in result.stdout


def test_the_diary_itself_is_never_imported_into_itself(run, home: Path, tmp_path: Path) -> None:
    run("write", "--date", "2025-06-02", "--set", "mood=6", "--text", "My own words.")

    inside = run("import", str(home / "entries"), "--yes")
    around = run("import", str(home.parent), "--from", "markdown", "--yes")

    assert inside.exit_code == 2
    assert "is inside your diary" in one_error_line(inside)
    assert around.exit_code == 0, around.output
    assert [p.name for p in entry_files(home)] == ["2025-06-02-evening.md"]


def test_the_first_import_into_the_default_home_says_where_it_is(
    run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("KAPDIARY_HOME")
    default = tmp_path / "data" / "kapdiary"

    result = run("import", str(DAYLIO), "--yes")

    assert result.exit_code == 0, result.output
    assert f"started your diary in {default}" in result.stderr
    assert len(entry_files(default)) == 59
    assert default.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("source", [JRNL_JSON, DAYONE_ZIP, DAYLIO], ids=lambda p: p.name)
def test_a_second_run_adds_nothing_and_changes_nothing(run, home: Path, source: Path) -> None:
    first = run("import", str(source), "--yes")
    before = {p: p.read_bytes() for p in entry_files(home)}

    again = run("import", str(source), "--json", "--yes")

    assert first.exit_code == again.exit_code == 0
    data = json.loads(again.stdout)
    assert (data["new"], data["written"]) == (0, [])
    assert data["already_imported"] == len(before)
    assert {p: p.read_bytes() for p in entry_files(home)} == before


def test_hostile_sizes_and_years_are_read_or_named(run, home: Path, tmp_path: Path) -> None:
    long_note = "word " * 80_000  # 400 kB in one CSV field (the csv module stops at 128 kB)
    daylio_csv = tmp_path / "big.csv"
    daylio_csv.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        f'2025-06-02,June 2,Monday,21:00,good,,,"{long_note}"\n'
        "1850-06-02,June 2,Sunday,21:00,good,,,Too early.\n"
        "2525-06-02,June 2,Monday,21:00,good,,,Too late.\n",
        encoding="utf-8",
    )

    result = run("import", str(daylio_csv), "--yes")

    assert result.exit_code == 0, result.output
    assert "line 3: 1850-06-02 is outside the years 1900–2100 kapdiary keeps" in result.stdout
    assert "line 4: 2525-06-02 is outside the years" in result.stdout
    [entry] = imported(home)
    assert len(entry["_body"]) == len(long_note.strip())


# --- after the import: deleted entries, and where to look ---------------------------------------


def test_an_imported_entry_deleted_since_is_not_imported_again_and_restores(
    run, home: Path
) -> None:
    assert run("import", str(DAYONE_JSON), "--yes").exit_code == 0
    gone = [e["_path"] for e in imported(home)][:2]
    for path in gone:
        assert run("delete", str(path), "--yes").exit_code == 0, path
    assert len(entry_files(home)) == 37

    preview = run("import", str(DAYONE_JSON), "--dry-run")
    as_json = json.loads(run("import", str(DAYONE_JSON), "--dry-run", "--json").stdout)
    again = run("import", str(DAYONE_JSON), "--yes")

    assert "deleted   2 entries imported before and deleted since, not brought back" in (
        preview.stdout
    )
    assert (as_json["new"], as_json["already_imported"], as_json["deleted_since"]) == (0, 37, 2)
    assert again.exit_code == 0, again.output
    assert "Nothing new to import: 37 entries are in your diary already; 2 entries" in again.stdout
    assert len(entry_files(home)) == 37
    # The deleted entry is the one to bring back, and then it is simply imported.
    restored = run("restore", gone[0].stem)
    assert restored.exit_code == 0, restored.output
    assert gone[0].is_file()
    after = json.loads(run("import", str(DAYONE_JSON), "--dry-run", "--json").stdout)
    assert (after["new"], after["already_imported"], after["deleted_since"]) == (0, 38, 1)


def test_the_closing_hint_reaches_back_to_the_first_imported_day(run, home: Path) -> None:
    result = run("import", str(JRNL_TEXT), "--yes")  # 2025-01-02 to 2026-08-09; today 2026-11-21

    hint = "`kapdiary review --template imported --since 2025-01-02` shows them."
    assert hint in result.stdout
    shown = run("review", "--template", "imported", "--since", "2025-01-02", "--json")
    assert len(json.loads(shown.stdout)["entries"]) == 320
    older = run("review", "--template", "imported", "--since", "1y", "--json")
    assert len(json.loads(older.stdout)["entries"]) < 320  # what the hint used to say
