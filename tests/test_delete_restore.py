"""Deleting and restoring (issue 18, item 4): `kapdiary delete` moves an entry into the
keep-for-a-while store, `kapdiary restore` lists and brings back deleted entries and
discarded drafts, never over an entry written since; `intention remove` and the twin
question of `intention add`.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import (
    draft_files,
    entry_files,
    kapdiary_command,
    one_error_line,
    put,
    subprocess_env,
)
from test_hangup import Terminal


def kept_files(home: Path) -> list[Path]:
    folder = home / ".history"
    return sorted(p for p in folder.rglob("*.md")) if folder.is_dir() else []


def days_in_review(run) -> list[str]:
    result = run("review", "--all", "--json")
    assert result.exit_code == 0, result.output
    return [e["date"] for e in json.loads(result.stdout)["entries"]]


def test_delete_moves_the_entry_to_history_byte_for_byte_and_the_index_notices(
    run, initialised: Path
) -> None:
    path = put(initialised, "2026-11-20", "Walked by the river with Sam.")
    original = path.read_bytes()
    assert days_in_review(run) == ["2026-11-20"]  # the index has it

    result = run("delete", "2026-11-20", "--yes")

    assert result.exit_code == 0, result.output
    assert not path.exists()
    [kept] = kept_files(initialised)
    assert kept.read_bytes() == original
    assert kept.parent == initialised / ".history/entries/2026/11/2026-11-20-evening"
    assert kept.name.endswith("-deleted.md")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert "kapdiary restore 2026-11-20-evening" in result.stdout
    assert days_in_review(run) == []
    assert "Nothing matches river" in run("search", "river").stdout


def test_delete_by_path_and_by_day_words(run, initialised: Path) -> None:
    put(initialised, "2026-11-20", "One.")
    put(initialised, "2026-11-18", "Two.")
    assert run("delete", "entries/2026/11/2026-11-20-evening.md", "--yes").exit_code == 0
    assert run("delete", "3 days ago", "--yes").exit_code == 0
    assert entry_files(initialised) == []
    assert len(kept_files(initialised)) == 2


def test_delete_outside_a_terminal_without_yes_refuses_with_the_fix(run, initialised: Path) -> None:
    path = put(initialised, "2026-11-20")
    days_in_review(run)  # the index is built (said once, on stderr)
    result = run("delete", "yesterday")
    assert result.exit_code == 2
    line = one_error_line(result)
    assert "add --yes to delete entries/2026/11/2026-11-20-evening.md" in line
    assert path.is_file() and kept_files(initialised) == []


def test_delete_of_a_day_with_two_entries_names_them_and_deletes_neither(
    run, initialised: Path
) -> None:
    first = put(initialised, "2026-11-20")
    second = put(initialised, "2026-11-20", name="2026-11-20-evening-2.md")
    days_in_review(run)
    result = run("delete", "2026-11-20", "--yes")
    assert result.exit_code == 2
    line = one_error_line(result)
    assert "2026-11-20-evening.md" in line and "2026-11-20-evening-2.md" in line
    assert first.is_file() and second.is_file()


@pytest.mark.parametrize(
    "target",
    ["link", "outside", ".history"],
)
def test_delete_refuses_links_files_outside_the_diary_and_the_store_itself(
    run, initialised: Path, tmp_path: Path, target: str
) -> None:
    real = put(initialised, "2026-11-20", "Keep me.")
    outside = tmp_path / "elsewhere.md"
    outside.write_text(real.read_text())
    link = initialised / "entries/2026/11/2026-11-19-evening.md"
    link.symlink_to(real)
    run("delete", "2026-11-20", "--yes")  # something in the store
    [kept] = kept_files(initialised)
    given = {"link": str(link), "outside": str(outside), ".history": str(kept)}[target]
    result = run("delete", given, "--yes")
    assert result.exit_code == 2, result.output
    one_error_line(result)
    assert outside.is_file() and link.is_symlink() and kept.is_file()


def test_restore_lists_and_brings_back_an_entry_and_the_index_notices(
    run, initialised: Path
) -> None:
    path = put(initialised, "2026-11-20", "Walked by the river with Sam.")
    original = path.read_bytes()
    run("delete", "yesterday", "--yes")

    listed = run("restore")
    assert listed.exit_code == 0, listed.output
    assert "2026-11-20  deleted entry" in listed.stdout
    assert "2026-11-20-evening" in listed.stdout
    [item] = json.loads(run("restore", "--json").stdout)
    assert item["key"] == "2026-11-20-evening"
    assert item["kind"] == "entry" and item["template"] == "evening" and item["words"] == 6
    assert item["restores_to"] == str(path) and item["blocked"] is False

    result = run("restore", "2026-11-20-evening")

    assert result.exit_code == 0, result.output
    assert path.read_bytes() == original
    assert kept_files(initialised) == []
    assert days_in_review(run) == ["2026-11-20"]
    assert "2026-11-20" in run("search", "river").stdout
    assert "Nothing deleted or discarded" in run("restore").stdout


def test_restore_never_overwrites_an_entry_written_since(run, initialised: Path) -> None:
    path = put(initialised, "2026-11-20", "The first words.")
    run("delete", "2026-11-20", "--yes")
    run("write", "--date", "2026-11-20", "--set", "mood=3", "--text", "Written since.")
    assert path.is_file()
    listed = run("restore").stdout
    assert "an entry is there now" in listed

    result = run("restore", "2026-11-20-evening")

    assert result.exit_code == 1
    assert "restoring never overwrites" in one_error_line(result)
    assert "Written since." in path.read_text()
    [kept] = kept_files(initialised)
    assert "The first words." in kept.read_text()
    # the fix the message gives: delete the newer one first, then both are kept apart
    assert run("delete", str(path), "--yes").exit_code == 0
    keys = [i["key"] for i in json.loads(run("restore", "--json").stdout)]
    assert len(keys) == 2 and all(k.startswith("2026-11-20-evening@") for k in keys)
    older = keys[-1]
    assert run("restore", older).exit_code == 0
    assert "The first words." in path.read_text()


def test_a_discarded_draft_is_listed_and_restored_where_drafts_lists_it(
    run, initialised: Path
) -> None:
    drafts = initialised / "drafts"
    drafts.mkdir(mode=0o700, exist_ok=True)
    name = "2026-11-19-evening-a1b2c3"
    put(initialised, "2026-11-19", "Half a thought.", name="x.md")
    (drafts / f"{name}.md").write_bytes((initialised / "entries/2026/11/x.md").read_bytes())
    (initialised / "entries/2026/11/x.md").unlink()
    assert run("drafts", "discard", name, "--yes").exit_code == 0
    assert draft_files(initialised) == []

    [item] = json.loads(run("restore", "--json").stdout)
    assert (item["kind"], item["key"], item["date"]) == ("draft", name, "2026-11-19")
    result = run("restore", "2026-11-19")

    assert result.exit_code == 0, result.output
    assert draft_files(initialised) == [drafts / f"{name}.md"]
    assert name in run("drafts").stdout


def test_restore_of_something_not_kept_says_how_to_find_it(run, initialised: Path) -> None:
    for key, words in [
        ("nope", "nothing deleted or discarded is called"),
        ("2026-11-02", "nothing deleted or discarded is from 2026-11-02"),
        ("../../../etc/passwd", "nothing deleted or discarded is called"),
        ("/etc/passwd", "nothing deleted or discarded is called"),
    ]:
        result = run("restore", key)
        assert result.exit_code == 2
        assert words in one_error_line(result)


def test_two_deletes_at_once_delete_once_and_lose_nothing(initialised: Path) -> None:
    path = put(initialised, "2026-11-20", "Only once.")
    original = path.read_bytes()
    args = [*kapdiary_command(), "delete", str(path), "--yes"]
    procs = [
        subprocess.Popen(args, env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    codes = sorted(p.wait(timeout=60) for p in procs)
    for p in procs:
        assert b"Traceback" not in p.stderr.read()  # type: ignore[union-attr]
    assert codes[0] == 0 and codes[1] in (0, 1, 2)
    kept = kept_files(initialised)
    assert [k.read_bytes() for k in kept] == [original]
    assert not path.exists()


def test_delete_at_a_terminal_asks_and_no_keeps_the_entry(initialised: Path) -> None:
    path = put(initialised, "2026-11-20", "Still here.")
    screen = Terminal([*kapdiary_command(), "delete", "yesterday"])
    screen.wait_for("Delete Evening integration")
    assert b"(2 words, entries/2026/11/2026-11-20-evening.md)?" in screen.screen
    screen.type("\n")  # the default is no
    screen.wait_for("Nothing was deleted.")
    assert screen.process.wait(timeout=30) == 0
    screen.stop()
    assert path.is_file()

    screen = Terminal([*kapdiary_command(), "delete", "yesterday"])
    screen.wait_for("Delete Evening integration")
    screen.type("y\n")
    screen.wait_for("Deleted entries/2026/11/2026-11-20-evening.md")
    assert screen.process.wait(timeout=30) == 0
    screen.stop()
    assert not path.exists() and len(kept_files(initialised)) == 1


# --- intentions -------------------------------------------------------------------------------


def intention_ids(home: Path) -> list[str]:
    import tomllib

    data = tomllib.loads((home / "intentions.toml").read_text())
    return [i["id"] for i in data["intentions"]]


def test_intention_remove_takes_out_an_unrated_one(run, initialised: Path) -> None:
    run("intention", "add", "Walk each morning")
    result = run("intention", "remove", "walk-each-morning")
    assert result.exit_code == 0, result.output
    assert "walk-each-morning" not in intention_ids(initialised)
    assert "be-present-with-my-kids" in intention_ids(initialised)


def test_a_rated_intention_can_only_be_retired_and_the_message_says_so(
    run, initialised: Path
) -> None:
    put(initialised, "2026-11-20", intentions={"self-compassion": 6})
    result = run("intention", "remove", "self-compassion")
    assert result.exit_code == 1
    line = one_error_line(result)
    assert "1 entry rates self-compassion" in line
    assert "kapdiary intention retire self-compassion" in line
    assert "self-compassion" in intention_ids(initialised)


@pytest.mark.parametrize("where", ["note", "draft", "unreadable", "private"])
def test_a_note_a_draft_a_private_or_an_unreadable_entry_also_keeps_it(
    run, initialised: Path, where: str
) -> None:
    if where == "note":
        put(initialised, "2026-11-20", intention_notes={"self-compassion": "kind"})
    elif where == "private":
        put(initialised, "2026-11-20", private=True, intentions={"self-compassion": 2})
    elif where == "unreadable":
        path = initialised / "entries/2026/11/2026-11-20-evening.md"
        path.parent.mkdir(parents=True)
        path.write_text("---\ndate: [unclosed\n---\n\nwords\n")
    else:
        (initialised / "drafts").mkdir(mode=0o700, exist_ok=True)
        put(initialised, "2026-11-20", intentions={"self-compassion": 4}, name="d.md")
        os.replace(
            initialised / "entries/2026/11/d.md",
            initialised / "drafts/2026-11-20-evening-abcdef.md",
        )
    result = run("intention", "remove", "self-compassion")
    assert result.exit_code == 1
    one_error_line(result)
    assert "self-compassion" in intention_ids(initialised)


def test_intention_add_of_the_same_words_refuses_outside_a_terminal_and_again_adds(
    run, initialised: Path
) -> None:
    result = run("intention", "add", "  be PRESENT   with my kids ")
    assert result.exit_code == 2
    assert "add --again" in one_error_line(result)
    assert intention_ids(initialised) == ["be-present-with-my-kids", "self-compassion"]
    result = run("intention", "add", "be present with my kids", "--again")
    assert result.exit_code == 0, result.output
    assert intention_ids(initialised)[-1] == "be-present-with-my-kids-2"
    assert run("intention", "add", "Be present with my kids, gently").exit_code == 0


def test_intention_add_at_a_terminal_asks_before_a_twin(initialised: Path) -> None:
    screen = Terminal([*kapdiary_command(), "intention", "add", "self-compassion"])
    screen.wait_for("Add it again as a second intention?")
    screen.type("\n")
    screen.wait_for("Nothing was added.")
    assert screen.process.wait(timeout=30) == 0
    screen.stop()
    assert intention_ids(initialised) == ["be-present-with-my-kids", "self-compassion"]
