"""Use cases: what one command does, in order, as library functions.

Each takes one request object and returns a result. The parts that need a person (a
question, a line said, an editor) come in as an ``Asker``/``Editor`` the command line
implements, so the use case owns the order of the steps and the CLI owns the terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from contextlib import AbstractContextManager


class Asker(Protocol):
    """The person at the terminal, as a use case may address them."""

    def can_ask(self) -> bool:
        """Whether there is a terminal to ask in."""
        ...

    def say(self, line: str = "", *, err: bool = False) -> None:
        """One line for the person (``err``: on standard error)."""
        ...

    def confirm(self, question: str, *, default: bool = True) -> bool:
        """A yes/no question; the end of input stops the command."""
        ...

    def confirm_or_no(self, question: str, *, default: bool = True) -> bool:
        """A yes/no question where the end of input means no."""
        ...

    def confirm_or_none(self, question: str, *, default: bool = True) -> bool | None:
        """A yes/no question; None when the input ended (the caller stops asking)."""
        ...

    def say_page(self, text: str, *, err: bool = False) -> None:
        """Paragraphs for the person, wrapped to the terminal (the help-now words)."""
        ...


class Editor(Protocol):
    """The editor, as a use case runs it (`write --editor`, `edit`)."""

    def session(self) -> AbstractContextManager[object]:
        """While the person writes: signals that stop writing become KeyboardInterrupt."""
        ...

    def edit(self, command: list[str], text: str, name: str) -> tuple[str, int]:
        """``text`` edited, and the editor's exit status; EditorInterrupted if stopped."""
        ...

    def say(self, line: str = "") -> None:
        """A line for the person, even while the terminal is going away."""
        ...


class Stopped(Exception):
    """Writing was stopped (Ctrl-C, SIGHUP, SIGTERM); the words are kept, if any. The
    message, when there is one, is for standard error: the command ends with exit 130."""
