"""Rich's console markup (``[bold]…[/bold]``, ``\\[`` for a bracket), escaped and read
without importing Rich: output that is not a terminal is drawn as plain text, and a
user's words escaped here read back exactly as Rich would read them.

The two patterns are Rich's own (rich/markup.py, MIT licence), so ``escape`` here and
``rich.markup.escape`` give the same text, and ``unmarked`` gives Rich's ``Text.plain``.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")
_TAG = re.compile(r"((\\*)\[([a-z#/@][^[]*?)])")


def escape(text: str) -> str:
    """A user's words in markup, shown as they are (``[`` is not read as a style)."""

    def backslashes(match: re.Match[str]) -> str:
        slashes, tag = match.groups()
        return f"{slashes}{slashes}\\{tag}"

    text = _ESCAPE.sub(backslashes, text)
    if text.endswith("\\") and not text.endswith("\\\\"):
        return text + "\\"
    return text


def unmarked(markup: str) -> str:
    """The text of ``markup`` without its style tags, as Rich shows it without colour."""
    if "[" not in markup:
        return markup
    out: list[str] = []
    position = 0
    for match in _TAG.finditer(markup):
        full, slashes, _ = match.groups()
        start, end = match.span()
        if start > position:
            out.append(markup[position:start].replace("\\[", "["))
        if slashes:
            kept, escaped = divmod(len(slashes), 2)
            if kept:
                out.append("\\" * kept)
            if escaped:  # an escaped bracket: the tag's text is text
                out.append(full[len(slashes) :])
                position = end
                continue
        position = end
    out.append(markup[position:].replace("\\[", "["))  # a bracket that opens no tag
    return "".join(out)
