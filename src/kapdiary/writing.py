"""Turning a template and the user's answers into an entry file (no prompting here)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kapdiary import entry as entry_format
from kapdiary import sessions
from kapdiary.dates import long_date
from kapdiary.entry import split_sections
from kapdiary.errors import UsageError
from kapdiary.fields import (
    RATING_TYPES,
    SCORE_KEY,
    SEVERITY_KEY,
    Field,
    answer,
    needs_care,
    parse_rating,
    score,
)
from kapdiary.intentions import Intention
from kapdiary.messages import writing as said
from kapdiary.sessions import Position, parse_number
from kapdiary.templates import Template, fill
from kapdiary.vault import create_new

if TYPE_CHECKING:
    from kapdiary.locations import Home

NOTES_KEY = "intention_notes"
SESSION_KEY = sessions.KEY  # a session entry's number in the course
SESSION_TEMPLATE = sessions.TEMPLATE
NEW_INTENTIONS_KEY = "new_intentions"  # a `list` field offered as new intentions
GUIDANCE_OPEN, GUIDANCE_CLOSE = "<!-- ", " -->"
# A guidance comment on lines of its own; a template's guidance may run over several lines.
GUIDANCE = re.compile(r"^[ \t]*<!-- (?:(?!-->).)*? -->[ \t]*(?:\n|\Z)", re.MULTILINE | re.DOTALL)
# Templates that show the last N diary days before asking anything: name -> N.
REREAD_DAYS = {"weekly": 7}


@dataclass
class Answers:
    """Everything the user has given so far for one entry, in template order."""

    template: Template
    day: date
    time: str
    values: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # tags/private given without a field
    session: int | None = None  # a session entry's number in the course

    def meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = {
            "date": self.day,
            "time": self.time,
            "template": self.template.name,
        }
        if self.session is not None:
            meta[SESSION_KEY] = self.session
        meta.update(scores(self.template, self.values))
        for f in self.template.fields:
            value = self.values.get(f.key)
            if f.type == "scored" and isinstance(value, dict):  # in the questionnaire's order
                value = {k: value[k] for k in [*f.items, *value] if k in value}
            if value not in (None, {}, []):
                meta[f.key] = value
        for key, value in self.values.items():  # keys kept from an edited draft
            if key not in meta and value not in (None, {}, []):
                meta[key] = value
        if self.notes:
            meta[NOTES_KEY] = dict(self.notes)
        for key, value in self.extra.items():
            if key == "tags" and isinstance(meta.get("tags"), list):
                value = list(dict.fromkeys([*meta["tags"], *value]))
            meta[key] = value
        return meta

    def body(self, placeholders: dict[str, str]) -> str:
        parts = [f"# {fill(self.template.title, placeholders)}"]
        for heading, text in self.ordered_sections(placeholders):
            if text.strip():
                parts.append(f"## {heading}\n\n{text.strip()}")
        return "\n\n".join(parts) + "\n"

    def ordered_sections(self, placeholders: dict[str, str]) -> list[tuple[str, str]]:
        headings = [fill(p.heading, placeholders) for p in self.template.prompts]
        ordered = [(h, self.sections.get(h, "")) for h in headings]
        ordered += [(h, t) for h, t in self.sections.items() if h not in headings]
        return ordered

    @property
    def empty(self) -> bool:
        written = any(t.strip() for t in self.sections.values())
        return not written and not any(v not in (None, {}, []) for v in self.values.values())

    def render(self, placeholders: dict[str, str]) -> str:
        return entry_format.render(self.meta(), self.body(placeholders))


def placeholders(
    day: date,
    now: datetime,
    template: str,
    name: str | None,
    position: Position | None = None,
) -> dict[str, str]:
    """The values of a template's ``{placeholders}``; the session ones are empty before
    the first session."""
    weekday, _, rest = long_date(day).partition(" ")
    return {
        "date": day.isoformat(),
        "long_date": long_date(day),
        "weekday": weekday,
        "day": str(day.day),
        "month": rest.split(" ")[1],
        "year": str(day.year),
        "time": now.strftime("%H:%M"),
        "template": template,
        "name": name or "",
        "session": str(position.number) if position else "",
        "days_since_session": str(position.days) if position else "",
    }


def scores(template: Template, values: dict[str, Any]) -> dict[str, Any]:
    """``score`` and ``severity`` of the template's questionnaire, once fully answered."""
    f = template.scored
    answers = values.get(f.key) if f is not None else None
    if f is None or not isinstance(answers, dict):
        return {}
    result = score(f, answers)
    return {} if result is None else {SCORE_KEY: result[0], SEVERITY_KEY: result[1]}


def check_scored(template: Template, values: dict[str, Any]) -> None:
    """A questionnaire is answered fully or not at all: a partial score would mislead."""
    f = template.scored
    answers = values.get(f.key) if f is not None else None
    if f is None or not answers:
        return
    missing = [key for key in f.items if key not in answers]
    if missing:
        raise UsageError(said.answer_every_question(f.key, ", ".join(missing), missing[0]))


