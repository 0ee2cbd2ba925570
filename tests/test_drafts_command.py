"""Drafts belong to their day and template; `kapdiary drafts` lists, shows, resumes, discards."""

from __future__ import annotations

import json
import shutil
import signal
import stat
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import (
    draft_files,
    entry_file,
    entry_files,
    one_error_line,
)
from helpers import answered_at_a_terminal
from kapdiary.drafts import Draft
from kapdiary.entry import parse, render

# mood 6; be-present-with-my-kids 7 and no note; self-compassion skipped;
# areas: mind skipped, body 3, the other four skipped; tags.
FIELDS = ("6", "7", "", "", "", "3", "", "", "", "", "family")


def put_draft(
    home: Path,
    day: str,
    text: str = "Words from that night.",
    *,
    template: str = "evening",
    name: str = "a1b2c3",
    **meta: object,
) -> Path:
    """A draft as an interrupted `kapdiary write` leaves it."""
    path = home / "drafts" / f"{day}-{template}-{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    front = {"date": date.fromisoformat(day), "time": "21:00", "template": template, **meta}
    body = f"# Evening integration\n\n## What came up for me today?\n\n{text}\n"
    path.write_text(render(front, body), encoding="utf-8")
    return path


def saved_entry(home: Path) -> str:
    [path] = entry_files(home)
    return path.read_text(encoding="utf-8")


# --- write offers only the draft of its own day and template ---------------------------------


def test_another_days_draft_is_mentioned_never_resumed_by_enter(run, initialised: Path) -> None:
    draft = put_draft(initialised, "2026-11-19", "Thursday's words.", mood=2)
    kept = draft.read_bytes()

    # Enter first: were it "resume?", it would take Thursday's draft. It skips the mood
    # instead, and 8 is the first intention's rating, as the questions come.
    result = run("write", "--guided", input="\n8\n" + "\n" * 40)

    assert result.exit_code == 0, result.output
    assert "Resume it?" not in result.stdout
    assert "1 other unfinished entry: `kapdiary drafts` lists them." in result.stdout
    entry = parse(saved_entry(initialised))
    assert entry.meta["date"] == date(2026, 11, 21)
    assert "mood" not in entry.meta
    assert entry.meta["intentions"] == {"be-present-with-my-kids": 8}
    assert "Thursday" not in entry.body
    assert draft_files(initialised) == [draft] and draft.read_bytes() == kept


def test_write_for_another_date_is_not_offered_tonights_draft(run, initialised: Path) -> None:
    put_draft(initialised, "2026-11-21", "Tonight's words.", mood=4)

    result = run("write", "--guided", "--date", "2026-11-18", input="\n" * 40)

    assert "Resume it?" not in result.stdout
    assert "1 other unfinished entry" in result.stdout
    assert result.exit_code == 0, result.output
    assert "Tonight's words." not in result.stdout + "".join(
        p.read_text() for p in entry_files(initialised)
    )


def test_another_templates_draft_is_not_offered(run, initialised: Path) -> None:
    put_draft(initialised, "2026-11-21", "Evening words.", mood=4)

    result = run("write", "day-after", "--guided", input="\n" * 60)

    assert "Resume it?" not in result.stdout
    assert "1 other unfinished entry" in result.stdout


def test_the_draft_for_this_day_and_template_is_offered_with_a_true_count(
    run, initialised: Path
) -> None:
    put_draft(
        initialised,
        "2026-11-20",
        "Three small words and then some more here",
        mood=5,
        intentions={"be-present-with-my-kids": 7, "self-compassion": 4},
        intention_notes={"self-compassion": "gentle with myself"},
    )

    result = run("write", "--guided", "--date", "2026-11-20", input="\n" + "\n" * 40)

    assert result.exit_code == 0, result.output
    assert "unfinished evening entry for 2026-11-20 (3 answers, 11 words" in result.stdout
    entry = parse(saved_entry(initialised))
    assert entry.meta["date"] == date(2026, 11, 20)
    assert entry.meta["mood"] == 5
    assert "Three small words" in entry.body
    assert draft_files(initialised) == []


