"""The terminal view (Rich): entries as rendered Markdown, tables, highlighted snippets.

Rich is imported inside the functions: only a command that draws in a terminal pays for
it, and ``rich.markdown`` only when full entries are shown.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary.messages.search import LABEL_SEP
from kapdiary.render import format as fmt
from kapdiary.render import words

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table
    from rich.text import Text

    from kapdiary.index import Record, SearchResult
    from kapdiary.lookup import Lookup

HIGHLIGHT = "bold underline yellow"


def title_line(parts: list[tuple[str, str]]) -> RenderableType:
    """Review's header: ``5 entries · 16–20 November 2026 · mood 3.8 · …``, in bold."""
    from rich.text import Text

    pieces = []
    for label, value in parts:
        piece = Text(style="bold")
        piece.append(label, style="cyan" if label else "")
        piece.append(value)
        pieces.append(piece)
    return Phrases(pieces, Text(words.SEP, style="dim"), style="bold")


class _Heading:
    """An entry's heading in a rule; on a screen too narrow for it, the heading wraps at
    its words above a plain rule (a rule's title would be cut)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.rule import Rule

        if self.text.cell_len + 4 <= options.max_width:
            yield Rule(self.text, align="left")
        else:
            yield self.text
            yield Rule()


class Phrases:
    """Phrases joined by a separator that wrap only between phrases, never inside one
    (``mood 3.8`` stays together), at the width they are drawn at; piped output (never
    wrapped) stays on one line."""

    def __init__(self, pieces: list[Text], sep: Text, *, style: str = "") -> None:
        self.pieces, self.sep, self.style = pieces, sep, style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        width = options.max_width if console.is_terminal else None
        line = Text(style=self.style)
        for piece in self.pieces:
            wide = line.cell_len + self.sep.cell_len + piece.cell_len
            if line.cell_len and width is not None and wide > width:
                yield line
                line = Text(style=self.style)
            elif line.cell_len:
                line.append_text(self.sep)
            line.append_text(piece)
        yield line


def entries(
    records: list[Record],
    *,
    base: Path,
    title: RenderableType | None = None,
    fields: Lookup | None = None,
) -> list[RenderableType]:
    from rich.markdown import Markdown
    from rich.text import Text

    out: list[RenderableType] = []
    if title is not None:
        out.append(title)
    for record in records:
        out.append(Text(""))
        out.append(_Heading(Text(words.entry_heading(record), style="bold")))
        out.append(Text(words.shown_place(record, base), style="dim"))
        facts = words.facts(record, fields)
        if facts:
            line = Text()
            for index, (label, value) in enumerate(facts):
                if index:
                    line.append(words.SEP, style="dim")
                line.append(f"{label} ", style="cyan")
                line.append(value)
            out.append(line)
        problem = words.problem(record)
        if problem:
            out.append(Text(f"⚠ {problem}", style="yellow"))
            out.append(Text(""))
            out.append(Text(record.body or ""))  # as it is: it may not be Markdown at all
        else:
            out.append(Text(""))
            out.append(Markdown(words.body_without_title(record)))
    return out


EXCERPT_MIN = 10  # the first line's least width; with less room it is left out
STACK_WIDTH = 10  # an intention id stacked at its hyphens, about this wide a line


def listing(records: list[Record], *, title: RenderableType | None = None) -> list[RenderableType]:
    """One line an entry; laid out for the width it is drawn at (see ``_Listing``)."""
    return [*([title] if title is not None else []), _Listing(records)]


class _Listing:
    """Review's list, fitted when drawn: intention ids (which people type) are never cut.
    Where one line of headers does not fit, each id stacks at its hyphens; where that
    does not fit either, dates lose their year (the header line has it) and then the
    first line of the entry goes."""

    def __init__(self, records: list[Record]) -> None:
        self.records = records

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        keys = words.intention_columns(self.records)
        width = options.max_width
        template = max((len(r.template or "") for r in self.records), default=0)
        fixed = template + 4 + 2 * (3 + len(keys))  # the template, mood, gaps between columns
        stacked = False
        short_date = False
        excerpt = True
        if 10 + fixed + sum(map(len, keys)) + EXCERPT_MIN > width:
            stacked = True
            heads = [_stack(k) for k in keys]
            need = fixed + sum(max(map(len, h.split("\n"))) for h in heads)
            short_date = 10 + need + EXCERPT_MIN > width
            excerpt = 5 + need + EXCERPT_MIN <= width or not short_date
        yield self._table(keys, stacked=stacked, short_date=short_date, excerpt=excerpt)

    def _table(self, keys: list[str], *, stacked: bool, short_date: bool, excerpt: bool) -> Table:
        from rich.table import Table

        # The first line takes whatever width the other columns leave (hence expand).
        table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False, expand=True)
        table.add_column("date", no_wrap=True)
        table.add_column("template", no_wrap=True)
        table.add_column("mood", justify="right", no_wrap=True)
        for key in keys:
            table.add_column(_stack(key) if stacked else key, justify="right", no_wrap=True)
        if excerpt:
            table.add_column("first line", overflow="ellipsis", no_wrap=True, ratio=1)
        for record in self.records:
            ratings = record.ratings()
            day = record.date.isoformat()
            row = [
                day[5:] if short_date else day,
                record.template or "",
                fmt.number(record.mood),
                *(fmt.number(ratings.get(key)) for key in keys),
            ]
            if excerpt:
                row.append(("⚠ " if record.problem else "") + record.excerpt)
            table.add_row(*row, style="yellow" if record.problem else None)
        return table


def _stack(key: str) -> str:
    """``present-`` over ``with-kids``: an id split only after its hyphens, whole."""
    lines = [""]
    for part in key.replace("-", "-\n").split("\n"):
        if lines[-1] and len(lines[-1]) + len(part) > STACK_WIDTH:
            lines.append(part)
        else:
            lines[-1] += part
    return "\n".join(lines)


def hits(result: SearchResult, *, base: Path, title: RenderableType) -> list[RenderableType]:
    from rich.padding import Padding
    from rich.text import Text

    out: list[RenderableType] = [title]
    for hit in result.hits:
        record = hit.record
        head = Text()
        head.append(record.date.isoformat(), style="bold")
        head.append(words.SEP, style="dim")
        head.append(record.template or "entry")
        head.append(words.SEP, style="dim")
        head.append(words.shown_place(record, base), style="dim")
        snippet = Text(hit.snippet)
        for start, end in hit.highlights:
            snippet.stylize(HIGHLIGHT, start, end)
        if hit.label:
            snippet = Text.assemble((f"{hit.label}{LABEL_SEP}", "dim"), snippet)
        out += [Text(""), head, Padding(snippet, (0, 0, 0, 4))]
    return out


def bold(text: str) -> Text:
    from rich.text import Text

    return Text(text, style="bold")


def groups(
    found: list[tuple[str, date, list[Record]]], *, base: Path, fields: Lookup
) -> list[RenderableType]:
    """Revisit's groups: each under its label and long date, a blank line after."""
    from rich.text import Text

    out: list[RenderableType] = []
    for label, day, records in found:
        title = title_line([("", label), ("", fmt.long_date(day))])
        out += entries(records, base=base, title=title, fields=fields)
        out.append(Text(""))
    return out
