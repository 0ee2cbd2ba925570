"""`kapdiary export`: a file for the coach, after a preview of what it will hold."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app

EXPORT_HELP = """Make a file for your coach: entries, progress and sessions, private parts left out.

First it shows what the file will hold (entries, days, period, what stays private) and asks
before writing; --yes writes without asking, and is needed when there is no terminal to ask
in. By default: everything since your last export (the first time, the last 28 days), as
Markdown, in a file named after the period in the current folder. Entries with
`private: true` and sections whose heading ends in (private) stay out unless you add
--include-private; --without leaves a field out everywhere, the figures included. The file
is readable only by you (0600), and nothing is sent anywhere.

Examples:

    kapdiary export

    kapdiary export --format html --since 2026-10-01 --until 2026-10-28

    kapdiary export --format pdf --since 4w

    kapdiary export --without dose_mg --without mood -o for-my-coach.md

    kapdiary export --since 4w --template evening --tag insight --format json --yes
"""


@app.command(help=EXPORT_HELP)
def export(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            "-s",
            metavar="DATE",
            help="From this day: YYYY-MM-DD, yesterday, a weekday, or a span like 4w or 3m "
            "(default: your last export, or 28 days).",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            "-u",
            metavar="DATE",
            help="Up to this day (default: today; a span means that long ago: 2w).",
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        list[str] | None,
        typer.Option(
            "--template",
            "-T",
            metavar="NAME",
            help="Only entries written with this template (repeat for several).",
            show_default=False,
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            "-t",
            metavar="TAG",
            help="Only entries with this tag (repeat: all must match).",
            show_default=False,
        ),
    ] = None,
    file_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="md|html|json|pdf",
            help="Markdown (default), one self-contained HTML page, JSON for tools, or a "
            "PDF (needs `pip install 'kapdiary[pdf]'`). Without it, the -o file's ending "
            "decides.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write (a folder: the default name inside it).",
            show_default=False,
        ),
    ] = None,
    include_private: Annotated[
        bool,
        typer.Option(
            "--include-private", help="Include private entries and (private) sections too."
        ),
    ] = False,
    without: Annotated[
        list[str] | None,
        typer.Option(
            "--without",
            "-w",
            metavar="FIELD",
            help="Leave a field out everywhere: mood, dose_mg, intentions, intentions.ID, "
            "areas.NAME, tags… (repeat, or separate with commas).",
            show_default=False,
        ),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Write without asking (needed in scripts).")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace a file of that name.")] = False,
) -> None:
    from kapdiary import export as exporter
    from kapdiary.cli.notices import index_fallback
    from kapdiary.dates import check_order, clamp, parse_since, parse_until
    from kapdiary.errors import KapdiaryError, UsageError
    from kapdiary.export import files, words

    st = state.get(ctx)
    today = st.today()
    fmt = exporter.get_format(file_format) if file_format else None
    target = output.expanduser() if output is not None else None
    if target is not None and not target.is_dir():
        fmt = files.format_for(target, fmt)
    fmt = fmt or exporter.get_format("md")
    exporter.ready(fmt)
    end = parse_until(until, today) if until is not None else today
    home = st.home
    note: str | None = None
    if since is not None:
        start = parse_since(since, today)
    else:
        start, note = files.default_since(home, end, today)
        start = clamp(start)  # the last export's dates come from a file one can edit
    check_order(start, end)

    request = exporter.Request(
        since=start,
        until=end,
        templates=tuple(template or ()),
        tags=tuple(tag or ()),
        include_private=include_private,
        without=exporter.parse_without(without or ()),
    )
    config = st.config
    document = exporter.build(
        home,
        request,
        client=config.name,
        coach=config.coach,
        made=st.now(),
        on_fallback=index_fallback(),
    )
    if not document.entries:
        raise KapdiaryError(words.nothing_to_export(document))

    name = files.default_name(start, end, fmt)
    chosen = target if target is not None else Path.cwd()
    path = chosen / name if chosen.is_dir() else chosen
    path = path.absolute()
    files.check_destination(path, force=force)

    for line in words.preview(document, _shown(path), fmt, since_note=note):
        typer.echo(line)
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(
                "export asks before writing, and there is no terminal to ask in; "
                "add --yes to write the file as previewed"
            )
        if not typer.confirm("Write this file?", default=True):
            typer.echo("Nothing was written.")
            return

    files.write(path, exporter.render(document, fmt), force=force)
    try:
        files.remember(home, document, path, today)
    except KapdiaryError as exc:
        typer.echo(
            f"kapdiary: the file is written, but the next export cannot start from it: {exc}",
            err=True,
        )
    typer.echo(
        f"Saved {_shown(path)} (only you can read it). Nothing was sent: share it with your "
        "coach the way you choose."
    )


def _shown(path: Path) -> str:
    """The path as the user would type it: relative to where they are, when it is below."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
