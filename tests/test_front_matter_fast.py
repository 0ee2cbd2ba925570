"""The front matter fast path reads exactly what PyYAML's safe loader reads, or stands
aside: generated front matter in the house style, and hand-edited lines with hostile
spellings (keys in capitals, repeated keys, ``private`` spelled every way, YAML 1.1's
booleans (``true`` and ``false`` as the house style writes them, the others go to PyYAML),
octal and sexagesimal numbers, impossible dates, quotes, comments, tabs)."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kapdiary.entry import dump_front_matter, fast_front_matter, load_front_matter, parse
from kapdiary.privacy import flag_reason

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def pyyaml(text: str) -> Any:
    return yaml.load(text, Loader=LOADER)


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (``True == 1`` is not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def agrees(text: str) -> Any:
    """The fast path's reading, checked against PyYAML's when it gives one."""
    fast = fast_front_matter(text)
    if fast is not None:
        slow = pyyaml(text)  # must not raise: the fast path read it, so it is YAML
        assert same(fast, slow if slow is not None else {}), (text, fast, slow)
    return fast


words = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.'", max_size=12
)
hostile_words = st.sampled_from(
    ["yes", "No", "ON", "off", "True", "null", "~", "y", "n", "Yes please", "private", "0o7"]
)
scalars = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    words,
    hostile_words,
    st.text(max_size=8),
)
keys = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_-]{0,10}", fullmatch=True),
    st.sampled_from(["private", "Private", "PRIVATE", " private", "on", "yes", "date", "1"]),
)
metas = st.dictionaries(
    keys,
    st.one_of(
        scalars,
        st.lists(scalars, max_size=4),
        st.dictionaries(keys, scalars, max_size=4),
    ),
    max_size=8,
)


@settings(max_examples=400, deadline=None)
@given(metas)
def test_house_style_front_matter_reads_the_same_both_ways(meta: dict[str, Any]) -> None:
    text = dump_front_matter(meta)
    fast = agrees(text)
    if fast is not None:
        assert same(load_front_matter(text), fast)


def test_each_entry_gets_its_own_lists_and_mappings() -> None:
    """Lines are read once and remembered: what they hold must not be shared."""
    text = "tags: [a, b]\nnotes: {}\n"
    first, second = fast_front_matter(text), fast_front_matter(text)
    assert first is not None and second is not None
    first["tags"].append("c")
    first["notes"]["x"] = 1
    assert second == {"tags": ["a", "b"], "notes": {}}


def test_the_house_style_takes_the_fast_path() -> None:
    meta = {
        "date": date(2026, 11, 21),
        "time": "21:34",
        "template": "evening",
        "mood": 6,
        "intentions": {"present-with-kids": 7, "self-compassion": 4},
        "areas": {"relationships": 6, "body": 3},
        "tags": ["family", "insight"],
        "route": "nasal spray",
        "dose_mg": 56.5,
        "side_effects": [],
        "private": True,
    }
    assert same(agrees(dump_front_matter(meta)), meta)  # `private: true` too
    for other in ("yes", "True", "TRUE", "on"):  # YAML 1.1's other booleans: PyYAML reads them
        assert agrees(dump_front_matter(meta).replace(": true", f": {other}")) is None


KEYS = ["private", "Private", "PRIVATE", "private ", "'private'", "mood", "tags", "yes", "on",
        "date", "x", "<<", "? a", "- a", "intentions"]  # fmt: skip
SEPARATORS = [": ", ":", " : ", ":  ", ":\t", ": \t"]
VALUES = ["true", "false", "True", "FALSE", "yes", "no", "off", "n", "~", "null", "0", "1",
          "05", "0x1f", "1_000", "12:30", "21:34", "2026-11-21", "2026-02-30", "0000-01-01",
          "2026-1-5",
          "1.5", ".5", "1e3", "-0", "-3", "+3", "010", "09", "0o7", "1__0", "1.", "1.5e3",
          "'no'", "'it''s'", "''", '"x"', '"\\x41"',
          "[a, b]", "[]", "[a, [b]]", "[a,,b]", "[a, b,]", "['a, b']", "{}", "{a: 1}",
          "a # note", "a#b", "&x 1", "*x", "!!str 1", "|", ">", "evening", "nasal spray",
          "two  spaces", "Müde", "caf\u00e9", "\u2028", "\x85", "'\xa0'", "-", "- a", "@x",
          "`x`", "%x", "a: b", "'a'b"]  # fmt: skip
INDENTS = ["", "", "", "  ", " ", "   ", "\t"]


def test_every_single_line_reads_the_same_both_ways() -> None:
    """Every key, separator and value above, alone, in a list and under a mapping."""
    used = 0
    for key in KEYS:
        for sep in SEPARATORS:
            for value in [*VALUES, ""]:
                for text in (
                    f"{key}{sep}{value}\n",
                    f"tags: [a, {value}]\n{key}{sep}[{value}]\n",
                    f"intentions:\n  {key}{sep}{value}\n",
                ):
                    used += agrees(text) is not None
    assert used > 150  # the fast path did read a good part of them


lines = st.builds(
    lambda indent, key, sep, value: f"{indent}{key}{sep}{value}",
    st.sampled_from(INDENTS),
    st.sampled_from(KEYS),
    st.sampled_from([": "] * 8 + SEPARATORS),
    st.sampled_from([*VALUES, ""]),
)
hand_edited = st.lists(
    st.one_of(lines, st.sampled_from(["", " ", "# a comment", "---"])), max_size=6
)


@settings(max_examples=1500, deadline=None)
@given(hand_edited)
@example(["private: true", "private: false"])
@example(["Private: no", "private: no"])
@example(["private: 'no'"])
@example(["intentions:", "  kids: 5", "  kids: 6"])
@example(["intentions:", "areas:", "  body: 3"])
@example(["time: 21:34"])
@example(["mood: 05"])
def test_hand_edited_front_matter_reads_the_same_both_ways(rows: list[str]) -> None:
    text = "\n".join(rows) + "\n"
    agrees(text)


@settings(max_examples=300, deadline=None)
@given(hand_edited)
def test_privacy_decides_the_same_whichever_path_read_it(rows: list[str]) -> None:
    """Identical dicts give identical privacy; and a file the fast path reads is decided
    as PyYAML's reading would have it decided."""
    text = "---\n" + "\n".join(rows) + "\n---\n\nBody.\n"
    entry = parse(text)
    front = "\n".join(rows) + "\n"
    if fast_front_matter(front) is None:
        return
    slow = pyyaml(front) or {}
    assert entry.private_reason == (
        entry.withheld or flag_reason({str(k): v for k, v in slow.items()})
    )
