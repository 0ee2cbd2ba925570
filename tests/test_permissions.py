"""Private by default: folders 0700 and files 0600 whatever the umask, and a home that
cannot be written is reported before the user types a word."""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path

import pytest

from conftest import draft_files, entry_file, entry_files, one_error_line


def modes(root: Path) -> dict[str, int]:
    """Every folder and file under ``root`` (itself included) → its permission bits."""
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def assert_private(root: Path) -> None:
    for name, mode in modes(root).items():
        path = root / name
        expected = 0o700 if path.is_dir() else 0o600
        assert mode == expected, f"{path} is {mode:o}, expected {expected:o}"


@pytest.mark.usefixtures("umask_000")
def test_everything_is_private_under_umask_000(
    run, home: Path, fake_editor, writer_process
) -> None:
    config = Path(os.environ["KAPDIARY_CONFIG"])
    assert run("init", "--intention", "Be present with my kids", "--yes").exit_code == 0
    assert run("intention", "add", "Self-compassion").exit_code == 0
    assert run("config", "set", "day_starts_at", "05:00").exit_code == 0
    assert run("write", "--set", "mood=6", "--text", "A calm day.").exit_code == 0
    assert run("write", "--date", "2026-10-31", "--text", "Another month.").exit_code == 0
    # A draft kept by another process (it inherits the umask), stopped by a signal ...
    writer = writer_process("write", "--guided")
    writer.type("7")
    writer.wait_for_draft("mood: 7")
    writer.process.send_signal(signal.SIGINT)
    assert writer.finish()[0] == 130
    # ... and one kept in this process, when the editor failed.
    editor = fake_editor("path.write_text(text + 'Kept words.\\n')\nsys.exit(1)")
    assert run("write", "--editor").exit_code == 1

    assert len(entry_files(home)) == 2
    assert len(draft_files(home)) == 2
    assert (home / "intentions.toml").is_file() and config.is_file()
    assert {"entries/2026/11", "entries/2026/10", "templates", "drafts"} <= set(modes(home))
    assert_private(home)
    assert_private(config.parent)
    # The file handed to the editor was private too.
    [(_, editor_mode)] = editor.calls
    assert editor_mode == 0o600


@pytest.mark.usefixtures("umask_000")
def test_writing_tightens_nothing_it_did_not_create(run, home: Path, tmp_path: Path) -> None:
    """kapdiary makes its own folders private; it does not change folders above the home."""
    parent = tmp_path / "shared"
    parent.mkdir(mode=0o755)
    parent.chmod(0o755)
    diary = parent / "diary"

    assert run("--home", str(diary), "init", "--yes").exit_code == 0  # a named home: init
    assert run("--home", str(diary), "write", "--text", "Words.").exit_code == 0

    assert stat.S_IMODE(parent.stat().st_mode) == 0o755
    assert_private(diary)


def test_a_home_that_is_a_file_fails_before_anything_is_asked(run, home: Path) -> None:
    home.rmdir()
    home.write_text("not a folder\n")

    result = run("write", "--guided", input="6\nWords.\n.\n")

    assert result.exit_code == 1
    line = one_error_line(result)
    assert str(home) in line
    assert "not a folder" in line or "not a directory" in line.lower()
    assert "--home" in line or "move it" in line  # says what to do about it
    assert "mood" not in result.stdout  # nothing was asked
    assert home.read_text() == "not a folder\n"


@pytest.mark.parametrize(
    "args",
    [
        ("init", "--yes"),
        ("write", "--text", "Words."),
        ("intention", "add", "Walk more"),
    ],
)
def test_a_home_that_is_a_file_is_a_clear_error_everywhere(
    run, home: Path, args: tuple[str, ...]
) -> None:
    home.rmdir()
    home.write_text("not a folder\n")

    result = run(*args)

    assert result.exit_code == 1
    line = one_error_line(result)
    assert str(home) in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_home_fails_before_anything_is_asked(run, home: Path) -> None:
    (home / "entries").mkdir(parents=True)
    (home / "entries").chmod(0o500)
    try:
        result = run("write", "--guided", input="6\n")
    finally:
        (home / "entries").chmod(0o700)

    assert result.exit_code == 1
    line = one_error_line(result)
    assert "permission denied" in line
    assert "mood" not in result.stdout
    assert entry_file(home, "2026-11-21-evening").exists() is False
