"""Property tests of the search language and of what the index keeps of a body: any string
a person types is a search or one line saying how to write it; FTS5 and the Python matcher
(used without FTS5) agree; the body comes back exactly from the user's words and the prompts."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import put
from kapdiary.errors import UsageError
from kapdiary.index import schema, texts
from kapdiary.index.search import variants
from kapdiary.index.texts import SECTION, join_body, label, section, split_body
from kapdiary.query import TextQuery
from kapdiary.search_language import MAX_WORDS, WORD, Term, Without, fold, root, stem

HOSTILE = st.lists(
    st.sampled_from(
        [
            *"\"()*:^{}+-.,'",
            " ",
            "AND",
            "OR",
            "NOT",
            "NEAR",
            "NEAR(",
            "prompts:",
            "{prompts}",
            "words",
            "walk",
            "walked",
            "café",
            "integrat*",
            "\x00",
            "\x1f",
            "\u2028",
            "ß",
            "İ",
            "🙂",
            "a" * 300,
        ]
    ),
    max_size=30,
).map("".join)


def fts_table() -> sqlite3.Connection:
    conn = schema.connect(":memory:")
    conn.executescript(schema.SCHEMA + schema.FTS_SCHEMA)
    return conn


class Rows:
    """What ``variants`` needs of a Store: its ``rows``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def rows(self, sql: str, params: list[Any]) -> list[Any]:
        return self.conn.execute(sql, params).fetchall()


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(HOSTILE, st.text(max_size=60)))
@example(text='"unbalanced')
@example(text="NEAR(a b)")
@example(text="prompts : today")
@example(text="(" * 100)
@example(text="*")
def test_any_string_is_a_search_or_one_line_that_says_how(text: str) -> None:
    conn = fts_table()
    conn.execute("INSERT INTO texts VALUES (1, 'walked to the café', 'what came up', 'tag')")
    try:
        query = TextQuery.parse(text)
    except UsageError as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
        return
    assert 0 < sum(len(term.words) for term in query.terms) <= MAX_WORDS
    for everywhere in (False, True):
        match = query.fts(variants(Rows(conn)), everywhere=everywhere)  # type: ignore[arg-type]
        conn.execute("SELECT rowid FROM fts WHERE fts MATCH ?", [match]).fetchall()
    # Not for letters whose folded form folds again or splits ("𝕬" → "A", "¼" → "1⁄4").
    if all(WORD.fullmatch(word) and fold(word) == word for word in words(query.expr)):
        again = TextQuery.parse(str(query))  # as shown back to the user, it means the same
        assert again.expr == query.expr


def words(expr: Any) -> list[str]:
    if isinstance(expr, Term):
        return list(expr.words)
    if isinstance(expr, Without):
        return words(expr.keep) + words(expr.drop)
    return [word for part in expr.parts for word in words(part)]


VOCABULARY = ["walk", "walked", "walking", "walks", "kid", "kids", "grief", "café", "cafe", "sea"]
DOCS = st.lists(st.lists(st.sampled_from(VOCABULARY), max_size=6).map(" ".join), max_size=6)
QUERIES = st.recursive(
    st.sampled_from(
        ["walk", "kids", "grief", "cafe", "wal*", '"walked kid"', '"kid grief"', "sea"]
    ),
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(" ".join),
        st.tuples(inner, inner).map(" OR ".join),
        st.tuples(inner, inner).map(" NOT ".join),
        inner.map(lambda q: f"({q})"),
    ),
    max_leaves=5,
)


@settings(max_examples=300, deadline=None)
@given(docs=DOCS, text=QUERIES)
def test_fts5_and_the_python_matcher_agree(docs: list[str], text: str) -> None:
    """What FTS5 finds with the diary's spellings of each stem is what the matcher used
    without FTS5 finds by stemming every word."""
    conn = fts_table()
    for n, doc in enumerate(docs, 1):
        conn.execute("INSERT INTO texts VALUES (?, ?, 'a prompt', '')", [n, doc])
    query = TextQuery.parse(text)
    match = query.fts(variants(Rows(conn)))  # type: ignore[arg-type]
    by_fts = {row[0] for row in conn.execute("SELECT rowid FROM fts WHERE fts MATCH ?", [match])}
    by_python = {n for n, doc in enumerate(docs, 1) if query.matches(doc)}
    assert by_fts == by_python


WORDS = st.sampled_from(
    ["walking", "happiness", "generalizations", "sensibility", "dying", "skies", "agreed"]
)


@given(word=st.one_of(WORDS, st.from_regex(r"[a-z]{1,14}", fullmatch=True)))
def test_every_word_starts_with_the_root_of_its_stem(word: str) -> None:
    """What ``variants`` and the matcher rely on to look at few words (dying: the one
    exception Snowball makes, with lying and tying)."""
    if word in ("dying", "lying", "tying"):
        return
    assert word.startswith(root(stem(word))) or word.startswith(root(word))
    assert word.startswith(root(word))


BODY = st.lists(
    st.sampled_from(
        [
            "# Evening integration",
            "## What came up for me today?",
            "## ",
            "##",
            "   ## indented",
            "    ## code, not a heading",
            "### mine",
            "#tag",
            "```",
            "~~~~",
            "``` not closing",
            "text",
            "",
            "\x1f",
            "\r",
            "## closing ##",
        ]
    ),
    max_size=12,
).map("\n".join)


@given(
    body=st.one_of(BODY, st.text(max_size=80)),
    template=st.sampled_from([None, "evening", "imported"]),
)
def test_the_body_comes_back_exactly(body: str, template: str | None) -> None:
    words, prompts = split_body(body, template)
    assert join_body(words, prompts) == body
    if template != "evening":
        assert (words, prompts) == (body, "")
    for line in prompts.split("\n") if prompts else []:
        assert line.lstrip(" ").startswith("#") and not line.lstrip(" ").startswith("###")
    # Every section's label is one of the prompts, as plain text.
    for at in range(0, len(words) + 1, 7):
        found = label(prompts, section(words, at))
        assert found is None or (found in prompts and SECTION not in found)


@given(body=st.one_of(BODY, st.text(alphabet=" #\t\n\r`~ax\x0b\x85\u2028", max_size=40)))
def test_prompts_are_found_in_one_pass_as_line_by_line(body: str) -> None:
    """A body without a fence is split by one pattern; the line-by-line way agrees."""
    for mark in ("```", "~~~", SECTION):
        while mark in body:
            body = body.replace(mark, mark[:-1])
    assert split_body(body, "evening") == texts._split_lines(body)


@pytest.mark.parametrize("text", ["walk", "Walk OR kids", '"came up" NOT kids'])
def test_the_search_of_review_and_search_is_one_language(run, home: Path, text: str) -> None:
    put(home, "2026-11-20", "I walked with the kids.")
    searched = run("search", text, "--json")
    reviewed = run("review", "--all", "--text", text, "--json")
    assert searched.exit_code == reviewed.exit_code == 0, searched.output + reviewed.output
    import json

    found = [hit["date"] for hit in json.loads(searched.stdout)["results"]]
    listed = [entry["date"] for entry in json.loads(reviewed.stdout)["entries"]]
    assert found == listed


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=HOSTILE)
def test_the_real_command_never_fails_on_what_people_type(run, home: Path, text: str) -> None:
    if not (home / "entries").exists():
        put(home, "2026-11-20", "I walked to the café.")
    result = run("search", text, "--json")
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("kapdiary: "), result.stderr
    else:
        assert result.exit_code == 0, result.output
