"""A home the user names must exist (DESIGN §7): a mistyped KAPDIARY_HOME, --home or
``home`` in the config never becomes a new, empty diary; only `kapdiary init` creates one.
The default platform home is created on the first write, saying where.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import entry_files, one_error_line, put

Run = Callable[..., Result]

# Every command that reads or writes a diary: init, config and help-now are the exceptions,
# and doctor, which reports a missing home as one of its findings (below).
COMMANDS = [
    ("write", "--set", "mood=5", "--text", "Words I do not want to lose."),
    ("review",),
    ("review", "--all", "--json"),
    ("show", "today"),
    ("search", "words"),
    ("revisit",),
    ("progress",),
    ("export", "--yes"),
    ("sessions",),
    ("reindex",),
    ("intention", "list"),
    ("intention", "add", "Rest"),
    ("intention", "retire", "rest"),
    ("template", "list"),
    ("template", "show", "evening"),
]


@pytest.fixture
def typo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """KAPDIARY_HOME with a typo: the real diary exists, the named folder does not."""
    real = tmp_path / "Diary"
    real.mkdir()
    named = tmp_path / "Dairy"
    monkeypatch.setenv("KAPDIARY_HOME", str(named))
    return named


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_a_mistyped_home_in_the_environment_is_refused_by_every_command(
    run: Run, typo: Path, args: tuple[str, ...]
) -> None:
    result = run(*args)

    assert result.exit_code == 1, result.output
    line = one_error_line(result)
    assert str(typo) in line and "does not exist" in line
    assert "KAPDIARY_HOME" in line and "kapdiary init" in line  # both fixes
    assert not typo.exists()  # nothing was created in its name


def test_doctor_reports_a_mistyped_home_as_a_problem(run: Run, typo: Path) -> None:
    result = run("doctor")

    assert result.exit_code == 1
    assert str(typo) in result.stdout and "does not exist" in result.stdout
    assert "kapdiary init" in result.stdout
    assert not typo.exists()


def test_a_mistyped_home_option_is_bad_usage(run: Run, tmp_path: Path) -> None:
    named = tmp_path / "nowhere"

    result = run("--home", str(named), "write", "--text", "Words.")

    assert result.exit_code == 2
    line = one_error_line(result)
    assert str(named) in line and "--home" in line and "init" in line
    assert not named.exists()


def test_a_mistyped_home_in_the_config_names_the_config(
    run: Run, initialised: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "Sync" / "diary"
    assert run("config", "set", "home", str(missing)).exit_code == 0
    monkeypatch.delenv("KAPDIARY_HOME")

    result = run("write", "--text", "Words.")

    assert result.exit_code == 1
    line = one_error_line(result)
    assert str(missing) in line and "config.toml" in line and "config set home" in line
    assert not missing.exists()


def test_init_creates_the_named_home_and_then_writing_works(run: Run, typo: Path) -> None:
    assert run("init", "--yes").exit_code == 0

    result = run("write", "--text", "Now it is mine.")

    assert result.exit_code == 0, result.output
    assert len(entry_files(typo)) == 1
    assert result.stderr == ""


def test_config_shows_a_missing_home_so_it_can_be_fixed(run: Run, typo: Path) -> None:
    result = run("config")

    assert result.exit_code == 0, result.output
    assert str(typo) in result.stdout
    assert not typo.exists()


def test_an_existing_empty_folder_is_a_home(run: Run, home: Path) -> None:
    assert list(home.iterdir()) == []

    result = run("write", "--set", "mood=5", "--text", "First words.")

    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # nothing to say: the folder was chosen and is there
    assert len(entry_files(home)) == 1


def test_a_home_that_is_a_file_is_refused_without_touching_it(run: Run, home: Path) -> None:
    home.rmdir()
    home.write_text("notes\n")

    result = run("review")

    assert result.exit_code == 1
    assert "is a file, not a folder" in one_error_line(result)
    assert home.read_text() == "notes\n"


def test_the_default_home_is_created_on_the_first_write_saying_where(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KAPDIARY_HOME")
    default = tmp_path / "data" / "kapdiary"

    first = run("write", "--set", "mood=5", "--text", "First words.")
    second = run("write", "--set", "mood=6", "--text", "Second words.")

    assert first.exit_code == 0, first.output
    assert first.stderr == (
        f"kapdiary: started your diary in {default} (`kapdiary config` shows "
        "where everything lives).\n"
    )
    assert len(entry_files(default)) == 2
    assert second.stderr == ""


def test_reading_before_the_default_home_exists_creates_nothing(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KAPDIARY_HOME")
    default = tmp_path / "data" / "kapdiary"

    result = run("review")

    assert result.exit_code == 1
    assert "kapdiary init" in one_error_line(result) or "kapdiary write" in result.stderr
    assert not default.exists()


def test_a_home_removed_between_commands_is_not_silently_recreated(
    run: Run, home: Path, tmp_path: Path
) -> None:
    put(home, "2026-11-20")
    moved = tmp_path / "moved"
    home.rename(moved)  # a sync tool, or the user, moved the folder away

    result = run("write", "--text", "Words.")

    assert result.exit_code == 1
    assert str(home) in one_error_line(result)
    assert not home.exists()
    assert len(entry_files(moved)) == 1
