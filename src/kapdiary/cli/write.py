"""`kapdiary write`: a guided entry, an entry in $EDITOR, or one from options and stdin."""

from __future__ import annotations

import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app
from kapdiary.messages import writing as said

if TYPE_CHECKING:
    from contextlib import AbstractContextManager
    from pathlib import Path

    from kapdiary.config import Config
    from kapdiary.drafts import Draft
    from kapdiary.intentions import Intention
    from kapdiary.locations import Home
    from kapdiary.sessions import Session
    from kapdiary.templates import Template
    from kapdiary.use_cases.write import Page, WriteRequest, Writing

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
    from kapdiary.cli.asking import TerminalAsker
    from kapdiary.errors import EXIT_INTERRUPTED
    from kapdiary.use_cases.write import Stopped
    from kapdiary.use_cases.write import write as write_entry

    st = state.get(ctx)
    request = _request(
        st, template_name, day, future=future, editor=editor, sets=tuple(sets or ()),
        text=text, guided=guided, resume=resume, chosen=chosen,
    )  # fmt: skip
    try:
        writing, path = write_entry(request, TerminalAsker(), TerminalComposer())
    except Stopped:  # the draft is kept and said so
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if path is None:
        return
    answers = writing.answers
    if as_json:
        state.print_json({"path": str(path), "date": answers.day, **answers.meta()})
    else:
        from kapdiary.messages import saved

        typer.echo(saved(path))
    asking = bool(writing.guided or resume or (editor and sys.stdin.isatty()))
    _after_saving(st, writing, path, add_intentions=add_intentions, asking=asking, err=as_json)


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


class TerminalComposer:
    """The prompt and the editor, for the `write` use case."""

    def guided(self, home: Home, page: Page) -> Path | None:
        from kapdiary.cli.guided import write_guided

        return write_guided(home, page)

    def session(self) -> AbstractContextManager[object]:
        from kapdiary.cli.guided import interruptible

        return interruptible()

    def edit(self, command: list[str], text: str, name: str) -> tuple[str, int]:
        from kapdiary.cli.editor import run_editor

        return run_editor(command, text, name)

    def say(self, line: str = "") -> None:
        from kapdiary.cli.guided import say

        say(line)


def _after_saving(
    st: state.State, writing: Writing, path: Path, *, add_intentions: bool, asking: bool, err: bool
) -> None:
    """A check-in's score, later sessions, new intentions, then the follow-up check-ins."""
    from kapdiary import writing as writing_rules

    template, day, cfg = writing.template, writing.answers.day, st.config
    scored = template.scored is not None
    is_session = writing_rules.is_session(template)
    if is_session or writing_rules.asks_new_intentions(template) or scored:
        from kapdiary import entry
        from kapdiary.storage import read_text

        written = entry.parse(read_text(path), path)  # as saved: the editor may change anything
        if scored:
            _after_check_in(template, written.meta, cfg.country, err=err, said=writing.guided)
        if is_session:
            _later_sessions(writing.course, written.meta)
        _new_intentions(
            st.home, template, written.meta, day, add_all=add_intentions, ask=asking, err=err
        )
    if asking and template.follow_with:
        _follow_with(st.home, template, day, st.now(), writing.page.intentions, cfg)


def _after_check_in(
    template: Template, meta: dict[str, Any], country: str | None, *, err: bool, said: bool
) -> None:
    """A questionnaire's score, and, when an answer asks for care, where help is.

    The entry is already saved: nothing here can stop or delay that.
    """
    from kapdiary import writing
    from kapdiary.fields import SCORE_KEY, SEVERITY_KEY
    from kapdiary.messages import score_line

    f = template.scored
    if f is None:
        return
    if not said and isinstance(meta.get(SCORE_KEY), int):
        line = score_line(f.label or f.key, meta[SCORE_KEY], str(meta.get(SEVERITY_KEY)))
        typer.echo(line, err=err)
    if writing.asks_for_care(template, meta):
        from kapdiary.safety import safety_message

        out = state.console(stderr=err)
        out.print()
        out.print(safety_message(country), markup=False, highlight=False)


