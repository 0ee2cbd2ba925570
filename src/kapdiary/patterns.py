"""Regular expressions compiled on first use, not at import.

A pattern compiled at import costs every command that imports its module, whether or not
it is used (a date pattern, 0.3–1 ms each, on every start). ``lazy`` gives an object that
behaves as the compiled pattern and compiles it the first time one of its methods is
asked for. Each use goes through one more attribute lookup, so patterns in a loop over
every entry (the index build, privacy) stay compiled at import.
"""

from __future__ import annotations

import re
from typing import Any, cast


class _Lazy:
    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._pattern, self._flags)
        return getattr(compiled, name)


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done the first time the pattern is used."""
    return cast("re.Pattern[str]", _Lazy(pattern, int(flags)))