def scored_answers(f: Field, value: Any) -> dict[str, int]:
    """A questionnaire's answers as written in a file or an editor, each checked."""
    if not isinstance(value, dict):
        raise UsageError(said.one_answer_per_question(f.key))
    found: dict[str, int] = {}
    for item, raw in value.items():
        if item not in f.items:
            raise UsageError(said.not_one_of_its_questions(f.key, item, ", ".join(f.items)))
        found[str(item)] = answer(f, str(item), str(raw))
    return found


def asks_for_care(template: Template, meta: dict[str, Any]) -> bool:
    """Whether a saved entry answered a question that asks for care (PHQ-9's ninth)."""
    f = template.scored
    answers = meta.get(f.key) if f is not None else None
    return f is not None and isinstance(answers, dict) and needs_care(f, answers)


def is_session(template: Template) -> bool:
    return template.name == SESSION_TEMPLATE


def course_position(answers: Answers, earlier: Position | None) -> Position | None:
    """Where this entry stands in the course: a session entry is its own session's day 0;
    any other entry is ``earlier`` (the latest session on or before its day)."""
    if is_session(answers.template) and answers.session is not None:
        return Position(answers.session, answers.day, 0)
    return earlier


def reread_days(template: Template) -> int | None:
    """How many diary days a template shows before its questions (the weekly reread)."""
    return REREAD_DAYS.get(template.name)


def asks_new_intentions(template: Template) -> bool:
    """Whether the template has a ``new_intentions`` list to offer after saving."""
    return any(f.key == NEW_INTENTIONS_KEY and f.type == "list" for f in template.fields)


def intentions_to_offer(
    template: Template, meta: dict[str, Any], intentions: list[Intention]
) -> list[str]:
    """The saved entry's ``new_intentions`` lines that are not an active intention yet."""
    if not asks_new_intentions(template):
        return []
    lines = meta.get(NEW_INTENTIONS_KEY)
    if not isinstance(lines, list):
        return []
    known = {i.text.casefold() for i in intentions if i.active}
    offered: list[str] = []
    for line in lines:
        text = str(line).strip()
        if text and text.casefold() not in known and text not in offered:
            offered.append(text)
    return offered


def settable_keys(template: Template, intentions: list[Intention], areas: list[str]) -> list[str]:
    keys: list[str] = []
    for f in template.fields:
        if f.type == "intentions":
            keys += [f"intentions.{i.id}" for i in intentions if i.active]
            if f.notes:
                keys += [f"{NOTES_KEY}.{i.id}" for i in intentions if i.active]
        elif f.type == "areas":
            keys += [f"areas.{a}" for a in field_areas(f, areas)]
        elif f.type == "scored":
            keys += [f"{f.key}.{item}" for item in f.items]
        else:
            keys.append(f.key)
    if is_session(template):
        keys.insert(0, SESSION_KEY)
    return keys + [k for k in ("tags", "private") if k not in keys]


def field_areas(f: Field, areas: list[str]) -> list[str]:
    return list(f.areas) if f.areas else list(areas)


def apply_set(
    answers: Answers, assignment: str, intentions: list[Intention], areas: list[str]
) -> None:
    """Apply one ``--set KEY=VALUE``; a bad key or value is a usage error saying what fits."""
    key, sep, raw = assignment.partition("=")
    key = key.strip()
    if not sep or not key:
        raise UsageError(said.set_takes_key_value(assignment))
    fields = {f.key: f for f in answers.template.fields}
    head, dot, sub = key.partition(".")
    known = settable_keys(answers.template, intentions, areas)
    unknown = UsageError(said.not_a_field(key, answers.template.name, ", ".join(known)))
    if dot:
        if head in ("intentions", NOTES_KEY) and "intentions" in fields:
            check_rated(fields["intentions"], sub, intentions, areas, answers.day)
            if head == NOTES_KEY:
                if not fields["intentions"].notes:
                    raise unknown
                answers.notes[sub] = _one_line(raw, key)
            else:
                answers.values.setdefault("intentions", {})[sub] = parse_rating(raw, key)
            return
        if head == "areas" and "areas" in fields:
            check_rated(fields["areas"], sub, intentions, areas, answers.day)
            answers.values.setdefault("areas", {})[sub] = parse_rating(raw, key)
            return
        scored = fields.get(head)
        if scored is not None and scored.type == "scored":
            if sub not in scored.items:
                raise UsageError(said.not_one_of_the_questions(sub, head, ", ".join(scored.items)))
            answers.values.setdefault(head, {})[sub] = answer(scored, sub, raw)
            return
        raise unknown
    if key in fields and fields[key].type == "list":
        earlier = answers.values.get(key) or []  # repeating --set adds more lines
        answers.values[key] = list(dict.fromkeys([*earlier, *fields[key].parse(raw)]))
    elif key in fields and fields[key].type not in RATING_TYPES:
        answers.values[key] = fields[key].parse(raw)
    elif key == SESSION_KEY:
        if not is_session(answers.template):
            raise UsageError(said.session_only_for_sessions())
        answers.session = parse_number(raw)
    elif key == "tags":
        from kapdiary.fields import Tags

        answers.extra["tags"] = Tags().parse(Field("tags", "tags", "tags"), raw)
    elif key == "private":
        from kapdiary.fields import YesNo

        answers.extra["private"] = YesNo().parse(Field("private", "yesno", "private"), raw)
    else:
        raise unknown


