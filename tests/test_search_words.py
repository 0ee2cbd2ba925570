"""`kapdiary search` finds the user's words: not the template's prompts and titles (unless
--everywhere), in any English form, with FTS5's operators, labelled with the prompt."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import one_error_line, put
from kapdiary.dates import long_date
from kapdiary.entry import parse, render
from kapdiary.index import schema

EVENING = (
    "## What came up for me today?\n\n{came}\n\n"
    "## How did I move toward my intentions?\n\n{moved}\n\n"
    "## What do I carry into tomorrow?\n\n{carry}\n"
)


def evening(
    home: Path, day: str, came: str, moved: str = "Small steps.", carry: str = "Rest."
) -> Path:
    """An evening entry as `write` leaves it: a title and three prompts, each answered."""
    when = date.fromisoformat(day)
    path = home / "entries" / day[:4] / day[5:7] / f"{day}-evening.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = f"# Evening integration — {long_date(when)}\n\n" + EVENING.format(
        came=came, moved=moved, carry=carry
    )
    front = {"date": when, "time": "21:00", "template": "evening"}
    path.write_text(render(front, body), encoding="utf-8")
    return path


def search(run, *args: str) -> dict:
    result = run("search", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def dates(run, *args: str) -> list[str]:
    return [hit["date"] for hit in search(run, *args)["results"]]


@pytest.fixture
def diary(home: Path) -> Path:
    evening(home, "2026-11-10", "The kids were loud at breakfast.", carry="Patience.")
    evening(home, "2026-11-11", "Today I walked to the lighthouse.")
    evening(home, "2026-11-12", "Walking with Ana, integrating the session slowly.")
    evening(home, "2026-11-13", "Coffee at the café; grief came in waves.")
    evening(
        home, "2026-11-14", "Quiet.", moved="I came back to the breath.", carry="Tomorrow: a walk."
    )
    return home


# --- the user's words, not the template's ------------------------------------------------


def test_a_word_only_in_the_prompts_does_not_match(run, diary: Path) -> None:
    # "today" is in the prompt "What came up for me today?" of every entry.
    assert dates(run, "today") == ["2026-11-11"]
    # Every title is "Evening integration — …".
    assert dates(run, "integrat*") == ["2026-11-12"]
    assert dates(run, "evening") == []
    assert dates(run, '"carry into tomorrow"') == []


def test_everywhere_looks_in_the_prompts_and_titles_too(run, diary: Path) -> None:
    assert len(dates(run, "today", "--everywhere")) == 5
    assert len(dates(run, "evening", "--everywhere")) == 5
    assert dates(run, '"carry into tomorrow"', "--everywhere")
    # Where the user's own words match, they rank above a prompt's.
    assert dates(run, "today", "--everywhere")[0] == "2026-11-11"


def test_nothing_found_in_the_words_says_so_and_names_everywhere(run, diary: Path) -> None:
    result = run("search", "evening")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "Nothing you wrote matches evening; the prompts or title of some entries do: "
        "add --everywhere to include them."
    )
    result = run("search", "volcano")
    assert result.stdout.strip() == "Nothing matches volcano."
    result = run("search", "evening", "--since", "2026-11-14")
    assert result.stdout.startswith("Nothing you wrote matches evening in ")
    assert "of one entry do" in result.stdout


def test_a_column_filter_cannot_reach_into_the_prompts(run, diary: Path) -> None:
    # Read by FTS5 as they are, each would find the five prompts; here they are words.
    for text in ("prompts:today", "{prompts}: today", "prompts : today", "(prompts) : today"):
        assert dates(run, text) == [], text
    assert dates(run, "today lighthouse") == ["2026-11-11"]


def test_headings_the_user_wrote_are_the_users_words(run, home: Path) -> None:
    # No template: an entry written in another editor; its headings are the user's.
    plain = home / "entries" / "2026" / "11" / "2026-11-15-notes.md"
    plain.parent.mkdir(parents=True)
    plain.write_text("---\ndate: 2026-11-15\n---\n# Garden notes\n\n## Seedlings\nWatered.\n")
    put(home, "2026-11-16", "Imported words.", template="imported", name="2026-11-16-jrnl.md")
    imported = home / "entries" / "2026" / "11" / "2026-11-16-jrnl.md"
    imported.write_text(imported.read_text().replace("# Evening", "# Orchard"))
    # A heading of the user's own inside a template's entry (deeper than the prompts).
    evening(home, "2026-11-17", "### The harbour dream\n\nSalt and rope.")
    assert dates(run, "seedlings") == ["2026-11-15"]
    assert dates(run, "garden") == ["2026-11-15"]
    assert dates(run, "orchard") == ["2026-11-16"]
    assert dates(run, "harbour") == ["2026-11-17"]


def test_a_prompt_like_line_in_a_code_block_is_the_users(run, home: Path) -> None:
    evening(home, "2026-11-17", "```\n## kettle notes\n```\nTea.")
    assert dates(run, "kettle") == ["2026-11-17"]


def test_show_and_review_still_give_the_whole_entry(run, diary: Path) -> None:
    path = diary / "entries" / "2026" / "11" / "2026-11-10-evening.md"
    body = parse(path.read_text()).body
    review = json.loads(run("review", "--on", "2026-11-10", "--json").stdout)
    assert review["entries"][0]["body"] == body
    assert "## What came up for me today?\n\nThe kids" in run("review", "--all").stdout


# --- the language -------------------------------------------------------------------------


def test_stemming_finds_other_forms_of_a_word(run, diary: Path) -> None:
    assert dates(run, "walk") == ["2026-11-14", "2026-11-12", "2026-11-11"] or sorted(
        dates(run, "walk")
    ) == ["2026-11-11", "2026-11-12", "2026-11-14"]
    assert sorted(dates(run, "walks")) == ["2026-11-11", "2026-11-12", "2026-11-14"]
    assert dates(run, "integrate") == ["2026-11-12"]
    assert dates(run, "waves") == dates(run, "wave") == ["2026-11-13"]
    assert dates(run, '"walk to the lighthouses"') == ["2026-11-11"]


def test_accents_do_not_matter(run, diary: Path) -> None:
    assert dates(run, "cafe") == ["2026-11-13"]
    assert dates(run, "CAFÉ") == ["2026-11-13"]
    assert dates(run, "cafés") == ["2026-11-13"]


def test_phrases_prefixes_or_not_and_parentheses(run, diary: Path) -> None:
    assert dates(run, '"loud at breakfast"') == ["2026-11-10"]
    assert dates(run, '"breakfast at loud"') == []
    assert dates(run, "lightho*") == ["2026-11-11"]
    assert dates(run, '"the light"*') == ["2026-11-11"]
    assert sorted(dates(run, "kids OR grief")) == ["2026-11-10", "2026-11-13"]
    assert sorted(dates(run, "walk NOT lighthouse")) == ["2026-11-12", "2026-11-14"]
    assert dates(run, "walk AND ana") == ["2026-11-12"]
    assert sorted(dates(run, "(kids OR grief) NOT coffee")) == ["2026-11-10"]
    # NOT binds tighter than OR, as in FTS5: kids OR (walk NOT lighthouse).
    assert sorted(dates(run, "kids OR walk NOT lighthouse")) == [
        "2026-11-10",
        "2026-11-12",
        "2026-11-14",
    ]
    # In small letters they are words: "or" is in none of the entries.
    assert dates(run, "kids or grief") == []


def test_the_search_is_written_back_as_understood(run, diary: Path) -> None:
    assert search(run, "kids  OR  grief")["query"] == "kids OR grief"
    result = run("search", "kids OR grief")
    assert result.stdout.splitlines()[0] == "2 entries match kids OR grief, best first"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('"school gate', '"school gate"'),
        ("(grief OR loss", "(grief OR loss) kids"),
        ("grief)", "(grief OR loss)"),
        ("()", "(grief OR loss)"),
        ("OR", "grief OR loss"),
        ("grief OR", "grief OR loss"),
        ("NOT kids", "grief NOT work"),
        ("grief AND", "grief AND kids"),
        ("NEAR(grief loss)", '"school gate"'),
        ("?!", "integrat*"),
        ("*", "integrat*"),
        ("(" * 40 + "grief" + ")" * 40, "more simply"),
        (" ".join(["word"] * 200), "the few that matter"),
    ],
)
def test_a_mistake_in_the_search_is_one_line_with_an_example(
    run, diary: Path, text: str, says: str
) -> None:
    result = run("search", text)
    assert result.exit_code == 2
    assert says in one_error_line(result)
    review = run("review", "--all", "--text", text)
    assert review.exit_code == 2 and says in one_error_line(review)


# --- snippets --------------------------------------------------------------------------------


def test_snippets_carry_the_prompt_they_answer(run, diary: Path) -> None:
    hit = search(run, "kids")["results"][0]
    assert hit["label"] == "What came up for me today?"
    assert hit["snippet"].startswith("The kids were loud")
    assert "?" not in hit["snippet"]  # no prompt run together with the answer
    assert [hit["snippet"][s:e] for s, e in hit["highlights"]] == ["kids"]
    hit = search(run, "patience")["results"][0]
    assert hit["label"] == "What do I carry into tomorrow?"
    assert hit["snippet"] == "Patience."
    hit = search(run, "breath")["results"][0]
    assert hit["label"] == "How did I move toward my intentions?"
    lines = run("search", "patience").stdout.splitlines()
    assert lines[3] == "    What do I carry into tomorrow? › Patience."


@pytest.mark.parametrize("page", [1, 2, 3])
def test_hits_read_in_pages_carry_the_same_labels_as_in_one_query(
    run, home: Path, monkeypatch: pytest.MonkeyPatch, page: int
) -> None:
    """Up to a page of hits comes with its entries' columns in the ranking's query; more
    are ranked first and read a page at a time: the same results either way, labels too."""
    from kapdiary.index import search as searching

    for n, (came, moved, carry) in enumerate(
        [
            ("The sea was calm.", "Small steps.", "Rest."),
            ("Quiet.", "I swam in the sea.", "Rest."),
            ("Quiet.", "Small steps.", "The sea again, tomorrow."),
            ("Sea, sea, sea.", "The sea.", "Rest."),
            ("Quiet.", "Small steps.", "Rest."),
        ]
    ):
        evening(home, f"2026-11-{10 + n}", came, moved, carry)
    whole = search(run, "sea")
    labels = {hit["date"]: hit["label"] for hit in whole["results"]}
    assert labels == {
        "2026-11-10": "What came up for me today?",
        "2026-11-11": "How did I move toward my intentions?",
        "2026-11-12": "What do I carry into tomorrow?",
        "2026-11-13": "What came up for me today?",
    }
    monkeypatch.setattr(searching, "PAGE", page)
    assert search(run, "sea") == whole
    limited = search(run, "sea", "--limit", "2")
    assert limited["total"] == 4 and limited["results"] == whole["results"][:2]


def test_snippets_of_a_stemmed_word_highlight_the_word_as_written(run, diary: Path) -> None:
    hit = search(run, "walk", "--on", "2026-11-12")["results"][0]
    assert [hit["snippet"][s:e] for s, e in hit["highlights"]] == ["Walking"]


def test_the_label_shows_in_a_terminal(run, diary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_TERMINAL", "1")
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm-256color")
    result = run("search", "patience", "--no-pager")
    assert result.exit_code == 0, result.output
    assert "What do I carry into tomorrow?" in result.stdout and "›" in result.stdout


def test_a_snippet_from_the_front_matter_or_a_prompt_has_no_label(run, home: Path) -> None:
    put(home, "2026-11-18", "Slow day.", template="session", side_effects=["nausea"])
    hit = search(run, "nausea")["results"][0]
    assert hit["label"] is None and "nausea" in hit["snippet"]
    hit = search(run, '"came up"', "--everywhere")["results"][0]
    assert hit["label"] is None and "came up" in hit["snippet"].lower()


# --- ranking -----------------------------------------------------------------------------


def test_ranking_is_bm25_then_the_newest_first(run, home: Path) -> None:
    evening(home, "2026-10-01", "Grief. Grief again, grief in the morning.")
    evening(home, "2026-10-02", "Some grief, " + "and many other words of the day " * 30)
    evening(home, "2026-10-03", "Some grief.")
    evening(home, "2026-10-04", "Some grief.")  # the same as the day before: newer first
    found = search(run, "grief")
    assert [h["date"] for h in found["results"]] == [
        "2026-10-01",  # three times
        "2026-10-04",  # once in a short entry, the newer of two equals
        "2026-10-03",
        "2026-10-02",  # once in a long entry
    ]
    scores = [h["score"] for h in found["results"]]
    assert scores[0] > scores[1] == scores[2] > scores[3]


# --- privacy and the index ------------------------------------------------------------------


def test_private_text_is_found_as_before(run, home: Path) -> None:
    # Search is for the user's own eyes: private entries and parts are found (exports
    # leave them out; tests/test_privacy.py).
    evening(home, "2026-11-01", "## Mine (private)\n\nThe quarrel with my sister.")
    put(home, "2026-11-02", "A private walk.", private=True)
    assert dates(run, "sister") == ["2026-11-01"]
    assert search(run, "sister")["results"][0]["label"] == "Mine (private)"
    assert dates(run, "walk") == ["2026-11-02"]
    assert search(run, "walk")["results"][0]["private"] is True


def test_an_index_of_the_version_before_is_rebuilt(run, diary: Path) -> None:
    import sqlite3

    assert dates(run, "today") == ["2026-11-11"]
    index_file = next((diary.parent / "cache").rglob("*.sqlite*"))
    with sqlite3.connect(index_file) as conn:
        conn.execute("PRAGMA user_version = 5")
    conn.close()
    result = run("search", "today", "--json")
    assert "rebuil" in result.stderr
    assert [h["date"] for h in json.loads(result.stdout)["results"]] == ["2026-11-11"]
    assert schema.SCHEMA_VERSION == 7
