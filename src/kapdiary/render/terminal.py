"""The terminal view (Rich): entries as rendered Markdown, tables, highlighted snippets.

Rich is imported inside the functions: only a command that draws in a terminal pays for
it, and ``rich.markdown`` only when full entries are shown.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary.render import format as fmt
from kapdiary.render import words

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from kapdiary.index import Record, SearchResult
    from kapdiary.templates import Lookup

HIGHLIGHT = "bold underline yellow"


def title_line(parts: list[tuple[str, str]]) -> Text:
    from rich.text import Text

    text = Text(style="bold")
    for index, (label, value) in enumerate(parts):
        if index:
            text.append(words.SEP, style="dim")
        text.append(label, style="cyan" if label else "")
        text.append(value)
    return text


def entries(
    records: list[Record],
    *,
    base: Path,
    title: RenderableType | None = None,
    fields: Lookup | None = None,
) -> list[RenderableType]:
    from rich.markdown import Markdown
    from rich.rule import Rule
    from rich.text import Text

    out: list[RenderableType] = []
    if title is not None:
        out.append(title)
    for record in records:
        out.append(Text(""))
        out.append(Rule(Text(words.entry_heading(record), style="bold"), align="left"))
        out.append(Text(words.shown_path(record.path, base), style="dim"))
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


def listing(records: list[Record], *, title: RenderableType | None = None) -> list[RenderableType]:
    from rich.table import Table

    intentions = words.intention_columns(records)
    # The first line takes whatever width the other columns leave (hence expand).
    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False, expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("template", no_wrap=True)
    table.add_column("mood", justify="right", no_wrap=True)
    for key in intentions:
        table.add_column(key, justify="right", no_wrap=True, overflow="ellipsis", max_width=18)
    table.add_column("first line", overflow="ellipsis", no_wrap=True, ratio=1, min_width=10)
    for record in records:
        ratings = record.ratings()
        excerpt = ("⚠ " if record.problem else "") + record.excerpt
        table.add_row(
            record.date.isoformat(),
            record.template or "",
            fmt.number(record.mood),
            *(fmt.number(ratings.get(key)) for key in intentions),
            excerpt,
            style="yellow" if record.problem else None,
        )
    return [*([title] if title is not None else []), table]


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
        head.append(words.shown_path(record.path, base), style="dim")
        snippet = Text(hit.snippet)
        for start, end in hit.highlights:
            snippet.stylize(HIGHLIGHT, start, end)
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
