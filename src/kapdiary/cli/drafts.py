"""`kapdiary drafts`: the unfinished entries, to list, show, resume or discard."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app
from kapdiary.messages import drafts as said

if TYPE_CHECKING:
    from kapdiary.drafts import Draft, Listed

drafts_app = typer.Typer(
    help="""Your unfinished entries: words kept when writing was interrupted.

Without a command, lists them: diary day, template, how long ago, what they hold.
`kapdiary write` offers only the draft for the same day and template; the others wait
here. A discarded draft is kept for 90 days in the diary's `.history/drafts/` folder.

Examples:

    kapdiary drafts

    kapdiary drafts --json

    kapdiary drafts show 2026-11-21

    kapdiary drafts resume 2026-11-21-evening-a1b2c3

    kapdiary drafts discard 2026-11-21 --yes
""",
    invoke_without_command=True,
)
app.add_typer(drafts_app, name="drafts")

Key = Annotated[
    str,
    typer.Argument(
        metavar="DRAFT",
        help="A draft's name as `kapdiary drafts` lists it, its file, or its diary day.",
        show_default=False,
    ),
]


@drafts_app.callback()
def _list(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print them as JSON.")] = False,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from kapdiary import drafts

    st = state.get(ctx)
    listed = drafts.listing(st.home)
    now = time.time()
    if as_json:
        state.print_json([_as_json(item, now) for item in listed])
        return
    _print_listing(listed, now)


def _print_listing(listed: list[Listed], now: float) -> None:
    """One line a draft, then how to carry one on, read it or let it go."""
    if not listed:
        typer.echo(said.no_unfinished_entries())
        return
    for item in listed:
        d = item.draft
        day = d.day.isoformat() if d.day else said.no_date()
        notes = said.draft_notes(in_use=item.in_use, broken=d.entry.problem is not None)
        typer.echo(
            f"{day}  {d.template or '?':<12} {said.ago(now - item.saved_at):<16} "
            f"{d.size:<22} {d.name}{notes}"
        )
    typer.echo()
    typer.echo(said.what_to_do_with_drafts())


@drafts_app.command(
    "show",
    help="""Show a draft's text as it is kept.

Examples:

    kapdiary drafts show 2026-11-21

    kapdiary drafts show 2026-11-21-evening-a1b2c3
""",
)
def show(ctx: typer.Context, key: Key) -> None:
    draft = _find(ctx, key)
    typer.echo(draft.raw, nl=not draft.raw.endswith("\n"))


@drafts_app.command(
    "resume",
    help="""Carry on with a draft: the same as `kapdiary write --resume` for that draft.

Examples:

    kapdiary drafts resume 2026-11-21

    kapdiary drafts resume 2026-11-21-evening-a1b2c3 --editor
""",
)
def resume(
    ctx: typer.Context,
    key: Key,
    editor: Annotated[
        bool, typer.Option("--editor", "-e", help="Carry on in $VISUAL / $EDITOR instead.")
    ] = False,
) -> None:
    from kapdiary.cli.write import run_write

    draft = _find(ctx, key, free=True)
    run_write(
        ctx,
        draft.template,
        draft.day.isoformat() if draft.day else None,
        editor=editor,
        resume=True,
        chosen=draft,
        future=True,  # its day was accepted when it was written
    )


@drafts_app.command(
    "discard",
    help="""Let a draft go. It is kept for 90 days in the diary's `.history/drafts/` folder.

At a terminal kapdiary asks first; elsewhere give --yes.

Examples:

    kapdiary drafts discard 2026-11-21

    kapdiary drafts discard 2026-11-21-evening-a1b2c3 --yes
""",
)
def discard(
    ctx: typer.Context,
    key: Key,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Discard without asking.")] = False,
) -> None:
    from kapdiary import drafts
    from kapdiary.errors import UsageError

    st = state.get(ctx)
    draft = _find(ctx, key, free=True)
    if not yes:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError(said.discard_needs_yes(draft.name))
        from kapdiary.cli.asking import TerminalAsker

        question = said.discard_draft(draft.template, draft.day, draft.size)
        if not TerminalAsker().confirm_or_no(question, default=False):  # end of input: kept
            typer.echo(said.draft_kept())
            return
    kept = drafts.put_away(st.home, draft)
    typer.echo(said.draft_discarded(draft.name, kept))


def _find(ctx: typer.Context, key: str, *, free: bool = False) -> Draft:
    """The draft ``key`` names; ``free``: not being written by another process now."""
    from kapdiary import drafts
    from kapdiary.errors import KapdiaryError

    st = state.get(ctx)
    draft = drafts.find(st.home, key, st.today())
    if free and drafts.in_use(draft.path):
        raise KapdiaryError(said.draft_in_use(draft.name))
    return draft


def _as_json(item: Listed, now: float) -> dict[str, Any]:
    from datetime import UTC, datetime

    d = item.draft
    return {
        "name": d.name,
        "path": str(d.path),
        "date": d.day.isoformat() if d.day else None,
        "template": d.template,
        "saved_at": datetime.fromtimestamp(item.saved_at, UTC).isoformat(timespec="seconds"),
        "age_seconds": max(0, int(now - item.saved_at)),
        "answers": d.answers,
        "words": d.words,
        "in_use": item.in_use,
        "problem": d.entry.problem,
    }
