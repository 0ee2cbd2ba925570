"""`kapdiary remind at | off | status` (and the hidden `fire` the scheduler runs)."""

from __future__ import annotations

from typing import Annotated

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app

remind_app = typer.Typer(
    help="""An evening reminder, set with your system's own scheduler.

It fires at the time you choose and shows a desktop notification only if that diary day
has no entry yet. Linux: a systemd user timer (or a crontab line); macOS: a launchd agent.

Examples:

    kapdiary remind at 21:30

    kapdiary remind status

    kapdiary remind off
""",
    no_args_is_help=True,
)
app.add_typer(remind_app, name="remind")


@remind_app.command(
    "at",
    help="""Be reminded each evening at TIME (HH:MM, 24-hour clock), unless you have written.

Replaces a reminder set before. If neither systemd nor cron can take it, the line to add
by hand is printed.

Examples:

    kapdiary remind at 21:30

    kapdiary --home ~/Sync/diary remind at 20:00
""",
)
def at(
    ctx: typer.Context,
    time: Annotated[str, typer.Argument(metavar="TIME", help="HH:MM, like 21:30.")],
) -> None:
    from kapdiary import reminders
    from kapdiary.errors import KapdiaryError
    from kapdiary.messages import reminders as said

    when = reminders.parse_time(time)
    st = state.get(ctx)
    home = st.home
    task = reminders.job(home.path if home.source != "default" else None)
    outcome = reminders.install(when, task)
    if outcome.way == reminders.BY_HAND:
        typer.echo(outcome.where)
        raise KapdiaryError(said.by_hand(outcome))
    typer.echo(said.installed(outcome))


@remind_app.command(
    "status",
    help="""What is set for the reminder, and where.

Examples:

    kapdiary remind status

    kapdiary remind status --json
""",
)
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    from kapdiary import reminders
    from kapdiary.messages import reminders as said

    found = reminders.status()
    if as_json:
        state.print_json([item.as_json() for item in found])
    elif not found:
        typer.echo(said.nothing_set())
    else:
        for item in found:
            typer.echo(said.status_line(item))


@remind_app.command(
    "off",
    help="""Remove the reminder: everything `kapdiary remind at` put in place.

Example:

    kapdiary remind off
""",
)
def off() -> None:
    from kapdiary import reminders
    from kapdiary.messages import reminders as said

    typer.echo(said.removed(reminders.remove()))


@remind_app.command(
    "fire",
    hidden=True,
    help="""What the scheduler runs: a notification if today has no entry yet.

Example:

    kapdiary remind fire
""",
)
def fire(ctx: typer.Context) -> None:
    from kapdiary import reminders
    from kapdiary.locations import check_exists
    from kapdiary.messages import reminders as said

    st = state.get(ctx)
    check_exists(st.home, st.config_path)
    today = st.today()
    written = reminders.written_on(st.home, today)  # from file names: no key, no index
    draft = reminders.draft_waiting(st.home, today)
    typer.echo(said.fired(reminders.fire(written, draft), today))
