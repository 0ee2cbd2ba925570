"""Every command documents itself with an example, as sqlite-utils' test_docs does."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import typer.main

from conftest import kapdiary_command, subprocess_env
from kapdiary.cli import app


def command_paths() -> list[tuple[str, ...]]:
    """Every command and group, walked from the root: ("write",), ("config", "set"), ..."""
    paths: list[tuple[str, ...]] = []

    # Typer vendors click, so groups are told apart by their `commands`, not by a class.
    def walk(command: Any, path: tuple[str, ...]) -> None:
        paths.append(path)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return paths


def test_the_command_tree_holds_every_issue_2_command() -> None:
    paths = set(command_paths())
    for expected in [
        (),
        ("init",),
        ("write",),
        ("config",),
        ("config", "set"),
        ("config", "get"),
        ("intention",),
        ("intention", "add"),
        ("intention", "list"),
        ("intention", "edit"),
        ("intention", "retire"),
        ("template",),
        ("template", "list"),
        ("template", "show"),
    ]:
        assert expected in paths, expected


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "kapdiary")
def test_commands_have_help_with_an_example(run, path: tuple[str, ...]) -> None:
    command: Any = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    assert command.help and "Example" in command.help, f"`kapdiary {' '.join(path)}`"

    result = run(*path, "--help")

    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout
    assert "Usage:" in result.stdout


def test_python_m_kapdiary_help_works_in_a_real_process() -> None:
    result = subprocess.run(
        [*kapdiary_command(), "--help"],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout
    for command in ("init", "write", "config", "intention", "template"):
        assert command in result.stdout
    assert result.stderr == ""


def test_version_in_a_real_process() -> None:
    from kapdiary import __version__

    result = subprocess.run(
        [*kapdiary_command(), "--version"],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=60,
    )

    assert result.returncode == 0
    assert result.stdout == f"kapdiary {__version__}\n"


def test_each_command_runs_as_a_real_process_when_only_it_is_built(tmp_path: Path) -> None:
    """`kapdiary NAME` builds only NAME's parameters; help, groups and typos still work."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "KAPDIARY_HOME": str(tmp_path / "home")}

    def kap(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kapdiary", *args], capture_output=True, text=True, env=env
        )

    assert kap("--version").stdout.startswith("kapdiary ")
    assert "review" in kap("--help").stdout and "write" in kap("--help").stdout
    assert "--since" in kap("review", "--help").stdout
    assert "retire" in kap("intention", "--help").stdout
    assert "retire" in kap("--home", str(tmp_path / "other"), "intention", "--help").stdout
    typo = kap("reviw")
    assert typo.returncode == 2 and "review" in typo.stderr
    written = kap("write", "--set", "mood=6", "--text", "A real process.")
    assert written.returncode == 0, written.stderr
