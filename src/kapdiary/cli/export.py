"""`kapdiary export`: a file for the coach, after a preview of what it will hold."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kapdiary.cli import completion, state
from kapdiary.cli.app import app
from kapdiary.commands import exporting

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

    kapdiary export --format html --encrypt-to "$COACH_AGE_RECIPIENT"
"""

SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        "-s",
        metavar="DATE",
        help="From this day: YYYY-MM-DD, yesterday, a weekday, or a span like 4w or 3m "
        "(default: your last export, or 28 days).",
        show_default=False,
    ),
]

UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        "-u",
        metavar="DATE",
        help="Up to this day (default: today; a span means that long ago: 2w).",
        show_default=False,
    ),
]

TemplateOption = Annotated[
    list[str] | None,
    typer.Option(
        "--template",
        "-T",
        metavar="NAME",
        help="Only entries written with this template (repeat for several).",
        show_default=False,
    ),
]

TagOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        help="Only entries with this tag (repeat: all must match).",
        show_default=False,
    ),
]

FileFormatOption = Annotated[
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
]

OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Where to write (a folder: the default name inside it).",
        show_default=False,
    ),
]

IncludePrivateOption = Annotated[
    bool,
    typer.Option("--include-private", help="Include private entries and (private) sections too."),
]

WithoutOption = Annotated[
    list[str] | None,
    typer.Option(
        "--without",
        "-w",
        metavar="FIELD",
        help="Leave a field out everywhere: mood, dose_mg, intentions, intentions.ID, "
        "areas.NAME, tags… (repeat, or separate with commas).",
        show_default=False,
        autocompletion=completion.without_keys,
    ),
]

YesOption = Annotated[
    bool, typer.Option("--yes", "-y", help="Write without asking (needed in scripts).")
]

ForceOption = Annotated[bool, typer.Option("--force", help="Replace a file of that name.")]
EncryptToOption = Annotated[
    str | None,
    typer.Option(
        "--encrypt-to",
        help="Encrypt the file (age) to this recipient, e.g. your coach's age1… key.",
        show_default=False,
    ),
]


@app.command(help=EXPORT_HELP)
def export(
    ctx: typer.Context,
    since: SinceOption = None,
    until: UntilOption = None,
    template: TemplateOption = None,
    tag: TagOption = None,
    file_format: FileFormatOption = None,
    output: OutputOption = None,
    include_private: IncludePrivateOption = False,
    without: WithoutOption = None,
    yes: YesOption = False,
    force: ForceOption = False,
    encrypt_to: EncryptToOption = None,
) -> None:
    from kapdiary.cli.asking import TerminalAsker

    exporting.export(
        state.get(ctx),
        TerminalAsker(),
        since=since,
        until=until,
        template=template,
        tag=tag,
        file_format=file_format,
        output=output,
        include_private=include_private,
        without=without,
        yes=yes,
        force=force,
        encrypt_to=encrypt_to,
    )
