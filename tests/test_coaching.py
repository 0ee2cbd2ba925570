"""Issue 16: coaching sessions in the diary: the built-in `coaching` template, its entries
in `review`, `progress` and at the top of every export ("Since our last conversation")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import put

FIRST = """\
## What did we look at?

The evenings after work.

## What did my coach notice or suggest?

That I rush from one thing to the next.
"""
LATEST = """\
## What did we look at?

Sundays, and sleep.

## What did my coach notice or suggest?

To notice the first sign of the heaviness, and to pause there.
"""


@pytest.fixture
def coached(initialised: Path, run) -> Path:
    first = run(
        "write",
        "coaching",
        "--date",
        "2026-11-04",
        "--set",
        "will_try=Walk after dinner; Phone off at 10",
        input=FIRST,
    )
    assert first.exit_code == 0, first.output
    put(initialised, "2026-11-10", "Walked twice.", mood=6)
    latest = run(
        "write",
        "coaching",
        "--date",
        "2026-11-14",
        "--set",
        "will_try=Pause when Sunday feels heavy",
        "--set",
        "next_question=Why do Sundays feel heavy?",
        input=LATEST,
    )
    assert latest.exit_code == 0, latest.output
    put(initialised, "2026-11-16", "Paused once.", mood=5)
    put(initialised, "2026-11-18", "A long day.", mood=4)
    return initialised


def test_a_coaching_entry_keeps_its_answers_and_sections(coached: Path) -> None:
    text = (coached / "entries" / "2026" / "11" / "2026-11-14-coaching.md").read_text("utf-8")
    assert "template: coaching" in text
    assert "will_try: [Pause when Sunday feels heavy]" in text
    assert "# Coaching session — Saturday 14 November 2026" in text
    assert "To notice the first sign of the heaviness" in text


def test_review_finds_the_coaching_entries(coached: Path, run) -> None:
    result = run("review", "--template", "coaching", "--since", "2026-11-01")
    assert result.exit_code == 0, result.output
    assert "2 entries" in result.stdout
    assert "Sundays, and sleep." in result.stdout
    assert "Walked twice." not in result.stdout


def test_progress_lists_the_coaching_sessions(coached: Path, run) -> None:
    text = run("progress").stdout
    section = text[text.index("Coaching sessions") :]
    assert "Wed 4 Nov 2026 · I will try: Walk after dinner; Phone off at 10" in section
    assert "Sat 14 Nov 2026 · I will try: Pause when Sunday feels heavy" in section
    assert "Question for next time: Why do Sundays feel heavy?" in section
    data = json.loads(run("progress", "--json").stdout)
    assert [(c["date"], c["next_question"]) for c in data["coaching"]] == [
        ("2026-11-04", None),
        ("2026-11-14", "Why do Sundays feel heavy?"),
    ]
    # Its own list, not a measure: the answers are words.
    assert data["fields"] == []


def test_the_export_starts_where_the_last_conversation_ended(coached: Path, run) -> None:
    out = coached.parent / "out.md"
    assert run("export", "--yes", "-o", str(out)).exit_code == 0
    md = out.read_text(encoding="utf-8")
    top = md[md.index("## Since our last conversation") : md.index("## Progress")]
    assert md.index("## Since our last conversation") < md.index("## Progress")
    assert (
        "*Our last conversation: Saturday 14 November 2026; 2 entries written since then.*" in top
    )
    assert "- **What I will try:** Pause when Sunday feels heavy" in top
    assert "- **A question for next time:** Why do Sundays feel heavy?" in top
    assert "### What did my coach notice or suggest?" in top
    assert "To notice the first sign of the heaviness, and to pause there." in top
    assert "- Wednesday 4 November 2026: Walk after dinner, Phone off at 10" in top

    html_path = coached.parent / "out.html"
    assert run("export", "--yes", "-o", str(html_path)).exit_code == 0
    html = html_path.read_text(encoding="utf-8")
    assert html.index('id="since-last-conversation"') < html.index('id="progress"')
    part = html[html.index('id="since-last-conversation"') : html.index('id="progress"')]
    assert "Since our last conversation" in part
    assert "Pause when Sunday feels heavy" in part

    json_path = coached.parent / "out.json"
    assert run("export", "--yes", "-o", str(json_path)).exit_code == 0
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert [e["date"] for e in data["since_last_conversation"]] == ["2026-11-14", "2026-11-04"]
    assert data["since_last_conversation"][0]["fields"]["will_try"] == [
        "Pause when Sunday feels heavy"
    ]
    assert [c["file"] for c in data["summary"]["coaching"]] == [
        "2026/11/2026-11-04-coaching.md",
        "2026/11/2026-11-14-coaching.md",
    ]


def test_a_private_coaching_entry_stays_out_of_the_export(coached: Path, run) -> None:
    put(coached, "2026-11-19", "SECRET words.", template="coaching", private=True,
        will_try=["SECRET plan"])  # fmt: skip
    for fmt in ("md", "html", "json"):
        out = coached.parent / f"out.{fmt}"
        assert run("export", "--yes", "-o", str(out)).exit_code == 0
        text = out.read_text(encoding="utf-8")
        assert "SECRET" not in text
        assert "2026-11-19-coaching" not in text and "19 November" not in text


def test_without_the_coachs_question_it_is_nowhere(coached: Path, run) -> None:
    for fmt in ("md", "json"):
        out = coached.parent / f"out.{fmt}"
        result = run("export", "--yes", "-o", str(out), "--without", "next_question")
        assert result.exit_code == 0, result.output
        assert "Why do Sundays" not in out.read_text(encoding="utf-8")


def test_a_coachs_template_starts_from_the_built_in_one(initialised: Path, run) -> None:
    made = run("template", "new", "coaching-sam", "--from", "coaching")
    assert made.exit_code == 0, made.output
    path = initialised / "templates" / "coaching-sam.md"
    checked = run("template", "check", str(path))
    assert checked.exit_code == 0, checked.output
    assert checked.stderr == ""
