"""`kapdiary delete` and `kapdiary restore`: an entry into the keep-for-a-while store, and
a deleted entry or a discarded draft back (kapdiary.deleting)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app
from kapdiary.cli.read import Json, Target

if TYPE_CHECKING:
    from kapdiary.deleting import Kept
    from kapdiary.index import Record

DELETE_HELP = """Delete an entry: it moves to the diary's `.history/` folder, and
`kapdiary restore` brings it back.

Takes a day or an entry file, as `show` and `edit` do; with several entries that day,
kapdiary asks which (or, outside a terminal, names their files). At a terminal it asks
first; elsewhere give --yes.

Examples:

    kapdiary delete yesterday

    kapdiary delete entries/2026/11/2026-11-21-evening-2.md --yes
"""


@app.command(help=DELETE_HELP)
def delete(
    ctx: typer.Context,
    target: Target,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
) -> None:
    from kapdiary import deleting
    from kapdiary.cli.read import _choose
    from kapdiary.commands.reading import find
    from kapdiary.messages import deleting as said
    from kapdiary.render.words import shown_path

    st = state.get(ctx)
    records = find(st, target, body=True)
    path = records[0].path if len(records) == 1 else _choose(records, st.home.path)
    shown = shown_path(path, st.home.path)
    if not yes and not _confirmed(next(r for r in records if r.path == path), shown):
        typer.echo(said.kept_not_deleted())
        return
    kept = deleting.delete(st.home, path)
    typer.echo(said.deleted(shown, kept, path.stem))


def _confirmed(record: Record, shown: str) -> bool:
    """At a terminal, ask (no by default); elsewhere --yes is needed."""
    from kapdiary.errors import UsageError
    from kapdiary.messages import deleting as said
    from kapdiary.render.words import entry_heading

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(said.needs_yes(shown))
    from kapdiary.deleting import words_in

    words = words_in(record.body or "")
    try:
        return typer.confirm(said.ask_delete(entry_heading(record), shown, words), default=False)
    except typer.Abort as exc:  # end of input: nothing is deleted
        state.stop_if_interrupted(exc)
        typer.echo()
        return False


RESTORE_HELP = """Bring back a deleted entry or a discarded draft.

Without KEY, lists what is kept: deleted entries and discarded drafts, newest first.
With KEY (a name as listed, or a day), puts it back where it was. An entry written at the
same place since is never overwritten: restoring is refused and both are kept.

Examples:

    kapdiary restore

    kapdiary restore 2026-11-21-evening

    kapdiary restore yesterday --json
"""


@app.command(help=RESTORE_HELP)
def restore(
    ctx: typer.Context,
    key: Annotated[
        str | None,
        typer.Argument(
            metavar="[KEY]",
            help="What to bring back: a KEY as listed, an entry's or draft's name, or a day.",
            show_default=False,
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    from kapdiary import deleting
    from kapdiary.messages import deleting as said
    from kapdiary.render.words import shown_path

    st = state.get(ctx)
    home = st.home
    if key is None:
        items = deleting.listing(home)
        if as_json:
            state.print_json([k.as_json(home) for k in items])
        else:
            _print_kept(items)
        return
    kept = deleting.find(home, key, st.today())
    path = deleting.restore(home, kept)
    if as_json:
        state.print_json({**kept.as_json(home), "restored_to": str(path), "blocked": False})
    else:
        typer.echo(said.restored(kept, shown_path(path, home.path)))


def _print_kept(items: list[Kept]) -> None:
    import time

    from kapdiary.messages import deleting as said
    from kapdiary.messages.drafts import ago as _ago

    if not items:
        typer.echo(said.nothing_kept())
        return
    now = time.time()
    for k in items:
        ago = _ago(now - k.kept_at.timestamp())
        typer.echo(said.kept_row(k, ago, blocked=k.original.exists()))
    typer.echo()
    typer.echo(said.restore_how())
