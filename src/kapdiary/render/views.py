"""Showing what review, show, revisit and search found: drawn with Rich in a terminal,
plain text in a pipe or a file, through the pager when it is longer than the screen.

The one place that decides between the two views, so the commands only hand over what
they found.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary.render import console as screen

if TYPE_CHECKING:
    from kapdiary.index import Record, SearchResult
    from kapdiary.lookup import Lookup

RICH_UP_TO = 256 * 1024  # characters of entry text drawn with Rich; beyond, plain text

Group = tuple[str, date, list["Record"]]  # revisit's "A week ago", its day, its entries


def drawable(records: list[Record]) -> bool:
    """Whether the entries are short enough to draw with Rich (Markdown, colour): it takes
    about 3 s a megabyte, so longer text is shown as plain text, whole, and paged."""
    return sum(len(r.body or "") for r in records) <= RICH_UP_TO


def review(
    records: list[Record],
    parts: list[tuple[str, str]],
    *,
    base: Path,
    fields: Lookup,
    as_list: bool,
    pager: bool,
) -> None:
    """Review's list (one line an entry) or its entries in full, under its header line."""
    if screen.terminal() and (as_list or drawable(records)):
        from kapdiary.render import terminal

        title = terminal.title_line(parts)
        if as_list:
            screen.show_rich(terminal.listing(records, title=title), pager)
        else:
            drawn = terminal.entries(records, base=base, title=title, fields=fields)
            screen.show_rich(drawn, pager)
        return
    from kapdiary.render import plain

    if as_list:
        screen.write(plain.listing(records, title=plain.line(parts)))
    else:
        screen.show_plain(
            plain.entries(records, base=base, title=plain.line(parts), fields=fields), pager
        )


def entries(records: list[Record], *, base: Path, fields: Lookup, pager: bool) -> None:
    """Entries in full, with no header (show)."""
    if screen.terminal() and drawable(records):
        from kapdiary.render import terminal

        screen.show_rich(terminal.entries(records, base=base, fields=fields), pager)
    else:
        from kapdiary.render import plain

        screen.show_plain(plain.entries(records, base=base, fields=fields), pager)


def revisit(groups: list[Group], *, base: Path, fields: Lookup, pager: bool) -> None:
    """Each group of entries under its label and long date."""
    from kapdiary.render.format import long_date

    if screen.terminal() and drawable([r for _, _, records in groups for r in records]):
        from kapdiary.render import terminal

        screen.show_rich(terminal.groups(groups, base=base, fields=fields), pager)
        return
    from kapdiary.render import plain

    screen.show_plain(
        "\n".join(
            plain.entries(records, base=base, title=f"{label} · {long_date(day)}", fields=fields)
            for label, day, records in groups
        ),
        pager,
    )


def hits(result: SearchResult, *, base: Path, title: str, pager: bool) -> None:
    """Search results, best first, the words highlighted in a terminal."""
    if screen.terminal():
        from kapdiary.render import terminal

        screen.show_rich(terminal.hits(result, base=base, title=terminal.bold(title)), pager)
        return
    from kapdiary.render import plain

    screen.write(plain.hits(result, base=base, title=title))
