"""`kapdiary edit` never loses a word: real editors, real processes, files changed underneath."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import entry_file, kapdiary_command, one_error_line, put
from kapdiary import history
from kapdiary.doctor import CONFLICT
from kapdiary.editing import conflict_names
from kapdiary.locations import Home

ENTRY = "2026-11-20-evening"


def editor_script(folder: Path, name: str, code: str) -> Path:
    """An executable $EDITOR running ``code`` with ``path`` (its file) and ``text``."""
    script = folder / name
    script.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, sys, time\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        "text = path.read_text(encoding='utf-8')\n" + code + "\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def waiting_editor(folder: Path, name: str, addition: str) -> tuple[Path, Path, Path]:
    """An editor that adds a line, says it is open, then waits for ``gate`` before saving."""
    opened, gate = folder / f"{name}.opened", folder / f"{name}.gate"
    script = editor_script(
        folder,
        name,
        f"path.write_text(text + {addition!r} + '\\n', encoding='utf-8')\n"
        f"pathlib.Path({str(opened)!r}).write_text('open')\n"
        f"while not pathlib.Path({str(gate)!r}).exists():\n"
        "    time.sleep(0.01)\n",
    )
    return script, opened, gate


def start_edit(script: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, EDITOR=str(script))
    return subprocess.Popen(
        [*kapdiary_command(), "edit", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )


def wait_for(path: Path, process: subprocess.Popen[str], deadline: float = 30.0) -> None:
    give_up = time.monotonic() + deadline
    while not path.exists():
        if process.poll() is not None or time.monotonic() > give_up:
            out, err = process.communicate()
            pytest.fail(f"the editor never opened (exit {process.returncode}):\n{out}\n{err}")
        time.sleep(0.01)


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    """Exit code, output, and the last line on stderr (a first run may say it indexed)."""
    out, err = process.communicate(timeout=60)
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if "indexed your" not in line]
    assert len(lines) <= 1, err
    return process.returncode, out, "".join(lines)


def kept_versions(home: Path, kind: str = "") -> list[Path]:
    folder = home / ".history"
    return sorted(folder.rglob(f"*{kind}.md")) if folder.is_dir() else []


def conflict_copies(home: Path) -> list[Path]:
    return [p for p in (home / "entries").rglob("*.md") if CONFLICT.search(p.name)]


# --- two edits, and a file changed underneath ------------------------------------------------


def test_two_edits_of_one_entry_at_once_keep_both_versions(home: Path, tmp_path: Path) -> None:
    path = put(home, "2026-11-20", "The first words.")
    original = path.read_text()
    first, first_open, first_gate = waiting_editor(tmp_path, "first", "Words from window one.")
    second, second_open, second_gate = waiting_editor(tmp_path, "second", "Words from window two.")

    one = start_edit(first, "2026-11-20")
    wait_for(first_open, one)
    two = start_edit(second, "2026-11-20")
    wait_for(second_open, two)
    second_gate.touch()  # the second window saves first
    code_two, out_two, err_two = finish(two)
    first_gate.touch()
    code_one, out_one, err_one = finish(one)

    assert code_two == 0, err_two
    assert out_two.strip() == f"Saved {path}"
    assert code_one == 1, (out_one, err_one)
    assert "both are kept" in err_one
    assert "Words from window two." in path.read_text()
    [copy] = conflict_copies(home)
    assert str(copy) in err_one
    assert copy.read_text().endswith("Words from window one.\n")
    assert copy.name.startswith(f"{ENTRY}.sync-conflict-") and copy.name.endswith("-kapdiary.md")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    [replaced] = kept_versions(home, "replaced")
    assert replaced.read_text() == original


def test_a_line_added_by_another_app_while_the_editor_is_open_is_kept(
    run, home: Path, tmp_path: Path
) -> None:
    path = put(home, "2026-11-20", "Before the walk.")
    script, opened, gate = waiting_editor(tmp_path, "slow", "My edit.")

    process = start_edit(script, str(path))
    wait_for(opened, process)
    with path.open("a", encoding="utf-8") as handle:  # a sync tool or a phone app
        handle.write("Added on my phone.\n")
    mtime = path.stat().st_mtime_ns
    gate.touch()
    code, out, err = finish(process)

    assert code == 1, (out, err)
    assert "changed by something else" in err
    text = path.read_text()
    assert "Added on my phone." in text and "My edit." not in text
    assert path.stat().st_mtime_ns == mtime  # not touched at all
    [copy] = conflict_copies(home)
    assert "My edit." in copy.read_text() and "Added on my phone." not in copy.read_text()
    doctor = run("doctor")
    assert copy.name in doctor.stdout and doctor.exit_code == 1


def test_a_change_that_keeps_the_modification_time_is_still_seen(
    home: Path, tmp_path: Path
) -> None:
    """Sync tools restore mtimes: the check is on the content, not the clock."""
    path = put(home, "2026-11-20", "Same size text.")
    before = path.stat()
    script, opened, gate = waiting_editor(tmp_path, "slow", "My edit.")

    process = start_edit(script, str(path))
    wait_for(opened, process)
    path.write_text(path.read_text().replace("Same size text.", "Same size TEXT."))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    gate.touch()
    code, out, err = finish(process)

    assert code == 1, (out, err)
    assert "Same size TEXT." in path.read_text()
    [copy] = conflict_copies(home)
    assert "My edit." in copy.read_text()


def test_an_entry_deleted_while_the_editor_is_open_is_saved_again(
    home: Path, tmp_path: Path
) -> None:
    path = put(home, "2026-11-20", "Deleted elsewhere.")
    script, opened, gate = waiting_editor(tmp_path, "slow", "Still mine.")

    process = start_edit(script, str(path))
    wait_for(opened, process)
    path.unlink()
    gate.touch()
    code, out, err = finish(process)

    assert code == 0, err
    assert "deleted or moved" in out
    assert path.read_text().endswith("Still mine.\n")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_an_edit_stopped_by_a_signal_keeps_the_text_and_the_entry(
    home: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    path = put(home, "2026-11-20", "As it was.")
    before = path.read_text()
    script, opened, gate = waiting_editor(tmp_path, "slow", "Typed before the window closed.")

    process = start_edit(script, str(path))
    wait_for(opened, process)
    process.send_signal(sig)
    code, out, err = finish(process)
    gate.touch()  # let the orphaned editor end

    assert code == 130, (out, err)
    assert path.read_text() == before
    [kept] = kept_versions(home, "unsaved")
    assert kept.read_text().endswith("Typed before the window closed.\n")
    assert str(kept) in err


# --- edits that would lose the entry -------------------------------------------------------


def test_an_editor_that_empties_the_file_changes_nothing(home: Path, tmp_path: Path) -> None:
    path = put(home, "2026-11-20", "Do not lose me.")
    before = path.read_text()
    script = editor_script(tmp_path, "emptier", "path.write_text('')")

    code, out, err = finish(start_edit(script, "2026-11-20"))

    assert code == 1, (out, err)
    assert path.read_text() == before
    assert err.startswith("kapdiary: the edit left the entry empty")
    assert f"{path} was not changed" in err
    assert kept_versions(home) == []  # nothing was typed that could be kept


def test_an_editor_that_strips_the_front_matter_changes_nothing_and_keeps_the_text(
    home: Path, tmp_path: Path
) -> None:
    path = put(home, "2026-11-20", "Keep my date.")
    before = path.read_text()
    script = editor_script(
        tmp_path,
        "stripper",
        "body = text.split('---\\n', 2)[2]\n"
        "path.write_text(body + 'A new line after the walk.\\n', encoding='utf-8')",
    )

    code, out, err = finish(start_edit(script, "2026-11-20"))

    assert code == 1, (out, err)
    assert path.read_text() == before
    assert "removed the front matter" in err
    [kept] = kept_versions(home, "unsaved")
    assert str(kept) in err
    assert kept.read_text().endswith("A new line after the walk.\n")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    for folder in [home / ".history", *(p for p in (home / ".history").rglob("*") if p.is_dir())]:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_an_editor_that_fails_after_changes_keeps_the_text_and_the_entry(
    run, home: Path, fake_editor
) -> None:
    path = put(home, "2026-11-20", "Untouched.")
    run("reindex")
    before = path.read_text()
    fake_editor("path.write_text(text + 'Half typed.'); sys.exit(1)")

    result = run("edit", "2026-11-20")

    assert result.exit_code == 1
    line = one_error_line(result)
    assert "exited with status 1" in line and "was not changed" in line
    assert path.read_text() == before
    [kept] = kept_versions(home, "unsaved")
    assert kept.read_text().endswith("Half typed.") and str(kept) in line


def test_the_editor_gets_a_private_copy_that_is_removed_afterwards(
    run, home: Path, fake_editor
) -> None:
    path = put(home, "2026-11-20", "Private.")
    editor = fake_editor("path.write_text(text + 'More.')")

    result = run("edit", str(path))

    assert result.exit_code == 0, result.output
    [(opened, mode)] = editor.calls
    assert opened != path and not opened.is_relative_to(home)
    assert mode == 0o600
    assert not opened.exists()
    assert path.read_text().endswith("More.")


def test_an_entry_that_is_not_utf8_is_not_opened(run, home: Path, fake_editor) -> None:
    path = put(home, "2026-11-20", "Café.")
    path.write_bytes(path.read_bytes().replace("é".encode(), b"\xe9"))
    run("reindex")
    editor = fake_editor("path.write_text('')")

    result = run("edit", str(path))

    assert result.exit_code == 1
    assert "not UTF-8" in one_error_line(result)
    assert editor.calls == [] and b"\xe9" in path.read_bytes()


# --- the keep-for-a-while store, and undo ----------------------------------------------------


def test_undo_brings_back_the_previous_version_and_undo_again_swaps_back(
    run, home: Path, fake_editor
) -> None:
    path = put(home, "2026-11-20", "Version one.")
    one = path.read_text()
    fake_editor("path.write_text(text.replace('Version one.', 'Version two.'))")
    assert run("edit", "2026-11-20").exit_code == 0
    two = path.read_text()
    assert "Version two." in two

    first = run("edit", "--undo", "2026-11-20")
    assert first.exit_code == 0, first.output
    assert path.read_text() == one
    assert "Brought back the earlier version" in first.stdout
    assert "Version one." in run("show", "2026-11-20", "--no-pager").stdout

    second = run("edit", "--undo", str(path))
    assert second.exit_code == 0, second.output
    assert path.read_text() == two
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Version two." in run("show", "2026-11-20", "--no-pager").stdout


def test_undo_without_an_earlier_version_says_so(run, home: Path) -> None:
    put(home, "2026-11-20")
    run("reindex")
    result = run("edit", "--undo", "2026-11-20")
    assert result.exit_code == 1
    assert "no earlier version" in one_error_line(result)


def test_the_store_keeps_at_most_twenty_versions_and_never_the_newest_goes(
    run, home: Path, fake_editor
) -> None:
    path = put(home, "2026-11-20", "Count 0.")
    fake_editor(
        "import re\n"
        "n = int(re.search(r'Count (\\d+)', text)[1])\n"
        "path.write_text(text.replace(f'Count {n}.', f'Count {n + 1}.'))"
    )
    for _ in range(24):
        assert run("edit", str(path)).exit_code == 0

    kept = kept_versions(home, "replaced")
    assert len(kept) == history.KEEP_VERSIONS
    assert "Count 23." in max(kept).read_text()  # the one replaced last
    assert "Count 4." in min(kept).read_text()
    assert "Count 24." in path.read_text()


def test_the_store_forgets_old_versions_but_never_the_newest(home: Path) -> None:
    diary = Home(home, "test")
    original = put(home, "2026-11-20")
    long_ago = datetime.now(UTC) - timedelta(days=history.KEEP_DAYS + 5)
    old = [
        history.keep(diary, original, f"old {n}", history.REPLACED, now=long_ago + timedelta(n))
        for n in range(3)
    ]
    assert [p.exists() for p in old] == [False, False, True]  # only the newest stays

    recent = history.keep(diary, original, "recent", history.REPLACED)
    assert recent.exists() and not old[2].exists()


def test_history_is_left_out_of_every_reading_command(run, home: Path, fake_editor) -> None:
    path = put(home, "2026-11-20", "Heronsong was the old word.", mood=3)
    fake_editor(
        "path.write_text(text.replace('Heronsong was the old word.', 'A new word.')"
        ".replace('mood: 3', 'mood: 9'))"
    )
    assert run("edit", str(path)).exit_code == 0
    assert kept_versions(home, "replaced")
    (home / ".history" / "stray.md").write_text(path.read_text().replace("20", "19"))

    figures = json.loads(run("progress", "--json").stdout)
    assert figures["entries"] == 1 and figures["mood"]["mean"] == 9.0

    assert "Heronsong" not in run("review", "--all").stdout
    assert "Heronsong" not in run("search", "heronsong").stdout
    assert "A new word." in run("search", "new word").stdout
    assert run("review", "--all", "--list").stdout.count("20 Nov") == 1
    out = home.parent / "export.json"
    export = run("export", "--since", "2026-11-01", "--format", "json", "-o", str(out), "--yes")
    assert export.exit_code == 0, export.output
    assert "Heronsong" not in out.read_text() and "A new word." in out.read_text()
    doctor = run("doctor")
    assert ".history" not in doctor.stdout and "Heronsong" not in doctor.stdout


# --- only this diary's entries ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["show", "edit"])
def test_show_and_edit_take_only_this_diarys_entries(
    run, home: Path, tmp_path: Path, fake_editor, command: str
) -> None:
    put(home, "2026-11-20")
    editor = fake_editor("path.write_text(text + 'x')")
    outside = tmp_path / "outside.md"
    outside.write_text("---\ndate: 2026-11-20\n---\nNot the diary's.\n")
    link = entry_file(home, "2026-11-19-evening")
    link.symlink_to(outside)
    (home / "drafts").mkdir()
    draft = home / "drafts" / "2026-11-20-evening-abc123.md"
    draft.write_text(outside.read_text())
    hidden = home / "entries" / "2026" / "11" / ".kapdiary-tmp-0000.md"
    hidden.write_text(outside.read_text())

    for target in ["/etc/passwd", str(outside), str(link), str(draft), str(hidden), "../x.md"]:
        result = run(command, target)
        assert result.exit_code == 2, (target, result.output)
        line = one_error_line(result)
        assert "entry" in line and "Traceback" not in line
    assert editor.calls == []
    assert outside.read_text().endswith("Not the diary's.\n")


def test_show_still_takes_a_path_relative_to_the_home(run, home: Path) -> None:
    put(home, "2026-11-20", "Relative.")
    result = run("show", "entries/2026/11/2026-11-20-evening.md", "--no-pager")
    assert result.exit_code == 0, result.output
    assert "Relative." in result.stdout


# --- names: property tests ------------------------------------------------------------------

stems = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0"),
    min_size=1,
    max_size=40,
).filter(lambda s: s not in (".", "..") and not CONFLICT.search(s))


@given(stems, st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)))
def test_a_conflict_copys_name_is_recognised_and_names_its_entry(stem: str, when) -> None:
    entry = Path("/home/entries/2026/11") / f"{stem}.md"
    names = conflict_names(entry, when)
    for copy in (next(names), next(names)):
        assert CONFLICT.search(copy.name), copy.name
        assert CONFLICT.sub("", copy.name, count=1) == entry.name


@given(
    st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 31)),
    st.sampled_from(history.KINDS),
    st.integers(min_value=1, max_value=5),
)
def test_kept_versions_are_read_back_in_the_order_they_were_kept(
    tmp_path_factory, when, kind: str, count: int
) -> None:
    home = Home(tmp_path_factory.mktemp("home"), "test")
    original = home.entries / "2026" / "11" / "2026-11-20-evening.md"
    moment = when.replace(tzinfo=UTC)
    kept = [history.keep(home, original, str(n), kind, now=moment) for n in range(count)]
    found = history.versions_of(home, original)
    assert [v.path for v in found][:1] == kept[-1:]
    assert all(v.kind == kind for v in found)