def test_an_interrupted_entry_is_offered_again_only_on_its_own_day(
    run, initialised: Path, writer_process
) -> None:
    writer = writer_process("write", "--guided", "--date", "2026-11-20")
    writer.type(*FIELDS, "A heron at dusk.")
    draft = writer.wait_for_draft("heron at dusk")
    writer.process.send_signal(signal.SIGINT)
    assert writer.finish()[0] == 130

    tonight = run("write", "--guided", input="5\n" + "\n" * 60)
    assert "Resume it?" not in tonight.stdout
    assert "heron" not in saved_entry(initialised)
    entry_files(initialised)[0].unlink()
    assert draft_files(initialised) == [draft]

    resumed = run("write", "--resume", "--guided", "--date", "2026-11-20", input="")
    assert resumed.exit_code == 0, resumed.output
    written = entry_file(initialised, "2026-11-20-evening").read_text(encoding="utf-8")
    assert "A heron at dusk." in written
    assert parse(written).meta["mood"] == 6
    assert draft_files(initialised) == []


def test_declining_says_how_to_let_the_draft_go(run, initialised: Path) -> None:
    draft = put_draft(initialised, "2026-11-21", mood=4)
    result = run("write", "--guided", input="n\n" + "\n" * 40)
    assert result.exit_code == 0, result.output
    assert f"kapdiary drafts discard {draft.name[:-3]}" in result.stdout
    assert draft_files(initialised) == [draft]


def test_resume_for_a_day_without_a_draft_names_the_others(run, initialised: Path) -> None:
    put_draft(initialised, "2026-11-19", mood=2)
    result = run("write", "--resume", "--guided", "--date", "2026-11-21", input="")
    assert result.exit_code == 2
    assert "kapdiary drafts" in one_error_line(result)
    assert entry_files(initialised) == []


def test_resume_without_a_date_takes_the_latest_draft(run, initialised: Path) -> None:
    put_draft(initialised, "2026-11-19", "The latest one.", mood=2)
    result = run("write", "--resume", "--guided", input="")
    assert result.exit_code == 0, result.output
    assert "The latest one." in entry_file(initialised, "2026-11-19-evening").read_text()


# --- kapdiary drafts -------------------------------------------------------------------------


def test_drafts_lists_day_template_age_answers_and_words(run, initialised: Path) -> None:
    put_draft(initialised, "2026-11-19", "one two three", mood=2, name="aaaaaa")
    put_draft(initialised, "2026-11-20", "four", template="day-after", name="bbbbbb")

    result = run("drafts")

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(ln.split()[:2] == ["2026-11-20", "day-after"] for ln in lines)
    line = next(ln for ln in lines if ln.startswith("2026-11-19"))
    assert "evening" in line and ("ago" in line or "just now" in line)
    assert "1 answer, 3 words" in line and "2026-11-19-evening-aaaaaa" in line

    data = json.loads(run("drafts", "--json").stdout)
    assert {d["name"] for d in data} == {"2026-11-19-evening-aaaaaa", "2026-11-20-day-after-bbbbbb"}
    first = next(d for d in data if d["date"] == "2026-11-19")
    assert first["template"] == "evening"
    assert (first["answers"], first["words"], first["in_use"]) == (1, 3, False)
    assert first["age_seconds"] >= 0 and first["saved_at"]


def test_drafts_with_none(run, initialised: Path) -> None:
    result = run("drafts")
    assert result.exit_code == 0 and result.stdout.strip() == "No unfinished entries."
    assert json.loads(run("drafts", "--json").stdout) == []


def test_drafts_show_by_day_by_name_and_an_ambiguous_day(run, initialised: Path) -> None:
    one = put_draft(initialised, "2026-11-19", "First of two.", name="aaaaaa")
    put_draft(initialised, "2026-11-19", "Second of two.", template="day-after", name="bbbbbb")
    put_draft(initialised, "2026-11-18", "Only one.", name="cccccc")

    by_day = run("drafts", "show", "2026-11-18")
    assert by_day.exit_code == 0 and "Only one." in by_day.stdout
    by_name = run("drafts", "show", one.name[:-3])
    assert by_name.stdout == one.read_text()
    by_file = run("drafts", "show", str(one))
    assert by_file.stdout == one.read_text()
    ambiguous = run("drafts", "show", "2026-11-19")
    assert ambiguous.exit_code == 2
    line = one_error_line(ambiguous)
    assert "2026-11-19-evening-aaaaaa or 2026-11-19-day-after-bbbbbb" in line or (
        "2026-11-19-day-after-bbbbbb or 2026-11-19-evening-aaaaaa" in line
    )


