"""kapdiary.toml_read.loads reads exactly what tomllib reads: the house style directly,
everything else through tomllib (whose errors stay its own)."""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from kapdiary import toml_read

KEYS = st.text("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_-", min_size=1, max_size=12)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
SCALARS = st.one_of(
    TEXT,
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.dates(date(1, 1, 1), date(9999, 12, 31)),
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=5))
TABLES = st.dictionaries(KEYS, VALUES, max_size=5)


def same(text: str) -> None:
    """Both readers give the same dict with the same types, or both refuse the text."""
    try:
        expected: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        with pytest.raises(tomllib.TOMLDecodeError):
            toml_read.loads(text)
        return
    found = toml_read.loads(text)
    assert found == expected
    assert _types(found) == _types(expected)


def _types(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__


@settings(max_examples=300)
@given(TABLES, st.dictionaries(KEYS, st.lists(TABLES, max_size=3), max_size=2))
def test_what_tomli_w_writes_reads_the_same(top: dict[str, Any], arrays: dict[str, Any]) -> None:
    data = {**top, **{k: v for k, v in arrays.items() if k not in top and v}}
    same(tomli_w.dumps(data))


def test_kapdiarys_own_files_take_the_fast_path() -> None:
    config = 'day_starts_at = "04:00"\nareas = [\n    "mind",\n    "body",\n]\nname = "Zoë"\n'
    intentions = '[[intentions]]\nid = "kids"\ntext = "Be present"\nset_on = 2026-11-01\n'
    assert toml_read._house(config) == tomllib.loads(config)
    assert toml_read._house(intentions) == tomllib.loads(intentions)


HOSTILE = [
    "",
    "\n\n",
    "a = 1 # a comment\n",
    "# only a comment\n",
    "a = 1\na = 2\n",
    "a.b = 1\n",
    '"a" = 1\n',
    "a = 01\n",
    "a = -0\n",
    "a = +1\n",
    "a = 1_000\n",
    "a = 1.5\n",
    "a = inf\n",
    "a = True\n",
    "a  = 1\n",
    "a =1\n",
    "a = 1 \n",
    "\ta = 1\n",
    "a = 1\r\n",
    'a = "x\\ty"\n',
    'a = "x"y"\n',
    "a = 'literal'\n",
    'a = """multi"""\n',
    "a = 2026-02-30\n",
    "a = 2026-11-21T10:00:00\n",
    "a = 0000-01-01\n",
    'a = ["x", "y"]\n',
    'a = ["x, y"]\n',
    'a = ["x",]\n',
    "a = []\n",
    "a = [\n]\n",
    'a = [\n    "x",\n',
    'a = [\n    "x"\n]\n',
    'a = [\n  "x",\n]\n',
    "a = {}\n",
    "[t]\na = 1\n",
    "[[t]]\na = 1\n[[t]]\na = 2\n",
    "t = 1\n[[t]]\n",
    "t = []\n[[t]]\n",
    "[[t]]\n[[t.u]]\n",
    "[[t]] \n",
    "[[ t ]]\n",
    "a = 1\n[[t]]\na = 2\n",
    "[[t]]\na = 1\na = 1\n",
    "a = \x7f\n",
    'a = "\x01"\n',
    "a = 123456789012345678901234567890\n",
    "\ufeffa = 1\n",
    "a = 1\n\u2028",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hand_edited_spellings_mean_what_tomllib_says(text: str) -> None:
    same(text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from([line + "\n" for line in HOSTILE] + [
    "[[intentions]]\n", 'id = "a"\n', "set_on = 2026-11-01\n", "n = 3\n", "b = true\n",
    'areas = [\n', '    "mind",\n', "]\n", "\n", 'x = ["a", "b"]\n',
]), max_size=8))  # fmt: skip
def test_any_mix_of_lines_means_what_tomllib_says(lines: list[str]) -> None:
    same("".join(lines))


def test_intentions_as_kapdiary_writes_them_take_the_fast_path() -> None:
    data = {
        "intentions": [
            {
                "id": "kids",
                "text": "Be present, really",
                "area": "relationships",
                "set_on": date(2026, 11, 1),
            },
            {
                "id": "rest",
                "text": "Rest",
                "set_on": date(2026, 11, 2),
                "retired_on": date(2026, 11, 20),
            },
        ]
    }
    text = tomli_w.dumps(data)
    assert toml_read._house(text) == data == tomllib.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        'i = [\n    { a = "x, b = 1" },\n]\n',
        'i = [\n    { a = ", b" },\n]\n',
        "i = [\n    { a = 1, a = 2 },\n]\n",
        "i = [\n    {a = 1},\n]\n",
        "i = [\n    { a.b = 1 },\n]\n",
        "i = [\n    { a = { b = 1 } },\n]\n",
        "i = [\n    { a = [1, 2] },\n]\n",
        "i = [\n    {},\n]\n",
        "i = [\n    { },\n]\n",
    ],
)
def test_inline_tables_mean_what_tomllib_says(text: str) -> None:
    same(text)


PLAIN = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='"\\\x7f'), max_size=20
)
PLAIN_SCALARS = st.one_of(PLAIN, st.integers(-(10**17), 10**17), st.booleans(), st.dates())
PLAIN_TABLES = st.dictionaries(
    KEYS, st.one_of(PLAIN_SCALARS, st.lists(PLAIN_SCALARS, max_size=4)), max_size=5
)


@settings(max_examples=200)
@given(PLAIN_TABLES, st.lists(PLAIN_TABLES, max_size=3))
def test_plain_values_as_tomli_w_writes_them_never_need_tomllib(
    top: dict[str, Any], rows: list[dict[str, Any]]
) -> None:
    data = {**top, "rows": rows} if rows else top
    text = tomli_w.dumps(data)
    assert toml_read._house(text) == tomllib.loads(text)
