"""Exports for the coach: which entries go in, what stays private, one document to render.

``build`` selects the period's entries from the index (the same filters as `review`),
applies the privacy rules of docs/design.md §4 and §7, computes the progress figures with
``kapdiary.progress.compute`` over exactly what is shared, and returns a ``Document``.
Renderers turn a ``Document`` into text and never read files or compute figures.

The privacy rules, in one place:

- an entry with ``private: true`` is left out, whole; a section whose heading ends in
  ``(private)`` is left out and the rest of its entry is kept. ``include_private`` keeps
  both.
- an entry whose front matter cannot be read is left out (it might have said
  ``private: true``); `kapdiary doctor` names it.
- ``without`` names fields to leave out everywhere: ``mood``, ``dose_mg``, ``intentions``,
  one intention as ``intentions.ID``, one life area as ``areas.NAME``, a template's own
  field. They are removed from the entries *before* the figures are computed, so the
  progress summary cannot show them either.
- the figures come only from shared entries: a private entry's mood is not in the chart.
- nothing in the file says what was left out; only the preview (``Document.left_out``)
  tells the user.
- drafts live outside ``entries/`` and the index never sees them, so they are never
  exported.

Formats are a small registry (format name → the module whose ``render(document)`` makes
the file: text, or bytes for a PDF), as jrnl's plugins are. A new format is one module in
this package with a ``render`` function (and a ``ready`` one when it needs something
optional) and one ``register`` line below. ``files`` names, remembers and writes
the file; ``words`` holds the preview and the phrases the renderers share.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kapdiary.dates import long_date
from kapdiary.errors import KapdiaryError, UsageError
from kapdiary.messages import export as said
from kapdiary.privacy import Section  # one heading and its text, shared or private
from kapdiary.render.format import number as number  # one way to show a value, everywhere

if TYPE_CHECKING:
    from kapdiary.fields import Field as TemplateField
    from kapdiary.index import Rated as IndexRow
    from kapdiary.index import Record, Unusable
    from kapdiary.intentions import Intention
    from kapdiary.locations import Home
    from kapdiary.privacy import Body
    from kapdiary.progress import Flag, Period, Progress

FORMAT_NAME = "kapdiary-export"
FORMAT_VERSION = 1

# Front matter keys shown in an entry's heading or not at all; everything else is a field.
_HEADING_KEYS = ("date", "time", "template", "title", "private")
_HEADING_SET = frozenset(_HEADING_KEYS)
# The known fields in the order an entry shows them; a template's own fields follow.
FIELD_ORDER = (
    "mood",
    "intentions",
    "areas",
    "session",
    "route",
    "dose_mg",
    "duration_min",
    "side_effects",
)
KNOWN_FIELDS = (*FIELD_ORDER, "intention_notes", "tags", "time", "title")
SESSION_FIELDS = ("route", "dose_mg", "duration_min", "side_effects")
LABELS = {
    "mood": "Mood",
    "intentions": "Intentions",
    "areas": "Life areas",
    "session": "Session",
    "route": "Route",
    "dose_mg": "Dose",
    "duration_min": "Duration",
    "side_effects": "Side effects",
    "tags": "Tags",
}
UNITS = {"dose_mg": "mg", "duration_min": "min"}
# ``Saturday 21 November 2026``: each entry's day is written in its heading and read again
# by ``Entry.heading``, in every format; a year has 365 of them.
long_day = functools.lru_cache(maxsize=4096)(long_date)
SCALES = {"mood": 10.0, "intentions": 10.0, "areas": 10.0}


# --- the registry ------------------------------------------------------------------------


class Format:
    """A file format an export can be made in (one object a format: compared by ``is``).

    The classes of the export are plain ones with ``__slots__``, not dataclasses: making a
    dataclass costs more than the class on every start (and ``dataclasses`` imports
    ``inspect``), and a year's export makes thousands of them.
    """

    __slots__ = ("label", "module", "name", "suffix")

    def __init__(self, name: str, suffix: str, label: str, module: str) -> None:
        self.name = name  # what --format takes
        self.suffix = suffix  # the file name's ending
        self.label = label  # how the preview names it
        self.module = module  # the module with ``render(document: Document) -> str | bytes``

    def __repr__(self) -> str:
        return f"Format({self.name!r})"


_FORMATS: dict[str, Format] = {}
_ALIASES: dict[str, str] = {}


def register(fmt: Format, *aliases: str) -> None:
    """Add a format (its module is imported only when a file is made in it)."""
    _FORMATS[fmt.name] = fmt
    for alias in (fmt.name, *aliases):
        _ALIASES[alias] = fmt.name


register(Format("md", ".md", "Markdown", "kapdiary.export.markdown"), "markdown")
register(Format("html", ".html", "HTML", "kapdiary.export.html"), "htm")
register(Format("json", ".json", "JSON", "kapdiary.export.json"))
# Needs the optional extra (``kapdiary[pdf]``); ``ready`` says how to install it.
register(Format("pdf", ".pdf", "PDF", "kapdiary.export.pdf"))


def formats() -> list[Format]:
    return list(_FORMATS.values())


def get_format(name: str) -> Format:
    key = _ALIASES.get(name.strip().lower().lstrip("."))
    if key is None:
        names = ", ".join(_FORMATS)
        raise UsageError(said.format_unknown(names, name))
    return _FORMATS[key]


def format_for_path(path: Path) -> Format | None:
    """The format a file name asks for by its suffix (``notes.html``), if any."""
    return _FORMATS.get(_ALIASES.get(path.suffix.lower().lstrip("."), ""))


def ready(fmt: Format) -> None:
    """Fail before anything is asked or written when the format cannot be made here (a PDF
    without its optional extra), with the words that say how to fix it."""
    module = importlib.import_module(fmt.module)
    check = getattr(module, "ready", None)
    if check is not None:
        check()


def render(document: Document, fmt: Format) -> str | bytes:
    """The file's contents: text for Markdown, HTML and JSON, bytes for a PDF."""
    module = importlib.import_module(fmt.module)
    made: str | bytes = module.render(document)
    return made


