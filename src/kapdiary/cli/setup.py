"""`kapdiary init` and `kapdiary config`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app
from kapdiary.messages import setup as said

if TYPE_CHECKING:
    from pathlib import Path

    from kapdiary.intentions import Intention
    from kapdiary.locations import Home
    from kapdiary.render.console import Console

INIT_HELP = """Set up your diary: where it lives, your first intentions, your life areas.

Asks a few gentle questions in a terminal; the options do the same without asking.
Running it again changes nothing that already exists.

Examples:

    kapdiary init

    kapdiary init --intention "Be present with my kids" --intention "Self-compassion" --yes

    kapdiary --home ~/Sync/diary init --yes

    kapdiary init --encrypt
"""


@app.command(help=INIT_HELP)
def init(
    ctx: typer.Context,
    intention: Annotated[
        list[str] | None,
        typer.Option(
            "--intention",
            "-i",
            help="An intention in your own words (repeatable, up to 3).",
            show_default=False,
        ),
    ] = None,
    areas: Annotated[
        str | None,
        typer.Option(
            "--areas",
            help="Your life areas, comma-separated (default: the six of the MAPS workbook).",
            show_default=False,
        ),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Ask nothing; use the options and the defaults.")
    ] = False,
    guided: Annotated[
        bool | None,
        typer.Option(
            "--guided/--no-guided",
            help="Ask the questions (the default in a terminal).",
            show_default=False,
        ),
    ] = None,
    encrypt: Annotated[
        bool,
        typer.Option("--encrypt", help="Start the diary encrypted (age); see docs/encryption.md."),
    ] = False,
) -> None:
    from kapdiary.cli.crypto import new_key_passphrase
    from kapdiary.use_cases.init import InitRequest
    from kapdiary.use_cases.init import init as start

    st = state.get(ctx)
    ask = guided if guided is not None else (sys.stdin.isatty() and not yes and not intention)
    request = InitRequest(
        home=st.named_home,  # init is the one command that creates a home it is given
        config_path=st.config_path,
        config=st.config,
        today=st.today(),
        intentions=tuple(intention or ()),
        areas=areas,
        ask=bool(ask),
        encrypt=encrypt,
        passphrase=new_key_passphrase(st.named_home, asked=encrypt and bool(ask)),
    )
    out = state.console()
    start(request, TerminalWelcome(out))
    st._config = None  # the settings just saved
    out.print()
    out.print(said.ready_each_evening())


class TerminalWelcome:
    """`init`'s person at the terminal (kapdiary.use_cases.init.Welcome)."""

    def __init__(self, out: Console) -> None:
        self.out = out

    def welcome(self, home: Home) -> None:
        from kapdiary.render.tables import escape

        self.out.print(said.welcome())
        where = said.home_source(home.source)
        self.out.print(said.diary_lives_in(escape(str(home.path)), where))

    def ask_line(self, prompt: str) -> str | None:
        try:
            return input(prompt)
        except EOFError:
            return None

    def say(self, line: str) -> None:
        typer.echo(line)

    def intentions(
        self, kept: list[Intention] | None, added: list[Intention], *, more_given: bool
    ) -> None:
        from kapdiary.render.tables import escape

        if kept is not None:
            self.out.print(said.intentions_kept())
        elif added:
            self.out.print(said.your_intentions())
        for item in kept or added:
            self.out.print(f"  • {escape(item.text)} [dim]({item.id})[/dim]")
        if more_given:
            self.out.print(said.to_add_more_intentions())
        if kept is None and not added:
            self.out.print(said.no_intentions_yet())

    def settings(self, path: Path, *, kept: bool) -> None:
        from kapdiary.render.tables import escape

        shown = escape(str(path))
        self.out.print(said.settings_kept(shown) if kept else said.settings_saved(shown))


