"""The terminal side of the use cases: an ``Asker`` that says lines and asks questions,
and the editor and the guided prompt (``TerminalEditor``, ``TerminalComposer``)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from kapdiary.cli import state

if TYPE_CHECKING:
    from contextlib import AbstractContextManager
    from pathlib import Path

    from kapdiary.locations import Home
    from kapdiary.use_cases.write import Page


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

    def confirm_or_none(self, question: str, *, default: bool = True) -> bool | None:
        try:
            return typer.confirm(question, default=default)
        except typer.Abort as exc:  # end of input: no answer
            state.stop_if_interrupted(exc)
            return None

    def say_page(self, text: str, *, err: bool = False) -> None:
        state.console(stderr=err).print(text, markup=False, highlight=False)


class TerminalEditor:
    """The editor for the use cases (kapdiary.use_cases.Editor): run on a private file,
    with the signals that stop writing turned into KeyboardInterrupt meanwhile."""

    def session(self) -> AbstractContextManager[object]:
        from kapdiary.cli.guided import interruptible

        return interruptible()

    def edit(self, command: list[str], text: str, name: str) -> tuple[str, int]:
        from kapdiary.cli.editor import run_editor

        return run_editor(command, text, name)

    def say(self, line: str = "") -> None:
        from kapdiary.cli.guided import say

        say(line)


class TerminalComposer(TerminalEditor):
    """The guided prompt and the editor, for the `write` use case."""

    def guided(self, home: Home, page: Page) -> Path | None:
        from kapdiary.cli.guided import write_guided

        return write_guided(home, page)
