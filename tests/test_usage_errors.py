"""Click's own usage errors (a typo in an option, a missing argument) are our one line with
the fix and exit 2, never a box: the same as every other error kapdiary reports."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import pytest
from typer.testing import Result

from conftest import kapdiary_command, one_error_line, subprocess_env

Run = Callable[..., Result]

CASES = [
    (("review", "--sinse", "3d"), "no such option: --sinse", "kapdiary review --help"),
    (("nosuch",), "no such command 'nosuch'", "kapdiary --help"),
    (("show",), "missing argument 'DATE|PATH'", "kapdiary show --help"),
    (("review", "--last", "abc"), "'abc' is not a valid int", "kapdiary review --help"),
    (("write", "--set"), "option '--set' requires an argument", "kapdiary --help"),
]


@pytest.mark.parametrize(("args", "words", "fix"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_a_usage_error_is_one_line_with_the_fix(
    run: Run, home: object, args: tuple[str, ...], words: str, fix: str
) -> None:
    result = run(*args)

    assert result.exit_code == 2
    line = one_error_line(result)
    assert words in line and line.endswith(f"; see `{fix}`")
    assert "╭" not in result.output and "Usage:" not in result.output


def test_a_real_process_says_the_same_one_line() -> None:
    done = subprocess.run(
        [*kapdiary_command(), "review", "--sinse", "3d"],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=60,
    )

    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "kapdiary: no such option: --sinse (Possible options: --json, --list, --since); "
        "see `kapdiary review --help`"
    ]
    assert done.stdout == ""


def test_a_group_without_its_command_shows_its_help_and_exits_2(run: Run) -> None:
    result = run("template")

    assert result.exit_code == 2
    assert "check" in result.output and "list" in result.output
