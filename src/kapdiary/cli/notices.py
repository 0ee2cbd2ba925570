"""Notices on stderr that do not stop a command: said once, in one calm line."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from kapdiary.index import Unusable


def notice(message: str) -> None:
    with contextlib.suppress(OSError):  # the terminal may be gone; the command goes on
        typer.echo(f"kapdiary: {message}", err=True)


def index_fallback() -> Callable[[Unusable], None]:
    """For ``on_fallback``: says once per command that the entry files are read directly
    because the index cannot be used (a command may open the index more than once)."""
    said = False

    def tell(found: Unusable) -> None:
        nonlocal said
        if not said:
            from kapdiary.messages import index_fallback as words

            said = True
            notice(words(found.path, found.reason))

    return tell
