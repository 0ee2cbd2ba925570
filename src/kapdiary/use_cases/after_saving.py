"""What `write` does once the entry is saved: a check-in's score (and where help is, when
an answer asks for care), a word about later sessions' numbers, the offer to add the
entry's new intentions, and then the follow-up check-ins a template names.

The entry is already on disk: nothing here can stop or undo that. Every line and question
goes through the ``Asker``, the follow-ups' prompt through the ``Composer``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kapdiary.messages import writing as said

if TYPE_CHECKING:
    from kapdiary.sessions import Session
    from kapdiary.templates import Template
    from kapdiary.use_cases import Asker
    from kapdiary.use_cases.write import Composer, WriteRequest, Writing


def after_saving(
    request: WriteRequest, writing: Writing, path: Path, asker: Asker, composer: Composer
) -> None:
    """A check-in's score, later sessions, new intentions, then the follow-up check-ins."""
    from kapdiary import writing as rules

    template, err = writing.template, request.lines_to_stderr
    asking = writing.guided or request.resume or (request.editor and request.terminal)
    scored = template.scored is not None
    is_session = rules.is_session(template)
    if is_session or rules.asks_new_intentions(template) or scored:
        meta = _as_saved(path)  # the editor may change anything
        if scored:
            check_in_done(template, meta, request.config.country, asker, err, writing.guided)
        if is_session:
            later_sessions(writing.course, meta, asker)
        new_intentions(request, template, meta, writing.answers.day, asker, ask=asking)
    if asking and template.follow_with:
        follow_with(request, writing, asker, composer)


def _as_saved(path: Path) -> dict[str, Any]:
    from kapdiary import entry
    from kapdiary.vault import read_text

    return entry.parse(read_text(path), path).meta


def check_in_done(
    template: Template,
    meta: dict[str, Any],
    country: str | None,
    asker: Asker,
    err: bool,
    score_said: bool,
) -> None:
    """A questionnaire's score (unless the prompt said it already), and, when an answer
    asks for care, where help is."""
    from kapdiary import writing
    from kapdiary.fields import SCORE_KEY, SEVERITY_KEY
    from kapdiary.messages import score_line

    f = template.scored
    if f is None:
        return
    if not score_said and isinstance(meta.get(SCORE_KEY), int):
        line = score_line(f.label or f.key, meta[SCORE_KEY], str(meta.get(SEVERITY_KEY)))
        asker.say(line, err=err)
    if writing.asks_for_care(template, meta):
        from kapdiary.safety import safety_message

        asker.say(err=err)
        asker.say_page(safety_message(country), err=err)


def later_sessions(course: list[Session], meta: dict[str, Any], asker: Asker) -> None:
    """A session written for an earlier day leaves later numbers as they are: say so."""
    from kapdiary.sessions import later_with_lower_numbers, written_number

    number, day = written_number(meta.get("session")), meta.get("date")
    if number is None or not isinstance(day, date):
        return
    later = later_with_lower_numbers(course, day, number)
    if later:
        listed = [(s.number, s.date.isoformat()) for s in later]
        asker.say(said.later_sessions_keep_numbers(listed), err=True)


def new_intentions(
    request: WriteRequest,
    template: Template,
    meta: dict[str, Any],
    day: date,
    asker: Asker,
    *,
    ask: bool,
) -> None:
    """Offer the saved entry's new intentions (one by one), or add them with the flag.

    Never silently: without --add-intentions and without a person to ask, it only says so.
    """
    from kapdiary import intentions as intention_file
    from kapdiary import writing

    home, err, add_all = request.home, request.lines_to_stderr, request.add_intentions
    offered = writing.intentions_to_offer(template, meta, intention_file.load(home.intentions_file))
    if not offered:
        return
    if not add_all and not ask:
        asker.say(said.intentions_not_added(offered), err=True)
        return
    asker.say(err=err)
    for number, text in enumerate(offered):
        answer = True if add_all else asker.confirm_or_none(said.offer_intention(text))
        if answer is None:  # the end of input: stop asking, the rest stay in the entry
            asker.say(err=err)
            asker.say(said.stopped_offering_intentions(len(offered) - number), err=err)
            return
        if answer:
            added = intention_file.add(home.intentions_file, text, today=day)
            asker.say(said.intention_added(added.text, added.id), err=err)


def follow_with(request: WriteRequest, writing_: Writing, asker: Asker, composer: Composer) -> None:
    """Offer the templates a template names in ``follow_with`` (the weekly check-ins)."""
    from kapdiary import templates, writing
    from kapdiary.errors import KapdiaryError
    from kapdiary.messages import saved

    home, cfg, day = request.home, request.config, writing_.answers.day
    found: list[Template] = []
    for name in writing_.template.follow_with:
        try:
            found.append(templates.find(home.templates, name))
        except KapdiaryError:
            continue  # a follow-up that is not there is simply not offered
    if not found:
        return
    asker.say()
    labels = [t.scored.label if t.scored and t.scored.label else t.name for t in found]
    if not asker.confirm_or_no(said.offer_check_ins(labels), default=False):
        asker.say(said.check_ins_any_time([t.name for t in found]))
        return
    now = request.now()
    for follow in found:
        answers = writing.Answers(follow, day, now.strftime("%H:%M"))
        values = writing.placeholders(day, now, follow.name, cfg.name)
        asker.say()
        page = replace(  # the review's intentions and areas; nothing else carried over
            writing_.page, answers=answers, values=values, draft=None, where=None, reread=None
        )
        path = composer.guided(home, page)
        if path is not None:
            asker.say(saved(path))
            check_in_done(follow, _as_saved(path), cfg.country, asker, False, True)
