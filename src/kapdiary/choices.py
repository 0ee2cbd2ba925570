"""Which option a typed answer means: the one matcher for choice, multi and scored answers.

A tired person types ``iv``, ``lozenge`` or ``several``, not ``IV infusion``,
``lozenge/troche`` or ``several days``. Case never matters and runs of spaces count as one.
The answer is tried against the options in tiers, strongest first; the first tier that
any option passes decides — one option is the answer, two or more are ambiguous (the person
is asked again, with the candidates named), and a weaker tier is never consulted:

1. the option's full text (``iv infusion``);
2. the option's number, counted from ``first`` (1 for choices, 0 for a questionnaire,
   whose numbers are scores) — after the full text, so an option that is itself a number
   (``10``) is found by its text;
3. whole words of the option, in order (``iv``, ``troche``, ``half the days``);
4. the start of the option's text (``sev``, ``lozenge/t``);
5. the start of a word of the option (``inf``, ``troch``), earlier words whole
   (``half the d``).

Words are runs of letters, digits and ``_``, so ``lozenge/troche`` has the words
``lozenge`` and ``troche`` and ``blood-pressure change`` starts with ``blood``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kapdiary.errors import UsageError

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Match:
    """What an answer means: ``index`` (counted from 0) when it is exactly one option;
    ``candidates`` when it could be several; neither when it fits none."""

    index: int | None
    candidates: tuple[int, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


class AmbiguousAnswer(UsageError):
    """An answer that fits more than one option (the message names them)."""


def normal(text: str) -> str:
    """Case-folded, with runs of spaces as one: the form answers and options are compared in."""
    return " ".join(text.split()).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(normal(text))


def match(options: Sequence[str], raw: str, first: int = 1) -> Match:
    """The option ``raw`` means (see the module's docstring for the rule)."""
    text = normal(raw)
    if not text:
        return Match(None)
    said = words(text)
    texts = [normal(option) for option in options]
    tiers: list[Callable[[int, str], bool]] = [
        lambda n, option: option == text,
        lambda n, option: text.isascii() and text.isdecimal() and int(text) == n + first,
        lambda n, option: bool(said) and _has_run(words(option), said, last_whole=True),
        lambda n, option: option.startswith(text),
        lambda n, option: bool(said) and _has_run(words(option), said, last_whole=False),
    ]
    for fits in tiers:
        hits = tuple(n for n, option in enumerate(texts) if fits(n, option))
        if len(hits) == 1:
            return Match(hits[0])
        if hits:
            return Match(None, hits)
    return Match(None)


def _has_run(option: list[str], said: list[str], *, last_whole: bool) -> bool:
    """Whether ``said`` are consecutive words of ``option`` (the last may be a word's start)."""
    size = len(said)
    for start in range(len(option) - size + 1):
        run = option[start : start + size]
        if run[:-1] != said[:-1]:
            continue
        if run[-1] == said[-1] or (not last_whole and run[-1].startswith(said[-1])):
            return True
    return False
