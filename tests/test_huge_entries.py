"""Huge entries: one entry of many megabytes (a pasted transcript, a book of notes) stops
no command. Search finds its first match in linear time and shows a bounded snippet;
`review` and `show` print the whole file; `progress` and `export` finish.

Timeouts here only catch a hang (the quadratic snippet took minutes at 10 MB); they are
not timing assertions. ``benchmarks/bench_huge.py`` measures.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from conftest import kapdiary_command, put, subprocess_env
from kapdiary import query as query_module
from kapdiary.entry import Entry, split_front_matter
from kapdiary.index.snippets import SNIPPET_AFTER, SNIPPET_BEFORE
from kapdiary.index.snippets import snippet as _snippet
from kapdiary.privacy import INLINE_TAG
from kapdiary.query import WORD, TextQuery, _find, fold

HANG = 60  # seconds: a hang catcher, generous on a loaded machine
WORDS = [
    "the",
    "day",
    "was",
    "slow",
    "and",
    "I",
    "noticed",
    "my",
    "breath",
    "garden",
    "walked",
    "quietly",
    "felt",
    "warm",
]


def huge_text(megabytes: float, *, word: str = "lighthouse", every: int = 40) -> str:
    """Sentences of ordinary words with ``word`` about once in ``every`` words."""
    chance = random.Random(7)
    out: list[str] = []
    size = 0
    count = 0
    while size < megabytes * 1024 * 1024:
        count += 1
        picked = [chance.choice(WORDS) for _ in range(12)]
        if count % (every // 12 or 1) == 0:
            picked[chance.randrange(12)] = word
        line = " ".join(picked) + ".\n"
        out.append(line)
        size += len(line)
    return "".join(out)


def kapdiary(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*kapdiary_command(), *args],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=HANG,
    )


@pytest.fixture
def huge(initialised: Path) -> Path:
    """A small diary plus one 6 MB entry with thousands of matches for `lighthouse`."""
    for day in range(10, 20):
        put(initialised, f"2026-11-{day}", f"An ordinary day {day}.", mood=5)
    text = huge_text(6) + "The last line, a keeper at the end.\n"
    return put(initialised, "2026-11-20", text, mood=4)


def test_searching_a_huge_entry_with_thousands_of_matches_finishes_with_a_snippet(
    huge: Path,
) -> None:
    assert huge.read_text().count("lighthouse") > 10_000

    done = kapdiary("search", "lighthouse", "--json")

    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    [hit] = found["results"]
    a, b = hit["highlights"][0]
    assert hit["snippet"][a:b].lower() == "lighthouse"
    assert len(hit["snippet"]) <= SNIPPET_BEFORE + SNIPPET_AFTER + 2


def test_a_word_only_at_the_end_of_a_huge_entry_is_found_and_shown(huge: Path) -> None:
    done = kapdiary("search", "keeper", "--json")

    assert done.returncode == 0, done.stderr
    [hit] = json.loads(done.stdout)["results"]
    a, b = hit["highlights"][0]
    assert hit["snippet"][a:b] == "keeper"
    assert "a keeper at the end" in hit["snippet"]


def test_review_show_progress_and_export_finish_and_keep_every_word(
    huge: Path, tmp_path: Path
) -> None:
    whole = huge.read_text()

    shown = kapdiary("show", "2026-11-20")
    review = kapdiary("review", "--last", "5", "--json")
    progress = kapdiary("progress", "--json")
    out = tmp_path / "export.md"
    export = kapdiary("export", "--yes", "-f", "markdown", "-s", "2026-11-01", "-o", str(out))

    for done in (shown, review, progress, export):
        assert done.returncode == 0, done.stderr
    assert "The last line, a keeper at the end." in shown.stdout
    body = whole.split("---\n", 2)[2].strip()
    assert body.split("\n", 4)[4] in shown.stdout  # every word, as written
    [entry] = [e for e in json.loads(review.stdout)["entries"] if e["date"] == "2026-11-20"]
    assert entry["body"].rstrip().endswith("The last line, a keeper at the end.")
    assert json.loads(progress.stdout)["mood"]["days_rated"] == 11
    assert "The last line, a keeper at the end." in out.read_text()


def test_a_huge_entry_in_a_terminal_is_shown_whole_as_plain_text(
    run, huge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_TERMINAL", "1")

    result: Result = run("show", "2026-11-20", "--no-pager")

    assert result.exit_code == 0, result.output
    assert "The last line, a keeper at the end." in result.stdout
    assert result.stdout.count("lighthouse") == huge.read_text().count("lighthouse")


# --- the snippet builder ------------------------------------------------------------------

TEXT = st.lists(
    st.sampled_from([*"ab cé\nÉ#_-.ßiIı\x02\x03", "ab", "cafe", "Café", "# ", "ab " * 30]),
    max_size=120,
).map("".join)
QUERY = st.lists(
    st.sampled_from(["ab", "a*", "cafe", "b", '"ab cafe"', "é*", "ss", "c", "ı", "i"]),
    min_size=1,
    max_size=3,
).map(" ".join)


def first_by_tokens(text: str, query: TextQuery) -> tuple[int, int] | None:
    """The reference: every word of the text folded, every term's matches, the earliest."""
    tokens = [(m.start(), m.end(), fold(m[0])) for m in WORD.finditer(text)]
    spans = [span for term in query.terms for span in _find(term, tokens)]
    return min(spans) if spans else None


