"""`kapdiary write`: a guided entry, an entry in $EDITOR, or one from options and stdin."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kapdiary.cli import completion, state
from kapdiary.cli.app import app
from kapdiary.messages import writing as said

if TYPE_CHECKING:
    from pathlib import Path

    from kapdiary.drafts import Draft
    from kapdiary.use_cases.write import WriteRequest
    from kapdiary.writing import Answers

WRITE_HELP = """Write an entry: guided, one question at a time (default template: evening).

In a terminal kapdiary asks each field and each writing prompt in turn. Without a terminal
give fields with --set and the text on standard input or with --text.

Examples:

    kapdiary write

    kapdiary write --date yesterday

    kapdiary write --editor

    echo "A calm day." | kapdiary write --set mood=6 --set intentions.present-with-kids=7

    kapdiary write session --set route=4 --set dose_mg=35 --text "Warm, then very quiet."

    kapdiary write preparation --set "new_intentions=Rest without guilt" --add-intentions

    kapdiary write --resume
"""


TemplateNameOption = Annotated[
    str | None,
    typer.Argument(
        metavar="[TEMPLATE]",
        help="The template to follow (see `kapdiary template list`).",
        show_default=False,
        autocompletion=completion.template_names,
    ),
]

DayOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="The diary day: YYYY-MM-DD, yesterday, a weekday, 30 Nov, 3 days ago.",
        show_default=False,
    ),
]

FutureOption = Annotated[
    bool,
    typer.Option("--future", help="Allow a --date after today (writing ahead of time)."),
]

EditorOption = Annotated[
    bool, typer.Option("--editor", "-e", help="Write in $VISUAL / $EDITOR instead.")
]

SetsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        "-s",
        metavar="KEY=VALUE",
        help="A field without prompting, like mood=6 or intentions.ID=7 (repeatable).",
        show_default=False,
        autocompletion=completion.set_keys,
    ),
]

TextOption = Annotated[
    str | None,
    typer.Option(
        "--text", "-t", help="The entry's text (instead of standard input).", show_default=False
    ),
]

GuidedOption = Annotated[
    bool | None,
    typer.Option(
        "--guided/--no-guided",
        help="Ask question by question (the default in a terminal without --set/--text).",
        show_default=False,
    ),
]

ResumeOption = Annotated[
    bool, typer.Option("--resume", help="Carry on with the latest unfinished draft.")
]

AsJsonOption = Annotated[
    bool, typer.Option("--json", help="Print the saved entry's path and fields as JSON.")
]

AddIntentionsOption = Annotated[
    bool,
    typer.Option(
        "--add-intentions",
        help="Add the entry's new intentions (new_intentions) without asking.",
    ),
]


@app.command(help=WRITE_HELP)
def write(
    ctx: typer.Context,
    template_name: TemplateNameOption = None,
    day: DayOption = None,
    future: FutureOption = False,
    editor: EditorOption = False,
    sets: SetsOption = None,
    text: TextOption = None,
    guided: GuidedOption = None,
    resume: ResumeOption = False,
    as_json: AsJsonOption = False,
    add_intentions: AddIntentionsOption = False,
) -> None:
    run_write(
        ctx,
        template_name,
        day,
        editor=editor,
        sets=sets,
        text=text,
        guided=guided,
        resume=resume,
        as_json=as_json,
        add_intentions=add_intentions,
        future=future,
    )


def run_write(
    ctx: typer.Context,
    template_name: str | None,
    day: str | None,
    *,
    editor: bool = False,
    sets: list[str] | None = None,
    text: str | None = None,
    guided: bool | None = None,
    resume: bool = False,
    as_json: bool = False,
    add_intentions: bool = False,
    chosen: Draft | None = None,
    future: bool = False,
) -> None:
    """`kapdiary write`; ``chosen`` is the draft `kapdiary drafts resume` names; ``future``
    allows a day after today."""
    from kapdiary.cli.asking import TerminalAsker, TerminalComposer
    from kapdiary.errors import EXIT_INTERRUPTED
    from kapdiary.use_cases.write import Stopped
    from kapdiary.use_cases.write import write as write_entry

    request = _request(
        state.get(ctx), template_name, day, future=future, editor=editor, sets=tuple(sets or ()),
        text=text, guided=guided, resume=resume, chosen=chosen, add_intentions=add_intentions,
        lines_to_stderr=as_json, on_saved=_print_json if as_json else _say_saved,
    )  # fmt: skip
    try:
        write_entry(request, TerminalAsker(), TerminalComposer())
    except Stopped:  # the draft is kept and said so
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _say_saved(path: Path, answers: Answers) -> None:
    from kapdiary.messages import saved

    typer.echo(saved(path))


def _print_json(path: Path, answers: Answers) -> None:
    state.print_json({"path": str(path), "date": answers.day, **answers.meta()})


def _request(
    st: state.State, template_name: str | None, day: str | None, *, future: bool, **chosen: Any
) -> WriteRequest:
    """The request, with --date read first (before the home is looked for)."""
    from kapdiary.cli.notices import index_fallback
    from kapdiary.dates import not_after, parse_day
    from kapdiary.use_cases.write import WriteRequest

    today = st.today()
    when = parse_day(day, today, "--date", future=future) if day is not None else today
    if not future:
        not_after(when, today)
    config = st.config
    return WriteRequest(
        home=st.home, config=config, today=today, now=st.now, day=when, day_given=bool(day),
        template_name=template_name, terminal=sys.stdin.isatty(), read_input=_standard_input,
        on_fallback=index_fallback(), **chosen,
    )  # fmt: skip


def _standard_input() -> str:
    from kapdiary.errors import KapdiaryError

    try:
        return sys.stdin.read()
    except UnicodeDecodeError as exc:  # a file in another encoding, piped in
        raise KapdiaryError(said.stdin_not_utf8(exc.object[exc.start])) from None