# --- the document ------------------------------------------------------------------------


class Rated:
    """One rating in an entry: an intention or a life area."""

    __slots__ = ("key", "label", "note", "text", "value")

    def __init__(
        self, key: str, label: str, value: Any, text: str, note: str | None = None
    ) -> None:
        self.key = key  # the intention's id or the area's name
        self.label = label  # the intention's words, or the area's name
        self.value = value  # as written: a number, or whatever a hand-edited file holds
        self.text = text  # the value as every format shows it: ``rating(value, key)``
        self.note = note


class Fact:
    """A field of an entry, readable: ``Fact("mood", "Mood", "6/10", 6)``."""

    __slots__ = ("items", "key", "label", "text", "value")

    def __init__(
        self, key: str, label: str, text: str, value: Any, items: tuple[Rated, ...] = ()
    ) -> None:
        self.key = key
        self.label = label
        self.text = text
        self.value = value  # JSON-shaped, as in the front matter
        self.items = items  # for intentions and life areas


class Entry:
    """An entry as the file holds it: only what may be shared, fields already left out."""

    __slots__ = (
        "date",
        "facts",
        "fields",
        "file",
        "intro",
        "private",
        "sections",
        "tags",
        "template",
        "time",
        "title",
    )

    def __init__(
        self,
        *,
        date: date,
        time: str | None,
        template: str | None,
        title: str | None,
        file: str,
        private: bool,
        tags: tuple[str, ...],
        facts: tuple[Fact, ...],
        fields: dict[str, Any],
        intro: str,
        sections: tuple[Section, ...],
    ) -> None:
        self.date = date
        self.time = time
        self.template = template
        self.title = title  # the entry's own title, as written
        self.file = file  # relative to the diary's ``entries/`` folder
        self.private = private  # only ever True with include_private
        self.tags = tags  # front matter and inline #tags (empty when tags are left out)
        self.facts = facts
        self.fields = fields  # the front matter as shared, without date/time/template/title
        self.intro = intro  # text before the first section, without the title line
        self.sections = sections

    @property
    def meta(self) -> dict[str, Any]:
        """The front matter as shared (what ``kapdiary.progress`` reads of an entry)."""
        return self.fields

    @property
    def path(self) -> str:
        return self.file

    @property
    def heading(self) -> str:
        """What the entry is, without the date: ``Evening integration``."""
        title = (self.title or "").strip()
        day = long_day(self.date)
        for joiner in (" — ", " – ", " - ", ", ", " "):
            if title.endswith(joiner + day):
                title = title[: -len(joiner + day)].strip()
                break
        if title == day:
            title = ""
        if title:
            return title
        return (self.template or "entry").replace("-", " ").replace("_", " ").capitalize()