def _follow_with(
    home: Home,
    template: Template,
    day: date,
    now: datetime,
    active: list[Intention],
    cfg: Config,
) -> None:
    """Offer the templates a template names in ``follow_with`` (the weekly check-ins)."""
    from kapdiary import templates, writing
    from kapdiary.cli.guided import write_guided
    from kapdiary.errors import KapdiaryError
    from kapdiary.use_cases.write import Page

    found: list[Template] = []
    for name in template.follow_with:
        try:
            found.append(templates.find(home.templates, name))
        except KapdiaryError:
            continue  # a follow-up that is not there is simply not offered
    if not found:
        return
    labels = ", ".join((t.scored.label if t.scored and t.scored.label else t.name) for t in found)
    typer.echo()
    try:
        now_too = typer.confirm(said.offer_check_ins(labels))
    except typer.Abort as exc:  # end of input: the answer is no
        state.stop_if_interrupted(exc)
        typer.echo()
        now_too = False
    if not now_too:
        typer.echo(said.check_ins_any_time([t.name for t in found]))
        return
    for follow in found:
        answers = writing.Answers(follow, day, now.strftime("%H:%M"))
        values = writing.placeholders(day, now, follow.name, cfg.name)
        typer.echo()
        path = write_guided(home, Page(answers, values, active, cfg.areas))
        if path is None:
            continue
        from kapdiary import entry
        from kapdiary.messages import saved
        from kapdiary.storage import read_text

        typer.echo(saved(path))
        written = entry.parse(read_text(path), path)
        _after_check_in(follow, written.meta, cfg.country, err=False, said=True)


def _standard_input() -> str:
    from kapdiary.errors import KapdiaryError

    try:
        return sys.stdin.read()
    except UnicodeDecodeError as exc:  # a file in another encoding, piped in
        raise KapdiaryError(said.stdin_not_utf8(exc.object[exc.start])) from None


def _later_sessions(course: list[Session], meta: dict[str, Any]) -> None:
    """A session written for an earlier day leaves later numbers as they are: say so."""
    from kapdiary.sessions import later_with_lower_numbers, written_number

    number, day = written_number(meta.get("session")), meta.get("date")
    if number is None or not isinstance(day, date):
        return
    later = later_with_lower_numbers(course, day, number)
    if later:
        listed = ", ".join(f"session {s.number} on {s.date.isoformat()}" for s in later)
        typer.echo(
            said.later_sessions_keep_numbers(listed, later[0].date.isoformat()),
            err=True,
        )


def _new_intentions(
    home: Home,
    template: Template,
    meta: dict[str, Any],
    day: date,
    *,
    add_all: bool,
    ask: bool,
    err: bool = False,
) -> None:
    """Offer the saved entry's new intentions (one by one), or add them with the flag.

    Never silently: without --add-intentions and without a person to ask, it only says so.
    """
    from kapdiary import intentions as intention_file
    from kapdiary import writing

    offered = writing.intentions_to_offer(template, meta, intention_file.load(home.intentions_file))
    if not offered:
        return
    if not add_all and not ask:
        listed = ", ".join(repr(text) for text in offered)
        typer.echo(
            said.intentions_not_added(listed, offered[0]),
            err=True,
        )
        return
    typer.echo(err=err)
    for number, text in enumerate(offered):
        if not add_all:
            try:
                if not typer.confirm(said.offer_intention(text), default=True):
                    continue
            except typer.Abort as exc:  # end of input
                state.stop_if_interrupted(exc)
                rest = len(offered) - number
                typer.echo(err=err)
                typer.echo(
                    said.stopped_offering_intentions(rest),
                    err=err,
                )
                return
        added = intention_file.add(home.intentions_file, text, today=day)
        typer.echo(said.intention_added(added.text, added.id), err=err)
