"""Rereading the diary: `review`, `show`, `edit`, `revisit`, `search` and `reindex`.

Each command reads through the index (kapdiary.index), which catches up with the files
first, and hands what it found to a renderer: plain text when the output is a pipe or a
file, Rich in a terminal (with a pager when it is longer than the screen), or JSON.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kapdiary.cli import completion, state
from kapdiary.cli.app import app
from kapdiary.commands import context, reading
from kapdiary.messages import reading as said
from kapdiary.render import console as screen
from kapdiary.render import views

if TYPE_CHECKING:
    from kapdiary.index import Index, Rebuild, Record

# --- options shared by review and search -------------------------------------------------

Target = Annotated[
    str,
    typer.Argument(
        metavar="DATE|PATH",
        help="A day (YYYY-MM-DD, today, yesterday, a weekday) or an entry file.",
        autocompletion=completion.entry_dates,
    ),
]

Since = Annotated[
    str | None,
    typer.Option(
        "--since",
        "-s",
        metavar="DATE",
        help="From this day: YYYY-MM-DD, today, yesterday, a weekday, or a span like 30d, 3m, 1y.",
        show_default=False,
    ),
]
Until = Annotated[
    str | None,
    typer.Option(
        "--until",
        "-u",
        metavar="DATE",
        help="Up to this day (a span means that long ago: 1m is a month ago).",
        show_default=False,
    ),
]
On = Annotated[
    str | None,
    typer.Option("--on", metavar="DATE", help="Only this one day.", show_default=False),
]
TemplateOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--template",
        "-T",
        metavar="NAME",
        help="Entries written with this template (repeat for any of several).",
        show_default=False,
    ),
]
Tag = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        help="Entries with this tag, in the front matter or as #tag (repeat: all must match).",
        show_default=False,
    ),
]
IntentionOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--intention",
        "-i",
        metavar="ID",
        help="Entries that rate this intention (see `kapdiary intention list`).",
        show_default=False,
        autocompletion=completion.intention_ids,
    ),
]
TextOpt = Annotated[
    str | None,
    typer.Option(
        "--text",
        metavar="WORDS",
        help='Entries containing all these words ("a phrase" and prefix* work too).',
        show_default=False,
    ),
]
Pager = Annotated[
    bool,
    typer.Option("--pager/--no-pager", help="Page output longer than the screen (terminals only)."),
]
Json = Annotated[bool, typer.Option("--json", help="Print as JSON.")]


# --- review ------------------------------------------------------------------------------

REVIEW_HELP = """Reread your entries: by default the last 7 diary days, oldest first.

Full entries, under a line with their count, mean mood and mean intention ratings; --list
gives one line each. Filters combine: a period, then template, tags, intention and words.

Examples:

    kapdiary review

    kapdiary review --since 30d --tag insight

    kapdiary review --list --since 3m --intention self-compassion

    kapdiary review --last 5 --template session

    kapdiary review --on yesterday --json
"""


@app.command(help=REVIEW_HELP)
def review(
    ctx: typer.Context,
    since: Since = None,
    until: Until = None,
    on: On = None,
    last: Annotated[
        int | None,
        typer.Option(
            "--last", "-n", metavar="N", help="Only the newest N entries.", show_default=False
        ),
    ] = None,
    every: Annotated[bool, typer.Option("--all", "-a", help="Every entry, however old.")] = False,
    template: TemplateOpt = None,
    tag: Tag = None,
    intention: IntentionOpt = None,
    text: TextOpt = None,
    as_list: Annotated[
        bool, typer.Option("--list", "-l", help="One line per entry instead of full entries.")
    ] = False,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")] = False,
    pager: Pager = True,
    as_json: Json = False,
) -> None:
    reading.review(
        state.get(ctx),
        since=since,
        until=until,
        on=on,
        last=last,
        every=every,
        template=template,
        tag=tag,
        intention=intention,
        text=text,
        as_list=as_list,
        reverse=reverse,
        pager=pager,
        as_json=as_json,
    )


# --- show and edit -----------------------------------------------------------------------

SHOW_HELP = """Show the entries of a day, or one entry file.

