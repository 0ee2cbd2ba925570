"""`kapdiary init`, `kapdiary config`, `config set` and `config get`."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest

from conftest import one_error_line


def snapshot(*roots: Path) -> dict[Path, tuple[bytes | None, int]]:
    """Every file and folder under ``roots``: its bytes (None for folders) and mtime."""
    found: dict[Path, tuple[bytes | None, int]] = {}
    for root in roots:
        for path in [root, *root.rglob("*")]:
            data = None if path.is_dir() else path.read_bytes()
            found[path] = (data, path.stat().st_mtime_ns)
    return found


def config_file() -> Path:
    return Path(os.environ["KAPDIARY_CONFIG"])


def test_init_creates_the_home_config_and_intentions(run, home: Path) -> None:
    result = run("init", "--intention", "Be present with my kids", "--yes")

    assert result.exit_code == 0, result.output
    for folder in ("entries", "templates", "drafts"):
        assert (home / folder).is_dir()
    assert str(home) in result.stdout
    assert str(config_file()) in result.stdout
    config = tomllib.loads(config_file().read_text(encoding="utf-8"))
    assert config == {
        "day_starts_at": "04:00",
        "default_template": "evening",
        "areas": ["mind", "body", "spirit", "relationships", "lifestyle", "nature"],
    }
    intentions = tomllib.loads((home / "intentions.toml").read_text(encoding="utf-8"))
    assert intentions == {
        "intentions": [
            {
                "id": "be-present-with-my-kids",
                "text": "Be present with my kids",
                "set_on": __import__("datetime").date(2026, 11, 21),
            }
        ]
    }


def test_init_with_own_areas(run, home: Path) -> None:
    result = run("init", "--areas", "Mind, Body, Work life", "--yes")

    assert result.exit_code == 0, result.output
    config = tomllib.loads(config_file().read_text(encoding="utf-8"))
    assert config["areas"] == ["mind", "body", "work-life"]


def test_init_refuses_more_than_three_intentions(run, home: Path) -> None:
    result = run("init", *[arg for n in range(4) for arg in ("-i", f"Intention {n}")])

    assert result.exit_code == 2
    assert "intention add" in one_error_line(result)
    assert not (home / "intentions.toml").exists()


def test_init_run_twice_changes_nothing_that_exists(run, initialised: Path) -> None:
    assert run("config", "set", "name", "Sam").exit_code == 0
    assert run("write", "--text", "A first entry.").exit_code == 0
    before = snapshot(initialised, config_file().parent)

    result = run("init", "--intention", "Something new", "--areas", "one,two", "--yes")

    assert result.exit_code == 0, result.output
    assert snapshot(initialised, config_file().parent) == before
    assert "kept as they are" in result.stdout


def test_init_with_the_global_home_option_records_the_home(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "synced" / "diary"

    result = run("--home", str(chosen), "init", "--yes")

    assert result.exit_code == 0, result.output
    assert (chosen / "entries").is_dir()
    assert tomllib.loads(config_file().read_text(encoding="utf-8"))["home"] == str(chosen)

    # Without --home and without KAPDIARY_HOME, the config's home is the diary.
    monkeypatch.delenv("KAPDIARY_HOME")
    assert run("config", "get", "home").stdout == f"{chosen}\n"
    written = run("write", "--text", "Written in the synced diary.")
    assert written.exit_code == 0, written.output
    assert (chosen / "entries" / "2026" / "11" / "2026-11-21-evening.md").exists()
    shown = json.loads(run("config", "--json").stdout)
    assert shown["paths"]["home"] == str(chosen)
    assert shown["paths"]["home_source"] == "config"


def test_the_home_option_wins_over_the_environment(run, home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()

    result = run("--home", str(other), "write", "--text", "Elsewhere.")

    assert result.exit_code == 0, result.output
    assert (other / "entries" / "2026" / "11" / "2026-11-21-evening.md").exists()
    assert list(home.iterdir()) == []


def test_config_shows_where_everything_lives(run, initialised: Path) -> None:
    result = run("config")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert str(initialised) in out and "from KAPDIARY_HOME" in out
    assert str(config_file()) in out
    lines = {line.split("  ", 1)[0]: line for line in out.splitlines()}
    for label, path in [
        ("Entries", initialised / "entries"),
        ("Intentions", initialised / "intentions.toml"),
        ("Your templates", initialised / "templates"),
        ("Drafts", initialised / "drafts"),
    ]:
        # Piped output gives whole paths, never cut short with "…".
        assert lines[label].split()[-1] == str(path), lines[label]
    assert "day_starts_at" in out and "04:00" in out


def test_config_json_lists_paths_and_settings(run, home: Path, tmp_path: Path) -> None:
    home.rmdir()  # config shows a named home even when it is missing: it is where to fix it

    result = run("config", "--json")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["paths"]["home"] == str(home)
    assert data["paths"]["home_source"] == "KAPDIARY_HOME"
    assert data["paths"]["config"] == str(config_file())
    assert data["paths"]["config_exists"] is False
    assert data["paths"]["index"].startswith(str(tmp_path / "cache"))
    assert data["settings"]["day_starts_at"] == "04:00"
    assert data["settings"]["areas"][0] == "mind"
    assert not home.exists()  # looking never creates anything


def test_config_set_and_get(run, initialised: Path) -> None:
    result = run("config", "set", "day_starts_at", "5:30")

    assert result.exit_code == 0, result.output
    assert "day_starts_at = 05:30" in result.stdout
    assert run("config", "get", "day_starts_at").stdout == "05:30\n"
    config = tomllib.loads(config_file().read_text(encoding="utf-8"))
    assert config["day_starts_at"] == "05:30"
    assert config["default_template"] == "evening"  # the rest is kept

    assert run("config", "set", "areas", "Mind, body,work").exit_code == 0
    assert run("config", "get", "areas").stdout == "mind,body,work\n"

    assert run("config", "set", "name", "Sam").exit_code == 0
    assert run("config", "get", "name").stdout == "Sam\n"
    assert run("config", "set", "name", "").exit_code == 0  # an empty value resets it
    assert "name" not in tomllib.loads(config_file().read_text(encoding="utf-8"))
    assert run("config", "get", "name").stdout == "\n"


def test_config_set_default_template_is_used_by_write(run, initialised: Path) -> None:
    (initialised / "templates" / "morning.md").write_text("## How did I sleep?\n")
    assert run("config", "set", "default_template", "morning").exit_code == 0

    result = run("write", "--text", "Deeply.")

    assert result.exit_code == 0, result.output
    assert (initialised / "entries" / "2026" / "11" / "2026-11-21-morning.md").exists()


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("day_starts_at", "25:00", "04:00"),
        ("day_starts_at", "morning", "04:00"),
        ("areas", ",", "mind,body"),
        ("default_template", "My Template", "lowercase"),
        ("colour", "blue", "day_starts_at"),
    ],
)
def test_config_set_refuses_a_bad_key_or_value(
    run, initialised: Path, key: str, value: str, words: str
) -> None:
    before = config_file().read_bytes()

    result = run("config", "set", key, value)

    assert result.exit_code == 2
    assert words in one_error_line(result)
    assert config_file().read_bytes() == before


def test_config_get_an_unknown_setting_lists_the_settings(run, home: Path) -> None:
    result = run("config", "get", "colour")

    assert result.exit_code == 2
    line = one_error_line(result)
    assert "'colour'" in line and "day_starts_at" in line


def test_a_broken_config_is_named_with_the_fix(run, home: Path) -> None:
    config_file().parent.mkdir(parents=True)
    config_file().write_text("day_starts_at = \n")

    result = run("write", "--text", "Words.")

    assert result.exit_code == 1
    line = one_error_line(result)
    assert str(config_file()) in line and "TOML" in line
