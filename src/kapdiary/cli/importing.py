"""`kapdiary import`: entries from jrnl, Day One, Daylio or a folder of Markdown notes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app

if TYPE_CHECKING:
    from kapdiary.importers import Plan, Written

IMPORT_HELP = """Bring in the entries of another journal: jrnl, Day One, Daylio, or Markdown notes.

Reads a jrnl journal file or its `jrnl --export json`, a Day One JSON export (the .zip or
its Journal.json), a Daylio CSV export, or a folder of Markdown notes with YAML front
matter (Obsidian daily notes). Each entry becomes a normal kapdiary entry with
`template: imported`, its tags (jrnl's @tags, Day One's tags, Daylio's activities; starred
entries get the tag `starred`) and, from Daylio, its mood (rad 9, good 7, meh 5, bad 3,
awful 1). First it shows how many entries, from when to when, and what it skips and why;
then it asks (--yes in scripts). Running it again adds nothing twice. An entry marked
private in the source stays private. See docs/import.md.

Examples:

    kapdiary import ~/journal.txt

    kapdiary import journal.json --dry-run

    kapdiary import "Day One Export.zip" --yes

    kapdiary import daylio_export.csv --mood super=9

    kapdiary import ~/Obsidian/Daily --from markdown --json --yes
"""

From = Annotated[
    str | None,
    typer.Option(
        "--from",
        "-f",
        metavar="jrnl|dayone|daylio|markdown",
        help="The kind of journal (default: told from the file).",
        show_default=False,
    ),
]
Mood = Annotated[
    list[str] | None,
    typer.Option(
        "--mood",
        metavar="LABEL=N",
        help="Daylio: a mood label's number on 1-10 (repeat; for moods you renamed).",
        show_default=False,
    ),
]


@app.command(name="import", help=IMPORT_HELP)
def import_(
    ctx: typer.Context,
    source: Annotated[
        Path,
        typer.Argument(metavar="FILE|FOLDER", help="The export file, or the notes' folder."),
    ],
    fmt: From = None,
    mood: Mood = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show what would be imported; write nothing.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Import without asking.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the outcome as JSON.")] = False,
) -> None:
    from kapdiary.messages import importing as words

    if as_json and not (yes or dry_run):
        from kapdiary.errors import UsageError

        raise UsageError(words.JSON_NEEDS)
    st = state.get(ctx)
    plan = _plan(st, source, fmt, _moods(mood or []))
    if not as_json:
        for line in words.preview(plan):
            typer.echo(line)
    if dry_run or not plan.new or not _confirmed(yes=yes, quiet=as_json):
        return _finish(plan, None, as_json, dry_run=dry_run)
    _finish(plan, _write(st, plan), as_json, dry_run=False, where=st.home.entries)


def _write(st: state.State, plan: Plan) -> Written:
    """The entries written; a default home made by this first write is said, as `write` does."""
    from kapdiary.cli.notices import index_fallback, notice
    from kapdiary.importers import write
    from kapdiary.messages import home_created

    home = st.home
    created = not home.path.exists()  # only the default home: a named one must exist
    written = write(home, plan, index_fallback())
    if created:
        notice(home_created(home.path))
    return written


def _moods(given: list[str]) -> dict[str, int]:
    from kapdiary.errors import UsageError
    from kapdiary.messages.importing import bad_mood_map

    moods: dict[str, int] = {}
    for item in given:
        label, sep, number = item.rpartition("=")
        if not sep or not label.strip() or not number.strip().isdigit():
            raise UsageError(bad_mood_map(item))
        if not 1 <= int(number) <= 10:
            raise UsageError(bad_mood_map(item))
        moods[label.strip().lower()] = int(number)
    return moods


def _plan(st: state.State, source: Path, fmt: str | None, moods: dict[str, int]) -> Plan:
    from kapdiary import importers
    from kapdiary.cli.notices import index_fallback

    found = importers.detect(source.expanduser(), fmt)
    home = st.home
    parsed = importers.read(found, moods, home.path)
    return importers.plan(home, found, parsed, st.config.day_start_minutes, index_fallback())


def _confirmed(*, yes: bool, quiet: bool) -> bool:
    import sys

    from kapdiary.errors import UsageError
    from kapdiary.messages import importing as words

    if yes:
        return True
    if quiet or not sys.stdin.isatty():
        raise UsageError(words.NO_TERMINAL)
    try:
        return typer.confirm(words.CONFIRM, default=True)
    except typer.Abort as exc:  # end of input: the answer is no
        state.stop_if_interrupted(exc)
        return False


def _finish(
    plan: Plan, written: Written | None, as_json: bool, *, dry_run: bool, where: Path | None = None
) -> None:
    from kapdiary.messages import importing as words

    if as_json:
        state.print_json(_as_json(plan, written, dry_run=dry_run))
    elif written is not None and where is not None:
        typer.echo(words.summary(plan, written, where))
    elif dry_run:
        typer.echo(words.DRY_RUN)
    elif not plan.new:
        typer.echo(words.nothing_new(plan))
    else:
        typer.echo(words.NOT_WRITTEN)


def _as_json(plan: Plan, written: Written | None, *, dry_run: bool) -> dict[str, Any]:
    def problem(p: Any) -> dict[str, Any]:
        return {"where": p.where, "problem": p.problem, "skipped": p.skipped}

    return {
        "source": {"format": plan.source.fmt, "path": str(plan.source.path)},
        "found": plan.found,
        "new": len(plan.new),
        "first": plan.first.isoformat() if plan.first else None,
        "last": plan.last.isoformat() if plan.last else None,
        "already_imported": plan.already,
        "deleted_since": plan.deleted,
        "skipped": plan.skipped,
        "problems": [problem(p) for p in [*plan.repeated, *plan.problems]],
        "dry_run": dry_run,
        "written": [str(p) for p in written.paths] if written else [],
        "imported_meanwhile": written.meanwhile if written else 0,
    }
