"""The command line: thin commands over the library (see docs/design.md §2)."""

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
    from kapdiary import keys, vault

    keys.start(crypto.ask_passphrase)  # an encrypted diary's key may need its passphrase
    vault.forget()  # each command learns afresh which diary is encrypted (tests run many)


# Registering the commands; each module keeps its imports light (the library is imported
# inside the commands) so that --help and --version stay fast.
# The order here is the order in `kapdiary --help`: the evening loop first.
from kapdiary.cli import setup, write, read, progress, export, sessions, intention, template  # noqa: E402, F401, I001
from kapdiary.cli import doctor  # noqa: E402, F401
from kapdiary.cli import safety  # noqa: E402, F401
from kapdiary.cli import drafts  # noqa: E402, F401
from kapdiary.cli import importing  # noqa: E402, F401
from kapdiary.cli import tags  # noqa: E402, F401
from kapdiary.cli import delete  # noqa: E402, F401
from kapdiary.cli import remind  # noqa: E402, F401
from kapdiary.cli import crypto  # noqa: E402

ROOT_OPTIONS_WITH_VALUE = {"--home"}


def _only_the_command_asked_for(args: list[str]) -> None:
    """Register just the command being run before Typer builds the command tree.

    Typer inspects every command's parameters on each run (about half of start-up with
    twenty-odd commands); a diary command should cost only its own. `kapdiary --help`,
    shell completion and an unknown name still see every command.
    """
    import os

    if any(key.startswith("_KAPDIARY_COMPLETE") for key in os.environ):
        return
    name: str | None = None
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in ROOT_OPTIONS_WITH_VALUE:
            skip = True
        elif not arg.startswith("-"):
            name = arg
            break
    if name is None:
        if "--version" in args:  # answered before any command is needed
            app.registered_commands, app.registered_groups = [], []
        return
    from typer.main import get_command_name

    commands = [
        c
        for c in app.registered_commands
        if (c.name or get_command_name(c.callback.__name__ if c.callback else "")) == name
    ]
    groups = [g for g in app.registered_groups if g.name == name]
    if commands or groups:
        app.registered_commands = commands
        app.registered_groups = groups


def _root_help_asked_for(args: list[str]) -> bool:
    """`kapdiary --help` or `-h` (after root options): the root's help, which
    ``_root_help`` draws without building every command (Typer would build them all)."""
    import os

    if any(key.startswith("_KAPDIARY_COMPLETE") for key in os.environ):
        return False
    rest = list(args)
    if rest[:1] == ["--home"] and len(rest) > 1:
        rest = rest[2:]
    rest = [a for a in rest if a != "--debug"]
    return rest in (["--help"], ["-h"])


def _root_help() -> str:
    import typing

    from typer.main import get_command_name
    from typer.models import OptionInfo
    from typer.utils import get_params_from_function

    from kapdiary.messages import help as words
    from kapdiary.render.help import Item, first_paragraph, root_help

    options = []
    for param in get_params_from_function(_root).values():
        found = [param.default, *typing.get_args(param.annotation)[1:]]
        info = next((m for m in found if isinstance(m, OptionInfo)), None)
        if info is not None and info.param_decls:
            options.append(Item(", ".join(info.param_decls), info.help or ""))
    options += [
        Item("--install-completion", words.INSTALL_COMPLETION),
        Item("--show-completion", words.SHOW_COMPLETION),
        Item("-h, --help", words.HELP_OPTION),
    ]
    commands = [
        Item(
            c.name or get_command_name(c.callback.__name__ if c.callback else ""),
            first_paragraph(c.help or (c.callback.__doc__ if c.callback else "")),
        )
        for c in app.registered_commands
        if not c.hidden
    ]
    commands += [
        Item(
            g.name or "",
            first_paragraph(g.help or (g.typer_instance.info.help if g.typer_instance else "")),
        )
        for g in app.registered_groups
        if g.name and not g.hidden
    ]
    text = app.info.help if isinstance(app.info.help, str) else ""
    return root_help(words.USAGE, text, options, commands)


def main() -> None:
    import sys

    if _root_help_asked_for(sys.argv[1:]):
        sys.stdout.write(_root_help())
        sys.stdout.flush()
        return
    _only_the_command_asked_for(sys.argv[1:])
    try:
        app(prog_name="kapdiary")  # also as `python -m kapdiary`: messages name the command
    except BrokenPipeError:
        # The reader went away (`kapdiary review | head`): stop quietly, as `cat` does.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(141)
