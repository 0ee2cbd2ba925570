"""`kapdiary template list | show | new | import | check`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kapdiary.cli import completion, state
from kapdiary.cli.app import app
from kapdiary.messages import templates as said

if TYPE_CHECKING:
    from kapdiary.templates import Problem

template_app = typer.Typer(
    help="""Journal templates: the built-in ones and yours (a coach's, say).

A template of yours with a built-in's name takes its place.

Examples:

    kapdiary template list

    kapdiary template show evening

    kapdiary template new coach-weekly --from weekly

    kapdiary template import ~/Downloads/coach-weekly.md

    kapdiary template check my-coach.md
""",
    no_args_is_help=True,
)
app.add_typer(template_app, name="template")


Force = Annotated[
    bool, typer.Option("--force", help="Replace a template of yours with the same name.")
]


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
    rows = _rows(state.get(ctx))
    if as_json:
        state.print_json(rows)
        return
    from kapdiary.render import tables
    from kapdiary.render.tables import Column

    shown = [
        (
            f"{row['name']} (default)" if row["default"] else str(row["name"]),
            str(row["source"]),
            said.broken_template(row["path"]) if row["problem"] else str(row["description"]),
        )
        for row in rows
    ]
    columns = [
        Column("template", style="bold", no_wrap=True),  # a name one types: never cut
        Column("from", no_wrap=True),
        Column("what it is for"),
    ]
    tables.show(state.console(), columns, shown)


def _rows(st: state.State) -> list[dict[str, Any]]:
    """Every template one can write with; a broken one is listed with its problem."""
    from kapdiary import templates
    from kapdiary.errors import KapdiaryError

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
    return rows


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
    name: Annotated[
        str, typer.Argument(help="The template's name.", autocompletion=completion.template_names)
    ],
    raw: Annotated[bool, typer.Option("--raw", help="Print the template file as it is.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="The template's fields and prompts as JSON.")
    ] = False,
) -> None:
    from kapdiary import templates

    template = templates.find(state.get(ctx).home.templates, name)
    if raw:
        typer.echo(template.text, nl=False)
        return
    if as_json:
        state.print_json(templates.describe(template))
        return
    from kapdiary.render import pages

    pages.template(state.console(), template)


@template_app.command(
    "check",
    help="""Check a template file: every problem with its line and the fix.

Exits 1 when there is any problem.

Example:

    kapdiary template check ~/Downloads/coach-weekly.md
""",
)
def check(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The template file.", exists=True, dir_okay=False)],
) -> None:
    from kapdiary import templates
    from kapdiary.errors import EXIT_FAILURE

    problems = templates.check(file)
    if not problems:
        _warn_clashes(ctx, file)
        typer.echo(said.template_has_no_problems(file))
        return
    _print_problems(file, problems)
    raise typer.Exit(EXIT_FAILURE)


def _warn_clashes(ctx: typer.Context, file: Path) -> None:
    """Keys this template shares with another of the diary's templates, with another range:
    not a problem, but progress will show two series (said on stderr)."""
    from kapdiary import templates
    from kapdiary.errors import KapdiaryError

    try:
        user_dir = state.get(ctx).home.templates
    except KapdiaryError:  # no diary yet: compare with the built-in templates only
        user_dir = file.parent / ".no-diary-templates"
    for clash in templates.clashes(templates.load(file), user_dir):
        typer.echo(said.template_warning(file, clash.line, clash.message), err=True)


def _print_problems(file: Path, problems: list[Problem], *, err: bool = False) -> None:
    for problem in problems:
        typer.echo(f"{file}:{problem.line}: {problem.message}", err=err)
    typer.echo(said.problems_found(len(problems)), err=True)


def _saved(path: Path, name: str, replaced_builtin: bool) -> None:
    from kapdiary import vault

    typer.echo(said.template_saved(name, path))
    if replaced_builtin:
        typer.echo(said.replaces_builtin_template(name))
    if vault.is_age(path):
        typer.echo(said.edit_encrypted_template(name))
    else:
        typer.echo(said.edit_then_check_template(path))
    typer.echo(said.write_with_template(name))


@template_app.command(
    "new",
    help="""Make a template of your own, from a small commented starter or from another template.

It is saved in your diary's templates folder, ready to edit in any text editor (in an
encrypted diary it is an age file: the command says how to change it).

Examples:

    kapdiary template new morning

    kapdiary template new coach-weekly --from weekly
""",
)
def new(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(help="Its name: lowercase letters, digits, - and _ (like morning).")
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="TEMPLATE",
            help="Start from a copy of this template (see `kapdiary template list`).",
            show_default=False,
        ),
    ] = None,
    force: Force = False,
) -> None:
    from kapdiary import templates

    user_dir = state.get(ctx).home.templates
    templates.check_name(name)
    path = user_dir / f"{name}.md"
    if source is not None:
        text = templates.find(user_dir, source).text
    else:
        text = templates.starter(name, path)
    builtin = name in _builtin_names()
    _saved(templates.save_user(user_dir, name, text, force=force), name, builtin)


@template_app.command(
    "import",
    help="""Add a template file (a coach's, say) to your templates, after checking it.

A file with problems is not copied: each problem is shown with its line and the fix.

Examples:

    kapdiary template import ~/Downloads/coach-weekly.md

    kapdiary template import "Morning check-in.md" --name morning --force
""",
)
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The template file.", exists=True, dir_okay=False)],
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="NAME",
            help="Save it under this name (default: from the file's name).",
            show_default=False,
        ),
    ] = None,
    force: Force = False,
) -> None:
    from kapdiary import templates
    from kapdiary.errors import EXIT_FAILURE
    from kapdiary.storage import read_text

    name = templates.check_name(name) if name is not None else templates.name_for_file(file)
    text = read_text(file)
    problems = templates.check(file, text)
    if problems:
        _print_problems(file, problems, err=True)
        typer.echo(said.nothing_imported(), err=True)
        raise typer.Exit(EXIT_FAILURE)
    user_dir = state.get(ctx).home.templates
    builtin = name in _builtin_names()
    _warn_clashes(ctx, file)
    _saved(templates.save_user(user_dir, name, text, force=force), name, builtin)


def _builtin_names() -> set[str]:
    from kapdiary import templates

    return {path.stem for path in templates.builtin_dir().glob("*.md")}
