"""`kapdiary intention add | list | edit | retire | remove`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kapdiary.cli import completion, state
from kapdiary.cli.app import app
from kapdiary.messages import intentions as said

if TYPE_CHECKING:
    from kapdiary.intentions import Intention

intention_app = typer.Typer(
    help="""Your stated intentions: what you are moving toward.

Each has a stable id that your entries' ratings refer to. Retiring one keeps its history.

Examples:

    kapdiary intention add "Be present with my kids" --area relationships

    kapdiary intention list

    kapdiary intention retire be-present-with-my-kids

    kapdiary intention remove be-present-with-my-kids-2
""",
    no_args_is_help=True,
)
app.add_typer(intention_app, name="intention")

IntentionId = Annotated[
    str,
    typer.Argument(
        metavar="ID", help="The intention's id.", autocompletion=completion.intention_ids
    ),
]


def _check_area(ctx: typer.Context, area: str | None) -> str | None:
    if area is None or not area.strip():
        return area
    from kapdiary.errors import UsageError

    areas = state.get(ctx).config.areas
    if area.strip() not in areas:
        raise UsageError(said.not_a_life_area(area, ", ".join(areas)))
    return area.strip()


@intention_app.command(
    "add",
    help="""Add an intention, in your own words.

Examples:

    kapdiary intention add "Be present with my kids"

    kapdiary intention add "Treat myself with compassion" --id self-compassion --area mind
""",
)
def add(
    ctx: typer.Context,
    text: Annotated[
        str, typer.Argument(help="The intention, as a direction rather than a demand.")
    ],
    intention_id: Annotated[
        str | None,
        typer.Option("--id", help="A short id (default: made from the words).", show_default=False),
    ] = None,
    area: Annotated[
        str | None, typer.Option("--area", help="The life area it touches.", show_default=False)
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the new intention as JSON.")
    ] = False,
    again: Annotated[
        bool,
        typer.Option("--again", help="Add it even if an intention has the same words."),
    ] = False,
) -> None:
    from kapdiary import intentions

    st = state.get(ctx)
    if not again and not _not_a_twin(st.home.intentions_file, text):
        return
    added = intentions.add(
        st.home.intentions_file,
        text,
        today=st.today(),
        intention_id=intention_id,
        area=_check_area(ctx, area),
    )
    if as_json:
        state.print_json(added.as_json())
    else:
        typer.echo(said.intention_added(added.text, added.id))


def _not_a_twin(path: Path, text: str) -> bool:
    """True when no intention has these words; else ask at a terminal (refuse elsewhere)."""
    import sys

    from kapdiary import intentions
    from kapdiary.errors import UsageError
    from kapdiary.messages import deleting as said

    twin = intentions.same_words(intentions.load(path), text)
    if twin is None:
        return True
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(said.twin_refused(twin.id, twin.text))
    try:
        if typer.confirm(said.twin_question(twin.id, twin.text), default=False):
            return True
    except typer.Abort as exc:  # end of input: nothing is added
        state.stop_if_interrupted(exc)
        typer.echo()
    typer.echo(said.twin_not_added())
    return False


@intention_app.command(
    "remove",
    help="""Remove an intention that no entry rates (one added by mistake).

An intention that an entry rates can only be retired, which keeps its history.

Example:

    kapdiary intention remove be-present-with-my-kids-2
""",
)
def remove(
    ctx: typer.Context,
    intention_id: Annotated[str, typer.Argument(metavar="ID", help="The intention's id.")],
) -> None:
    from kapdiary import deleting, intentions
    from kapdiary.messages import deleting as said

    st = state.get(ctx)
    intentions.find(intentions.load(st.home.intentions_file), intention_id)
    deleting.check_unrated(st.home, intention_id)
    removed = intentions.remove(st.home.intentions_file, intention_id)
    typer.echo(said.intention_removed(removed.id, removed.text))


@intention_app.command(
    "list",
    help="""List your intentions (add --all for retired ones).

Examples:

    kapdiary intention list

    kapdiary intention list --all --json
""",
)
def list_(
    ctx: typer.Context,
    show_all: Annotated[
        bool, typer.Option("--all", "-a", help="Include retired intentions.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    from kapdiary import intentions

    items = [
        i for i in intentions.load(state.get(ctx).home.intentions_file) if show_all or i.active
    ]
    if as_json:
        state.print_json([i.as_json() for i in items])
        return
    if not items:
        typer.echo(said.no_intentions_yet())
        return
    _table(items, show_all=show_all)


def _table(items: list[Intention], *, show_all: bool) -> None:
    from kapdiary.render import tables
    from kapdiary.render.tables import Column

    columns = [  # the id is typed in commands: never cut; the words wrap instead
        Column("id", style="bold", no_wrap=True),
        Column("intention"),
        Column("area"),
        Column("since", no_wrap=True),
    ]
    if show_all:
        columns.append(Column("retired"))
    rows = []
    for item in items:
        row = [item.id, item.text, item.area or "", item.set_on.isoformat()]
        if show_all:
            row.append(item.retired_on.isoformat() if item.retired_on else "")
        rows.append(row)
    tables.show(state.console(), columns, rows)


@intention_app.command(
    "edit",
    help="""Change an intention's words or area (its id stays, so history stays).

Example:

    kapdiary intention edit self-compassion --text "Be kind to myself"
""",
)
def edit(
    ctx: typer.Context,
    intention_id: IntentionId,
    text: Annotated[
        str | None, typer.Option("--text", help="New words.", show_default=False)
    ] = None,
    area: Annotated[
        str | None, typer.Option("--area", help="New area (empty to clear).", show_default=False)
    ] = None,
) -> None:
    from kapdiary import intentions
    from kapdiary.errors import UsageError

    if text is None and area is None:
        raise UsageError(said.say_what_to_change())
    changed = intentions.edit(
        state.get(ctx).home.intentions_file, intention_id, text=text, area=_check_area(ctx, area)
    )
    typer.echo(
        f"Updated {changed.id}: {changed.text}" + (f" ({changed.area})" if changed.area else "")
    )


@intention_app.command(
    "retire",
    help="""Retire an intention; its ratings stay in your history.

Examples:

    kapdiary intention retire self-compassion

    kapdiary intention retire self-compassion --on 2026-12-20
""",
)
def retire(
    ctx: typer.Context,
    intention_id: IntentionId,
    on: Annotated[
        str | None,
        typer.Option("--on", help="The day it was retired (default: today).", show_default=False),
    ] = None,
) -> None:
    from kapdiary import intentions
    from kapdiary.dates import parse_day

    st = state.get(ctx)
    day = parse_day(on, st.today(), "--on") if on is not None else st.today()
    retired = intentions.retire(st.home.intentions_file, intention_id, on=day)
    typer.echo(said.intention_retired(retired.id, day.isoformat()))
