"""Snippet text: the excerpt of an entry (its first line of writing) and the short, highlighted
pieces of text around a search's matches."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kapdiary.index.texts import SECTION

if TYPE_CHECKING:
    from kapdiary.query import TextQuery

SNIPPET_TOKENS = 20  # words in a snippet FTS5 makes
# SQLite's snippet() costs grow with the square of the matches in a text (2 s for 1 MB,
# minutes for 10 MB): larger texts get their snippet from ``snippet`` in Python instead.
SNIPPET_IN_SQL_UP_TO = 32_768  # characters of body and fields together
SNIPPET_BEFORE, SNIPPET_AFTER = 60, 140  # characters around the first match
MARK_ON, MARK_OFF = "\x02", "\x03"
_HEADING = re.compile(r"(?:^|(?<=\s))#{1,6}\s+")
_NOT_TEXT = ("#", "---", "<!--", "```")


def excerpt(body: str, width: int = 200) -> str:
    """The first line of writing: not the title, a heading or a comment."""
    start, stop = 0, len(body)
    while start <= stop:  # line by line (split at "\n"), reading only as far as needed
        end = body.find("\n", start)
        if end < 0:
            end = stop
        text = body[start:end].strip()
        start = end + 1
        if not text or text.startswith(_NOT_TEXT):
            continue
        text = text.lstrip("->*+ ").strip()
        if not text:
            continue
        if len(text) > width:
            text = text[:width].rsplit(" ", 1)[0] + "…"
        return text
    return ""


def marked(raw: str | None) -> tuple[str, tuple[tuple[int, int], ...]]:
    """FTS5's snippet, on one line, with the markers turned into offsets; of a snippet that
    runs over several prompts' sections, only the section of its first match (an answer
    is not run together with the next one)."""
    raw = raw or ""
    if SECTION in raw:
        pieces = raw.split(SECTION)
        raw = next((piece for piece in pieces if MARK_ON in piece), pieces[0])
    text = one_line(raw)
    first, *marked = text.split(MARK_ON)
    out = [first]
    length = len(first)
    spans: list[tuple[int, int]] = []
    for piece in marked:
        inside, _, after = piece.partition(MARK_OFF)
        spans.append((length, length + len(inside)))
        out += [inside, after]
        length += len(inside) + len(after)
    return "".join(out), tuple(spans)


def one_line(raw: str) -> str:
    """``raw`` without heading marks, its white space runs made one space, stripped: as
    ``re.sub(r"\\s+", " ", _HEADING.sub("", raw)).strip()`` (a test holds them equal), quicker
    (``str.split`` knows the same white space as the pattern's ``\\s``, and a text with no
    ``#`` has no heading mark to look for: a search shows hundreds of snippets)."""
    return " ".join((_HEADING.sub("", raw) if "#" in raw else raw).split())


def snippet(text: str, query: TextQuery) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """A short excerpt around the first match of ``query`` in ``text``, on one line, with
    the matches in it highlighted; None when nothing matches. Linear in ``text`` and never
    longer than SNIPPET_BEFORE + SNIPPET_AFTER characters and two ellipses."""
    first = query.first(text)
    if first is None:
        return None
    start, stop = first
    begin = max(0, start - SNIPPET_BEFORE)
    if begin:
        space = text.find(" ", begin, start)
        begin = space + 1 if space >= 0 else begin
    end = min(len(text), start + SNIPPET_AFTER)
    if end < len(text):
        space = text.rfind(" ", stop, end)
        end = space if space > stop else end
    spans = query.spans(text, begin, end)
    if not spans or spans[0][0] != start:
        spans = [(start, min(stop, end)), *(s for s in spans if s[0] >= min(stop, end))]
    window = text[begin:end].translate(_NO_MARKS)
    pieces = []
    cursor = 0
    for s, e in spans:
        s, e = s - begin, e - begin
        if s < cursor:
            continue
        pieces.append(window[cursor:s] + MARK_ON + window[s:e] + MARK_OFF)
        cursor = e
    pieces.append(window[cursor:])
    raw = ("…" if begin else "") + "".join(pieces) + ("…" if end < len(text) else "")
    return marked(raw)


_NO_MARKS = {ord(MARK_ON): " ", ord(MARK_OFF): " "}
