"""kapdiary.patterns.lazy: a pattern compiled on first use behaves as the compiled one."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from kapdiary.patterns import lazy

PATTERNS = [
    (r"([0-9]+)\s*(d|w|m|y)", re.ASCII),
    (r"^[a-z][a-z0-9_]*$", 0),
    (r"[;\n]", 0),
    (r"(?P<word>\w+)-(\d)", re.IGNORECASE),
]


@given(st.sampled_from(PATTERNS), st.text(max_size=30))
def test_a_lazy_pattern_finds_what_the_compiled_one_finds(spec: tuple[str, int], text: str) -> None:
    pattern, flags = spec
    compiled, late = re.compile(pattern, flags), lazy(pattern, flags)
    assert bool(late.fullmatch(text)) == bool(compiled.fullmatch(text))
    assert [m.groups() for m in late.finditer(text)] == [
        m.groups() for m in compiled.finditer(text)
    ]
    assert late.split(text) == compiled.split(text)
    assert late.sub("-", text) == compiled.sub("-", text)
    assert (late.pattern, late.flags) == (compiled.pattern, compiled.flags)


def test_importing_the_date_parser_compiles_nothing_until_a_date_is_read() -> None:
    code = (
        "import kapdiary.dates as d\n"
        "print(d._SPAN._compiled is None)\n"
        "from datetime import date\n"
        "d.parse_since('3w', date(2026, 11, 21))\n"
        "print(d._SPAN._compiled is None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]
