"""`kapdiary review`: rereading a period, filtered, as full entries, a list or JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import put

# KAPDIARY_NOW is Saturday 21 November 2026 (tests/conftest.py).


@pytest.fixture
def diary(home: Path) -> Path:
    put(
        home,
        "2025-11-21",
        "A year ago, the first session.",
        template="session",
        mood=3,
        tags=["session"],
    )
    put(home, "2026-11-01", "Early in the month.", mood=4, intentions={"kids": 3})
    put(home, "2026-11-14", "Outside the week.", mood=5, intentions={"kids": 4})
    put(
        home,
        "2026-11-15",
        "Sunday with the #family at the lake.",
        mood=6,
        intentions={"kids": 7, "self-compassion": 4},
        tags=["insight"],
    )
    put(
        home,
        "2026-11-18",
        "A heavy day at work.",
        template="session",
        mood=3,
        intentions={"self-compassion": 2},
        tags=["work"],
        session=4,
        route="IM",
    )
    put(
        home,
        "2026-11-20",
        "Integration feels possible. #insight #family",
        mood=8,
        intentions={"kids": 9, "self-compassion": 6},
    )
    put(
        home,
        "2026-11-20",
        "A second entry the same evening.",
        name="2026-11-20-evening-2.md",
        time="23:10",
        mood=7,
    )
    return home


def entries(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["entries"]


def days(result) -> list[str]:
    return [e["date"] for e in entries(result)]


def test_review_shows_the_last_seven_days_oldest_first_under_a_summary(run, diary: Path) -> None:
    result = run("review")
    assert result.exit_code == 0, result.output
    out = result.stdout
    first_line = out.splitlines()[0]
    # Means as in docs/design.md §8 (kapdiary.progress): a day counts once, so the two entries of
    # the 20th (8 and 7) count as 7.5, and mood is (3 + 6 + 7.5) / 3 = 5.5.
    assert first_line == "4 entries · 15–21 November 2026 · mood 5.5 · kids 8 · self-compassion 4"
    assert (
        out.index("Sunday with the #family")
        < out.index("A heavy day")
        < out.index("Integration feels")
    )
    assert out.index("Integration feels") < out.index("A second entry the same evening.")
    assert "Outside the week." not in out
    assert "== Evening integration — Sunday 15 November 2026 · 21:00 · evening ==" in out
    assert "entries/2026/11/2026-11-15-evening.md" in out
    # A template's own field by its template's words (issue 16), not its key `route`.
    assert (
        "mood: 3 · intentions: self-compassion 2 · tags: #work · session: 4 · "
        "How was the ketamine given? IM"
    ) in out
    assert "## What came up for me today?" in out  # plain output keeps the Markdown


def test_review_since_and_until_take_days_and_spans(run, diary: Path) -> None:
    assert days(run("review", "--since", "2026-11-14", "--json")) == [
        "2026-11-14",
        "2026-11-15",
        "2026-11-18",
        "2026-11-20",
        "2026-11-20",
    ]
    assert days(run("review", "--since", "3w", "--until", "2026-11-14", "--json")) == [
        "2026-11-01",
        "2026-11-14",
    ]
    assert days(run("review", "--since", "1y", "--until", "1w", "--json")) == [
        "2026-11-01",
        "2026-11-14",
    ]
    assert days(run("review", "--until", "2026-11-01", "--json")) == ["2025-11-21", "2026-11-01"]
    assert days(run("review", "--since", "wednesday", "--json")) == [
        "2026-11-18",
        "2026-11-20",
        "2026-11-20",
    ]
    assert days(run("review", "--on", "yesterday", "--json")) == ["2026-11-20", "2026-11-20"]
    assert len(days(run("review", "--all", "--json"))) == 7


def test_review_last_n_gives_the_newest_entries_oldest_first(run, diary: Path) -> None:
    assert days(run("review", "--last", "3", "--json")) == [
        "2026-11-18",
        "2026-11-20",
        "2026-11-20",
    ]
    assert days(run("review", "--last", "2", "--template", "session", "--json")) == [
        "2025-11-21",
        "2026-11-18",
    ]
    assert days(run("review", "-n", "2", "--reverse", "--json")) == ["2026-11-20", "2026-11-20"]


def test_review_filters_by_template(run, diary: Path) -> None:
    assert days(run("review", "--all", "--template", "session", "--json")) == [
        "2025-11-21",
        "2026-11-18",
    ]
    assert days(run("review", "--all", "-T", "session", "-T", "evening", "--json")) == days(
        run("review", "--all", "--json")
    )


def test_review_tags_count_from_front_matter_and_inline_and_all_must_match(
    run, diary: Path
) -> None:
    assert days(run("review", "--all", "--tag", "insight", "--json")) == [
        "2026-11-15",
        "2026-11-20",
    ]
    assert days(run("review", "--all", "--tag", "family", "--json")) == ["2026-11-15", "2026-11-20"]
    assert days(run("review", "--all", "--tag", "#Family", "--tag", "insight", "--json")) == [
        "2026-11-15",
        "2026-11-20",
    ]
    assert days(run("review", "--all", "--tag", "work", "--tag", "insight", "--json")) == []


def test_review_intention_keeps_entries_that_rate_it(run, diary: Path) -> None:
    assert days(run("review", "--all", "--intention", "self-compassion", "--json")) == [
        "2026-11-15",
        "2026-11-18",
        "2026-11-20",
    ]
    assert days(run("review", "--all", "-i", "kids", "-i", "self-compassion", "--json")) == [
        "2026-11-15",
        "2026-11-20",
    ]


def test_review_text_keeps_entries_with_all_the_words(run, diary: Path) -> None:
    assert days(run("review", "--all", "--text", "day", "--json")) == ["2026-11-18"]
    assert days(run("review", "--all", "--text", "possib*", "--json")) == ["2026-11-20"]
    # Not the titles ("Evening integration — …"): only what the user wrote (issue 19).
    assert days(run("review", "--all", "--text", "integrat*", "--json")) == ["2026-11-20"]
    assert days(run("review", "--all", "--text", '"the lake"', "--json")) == ["2026-11-15"]
    assert days(run("review", "--all", "--text", "heavy lake", "--json")) == []


def test_review_list_is_one_line_per_entry(run, diary: Path) -> None:
    result = run("review", "--list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("4 entries · 15–21 November 2026")
    assert lines[2].split() == [
        "date",
        "template",
        "mood",
        "kids",
        "self-compassion",
        "first",
        "line",
    ]
    assert lines[3].split()[:5] == ["2026-11-15", "evening", "6", "7", "4"]
    assert lines[4].split()[:5] == ["2026-11-18", "session", "3", "–", "2"]
    assert "A heavy day at work." in lines[4]
    assert len(lines) == 7


def test_review_reverse_shows_newest_first(run, diary: Path) -> None:
    out = run("review", "--reverse").stdout
    assert (
        out.index("A second entry") < out.index("Integration feels") < out.index("Sunday with the")
    )


def test_review_json_has_a_summary_and_the_entries(run, diary: Path) -> None:
    result = run("review", "--json")
    data = json.loads(result.stdout)
    assert data["summary"] == {
        "entries": 4,
        "since": "2026-11-15",
        "until": "2026-11-21",
        "mood": 5.5,  # a day counts once: (3 + 6 + (8 + 7) / 2) / 3
        "intentions": {"kids": 8.0, "self-compassion": 4.0},
    }
    first = data["entries"][0]
    assert set(first) == {
        "path", "date", "time", "template", "title", "mood", "intentions", "areas", "tags",
        "private", "problem", "problem_line", "meta", "body",
    }  # fmt: skip
    assert first["path"] == str(diary / "entries/2026/11/2026-11-15-evening.md")
    assert first["title"] == "Evening integration — Sunday 15 November 2026"
    assert first["tags"] == ["insight", "family"]
    assert first["meta"]["date"] == "2026-11-15"
    assert first["mood"] == 6 and first["intentions"] == {"kids": 7, "self-compassion": 4}
    assert "Sunday with the #family" in first["body"]


def test_review_of_an_empty_period_says_so_kindly(run, diary: Path) -> None:
    result = run("review", "--on", "2026-11-02")
    assert result.exit_code == 0
    assert result.stdout.startswith("No entries in Monday 2 November 2026.")
    result = run("review", "--tag", "nothing-like-this")
    assert "No entries match" in result.stdout and "--all" in result.stdout
    assert json.loads(run("review", "--on", "2026-11-02", "--json").stdout)["entries"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-13-01"], "'2026-13-01' is not a date; use YYYY-MM-DD"),
        (["--since", "last blue moon"], "is not a date"),
        (["--until", "soon"], "'soon' is not a date"),
        (["--since", "0d"], "is an empty span"),
        (["--on", "3x"], "'3x' is not a date"),  # 3d is a day: three days ago
        (["--on", "21/11/2026"], "is not a date"),
        (["--since", "2026-11-20", "--until", "2026-11-01"], "is after --until"),
        (["--on", "today", "--since", "3d"], "--on is one day"),
        (["--all", "--since", "3d"], "--all means every entry"),
        (["--last", "0"], "--last takes a number"),
        (["--text", "?!"], "has no words to look for"),
    ],
)
def test_review_explains_dates_and_options_that_do_not_fit(
    run, diary: Path, args: list[str], message: str
) -> None:
    result = run("review", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.startswith("kapdiary: ") and result.stderr.count("\n") == 1


def test_review_in_a_terminal_renders_the_markdown(
    run, diary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_TERMINAL", "1")
    result = run("review", "--no-pager")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "What came up for me today?" in out and "## What came up" not in out
    assert "Evening integration — Sunday 15 November 2026 · 21:00 · evening" in out
    listed = run("review", "--list", "--no-pager").stdout
    assert "first line" in listed and "2026-11-18" in listed


def test_review_pages_long_output_only_in_a_terminal(
    run, diary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"sh -c 'cat > {paged}'")
    monkeypatch.setenv("LINES", "10")
    run("review")  # not a terminal: never a pager
    assert not paged.exists()
    monkeypatch.setenv("FORCE_TERMINAL", "1")
    from kapdiary.render import console as screen

    monkeypatch.setattr(screen, "stdout_is_terminal", lambda: True)
    run("review", "--no-pager")
    assert not paged.exists()
    result = run("review")
    assert result.exit_code == 0, result.output
    assert "Integration feels possible." in paged.read_text()
    assert result.stdout == ""
    os.unlink(paged)
    run("review", "--on", "2026-11-14")  # fits on the screen
    assert not paged.exists()


def test_review_help_has_examples(run) -> None:
    result = run("review", "--help")
    assert result.exit_code == 0
    assert (
        "Examples:" in result.stdout
        and "kapdiary review --since 30d --tag insight" in result.stdout
    )
