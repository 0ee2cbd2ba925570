"""Plain text for pipes and files: Markdown bodies as written, no colour, no pager."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary.messages.search import LABEL_SEP
from kapdiary.render import format as fmt
from kapdiary.render import words

if TYPE_CHECKING:
    from kapdiary.index import Record, SearchResult
    from kapdiary.lookup import Lookup

EXCERPT_WIDTH = 60


def line(parts: list[tuple[str, str]]) -> str:
    return words.SEP.join(f"{label}{value}" for label, value in parts)


def entries(
    records: list[Record], *, base: Path, title: str | None = None, fields: Lookup | None = None
) -> str:
    """Full entries, each under a line with its day, time, template and file."""
    out: list[str] = []
    if title:
        out += [title, ""]
    for record in records:
        out.append(f"== {words.entry_heading(record)} == {words.shown_place(record, base)}")
        facts = words.facts(record, fields)
        if facts:
            out.append(
                words.SEP.join(
                    f"{label}{'' if label.endswith('?') else ':'} {value}" for label, value in facts
                )
            )
        problem = words.problem(record)
        if problem:
            out.append(f"! {problem}")
        out += ["", words.body_without_title(record).strip(), ""]
    return "\n".join(out) + "\n"


def listing(records: list[Record], *, title: str | None = None) -> str:
    """One aligned line per entry: date, template, mood, each intention, the first line."""
    intentions = words.intention_columns(records)
    head = ["date", "template", "mood", *intentions, "first line"]
    rows = [head]
    for record in records:
        ratings = record.ratings()
        excerpt = record.excerpt
        if len(excerpt) > EXCERPT_WIDTH:
            excerpt = excerpt[: EXCERPT_WIDTH - 1].rstrip() + "…"
        rows.append(
            [
                record.date.isoformat(),
                record.template or "",
                fmt.number(record.mood),
                *(fmt.number(ratings.get(key)) for key in intentions),
                ("! " if record.problem else "") + excerpt,
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head) - 1)]
    out = [title, ""] if title else []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        out.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(out) + "\n"


def hits(result: SearchResult, *, base: Path, title: str) -> str:
    out = [title, ""]
    for hit in result.hits:
        record = hit.record
        out.append(
            f"{record.date.isoformat()}{words.SEP}{record.template or 'entry'}"
            f"{words.SEP}{words.shown_place(record, base)}"
        )
        label = f"{hit.label}{LABEL_SEP}" if hit.label else ""
        out += [f"    {label}{hit.snippet}", ""]
    return "\n".join(out)
