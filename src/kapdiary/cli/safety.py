"""`kapdiary help-now`: where help is, right now (kapdiary.safety)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app

if TYPE_CHECKING:
    from kapdiary.safety import Resources

HELP_NOW_HELP = """Where to find help right now: crisis lines and the emergency number.

kapdiary is a personal diary, not a medical device and not a crisis service, and nobody
monitors it. This shows the helplines for your country (set it once with
`kapdiary config set country GB`, or give --country), the emergency number, and
findahelpline.com for every other country. Nothing is looked up online.

Examples:

    kapdiary help-now

    kapdiary help-now --country GB

    kapdiary config set country de
"""


@app.command("help-now", help=HELP_NOW_HELP)
def help_now(
    ctx: typer.Context,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            help="A two-letter country code (US, GB, DE…); otherwise `country` in the config.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the help as JSON.")] = False,
) -> None:
    from kapdiary import safety
    from kapdiary.errors import KapdiaryError

    problem: str | None = None
    if country is None:
        # Help is shown even when the config cannot be read; what is wrong is said after it.
        try:
            country = state.get(ctx).config.country
        except KapdiaryError as exc:
            problem = exc.message
    resources = safety.load_resources(country)
    if as_json:
        state.print_json(_as_json(resources))
    else:
        from kapdiary.render import pages

        pages.help_now(state.console(), safety.help_text(resources.country), safety.IN_DANGER)
    if problem:
        typer.echo(f"kapdiary: {problem}", err=True)


def _as_json(resources: Resources) -> dict[str, Any]:
    from dataclasses import asdict

    from kapdiary import safety

    return {
        "country": resources.country,
        "listed": resources.listed,
        "country_name": resources.country_name,
        "emergency": resources.emergency,
        "lines": [asdict(line) for line in resources.lines],
        "findahelpline": resources.findahelpline,
        "countries": list(safety.COUNTRIES),
    }
