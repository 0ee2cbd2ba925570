"""The words kapdiary says to people, in one place, so the tone stays calm and kind."""

from __future__ import annotations

from pathlib import Path


def saved(path: Path) -> str:
    return f"Saved {path}"


def closing() -> str:
    return "Thank you for taking these minutes for yourself."


def draft_kept(path: Path) -> str:
    return (
        f"Stopped. Everything you typed is kept in {path}. "
        "Run `kapdiary write --resume` to carry on."
    )


def nothing_changed() -> str:
    return "The template came back unchanged, so no entry was written."


def nothing_to_write() -> str:
    return (
        "nothing to write: give fields with --set KEY=VALUE and text with --text or on "
        "standard input, or run `kapdiary write` in a terminal"
    )


SECTION_HOW = (
    "Write as many lines as you like. End a section with two empty lines "
    "(or a line with just a dot). Press Enter on the first line to skip it. "
    "Ctrl-C stops and keeps everything as a draft."
)
NO_INTENTIONS = (
    "You have no intentions yet, so there is nothing to rate. "
    'Add one any time with `kapdiary intention add "..."`.'
)
EDITOR_GUIDANCE = "Guidance (not saved):"
UNEXPECTED = (
    "kapdiary hit an unexpected problem ({error}). Nothing you wrote is lost. "
    "Run the command again with --debug to see the details, and please report it."
)
INTERRUPTED = "Interrupted."