class Session:
    """A dosing session in the period: its fields and the figures around it."""

    __slots__ = (
        "date",
        "facts",
        "fields",
        "file",
        "intentions_after",
        "intentions_before",
        "mood_after",
        "mood_before",
        "number",
    )

    def __init__(
        self,
        *,
        date: date,
        number: int | None,
        file: str,
        facts: tuple[Fact, ...],
        fields: dict[str, Any],
        mood_before: float | None,
        mood_after: float | None,
        intentions_before: float | None,
        intentions_after: float | None,
    ) -> None:
        self.date = date
        self.number = number
        self.file = file
        self.facts = facts  # route, dose, duration, side effects (those shared)
        self.fields = fields
        self.mood_before = mood_before
        self.mood_after = mood_after
        self.intentions_before = intentions_before
        self.intentions_after = intentions_after


class LeftOut:
    """What the preview says was kept out of the file. Never rendered into it."""

    __slots__ = (
        "conflict_copies",
        "fields",
        "flags",
        "included_private_entries",
        "included_private_sections",
        "outside",
        "private_entries",
        "private_sections",
        "unreadable",
        "withheld",
    )

    def __init__(self, fields: tuple[str, ...] = ()) -> None:
        self.fields = fields  # left out with --without
        self.private_entries: list[date] = []
        self.private_sections = 0
        self.unreadable: list[Path] = []
        self.conflict_copies: list[Path] = []  # a sync tool's second copy
        self.flags: list[Flag] = []  # values not counted in the figures
        self.included_private_entries = 0  # with include_private: what it added
        self.included_private_sections = 0
        # (day, file, what): every entry or part kept out, named in the preview
        self.withheld: list[tuple[date, str, str]] = []
        self.outside: list[tuple[date, str, str]] = []  # links, elsewhere


class Request:
    """What goes in: the period, the filters, whether private parts do, the fields left out."""

    __slots__ = ("include_private", "since", "tags", "templates", "until", "without")

    def __init__(
        self,
        since: date,
        until: date,
        templates: tuple[str, ...] = (),
        tags: tuple[str, ...] = (),
        include_private: bool = False,
        without: tuple[str, ...] = (),
    ) -> None:
        self.since = since
        self.until = until
        self.templates = templates
        self.tags = tags
        self.include_private = include_private
        self.without = without


class Document:
    """Everything the file will hold, with the privacy rules applied; renderers read it."""

    __slots__ = (
        "client",
        "coach",
        "entries",
        "intentions",
        "left_out",
        "made",
        "progress",
        "request",
        "sensitive",
        "sessions",
        "summary",
        "withheld",
    )

    def __init__(
        self,
        *,
        made: datetime,
        client: str | None,
        coach: str | None,
        request: Request,
        intentions: list[Intention],
        progress: Progress,
        summary: dict[str, Any],
        sessions: list[Session],
        entries: list[Entry],
        withheld: frozenset[str],
        left_out: LeftOut,
        sensitive: list[str] | None = None,
    ) -> None:
        self.made = made
        self.client = client
        self.coach = coach
        self.request = request
        self.intentions = intentions  # shown on the cover: those not left out
        self.progress = progress  # the figures, over the shared entries only
        self.summary = summary  # progress.as_json, without what was left out or local paths
        self.sessions = sessions
        self.entries = entries
        self.withheld = withheld
        self.left_out = left_out
        self.sensitive = sensitive or []  # what goes out that needs a thought

    @property
    def period(self) -> Period:
        return self.progress.period

    @property
    def days(self) -> int:
        return len({e.date for e in self.entries})

    def shows(self, key: str) -> bool:
        """Whether a field (``mood``, ``intentions``, ``dose_mg``…) is in the file."""
        return key not in self.withheld


# --- building it -------------------------------------------------------------------------


