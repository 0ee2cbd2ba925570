"""Pictures for writing at the prompt: the week a template rereads first."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from kapdiary.use_cases.write import Reread


def reread(out: Console, shown: Reread) -> None:
    """The entries to look back on as a table that fits the screen, and the note under it."""
    from rich.text import Text

    from kapdiary.render import terminal

    for renderable in terminal.listing(shown.records, title=Text(shown.title, "bold")):
        out.print(renderable)
    if shown.note:
        out.print()
        out.print(Text(shown.note, "dim"))
