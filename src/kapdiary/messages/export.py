"""What kapdiary says about export."""

from __future__ import annotations


def nothing_written() -> str:
    return "Nothing was written."


def confirm_needs_terminal() -> str:
    return (
        "export asks before writing, and there is no terminal to ask in; add --yes to write "
        "the file as previewed"
    )


def write_this_file() -> str:
    return "Write this file?"
