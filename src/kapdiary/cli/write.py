"""`kapdiary write`: a guided entry, an entry in $EDITOR, or one from options and stdin."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app

if TYPE_CHECKING:
    from kapdiary.cli.guided import Reread
    from kapdiary.config import Config
    from kapdiary.drafts import Draft
    from kapdiary.index import Unusable
    from kapdiary.intentions import Intention
    from kapdiary.locations import Home
    from kapdiary.sessions import Position, Session
    from kapdiary.templates import Template
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
            help="The diary day: YYYY-MM-DD, yesterday, a weekday, 30 Nov, 3 days ago.",
            show_default=False,
        ),
    ] = None,
    future: Annotated[
        bool,
        typer.Option("--future", help="Allow a --date after today (writing ahead of time)."),
    ] = False,
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
    add_intentions: Annotated[
        bool,
        typer.Option(
            "--add-intentions",
            help="Add the entry's new intentions (new_intentions) without asking.",
        ),
    ] = False,
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
    from kapdiary import drafts, sessions, templates, writing
    from kapdiary import intentions as intention_file
    from kapdiary.cli.notices import index_fallback
    from kapdiary.dates import not_after, parse_day
    from kapdiary.errors import KapdiaryError, UsageError
    from kapdiary.storage import check_writable

    st = state.get(ctx)
    today = st.today()
    when: date = parse_day(day, today, "--date") if day is not None else today
    if not future:
        not_after(when, today)
    cfg = st.config
    home = st.home
    name = template_name or cfg.default_template
    template = templates.find(home.templates, name)
    created = not home.path.exists()  # only the default home: a named one must exist
    check_writable(home.entries)  # before anyone types a word
    if created:
        from kapdiary.messages import home_created

        typer.echo(f"kapdiary: {home_created(home.path)}", err=True)
    now = st.now()
    active = intention_file.load(home.intentions_file)

    batch = bool(sets) or text is not None
    if guided is None:
        guided = not batch and not editor and sys.stdin.isatty()
    if batch and (guided or editor or resume):
        raise UsageError(
            "--set and --text write without prompting; leave out --guided/--editor/--resume"
        )

    draft: drafts.Draft | None = None
    if chosen is not None:
        draft = chosen
    elif resume:
        draft = _draft_to_resume(home, template.name, when, pick_any=not (day or template_name))
    elif guided or (editor and sys.stdin.isatty()):
        draft = _offer_draft(drafts.pending(home), template.name, when)
    if draft is not None and draft.template and draft.template != template.name:
        template = templates.find(home.templates, draft.template)

    answers = writing.Answers(template, when, now.strftime("%H:%M"))
    if draft is not None:
        _restore(answers, draft, active, cfg.areas, editor=editor)
    fallback = index_fallback()  # the index is only a cache: said once if it fails
    course = sessions.course(home, on_fallback=fallback)
    if writing.is_session(template) and answers.session is None:
        answers.session = sessions.next_number(course, answers.day)
    earlier = sessions.position(course, answers.day)
    position = writing.course_position(answers, earlier)
    values = writing.placeholders(answers.day, now, template.name, cfg.name, position)
    where = _where(answers, position)
    reread = _reread(home, template, answers.day, fallback) if guided or resume or editor else None

    if editor:
        from kapdiary.cli.editor import write_in_editor

        path = write_in_editor(
            home, cfg.editor, answers, values, active, cfg.areas, draft, where=where, reread=reread
        )
    elif guided or resume:
        from kapdiary.cli.guided import write_guided

        path = write_guided(
            home, answers, values, active, cfg.areas, draft, where=where, reread=reread
        )
    else:
        for assignment in sets or []:
            writing.apply_set(answers, assignment, active, cfg.areas)
        position = writing.course_position(answers, earlier)  # --set session=N moves it
        values = writing.placeholders(answers.day, now, template.name, cfg.name, position)
        body = text if text is not None else ("" if sys.stdin.isatty() else _standard_input())
        answers.sections = writing.sections_from_text(template, body, values)
        if answers.empty:
            from kapdiary.messages import nothing_to_write

            raise UsageError(nothing_to_write())
        writing.check_scored(template, answers.values)
        try:
            path = writing.save(home, answers, values)
        except KapdiaryError as exc:  # no draft without a prompt: the text is only the caller's
            raise KapdiaryError(
                f"{exc.message}. Nothing was saved, so keep your text and run the command again",
                exit_code=exc.exit_code,
            ) from exc
    if path is None:
        return
    if as_json:
        state.print_json({"path": str(path), "date": answers.day, **answers.meta()})
    else:
        from kapdiary.messages import saved

        typer.echo(saved(path))
    asking = bool(guided or resume or (editor and sys.stdin.isatty()))
    scored = template.scored is not None
    if writing.is_session(template) or writing.asks_new_intentions(template) or scored:
        from kapdiary import entry
        from kapdiary.storage import read_text

        written = entry.parse(read_text(path), path)  # as saved: the editor may change anything
        if scored:
            _after_check_in(template, written.meta, cfg.country, err=as_json, said=guided)
        if writing.is_session(template):
            _later_sessions(course, written.meta)
        _new_intentions(
            home,
            template,
            written.meta,
            answers.day,
            add_all=add_intentions,
            ask=asking,
            err=as_json,
        )
    if asking and template.follow_with:
        _follow_with(home, template, answers.day, st.now(), active, cfg)


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
        now_too = typer.confirm(f"Would you like to do your check-ins now ({labels})?")
    except typer.Abort as exc:  # end of input: the answer is no
        state.stop_if_interrupted(exc)
        typer.echo()
        now_too = False
    if not now_too:
        typer.echo(f"Any time: {', '.join(f'kapdiary write {t.name}' for t in found)}.")
        return
    for follow in found:
        answers = writing.Answers(follow, day, now.strftime("%H:%M"))
        values = writing.placeholders(day, now, follow.name, cfg.name)
        typer.echo()
        path = write_guided(home, answers, values, active, cfg.areas, None)
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
        raise KapdiaryError(
            f"the text on standard input is not UTF-8 (it has byte 0x{exc.object[exc.start]:02x}); "
            "convert it first, for example with `iconv -f latin1 -t utf-8`. Nothing was saved"
        ) from None


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
            f"kapdiary: later sessions keep their numbers ({listed}); if they should move up, "
            f"change them with `kapdiary edit {later[0].date.isoformat()}`.",
            err=True,
        )


def _where(answers: Answers, position: Position | None) -> str | None:
    """The header's place in the course: ``Session 4``, or ``Day 4 after session 3``."""
    from kapdiary import writing

    if writing.is_session(answers.template):
        return f"Session {answers.session}" if answers.session is not None else None
    return position.words if position is not None else None