def words_of(text: str) -> list[str]:
    return [fold(w) for w in WORD.findall(text)]


@settings(max_examples=600, deadline=None)
@given(text=TEXT, words=QUERY, ascii_only=st.booleans(), chunk=st.sampled_from([1, 5, 64, 65536]))
@example(text="x" * 500 + " ab", words="ab", ascii_only=True, chunk=65536)
@example(text="Café " * 100 + "ab", words="ab", ascii_only=False, chunk=65536)
@example(text="a" * 1000, words="a*", ascii_only=True, chunk=65536)
@example(text="ab\n\ncafe", words='"ab cafe"', ascii_only=True, chunk=1)
@example(text="ab\n\nCafé", words='"ab cafe"', ascii_only=False, chunk=1)
@example(text="ab cafe", words='"ab cafe" ab', ascii_only=True, chunk=65536)  # same start
def test_the_snippet_holds_the_first_match_and_is_bounded(
    text: str, words: str, ascii_only: bool, chunk: int
) -> None:
    """Also with the text taken in tiny pieces: phrases run on from one piece to the next."""
    if ascii_only:
        text = text.encode("ascii", "ignore").decode()
    query = TextQuery.parse(words)
    first = first_by_tokens(text, query)

    before = query_module.CHUNK
    query_module.CHUNK = chunk
    try:
        assert query.first(text) == first
    finally:
        query_module.CHUNK = before
    built = _snippet(text, query)
    if first is None:
        assert built is None
        return
    assert built is not None
    snippet, highlights = built
    assert len(snippet) <= SNIPPET_BEFORE + SNIPPET_AFTER + 2
    assert "\x02" not in snippet and "\x03" not in snippet
    a, b = highlights[0]
    start, end = first
    matched = words_of(text[start:end])
    if end - start <= SNIPPET_AFTER:
        assert words_of(snippet[a:b]) == matched
    else:  # longer than a snippet: as much of it as fits
        assert matched[0].startswith(words_of(snippet[a:b])[0])
    for s, e in highlights:
        assert 0 <= s < e <= len(snippet)


# --- parsing a huge file is linear, and means what it meant ----------------------------------

OLD_INLINE_TAG = re.compile(r"(?<![\w#&/])#([A-Za-z][\w-]*)")


@given(st.text(alphabet=st.sampled_from(list("ab #&/_-Zé\n1")), max_size=60))
def test_inline_tags_are_found_as_before(text: str) -> None:
    assert INLINE_TAG.findall(text) == OLD_INLINE_TAG.findall(text)


def split_by_lines(text: str) -> tuple[str | None, str, int]:
    """The reference: the whole file split into lines (what the parser did before)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    first = next((n for n, line in enumerate(lines) if line.strip()), 0)
    if lines[first].rstrip().lstrip("\ufeff") != "---":
        return None, text, 1
    for index in range(first + 1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            rest = lines[index + 1 :]
            skipped = next((n for n, line in enumerate(rest) if line), len(rest))
            front = "\n".join(lines[first + 1 : index])
            return front, "\n".join(rest[skipped:]), index + 2 + skipped
    return ("never ends", "", 0)


@given(
    st.lists(
        st.sampled_from(
            ["---", "---\n", "...\n", "\n", "a: 1\n", "text", " ", "\ufeff", "\r\n", "  \n"]
        ),
        max_size=10,
    ).map("".join)
)
def test_front_matter_is_split_as_before_without_splitting_the_whole_file(text: str) -> None:
    expected = split_by_lines(text)
    if expected == ("never ends", "", 0):
        with pytest.raises(Exception, match="never ends"):
            split_front_matter(text)
        return
    assert split_front_matter(text) == expected
    assert Entry({}, text).title == next(
        (line[2:].strip() if line.startswith("# ") else None)
        for line in [*text.splitlines(), "x"]
        if line.startswith("# ") or line.strip()
    )
