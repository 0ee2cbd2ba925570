"""What the user asked for, made precise: periods, filters, search words (no I/O here).

``Filters`` is what `review`, `search` and later `progress` narrow entries by; ``where``
turns it into SQL over the index's ``entries`` table. ``TextQuery`` is the little search
language (words that must all appear, "quoted phrases", prefix*), which becomes an FTS5
query or, where SQLite has no FTS5, a matcher over the text in Python.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from kapdiary.errors import UsageError
from kapdiary.messages import reading as said

WORD = re.compile(r"[^\W_]+")
_TERM = re.compile(r'"([^"]*)"(\*?)|(\S+)')


@dataclass(frozen=True)
class Filters:
    """Entries to keep. Empty fields mean "any"; tags and intentions must all match."""

    since: date | None = None
    until: date | None = None
    templates: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    intentions: tuple[str, ...] = ()
    text: TextQuery | None = None
    last: int | None = None  # only the newest N of what matches

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", tuple(normal_tag(t) for t in self.tags))


def normal_tag(tag: str) -> str:
    """Tags compare as Entry.tags stores them: lowercase, without a leading ``#``."""
    return tag.strip().lstrip("#").lower()


def where(filters: Filters, alias: str = "e") -> tuple[str, list[Any]]:
    """SQL conditions (joined with AND, ``1`` when none) and their parameters.

    The text filter is not included: the index applies it with FTS5 or in Python.
    """
    clauses: list[str] = []
    params: list[Any] = []
    if filters.since is not None:
        clauses.append(f"{alias}.date >= ?")
        params.append(filters.since.isoformat())
    if filters.until is not None:
        clauses.append(f"{alias}.date <= ?")
        params.append(filters.until.isoformat())
    if filters.templates:
        marks = ", ".join("?" for _ in filters.templates)
        clauses.append(f"{alias}.template IN ({marks})")
        params.extend(filters.templates)
    for tag in filters.tags:
        clauses.append(f"instr({alias}.tag_keys, ?) > 0")
        params.append(f"|{tag}|")
    for intention in filters.intentions:
        clauses.append(f"instr({alias}.rated, ?) > 0")
        params.append(f"|{intention}|")
    return (" AND ".join(clauses) or "1"), params


def keys(values: Iterable[str]) -> str:
    """``|a|b|``: how tags and rated intentions are stored for the filters above."""
    return "|" + "|".join(values) + "|"


# --- periods (parsing them is kapdiary.dates's business) -----------------------------------


