"""What the index keeps of an entry's body: the user's words apart from the template's
prompts and title, so a search finds what was written and not what was asked, and the body
put back together from the two, exactly.

In an entry written from a template, its ``#`` title line and its ``##`` prompt lines are
the template's words (docs/design.md §5: a template's ``##`` sections are its prompts).
Everything else is the user's: the text under the prompts, deeper headings (``###``) the
user added, a heading inside a code block. An entry that names no template, or
``template: imported`` (another app's entries, whose titles the user wrote), is all the
user's words, headings included. This depends on the file alone, as a cache must.
"""

from __future__ import annotations

import re

SECTION = "\x1f"  # in ``words``, where a prompt's line was (unicode61 reads it as a space)
NOT_TEMPLATES = ("imported",)  # template names whose headings the user wrote
_PROMPT = re.compile(r" {0,3}#{1,2}(?:[ \t]|$)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_MAY_MARK = frozenset(" #`~")  # the first characters _PROMPT and _FENCE can match
# "\n" and a line that _PROMPT matches (captured), to the end of the line: the newline first
# lets the pattern skip from one line to the next (a "^" would try every character)
_PROMPT_LINE = re.compile(r"\n( {0,3}#{1,2}(?:[ \t][^\n]*)?)(?=\n|\Z)")
_NEWLINE_SECTION = "\n" + SECTION


def split_body(body: str, template: str | None) -> tuple[str, str]:
    """``(words, prompts)``: the body with each prompt line replaced by ``SECTION``, and
    those lines joined by newlines (``join_body`` puts them back)."""
    if template is None or template in NOT_TEMPLATES or SECTION in body:
        return body, ""  # a body that holds SECTION itself is kept whole: nothing is lost
    # (a one-character search first: many times quicker than a three-character one)
    if ("`" not in body or "```" not in body) and ("~" not in body or "~~~" not in body):
        # No fence can open: every prompt line is one, found in one pass (what
        # ``_split_lines`` finds line by line; a test holds the two equal).
        pieces = _PROMPT_LINE.split("\n" + body)
        if len(pieces) == 1:
            return body, ""
        return _NEWLINE_SECTION.join(pieces[::2])[1:], "\n".join(pieces[1::2])
    return _split_lines(body)


def _split_lines(body: str) -> tuple[str, str]:
    """``split_body`` line by line, minding code fences (a ``##`` inside one is code)."""
    lines = body.split("\n")
    prompts: list[str] = []
    fence = ""
    for n, line in enumerate(lines):
        if line[:1] not in _MAY_MARK:
            continue  # only a line starting with one of these can be a fence or a prompt
        opening = _FENCE.match(line)
        if fence:
            closing = opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence)
            if closing and opening and not line[opening.end() :].strip():
                fence = ""
            continue
        if opening and not (opening[1][0] == "`" and "`" in line[opening.end() :]):
            fence = opening[1]
        elif _PROMPT.match(line):
            prompts.append(line)
            lines[n] = SECTION
    if not prompts:
        return body, ""
    return "\n".join(lines), "\n".join(prompts)


def join_body(words: str, prompts: str) -> str:
    """The body ``split_body`` was given."""
    if not prompts:
        return words
    pieces = words.split(SECTION)
    lines = prompts.split("\n")
    return pieces[0] + "".join(line + piece for line, piece in zip(lines, pieces[1:], strict=False))


def searched(words: str, prompts: str, fields: str, *, everywhere: bool = False) -> str:
    """The text a search looks in where SQLite has no FTS5 (as the FTS5 columns would)."""
    return f"{words}\n{fields}\n{prompts}" if everywhere else f"{words}\n{fields}"


def section(words: str, at: int) -> int:
    """Which prompt's section offset ``at`` of ``words`` lies in (0: before the first)."""
    return words.count(SECTION, 0, max(at, 0))


def label(prompts: str, number: int) -> str | None:
    """Prompt number ``number`` (from 1) as plain text, the label of its section's
    snippets; None for the text before the first prompt, or an entry without prompts."""
    if number <= 0 or not prompts:
        return None
    lines = prompts.split("\n", number)
    if number > len(lines):
        return None
    text = lines[number - 1].strip().lstrip("#")
    if text.endswith("#"):
        text = _CLOSING_HASHES.sub("", text)
    return text.strip() or None
