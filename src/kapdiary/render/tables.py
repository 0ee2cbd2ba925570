"""Tables for the terminal, described without Rich: a command names its columns and rows,
and this draws them (Rich's Table: no box, no padding at the edges, as every list here)."""

# No ``from __future__ import annotations`` in this module: typing.NamedTuple would compile
# each field's annotation string at import, and a process's first compile costs ~10 M
# instructions (tests/test_launch.py checks none happens). Names that exist only for the
# type checker, and forward references, are written in quotes.
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from kapdiary.render.console import Plain


class Column(NamedTuple):
    """One column of a table: its header and how its cells are drawn."""

    header: str = ""
    style: str | None = None
    justify: Literal["left", "right"] = "left"
    no_wrap: bool = False
    fold: bool = False  # a long word (a path) folds onto the next line instead of "…"


def table(
    columns: Sequence[Column],
    rows: Iterable[Sequence[str]],
    *,
    header: bool = True,
    header_style: str | None = None,
    show_edge: bool = True,
) -> "Table":
    from rich.table import Table

    drawn = Table(
        box=None,
        pad_edge=False,
        show_header=header,
        show_edge=show_edge,
        header_style=header_style or "table.header",  # Rich's own default
    )
    for c in columns:
        drawn.add_column(
            c.header,
            style=c.style,
            justify=c.justify,
            no_wrap=c.no_wrap,
            overflow="fold" if c.fold else "ellipsis",
        )
    for row in rows:
        drawn.add_row(*row)
    return drawn


def show(
    out: "Console | Plain",
    columns: Sequence[Column],
    rows: Iterable[Sequence[str]],
    *,
    header: bool = True,
    header_style: str | None = None,
    show_edge: bool = True,
) -> None:
    """Print a table of ``columns`` and ``rows`` (markup in cells is read: escape words).

    On a screen too narrow for the table's least width (where Rich would cut the cells
    that do not wrap, such as ids people type), each row is shown as a small card instead:
    its first cell on a line, then each other column's header and value.
    """
    rows = list(rows)
    from kapdiary.render.console import Plain

    if isinstance(out, Plain):
        out.print(plain(columns, rows, header=header), markup=False)
        return
    drawn = table(columns, rows, header=header, header_style=header_style, show_edge=show_edge)
    from rich.measure import Measurement

    least = Measurement.get(out, out.options.update_width(100_000), drawn).minimum
    if not header or least <= out.width:
        out.print(drawn)
        return
    labels = [Column(style="dim", no_wrap=True), Column(fold=True)]
    for row in rows:
        out.print(row[0], style=columns[0].style)
        rest = [(c.header, cell) for c, cell in zip(columns[1:], row[1:], strict=True) if cell]
        out.print(table(labels, [("  " + h, cell) for h, cell in rest], header=False))


def plain(columns: Sequence[Column], rows: Sequence[Sequence[str]], *, header: bool = True) -> str:
    """The table as plain text, for output that is not a terminal: Rich's layout without a
    box (two spaces between columns), never wrapped or cut, markup read."""
    from kapdiary.render.markup import unmarked

    lines = [[unmarked(cell) for cell in row] for row in rows]
    if header:
        lines.insert(0, [c.header for c in columns])
    widths = [max((len(line[i]) for line in lines), default=0) for i in range(len(columns))]
    out = []
    for line in lines:
        cells = [
            cell.rjust(width) if c.justify == "right" else cell.ljust(width)
            for c, cell, width in zip(columns, line, widths, strict=True)
        ]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def escape(text: str) -> str:
    """A user's words in markup, shown as they are (``[`` is not read as a style)."""
    from kapdiary.render.markup import escape as escaped

    return escaped(text)