def build(
    home: Home,
    request: Request,
    *,
    client: str | None = None,
    coach: str | None = None,
    made: datetime | None = None,
    on_fallback: Callable[[Unusable], None] | None = None,
) -> Document:
    """Everything the file will hold, with the privacy rules applied (see the module doc)."""
    from kapdiary import intentions as intention_file
    from kapdiary import progress
    from kapdiary.index import open_index
    from kapdiary.query import Filters

    known = intention_file.load(home.intentions_file)
    base = Filters(until=request.until, templates=request.templates, tags=request.tags)
    with open_index(home, on_fallback=on_fallback) as index:
        in_period = index.records(base.replace(since=request.since), body=True)
        # The figures look back over the whole history of what is shared, read as day
        # values: a decade of entries is never loaded one by one.
        history = index.history(base, private=request.include_private)
        # A misspelt --without would leak what it meant to hide: names are checked against
        # every field ever written (read only when asked).
        everything = index.rated(base) if request.without else []
        withheld = _check_without(request.without, everything, known) if request.without else set()
        shared = history.without(withheld)
        # The templates' fields, as `progress` reads them: kept in the index by each
        # template file's stamp, and no template read (nor its parser imported) when no
        # entry answers a template's own question.
        fields = index.definitions(home.templates, shared.answer_templates())
        scales = index.scales(home.templates, shared.scores)  # the same, for check-ins
        # And for the entries' own fields (a unit, a scale, a questionnaire's questions).
        templates = _Templates(home, index.definitions(home.templates, _own_fields(in_period)))

    left_out = LeftOut(fields=tuple(sorted(withheld)))
    shown = [i for i in known if not _withheld_key(withheld, "intentions", i.id)]
    period = progress.Period(request.since, request.until)
    figures = progress.compute(shared, shown, period, scales=scales, fields=fields)
    left_out.flags = figures.flags

    entries = _shared_entries(in_period, request, withheld, home, known, templates, left_out)
    figures.coaching = progress.coaching(entries, period)  # only the shared ones
    return Document(
        made=made or datetime.now(),
        client=client,
        coach=coach,
        request=request,
        intentions=shown,
        progress=figures,
        summary=_summary(progress.as_json(figures), withheld, home),
        sessions=_sessions(entries, figures),
        entries=entries,
        withheld=frozenset(withheld),
        left_out=left_out,
        sensitive=_sensitive(entries, templates),
    )


def _shared_entries(
    records: Iterable[Record],
    request: Request,
    withheld: set[str],
    home: Home,
    known: Sequence[Intention],
    templates: _Templates,
    left_out: LeftOut,
) -> list[Entry]:
    """The period's entries as the file holds them (``_shared_entry``), those shared."""
    texts = {i.id: i.text for i in known}  # the intentions' words, by id
    entries: list[Entry] = []
    for record in records:
        entry = _shared_entry(record, request, withheld, home, texts, templates, left_out)
        if entry is not None:
            entries.append(entry)
    return entries


def _shared_entry(
    record: Record,
    request: Request,
    withheld: set[str],
    home: Home,
    texts: Mapping[str, str],
    templates: _Templates,
    left_out: LeftOut,
) -> Entry | None:
    """The entry as the file will hold it, or None when it stays out (and why, in
    ``left_out``). Every rule of ``kapdiary.privacy`` is applied here, failing closed."""
    from kapdiary import privacy
    from kapdiary.conflicts import is_copy
    from kapdiary.query import normal_tag

    where = record.path_text  # the index's text: a Path is made only for what stays out
    day, file = record.date, _relative(where, home)
    outside = not_own_file(where, home)
    if outside is not None:
        left_out.outside.append((day, file, outside))
        return None
    if _unreadable(record):
        left_out.unreadable.append(Path(where))
        left_out.withheld.append((day, file, said.cannot_be_read(record.problem)))
        return None
    if is_copy(os.path.basename(where)):  # never sent twice, nor merged for the user
        left_out.conflict_copies.append(Path(where))
        return None
    body = record.body or ""
    # The rules again on what was read, and the index's flag: either one withholds. The
    # index alone knows of a key repeated in one spelling (the YAML text is not kept).
    lowered = privacy.ascii_lowered(body)  # what both rules look for "private" in
    reason = privacy.flag_reason(record.meta) or privacy.flag_line(body, lowered=lowered)
    if reason is None and record.private:
        reason = said.marked_private_when_read()
    if reason is not None:
        if not request.include_private:
            left_out.private_entries.append(day)
            left_out.withheld.append((day, file, said.the_whole_entry(reason)))
            return None
        left_out.included_private_entries += 1
    shared = privacy.read_body(body, keep_private=request.include_private, lowered=lowered)
    hidden = [t for t in map(normal_tag, request.tags) if t not in _shared_tags(record, shared)]
    if hidden:  # chosen by a tag that is only in a private part: choosing it would tell
        tag = ", ".join(f"#{t}" for t in hidden)
        left_out.withheld.append((day, file, said.tag_only_in_private_part(tag)))
        return None
    if "title" in withheld:
        shared = privacy.Body(None, shared.intro, shared.sections, shared.parts, shared.tags)
    if request.include_private:
        left_out.included_private_sections += len(shared.parts)
    else:
        left_out.private_sections += len(shared.parts)
        for part in shared.parts:
            left_out.withheld.append((day, file, said.private_part(part.heading, part.line)))
    return _entry(_withhold(record, withheld), file, texts, templates, shared, reason)


