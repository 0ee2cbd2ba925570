"""One diary entry: Markdown with YAML front matter (docs/design.md §4), parsed and rendered.

Parsing never drops text. Front matter that does not parse leaves the whole file as the
body and records the problem (with its line) so commands can warn and `doctor` can name it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from kapdiary.dates import in_range, out_of_range
from kapdiary.errors import KapdiaryError
from kapdiary.messages import writing as said
from kapdiary.privacy import INLINE_TAG, flag_reason

FENCE = "---"
PRIVATE_SUFFIX = "(private)"
FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
# Front matter a person writes is a few levels deep; deeper is a broken or hostile file.
MAX_DEPTH = 100
MAX_FLOW_DEPTH = 1000  # checked before parsing: libyaml crashes on [[[[… thousands deep
MAX_VALUES = 100_000  # values, counting each use of an alias again
TOO_DEEP = said.front_matter_too_deep()
# Keys in the order docs/design.md §4 shows them; template-defined keys follow in template order.
KNOWN_ORDER = (
    "date",
    "time",
    "template",
    "title",
    "session",
    "score",
    "severity",
    "mood",
    "intentions",
    "areas",
)


class FrontMatterError(KapdiaryError):
    """Front matter that does not parse; ``line`` is the line in the file (1-based)."""

    def __init__(self, message: str, line: int | None) -> None:
        where = f"line {line}: " if line else ""
        super().__init__(f"{where}{message}")
        self.line = line
        self.detail = message


@dataclass(frozen=True)
class Section:
    heading: str
    text: str

    @property
    def private(self) -> bool:
        return self.heading.rstrip().lower().endswith(PRIVATE_SUFFIX)


@dataclass
class Entry:
    meta: dict[str, Any]
    body: str
    path: Path | None = None
    problem: str | None = None  # set when the front matter could not be read
    problem_line: int | None = None
    withheld: str | None = None  # why the text itself makes the entry private (see privacy)

    @property
    def date(self) -> date | None:
        value = self.meta.get("date")
        if isinstance(value, datetime):  # `date: 2025-01-01T21:30` (Obsidian writes these)
            return value.date()
        if isinstance(value, date):
            return value
        if self.path is not None:
            match = FILE_DATE.match(self.path.name)
            if match:
                try:
                    return date.fromisoformat(match[1])
                except ValueError:
                    return None
        return None

    @property
    def template(self) -> str | None:
        value = self.meta.get("template")
        return str(value) if value is not None else None

    @property
    def private(self) -> bool:
        """Whether the whole entry stays out of exports (``kapdiary.privacy`` decides)."""
        return self.private_reason is not None

    @property
    def private_reason(self) -> str | None:
        """Why the whole entry is private, or None; when in doubt, it is."""
        if self.withheld is not None:
            return self.withheld
        return flag_reason(self.meta)

    @property
    def tags(self) -> list[str]:
        """Front matter tags plus inline ``#tags`` in the body, each once, lowercased."""
        raw = self.meta.get("tags") or []
        listed = [str(t) for t in raw] if isinstance(raw, list) else [str(raw)]
        found = listed + INLINE_TAG.findall(self.body)
        return list(dict.fromkeys(t.strip().lstrip("#").lower() for t in found if t.strip()))

    @property
    def title(self) -> str | None:
        for chunk in lines(self.body):
            for line in chunk.splitlines():  # as str.splitlines: \r, \x85, \u2028 … too
                if line.startswith("# "):
                    return line[2:].strip()
                if line.strip():
                    return None
        return None

    def sections(self) -> list[Section]:
        return split_sections(self.body)


