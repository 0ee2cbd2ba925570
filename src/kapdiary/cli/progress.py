"""`kapdiary progress`: the figures of kapdiary.progress for a period; render/progress.py
draws them for the terminal."""

from __future__ import annotations

from typing import Annotated

import typer

from kapdiary.cli import completion, state
from kapdiary.cli.app import app
from kapdiary.commands import progress as figures

PROGRESS_HELP = """Progress against your intentions, life areas, mood and your templates' own
measures, and how they changed.

Default: the last 28 diary days. What each number means: docs/progress.md.

Examples:

    kapdiary progress

    kapdiary progress --period 8w

    kapdiary progress --since 2026-10-01 --until 2026-10-31

    kapdiary progress --intention present-with-kids

    kapdiary progress --field groundedness

    kapdiary progress --json
"""


Since = Annotated[
    str | None,
    typer.Option(
        "--since", help="First day: a date, or a span up to today like 4w.", show_default=False
    ),
]
Until = Annotated[
    str | None,
    typer.Option(
        "--until",
        help="Last day (default: today; a span means that long ago: 2w).",
        show_default=False,
    ),
]
Length = Annotated[
    str | None,
    typer.Option(
        "--period", help="The length, up to --until: 28d, 8w, 3m, 1y.", show_default=False
    ),
]


@app.command(help=PROGRESS_HELP)
def progress(
    ctx: typer.Context,
    since: Since = None,
    until: Until = None,
    period: Length = None,
    intention: Annotated[
        str | None,
        typer.Option(
            "--intention",
            "-i",
            help="One intention in depth, by id.",
            show_default=False,
            autocompletion=completion.intention_ids,
        ),
    ] = None,
    field: Annotated[
        str | None,
        typer.Option(
            "--field",
            "-f",
            metavar="KEY",
            help="One of your templates' own measures in depth, by key (see `template show`).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Every figure as JSON.")] = False,
) -> None:
    figures.progress(
        state.get(ctx),
        since=since,
        until=until,
        period=period,
        intention=intention,
        field=field,
        as_json=as_json,
    )
