"""The search language: words, "quoted phrases", ``prefix*``, ``AND``, ``OR``, ``NOT`` and
parentheses, as SQLite's FTS5 reads them, parsed here into a small tree (no I/O).

Parsing it ourselves means nothing a person types reaches FTS5 as syntax: every word is
quoted in the MATCH expression we build (so ``prompts:today`` cannot reach into a column,
and ``NEAR(`` or a stray ``*`` is just text), and a mistake (an unclosed quote, ``OR``
with nothing after it) is one line that says how to write it, raised as a ``UsageError``.
The same tree is evaluated in Python where SQLite has no FTS5.

Precedence is FTS5's: ``NOT`` binds tighter than ``AND`` (or words side by side), which
binds tighter than ``OR``. The operators are operators only in capitals; ``or`` is a word.

Stemming (``walk`` finds ``walked``) is English Snowball ("Porter 2"), done here and not by
FTS5's ``porter`` tokenizer, which would stem the index and so break prefixes
(``integrat*`` finds nothing once "integration" is stored as "integr"). The index keeps
the words as written (folded: no case, no accents); a word of the query becomes every
word of the diary with its stem (``Index.variants``), and a prefix stays a prefix.
"""

# No ``from __future__ import annotations`` in this module: typing.NamedTuple would compile
# each field's annotation string at import, and a process's first compile costs ~10 M
# instructions (tests/test_launch.py checks none happens). Names that exist only for the
# type checker, and forward references, are written in quotes.
import functools
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from kapdiary.errors import UsageError
from kapdiary.messages import search as said
from kapdiary.plain import Frozen

WORD = re.compile(r"[^\W_]+")
OPERATORS = ("AND", "OR", "NOT")
MAX_WORDS = 64  # in one search: more is a paste, not a question
MAX_DEPTH = 16  # parentheses inside parentheses
MAX_PHRASES = 64  # spellings of one phrase once each word's variants are multiplied out

_TOKEN = re.compile(r'"([^"]*)("?)(\*?)|([()])|([^\s"()]+)')


class Term(NamedTuple):
    """A word or a phrase (words next to each other); ``prefix``: the last word may go on.

    Every word but a prefix is matched by its stem."""

    words: tuple[str, ...]
    prefix: bool = False

    def fts(self, variants: Callable[[str], tuple[str, ...]]) -> str:
        """This term in FTS5's syntax, each stemmed word as each of its spellings."""
        stemmed = self.words if not self.prefix else self.words[:-1]
        choices = [variants(word) or (word,) for word in stemmed]
        if self.prefix:
            choices.append((self.words[-1],))
        phrases = _spellings(choices)
        star = "*" if self.prefix else ""
        quoted = [_quote(" ".join(words)) + star for words in phrases]
        return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"

    def __str__(self) -> str:
        text = " ".join(self.words)
        text = f'"{text}"' if len(self.words) > 1 else text
        return text + ("*" if self.prefix else "")


class All(Frozen):
    """Every part matches (``a b``, ``a AND b``)."""

    parts: "tuple[Expr, ...]"
    _fields = ("parts",)

    def __init__(self, parts: "tuple[Expr, ...]") -> None:
        object.__setattr__(self, "parts", parts)


class Any(Frozen):
    """At least one part matches (``a OR b``)."""

    parts: "tuple[Expr, ...]"
    _fields = ("parts",)

    def __init__(self, parts: "tuple[Expr, ...]") -> None:
        object.__setattr__(self, "parts", parts)


class Without(Frozen):
    """``keep`` matches and ``drop`` does not (``a NOT b``)."""

    keep: "Expr"
    drop: "Expr"
    _fields = ("keep", "drop")

    def __init__(self, keep: "Expr", drop: "Expr") -> None:
        object.__setattr__(self, "keep", keep)
        object.__setattr__(self, "drop", drop)


Expr = Term | All | Any | Without


def fts(expr: Expr, variants: Callable[[str], tuple[str, ...]]) -> str:
    """``expr`` as an FTS5 MATCH expression, every word quoted."""
    if isinstance(expr, Term):
        return expr.fts(variants)
    if isinstance(expr, Without):
        return f"({fts(expr.keep, variants)} NOT {fts(expr.drop, variants)})"
    joiner = " AND " if isinstance(expr, All) else " OR "
    return "(" + joiner.join(fts(part, variants) for part in expr.parts) + ")"


def shown(expr: Expr, top: bool = True) -> str:
    """``expr`` written back as a person would type it."""
    if isinstance(expr, Term):
        return str(expr)
    if isinstance(expr, Without):
        text = f"{shown(expr.keep, False)} NOT {shown(expr.drop, False)}"
    elif isinstance(expr, All):
        text = " ".join(shown(part, False) for part in expr.parts)
    else:
        text = " OR ".join(shown(part, False) for part in expr.parts)
    return text if top or isinstance(expr, Without) else f"({text})"


def wanted(expr: Expr) -> Iterator[Term]:
    """The terms whose matches show (not those after a ``NOT``)."""
    if isinstance(expr, Term):
        yield expr
    elif isinstance(expr, Without):
        yield from wanted(expr.keep)
    else:
        for part in expr.parts:
            yield from wanted(part)


