"""The command line: thin commands over the library (see DESIGN §2)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kapdiary import __version__
from kapdiary.cli import state
from kapdiary.cli.app import app


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kapdiary {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home",
            help="The diary folder for this command (also KAPDIARY_HOME, or `home` in the config).",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback when something fails.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.obj = state.State(home_option=home, debug=debug)


# Registering the commands; each module keeps its imports light (the library is imported
# inside the commands) so that --help and --version stay fast.
from kapdiary.cli import intention, progress, read, setup, template, write  # noqa: E402, F401


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        # The reader went away (`kapdiary review | head`): stop quietly, as `cat` does.
        import os
        import sys

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(141)
