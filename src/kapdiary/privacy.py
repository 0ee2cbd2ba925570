"""What is private in an entry: the one definition every export, preview and figure uses.

The rules (docs/privacy.md says them for users):

1. **A whole entry** is private when its front matter has a ``private`` key, in any case,
   with any value other than a clear false (``false``, ``no``, ``off``, ``0``; an absent
   key is false); when that key is given more than once; or when a line of its text reads
   like such a flag (``private: true`` outside the front matter, as happens when the front
   matter did not start on the first line). Front matter that cannot be read withholds the
   entry (``entry.parse`` records the problem; exports leave such entries out).
2. **A part of an entry** is private from a heading whose text ends in ``(private)`` (any
   case, any heading level, ATX or setext, closing hashes, emphasis and entities read as
   CommonMark reads them) up to the next heading of the same or a higher level. Headings
   are found by CommonMark (markdown-it-py, which Rich already brings), so a ``## `` line
   inside a code block is text. Failing closed, two more things count: an HTML heading
   (``<h2>… (private)</h2>``) starts a private part, and a line inside a code block that
   looks like a private heading withholds the rest of that block.
3. **What comes from a private part is private with it**: inline ``#tags`` are read from
   the shared text only, and a private title line takes the title with it.

Reading is fast for the common entry: a body with nothing a CommonMark parser could read
differently from plain ``#`` lines (no fences, indented or setext headings, HTML, closing
hashes, the word "private": ``needs_parser``) is split by lines, which gives the same
headings; anything else goes through the parser. ``tests/test_privacy_rules.py`` checks
that both ways agree.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from kapdiary.messages import privacy as said
from kapdiary.patterns import lazy

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# `#tags` in the text. The ``#`` comes first so the regex engine can jump from one to the
# next: a lookbehind at the start is tried at every character (seconds on a 50 MB entry).
INLINE_TAG = re.compile(r"#(?<![\w#&/]#)([A-Za-z][\w-]*)")
CLEAR_FALSE = frozenset({"false", "no", "off", "0"})
# Compiled on first use (kapdiary.patterns): only a body that needs the parser, or has the
# word "private" in it, asks for these.
PRIVATE_END = lazy(r"\(\W*private\W*\)\W*$", re.IGNORECASE)
# A line that reads like the whole-entry flag, wherever it stands.
FLAG_LINE = lazy(r"^[ \t>*-]*[\"']?private[\"']?[ \t]*:(.*)$", re.IGNORECASE | re.MULTILINE)
# A line inside a code block that looks like a private heading.
LOOKS_PRIVATE = lazy(r"^[ \t>]*(#{1,6}[ \t].*|<h[1-6][^>]*>.*)\(\W*private\W*\)", re.I)
HTML_HEADING = lazy(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
TAGS = lazy(r"<[^>]*>")
# A line a CommonMark parser could read differently from a plain "#…###### " line at
# column 0: a fence, a setext underline, an indented or tabbed or empty or closed heading,
# HTML. Only lines starting with one of these characters can be one.
_ODD_LINE = re.compile(r"[ \t]*(?:`{3}|~{3}|<)| {0,3}(?:=+|-+)[ \t]*$| {1,3}#|#{1,6}(?:\t|$)")
_CLOSED_HEADING = re.compile(r"#{1,6} .*#[ \t]*$")
_LINE_STARTS = frozenset(" \t`~<=-#")


def needs_parser(body: str) -> bool:
    """Whether a CommonMark parser could read the body's headings differently from its
    plain ``#`` lines; bodies with the word "private", entities or escapes always go to it."""
    return _plain_headings(body, body.split("\n")) is None


# Plain classes, not dataclasses: made for every entry an export reads, and a dataclass
# costs more to create (``dataclasses`` imports ``inspect``) than this module's work.


class Part:
    """A private part of a body: where it starts (1-based line of the body) and why."""

    __slots__ = ("heading", "line")

    def __init__(self, line: int, heading: str) -> None:
        self.line = line
        self.heading = heading


class Section:
    """A ``##`` section of a body: its heading, its text, and whether it is private."""

    __slots__ = ("heading", "private", "text")

    def __init__(self, heading: str, text: str, private: bool = False) -> None:
        self.heading = heading
        self.text = text
        self.private = private


class Body:
    """A body read for sharing: the text before the first section, the ``##`` sections,
    and the private parts found (whether or not they were taken out)."""

    __slots__ = ("intro", "parts", "sections", "tags", "title")

    def __init__(
        self,
        title: str | None,
        intro: str,
        sections: tuple[Section, ...],
        parts: tuple[Part, ...],
        tags: tuple[str, ...] | None,
    ) -> None:
        self.title = title
        self.intro = intro
        self.sections = sections
        self.parts = parts
        # the inline #tags of what is shared; None when nothing was taken out (all of them)
        self.tags = tags


# --- the whole entry ---------------------------------------------------------------------