def _reread(
    home: Home, template: Template, day: date, on_fallback: Callable[[Unusable], None]
) -> Reread | None:
    """The diary days a template rereads first (the weekly review's week)."""
    from datetime import timedelta

    from kapdiary import index, writing
    from kapdiary.cli.guided import Reread
    from kapdiary.errors import KapdiaryError
    from kapdiary.render import words

    days = writing.reread_days(template)
    if days is None:
        return None
    since = day - timedelta(days=days - 1)
    period = words.span(since, day)
    try:
        records = index.records(home, since=since, until=day, on_fallback=on_fallback)
    except KapdiaryError as exc:  # only a cache: the entry can still be written
        return Reread(f"Your week ({period}) cannot be shown just now.", note=exc.message)
    if not records:
        return Reread(
            f"Nothing was written in the last {days} days ({period}).",
            note="That is all right: look back on the week from memory.",
        )
    return Reread(
        f"Your week: {words.entries(len(records))}, {period}",
        records,
        f"In full: kapdiary review --since {since.isoformat()} --until {day.isoformat()}",
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
            f"kapdiary: not added to your intentions without asking: {listed}. Add one with "
            f'`kapdiary intention add "{offered[0]}"`, or write with --add-intentions.',
            err=True,
        )
        return
    typer.echo(err=err)
    for number, text in enumerate(offered):
        if not add_all:
            try:
                if not typer.confirm(f"Add {text!r} as an intention?", default=True):
                    continue
            except typer.Abort as exc:  # end of input
                state.stop_if_interrupted(exc)
                rest = len(offered) - number
                typer.echo(err=err)
                typer.echo(
                    f"Stopped asking; {'that one stays' if rest == 1 else 'those stay'} in your "
                    'entry only. Add one any time with `kapdiary intention add "..."`.',
                    err=err,
                )
                return
        added = intention_file.add(home.intentions_file, text, today=day)
        typer.echo(f"Added the intention {added.text!r} (id {added.id}).", err=err)