def _sensitive(entries: Sequence[Entry], templates: _Templates) -> list[str]:
    """Lines for the preview naming the check-ins that go out, and the answers about
    self-harm among them, each with the option that leaves it out."""
    found: dict[str, tuple[TemplateField, int, int]] = {}
    for entry in entries:
        for key, value in entry.fields.items():
            if not isinstance(value, dict) or key in ("intentions", "areas", "intention_notes"):
                continue  # a questionnaire's answers are a mapping; read its template only then
            spec = templates.field(entry.template, key)
            if spec is None or spec.type != "scored":
                continue
            _, count, with_safety = found.get(key, (spec, 0, 0))
            answered = any(value.get(item) is not None for item in spec.safety)
            found[key] = (spec, count + 1, with_safety + answered)
    lines = []
    for key, (spec, count, with_safety) in found.items():
        safety = [f"{key}.{item}" for item in spec.safety] if with_safety else []
        lines.append(said.questionnaires_going_out(spec.label or key, key, count, safety))
    return lines


def not_own_file(path: str | Path, home: Home) -> str | None:
    """Why a file is not the diary's own (a link, or a place outside the home), or None."""
    if os.path.islink(path):
        try:
            target = os.readlink(path)
        except OSError:
            target = said.another_file()
        return said.link_not_own_file(target)
    folder = os.path.dirname(os.fspath(path)) or "."  # str(path.parent), made quicker
    inside = _within(folder, str(home.path))  # not a link: its folder decides
    return None if inside else said.outside_the_diary()


@functools.lru_cache(maxsize=4096)
def _within(folder: str, home: str) -> bool:
    """Whether a folder's real path lies in the home's (once per folder: a year's export
    asks for a dozen month folders, not for every entry)."""
    try:
        return Path(folder).resolve().is_relative_to(Path(home).resolve())
    except (OSError, RuntimeError):
        return False


def _unreadable(record: Record | IndexRow) -> bool:
    """Front matter that could not be read: it may have said ``private: true``."""
    return record.problem is not None and not record.meta and record.problem_line is not None


def _withheld_key(withheld: set[str], group: str, key: str) -> bool:
    return group in withheld or f"{group}.{key}" in withheld


def _check_without(
    names: Sequence[str], records: Sequence[Record | IndexRow], known: Sequence[Intention]
) -> set[str]:
    """The fields to leave out, checked: a misspelt one would leak what it meant to hide."""
    seen: set[str] = set(KNOWN_FIELDS)
    for record in records:
        for key, value in record.meta.items():
            seen.add(key)
            if isinstance(value, dict):  # one intention, area or check-in answer
                group = "intentions" if key == "intention_notes" else key
                seen.update(f"{group}.{sub}" for sub in value)
    seen.update(f"intentions.{i.id}" for i in known)
    seen.difference_update(("date", "template", "private"))
    chosen: set[str] = set()
    for raw in names:
        name = raw.strip()
        if name in ("date", "template"):
            raise UsageError(said.without_a_kept_field(name))
        if name not in seen:
            fields = ", ".join(sorted(k for k in seen if "." not in k))
            raise UsageError(said.without_unknown_field(raw, fields))
        chosen.add(name)
    return chosen


