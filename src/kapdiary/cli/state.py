"""What every command needs: the resolved home, the config, the clock, the console.

``State`` and the output helpers live in ``kapdiary.commands.context`` (no Typer there, so
the quick start can use them); this module hands them to the Typer commands.
"""

from __future__ import annotations

import typer

from kapdiary.commands.context import State, console, print_json

__all__ = ["State", "console", "get", "print_json", "stop_if_interrupted"]


def get(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = State()
        ctx.find_root().obj = obj
    return obj


def stop_if_interrupted(exc: typer.Abort) -> None:
    """A question's Abort that came from Ctrl-C stops the command (exit 130, in app.py);
    one from the end of input lets the caller take it as "no"."""
    if isinstance(exc.__context__, KeyboardInterrupt):
        raise exc