@pytest.mark.parametrize("key", ["nothing-here", "2026-11-01", "/etc/passwd", "../x.md"])
def test_drafts_show_something_that_is_not_a_draft(run, initialised: Path, key: str) -> None:
    put_draft(initialised, "2026-11-19")
    result = run("drafts", "show", key)
    assert result.exit_code == 2
    assert "kapdiary drafts" in one_error_line(result)


def test_drafts_resume_writes_the_entry_for_the_drafts_own_day(run, initialised: Path) -> None:
    draft = put_draft(initialised, "2026-11-17", "Tuesday, finished at last.", mood=3)

    result = run("drafts", "resume", draft.name[:-3], input="")

    assert result.exit_code == 0, result.output
    entry = parse(entry_file(initialised, "2026-11-17-evening").read_text(encoding="utf-8"))
    assert entry.meta["date"] == date(2026, 11, 17) and entry.meta["mood"] == 3
    assert "Tuesday, finished at last." in entry.body
    assert draft_files(initialised) == []


def test_drafts_discard_asks_for_yes_and_keeps_it_in_history(run, initialised: Path) -> None:
    draft = put_draft(initialised, "2026-11-19", "Not tonight.", mood=2)
    kept_bytes = draft.read_bytes()

    refused = run("drafts", "discard", "2026-11-19")
    assert refused.exit_code == 2 and "--yes" in one_error_line(refused)
    assert draft.exists()

    result = run("drafts", "discard", "2026-11-19", "--yes")

    assert result.exit_code == 0, result.output
    assert draft_files(initialised) == []
    assert not (draft.parent / f".{draft.name}.lock").exists()
    [kept] = (initialised / ".history" / "drafts" / draft.name[:-3]).glob("*-discarded.md")
    assert str(kept) in result.stdout
    assert kept.read_bytes() == kept_bytes
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert "Not tonight." not in run("review", "--all").stdout

    # Restored by hand, as docs/nothing-lost.md says: copy it back into drafts/.
    shutil.copy(kept, draft)
    assert draft.name[:-3] in run("drafts").stdout
    resumed = run("drafts", "resume", "2026-11-19", input="")
    assert resumed.exit_code == 0, resumed.output
    assert "Not tonight." in entry_file(initialised, "2026-11-19-evening").read_text()


def test_a_draft_being_written_cannot_be_resumed_or_discarded(
    run, initialised: Path, writer_process
) -> None:
    writer = writer_process("write", "--guided")
    writer.type(*FIELDS, "Still typing.")
    draft = writer.wait_for_draft("Still typing.")

    listed = json.loads(run("drafts", "--json").stdout)
    assert [d["in_use"] for d in listed] == [True]
    assert "being written now" in run("drafts").stdout
    for args in (("resume", draft.name[:-3]), ("discard", draft.name[:-3], "--yes")):
        result = run("drafts", *args, input="")
        assert result.exit_code == 1
        assert "another window" in one_error_line(result)
    assert draft.exists()


# --- a draft's name: property test -----------------------------------------------------------


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
    st.text(max_size=200),
)
def test_a_draft_whose_text_is_broken_still_knows_its_day_and_template(
    day: date, template: str, text: str
) -> None:
    path = Path("/home/drafts") / f"{day.isoformat()}-{template}-0a1b2c.md"
    draft = Draft(path, parse("---\n: [\n---\n" + text, path))
    assert draft.day == day
    assert draft.template == template
    assert draft.answers == 0 and draft.words >= 0


# --- at a terminal -----------------------------------------------------------------------------


@pytest.mark.parametrize(("answer", "gone"), [("y", True), ("n", False), ("", False)])
def test_discarding_at_a_terminal_asks_first(initialised: Path, answer: str, gone: bool) -> None:
    draft = put_draft(initialised, "2026-11-19", "Maybe later.", mood=2)

    code, seen = answered_at_a_terminal(
        ["drafts", "discard", "2026-11-19"], "Discard the unfinished", answer
    )

    assert code == 0, seen
    assert "Discard the unfinished evening entry for 2026-11-19 (1 answer, 2 words)?" in seen
    assert draft.exists() is not gone
    assert bool(list((initialised / ".history").rglob("*-discarded.md"))) is gone