def _withheld_meta(meta: dict[str, Any], withheld: set[str]) -> dict[str, Any]:
    """The front matter without the fields the user leaves out."""
    meta = dict(meta)
    for name in withheld:
        group, _, key = name.partition(".")
        if not key:
            meta.pop(name, None)
            if name == "intentions":
                meta.pop("intention_notes", None)
            continue
        for block in (group, "intention_notes") if group == "intentions" else (group,):
            value = meta.get(block)
            if isinstance(value, dict) and key in value:
                meta[block] = {k: v for k, v in value.items() if k != key}
    return meta


def _withhold(record: Record, withheld: set[str]) -> Record:
    """The record without the fields the user leaves out (figures are computed from it)."""
    if not withheld:
        return record
    meta = _withheld_meta(record.meta, withheld)
    return record.replace(
        meta=meta,
        tags=() if "tags" in withheld else record.tags,
        time=None if "time" in withheld else record.time,
        title=None if "title" in withheld else record.title,
        mood=None if "mood" in withheld else record.mood,
    )


class _Templates:
    """A template's own fields, to show their unit or scale; a broken template is skipped.

    Those ``known`` come from the index (``Index.definitions``: read once, kept by each
    template file's stamp); any other is read when an entry has a field kapdiary does not
    know, so most exports read none.
    """

    def __init__(self, home: Home, known: Mapping[str, Sequence[TemplateField]]) -> None:
        self._home = home
        self._found = {name: {f.key: f for f in fields} for name, fields in known.items()}

    def field(self, name: str | None, key: str) -> TemplateField | None:
        if name is None:
            return None
        if name not in self._found:
            from kapdiary import templates

            try:
                found = templates.find(self._home.templates, name).fields
            except KapdiaryError:
                found = []
            self._found[name] = {f.key: f for f in found}
        return self._found[name].get(key)


def _own_fields(records: Iterable[Record]) -> set[str]:
    """The templates of the entries with a field kapdiary does not know (``_facts`` shows
    it with the template's words): read with the figures' templates, from the index."""
    return {r.template for r in records if r.template and not r.meta.keys() <= _KNOWN_KEYS}


def _shared_tags(record: Record, shared: Body) -> tuple[str, ...]:
    """The record's tags that the shared text holds: front matter tags and the inline
    ``#tags`` outside private parts (the index's tags come from the whole text)."""
    if shared.tags is None:  # nothing was taken out of the text: every tag goes
        return tuple(record.tags)
    listed = record.meta.get("tags")
    front = [str(t) for t in listed] if isinstance(listed, list) else [str(listed or "")]
    from kapdiary.query import normal_tag

    found = map(normal_tag, (*front, *shared.tags))
    return tuple(dict.fromkeys(t for t in found if t))


def _entry(
    record: Record,
    file: str,
    texts: Mapping[str, str],
    templates: _Templates,
    shared: Body,
    private_reason: str | None,
) -> Entry:
    """``record`` (fields already left out) with its body read for sharing: ``shared``
    holds only what may go out, so tags come from its text, never from the index."""
    title = record.meta.get("title") if "title" in record.meta else shared.title
    # none at all, or left out with --without tags
    tags = _shared_tags(record, shared) if record.tags else ()
    fields = {k: v for k, v in record.meta.items() if k not in _HEADING_SET}
    return Entry(
        date=record.date,
        time=record.time,
        template=record.template,
        title=str(title) if title is not None else None,
        file=file,
        private=private_reason is not None,
        tags=tags,
        facts=tuple(_facts(record, tags, texts, templates)),
        fields=fields,
        intro=shared.intro,
        sections=shared.sections,
    )


def _relative(path: str | Path, home: Home) -> str:
    """The file's place in the diary, never the home's own path (that is the user's)."""
    text, prefix = os.fspath(path), _entries_prefix(str(home.path))
    if text.startswith(prefix):  # a path from the index: a prefix of its text, no parsing
        rest = text[len(prefix) :]
        return rest if os.sep == "/" else rest.replace(os.sep, "/")
    where = Path(text)
    try:
        return where.relative_to(home.entries).as_posix()
    except ValueError:
        return where.name


