"""A snippet on one line (index.snippets.one_line) is what the two substitutions made."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from kapdiary.index.snippets import MARK_OFF, MARK_ON, one_line

HEADING = re.compile(r"(?:^|(?<=\s))#{1,6}\s+")
SPACE = re.compile(r"\s+")
spaces = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u2003", "\u3000"]
texts = st.text(
    alphabet=st.one_of(
        st.sampled_from([*spaces, "#", "a", "é", "…", MARK_ON, MARK_OFF, "›"]),
        st.characters(),
    ),
    max_size=80,
)


@settings(max_examples=600, deadline=None)
@given(texts)
@example("## Heading\u3000 text  #tag #\tnot a tag")
@example("\x1c#\x85#a")
def test_one_line_is_the_two_substitutions(raw: str) -> None:
    assert one_line(raw) == SPACE.sub(" ", HEADING.sub("", raw)).strip()