config_app = typer.Typer(
    help="""Show where everything lives and every setting, or change one.

Examples:

    kapdiary config

    kapdiary config set day_starts_at 05:00

    kapdiary config set areas "mind,body,work,relationships"
""",
    no_args_is_help=False,
    invoke_without_command=True,
)
app.add_typer(config_app, name="config")


@config_app.callback()
def config_show(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print paths and settings as JSON.")
    ] = False,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from kapdiary import config as config_file

    st = state.get(ctx)
    home = st.named_home  # shown even when it does not exist: here is where to fix it
    paths = _paths(st, home)
    settings = config_file.as_dict(st.config)
    if as_json:
        state.print_json({"paths": paths, "settings": settings})
        return
    from kapdiary.render import pages

    shown = [_path_row(label, key, paths, home.source) for label, key in PATH_LABELS]
    pages.config(state.console(), shown, [_setting(k, v) for k, v in settings.items()])


PATH_LABELS = (
    ("Diary home", "home"),
    ("Config", "config"),
    ("Entries", "entries"),
    ("Intentions", "intentions"),
    ("Your templates", "templates"),
    ("Built-in templates", "builtin_templates"),
    ("Drafts", "drafts"),
    ("Index cache", "index"),
)


def _paths(st: state.State, home: Home) -> dict[str, object]:
    from kapdiary import vault
    from kapdiary.index import sealed
    from kapdiary.templates import builtin_dir

    encrypted = vault.encrypted(home)
    return {
        "home": str(home.path),
        "home_source": home.source,
        "config": str(st.config_path),
        "config_exists": st.config_path.exists(),
        "entries": str(home.entries),
        "intentions": str(home.intentions_file),
        "templates": str(home.templates),
        "builtin_templates": str(builtin_dir()),
        "drafts": str(home.drafts),
        "index": str(sealed.path(home) if encrypted else home.index_file),
        "index_encrypted": encrypted,
    }


def _path_row(label: str, key: str, paths: dict[str, object], source: str) -> tuple[str, str]:
    """A row of the config page: the home says where its name came from, the config
    whether it exists yet."""
    if key == "home":
        return label, f"{paths['home']}  ({said.home_source(source)})"
    if key == "config":
        exists = "" if paths["config_exists"] else said.config_not_created()
        return label, f"{paths['config']}{exists}"
    if key == "index" and paths["index_encrypted"]:
        return label, f"{paths['index']}{said.index_encrypted()}"
    return label, str(paths[key])


def _setting(key: str, value: object) -> tuple[str, str, str]:
    """A setting as the config page shows it: key, value in words, what it does."""
    from kapdiary import config as config_file

    if isinstance(value, list):
        shown = ", ".join(value)
    else:
        shown = "(not set)" if value is None else str(value)
    return key, shown, config_file.SETTINGS_HELP[key]


@config_app.command(
    "set",
    help="""Change one setting (an empty value resets it).

Examples:

    kapdiary config set day_starts_at 05:00

    kapdiary config set name "Sam"
""",
)
def config_set(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The setting, for example day_starts_at.")],
    value: Annotated[str, typer.Argument(help="The new value.")],
) -> None:
    from kapdiary import config as config_file

    st = state.get(ctx)
    updated = config_file.set_value(st.config_path, key, value)
    shown = config_file.as_dict(updated)[key]
    if isinstance(shown, list):
        shown = ", ".join(shown)
    typer.echo(said.setting_saved(key, said.not_set() if shown is None else shown, st.config_path))


@config_app.command(
    "get",
    help="""Print one setting's value.

Example:

    kapdiary config get day_starts_at
""",
)
def config_get(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The setting, for example day_starts_at.")],
) -> None:
    from kapdiary import config as config_file
    from kapdiary.errors import UsageError

    values = config_file.as_dict(state.get(ctx).config)
    if key not in values:
        raise UsageError(said.unknown_setting(key, ", ".join(values)))
    value = values[key]
    typer.echo(
        ",".join(value) if isinstance(value, list) else ("" if value is None else str(value))
    )