def flag_reason(meta: dict[str, Any]) -> str | None:
    """Why the front matter makes the entry private, or None when it clearly does not.

    (A key repeated in the same spelling leaves one key in ``meta``: YAML keeps the last.
    ``raw_private_keys`` counts them in the text; ``entry.parse`` asks it.)
    """
    keys = [k for k in meta if str(k).strip().lower() == "private"]
    if not keys:
        return None
    if len(keys) > 1:
        return said.private_key_twice()
    value = meta[keys[0]]
    if is_clear_false(value):
        return None
    shown = "nothing" if value is None else repr(value) if isinstance(value, str) else value
    if keys[0] != "private" or value is not True:
        return said.not_a_clear_false(keys[0], shown)
    return "private: true"


def is_clear_false(value: Any) -> bool:
    if value is False:
        return True
    if type(value) is int:
        return value == 0
    return isinstance(value, str) and value.strip().lower() in CLEAR_FALSE


def raw_private_keys(yaml_text: str) -> int:
    """How many top-level ``private`` keys (any case) the front matter's text holds,
    counting those brought in by a YAML merge (``<<``). Unreadable text counts as two."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(yaml_text, Loader=loader)
    except Exception:  # noqa: BLE001 - unreadable here: fail closed
        return 2
    if not isinstance(root, yaml.MappingNode):
        return 0
    count = 0
    todo = [root]
    seen = 0
    while todo and seen < 100:
        node = todo.pop()
        seen += 1
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if str(key.value).strip().lower() == "private":
                    count += 1
                elif key.tag.endswith(":merge") or key.value == "<<":
                    todo += [v for v in _merged(value) if isinstance(v, yaml.MappingNode)]
    return count


def _merged(node: Any) -> list[Any]:
    import yaml

    return list(node.value) if isinstance(node, yaml.SequenceNode) else [node]


def flag_line(text: str, *, lowered: bytes | None = None) -> str | None:
    """A line in the text that reads like ``private: true``: when in doubt, withhold.
    (``lowered``: ``ascii_lowered(text)``, when the caller has it.)"""
    # Case-blind, FLAG_LINE also reads "ı" and "İ" as "i" (and nothing else but ASCII
    # letters as one of "private"'s), so a text with neither, and no "rivate" in any case
    # of ASCII letters, has no such line (tests/test_privacy_rules, test_export_speed).
    lowered = ascii_lowered(text) if lowered is None else lowered
    # (``find``: ``bytes in bytes`` first tries the left side as a number, and fails slowly)
    if lowered.find(b"rivate") < 0 and "\u0130" not in text and "\u0131" not in text:
        return None
    for match in FLAG_LINE.finditer(text):
        value = match[1].strip().strip("'\"").strip()
        if value.lower() not in CLEAR_FALSE:
            line = text.count("\n", 0, match.start()) + 1
            return said.reads_like_a_private_flag(line, match[0].strip()[:40])
    return None


def ascii_lowered(text: str) -> bytes:
    """The text as UTF-8 with its ASCII letters lowered: ``b"private" in`` it is exactly
    ``"private" in text.lower()``, several times faster on a text that is not all ASCII
    (an em dash in the title is enough).

    Only ASCII letters lower to one of those letters, but "İ", whose lower case "i̇" has a
    dot after the "i" that "private" has not; in UTF-8 every other character is bytes
    above 127, which ``bytes.lower`` leaves alone and no ASCII word contains.
    """
    return text.encode("utf-8", "surrogatepass").lower()


# --- parts of the body -------------------------------------------------------------------


def is_private_heading(text: str) -> bool:
    """Whether a heading's text (as written inside the heading) ends in ``(private)``."""
    return bool(PRIVATE_END.search(_plain(text)))


def _plain(text: str) -> str:
    from html import unescape  # only for a heading that may be private: rarely imported

    return unescape(TAGS.sub("", text)).replace("\\", "").strip()


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    md.disable(["inline", "text_join"], ignoreInvalid=True)  # block structure is enough
    return md


class _Heading(NamedTuple):  # a tuple: made for every heading of every entry read
    start: int  # 0-based line
    end: int  # the line after the heading
    level: int
    text: str
    top: bool  # not inside a list or a quote
    private: bool
    only_starts: bool = False  # an HTML heading or a line in a code block: never ends a part
    until: int | None = None  # a line in a code block: private to the block's end
    atx: bool = True  # written with #s (setext headings make parts private, not sections)


def _headings(
    body: str,
    *,
    parser: bool = False,
    lines: list[str] | None = None,
    lowered: bytes | None = None,
) -> list[_Heading]:
    """Every heading CommonMark finds, plus the fail-closed extras, in line order
    (``parser`` forces the parser even where the lines alone would do; ``lines`` is the
    body split at line breaks and ``lowered`` its ``ascii_lowered``, when the caller has
    them)."""
    lines = body.split("\n") if lines is None else lines
    plain = None if parser else _plain_headings(body, lines, lowered)
    if plain is not None:
        return plain
    found: list[_Heading] = []
    tokens = _parser().parse(body)
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        start, end = token.map
        if token.type == "heading_open":
            text = tokens[index + 1].content if index + 1 < len(tokens) else ""
            level = int(token.tag[1:])
            found.append(
                _Heading(
                    start,
                    end,
                    level,
                    text.strip(),
                    token.level == 0,
                    is_private_heading(text),
                    atx=token.markup.startswith("#"),
                )
            )
        elif token.type == "html_block":
            for match in HTML_HEADING.finditer(token.content):
                if is_private_heading(match[2]):
                    at = start + token.content.count("\n", 0, match.start())
                    found.append(
                        _Heading(at, at + 1, int(match[1]), _plain(match[2]), False, True, True)
                    )
        elif token.type in ("fence", "code_block"):
            looks = next((t for t in token.content.split("\n") if LOOKS_PRIVATE.search(t)), None)
            if looks is not None:  # the whole block goes: half a fence would swallow the rest
                found.append(_Heading(start, start, 7, looks.strip(), False, True, True, end))
    return sorted(found, key=lambda h: h.start)


