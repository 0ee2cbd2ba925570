"""`kapdiary --help` drawn without Rich and without building every command: the usage,
the app's help, the options and one line per command, in plain text (bold headings on a
terminal that wants colour). A command's own help (`kapdiary review --help`) is Typer's.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    """An option or a command: its names and its first paragraph of help."""

    names: str
    help: str


def root_help(usage: str, text: str, options: Sequence[Item], commands: Sequence[Item]) -> str:
    from kapdiary.messages import help as words

    width = max(40, min(_width(), 100))
    bold = _colour()
    out = [f"{_heading(words.USAGE_HEADING, bold)} {usage}", ""]
    for paragraph in _paragraphs(text):
        if paragraph.startswith("    "):  # an example, as written
            out += [f"  {line.strip()}" for line in paragraph.splitlines()]
        else:
            out += textwrap.wrap(_unmarked(paragraph), width - 1)
        out.append("")
    for title, items in ((words.OPTIONS_HEADING, options), (words.COMMANDS_HEADING, commands)):
        out.append(_heading(title, bold))
        column = max(len(i.names) for i in items) + 2
        for item in items:
            lines = textwrap.wrap(_unmarked(item.help), max(20, width - column - 3)) or [""]
            out.append(f"  {item.names:<{column}}{lines[0]}".rstrip())
            out += [f"  {'':<{column}}{line}" for line in lines[1:]]
        out.append("")
    return "\n".join(out)


def first_paragraph(text: str | None) -> str:
    parts = _paragraphs(text or "")
    return " ".join(parts[0].split()) if parts else ""


def _paragraphs(text: str) -> list[str]:
    return [p.strip("\n") for p in text.split("\n\n") if p.strip()]


def _unmarked(text: str) -> str:
    """Markdown's code spans as plain words (the help is written in Markdown)."""
    return " ".join(text.replace("`", "").split())


def _heading(text: str, bold: bool) -> str:
    return f"\x1b[1m{text}\x1b[0m" if bold else text


def _width() -> int:
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def _colour() -> bool:
    from kapdiary.render.console import terminal

    return terminal() and not os.environ.get("NO_COLOR")