Examples:

    kapdiary show yesterday

    kapdiary show 2026-11-21 --json

    kapdiary show entries/2026/11/2026-11-18-session.md
"""


@app.command(help=SHOW_HELP)
def show(
    ctx: typer.Context,
    target: Target,
    pager: Pager = True,
    as_json: Json = False,
) -> None:
    reading.show(state.get(ctx), target, pager=pager, as_json=as_json)


EDIT_HELP = """Change an entry in your editor (the config's `editor`, $VISUAL or $EDITOR).

The editor gets a private copy. Saving puts it back only if the entry was not changed
meanwhile (by a sync tool, another app, a second `edit`); if it was, your version is
saved beside it as a conflict copy and `kapdiary doctor` names both. An edit that empties
the entry or breaks its front matter changes nothing, and your text is kept. Every version
an edit replaces is kept for 90 days in the diary's `.history/` folder: `--undo` brings
the last one back (and undoing again swaps them back).

Examples:

    kapdiary edit yesterday

    kapdiary edit entries/2026/11/2026-11-21-evening.md

    kapdiary edit --undo 2026-11-21
"""


@app.command(help=EDIT_HELP)
def edit(
    ctx: typer.Context,
    target: Target,
    undo: Annotated[
        bool,
        typer.Option("--undo", help="Bring back the version the last edit replaced."),
    ] = False,
) -> None:
    from kapdiary.cli.asking import TerminalEditor
    from kapdiary.errors import EXIT_INTERRUPTED
    from kapdiary.messages import edit_outcome
    from kapdiary.use_cases.edit import EditRequest, Stopped
    from kapdiary.use_cases.edit import edit as edit_entry

    st = state.get(ctx)
    records = reading.find(st, target, body=False)
    path = records[0].path if len(records) == 1 else _choose(records, st.home.path)
    request = EditRequest(st.home, path, st.config.editor, undo=undo)
    try:
        outcome = edit_entry(request, TerminalEditor())
    except Stopped as stop:  # the words are kept, and the message says where
        if str(stop):
            typer.echo(str(stop), err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    typer.echo(edit_outcome(outcome))


def _choose(records: list[Record], base: Path) -> Path:
    from kapdiary.errors import UsageError
    from kapdiary.render import words

    if not sys.stdin.isatty():
        listed = " or ".join(words.shown_path(r.path, base) for r in records)
        raise UsageError(said.several_entries_that_day(len(records), listed))
    for number, record in enumerate(records, 1):
        heading = words.entry_heading(record)
        typer.echo(f"  {number}. {heading} — {words.shown_path(record.path, base)}")
    while True:
        choice = int(typer.prompt(said.which_one(), type=int, default=1))
        if 1 <= choice <= len(records):
            return records[choice - 1].path
        typer.echo(said.choose_a_number(len(records)))


# --- revisit -----------------------------------------------------------------------------

REVISIT_HELP = """On this day: what you wrote a week, a month, three months and a year ago.

With nothing written on one of those days, the nearest day within three days is shown.
--random shows one older entry instead, any from before the last week.

Examples:

    kapdiary revisit

    kapdiary revisit --random
"""


@app.command(help=REVISIT_HELP)
def revisit(
    ctx: typer.Context,
    random: Annotated[
        bool, typer.Option("--random", help="One older entry, chosen at random.")
    ] = False,
    pager: Pager = True,
    as_json: Json = False,
) -> None:
    from kapdiary.render import data

    st = state.get(ctx)
    with context.opened(st) as index:
        groups = _revisited(index, st.today(), random=random)
    context.warn([r for _, _, records in groups for r in records])
    if as_json:
        state.print_json(data.revisit(groups))
    elif not groups and random:
        typer.echo(said.nothing_older_than_a_week())
    elif not groups:
        typer.echo(said.nothing_on_revisit_days())
    else:
        views.revisit(groups, base=st.home.path, fields=context.fields(st), pager=pager)


def _revisited(index: Index, today: date, *, random: bool) -> list[views.Group]:
    """A week, a month, three months and a year ago (the nearest day written to each), or
    one older entry at random."""
    from datetime import timedelta

    from kapdiary.query import REVISIT_WINDOW, Filters, nearest_day, revisit_days

    groups: list[views.Group] = []
    if random:
        import random as chance

        picked = index.random_record(today - timedelta(days=7), chance.choice)
        if picked is not None:
            groups.append((said.from_your_diary(), picked.date, [picked]))
        return groups
    window = timedelta(days=REVISIT_WINDOW)
    for label, target in revisit_days(today):
        day = nearest_day(target, index.days_with_entries(target - window, target + window))
        if day is not None:
            groups.append((label, day, index.records(Filters(since=day, until=day), body=True)))
    return groups


# --- search ------------------------------------------------------------------------------

SEARCH_HELP = """Search what you wrote, best matches first, with the words highlighted.

All the words must appear, in any form (walk finds walked, cafe finds café); "quoted
words" must appear together; 'integrat*' matches integration, integrating…; OR, NOT and
(parentheses) combine them, in capitals. The template's prompts and titles are left out
unless you add --everywhere. Takes the same filters as review, over all time by default.

Examples:

    kapdiary search lighthouse

    kapdiary search '"school gate"' --since 1y

    kapdiary search 'integrat*' --tag insight --limit 10

    kapdiary search 'grief OR loss NOT work' --json

    kapdiary search 'carry into tomorrow' --everywhere
"""


@app.command(help=SEARCH_HELP)
def search(
    ctx: typer.Context,
    words_: Annotated[
        list[str],
        typer.Argument(metavar="TEXT", help="The words to look for.", show_default=False),
    ],
    since: Since = None,
    until: Until = None,
    on: On = None,
    template: TemplateOpt = None,
    tag: Tag = None,
    intention: IntentionOpt = None,
    text: TextOpt = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", metavar="N", help="At most N results (default: all).", show_default=False
        ),
    ] = None,
    everywhere: Annotated[
        bool,
        typer.Option("--everywhere", help="Look in the template's prompts and the titles too."),
    ] = False,
    pager: Pager = True,
    as_json: Json = False,
) -> None:
    reading.search(
        state.get(ctx),
        words_,
        since=since,
        until=until,
        on=on,
        template=template,
        tag=tag,
        intention=intention,
        text=text,
        limit=limit,
        everywhere=everywhere,
        pager=pager,
        as_json=as_json,
    )


# --- reindex -----------------------------------------------------------------------------

REINDEX_HELP = """Rebuild the index from your entry files.

Never needed in normal use: every command notices added, changed, renamed and deleted
files by itself. The index is a cache outside your diary; deleting it is always safe.

Example:

    kapdiary reindex
"""


@app.command(help=REINDEX_HELP)
def reindex(ctx: typer.Context) -> None:
    from kapdiary import vault
    from kapdiary.index import open_index, sealed
    from kapdiary.render import words

    st = state.get(ctx)
    context.check_home(st)
    built: list[Rebuild] = []
    with screen.index_bar() as progress:
        index = open_index(st.home, progress=progress, on_rebuild=built.append, rebuild=True)
    with index:
        problems = index.problems()
        fts = index.fts
    context.warn(problems, limit=None)
    done = built[-1]
    encrypted = vault.encrypted(st.home)
    where = sealed.path(st.home) if encrypted else st.home.index_file
    typer.echo(
        said.indexed(words.entries(done.entries), done.seconds, where, fts=fts, encrypted=encrypted)
    )