def days_ago(today: date, *, days: int = 0, months: int = 0) -> date:
    """The same day ``months`` months earlier (clamped to the month's end), minus ``days``."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    following = date(year + month // 12, month % 12 + 1, 1)
    last = (following - timedelta(days=1)).day
    return date(year, month, min(today.day, last)) - timedelta(days=days)


# "On this day": (label, days, months) before today.
REVISIT = (
    (said.one_week_ago(), 7, 0),
    (said.one_month_ago(), 0, 1),
    (said.three_months_ago(), 0, 3),
)
REVISIT_YEAR = (said.one_year_ago(), 0, 12)
REVISIT_WINDOW = 3  # days either side, when nothing was written on the very day


def revisit_days(today: date) -> list[tuple[str, date]]:
    return [(label, days_ago(today, days=d, months=m)) for label, d, m in (*REVISIT, REVISIT_YEAR)]


def nearest_day(target: date, days: Iterable[date]) -> date | None:
    """The written day closest to ``target`` (the earlier one on a tie)."""
    best: date | None = None
    for day in days:
        if best is None or (abs((day - target).days), day) < (abs((best - target).days), best):
            best = day
    return best


# --- the search language -----------------------------------------------------------------


class Term(NamedTuple):
    words: tuple[str, ...]  # more than one: a phrase, the words next to each other
    prefix: bool = False  # the last word may continue (``integrat*``)

    def fts(self) -> str:
        return '"' + " ".join(self.words) + '"' + ("*" if self.prefix else "")

    def __str__(self) -> str:
        text = " ".join(self.words)
        text = f'"{text}"' if len(self.words) > 1 else text
        return text + ("*" if self.prefix else "")


class TextQuery(NamedTuple):
    """Words that must all appear, "quoted phrases", and ``prefix*`` words."""

    text: str
    terms: tuple[Term, ...] = ()

    @classmethod
    def parse(cls, text: str) -> TextQuery:
        terms: list[Term] = []
        for match in _TERM.finditer(text):
            if match[3] is not None:
                raw = match[3]
                prefix = raw.endswith("*")
                words = tuple(fold(w) for w in WORD.findall(raw.rstrip("*")))
            else:
                prefix = bool(match[2])
                words = tuple(fold(w) for w in WORD.findall(match[1]))
            if words:
                terms.append(Term(words, prefix))
        if not terms:
            raise UsageError(said.no_words_to_look_for(text))
        return cls(text, tuple(terms))

    def fts(self) -> str:
        """An FTS5 MATCH expression; every term is quoted, so no input is a syntax error."""
        return " ".join(term.fts() for term in self.terms)

    def matches(self, text: str) -> list[tuple[int, int]]:
        """Spans in ``text`` where the terms match, or ``[]`` unless every term matches.

        The fallback for a SQLite without FTS5, tokenising as FTS5's unicode61 does.
        """
        tokens = [(m.start(), m.end(), fold(m[0])) for m in WORD.finditer(text)]
        spans: list[tuple[int, int]] = []
        for term in self.terms:
            found = _find(term, tokens)
            if not found:
                return []
            spans += found
        return sorted(spans)

    def first(self, text: str) -> tuple[int, int] | None:
        """Where the earliest match of any term is in ``text``, or None.

        Linear in the text and stopping at the first match, however large the text and
        however many matches it holds (see ``_first``).
        """
        best: tuple[int, int] | None = None
        for term in self.terms:
            found = _first(term, text, best[0] if best is not None else len(text))
            if found is not None and (best is None or found < best):
                best = found
        return best

    def spans(self, text: str, begin: int, end: int) -> list[tuple[int, int]]:
        """Every match of any term that lies within ``text[begin:end]`` (offsets in
        ``text``), reading only that part: for highlighting a snippet."""
        tokens: list[tuple[int, int, str]] = []
        cut = begin > 0 and _is_word_char(text[begin - 1])
        for match in WORD.finditer(text, begin):
            if match.start() >= end:
                break
            if cut and match.start() == begin:
                continue  # the end of a word that starts before the window
            tokens.append((match.start(), match.end(), fold(match[0])))
        found = [span for term in self.terms for span in _find(term, tokens)]
        return sorted(span for span in found if span[1] <= end)

    def __str__(self) -> str:
        return " ".join(str(t) for t in self.terms)


def _is_word_char(char: str) -> bool:
    return WORD.fullmatch(char) is not None


CHUNK = 1 << 16  # characters of text folded at a time (cut after a line break)


def _first(term: Term, text: str, stop: int) -> tuple[int, int] | None:
    """The first match of ``term`` starting before ``stop``, exactly as ``_find`` over
    every word would find it, at the speed of C for all but the pieces that hold it.

    The text is taken a piece at a time. A piece is folded whole (lowercase when ASCII,
    else as ``fold`` does, which works letter by letter, so every word's folded form is
    in the folded piece): a piece without the term's first word cannot hold the start of
    a match and is skipped. In an ASCII piece a regex finds the match; in another piece
    that holds all the term's words they are compared one by one; a phrase that may run on
    into the next piece can only start in the piece's last few words, which are compared
    one by one.
    """
    n = len(term.words)
    head = term.words[0]
    pos = 0
    while pos < min(stop, len(text)):
        end = text.find("\n", pos + CHUNK)
        end = len(text) if end < 0 else end + 1
        piece = text[pos:end]
        plain = piece.isascii()
        folded = piece.lower() if plain else _fold_text(piece)
        if head in folded:
            found = None
            if plain:
                found = _first_ascii(term, folded, pos)
            elif all(word in folded for word in term.words):
                found = _scan(term, text, pos, end)
            if found is None and n > 1 and end < len(text):
                # A phrase that runs on into the next piece starts in the last words here.
                found = _scan(term, text, pos + _last_words(piece, n - 1), end)
            if found is not None:
                return found if found[0] < stop else None
        pos = end
    return None


def _first_ascii(term: Term, folded: str, offset: int) -> tuple[int, int] | None:
    """The first match in a lowercased ASCII piece (starting at ``offset`` in the text)."""
    pattern = _pattern(term)
    at = 0
    while True:
        match = pattern.search(folded, at)
        if match is None:
            return None
        start = match.start()
        if start == 0 or not _is_word_char(folded[start - 1]):
            return offset + start, offset + match.end()
        at = start + 1  # inside a longer word; a match may still start just after


def _scan(term: Term, text: str, begin: int, end: int) -> tuple[int, int] | None:
    """The first match starting in ``text[begin:end]`` (``begin`` not inside a word),
    word by word, reading on past ``end`` for the rest of a phrase."""
    more = len(term.words) - 1
    tokens: list[tuple[int, int, str]] = []
    for match in WORD.finditer(text, begin):
        if match.start() >= end:
            if more == 0:
                break
            more -= 1
        tokens.append((match.start(), match.end(), fold(match[0])))
    found = [span for span in _find(term, tokens) if span[0] < end]
    return found[0] if found else None


def _last_words(piece: str, count: int) -> int:
    """Where the ``count``-th last word of ``piece`` starts (0 if it has fewer)."""
    size = 256
    while True:
        begin = max(0, len(piece) - size)
        starts = [match.start() for match in WORD.finditer(piece, begin)]
        if begin == 0:
            return starts[-count] if len(starts) >= count else 0
        if len(starts) > count:  # the first may be the end of a longer word; not needed
            return starts[-count]
        size *= 4


@functools.lru_cache(maxsize=1)
def _combining() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Every combining mark (what ``fold`` drops) as two character classes, those in the
    Basic Multilingual Plane (which the regex engine checks with a bitmap: fast) and the
    rest (a list of ranges: slow, so used only on text that has such characters)."""
    import sys
    import unicodedata

    marks = [c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))]
    return _class([c for c in marks if c <= 0xFFFF]), _class([c for c in marks if c > 0xFFFF])


