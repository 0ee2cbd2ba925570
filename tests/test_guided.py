"""Guided writing at the prompt, driven through CliRunner's ``input=`` with ``--guided``.

The evening template asks, in order: mood; for each active intention a rating and (after a
rating) a one-line note; a rating for each life area (mind, body, spirit, relationships,
lifestyle, nature); tags; then its four writing prompts.
"""

from __future__ import annotations

from pathlib import Path

from conftest import draft_files, entry_file, entry_files
from kapdiary.entry import parse

SKIP = ""


def answers(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


def test_guided_entry_is_written_in_exactly_the_design_format(run, initialised: Path) -> None:
    typed = answers(
        "6",  # mood
        "7",  # be-present-with-my-kids
        SKIP,  # its note
        "4",  # self-compassion
        SKIP,  # its note
        SKIP,  # mind
        "3",  # body
        SKIP,  # spirit
        "6",  # relationships
        SKIP,  # lifestyle
        SKIP,  # nature
        "family, insight",  # tags
        # What came up for me today?  (one empty line inside, two to end it)
        "Played in the park with the kids.",
        "",
        "Later a wave of sadness, and I let it pass.",
        "",
        "",
        # How did I move toward my intentions?  (a dot ends it)
        "I put the phone away at dinner.",
        ".",
        # Which parts of my life helped or hurt today?  (Enter skips it)
        SKIP,
        # What do I carry into tomorrow?
        "Slow mornings.",
        ".",
    )

    result = run("write", "--guided", input=typed)

    assert result.exit_code == 0, result.output
    path = entry_file(initialised, "2026-11-21-evening")
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        "date: 2026-11-21\n"
        "time: '21:34'\n"
        "template: evening\n"
        "mood: 6\n"
        "intentions:\n"
        "  be-present-with-my-kids: 7\n"
        "  self-compassion: 4\n"
        "areas:\n"
        "  body: 3\n"
        "  relationships: 6\n"
        "tags: [family, insight]\n"
        "---\n"
        "\n"
        "# Evening integration — Saturday 21 November 2026\n"
        "\n"
        "## What came up for me today?\n"
        "\n"
        "Played in the park with the kids.\n"
        "\n"
        "Later a wave of sadness, and I let it pass.\n"
        "\n"
        "## How did I move toward my intentions?\n"
        "\n"
        "I put the phone away at dinner.\n"
        "\n"
        "## What do I carry into tomorrow?\n"
        "\n"
        "Slow mornings.\n"
    )
    assert f"Saved {path}" in result.stdout
    assert draft_files(initialised) == []


def test_guided_shows_the_questions_and_guidance(run, initialised: Path) -> None:
    result = run("write", "--guided", input="")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Evening integration — Saturday 21 November 2026" in out
    assert "How is your mood this evening?" in out
    assert "a whole number from 1 to 10" in out
    assert "Be present with my kids" in out
    assert "## What came up for me today?" in out
    assert "Notice without judging." in out  # guidance is shown, never saved


def test_a_bad_answer_is_asked_again_without_losing_earlier_answers(run, initialised: Path) -> None:
    typed = answers(
        "6",  # mood
        "eleven",  # be-present-with-my-kids: not a number
        "11",  # out of range
        "8",  # accepted
        SKIP,  # its note
        SKIP,  # self-compassion
        *[SKIP] * 6,  # areas
        "not a tag!",  # tags: refused
        "calm",
        "Words.",
        ".",
    )

    result = run("write", "--guided", input=typed)

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "whole number from 0 to 10" in out.split("Any words to find this day by later?")[0]
    assert "'not a tag!' is not accepted" in out
    entry = parse(entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8"))
    assert entry.meta["mood"] == 6
    assert entry.meta["intentions"] == {"be-present-with-my-kids": 8}
    assert entry.meta["tags"] == ["calm"]
    assert [s.text for s in entry.sections()] == ["Words."]


def test_enter_skips_a_field(run, initialised: Path) -> None:
    typed = answers(SKIP, SKIP, SKIP, *[SKIP] * 6, SKIP, "Only words.", ".")

    result = run("write", "--guided", input=typed)

    assert result.exit_code == 0, result.output
    text = entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8")
    assert text.startswith("---\ndate: 2026-11-21\ntime: '21:34'\ntemplate: evening\n---\n")


def test_an_intention_note_is_kept_with_the_rating(run, initialised: Path) -> None:
    typed = answers(SKIP, "7", "Built a den together", "5", SKIP)

    result = run("write", "--guided", input=typed)

    assert result.exit_code == 0, result.output
    entry = parse(entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8"))
    assert entry.meta["intentions"] == {"be-present-with-my-kids": 7, "self-compassion": 5}
    assert entry.meta["intention_notes"] == {"be-present-with-my-kids": "Built a den together"}


def test_two_empty_lines_or_a_dot_end_a_section(run, initialised: Path) -> None:
    fields = [SKIP] * 10  # mood, two intentions, six areas, tags
    typed = answers(
        *fields,
        "First section, line one.",
        "",
        "Still the first section.",
        "",
        "",
        "Second section.",
        ".",
        "Third section.",
        "",
        "",
        "Fourth section.",
    )

    result = run("write", "--guided", input=typed)

    assert result.exit_code == 0, result.output
    entry = parse(entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8"))
    assert [(s.heading, s.text) for s in entry.sections()] == [
        ("What came up for me today?", "First section, line one.\n\nStill the first section."),
        ("How did I move toward my intentions?", "Second section."),
        ("Which parts of my life helped or hurt today?", "Third section."),
        ("What do I carry into tomorrow?", "Fourth section."),
    ]


def test_nothing_typed_writes_no_entry(run, initialised: Path) -> None:
    result = run("write", "--guided", input=answers(*[SKIP] * 20))

    assert result.exit_code == 0, result.output
    assert "no entry was saved" in result.stdout
    assert entry_files(initialised) == []
    assert draft_files(initialised) == []


def test_without_intentions_guided_writing_says_how_to_add_them(run, home: Path) -> None:
    assert run("init", "--yes").exit_code == 0

    result = run("write", "--guided", input=answers("5", *[SKIP] * 7, "A start.", "."))

    assert result.exit_code == 0, result.output
    assert "kapdiary intention add" in result.stdout
    entry = parse(entry_file(home, "2026-11-21-evening").read_text(encoding="utf-8"))
    assert entry.meta["mood"] == 5 and "intentions" not in entry.meta


def test_guided_writing_for_yesterday_uses_that_days_title(run, initialised: Path) -> None:
    result = run("write", "--guided", "--date", "yesterday", input=answers("4"))

    assert result.exit_code == 0, result.output
    text = entry_file(initialised, "2026-11-20-evening").read_text(encoding="utf-8")
    assert "\n# Evening integration — Friday 20 November 2026\n" in text