def lines(text: str) -> Iterator[str]:
    """The lines of ``text`` (split at ``\n``) one at a time: reading the first few lines
    of a huge entry costs only those lines."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``text`` into (front matter, body, the body's first line number).

    Blank lines and a byte-order mark before the opening ``---`` are passed over, as
    Obsidian does: the front matter is read, never taken for text.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    start = 0
    first = 0  # the opening fence's line, from 0
    while True:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip() or end == len(text):
            break
        start, first = end + 1, first + 1
    if text[start:end].rstrip().lstrip("\ufeff") != FENCE:
        return None, text, 1
    begin = pos = end + 1  # where the front matter starts
    index = first + 1
    while pos <= len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].rstrip() in (FENCE, "..."):
            front = text[begin : max(pos - 1, begin)]
            rest = end + 1
            skipped = 0
            while rest < len(text) and text[rest] == "\n":
                rest += 1
                skipped += 1
            if rest > len(text):  # the closing fence ends the text
                return front, "", index + 2
            if rest == len(text):  # only empty lines after it: the last one counts too
                skipped += 1
            return front, text[rest:], index + 2 + skipped
        pos = end + 1
        index += 1
    raise FrontMatterError(
        said.front_matter_never_ends(),
        first + 1,
    )


def load_front_matter(yaml_text: str, first_line: int = 2) -> dict[str, Any]:
    """Parse front matter safely (no tags that build objects); errors carry the file line.

    What our own writer produces is read by ``fast_front_matter``; anything else, and
    anything it is unsure of, by PyYAML's safe loader.
    """
    fast = fast_front_matter(yaml_text)
    if fast is not None:
        return fast
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if _nested_deeper(yaml_text, MAX_FLOW_DEPTH):  # libyaml recurses in C: it would crash
        raise FrontMatterError(TOO_DEEP, first_line)
    try:
        data = yaml.load(yaml_text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark is not None else None
        problem = (exc.problem or exc.context or said.not_valid_yaml_plain()).strip()
        raise FrontMatterError(said.fix_the_yaml(problem), line) from exc
    except yaml.YAMLError as exc:
        raise FrontMatterError(said.not_valid_yaml(exc), first_line) from exc
    except Exception as exc:  # YAML that reads but cannot be built, like `date: 2026-02-30`
        line = first_line + _failing_key_line(yaml_text, loader, type(exc))
        reason = str(exc).split(";")[0][:100] if isinstance(exc, ValueError) else said.not_a_value()
        raise FrontMatterError(said.fix_the_value(reason), line) from exc
    if data is None:
        return {}
    _check_shape(data, first_line)
    if not isinstance(data, dict):
        raise FrontMatterError(said.front_matter_not_key_value(), first_line)
    return {str(k): v for k, v in data.items()}


# The fast path: the lines ``dump_front_matter`` writes, read as YAML 1.1 reads them.
# A key: lowercase ASCII, not a word YAML 1.1 reads as true, false or null.
_FAST_KEY = re.compile(r"[a-z][a-z0-9_-]*")
_FAST_INT = re.compile(r"-?[1-9][0-9]{0,17}|0")
_FAST_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})\.[0-9]{1,17}")
_FAST_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FAST_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*(?: [A-Za-z0-9_.-]+)*")
_YAML_WORDS = frozenset(("yes", "no", "true", "false", "on", "off", "null", "y", "n"))
# The two spellings of a boolean the house style writes; every other one (``yes``, ``True``,
# ``off`` …) goes to PyYAML.
_FAST_BOOLEANS = {"true": True, "false": False}
_NOT_FAST = object()
_OPENS = object()
_EMPTY_MAP = object()


def fast_front_matter(yaml_text: str) -> dict[str, Any] | None:
    """Front matter in the house style (``dump_front_matter``'s lines: ``key: value``,
    one level of ``  key: value`` under a ``key:``, flow lists of plain words and
    numbers), read exactly as PyYAML's safe loader reads it; None for anything else, which
    that loader then reads (tests/test_front_matter_fast.py holds the two equal).

    A repeated key, a comment, a tab, quotes with escapes, a key in capitals (``Private``)
    or a word YAML reads as a boolean or null (but ``true`` and ``false``, read as PyYAML
    reads them) all go to PyYAML: privacy.py's rules see exactly what they would have seen.
    """
    data: dict[str, Any] = {}
    parent: str | None = None  # the ``key:`` whose indented lines are being read
    for line in yaml_text.split("\n"):
        if not line:
            continue
        read = _fast_line(line)
        if read is None:
            return None
        nested, key, value = read
        if nested:
            if parent is None:
                return None
            if data[parent] is None:
                data[parent] = {}
            target = data[parent]
        else:
            target, parent = data, None
        if key in target or (nested and value is _OPENS):
            return None  # a repeated key, or a third level: PyYAML's business
        if value is _OPENS:  # ``key:``: a mapping follows, or nothing (null)
            target[key], parent = None, key
            continue
        if isinstance(value, tuple):  # each entry its own list and mapping
            value = list(value)
        elif value is _EMPTY_MAP:
            value = {}
        target[key] = value
    return data


@lru_cache(maxsize=4096)
def _fast_line(line: str) -> tuple[bool, str, Any] | None:
    """One line: (indented, key, value; a list as a tuple, ``{}`` as ``_EMPTY_MAP``,
    ``_OPENS`` for ``key:``), or
    None. Most lines repeat from entry to entry (``mood: 6``, ``template: evening``), so
    each is read once."""
    nested = line.startswith("  ")
    if nested:
        line = line[2:]
        if line[:1] in ("", " "):
            return None
    key, sep, rest = line.partition(":")
    if not sep or not _FAST_KEY.fullmatch(key) or key in _YAML_WORDS:
        return None
    if not rest:
        return nested, key, _OPENS
    value = _fast_value(rest[1:]) if rest[0] == " " else _NOT_FAST
    if value is _NOT_FAST:
        return None
    if isinstance(value, list):
        return nested, key, tuple(value)
    return nested, key, _EMPTY_MAP if isinstance(value, dict) else value


def _fast_value(text: str) -> Any:
    """One value as YAML 1.1 reads it, or ``_NOT_FAST``."""
    if not text or text != text.strip(" ") or "#" in text or "\t" in text:
        return _NOT_FAST
    first = text[0]
    if first == "[":
        if text[-1] != "]":
            return _NOT_FAST
        inside = text[1:-1]
        if not inside:
            return []
        items = [_fast_scalar(item.strip(" "), flow=True) for item in inside.split(",")]
        return _NOT_FAST if any(i is _NOT_FAST for i in items) else items
    if text == "{}":
        return {}
    return _fast_scalar(text, flow=False)


def _fast_scalar(text: str, *, flow: bool) -> Any:
    if not text:
        return _NOT_FAST
    first = text[0]
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner or not inner.isprintable():
            return _NOT_FAST
        return inner if not flow or "," not in inner else _NOT_FAST
    if first.isdigit() or first == "-":
        if _FAST_INT.fullmatch(text):
            return int(text)
        if _FAST_FLOAT.fullmatch(text):
            return float(text)
        if _FAST_DATE.fullmatch(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                return _NOT_FAST  # PyYAML names the problem
        return _NOT_FAST
    if text in _FAST_BOOLEANS:  # as dump_front_matter writes them (``private: true``)
        return _FAST_BOOLEANS[text]
    if _FAST_WORDS.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return _NOT_FAST


def _nested_deeper(yaml_text: str, limit: int) -> bool:
    """Whether ``[``/``{`` nest deeper than ``limit`` (counted plainly: an upper bound)."""
    if yaml_text.count("[") + yaml_text.count("{") <= limit:
        return False
    depth = 0
    for char in yaml_text:
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth = max(0, depth - 1)
    return False


def _check_shape(data: Any, first_line: int) -> None:
    """Front matter is a small tree. Aliases (``&a``/``*a``) can make it refer to itself or
    grow without bound, and every reader of the values would then recurse forever."""
    todo: list[tuple[Any, int]] = [(data, 0)]
    seen = 0
    while todo:
        value, depth = todo.pop()
        seen += 1
        if depth > MAX_DEPTH or seen > MAX_VALUES:
            raise FrontMatterError(TOO_DEEP, first_line)
        if isinstance(value, dict):
            todo += [(v, depth + 1) for v in value.values()]
        elif isinstance(value, list):
            todo += [(v, depth + 1) for v in value]


def _failing_key_line(yaml_text: str, loader: Any, error: type[Exception]) -> int:
    """The line (from 0) of the first top-level key whose value fails to build like that."""
    import yaml

    try:
        root = yaml.compose(yaml_text, Loader=loader)
    except Exception:  # noqa: BLE001 - only a better line number is at stake
        return 0
    for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
        try:
            yaml.load(yaml_text[key.start_mark.index : value.end_mark.index], Loader=loader)
        except Exception as exc:  # noqa: BLE001 - only a better line number is at stake
            if isinstance(exc, error):
                return int(key.start_mark.line)
    return 0


def parse(text: str, path: Path | None = None) -> Entry:
    """Read an entry. Never raises on bad content: the problem is recorded on the entry."""
    try:
        yaml_text, body, _ = split_front_matter(text)
        meta = load_front_matter(yaml_text) if yaml_text is not None else {}
    except FrontMatterError as exc:
        return Entry({}, text, path, problem=exc.detail, problem_line=exc.line)
    entry = Entry(meta, body, path)
    entry.withheld = _withheld(meta, yaml_text, body)
    raw_date = meta.get("date")
    if isinstance(raw_date, str):
        try:
            meta["date"] = date.fromisoformat(raw_date.strip())
        except ValueError:
            entry.problem = said.date_not_a_date(raw_date)
            entry.problem_line = 2
    elif yaml_text is None:
        entry.problem = said.dated_by_file_name()
    elif raw_date is None:
        entry.problem = said.front_matter_without_date()
        entry.problem_line = 2
    elif not isinstance(raw_date, date):
        entry.problem = said.date_not_a_date(raw_date)
        entry.problem_line = 2
    day = entry.date
    if entry.problem is None and day is not None and not in_range(day):
        entry.problem = said.date_out_of_range(out_of_range(day))
        entry.problem_line = 2
    return entry


def _withheld(meta: dict[str, Any], yaml_text: str | None, body: str) -> str | None:
    """Why the text itself makes the entry private: a ``private`` key given twice (YAML
    keeps only the last), or a line that reads like the flag outside the front matter."""
    from kapdiary import privacy

    named = yaml_text is not None and any(str(k).strip().lower() == "private" for k in meta)
    if named and privacy.raw_private_keys(yaml_text or "") > 1:
        return said.private_key_twice()
    return privacy.flag_line(body)


def split_sections(body: str) -> list[Section]:
    """The body's ``##`` sections with their text (the ``#`` title line is not a section)."""
    sections: list[Section] = []
    heading: str | None = None
    lines: list[str] = []
    for line in body.split("\n"):
        if line.startswith("## "):
            if heading is not None:
                sections.append(Section(heading, "\n".join(lines).strip("\n")))
            heading, lines = line[3:].strip(), []
        elif heading is not None:
            lines.append(line)
    if heading is not None:
        sections.append(Section(heading, "\n".join(lines).strip("\n")))
    return sections


def ordered_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Known keys first in docs/design.md §4's order, then the rest as given."""
    first = {k: meta[k] for k in KNOWN_ORDER if k in meta}
    return first | {k: v for k, v in meta.items() if k not in first}


def dump_front_matter(meta: dict[str, Any]) -> str:
    """YAML in the house style: block mappings, flow lists, quoted times."""
    out: list[str] = []
    for key, value in meta.items():
        _dump_item(out, key, value, 0)
    return "\n".join(out) + "\n"


def _dump_item(out: list[str], key: str, value: Any, indent: int) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            out.append(f"{pad}{_scalar(key)}: {{}}")
            return
        out.append(f"{pad}{_scalar(key)}:")
        for sub_key, sub_value in value.items():
            _dump_item(out, str(sub_key), sub_value, indent + 2)
    elif isinstance(value, list | tuple):
        out.append(f"{pad}{_scalar(key)}: {_flow(list(value))}")
    else:
        out.append(f"{pad}{_scalar(key)}: {_scalar(value)}")


def _flow(value: list[Any]) -> str:
    import yaml

    text = str(yaml.safe_dump(value, default_flow_style=True, width=1_000_000, allow_unicode=True))
    if "\x85" in text:  # NEL, written as it is, reads back as a line break: escape it
        text = str(yaml.safe_dump(value, default_flow_style=True, width=1_000_000))
    return text.strip()


def _scalar(value: Any) -> str:
    return _flow([value])[1:-1]


def render(meta: dict[str, Any], body: str) -> str:
    """The file text for an entry: front matter, a blank line, the body, one final newline."""
    return f"{FENCE}\n{dump_front_matter(meta)}{FENCE}\n\n{body.strip()}\n"