@functools.lru_cache(maxsize=8)
def _entries_prefix(home: str) -> str:
    """The text every path inside ``entries/`` starts with (the folder and a separator):
    what ``Path.relative_to`` decides, read off the text of a path already normalised.
    (Cached by the home's text: a Path's hash is worked out in Python at every call.)"""
    return f"{Path(home) / 'entries'}{os.sep}"


def _facts(
    record: Record, tags: tuple[str, ...], texts: Mapping[str, str], templates: _Templates
) -> list[Fact]:
    """The entry's fields as the file shows them: ``tags`` are those shared, ``texts`` the
    intentions' words by their ids."""
    meta = record.meta
    order = [k for k in FIELD_ORDER if k in meta]
    order += [k for k in meta if k not in _ORDERED_OR_NOT_FACTS]
    facts: list[Fact] = []
    for key in order:
        value = meta[key]
        if value is None or (not value and isinstance(value, (str, list, dict))):
            continue  # nothing written: None, "", [] or {}
        if key in ("intentions", "areas") and isinstance(value, dict):
            facts.append(_ratings(key, value, meta, texts))
            continue
        spec = None if key in LABELS else templates.field(record.template, key)
        unit = UNITS.get(key) or (spec.unit if spec is not None else None)
        scale = SCALES.get(key)
        if scale is None and spec is not None and spec.type == "scale":
            scale = spec.max if spec.max is not None else 10
        words = label(key, unit)
        if spec is not None:  # the template's own words, never the raw key
            words = spec.label or spec.prompt
        if spec is not None and spec.type == "scored" and isinstance(value, dict):
            text = _answers_text(spec, value)
        else:
            text = _value_text(value, unit, scale)
        facts.append(Fact(key, words, text, value))
    if tags:
        facts.append(Fact("tags", LABELS["tags"], ", ".join(tags), list(tags)))
    return facts


_NOT_FACTS = {*_HEADING_KEYS, "intention_notes", "tags"}
_KNOWN_KEYS = frozenset((*LABELS, *_NOT_FACTS))  # fields whose words need no template
_ORDERED_OR_NOT_FACTS = frozenset((*FIELD_ORDER, *_NOT_FACTS))


def _ratings(
    key: str, value: dict[Any, Any], meta: dict[str, Any], texts: Mapping[str, str]
) -> Fact:
    """The intentions or life areas of an entry, each rating with its words (and note)."""
    notes = meta.get("intention_notes") if key == "intentions" else None
    notes = notes if isinstance(notes, dict) else {}
    intentions = key == "intentions"
    items: list[Rated] = []
    shown: list[str] = []
    for k, v in value.items():
        name = str(k)
        words = texts.get(name, name) if intentions else _words(name)
        note = notes.get(k)
        text = rating(v, key)
        note = str(note).strip() if note not in (None, "") else None
        items.append(Rated(name, words, v, text, note))
        shown.append(f"{words} {text}")
    return Fact(key, LABELS[key], ", ".join(shown), value, tuple(items))


def label(key: str, unit: str | None = None) -> str:
    """``dose_mg`` → ``Dose``; ``sleep_quality`` → ``Sleep quality``."""
    if key in LABELS:
        return LABELS[key]
    if unit and key.endswith(f"_{unit}"):
        key = key[: -len(unit) - 1]
    return _words(key).capitalize()


def _words(key: str) -> str:
    return key.replace("_", " ").replace("-", " ")


def rating(value: Any, key: str = "intentions") -> str:
    """``7/10``; a value that is not a number is shown as it was written."""
    if type(value) is int:  # a rating as written by kapdiary: each one's text made once
        found = _RATINGS.get((value, key))
        if found is None:
            found = _rating(value, key)
            if len(_RATINGS) < 4096:
                _RATINGS[value, key] = found
        return found
    return _rating(value, key)


def _rating(value: Any, key: str) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # a tuple: faster
        return _shown(value) + _OUT_OF.get(key, _OUT_OF_TEN)
    return str(value)


_RATINGS: dict[tuple[int, str], str] = {}


_OUT_OF = {key: f"/{number(scale)}" for key, scale in SCALES.items()}  # "/10"
_OUT_OF_TEN = f"/{number(10.0)}"


def _shown(value: float) -> str:
    """A number as the export has always shown it (through a float), or, a whole number
    too long for a float, as written."""
    try:
        return number(float(value))
    except OverflowError:
        return str(value)


