"""Interrupted writing keeps every word in drafts/, with a real process and real signals."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from conftest import draft_files, entry_file, entry_files, one_error_line
from kapdiary.entry import parse

SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]
# mood 6; be-present-with-my-kids 7 and no note; self-compassion skipped;
# areas: mind skipped, body 3, the other four skipped; tags.
FIELDS = ("6", "7", "", "", "", "3", "", "", "", "", "family")


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: s.name)
def test_an_interrupted_guided_entry_is_kept_as_a_draft_and_resumed(
    run, initialised: Path, writer_process, sig: signal.Signals
) -> None:
    writer = writer_process("write", "--guided")
    writer.type(*FIELDS, "The heron stood still in the reeds.", "", "And so did I.")
    draft = writer.wait_for_draft("heron stood still", "And so did I.")

    writer.process.send_signal(sig)
    code, out, err = writer.finish()

    assert code == 130, (out, err)
    assert f"kept in {draft}" in out + err
    assert "Traceback" not in out + err
    assert entry_files(initialised) == []
    assert draft_files(initialised) == [draft]
    kept = parse(draft.read_text(encoding="utf-8"))
    assert kept.meta["mood"] == 6
    assert kept.meta["intentions"] == {"be-present-with-my-kids": 7}
    assert kept.meta["tags"] == ["family"]
    assert kept.sections()[0].text == "The heron stood still in the reeds.\n\nAnd so did I."
    assert not (draft.parent / f".{draft.name}.lock").exists()

    result = run("write", "--resume", "--guided", input="")

    assert result.exit_code == 0, result.output
    entry = parse(entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8"))
    assert entry.problem is None
    assert entry.meta["date"].isoformat() == "2026-11-21"
    assert entry.meta["mood"] == 6
    assert entry.meta["intentions"] == {"be-present-with-my-kids": 7}
    assert entry.meta["areas"] == {"body": 3}
    assert entry.meta["tags"] == ["family"]
    assert entry.sections()[0].text == "The heron stood still in the reeds.\n\nAnd so did I."
    assert draft_files(initialised) == []


def test_resuming_a_draft_can_add_to_it(run, initialised: Path, writer_process) -> None:
    writer = writer_process("write", "--guided")
    writer.type("5", "Half a thought")
    writer.wait_for_draft("mood: 5")
    writer.process.send_signal(signal.SIGINT)
    assert writer.finish()[0] == 130

    # Offered without --resume too; the answer "y" takes it up.
    result = run(
        "write", "--guided", input="y\n" + "\n" * 10 + "More words tonight.\n.\n" + "\n" * 10
    )

    assert result.exit_code == 0, result.output
    assert "Resume it?" in result.stdout
    [path] = entry_files(initialised)
    entry = parse(path.read_text(encoding="utf-8"))
    assert entry.meta["mood"] == 5
    assert "More words tonight." in entry.body
    assert draft_files(initialised) == []


def test_a_draft_can_be_declined_and_stays_for_later(
    run, initialised: Path, writer_process
) -> None:
    writer = writer_process("write", "--guided")
    writer.type("4")
    draft = writer.wait_for_draft("mood: 4")
    writer.process.send_signal(signal.SIGTERM)
    assert writer.finish()[0] == 130

    result = run("write", "--guided", input="n\n8\n")

    assert result.exit_code == 0, result.output
    [path] = entry_files(initialised)
    assert parse(path.read_text(encoding="utf-8")).meta["mood"] == 8
    assert draft_files(initialised) == [draft]
    assert "mood: 4" in draft.read_text(encoding="utf-8")


def test_a_draft_being_written_by_a_live_process_is_not_offered(
    run, initialised: Path, writer_process
) -> None:
    writer = writer_process("write", "--guided")
    writer.type(*FIELDS, "Still writing in the other window.")
    draft = writer.wait_for_draft("other window")

    second = run("write", "--guided", input="")
    resume = run("write", "--resume", "--guided", input="")

    assert "Resume it?" not in second.output and str(draft) not in second.output
    assert second.exit_code == 0, second.output
    assert resume.exit_code == 2
    assert "no unfinished draft" in resume.stderr

    # Once that process has stopped, its draft is offered.
    writer.process.send_signal(signal.SIGINT)
    assert writer.finish()[0] == 130
    third = run("write", "--guided", input="y\n")
    assert "Resume it?" in third.stdout
    assert third.exit_code == 0, third.output
    [path] = entry_files(initialised)
    assert "Still writing in the other window." in path.read_text(encoding="utf-8")


def test_an_interruption_before_anything_is_typed_keeps_no_draft(
    initialised: Path, writer_process
) -> None:
    writer = writer_process("write", "--guided")
    writer.type("")  # skips the mood: the process is now waiting at the next question
    wait_for_output(writer, "How close did you come")

    writer.process.send_signal(signal.SIGINT)
    code, out, err = writer.finish()

    assert code == 130, (out, err)
    assert "nothing was kept" in out
    assert draft_files(initialised) == []
    assert entry_files(initialised) == []


def wait_for_output(writer, words: str) -> None:
    """Read the writer's output until ``words`` appear (the process is then waiting)."""
    stdout = writer.process.stdout
    seen = ""
    while words not in seen:
        char = stdout.read(1)
        if not char:
            pytest.fail(f"the process ended before printing {words!r}: {seen}")
        seen += char


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_an_editor_session_stopped_by_a_signal_keeps_the_text(
    run, initialised: Path, writer_process, fake_editor, tmp_path: Path, sig: signal.Signals
) -> None:
    ready = tmp_path / "editor-ready"
    fake_editor(
        "path.write_text(text.replace('## What do I carry into tomorrow?\\n',"
        " '## What do I carry into tomorrow?\\nThe words typed before the lid closed.\\n'))\n"
        f"pathlib.Path({str(ready)!r}).touch()\n"
        "time.sleep(60)\n"
    )
    writer = writer_process("write", "--editor")
    wait_for_file(ready, writer)

    writer.process.send_signal(sig)
    code, out, err = writer.finish()

    assert code == 130, (out, err)
    [draft] = draft_files(initialised)
    assert f"kept in {draft}" in out + err
    assert "The words typed before the lid closed." in draft.read_text(encoding="utf-8")
    assert entry_files(initialised) == []

    fake_editor("pass")
    result = run("write", "--resume", "--editor")
    assert result.exit_code == 0, result.output
    [path] = entry_files(initialised)
    assert "The words typed before the lid closed." in path.read_text(encoding="utf-8")
    assert draft_files(initialised) == []


