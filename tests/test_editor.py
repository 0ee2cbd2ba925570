"""`kapdiary write --editor` with a fake $EDITOR: a script that edits the file it is given."""

from __future__ import annotations

from pathlib import Path

from conftest import draft_files, entry_file, entry_files, one_error_line

# Python run by the fake editor on the file it is given (``path``, its text in ``text``).
FILL = r"""
text = re.sub(r"(?m)^mood:.*$", "mood: 7", text)
text = re.sub(r"(?m)^  self-compassion:.*$", "  self-compassion: 5", text)
text = re.sub(r"(?m)^  body:$", "  body: 4", text)
text = re.sub(r"(?m)^tags:.*$", "tags: [family]", text)
text = text.replace("## What came up for me today?\n", "## What came up for me today?\n"
                    "Walked by the river.\n\nThe light on the water.\n", 1)
path.write_text(text, encoding="utf-8")
"""
SAVE_AS_IS = "pass"
ADD_WORDS_AND_FAIL = r"""
path.write_text(text.replace("## What do I carry into tomorrow?\n",
                             "## What do I carry into tomorrow?\nKeep the slow mornings.\n"))
sys.exit(3)
"""
BREAK_THE_YAML = r"""
text = re.sub(r"(?m)^mood:.*$", "mood: 7: 8", text)
path.write_text(text + "\nWords I do not want to lose.\n")
"""


def test_filling_values_and_text_in_the_editor_writes_an_entry(
    run, initialised: Path, fake_editor
) -> None:
    editor = fake_editor(FILL)

    result = run("write", "--editor")

    assert result.exit_code == 0, result.output
    path = entry_file(initialised, "2026-11-21-evening")
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        "date: 2026-11-21\n"
        "time: '21:34'\n"
        "template: evening\n"
        "mood: 7\n"
        "intentions:\n"
        "  self-compassion: 5\n"
        "areas:\n"
        "  body: 4\n"
        "tags: [family]\n"
        "---\n"
        "\n"
        "# Evening integration — Saturday 21 November 2026\n"
        "\n"
        "## What came up for me today?\n"
        "\n"
        "Walked by the river.\n"
        "\n"
        "The light on the water.\n"
    )
    assert f"Saved {path}" in result.stdout
    assert len(editor.calls) == 1
    assert draft_files(initialised) == []


def test_the_editor_is_given_the_template_with_its_fields_and_guidance(
    run, initialised: Path, fake_editor
) -> None:
    seen_copy = initialised.parent / "seen.md"
    fake_editor(f"pathlib.Path({str(seen_copy)!r}).write_text(text)\n" + FILL)

    assert run("write", "--editor").exit_code == 0

    seen = seen_copy.read_text(encoding="utf-8")
    assert seen.startswith("---\ndate: 2026-11-21\ntime: '21:34'\ntemplate: evening\nmood:")
    assert "  be-present-with-my-kids:  # Be present with my kids\n" in seen
    assert "# Evening integration — Saturday 21 November 2026\n" in seen
    assert "<!-- Feelings, thoughts, body sensations" in seen
    # Guidance is shown in the editor and never saved in the entry.
    text = entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8")
    assert "<!--" not in text and "Notice without judging" not in text


def test_saving_unchanged_writes_nothing_and_says_so(run, initialised: Path, fake_editor) -> None:
    fake_editor(SAVE_AS_IS)

    result = run("write", "--editor")

    assert result.exit_code == 0, result.output
    assert "unchanged" in result.output and "no entry was written" in result.output
    assert entry_files(initialised) == []
    assert draft_files(initialised) == []


def test_an_editor_failing_after_changes_keeps_the_text_as_a_draft(
    run, initialised: Path, fake_editor
) -> None:
    fake_editor(ADD_WORDS_AND_FAIL)

    result = run("write", "--editor")

    assert result.exit_code == 1
    line = one_error_line(result)
    [draft] = draft_files(initialised)
    assert "status 3" in line and str(draft) in line and "write --resume --editor" in line
    assert "Keep the slow mornings." in draft.read_text(encoding="utf-8")
    assert entry_files(initialised) == []

    fake_editor(SAVE_AS_IS)
    resumed = run("write", "--resume", "--editor")

    assert resumed.exit_code == 0, resumed.output
    path = entry_file(initialised, "2026-11-21-evening")
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        "date: 2026-11-21\n"
        "time: '21:34'\n"
        "template: evening\n"
        "---\n"
        "\n"
        "# Evening integration — Saturday 21 November 2026\n"
        "\n"
        "## What do I carry into tomorrow?\n"
        "\n"
        "Keep the slow mornings.\n"
    )
    assert draft_files(initialised) == []


