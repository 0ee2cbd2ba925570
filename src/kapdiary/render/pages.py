"""The smaller commands' terminal pages: a template described, the config, a doctor
finding, the help-now text. Each takes what the library found and a console; none reads
a file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kapdiary.render.tables import Column, escape, show

if TYPE_CHECKING:
    from rich.console import Console

    from kapdiary.doctor import Finding
    from kapdiary.templates import Template


def finding(out: Console, found: Finding, *, max_also: int) -> None:
    """One doctor finding: its severity and place, what is wrong, other files, the fix."""
    where = f"{found.path}, line {found.line}" if found.line else found.path
    from kapdiary.render.console import Plain

    if isinstance(out, Plain):
        also = ""
        if found.also:
            more = len(found.also) - max_also
            also = f"  also: {', '.join(found.also[:max_also])}"
            also += f" and {more} more\n" if more > 0 else "\n"
        out.print(f"{found.severity}  {where}\n  {found.description}\n{also}  fix: {found.fix}\n",
                  markup=False)  # fmt: skip
        return
    from rich.text import Text

    style = "bold red" if found.problem else "yellow"
    out.print(Text.assemble((f"{found.severity}  ", style), (where, "bold")))
    out.print(Text(f"  {found.description}"))
    if found.also:
        shown = ", ".join(found.also[:max_also])
        more = len(found.also) - max_also
        out.print(Text(f"  also: {shown}" + (f" and {more} more" if more > 0 else ""), "dim"))
    out.print(Text.assemble(("  fix: ", "bold"), found.fix))
    out.print()


def help_now(out: Console, text: str, in_danger: str) -> None:
    """The helplines, the line that begins with ``in_danger`` in bold."""
    from kapdiary.render.console import Plain

    if isinstance(out, Plain):
        out.print(text, markup=False)
        return
    import re

    from rich.text import Text

    shown = Text(text)
    shown.highlight_regex(rf"(?m)^{re.escape(in_danger)}.*$", style="bold")
    out.print(shown)


def template(out: Console, found: Template) -> None:
    """A template's fields (with a questionnaire's items and bands) and writing prompts."""
    out.print(f"[bold]{found.name}[/bold] ({found.source}, {found.path})", markup=True)
    if found.description:
        out.print(found.description, markup=False)
    out.print()
    out.print("[bold]Fields[/bold]  (the key is what `kapdiary write --set KEY=VALUE` takes)")
    if not found.fields:
        out.print("  (none)")
    for f in found.fields:
        out.print(f"  [cyan]{f.key}[/cyan] ({f.type}): ", end="")
        out.print(f"{f.prompt} — {f.describe()}", markup=False, end="")
        out.print(f" (shown as “{f.label}”)" if f.label else "", markup=False)
        for item, question in f.items.items():
            out.print(f"      [cyan]{f.key}.{item}[/cyan]  ", end="")
            out.print(question, markup=False)
        if f.bands:
            bands = ", ".join(f"{low}+ {band}" for low, band in f.bands)
            out.print(f"      [dim]bands: {bands}[/dim]", markup=True)
    out.print()
    out.print("[bold]Writing prompts[/bold]")
    for prompt in found.prompts:
        out.print(f"  ## {prompt.heading}", markup=False)
        for line in prompt.guidance.splitlines():
            out.print(f"     {line}", style="dim", markup=False)


def config(
    out: Console, paths: list[tuple[str, str]], settings: list[tuple[str, str, str]]
) -> None:
    """Where everything is (label, path), then each setting (key, value, what it does)."""
    if not out.is_terminal:
        out.width = 10_000  # piped or redirected: whole paths on one line each, never cut
    show(
        out,
        [Column(style="bold"), Column(fold=True)],  # a narrow terminal folds a path
        [(label, escape(path)) for label, path in paths],
        header=False,
    )
    out.print()
    out.print("[bold]Settings[/bold]  (change one with `kapdiary config set KEY VALUE`)")
    show(
        out,
        [Column(style="cyan"), Column(), Column(style="dim")],
        [(key, escape(value), escape(about)) for key, value, about in settings],
        header=False,
    )