def check_rated(
    f: Field, key: str, intentions: list[Intention], areas: list[str], day: date
) -> None:
    """One key of an ``intentions`` or ``areas`` field: an intention active on ``day``, or
    one of the life areas the field asks about. The one rule for --set, the editor and a
    resumed draft."""
    if f.type == "intentions":
        active = [i.id for i in intentions if i.active_on(day)]
        if key not in active:
            listed = ", ".join(active) or said.no_active_intentions()
            raise UsageError(said.no_active_intention(key, listed))
        return
    allowed = field_areas(f, areas)
    if key not in allowed:
        raise UsageError(said.not_a_life_area(key, ", ".join(allowed)))


def check_fields(
    answers: Answers,
    meta: dict[str, Any],
    intentions: list[Intention],
    areas: list[str],
    *,
    complete: bool = True,
) -> dict[str, Any]:
    """Front matter from the editor or a draft, checked by the same rules as ``--set``
    (``apply_set``): empty values dropped, the rest read by the template's fields.

    ``complete``: the answers are to be saved, so a questionnaire must be fully answered
    (a draft being resumed may stop halfway).
    """
    fields = {f.key: f for f in answers.template.fields}
    clean: dict[str, Any] = {}
    for key, value in meta.items():
        if value in (None, "", [], {}):
            continue
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if v not in (None, "")}
            if not value:
                continue
        if isinstance(value, list):
            value = [v for v in value if v not in (None, "")]  # an empty `- ` line
            if not value:
                continue
        f = fields.get(key)
        if key == SESSION_KEY:
            value = parse_number(str(value))
        elif key == "date" and not isinstance(value, date):
            try:
                value = date.fromisoformat(str(value).strip())
            except ValueError:
                raise UsageError(said.front_matter_date_not_a_date(value)) from None
        elif f is not None and f.type == "scored":
            value = scored_answers(f, value)
        elif f is not None and f.type in RATING_TYPES:
            for sub, rating in value.items():
                check_rated(f, str(sub), intentions, areas, answers.day)
                value[sub] = parse_rating(str(rating), f"{key}.{sub}")
        elif f is not None:
            raw = f.kind.joiner.join(map(str, value)) if isinstance(value, list) else str(value)
            if isinstance(value, bool):
                raw = "yes" if value else "no"
            value = f.parse(raw)
        clean[key] = value
    if complete:
        check_scored(answers.template, clean)
    return clean | scores(answers.template, clean)


def _one_line(raw: str, key: str) -> str:
    text = raw.strip()
    if not text or "\n" in text:
        raise UsageError(said.one_line_of_text(key))
    return text


def sections_from_text(template: Template, text: str, values: dict[str, str]) -> dict[str, str]:
    """Body text from stdin: ``## `` sections as written; text before them (or text with no
    headings at all) goes under the template's first prompt. A ``# `` title first is dropped:
    the template gives the title."""
    preamble: list[str] = []
    lines = text.split("\n")
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].startswith("# "):
        del lines[first]  # the title: the template gives it; any other `# ` line is words
    for line in lines:
        if line.startswith("## "):
            break
        preamble.append(line)
    sections: dict[str, str] = {}
    intro = "\n".join(preamble).strip()
    if intro:
        sections[fill(template.prompts[0].heading, values)] = intro
    for section in split_sections(text):
        if section.text.strip():
            earlier = sections.get(section.heading, "")
            sections[section.heading] = "\n\n".join(t for t in (earlier, section.text.strip()) if t)
    return sections


def entry_paths(home: Home, day: date, template: str) -> Iterator[Path]:
    folder = home.entries / f"{day.year:04d}" / f"{day.month:02d}"
    yield folder / f"{day.isoformat()}-{template}.md"
    for number in itertools.count(2):
        if number > 999:
            return
        yield folder / f"{day.isoformat()}-{template}-{number}.md"


def save(home: Home, answers: Answers, placeholder_values: dict[str, str]) -> Path:
    """Write a new entry atomically; never replaces an existing file."""
    text = answers.render(placeholder_values)
    return create_new(entry_paths(home, answers.day, answers.template.name), text)


def without_guidance(text: str) -> str:
    """``text`` without the guidance comments the editor's file was given (never saved)."""
    return GUIDANCE.sub("", text)


def clean_body(body: str) -> str:
    """Drop our guidance comments and prompts left empty; keep everything the user wrote."""
    text = without_guidance(body)
    head, _, _ = text.partition("\n## ")
    if text.startswith("## "):
        head = ""
    sections = [s for s in split_sections(text) if s.text.strip()]
    parts = [head.strip()] if head.strip() else []
    parts += [f"## {s.heading}\n\n{s.text.strip()}" for s in sections]
    return "\n\n".join(parts)
