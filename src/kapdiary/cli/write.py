"""`kapdiary write`: a guided entry, an entry in $EDITOR, or one from options and stdin."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app

if TYPE_CHECKING:
    from kapdiary.drafts import Draft
    from kapdiary.intentions import Intention
    from kapdiary.writing import Answers

WRITE_HELP = """Write an entry: guided, one question at a time (default template: evening).

In a terminal kapdiary asks each field and each writing prompt in turn. Without a terminal
give fields with --set and the text on standard input or with --text.

Examples:

    kapdiary write

    kapdiary write --date yesterday

    kapdiary write --editor

    echo "A calm day." | kapdiary write --set mood=6 --set intentions.present-with-kids=7

    kapdiary write --resume
"""


@app.command(help=WRITE_HELP)
def write(
    ctx: typer.Context,
    template_name: Annotated[
        str | None,
        typer.Argument(
            metavar="[TEMPLATE]",
            help="The template to follow (see `kapdiary template list`).",
            show_default=False,
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="The diary day: YYYY-MM-DD, today, yesterday or a weekday name.",
            show_default=False,
        ),
    ] = None,
    editor: Annotated[
        bool, typer.Option("--editor", "-e", help="Write in $VISUAL / $EDITOR instead.")
    ] = False,
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            "-s",
            metavar="KEY=VALUE",
            help="A field without prompting, like mood=6 or intentions.ID=7 (repeatable).",
            show_default=False,
        ),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option(
            "--text", "-t", help="The entry's text (instead of standard input).", show_default=False
        ),
    ] = None,
    guided: Annotated[
        bool | None,
        typer.Option(
            "--guided/--no-guided",
            help="Ask question by question (the default in a terminal without --set/--text).",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Carry on with the latest unfinished draft.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the saved entry's path and fields as JSON.")
    ] = False,
) -> None:
    from kapdiary import drafts, templates, writing
    from kapdiary import intentions as intention_file
    from kapdiary.dates import parse_day
    from kapdiary.errors import UsageError
    from kapdiary.storage import check_writable

    st = state.get(ctx)
    cfg = st.config
    home = st.home
    name = template_name or cfg.default_template
    template = templates.find(home.templates, name)
    check_writable(home.entries)  # before anyone types a word
    now = st.now()
    when: date = parse_day(day, st.today()) if day else st.today()
    active = intention_file.load(home.intentions_file)

    batch = bool(sets) or text is not None
    if guided is None:
        guided = not batch and not editor and sys.stdin.isatty()
    if batch and (guided or editor or resume):
        raise UsageError(
            "--set and --text write without prompting; leave out --guided/--editor/--resume"
        )

    draft: drafts.Draft | None = None
    if resume:
        pending = drafts.pending(home, template_name)
        if not pending:
            raise UsageError("there is no unfinished draft to resume; start with `kapdiary write`")
        draft = pending[0]
    elif guided or (editor and sys.stdin.isatty()):
        draft = _offer_draft(drafts.pending(home, template_name))
    if draft is not None and draft.template and draft.template != template.name:
        template = templates.find(home.templates, draft.template)

    answers = writing.Answers(template, when, now.strftime("%H:%M"))
    if draft is not None:
        _restore(answers, draft, active, cfg.areas, editor=editor)
    values = writing.placeholders(answers.day, now, template.name, cfg.name)

    if editor:
        from kapdiary.cli.editor import write_in_editor

        path = write_in_editor(home, cfg.editor, answers, values, active, cfg.areas, draft)
    elif guided or resume:
        from kapdiary.cli.guided import write_guided

        path = write_guided(home, answers, values, active, cfg.areas, draft)
    else:
        for assignment in sets or []:
            writing.apply_set(answers, assignment, active, cfg.areas)
        body = text if text is not None else ("" if sys.stdin.isatty() else sys.stdin.read())
        answers.sections = writing.sections_from_text(template, body, values)
        if answers.empty:
            from kapdiary.messages import nothing_to_write

            raise UsageError(nothing_to_write())
        path = writing.save(home, answers, values)
    if path is None:
        return
    if as_json:
        state.print_json({"path": str(path), "date": answers.day, **answers.meta()})
    else:
        from kapdiary.messages import saved

        typer.echo(saved(path))


def _restore(
    answers: Answers, draft: Draft, intentions: list[Intention], areas: list[str], *, editor: bool
) -> None:
    """Carry a draft's answers and words into a new run (fields become the defaults).

    The editor starts from the draft's own text and checks it on saving. At the prompt the
    draft must read as a valid entry, or the new answers would be saved over its words:
    a draft the editor left broken goes back to the editor.
    """
    from kapdiary.cli.editor import validate_fields, without_guidance
    from kapdiary.errors import UsageError
    from kapdiary.writing import NOTES_KEY

    entry = draft.entry
    meta = dict(entry.meta)
    if editor and entry.problem is not None:
        return
    if not editor:
        try:
            if entry.problem is not None:
                line = f"line {entry.problem_line}: " if entry.problem_line else ""
                raise UsageError(f"{line}{entry.problem}")
            meta = validate_fields(answers, meta, intentions, areas)
        except UsageError as exc:
            raise UsageError(
                f"the draft {draft.path} cannot be carried on at the prompt ({exc.message}); "
                "run `kapdiary write --resume --editor` to fix it there"
            ) from None
    if isinstance(meta.get("date"), date):
        answers.day = meta["date"]
    if isinstance(meta.get("time"), str):
        answers.time = meta["time"]
    notes = meta.pop(NOTES_KEY, None)
    if isinstance(notes, dict):
        answers.notes = {str(k): str(v) for k, v in notes.items()}
    for key in ("date", "time", "template"):
        meta.pop(key, None)
    if "private" in meta:
        answers.extra["private"] = meta.pop("private")
    answers.values = meta
    sections = ((s.heading, without_guidance(s.text).strip()) for s in entry.sections())
    answers.sections = {heading: text for heading, text in sections if text}


def _offer_draft(pending: list[Draft]) -> Draft | None:
    """Offer the newest unfinished draft before asking anything else."""
    if not pending:
        return None
    draft = pending[0]
    when = draft.day.isoformat() if draft.day else "an earlier day"
    question = (
        f"You have an unfinished {draft.template + ' ' if draft.template else ''}entry for {when} "
        f"({draft.words} words, kept in {draft.path}). Resume it?"
    )
    return draft if typer.confirm(question, default=True) else None
