"""Every bad input gets one line on stderr that names the problem and the fix, and the
exit code says what kind of problem it was: 2 bad usage, 1 failure, 130 interrupted."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import entry_files, kapdiary_command, one_error_line, subprocess_env
from kapdiary.errors import KapdiaryError

BAD_INPUT = [
    pytest.param(
        ("write", "nightly", "--text", "x"),
        ["'nightly'", "available:", "evening"],
        id="unknown template",
    ),
    pytest.param(
        ("write", "Bad Name", "--text", "x"),
        ["'Bad Name'", "lowercase"],
        id="template name that cannot be",
    ),
    pytest.param(
        ("write", "--set", "energy=5", "--text", "x"),
        ["'energy' is not a field", "mood", "intentions.be-present-with-my-kids", "areas.body"],
        id="unknown --set key",
    ),
    pytest.param(
        ("write", "--set", "mood", "--text", "x"),
        ["KEY=VALUE", "mood=6"],
        id="--set without a value",
    ),
    pytest.param(
        ("write", "--set", "mood=11", "--text", "x"),
        ["'11'", "mood", "whole number from 1 to 10"],
        id="--set value out of range",
    ),
    pytest.param(
        ("write", "--set", "mood=calm", "--text", "x"),
        ["'calm'", "whole number from 1 to 10"],
        id="--set value not a number",
    ),
    pytest.param(
        ("write", "--set", "intentions.be-present-with-my-kids=12", "--text", "x"),
        ["'12'", "0 to 10"],
        id="--set rating out of range",
    ),
    pytest.param(
        ("write", "--set", "areas.work=5", "--text", "x"),
        ["'work'", "life areas", "relationships"],
        id="--set unknown area",
    ),
    pytest.param(
        ("write", "--set", "intentions.kindness=5", "--text", "x"),
        ["'kindness'", "active ids: be-present-with-my-kids, self-compassion"],
        id="--set unknown intention id",
    ),
    pytest.param(
        ("write", "--set", "intention_notes.kindness=fine", "--text", "x"),
        ["'kindness'", "active ids:"],
        id="--set note for an unknown intention",
    ),
    pytest.param(
        ("write", "--set", "tags=not a tag!", "--text", "x"),
        ["tags", "commas"],
        id="--set bad tags",
    ),
    pytest.param(
        ("write", "--date", "2026-13-01", "--text", "x"),
        ["'2026-13-01' is not a date", "YYYY-MM-DD"],
        id="bad date",
    ),
    pytest.param(
        ("write", "--date", "someday", "--text", "x"),
        ["'someday'", "YYYY-MM-DD", "yesterday"],
        id="date in words",
    ),
    pytest.param(
        ("write", "--set", "mood=5", "--guided"),
        ["--set", "--guided"],
        id="--set with --guided",
    ),
    pytest.param(
        ("write", "--resume"),
        ["no unfinished draft", "kapdiary write"],
        id="nothing to resume",
    ),
    pytest.param(
        ("intention", "retire", "kindness"),
        ["'kindness'", "known ids: be-present-with-my-kids, self-compassion"],
        id="unknown intention id",
    ),
    pytest.param(
        ("intention", "retire", "self-compassion", "--on", "2026-02-30"),
        ["'2026-02-30' is not a date", "YYYY-MM-DD"],
        id="retire on a bad date",
    ),
    pytest.param(
        ("config", "set", "colour", "blue"),
        ["unknown setting 'colour'", "day_starts_at"],
        id="unknown setting",
    ),
    pytest.param(
        ("config", "set", "day_starts_at", "24:00"),
        ["day_starts_at", "like 04:00", "'24:00'"],
        id="bad day_starts_at",
    ),
    pytest.param(
        ("template", "show", "nightly"),
        ["'nightly'", "evening"],
        id="show an unknown template",
    ),
]


@pytest.mark.parametrize(("args", "words"), BAD_INPUT)
def test_bad_input_is_one_line_and_exit_code_2(
    run, initialised: Path, args: tuple[str, ...], words: list[str]
) -> None:
    before = {p: p.read_bytes() for p in initialised.rglob("*") if p.is_file()}

    result = run(*args, input="")

    assert result.exit_code == 2, result.output
    line = one_error_line(result)
    for word in words:
        assert word in line, (word, line)
    assert result.stdout == ""
    assert entry_files(initialised) == []
    assert {p: p.read_bytes() for p in initialised.rglob("*") if p.is_file()} == before


def test_a_bad_pinned_clock_is_a_usage_error(run, initialised: Path, monkeypatch) -> None:
    monkeypatch.setenv("KAPDIARY_NOW", "late")

    result = run("write", "--text", "x")

    assert result.exit_code == 2
    assert "KAPDIARY_NOW" in one_error_line(result)


def test_a_library_failure_exits_1_with_one_line(run, home: Path) -> None:
    home.rmdir()
    home.write_text("a file where the diary should be\n")

    result = run("write", "--text", "Words.")

    assert result.exit_code == 1
    assert "not a folder" in one_error_line(result)


def test_an_unexpected_error_is_one_line_asking_for_a_report(
    run, initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug never shows a traceback without --debug (no folder can cause one, so the
    library is made to fail here)."""
    import kapdiary.intentions

    def broken(path: Path) -> None:
        raise RuntimeError("something inside broke")

    monkeypatch.setattr(kapdiary.intentions, "load", broken)

    result = run("intention", "list")

    assert result.exit_code == 1
    line = one_error_line(result)
    assert "RuntimeError: something inside broke" in line
    assert "--debug" in line and "Nothing you wrote is lost" in line
    with pytest.raises(RuntimeError):
        run("--debug", "intention", "list")


def test_debug_lets_the_library_error_through(run, initialised: Path) -> None:
    with pytest.raises(KapdiaryError, match="no template named 'nightly'"):
        run("--debug", "write", "nightly", "--text", "x")


def test_debug_shows_a_traceback_in_a_real_process(initialised: Path) -> None:
    def kapdiary(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*kapdiary_command(), *args],
            capture_output=True,
            text=True,
            env=subprocess_env(),
            stdin=subprocess.DEVNULL,
            timeout=60,
        )

    quiet = kapdiary("write", "nightly", "--text", "x")
    loud = kapdiary("--debug", "write", "nightly", "--text", "x")

    assert quiet.returncode == 2
    assert quiet.stderr.count("\n") == 1 and "Traceback" not in quiet.stderr
    assert quiet.stderr.startswith("kapdiary: no template named 'nightly'")
    assert loud.returncode != 0
    assert "Traceback (most recent call last)" in loud.stderr
    assert "UsageError: no template named 'nightly'" in loud.stderr


def test_kapdiary_debug_in_the_environment_works_like_the_option(
    run, initialised: Path, monkeypatch
) -> None:
    monkeypatch.setenv("KAPDIARY_DEBUG", "1")

    with pytest.raises(KapdiaryError):
        run("write", "--date", "2026-13-01", "--text", "x")