def _spellings(choices: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Every combination of the words' spellings, at most MAX_PHRASES of them: past that
    the later words keep only their first spelling (the word as typed)."""
    phrases: list[tuple[str, ...]] = [()]
    for options in choices:
        if len(phrases) * len(options) > MAX_PHRASES:
            options = options[:1]
        phrases = [(*phrase, option) for phrase in phrases for option in options]
    return phrases


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# --- stems -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str]:
    import Stemmer

    return Stemmer.Stemmer("english").stemWord  # type: ignore[no-any-return]


def stemmed(word: str) -> bool:
    """Whether a folded word has a stem other words can share (numbers, short words: no)."""
    return len(word) >= 3 and word.isalpha()


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The English stem of a folded word (``walked`` → ``walk``)."""
    return _stemmer()(word) if stemmed(word) else word


def root(word: str) -> str:
    """What every word with ``word``'s stem starts with: Snowball changes at most the last
    two letters of what it keeps (``happy`` → ``happi``, ``sensibility`` → ``sensibl``), so
    the stem without them (and never shorter than two letters) is a safe prefix."""
    if not stemmed(word):
        return word
    base = stem(word)
    return base[: max(2, len(base) - 2)]


def same_word(query_word: str, token: str) -> bool:
    """Whether a folded ``token`` of a text is the query's (stemmed) word."""
    if token == query_word:
        return True
    return (
        stemmed(query_word)
        and token.startswith(root(query_word))
        and stem(token) == stem(query_word)
    )


# --- parsing -----------------------------------------------------------------------------


class _Parser:
    """Recursive descent over the query's tokens (terms, operators, parentheses)."""

    def __init__(self, text: str, tokens: list[Term | str]) -> None:
        self.text = text
        self.tokens = tokens
        self.at = 0
        self.depth = 0
        self.last_operator: str | None = None

    def peek(self) -> Term | str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def parse(self) -> Expr:
        expr = self.any()
        if self.peek() is not None:  # only a ")" stops ``any`` early
            raise UsageError(said.unopened(self.text))
        return expr

    def any(self) -> Expr:
        parts = [self.all()]
        while self.peek() == "OR":
            self.operator()
            parts.append(self.all())
        parts = list(dict.fromkeys(parts))  # the same words twice ask nothing more
        return parts[0] if len(parts) == 1 else Any(tuple(parts))

    def all(self) -> Expr:
        parts = [self.without()]
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.operator()
            parts.append(self.without())
        parts = list(dict.fromkeys(parts))
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def without(self) -> Expr:
        expr = self.operand()
        while self.peek() == "NOT":
            self.operator()
            expr = Without(expr, self.operand())
        return expr

    def operator(self) -> None:
        self.last_operator = str(self.peek())
        self.at += 1

    def operand(self) -> Expr:
        token = self.peek()
        self.at += 1
        if isinstance(token, Term):
            self.last_operator = None
            return token
        words = said
        if token == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise UsageError(words.too_deep(MAX_DEPTH))
            if self.peek() == ")":
                raise UsageError(words.empty_parentheses(self.text))
            expr = self.any()
            if self.peek() != ")":
                raise UsageError(words.unclosed_parenthesis(self.text))
            self.at += 1
            self.depth -= 1
            return expr
        operator = token if token in OPERATORS else self.last_operator
        if operator is not None:
            raise UsageError(words.lonely_operator(str(operator)))
        if token == ")":
            raise UsageError(words.unopened(self.text))
        raise UsageError(words.no_words(self.text))


def parse(text: str) -> Expr:
    """The tree of a search; ``UsageError`` with one line saying how to write it."""
    return _Parser(text, _tokens(text)).parse()


def _tokens(text: str) -> list[Term | str]:
    words = said
    out: list[Term | str] = []
    count = 0
    for match in _TOKEN.finditer(text):
        phrase, closed, star, bracket, bare = match.groups()
        if bracket is not None:
            out.append(bracket)
            continue
        if phrase is not None:
            if not closed:
                raise UsageError(words.unclosed_quote(text))
            term = _term(phrase, bool(star))
        elif bare in OPERATORS:
            out.append(bare)
            continue
        elif bare == "NEAR" and text[match.end() : match.end() + 1] == "(":
            raise UsageError(words.near())
        else:
            term = _term(bare.rstrip("*"), bare.endswith("*"))
        if term is not None:  # punctuation alone ("*", "?!", "—") looks for nothing
            count += len(term.words)
            if count > MAX_WORDS:
                raise UsageError(words.too_many(MAX_WORDS))
            out.append(term)
    if not any(isinstance(token, Term) for token in out):
        operators = [token for token in out if token in OPERATORS]
        if "(" in out:
            raise UsageError(words.empty_parentheses(text))
        if operators:
            raise UsageError(words.lonely_operator(str(operators[0])))
        raise UsageError(words.no_words(text))
    return out


def _term(text: str, prefix: bool) -> Term | None:
    words = tuple(fold(word) for word in WORD.findall(text))
    return Term(words, prefix) if words else None


def fold(word: str) -> str:
    """Lowercase without accents (``Café`` → ``cafe``), like unicode61 remove_diacritics."""
    word = word.casefold()
    if word.isascii():
        return word
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