def _value_text(value: Any, unit: str | None, scale: float | None) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        if scale is not None:
            return f"{_shown(value)}/{number(scale)}"
        return f"{_shown(value)} {unit}" if unit else _shown(value)
    if isinstance(value, list):
        return ", ".join(_value_text(v, None, None) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value_text(v, None, None)}" for k, v in value.items())
    return str(value)


def _answers_text(spec: TemplateField, answers: dict[str, Any]) -> str:
    """A questionnaire's answers in its own words: each question, then the answer chosen."""
    parts = []
    for item, value in answers.items():
        question = spec.items.get(str(item), _words(str(item)))
        if type(value) is int and 0 <= value < len(spec.options):
            parts.append(f"{question}: {spec.options[value]} ({value})")
        else:
            parts.append(f"{question}: {_value_text(value, None, None)}")
    return "; ".join(parts)


def _sessions(entries: Sequence[Entry], figures: Progress) -> list[Session]:
    effects = {
        (e.date, Path(e.path).name if e.path else None): e
        for e in figures.sessions  # the figures around each session, computed once
    }
    by_day = {e.date: e for e in figures.sessions}
    found: list[Session] = []
    for entry in entries:
        if entry.template != "session":
            continue
        effect = effects.get((entry.date, Path(entry.file).name)) or by_day.get(entry.date)
        number_value = entry.fields.get("session")
        facts = tuple(f for f in entry.facts if f.key in SESSION_FIELDS)
        found.append(
            Session(
                date=entry.date,
                number=number_value
                if isinstance(number_value, int) and not isinstance(number_value, bool)
                else None,
                file=entry.file,
                facts=facts,
                fields={k: entry.fields[k] for k in SESSION_FIELDS if k in entry.fields},
                mood_before=effect.mood_before if effect else None,
                mood_after=effect.mood_after if effect else None,
                intentions_before=effect.intentions_before if effect else None,
                intentions_after=effect.intentions_after if effect else None,
            )
        )
    return found


def _summary(data: dict[str, Any], withheld: set[str], home: Home) -> dict[str, Any]:
    """``progress.as_json`` as it goes into the file: the same numbers, fewer keys.

    Local paths (the user's folders) and the list of values not counted (a note for the
    user, not the coach) are left out, and so is whatever the user chose to leave out:
    ``score`` takes the questionnaires' check-ins (``measures``) with it.
    """
    data = dict(data)
    data.pop("flags", None)
    for key in ("mood", "areas"):
        if key in withheld:
            data.pop(key)
    if "intentions" in withheld:
        data.pop("intentions")
        data.pop("retired_intentions")
    sessions = []
    for item in data["sessions"]:
        item = dict(item)
        path = item.pop("path", None)
        item["file"] = _relative(Path(path), home) if path else None
        if "session" in withheld:
            item.pop("session")
        if "mood" in withheld:
            item.pop("mood_before")
            item.pop("mood_after")
        if "intentions" in withheld:
            item.pop("intentions_before")
            item.pop("intentions_after")
        sessions.append(item)
    data["sessions"] = sessions

    def check_in(item: dict[str, Any] | None) -> dict[str, Any] | None:
        if item is None:
            return None
        item = dict(item)
        path = item.pop("path", None)
        item["file"] = _relative(Path(path), home) if path else None
        if "severity" in withheld:
            item.pop("severity")
        return item

    coaching = []
    for item in data.get("coaching", []):
        item = dict(item)
        item["file"] = item.pop("path", None)  # already relative: from the shared entries
        coaching.append(item)
    data["coaching"] = coaching
    if "score" in withheld:
        data.pop("measures", None)  # as for mood: no questionnaire figures at all
    else:
        data["measures"] = [
            {
                **measure,
                "scores": [check_in(c) for c in measure["scores"]],
                "first": check_in(measure["first"]),
                "latest": check_in(measure["latest"]),
            }
            for measure in data.get("measures", [])
        ]
    return data


def parse_without(values: Iterable[str]) -> tuple[str, ...]:
    """``--without a,b --without c`` → ``("a", "b", "c")``."""
    out: list[str] = []
    for value in values:
        out += [v.strip() for v in value.split(",") if v.strip()]
    return tuple(dict.fromkeys(out))
