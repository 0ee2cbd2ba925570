"""Use cases: what one command does, in order, as library functions.

Each takes one request object and returns a result. The parts that need a person (a
question, a line said, an editor) come in as an ``Asker``/``Editor`` the command line
implements, so the use case owns the order of the steps and the CLI owns the terminal.
"""

from __future__ import annotations

from typing import Protocol


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