def test_broken_front_matter_keeps_the_text_as_a_draft_and_names_the_line(
    run, initialised: Path, fake_editor
) -> None:
    fake_editor(BREAK_THE_YAML)

    result = run("write", "--editor")

    assert result.exit_code == 1
    line = one_error_line(result)
    [draft] = draft_files(initialised)
    broken = draft.read_text(encoding="utf-8").split("\n").index("mood: 7: 8") + 1
    assert broken == 5
    assert f"line {broken}:" in line
    assert str(draft) in line and "write --resume --editor" in line
    assert "Words I do not want to lose." in draft.read_text(encoding="utf-8")
    assert entry_files(initialised) == []

    fake_editor(r"path.write_text(text.replace('mood: 7: 8', 'mood: 8'))")
    fixed = run("write", "--resume", "--editor")

    assert fixed.exit_code == 0, fixed.output
    text = entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8")
    assert "\nmood: 8\n" in text and "Words I do not want to lose." in text
    assert draft_files(initialised) == []


def test_a_value_the_template_does_not_accept_keeps_the_draft(
    run, initialised: Path, fake_editor
) -> None:
    fake_editor(r"""path.write_text(re.sub(r"(?m)^mood:.*$", "mood: 12", text))""")

    result = run("write", "--editor")

    assert result.exit_code == 1
    line = one_error_line(result)
    assert "mood" in line and "1 to 10" in line
    [draft] = draft_files(initialised)
    assert "mood: 12" in draft.read_text(encoding="utf-8")
    assert entry_files(initialised) == []


def test_the_editors_temporary_file_is_removed_afterwards(
    run, initialised: Path, fake_editor
) -> None:
    for code, expected_exit in ((FILL, 0), (SAVE_AS_IS, 0), (ADD_WORDS_AND_FAIL, 1)):
        editor = fake_editor(code)

        result = run("write", "--editor")

        assert result.exit_code == expected_exit, result.output
        [(given, _mode)] = editor.calls
        assert given.name == "kapdiary-2026-11-21-evening.md"
        assert not given.exists()
        assert not given.parent.exists()  # the private folder around it goes too


def test_the_editor_comes_from_the_config_before_the_environment(
    run, initialised: Path, fake_editor
) -> None:
    configured = fake_editor(FILL)
    from_env = fake_editor(SAVE_AS_IS)  # now $EDITOR
    assert run("config", "set", "editor", str(configured.script)).exit_code == 0

    result = run("write", "--editor")

    assert result.exit_code == 0, result.output
    assert len(configured.calls) == 1 and from_env.calls == []
    assert entry_files(initialised) == [entry_file(initialised, "2026-11-21-evening")]


def test_a_missing_editor_is_a_clear_error(run, initialised: Path, monkeypatch) -> None:
    monkeypatch.setenv("EDITOR", str(initialised / "no-such-editor"))

    result = run("write", "--editor")

    assert result.exit_code == 2
    assert "no-such-editor" in one_error_line(result)
    assert entry_files(initialised) == []
    assert draft_files(initialised) == []


def test_an_editor_entry_never_overwrites_an_existing_one(
    run, initialised: Path, fake_editor
) -> None:
    assert run("write", "--text", "Written earlier.").exit_code == 0
    fake_editor(FILL)

    result = run("write", "--editor")

    assert result.exit_code == 0, result.output
    first = entry_file(initialised, "2026-11-21-evening")
    assert "Written earlier." in first.read_text(encoding="utf-8")
    assert "Walked by the river." in entry_file(initialised, "2026-11-21-evening-2").read_text()


def test_guidance_over_several_lines_is_never_saved(run, home: Path, fake_editor) -> None:
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "coach.md").write_text(
        "## First\nLine one of guidance.\nLine two of guidance.\n\n## Second\nMore guidance.\n"
    )
    fake_editor(
        "path.write_text(text.replace('## Second\\n', '## Second\\nMy words.\\n"
        "<!-- a note of my own --> kept\\n'))"
    )

    result = run("write", "coach", "--editor")

    assert result.exit_code == 0, result.output
    assert entry_file(home, "2026-11-21-coach").read_text(encoding="utf-8") == (
        "---\ndate: 2026-11-21\ntime: '21:34'\ntemplate: coach\n---\n\n"
        "# Coach — Saturday 21 November 2026\n\n"
        "## Second\n\nMy words.\n<!-- a note of my own --> kept\n"
    )
