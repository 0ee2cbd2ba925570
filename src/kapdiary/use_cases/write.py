"""`write`: guided, in the editor, from options and standard input, or a draft resumed.

The use case owns the order of the steps, from the request to the saved file: the
template, the home's checks, the draft to carry on, the answers, the course, and then
one of three ways to fill them in. The two that need a person (the prompt and the
editor) come in as a ``Composer`` the command line implements.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from kapdiary.messages import writing as said
from kapdiary.use_cases import Editor, Stopped

__all__ = ["Composer", "Editor", "Page", "Stopped", "WriteRequest", "Writing", "Written", "write"]

if TYPE_CHECKING:
    from kapdiary.config import Config
    from kapdiary.drafts import Draft
    from kapdiary.index import Record, Unusable
    from kapdiary.intentions import Intention
    from kapdiary.locations import Home
    from kapdiary.sessions import Position, Session
    from kapdiary.templates import Template
    from kapdiary.use_cases import Asker
    from kapdiary.writing import Answers


@dataclass
class Reread:
    """Entries to look back on before the questions (the weekly review's week)."""

    title: str
    records: list[Record] = field(default_factory=list)
    note: str = ""  # under the entries: how to see them in full; or why there are none

    def text(self) -> str:
        """Plain lines: for a pipe, and for the editor's guidance comment."""
        if not self.records:
            return f"{self.title}\n{self.note}".strip()
        from kapdiary.render import plain

        listing = plain.listing(self.records, title=self.title).rstrip("\n")
        return f"{listing}\n\n{self.note}" if self.note else listing


@dataclass(frozen=True)
class WriteRequest:
    """One `write`: ``day`` is None for today; ``chosen`` is the draft `drafts resume` names."""

    home: Home
    config: Config
    today: date
    now: Callable[[], datetime]
    day: date
    day_given: bool = False
    template_name: str | None = None
    editor: bool = False
    sets: tuple[str, ...] = ()
    text: str | None = None
    guided: bool | None = None
    resume: bool = False
    chosen: Draft | None = None
    terminal: bool = False  # standard input is a terminal
    read_input: Callable[[], str] = str
    on_fallback: Callable[[Unusable], None] | None = None
    add_intentions: bool = False  # the entry's new intentions, added without asking
    lines_to_stderr: bool = False  # standard output carries the saved entry as JSON
    on_saved: Callable[[Path, Answers], None] | None = None  # say it is saved, at once


@dataclass
class Page:
    """What a person fills in, at the prompt or in the editor: the answers so far, the
    placeholders' values, the intentions and areas to rate, the draft carried on, the
    place in the course (``Day 4 after session 3``) and the week to reread first."""

    answers: Answers
    values: dict[str, str]
    intentions: list[Intention]
    areas: list[str]
    draft: Draft | None = None
    where: str | None = None
    reread: Reread | None = None

    def draft_path(self, home: Home) -> Path:
        """The draft carried on, or a new one's name for this day and template."""
        from kapdiary import drafts

        if self.draft is not None:
            return self.draft.path
        return drafts.new_path(home, self.answers.day, self.answers.template.name)


@dataclass
class Writing:
    """Everything the three ways of writing start from."""

    template: Template
    page: Page
    course: list[Session]
    earlier: Position | None
    guided: bool
    now: datetime

    @property
    def answers(self) -> Answers:
        return self.page.answers


class Composer(Editor, Protocol):
    """The ways of writing that need a person: the prompt, and the editor."""

    def guided(self, home: Home, page: Page) -> Path | None: ...


class Written(NamedTuple):
    """What `write` did: where it started from, and the saved file (None: nothing written)."""

    writing: Writing
    path: Path | None


def write(request: WriteRequest, asker: Asker, composer: Composer) -> Written:
    """Prepare, fill in by the way asked for and save, say so (``on_saved``), then the
    steps after saving (kapdiary.use_cases.after_saving). Stopped: ``Stopped``."""
    from kapdiary.use_cases.after_saving import after_saving

    writing = prepare(request, asker)
    if request.editor:
        path = in_editor(request.home, request.config.editor, writing.page, composer)
    elif writing.guided or request.resume:
        path = composer.guided(request.home, writing.page)
    else:
        path = save_batch(request, writing)
    if path is not None:
        if request.on_saved is not None:
            request.on_saved(path, writing.answers)
        after_saving(request, writing, path, asker, composer)
    return Written(writing, path)


def prepare(request: WriteRequest, asker: Asker) -> Writing:
    """The template, the home's checks, the draft to carry on, the answers and the course."""
    from kapdiary import intentions as intention_file
    from kapdiary import sessions, templates, writing
    from kapdiary.messages import home_created
    from kapdiary.storage import check_writable

    home, cfg = request.home, request.config
    template = templates.find(home.templates, request.template_name or cfg.default_template)
    created = not home.path.exists()  # only the default home: a named one must exist
    check_writable(home.entries)  # before anyone types a word
    if created:
        asker.say(f"kapdiary: {home_created(home.path)}", err=True)
    now = request.now()
    active = intention_file.load(home.intentions_file)
    guided = _guided(request)
    draft = _draft(request, asker, template.name, guided)
    if draft is not None and draft.template and draft.template != template.name:
        template = templates.find(home.templates, draft.template)
    answers = writing.Answers(template, request.day, now.strftime("%H:%M"))
    if draft is not None:
        restore(answers, draft, active, cfg.areas, editor=request.editor)
    course = sessions.course(home, on_fallback=request.on_fallback)
    if writing.is_session(template) and answers.session is None:
        answers.session = sessions.next_number(course, answers.day)
    earlier = sessions.position(course, answers.day)
    position = writing.course_position(answers, earlier)
    values = writing.placeholders(answers.day, now, template.name, cfg.name, position)
    rereads = guided or request.resume or request.editor
    reread = _reread(home, template, answers.day, request.on_fallback) if rereads else None
    where = _where(answers, position)
    page = Page(answers, values, active, cfg.areas, draft, where, reread)
    return Writing(template, page, course, earlier, guided, now)


def _guided(request: WriteRequest) -> bool:
    """Guided unless told, or writing from options, or in the editor, or without a terminal."""
    from kapdiary.errors import UsageError

    batch = bool(request.sets) or request.text is not None
    guided = request.guided
    if guided is None:
        guided = not batch and not request.editor and request.terminal
    if batch and (guided or request.editor or request.resume):
        raise UsageError(said.set_text_without_prompting())
    return guided


def _draft(request: WriteRequest, asker: Asker, template: str, guided: bool) -> Draft | None:
    """The draft `drafts resume` chose, the one --resume finds, or the one offered."""
    from kapdiary import drafts

    if request.chosen is not None:
        return request.chosen
    home, day = request.home, request.day
    if request.resume:
        pick_any = not (request.day_given or request.template_name)
        return draft_to_resume(home, template, day, pick_any=pick_any)
    if guided or (request.editor and request.terminal):
        return offer_draft(asker, drafts.pending(home), template, day)
    return None


def save_batch(request: WriteRequest, writing_: Writing) -> Path:
    """Fields from --set, the text from --text or standard input: saved without a prompt."""
    from kapdiary import writing
    from kapdiary.errors import KapdiaryError, UsageError

    answers, template, cfg = writing_.answers, writing_.template, request.config
    for assignment in request.sets:
        writing.apply_set(answers, assignment, writing_.page.intentions, cfg.areas)
    position = writing.course_position(answers, writing_.earlier)  # --set session=N moves it
    values = writing.placeholders(answers.day, writing_.now, template.name, cfg.name, position)
    if request.text is not None:
        body = request.text
    else:
        body = "" if request.terminal else request.read_input()
    answers.sections = writing.sections_from_text(template, body, values)
    if answers.empty:
        from kapdiary.messages import nothing_to_write

        raise UsageError(nothing_to_write())
    writing.check_scored(template, answers.values)
    try:
        return writing.save(request.home, answers, values)
    except KapdiaryError as exc:  # no draft without a prompt: the text is only the caller's
        raise KapdiaryError(
            said.nothing_saved_run_again(exc.message),
            exit_code=exc.exit_code,
        ) from exc


def restore(
    answers: Answers, draft: Draft, intentions: list[Intention], areas: list[str], *, editor: bool
) -> None:
    """Carry a draft's answers and words into a new run (fields become the defaults).

    The editor starts from the draft's own text and checks it on saving. At the prompt the
    draft must read as a valid entry, or the new answers would be saved over its words:
    a draft the editor left broken goes back to the editor.
    """
    from kapdiary.fields import SCORE_KEY, SEVERITY_KEY
    from kapdiary.sessions import written_number
    from kapdiary.writing import NOTES_KEY, SESSION_KEY, without_guidance

    entry = draft.entry
    meta = dict(entry.meta)
    if editor and entry.problem is not None:
        return
    if not editor:
        meta = _checked_draft(answers, draft, intentions, areas)
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


def _checked_draft(
    answers: Answers, draft: Draft, intentions: list[Intention], areas: list[str]
) -> dict[str, Any]:
    """The draft's fields, checked: at the prompt a broken draft goes back to the editor."""
    from kapdiary.errors import UsageError
    from kapdiary.writing import check_fields

    entry = draft.entry
    try:
        if entry.problem is not None:
            line = f"line {entry.problem_line}: " if entry.problem_line else ""
            raise UsageError(f"{line}{entry.problem}")
        return check_fields(answers, dict(entry.meta), intentions, areas, complete=False)
    except UsageError as exc:
        raise UsageError(said.draft_cannot_be_resumed_at_prompt(draft.path, exc.message)) from None


def draft_to_resume(home: Home, template: str, day: date, *, pick_any: bool) -> Draft:
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
        raise UsageError(said.no_draft_for_day(template, day.isoformat()))
    raise UsageError(said.no_draft_to_resume())


def offer_draft(asker: Asker, pending: list[Draft], template: str, day: date) -> Draft | None:
    """Offer the newest draft for this diary day and template; only mention the others.

    Another day's or another template's draft is never resumed by pressing Enter: its
    answers would land in this entry's questions.
    """
    from kapdiary import drafts
    from kapdiary.messages import draft_offer, other_drafts

    same = [d for d in pending if drafts.belongs_to(d, day, template)]
    others = len(pending) - (1 if same else 0)
    if others:
        asker.say(other_drafts(others))
    if not same:
        return None
    draft = same[0]
    if asker.confirm_or_no(draft_offer(draft), default=True):
        return draft
    asker.say(said.draft_stays(draft.name))
    return None


def _where(answers: Answers, position: Position | None) -> str | None:
    """The header's place in the course: ``Session 4``, or ``Day 4 after session 3``."""
    from kapdiary import writing

    if writing.is_session(answers.template):
        return f"Session {answers.session}" if answers.session is not None else None
    return position.words if position is not None else None


def _reread(
    home: Home, template: Template, day: date, on_fallback: Callable[[Unusable], None] | None
) -> Reread | None:
    """The diary days a template rereads first (the weekly review's week)."""
    from datetime import timedelta

    from kapdiary import index, writing
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
        return Reread(said.reread_unavailable(period), note=exc.message)
    if not records:
        return Reread(
            said.reread_nothing_written(days, period),
            note=said.reread_from_memory(),
        )
    return Reread(
        said.reread_week(words.entries(len(records)), period),
        records,
        said.reread_in_full(since.isoformat(), day.isoformat()),
    )


def save_edited(home: Home, page: Page, edited: str, draft_path: Path) -> Path | None:
    """The editor's text checked and saved as a new entry; None when nothing was written.

    Whatever goes wrong, the text is kept in ``draft_path`` and the error says so.
    """
    import contextlib

    from kapdiary import drafts, writing
    from kapdiary import entry as entry_format
    from kapdiary.entry import FrontMatterError
    from kapdiary.errors import KapdiaryError, UsageError
    from kapdiary.templates import fill
    from kapdiary.vault import create_new

    answers, values = page.answers, page.values
    try:
        yaml_text, body, _ = entry_format.split_front_matter(edited)
        meta = entry_format.load_front_matter(yaml_text) if yaml_text is not None else {}
        meta = writing.check_fields(answers, meta, page.intentions, page.areas)
    except (FrontMatterError, UsageError) as exc:
        drafts.save(draft_path, edited)
        raise KapdiaryError(said.text_kept_fix_in_editor(exc.message, draft_path)) from exc
    body = writing.clean_body(body)
    meta.setdefault("date", answers.day)
    meta.setdefault("time", answers.time)
    meta.setdefault("template", answers.template.name)
    has_fields = set(meta) - {"date", "time", "template", writing.SESSION_KEY}
    words = "\n".join(ln for ln in body.split("\n") if not ln.startswith("# ")).strip()
    if not has_fields and not words:
        return None
    if not body.lstrip().startswith("# "):
        body = f"# {fill(answers.template.title, values)}\n\n{body}"
    text = entry_format.render(entry_format.ordered_meta(meta), body)
    try:
        return create_new(writing.entry_paths(home, meta["date"], answers.template.name), text)
    except KapdiaryError as exc:
        with contextlib.suppress(KapdiaryError):
            drafts.save(draft_path, edited)
        raise KapdiaryError(said.text_kept(exc.message, draft_path)) from exc


def in_editor(home: Home, configured: str | None, page: Page, editor: Editor) -> Path | None:
    """The filled template (or the draft carried on) in the editor, saved as a new entry;
    None when nothing was written. Stopped, the words stay in a draft (``Stopped``)."""
    from kapdiary import drafts, messages, vault
    from kapdiary.editor import EditorInterrupted, editor_command, editor_text, ended
    from kapdiary.errors import KapdiaryError

    command = editor_command(configured)
    answers, draft = page.answers, page.draft
    pristine = editor_text(
        answers, page.values, page.intentions, page.areas, where=page.where, reread=page.reread
    )
    start = draft.raw if draft else pristine
    draft_path = page.draft_path(home)
    warning = vault.editor_warning(home)
    if warning:
        editor.say(warning)
    name = f"kapdiary-{answers.day.isoformat()}-{answers.template.name}.md"
    with drafts.hold(draft_path), editor.session():
        try:
            edited, code = editor.edit(command, start, name)
        except EditorInterrupted as stop:
            if stop.text in (start, pristine) and draft is None:
                drafts.discard(draft_path)
                editor.say(said.nothing_typed_nothing_kept())
            else:
                drafts.save(draft_path, stop.text)
                editor.say(messages.draft_kept(draft_path))
            raise Stopped from None
        if edited == pristine:
            drafts.let_go(home, draft_path, resumed=draft is not None)
            if code != 0:
                raise KapdiaryError(said.editor_failed_nothing_written(ended(code)))
            editor.say(messages.nothing_changed())
            return None
        if code != 0:
            drafts.save(draft_path, edited)
            raise KapdiaryError(said.editor_failed_text_kept(ended(code), draft_path))
        path = save_edited(home, page, edited, draft_path)
        if path is None:
            drafts.let_go(home, draft_path, resumed=draft is not None)
            editor.say(said.nothing_written_nothing_saved())
            return None
        drafts.discard(draft_path)
    return path
