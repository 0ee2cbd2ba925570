"""The indexing progress bar, drawn without Rich: the same line Rich's bar draws (colours,
widths, NO_COLOR), and in a real terminal (a pseudo-terminal, the real CLI in its own
process) the same frames, a notice written above it, nothing left of it at the end, and
Rich never imported for it."""

from __future__ import annotations

import json
import os
import pty
import random
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import put
from kapdiary.render.console import _BAR_COLOURS, bar_colours, bar_line

LABELS = ("Indexing your diary", "Encrypting your diary", "x", "Décrypter — ça")

# Rich's own drawing of the bar, in a process of its own for each colour system (Rich
# caches styles by colour system within a process).
_RICH = """
import io, json, sys
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
system = sys.argv[1]
lines = []
for label, done, total, width in json.load(sys.stdin):
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=width,
                      color_system=None if system == "none" else system)
    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), console=console,
                   auto_refresh=False)
    bar.add_task("index", total=total, completed=done)
    console.print(bar.make_tasks_table(bar.tasks))
    lines.append(out.getvalue().rstrip("\\n"))
json.dump(lines, sys.stdout)
"""


def _cases() -> list[tuple[str, int, int, int]]:
    pick = random.Random(19)
    cases = []
    for total in (500, 501, 999, 1000, 2000, 10_000, 50_000, 123_457):
        for done in {0, 1, total // 80, total // 2, total - 1, total, pick.randrange(total)}:
            for label in LABELS:
                natural = len(label) + 1 + 40 + 1 + 2 * len(str(total)) + 1
                width = pick.choice((natural, natural + 1, 80, 100, 200, natural - 7, 50))
                cases.append((label, done, total, width))
    return cases


@pytest.mark.parametrize("system", ["standard", "256", "truecolor", "none"])
def test_the_bar_is_the_line_richs_bar_draws(system: str) -> None:
    cases = _cases()
    drawn = subprocess.run(
        [sys.executable, "-c", _RICH, system],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        env={name: value for name, value in os.environ.items() if name != "NO_COLOR"},
    )
    colours = None if system == "none" else _BAR_COLOURS[system]
    for case, rich in zip(cases, json.loads(drawn.stdout), strict=True):
        label, done, total, width = case
        line = bar_line(label, done, total, width, colours, False)
        if width >= len(label) + 2 * len(str(total)) + 43:
            assert line == rich, case
        else:  # narrower than the whole bar: Rich lays out its columns again, this one shrinks
            shown = re.sub(r"\x1b\[[0-9;]*m", "", line)
            assert len(shown) <= width and shown.endswith(f"{done}/{total}"), case
            assert shown.startswith(label) or len(shown) == width - 1, case


@pytest.mark.parametrize(
    ("env", "system"),
    [
        ({"TERM": "xterm-256color"}, "256"),
        ({"TERM": "xterm-kitty"}, "256"),
        ({"TERM": "xterm"}, "standard"),
        ({"TERM": "screen-16color"}, "standard"),
        ({}, "standard"),
        ({"TERM": "xterm", "COLORTERM": "truecolor"}, "truecolor"),
        ({"TERM": "xterm", "COLORTERM": " 24BIT "}, "truecolor"),
        ({"TERM": "xterm-256color", "NO_COLOR": "1"}, None),
        ({"TERM": "xterm-256color", "NO_COLOR": ""}, "256"),  # empty: as if unset (Rich)
    ],
)
def test_the_colours_are_picked_as_rich_picks_them(env: dict[str, str], system: str | None) -> None:
    assert bar_colours(env) == (None if system is None else _BAR_COLOURS[system])


def test_a_very_narrow_terminal_gets_the_words_and_the_count() -> None:
    assert bar_line("Indexing your diary", 5, 600, 30, None, False) == "Indexing your diary   5/600"
    assert bar_line("Indexing your diary", 5, 600, 12, None, False) == "Indexing yo"
    assert bar_line("Indexing your diary", 5, 600, 0, None, False) == ""


def test_a_terminal_that_cannot_show_the_bar_characters_gets_ascii_ones() -> None:
    line = bar_line("x", 300, 600, 80, None, True)
    assert line == "x " + "-" * 20 + " " * 20 + " 300/600"


# --- in a real terminal -----------------------------------------------------------------

# Runs the CLI as `kapdiary` does, with the bar shown from 5 files, and tells afterwards
# whether Rich was imported.
_CLI = """
import os, sys
import kapdiary.render.console as screen
screen.PROGRESS_FROM = 5
sys.argv = ["kapdiary", *sys.argv[2:]]
try:
    from kapdiary.launch import main
    main()
finally:
    with open(os.environ["RICH_SEEN"], "w") as seen:
        seen.write(str("rich" in sys.modules))
"""


def _in_a_terminal(args: list[str], env: dict[str, str], tmp: Path) -> tuple[bytes, str, bool]:
    """The bytes the command wrote to its terminal (stderr), its stdout, and whether it
    imported Rich."""
    master, terminal = pty.openpty()
    seen: list[bytes] = []

    def drain() -> None:
        try:
            while chunk := os.read(master, 65536):
                seen.append(chunk)
        except OSError:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    flag = tmp / "rich-seen"
    done = subprocess.run(
        [sys.executable, "-c", _CLI, "-", *args],
        stdout=subprocess.PIPE,
        stderr=terminal,
        env={**os.environ, **env, "RICH_SEEN": str(flag)},
        timeout=120,
    )
    os.close(terminal)
    reader.join(10)
    os.close(master)
    assert done.returncode == 0
    return b"".join(seen), done.stdout.decode(), flag.read_text() == "True"


def _screen(data: str) -> list[str]:
    """What a terminal shows after ``data``: lines, with \\r, erase-line and the cursor's
    moves as a terminal does them (colours dropped)."""
    lines, row, col = [""], 0, 0
    for token in re.findall(r"\x1b\[[0-9;?]*[A-Za-z]|\r|\n|[^\x1b\r\n]+", data):
        if token == "\r":
            col = 0
        elif token == "\n":
            row += 1
            col = 0
            if row == len(lines):
                lines.append("")
        elif token == "\x1b[2K":
            lines[row] = ""
        elif token.startswith("\x1b[") and token.endswith("A"):
            row = max(0, row - int(token[2:-1] or 1))
        elif not token.startswith("\x1b"):
            line = lines[row].ljust(col)
            lines[row] = line[:col] + token + line[col + len(token) :]
            col += len(token)
    return lines


@pytest.fixture
def twelve(home: Path) -> Path:
    for day in range(1, 13):
        put(home, f"2026-11-{day:02d}", f"Day number {day}.")
    return home


@pytest.mark.parametrize("colour", [True, False])
def test_in_a_terminal_the_bar_is_drawn_then_taken_away_leaving_the_notice(
    twelve: Path, tmp_path: Path, colour: bool
) -> None:
    env = {"TERM": "xterm-256color", "NO_COLOR": "" if colour else "1", "COLUMNS": "100"}
    raw, out, rich = _in_a_terminal(["review", "--all", "--list"], env, tmp_path)
    text = raw.decode()
    assert not rich  # the bar drew without Rich (stdout is a pipe: nothing else needs it)
    assert text.startswith("\x1b[?25l\r\x1b[2KIndexing your diary ")  # the cursor hidden
    assert text.endswith("\x1b[?25h")  # and shown again
    frames = re.findall(r"\r\x1b\[2K(Indexing your diary [^\r\n]*)", text)
    assert frames[0] == bar_line(
        "Indexing your diary", 0, 12, 100, _BAR_COLOURS["256"] if colour else None, False
    )
    assert ("\x1b[" in frames[0]) is colour
    assert re.sub(r"\x1b\[[0-9;]*m", "", frames[-1]).endswith(" 12/12")
    notice = "kapdiary: indexed your 12 entries for fast reading"
    shown = _screen(text)
    assert [line for line in shown if line.strip()] == [shown[0]]  # one line left: the notice
    assert shown[0].startswith(notice) and "Indexing" not in "".join(shown)
    assert "Day number 12." in out


def test_a_dumb_terminal_gets_no_bar_and_the_notice_alone(twelve: Path, tmp_path: Path) -> None:
    raw, _, _ = _in_a_terminal(["review", "--all", "--list"], {"TERM": "dumb"}, tmp_path)
    assert raw.decode().replace("\r\n", "\n").startswith("kapdiary: indexed your 12 entries")
    assert "\x1b" not in raw.decode()


def test_a_notice_written_while_the_bar_is_drawn_goes_above_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kapdiary.render import console as screen

    monkeypatch.setattr(screen, "stderr_is_terminal", lambda: True)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("NO_COLOR", "1")
    with screen.index_bar() as progress:
        progress(0, 600)
        sys.stderr.write("kapdiary: a first ")
        sys.stderr.write("line\nand a half")  # a line and a half: the half waits
        progress(600, 600)
    err = capsys.readouterr().err
    assert sys.stderr is not None and not isinstance(sys.stderr, screen._Above)
    assert _screen(err) == ["kapdiary: a first line", "and a half", ""]
    assert err.count("\x1b[?25l") == err.count("\x1b[?25h") == 1


class _HungUp:
    """A terminal after a hang-up: every write fails."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(5, "Input/output error")

    def flush(self) -> None:
        raise OSError(5, "Input/output error")


def test_a_terminal_gone_during_the_build_does_not_stop_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from kapdiary.render import console as screen

    monkeypatch.setattr(screen, "stderr_is_terminal", lambda: True)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(sys, "stderr", _HungUp())
    with screen.index_bar() as progress:
        for done in range(0, 601, 100):
            progress(done, 600)  # no error: the bar is simply not seen
    assert isinstance(sys.stderr, _HungUp)
