"""A closed terminal keeps the half-typed line, as Ctrl-C does (DESIGN §7), and Ctrl-C at
any question, yes/no questions included, stops with exit 130 and one calm line.

Real processes in real pseudo-terminals: closing the master side is what closing a terminal
window or killing a tmux session does. The kernel then hangs up the terminal: reads return
end-of-input at once, and SIGHUP goes only to the session leader (a shell, which may pass it
on later or never).
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import draft_files, entry_file, entry_files, kapdiary_command
from helpers import Terminal
from kapdiary.entry import parse

Run = Callable[..., Result]
# Guided answers for the initialised home: mood 6; kids 7 without a note; self-compassion
# skipped; the six areas skipped but body 3; tags. Then the first writing prompt.
FIELDS = ("6", "7", "", "", "", "3", "", "", "", "", "family")
HALF = "the words I was still typing when"


@pytest.fixture
def terminal() -> Iterator[Callable[[list[str]], Terminal]]:
    started: list[Terminal] = []

    def start(argv: list[str]) -> Terminal:
        started.append(Terminal(argv))
        return started[-1]

    yield start
    for each in started:
        each.stop()


def type_up_to_a_half_line(screen: Terminal) -> None:
    """Answer the fields, write a whole line, then type more without pressing Enter."""
    screen.wait_for("How is your mood this evening?")
    screen.type("".join(f"{answer}\n" for answer in FIELDS))
    screen.wait_for("What came up for me today?")
    mark = len(screen.screen)
    screen.type("A whole line first.\n")
    # The next prompt: readline has the terminal again, so keys reach it, not the kernel's
    # line buffer (which a hang-up empties; the words would never have reached kapdiary).
    screen.wait_for("A whole line first.\r\n  ", after=mark)
    mark = len(screen.screen)
    screen.type(HALF)
    screen.wait_for(HALF, after=mark)  # readline has it: it echoed every key
    # The copy is taken when readline next waits for a key, just after its echo: a person
    # never closes the window within that instant, but a test on a loaded machine could.
    time.sleep(0.3)
    screen.wait_until_reading()


def draft_text(home: Path) -> str:
    [draft] = draft_files(home)
    return parse(draft.read_text(encoding="utf-8")).sections()[0].text


def resumed_text(run: Run, home: Path) -> str:
    result = run("write", "--resume", "--guided", input="")
    assert result.exit_code == 0, result.output
    written = parse(entry_file(home, "2026-11-21-evening").read_text(encoding="utf-8"))
    assert written.meta["mood"] == 6 and written.meta["tags"] == ["family"]
    return written.sections()[0].text


def test_closing_the_terminal_keeps_the_half_typed_line(
    run: Run, initialised: Path, terminal: Callable[[list[str]], Terminal]
) -> None:
    screen = terminal([*kapdiary_command(), "write"])
    type_up_to_a_half_line(screen)

    screen.close()  # the kernel hangs up the terminal and sends SIGHUP to kapdiary

    assert screen.process.wait(timeout=30) == 130
    assert entry_files(initialised) == []
    assert draft_text(initialised) == f"A whole line first.\n{HALF}"
    assert resumed_text(run, initialised) == f"A whole line first.\n{HALF}"
    assert draft_files(initialised) == []


def test_a_hang_up_that_sends_no_signal_keeps_the_half_typed_line(
    run: Run, initialised: Path, tmp_path: Path, terminal: Callable[[list[str]], Terminal]
) -> None:
    """Under a shell that keeps SIGHUP to itself, kapdiary only sees the terminal go."""
    code = tmp_path / "exit-code"
    command = " ".join(f"'{part}'" for part in kapdiary_command())
    screen = terminal(["sh", "-c", f"trap '' HUP; {command} write; echo $? > '{code}'"])
    type_up_to_a_half_line(screen)

    screen.close()

    give_up = time.monotonic() + 30
    while not (code.exists() and code.read_text().strip()) and time.monotonic() < give_up:
        time.sleep(0.02)
    assert code.read_text().strip() == "130"
    assert entry_files(initialised) == []
    assert draft_text(initialised) == f"A whole line first.\n{HALF}"


@pytest.mark.parametrize("how", ["SIGHUP", "SIGTERM", "Ctrl-C"])
def test_a_signal_keeps_the_half_typed_line_too(
    run: Run, initialised: Path, terminal: Callable[[list[str]], Terminal], how: str
) -> None:
    screen = terminal([*kapdiary_command(), "write"])
    type_up_to_a_half_line(screen)

    if how == "Ctrl-C":
        screen.type("\x03")  # the terminal sends SIGINT to the foreground process
    else:
        screen.process.send_signal(getattr(signal, how))

    assert screen.process.wait(timeout=30) == 130
    screen.read()
    assert "Stopped. Everything you typed is kept in" in screen.screen.decode(errors="replace")
    assert draft_text(initialised) == f"A whole line first.\n{HALF}"


# --- Ctrl-C at a yes/no question -------------------------------------------------------------


def test_ctrl_c_at_the_export_question_stops_with_130_and_one_line(
    run: Run, initialised: Path, tmp_path: Path, terminal: Callable[[list[str]], Terminal]
) -> None:
    assert run("write", "--set", "mood=6", "--text", "For my coach.").exit_code == 0
    out = tmp_path / "for-my-coach.md"
    screen = terminal([*kapdiary_command(), "export", "-o", str(out)])
    screen.wait_for("Write this file?")
    screen.wait_until_reading()  # the question waits for the answer

    screen.type("\x03")

    assert screen.process.wait(timeout=30) == 130
    screen.read()
    shown = screen.screen.decode(errors="replace")
    assert "kapdiary: Stopped" in shown
    assert "Aborted" not in shown and "Traceback" not in shown
    assert not out.exists()


def test_ctrl_c_at_the_resume_question_keeps_the_draft(
    run: Run, initialised: Path, terminal: Callable[[list[str]], Terminal]
) -> None:
    first = terminal([*kapdiary_command(), "write"])
    type_up_to_a_half_line(first)
    first.type("\x03")
    assert first.process.wait(timeout=30) == 130
    [draft] = draft_files(initialised)
    before = draft.read_bytes()

    second = terminal([*kapdiary_command(), "write"])
    second.wait_for("Resume it?")
    second.wait_until_reading()
    second.type("\x03")

    assert second.process.wait(timeout=30) == 130
    second.read()
    shown = second.screen.decode(errors="replace")
    assert "kapdiary: Stopped" in shown and "Aborted" not in shown
    assert draft_files(initialised) == [draft]
    assert draft.read_bytes() == before


# --- half-typed words at the questions before the writing prompts ------------------------------


def _stop(screen: Terminal, how: str) -> None:
    time.sleep(0.3)  # the copy is taken when readline next waits for a key (see above)
    screen.wait_until_reading()
    if how == "Ctrl-C":
        screen.type("\x03")
    else:
        screen.close()
    assert screen.process.wait(timeout=30) == 130


def draft_meta(home: Path) -> dict:  # type: ignore[type-arg]
    [draft] = draft_files(home)
    return parse(draft.read_text(encoding="utf-8")).meta


@pytest.mark.parametrize("how", ["Ctrl-C", "closed window"])
def test_a_half_typed_note_about_a_rating_is_kept(
    initialised: Path, terminal: Callable[[list[str]], Terminal], how: str
) -> None:
    screen = terminal([*kapdiary_command(), "write"])
    screen.wait_for("How is your mood this evening?")
    screen.type("6\n7\n")
    screen.wait_for("A note about it?")
    mark = len(screen.screen)
    screen.type(HALF)
    screen.wait_for(HALF, after=mark)

    _stop(screen, how)

    meta = draft_meta(initialised)
    assert list(meta["intention_notes"].values()) == [HALF]
    assert list(meta["intentions"].values()) == [7]


@pytest.mark.parametrize("how", ["Ctrl-C", "closed window"])
def test_half_typed_tags_are_kept(
    initialised: Path, terminal: Callable[[list[str]], Terminal], how: str
) -> None:
    screen = terminal([*kapdiary_command(), "write"])
    screen.wait_for("How is your mood this evening?")
    screen.type("".join(f"{answer}\n" for answer in FIELDS[:-1]))
    screen.wait_for("Any words to find this day by later?")
    mark = len(screen.screen)
    screen.type("family, garden")
    screen.wait_for("garden", after=mark)

    _stop(screen, how)

    assert draft_meta(initialised)["tags"] == ["family", "garden"]


def test_a_half_typed_rating_is_not_taken_for_an_answer(
    initialised: Path, terminal: Callable[[list[str]], Terminal]
) -> None:
    screen = terminal([*kapdiary_command(), "write"])
    screen.wait_for("How is your mood this evening?")
    mark = len(screen.screen)
    screen.type("1")  # on the way to 10
    screen.wait_for("1", after=mark)

    _stop(screen, "Ctrl-C")

    assert "mood" not in (draft_meta(initialised) if draft_files(initialised) else {})