def _restore(
    answers: Answers, draft: Draft, intentions: list[Intention], areas: list[str], *, editor: bool
) -> None:
    """Carry a draft's answers and words into a new run (fields become the defaults).

    The editor starts from the draft's own text and checks it on saving. At the prompt the
    draft must read as a valid entry, or the new answers would be saved over its words:
    a draft the editor left broken goes back to the editor.
    """
    from kapdiary.cli.editor import without_guidance
    from kapdiary.errors import UsageError
    from kapdiary.fields import SCORE_KEY, SEVERITY_KEY
    from kapdiary.sessions import written_number
    from kapdiary.writing import NOTES_KEY, SESSION_KEY, check_fields

    entry = draft.entry
    meta = dict(entry.meta)
    if editor and entry.problem is not None:
        return
    if not editor:
        try:
            if entry.problem is not None:
                line = f"line {entry.problem_line}: " if entry.problem_line else ""
                raise UsageError(f"{line}{entry.problem}")
            meta = check_fields(answers, meta, intentions, areas, complete=False)
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
    number = written_number(meta.pop(SESSION_KEY, None))
    if number is not None:
        answers.session = number
    for key in ("date", "time", "template", SCORE_KEY, SEVERITY_KEY):
        meta.pop(key, None)  # worked out again from the answers
    if "private" in meta:
        answers.extra["private"] = meta.pop("private")
    answers.values = meta
    sections = ((s.heading, without_guidance(s.text).strip()) for s in entry.sections())
    answers.sections = {heading: text for heading, text in sections if text}


def _draft_to_resume(home: Home, template: str, day: date, *, pick_any: bool) -> Draft:
    """`write --resume`: the draft for this day and template; without --date or a
    template, the latest draft whatever its day."""
    from kapdiary import drafts
    from kapdiary.errors import UsageError

    pending = drafts.pending(home)
    same = [d for d in pending if drafts.belongs_to(d, day, template)]
    if same:
        return same[0]
    if pick_any and pending:
        return pending[0]
    if pending:
        raise UsageError(
            f"there is no unfinished {template} entry for {day.isoformat()}; "
            "`kapdiary drafts` lists the others, `kapdiary drafts resume NAME` carries one on"
        )
    raise UsageError("there is no unfinished draft to resume; start with `kapdiary write`")


def _offer_draft(pending: list[Draft], template: str, day: date) -> Draft | None:
    """Offer the newest draft for this diary day and template; only mention the others.

    Another day's or another template's draft is never resumed by pressing Enter: its
    answers would land in this entry's questions.
    """
    from kapdiary import drafts
    from kapdiary.messages import draft_offer, other_drafts

    same = [d for d in pending if drafts.belongs_to(d, day, template)]
    others = len(pending) - (1 if same else 0)
    if others:
        typer.echo(other_drafts(others))
    if not same:
        return None
    draft = same[0]
    try:
        if typer.confirm(draft_offer(draft), default=True):
            return draft
    except typer.Abort as exc:  # end of input: start afresh, the draft stays
        state.stop_if_interrupted(exc)
        typer.echo()
    typer.echo(f"It stays in your drafts: `kapdiary drafts discard {draft.name}` lets it go.")
    return None
