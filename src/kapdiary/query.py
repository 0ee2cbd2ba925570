"""What the user asked for, made precise: periods, filters, search words (no I/O here).

``Filters`` is what `review`, `search` and later `progress` narrow entries by; ``where``
turns it into SQL over the index's ``entries`` table. ``TextQuery`` is a search (its
language is ``kapdiary.search_language``), which becomes an FTS5 query or, where SQLite
has no FTS5, a matcher over the text in Python (the same words, stems, phrases, prefixes
and operators).
"""

# No ``from __future__ import annotations`` in this module: typing.NamedTuple would compile
# each field's annotation string at import, and a process's first compile costs ~10 M
# instructions (tests/test_launch.py checks none happens). Names that exist only for the
# type checker, and forward references, are written in quotes.
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple

from kapdiary import search_language as language
from kapdiary.messages import reading as said
from kapdiary.plain import Frozen
from kapdiary.search_language import WORD, All, Expr, Term, Without, fold, root, same_word

USER_COLUMNS = "words fields"  # the index's columns of what the user wrote (not ``prompts``)


class Filters(Frozen):
    """Entries to keep. Empty fields mean "any"; tags and intentions must all match."""

    since: date | None
    until: date | None
    templates: tuple[str, ...]
    tags: tuple[str, ...]
    intentions: tuple[str, ...]
    text: "TextQuery | None"
    last: int | None  # only the newest N of what matches

    _fields = ("since", "until", "templates", "tags", "intentions", "text", "last")

    def __init__(
        self,
        since: date | None = None,
        until: date | None = None,
        templates: tuple[str, ...] = (),
        tags: tuple[str, ...] = (),
        intentions: tuple[str, ...] = (),
        text: "TextQuery | None" = None,
        last: int | None = None,
    ) -> None:
        object.__setattr__(self, "since", since)
        object.__setattr__(self, "until", until)
        object.__setattr__(self, "templates", templates)
        object.__setattr__(self, "tags", tags)
        object.__setattr__(self, "intentions", intentions)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "last", last)
        self.__post_init__()

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


class TextQuery(NamedTuple):
    """A search (``kapdiary.search_language``): words, "quoted phrases", ``prefix*``,
    ``AND``/``OR``/``NOT`` and parentheses. ``terms`` are the terms whose matches show."""

    text: str
    terms: tuple[Term, ...]
    expr: Expr

    @classmethod
    def parse(cls, text: str) -> "TextQuery":
        """The search; ``UsageError`` (one line, with an example) when it cannot be read."""
        expr = language.parse(text)
        return cls(text, tuple(dict.fromkeys(language.wanted(expr))), expr)

    def fts(self, variants: Callable[[str], tuple[str, ...]], *, everywhere: bool = False) -> str:
        """An FTS5 MATCH expression: every word quoted (no input is a syntax error), each
        stemmed word as its ``variants`` in the diary, and only the user's words (not the
        prompts and titles) unless ``everywhere``."""
        expr = language.fts(self.expr, variants)
        return expr if everywhere else f"{{{USER_COLUMNS}}} : {expr}"

    def matches(self, text: str) -> list[tuple[int, int]]:
        """Spans in ``text`` of the terms that show, or ``[]`` unless the search matches.

        The fallback for a SQLite without FTS5, tokenising as FTS5's unicode61 does.
        """
        tokens = [(m.start(), m.end(), fold(m[0])) for m in WORD.finditer(text)]
        found = _evaluate(self.expr, tokens)
        return sorted(set(found)) if found is not None else []

    def first(self, text: str) -> tuple[int, int] | None:
        """Where the earliest match of any term is in ``text``, or None.

        Linear in the text and stopping at the first match, however large the text and
        however many matches it holds (see ``_first``).
        """
        best: tuple[int, int] | None = None
        for term in self.terms:
            found = _first(term, text, best[0] + 1 if best is not None else len(text))
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
        return language.shown(self.expr)


def _evaluate(expr: Expr, tokens: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]] | None:
    """The spans that show if ``expr`` matches the text of ``tokens``, else None."""
    if isinstance(expr, Term):
        return _find(expr, tokens) or None
    if isinstance(expr, Without):
        if _evaluate(expr.drop, tokens) is not None:
            return None
        return _evaluate(expr.keep, tokens)
    results = [_evaluate(part, tokens) for part in expr.parts]
    if isinstance(expr, All) and any(found is None for found in results):
        return None
    if all(found is None for found in results):
        return None
    return [span for found in results if found is not None for span in found]


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
    keys = _keys(term)
    head = keys[0]
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
            elif all(key in folded for key in keys):
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
        if (start == 0 or not _is_word_char(folded[start - 1])) and _same(term, match[0]):
            return offset + start, offset + match.end()
        at = start + 1  # inside a longer word, or another word; a match may start after


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