def _plain_headings(
    body: str, lines: list[str], lowered: bytes | None = None
) -> list[_Heading] | None:
    """The headings the parser would give, read from the lines alone, or None when the
    body needs the parser (``needs_parser``): one pass over the lines for both."""
    lowered = ascii_lowered(body) if lowered is None else lowered  # ASCII: as in ``body``
    # (``find``, and the backslash looked for as a number: ``bytes in bytes`` first tries
    # the left side as a number, and fails slowly)
    if lowered.find(b"&#") >= 0 or 0x5C in lowered or lowered.find(b"private") >= 0:
        return None
    found = []
    for number, line in enumerate(lines):
        first = line[:1]
        if first not in _LINE_STARTS:
            continue
        if _ODD_LINE.match(line) or (first == "#" and _CLOSED_HEADING.match(line)):
            return None
        if first == "#":
            hashes = len(line) - len(line.lstrip("#"))
            if hashes <= 6 and line[hashes : hashes + 1] == " ":
                text = line[hashes + 1 :].strip()
                found.append(_Heading(number, number + 1, hashes, text, True, False))
    return found


def _private_lines(headings: list[_Heading], total: int) -> list[tuple[int, int, _Heading]]:
    """The line ranges [start, end) that are private, each with the heading that made it."""
    ranges = []
    for index, heading in enumerate(headings):
        if not heading.private:
            continue
        end = total if heading.until is None else heading.until
        for later in headings[index + 1 :] if heading.until is None else ():
            if not later.only_starts and later.level <= heading.level:
                end = later.start
                break
        ranges.append((heading.start, end, heading))
    return ranges


def read_body(body: str, *, keep_private: bool = False, lowered: bytes | None = None) -> Body:
    """The body as it may be shared: without its private parts unless ``keep_private``
    (``lowered``: ``ascii_lowered(body)``, when the caller has it).

    The sections are the top-level ``##`` headings written with hashes, as kapdiary writes
    them (``#`` lines after the title, and setext headings, stay in their section's text,
    as they always have); a section is marked private when its heading line lies in a
    private part. Privacy itself reads every heading, setext ones included.
    """
    lines = body.split("\n")
    headings = _headings(body, lines=lines, lowered=lowered)
    ranges = _private_lines(headings, len(lines))
    private = [False] * len(lines)
    for start, end, _ in ranges:
        private[start:end] = [True] * (min(end, len(lines)) - start)
    parts = tuple(Part(start + 1, _plain(heading.text)) for start, _, heading in ranges)
    hidden = private if ranges and not keep_private else None

    title: str | None = None
    first = next((h for h in headings if h.top and h.atx and not h.only_starts), None)
    leading = next((n for n, line in enumerate(lines) if line.strip()), None)
    skip_until = -1
    if first is not None and first.level == 1 and first.start == leading:
        skip_until = first.end
        if hidden is None or not hidden[first.start]:
            title = first.text

    splits = [h for h in headings if h.top and h.atx and h.level == 2 and not h.only_starts]
    ends = [h.start for h in splits[1:]] + [len(lines)]
    intro = _text(lines, max(0, skip_until), splits[0].start if splits else len(lines), hidden)
    sections: list[Section] = []
    for heading, end in zip(splits, ends, strict=False):
        text = _text(lines, heading.end, end, hidden)
        if hidden is None or not hidden[heading.start]:
            sections.append(Section(heading.text, text, private[heading.start]))
        elif text:  # what a higher heading ended the private part for is shared
            last = sections[-1] if sections else None
            if last is None:
                intro = f"{intro}\n\n{text}".strip("\n")
            else:
                sections[-1] = Section(last.heading, f"{last.text}\n\n{text}", last.private)
    tags: tuple[str, ...] | None = None
    if hidden is not None:
        shared = "\n".join(line for line, gone in zip(lines, hidden, strict=True) if not gone)
        tags = tuple(dict.fromkeys(t.lower() for t in INLINE_TAG.findall(shared)))
    return Body(title, intro, tuple(sections), parts, tags)


def _text(lines: list[str], start: int, end: int, hidden: list[bool] | None) -> str:
    if hidden is None:
        kept = lines[start:end]
    else:
        kept = [line for n, line in enumerate(lines[start:end], start) if not hidden[n]]
    return "\n".join(kept).strip("\n")