def wait_for_file(path: Path, writer) -> None:
    give_up = time.monotonic() + 30
    while not path.exists():
        if writer.process.poll() is not None or time.monotonic() > give_up:
            out, err = writer.stop()
            pytest.fail(f"the editor never started:\n{out}\n{err}")
        time.sleep(0.01)


def test_a_draft_from_the_editor_resumed_at_the_prompt_keeps_only_what_was_written(
    run, initialised: Path, fake_editor
) -> None:
    fake_editor(
        'text = re.sub(r"(?m)^mood:.*$", "mood: 7", text)\n'
        "path.write_text(text.replace('## What do I carry into tomorrow?\\n',"
        " '## What do I carry into tomorrow?\\nRest.\\n'))\n"
        "sys.exit(1)\n"
    )
    assert run("write", "--editor").exit_code == 1

    result = run("write", "--resume", "--guided", input="")

    assert result.exit_code == 0, result.output
    text = entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8")
    assert text == (
        "---\ndate: 2026-11-21\ntime: '21:34'\ntemplate: evening\nmood: 7\n---\n\n"
        "# Evening integration — Saturday 21 November 2026\n\n"
        "## What do I carry into tomorrow?\n\nRest.\n"
    )
    assert draft_files(initialised) == []


def test_a_draft_with_broken_front_matter_is_never_overwritten_at_the_prompt(
    run, initialised: Path, fake_editor
) -> None:
    fake_editor(
        'text = re.sub(r"(?m)^mood:.*$", "mood: 7: 8", text)\n'
        "path.write_text(text + 'Words I do not want to lose.\\n')\n"
    )
    assert run("write", "--editor").exit_code == 1
    [draft] = draft_files(initialised)
    kept = draft.read_bytes()

    offered = run("write", "--guided", input="y\n6\n")
    resumed = run("write", "--resume", "--guided", input="6\n")

    for result in (offered, resumed):
        assert result.exit_code == 2, result.output
        line = one_error_line(result)
        assert str(draft) in line and "--resume --editor" in line
    assert draft_files(initialised) == [draft]
    assert draft.read_bytes() == kept
    assert entry_files(initialised) == []
