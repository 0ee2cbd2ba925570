"""One validator for front-matter fields: `--set`, the editor and a resumed draft refuse
and accept the same values (they once disagreed on a retired intention)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from conftest import FakeEditor, draft_files, entry_files, one_error_line

Run = Callable[..., Result]
RATE_RETIRED = (
    "path.write_text(text.replace('  self-compassion:', '  self-compassion: 5\\n  kids-old: 6', 1)"
    ".replace('## What came up for me today?\\n', '## What came up for me today?\\nWords.\\n'))"
)


def retire_one(run: Run) -> None:
    assert run("intention", "add", "Kids old").exit_code == 0
    assert run("intention", "retire", "kids-old").exit_code == 0


def test_set_and_the_editor_both_refuse_a_retired_intention(
    run: Run, initialised: Path, fake_editor: Callable[[str], FakeEditor]
) -> None:
    retire_one(run)

    by_set = run("write", "--set", "intentions.kids-old=6", "--text", "Words.")
    fake_editor(RATE_RETIRED)
    by_editor = run("write", "--editor")

    assert by_set.exit_code == 2
    assert "no active intention with id 'kids-old'" in one_error_line(by_set)
    assert by_editor.exit_code == 1
    assert "no active intention with id 'kids-old'" in one_error_line(by_editor)
    assert entry_files(initialised) == []
    [draft] = draft_files(initialised)  # the editor's words are kept
    assert "Words." in draft.read_text(encoding="utf-8")


def test_both_accept_it_for_a_day_before_it_was_retired(
    run: Run, initialised: Path, fake_editor: Callable[[str], FakeEditor]
) -> None:
    retire_one(run)  # retired today, 2026-11-21

    by_set = run(
        "write", "--date", "2026-11-20", "--set", "intentions.kids-old=6", "--text", "Words."
    )
    fake_editor(RATE_RETIRED)
    by_editor = run("write", "--editor", "--date", "2026-11-19")

    assert by_set.exit_code == 0, by_set.output
    assert by_editor.exit_code == 0, by_editor.output
    texts = [p.read_text(encoding="utf-8") for p in entry_files(initialised)]
    assert all("kids-old: 6" in text for text in texts) and len(texts) == 2