def _keys(term: Term) -> tuple[str, ...]:
    """What each word of ``term`` matched in a text must start with: a prefix itself, a
    stemmed word its root (every word with its stem starts so)."""
    last = len(term.words) - 1
    return tuple(
        word if term.prefix and n == last else root(word) for n, word in enumerate(term.words)
    )


def _accepts(term: Term, n: int, token: str) -> bool:
    """Whether the folded ``token`` is the ``n``-th word of ``term``."""
    word = term.words[n]
    if term.prefix and n == len(term.words) - 1:
        return token.startswith(word)
    return same_word(word, token)


def _same(term: Term, matched: str) -> bool:
    """Whether the words of a regex match (of ``_pattern``) are the term's words."""
    found = WORD.findall(matched)
    return len(found) == len(term.words) and all(
        _accepts(term, n, token) for n, token in enumerate(found)
    )


@functools.lru_cache(maxsize=64)
def _pattern(term: Term) -> re.Pattern[str]:
    """``term`` as a regex over lowercased ASCII text, the literal first so the search is
    fast: each word's key (``_keys``) and the rest of the word, with anything but letters
    and digits between them. Whether the match starts a word, and whether its words are
    the term's (stems), is checked by the caller."""
    words = r"[\W_]+".join(re.escape(key) + r"[^\W_]*" for key in _keys(term))
    return re.compile(rf"{words}(?![^\W_])")


def _find(term: Term, tokens: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    n = len(term.words)
    found: list[tuple[int, int]] = []
    for i in range(len(tokens) - n + 1):
        if all(_accepts(term, k, tokens[i + k][2]) for k in range(n)):
            found.append((tokens[i][0], tokens[i + n - 1][1]))
    return found


# --- figures for the review header -------------------------------------------------------


class Summary(NamedTuple):
    entries: int
    mood: float | None  # the mean over entries with a mood
    intentions: dict[str, float]  # intention id -> mean rating, over entries that rate it
    first: date | None
    last: date | None


def summarise(rows: Sequence[Any]) -> Summary:
    """The review header's means, as kapdiary.progress defines them (``compute`` over the
    entries' own period; tests/test_launch.py holds the two equal): a day counts once, as
    the mean of its entries' ratings, only ratings in range count, and a day outside
    1900–2100 (a hand-edited year) is left out. Worked out here so `review` and `search`
    need not import the figures module (issue 19)."""
    from kapdiary.dates import clamp, in_range

    dates = [row.date for row in rows]
    if not dates:
        return Summary(entries=0, mood=None, intentions={}, first=None, last=None)
    first, last = min(dates), max(dates)
    rated = dict.fromkeys(key for row in rows for key in row.ratings("intentions"))
    until = clamp(last)
    moods: dict[int, list[float]] = {}
    ratings: dict[str, dict[int, list[float]]] = {}
    for row in rows:
        day, meta = row.date, row.meta
        if (not meta and getattr(row, "problem", None)) or day > until or not in_range(day):
            continue
        ordinal = day.toordinal()
        mood = meta.get("mood")
        if type(mood) in _NUMBERS and MOOD[0] <= mood <= MOOD[1]:
            moods.setdefault(ordinal, []).append(mood)
        block = meta.get("intentions")
        if isinstance(block, dict):
            for name, raw in block.items():
                if type(raw) in _NUMBERS and RATING[0] <= raw <= RATING[1]:
                    key = name if type(name) is str else str(name)
                    ratings.setdefault(key, {}).setdefault(ordinal, []).append(raw)
    means = {key: _daily_mean(ratings.get(key, {})) for key in rated}
    return Summary(
        entries=len(rows),
        mood=_daily_mean(moods),
        intentions={key: mean for key, mean in means.items() if mean is not None},
        first=first,
        last=last,
    )


_NUMBERS = (int, float)  # type() rather than isinstance(): True is not a rating
MOOD, RATING = (1, 10), (0, 10)  # as kapdiary.progress has them (a test holds them equal)


def _daily_mean(by_day: dict[int, list[float]]) -> float | None:
    """The mean of the days' means, summed day by day in order as progress sums them."""
    if not by_day:
        return None
    days = [float(sum(values) / len(values)) for _, values in sorted(by_day.items())]
    return sum(days) / len(days)


def as_number(value: Any) -> float | None:
    """A rating or mood as written (6, 6.5, "6"); anything else is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return float(value)
        except OverflowError:  # a whole number of hundreds of digits: no rating
            return None
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None