def _class(points: list[int]) -> re.Pattern[str]:
    ranges: list[list[int]] = []
    for point in points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return re.compile(
        "["
        + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)
        + "]"
    )


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _fold_text(text: str) -> str:
    """``fold`` applied to a whole text at once (it works character by character)."""
    import unicodedata

    common, rare = _combining()
    text = common.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return rare.sub("", text) if _ASTRAL.search(text) else text


@functools.lru_cache(maxsize=64)
def _pattern(term: Term) -> re.Pattern[str]:
    """``term`` as a regex over lowercased ASCII text, the literal first so the search is
    fast: the words with anything but letters and digits between them. Whether the match
    starts a word is checked by the caller."""
    words = r"[\W_]+".join(re.escape(word) for word in term.words)
    tail = r"[^\W_]*" if term.prefix else ""
    return re.compile(rf"{words}{tail}(?![^\W_])")


def _find(term: Term, tokens: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    n = len(term.words)
    found: list[tuple[int, int]] = []
    for i in range(len(tokens) - n + 1):
        if all(tokens[i + k][2] == term.words[k] for k in range(n - 1)):
            last = tokens[i + n - 1][2]
            word = term.words[-1]
            if last == word or (term.prefix and last.startswith(word)):
                found.append((tokens[i][0], tokens[i + n - 1][1]))
    return found


def fold(word: str) -> str:
    """Lowercase without accents (``Café`` → ``cafe``), like unicode61 remove_diacritics."""
    word = word.casefold()
    if word.isascii():
        return word
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- figures for the review header -------------------------------------------------------


class Summary(NamedTuple):
    entries: int
    mood: float | None  # the mean over entries with a mood
    intentions: dict[str, float]  # intention id -> mean rating, over entries that rate it
    first: date | None
    last: date | None


def summarise(rows: Sequence[Any]) -> Summary:
    """The review header's means, from kapdiary.progress so each figure has one definition:
    a day counts once (the mean of its entries), and only ratings in range count."""
    from kapdiary.dates import clamp
    from kapdiary.intentions import Intention
    from kapdiary.progress import Period, compute

    dates = [row.date for row in rows]
    if not dates:
        return Summary(entries=0, mood=None, intentions={}, first=None, last=None)
    first, last = min(dates), max(dates)
    rated = dict.fromkeys(key for row in rows for key in row.ratings("intentions"))
    # A hand-edited date may lie in year 1 or 9999: the figures' period stays in 1900–2100.
    period = Period(clamp(first), clamp(last))
    figures = compute(rows, [Intention(key, key, first) for key in rated], period)
    return Summary(
        entries=len(rows),
        mood=figures.mood.mean,
        intentions={i.id: i.series.mean for i in figures.intentions if i.series.mean is not None},
        first=first,
        last=last,
    )


def as_number(value: Any) -> float | None:
    """A rating or mood as written (6, 6.5, "6"); anything else is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None
