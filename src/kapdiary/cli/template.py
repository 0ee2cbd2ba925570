"""`kapdiary template list | show | new | import | check`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app

template_app = typer.Typer(
    help="""Journal templates: the built-in ones and yours (a coach's, say).

A template of yours with a built-in's name takes its place.

Examples:

    kapdiary template list

    kapdiary template show evening

    kapdiary template check my-coach.md
""",
    no_args_is_help=True,
)
app.add_typer(template_app, name="template")


@template_app.command(
    "list",
    help="""List the templates you can write with.

Example:

    kapdiary template list --json
""",
)
def list_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    from kapdiary import templates
    from kapdiary.errors import KapdiaryError

    st = state.get(ctx)
    rows: list[dict[str, Any]] = []
    for name, (path, builtin) in templates.available(st.home.templates).items():
        try:
            description = templates.load(path, builtin=builtin).description
            problem = None
        except KapdiaryError as exc:  # a broken template is listed, not fatal
            description, problem = "", exc.message
        rows.append(
            {
                "name": name,
                "source": "built-in" if builtin else "yours",
                "path": str(path),
                "description": description,
                "default": name == st.config.default_template,
                "problem": problem,
            }
        )
    if as_json:
        state.print_json(rows)
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    table.add_column("template", style="bold")
    table.add_column("from")
    table.add_column("what it is for")
    for row in rows:
        note = (
            f"[red]broken: kapdiary template check {row['path']}[/red]"
            if row["problem"]
            else row["description"]
        )
        name = f"{row['name']} (default)" if row["default"] else row["name"]
        table.add_row(name, str(row["source"]), str(note))
    state.console().print(table)


@template_app.command(
    "show",
    help="""Show what a template asks: its fields and writing prompts.

Examples:

    kapdiary template show evening

    kapdiary template show evening --raw
""",
)
def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The template's name.")],
    raw: Annotated[bool, typer.Option("--raw", help="Print the template file as it is.")] = False,
) -> None:
    from kapdiary import templates

    template = templates.find(state.get(ctx).home.templates, name)
    if raw:
        typer.echo(template.text, nl=False)
        return
    out = state.console()
    out.print(f"[bold]{template.name}[/bold] ({template.source}, {template.path})", markup=True)
    if template.description:
        out.print(template.description, markup=False)
    out.print()
    out.print("[bold]Fields[/bold]")
    if not template.fields:
        out.print("  (none)")
    for f in template.fields:
        out.print(f"  [cyan]{f.key}[/cyan] ({f.type}): ", end="")
        out.print(f"{f.prompt} — {f.describe()}", markup=False)
    out.print()
    out.print("[bold]Writing prompts[/bold]")
    for prompt in template.prompts:
        out.print(f"  ## {prompt.heading}", markup=False)
        if prompt.guidance:
            out.print(f"     {prompt.guidance}", style="dim", markup=False)


@template_app.command(
    "check",
    help="""Check a template file: every problem with its line and the fix.

Exits 1 when there is any problem.

Example:

    kapdiary template check ~/Downloads/coach-weekly.md
""",
)
def check(
    file: Annotated[Path, typer.Argument(help="The template file.", exists=True, dir_okay=False)],
) -> None:
    from kapdiary import templates
    from kapdiary.errors import EXIT_FAILURE

    problems = templates.check(file)
    if not problems:
        typer.echo(f"{file}: no problems found.")
        return
    for problem in problems:
        typer.echo(f"{file}:{problem.line}: {problem.message}")
    typer.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.", err=True)
    raise typer.Exit(EXIT_FAILURE)
