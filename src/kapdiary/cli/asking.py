"""The terminal side of the use cases: an ``Asker`` that says lines and asks questions."""

from __future__ import annotations

import sys

import typer

from kapdiary.cli import state


class TerminalAsker:
    """Standard output and input, as Typer reads and writes them."""

    def can_ask(self) -> bool:
        return sys.stdin.isatty()

    def say(self, line: str = "", *, err: bool = False) -> None:
        typer.echo(line, err=err)

    def confirm(self, question: str, *, default: bool = True) -> bool:
        return typer.confirm(question, default=default)

    def confirm_or_no(self, question: str, *, default: bool = True) -> bool:
        try:
            return typer.confirm(question, default=default)
        except typer.Abort as exc:  # end of input: the answer is no
            state.stop_if_interrupted(exc)
            typer.echo()
            return False
