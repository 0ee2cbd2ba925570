"""`kapdiary tags`: every tag with the number of entries that carry it."""

from __future__ import annotations

from typing import Annotated

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app

TAGS_HELP = """List your tags, the most used first, with how many entries carry each.

Tags are those in the front matter (`tags: [family, insight]`) and #tags in the text,
lowercased. Like `review` and `search`, this is your own view: private entries count too,
and the `private` column says how many of each tag's entries are private (an export for
your coach never shows them). Read from the index, so it stays quick on a decade of entries.

Examples:

    kapdiary tags

    kapdiary tags --json

    kapdiary review --tag insight --list
"""


@app.command(help=TAGS_HELP)
def tags(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    from kapdiary.cli.notices import index_fallback
    from kapdiary.index.queries import tag_counts

    st = state.get(ctx)
    counts = tag_counts(st.home, on_fallback=index_fallback())
    if as_json:
        state.print_json([{"tag": t, "entries": n, "private": p} for t, n, p in counts])
        return
    if not counts:
        from kapdiary.messages.importing import NO_TAGS

        typer.echo(NO_TAGS)
        return
    from kapdiary.render import tables

    private = any(p for _, _, p in counts)
    columns = [tables.Column("tag"), tables.Column("entries", justify="right")]
    columns += [tables.Column("private", justify="right")] if private else []
    rows = [[t, str(n), *([str(p) if p else ""] if private else [])] for t, n, p in counts]
    tables.show(state.console(), columns, rows)
