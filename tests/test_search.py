"""`kapdiary search`: ranked full-text search with highlighted snippets."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import one_error_line, put
from kapdiary import index
from kapdiary.index import schema


@pytest.fixture
def diary(home: Path) -> Path:
    put(home, "2024-03-02", "I saw a lighthouse on the coast road.", tags=["travel"])
    put(
        home,
        "2026-10-10",
        "The lighthouse again, the lighthouse, the lighthouse: it keeps coming back.",
        tags=["insight"],
    )
    put(
        home,
        "2026-11-18",
        "Integrating the session slowly. The school gate was hard.",
        template="session",
        side_effects=["nausea", "dizziness"],
    )
    put(home, "2026-11-19", "The gate of the school was closed. Café with an old friend.")
    put(home, "2026-11-20", "Nothing special; a lighthouse in a dream.", tags=["dream", "insight"])
    return home


def results(result) -> dict:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def found(result) -> list[str]:
    return [r["date"] for r in results(result)["results"]]


def test_search_ranks_the_best_match_first_with_the_word_highlighted(run, diary: Path) -> None:
    data = results(run("search", "lighthouse", "--json"))
    assert data["total"] == 3 and data["shown"] == 3 and data["ranked"] is True
    assert data["results"][0]["date"] == "2026-10-10"  # three times beats once
    assert sorted(r["date"] for r in data["results"]) == ["2024-03-02", "2026-10-10", "2026-11-20"]
    for hit in data["results"]:
        assert hit["highlights"]
        for start, end in hit["highlights"]:
            assert hit["snippet"][start:end].lower() == "lighthouse"
        assert "\n" not in hit["snippet"] and "##" not in hit["snippet"]
    assert data["results"][0]["score"] > data["results"][-1]["score"]


def test_search_output_names_each_entry_and_shows_a_snippet(run, diary: Path) -> None:
    result = run("search", "lighthouse")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "3 entries match lighthouse, best first"
    assert lines[2] == "2026-10-10 · evening · entries/2026/10/2026-10-10-evening.md"
    assert "The lighthouse again" in lines[3]


def test_search_in_a_terminal_highlights_the_words(
    run, diary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_TERMINAL", "1")
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm-256color")
    result = run("search", "dream", "--no-pager")
    assert result.exit_code == 0, result.output
    assert "\x1b[" in result.stdout  # styled
    assert "dream" in result.stdout


def test_search_phrases_prefixes_and_all_words(run, diary: Path) -> None:
    assert found(run("search", '"school gate"', "--json")) == ["2026-11-18"]
    assert sorted(found(run("search", "school", "gate", "--json"))) == ["2026-11-18", "2026-11-19"]
    assert found(
        run("search", "integrat*", "--json", "--since", "2026-11-01", "--template", "session")
    ) == ["2026-11-18"]
    assert found(run("search", "cafe", "--json")) == ["2026-11-19"]  # accents do not matter
    assert found(run("search", "nausea", "--json")) == ["2026-11-18"]  # front matter words too


def test_search_takes_the_review_filters(run, diary: Path) -> None:
    assert sorted(found(run("search", "lighthouse", "--tag", "insight", "--json"))) == [
        "2026-10-10",
        "2026-11-20",
    ]
    assert found(run("search", "lighthouse", "--tag", "insight", "--tag", "dream", "--json")) == [
        "2026-11-20"
    ]
    assert found(run("search", "lighthouse", "--since", "1m", "--json")) == ["2026-11-20"]
    assert found(run("search", "lighthouse", "--until", "2025-01-01", "--json")) == ["2024-03-02"]
    assert found(run("search", "lighthouse", "--on", "2026-10-10", "--json")) == ["2026-10-10"]
    assert found(run("search", "lighthouse", "--text", "dream", "--json")) == ["2026-11-20"]
    assert found(run("search", "gate", "--template", "session", "--json")) == ["2026-11-18"]


def test_search_json_has_every_match_and_limit_caps_it(run, home: Path) -> None:
    start = date(2026, 1, 1)
    for n in range(60):
        put(home, (start + timedelta(days=n)).isoformat(), f"Entry {n} mentions the harbour.")
    data = results(run("search", "harbour", "--json"))
    assert data["total"] == 60 and len(data["results"]) == 60
    capped = results(run("search", "harbour", "--json", "--limit", "5"))
    assert capped["total"] == 60 and capped["shown"] == 5 and len(capped["results"]) == 5
    shown = run("search", "harbour", "--limit", "5").stdout
    assert shown.startswith("60 entries match harbour; the best 5 shown")


def test_search_with_nothing_found_says_so(run, diary: Path) -> None:
    result = run("search", "volcano")
    assert result.exit_code == 0
    assert result.stdout.strip() == "Nothing matches volcano."
    assert results(run("search", "volcano", "--json"))["results"] == []


@pytest.mark.parametrize("text", ["don't", "C++", "col:umn", "a*b", "near", "and", "x"])
def test_search_never_chokes_on_what_people_type(run, diary: Path, text: str) -> None:
    result = run("search", text)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("text", ["AND", "OR NOT", '"unbalanced', "(x", "NEAR(a b)", "x)"])
def test_search_syntax_mistakes_are_one_line(run, diary: Path, text: str) -> None:
    result = run("search", text)
    assert result.exit_code == 2
    assert "like" in one_error_line(result)  # with an example of how to write it


def test_search_without_words_is_a_usage_error(run, diary: Path) -> None:
    result = run("search", "?!")
    assert result.exit_code == 2
    assert "has no words to look for" in result.stderr
    assert run("search").exit_code == 2
    result = run("search", "x", "--since", "the other day")
    assert result.exit_code == 2 and "is not a date" in result.stderr
    assert run("search", "x", "--limit", "0").exit_code == 2


def test_search_without_fts5_still_works_and_says_so(
    run, diary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    available = index.fts5_available
    monkeypatch.setattr(schema, "fts5_available", lambda: False)
    result = run("reindex")
    assert "without full-text search" in result.stdout
    result = run("search", "lighthouse", "--json")
    assert "no full-text search (FTS5)" in result.stderr
    data = results(result)
    assert data["ranked"] is False and data["total"] == 3
    assert data["results"][0]["date"] == "2026-10-10"  # the most mentions first
    hit = data["results"][0]
    assert all(hit["snippet"][s:e].lower() == "lighthouse" for s, e in hit["highlights"])
    assert found(run("search", '"school gate"', "--json")) == ["2026-11-18"]
    assert found(run("search", "nausea", "--json")) == ["2026-11-18"]
    assert found(run("search", "lighthouse", "--tag", "dream", "--json")) == ["2026-11-20"]
    review = json.loads(run("review", "--all", "--text", "possib* OR dream", "--json").stdout)
    assert [e["date"] for e in review["entries"]] == ["2026-11-20"]  # the same language
    review = json.loads(run("review", "--all", "--text", "dream", "--json").stdout)
    assert [e["date"] for e in review["entries"]] == ["2026-11-20"]
    # Stems, NOT, the prompts left out unless --everywhere, and labels, as with FTS5.
    assert found(run("search", "dreams", "--json")) == ["2026-11-20"]
    assert sorted(found(run("search", "lighthouse NOT dream", "--json"))) == [
        "2024-03-02",
        "2026-10-10",
    ]
    assert found(run("search", "today", "--json")) == []
    assert len(found(run("search", "today", "--everywhere", "--json"))) == 5
    hit = results(run("search", "dream", "--json"))["results"][0]
    assert hit["label"] == "What came up for me today?"
    monkeypatch.setattr(schema, "fts5_available", available)
    result = run("search", "lighthouse")
    assert "rebuilt the index with full-text search" in result.stderr
    assert results(run("search", "lighthouse", "--json"))["ranked"] is True


def test_search_help_has_examples(run) -> None:
    result = run("search", "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "kapdiary search lighthouse" in result.stdout
