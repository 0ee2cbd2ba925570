"""Nothing lost when writing goes wrong (docs/design.md §7): killed processes, signals, crashed
editors, a full disk, twenty writers at once and a home that cannot be written.

Real processes where only a process can show it. Faults inside the program are injected
with a ``sitecustomize`` module on PYTHONPATH, which Python imports before kapdiary runs.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import Result

import helpers
from conftest import (
    FakeEditor,
    WriterProcess,
    draft_files,
    entry_file,
    entry_files,
    kapdiary_command,
    one_error_line,
    subprocess_env,
)
from helpers import Terminal
from kapdiary import storage
from kapdiary.entry import parse

Run = Callable[..., Result]
KIDS = "be-present-with-my-kids"
# Guided answers: mood 6; kids 7 without a note; self-compassion skipped; areas: body 3
# and the other five skipped; tags.
FIELDS = ("6", "7", "", "", "", "3", "", "", "", "", "family")
FIRST_PROMPT = "What came up for me today?"
SECOND_PROMPT = "How did I move toward my intentions?"

KILL_SHIM = """
import os, signal

_point = os.environ.get("KAPDIARY_TEST_KILL")
if _point:
    from kapdiary import storage

    _write_all, _link_new = storage._write_all, storage._link_new

    def _die():
        os.kill(os.getpid(), signal.SIGKILL)

    def write_all(fd, data):
        if _point == "mid-write":
            os.write(fd, data[: len(data) // 2])
            _die()
        _write_all(fd, data)
        if _point == "before-link":
            _die()

    def link_new(tmp, path):
        linked = _link_new(tmp, path)
        if linked and _point == "after-link":
            _die()
        return linked

    storage._write_all, storage._link_new = write_all, link_new
"""


def every_file(folder: Path) -> list[Path]:
    """All files under ``folder``, hidden ones (temporary files) included."""
    return sorted(p for p in folder.rglob("*") if not p.is_dir()) if folder.exists() else []


def temp_files(home: Path) -> list[Path]:
    return [p for p in every_file(home) if p.name.startswith(storage.TMP_PREFIX)]


def written_text(path: Path) -> str:
    """The text under the first prompt of a saved entry (checked to parse cleanly)."""
    entry = parse(path.read_text(encoding="utf-8"), path)
    assert entry.problem is None, (path, entry.problem)
    [first, *_] = entry.sections()
    assert first.heading == FIRST_PROMPT
    return first.text


def json_of(result: Result) -> object:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return json.loads(result.stdout)


def counted_everywhere(run: Run, tmp_path: Path) -> dict[str, int]:
    """How many entries each reading command sees (they must all agree)."""
    review = json_of(run("review", "--all", "--json"))
    search = json_of(run("search", "words", "--json"))
    progress = json_of(run("progress", "--json"))
    out = tmp_path / "export.json"
    exported = run("export", "--yes", "--force", "-f", "json", "-s", "2026-11-01", "-o", str(out))
    assert exported.exit_code == 0, exported.output
    assert isinstance(review, dict) and isinstance(search, dict) and isinstance(progress, dict)
    return {
        "review": len(review["entries"]),
        "search": search["total"],
        "progress": progress["entries"],
        "export": len(json.loads(out.read_text(encoding="utf-8"))["entries"]),
    }


@pytest.fixture
def shim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """``shim(code)``: every kapdiary process started from now on runs ``code`` first."""

    def install(code: str) -> None:
        folder = tmp_path / "shim"
        folder.mkdir(exist_ok=True)
        (folder / "sitecustomize.py").write_text(code, encoding="utf-8")
        path = os.environ.get("PYTHONPATH")
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(folder), path])))

    return install


# --- killed in the middle of saving ---------------------------------------------------------


def body(n: int) -> str:
    """A long text, so that killing a writer can land in the middle of writing it."""
    return f"Writer {n} begins.\n\n" + "Quiet steady words. " * 1500 + f"\n\nWriter {n} ends."


def test_writes_killed_at_random_moments_leave_only_whole_entries(
    run: Run, initialised: Path, tmp_path: Path
) -> None:
    seed = random.randrange(1 << 32)
    rng = random.Random(seed)
    started = time.monotonic()
    baseline = subprocess.run(
        [*kapdiary_command(), "write", "--text", body(0), "--set", "mood=1"],
        env=subprocess_env(),
        capture_output=True,
        check=True,
    )
    duration = time.monotonic() - started
    assert baseline.returncode == 0
    outcomes: dict[int, int] = {0: 0}
    wave = 4
    for first in range(1, 37, wave):
        processes = {
            n: subprocess.Popen(
                [*kapdiary_command(), "write", "--text", body(n), "--set", f"mood={n % 10 + 1}"],
                env=subprocess_env(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for n in range(first, first + wave)
        }
        # Kill each at a random moment of its life: from start-up to just after saving.
        at = {n: time.monotonic() + rng.uniform(0, 2.5 * duration) for n in processes}
        while any(p.poll() is None for p in processes.values()):
            now = time.monotonic()
            for n, process in processes.items():
                if process.poll() is None and now >= at[n]:
                    process.kill()
            time.sleep(0.002)
        for n, process in processes.items():
            _, err = process.communicate()
            assert process.returncode in (0, -signal.SIGKILL), (seed, n, err)
            outcomes[n] = process.returncode

    killed = {n for n, code in outcomes.items() if code == -signal.SIGKILL}
    finished = {n for n, code in outcomes.items() if code == 0}
    assert killed and finished, f"seed {seed}: no mix of killed and finished writers"
    saved: dict[int, Path] = {}
    for path in entry_files(initialised):
        text = written_text(path)  # parses, with its front matter whole
        n = int(text.split()[1])
        assert text == body(n), f"seed {seed}: {path} is not complete"
        assert parse(path.read_text(encoding="utf-8")).meta["mood"] == n % 10 + 1
        assert n not in saved, f"seed {seed}: writer {n} saved twice"
        saved[n] = path
    assert finished <= set(saved), f"seed {seed}: a writer that finished has no entry"
    assert set(saved) <= finished | killed

    # What a kill leaves behind (a temporary file, half written) is never an entry.
    folder = entry_file(initialised, "2026-11-21-evening").parent
    (folder / f"{storage.TMP_PREFIX}0123456789abcdef").write_text(body(99)[:9000])
    seen = counted_everywhere(run, tmp_path)
    assert seen == dict.fromkeys(seen, len(saved)), f"seed {seed}: {seen}"
    nothing = json_of(run("search", "Writer", "99", "--json"))
    assert isinstance(nothing, dict) and nothing["total"] == 0 and nothing["results"] == []


@pytest.mark.parametrize("point", ["mid-write", "before-link", "after-link"])
def test_a_writer_killed_while_saving_leaves_a_whole_entry_or_none(
    run: Run,
    initialised: Path,
    tmp_path: Path,
    shim: Callable[[str], None],
    monkeypatch: pytest.MonkeyPatch,
    point: str,
) -> None:
    shim(KILL_SHIM)
    monkeypatch.setenv("KAPDIARY_TEST_KILL", point)
    killed = subprocess.run(
        [*kapdiary_command(), "write", "--text", body(1), "--set", "mood=2"],
        env=subprocess_env(),
        capture_output=True,
        text=True,
    )
    monkeypatch.delenv("KAPDIARY_TEST_KILL")

    assert killed.returncode == -signal.SIGKILL, killed.stderr
    [leftover] = temp_files(initialised)  # the kill really came while saving
    if point == "after-link":
        [path] = entry_files(initialised)
        assert written_text(path) == body(1)
        assert leftover.read_bytes() == path.read_bytes()
    else:
        assert entry_files(initialised) == []
        whole = b"Writer 1 ends." in leftover.read_bytes()
        assert whole == (point == "before-link")  # half an entry, or a whole one: never shown
    review = json_of(run("review", "--all", "--json"))
    assert isinstance(review, dict)
    assert [e["path"] for e in review["entries"]] == [str(p) for p in entry_files(initialised)]

    again = run("write", "--text", "Written after the kill.")

    assert again.exit_code == 0, again.output
    name = "2026-11-21-evening-2" if point == "after-link" else "2026-11-21-evening"
    assert written_text(entry_file(initialised, name)) == "Written after the kill."


# --- signals while writing at the prompt ------------------------------------------------------


def test_closing_the_terminal_keeps_every_line_of_every_section(
    run: Run, initialised: Path
) -> None:
    terminal = Terminal.kapdiary("write")
    terminal.type_lines(
        *FIELDS, "The first line.", "The second line.", "", "", "Carry this forward."
    )
    draft = terminal.wait_for_draft(initialised, "Carry this forward.")

    terminal.close()  # the window is closed: the kernel hangs up the terminal

    code = terminal.process.wait(timeout=30)
    assert code == 130, (code, entry_files(initialised), draft.read_text(encoding="utf-8"))
    assert "Diary day Saturday 21 November 2026" in terminal.screen.decode()  # a guided write
    assert entry_files(initialised) == []
    assert draft_files(initialised) == [draft]
    result = run("write", "--resume", "--guided", input="")
    assert result.exit_code == 0, result.output
    entry = parse(entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8"))
    assert entry.meta["mood"] == 6 and entry.meta["areas"] == {"body": 3}
    assert entry.meta["intentions"] == {KIDS: 7} and entry.meta["tags"] == ["family"]
    assert {s.heading: s.text for s in entry.sections()} == {
        FIRST_PROMPT: "The first line.\nThe second line.",
        SECOND_PROMPT: "Carry this forward.",
    }
    assert draft_files(initialised) == []


# The kernel closes a terminal's window in two steps: the reader is woken (its read fails
# with EIO, which readline takes for the end of input) and only then is the terminal hung up
# (tcgetattr fails, SIGHUP is sent). A writer that looks in between must not take the closed
# window for a failure (it ended "hit an unexpected problem", exit 1, once in CI) or for
# Ctrl-D (which would save the entry as finished). The shim holds that moment open: SIGHUP
# is blocked (never delivered) and, with ``still_answers``, tcgetattr still answers.
HELD_HANG_UP = """
import signal
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP})
if STILL_ANSWERS:
    import termios
    termios.tcgetattr = lambda fd: [0, 0, 0, 0, 0, 0, [b"\\0"] * 32]
"""


@pytest.mark.parametrize("still_answers", [True, False])
def test_a_closed_window_seen_before_its_hang_up_keeps_the_draft(
    run: Run, initialised: Path, shim: Callable[[str], None], still_answers: bool
) -> None:
    shim(f"STILL_ANSWERS = {still_answers}\n{HELD_HANG_UP}")
    terminal = Terminal.kapdiary("write")
    terminal.type_lines(*FIELDS, "The first line.", "", "", "Carry this forward.")
    draft = terminal.wait_for_draft(initialised, "Carry this forward.")

    terminal.close()

    code = terminal.process.wait(timeout=30)
    assert code == 130, (code, entry_files(initialised))
    assert entry_files(initialised) == []  # not saved as if finished
    assert draft_files(initialised) == [draft]
    sections = parse(draft.read_text(encoding="utf-8")).sections()
    assert [s.text for s in sections] == ["The first line.", "Carry this forward."]


def test_a_live_terminal_is_not_taken_for_a_closed_one() -> None:
    """POLLHUP, the sign of a closed window, is not what Ctrl-D or typed-ahead lines give."""
    import pty

    from kapdiary.cli.guided import _hung_up

    master, slave = pty.openpty()
    try:
        assert not _hung_up(slave)  # waiting for a key
        os.write(master, b"typed ahead\n")
        assert not _hung_up(slave)
        os.write(master, b"\x04")  # Ctrl-D: the end of input, at a terminal still open
        assert not _hung_up(slave)
    finally:
        os.close(master)
    try:
        assert _hung_up(slave)  # the window closed
    finally:
        os.close(slave)


@pytest.mark.parametrize("pause", [0.0, 0.02])
def test_ctrl_c_pressed_twice_keeps_the_draft_whole(
    run: Run, initialised: Path, writer_process: Callable[..., WriterProcess], pause: float
) -> None:
    writer = writer_process("write", "--guided")
    writer.type(*FIELDS, "Every word of this line.")
    draft = writer.wait_for_draft("Every word of this line.")

    writer.process.send_signal(signal.SIGINT)
    time.sleep(pause)
    with contextlib.suppress(ProcessLookupError):
        writer.process.send_signal(signal.SIGINT)
    code, out, err = writer.finish()

    # The second Ctrl-C may land after kapdiary has handled the first: Python then ends by
    # SIGINT itself, which a shell reports as 130 too.
    assert code in (130, -signal.SIGINT), (out, err)
    assert "Traceback" not in out + err
    assert draft_files(initialised) == [draft]
    assert parse(draft.read_text(encoding="utf-8")).sections()[0].text == (
        "Every word of this line."
    )
    assert run("write", "--resume", "--guided", input="").exit_code == 0
    assert written_text(entry_file(initialised, "2026-11-21-evening")) == (
        "Every word of this line."
    )


# --- an editor that crashes ---------------------------------------------------------------


def test_an_editor_killed_after_typing_keeps_the_words(
    run: Run, initialised: Path, fake_editor: Callable[[str], FakeEditor]
) -> None:
    fake_editor(
        "path.write_text(text.replace('## What came up for me today?\\n',"
        " '## What came up for me today?\\nWords before the crash.\\n'))\n"
        "import signal\nos.kill(os.getpid(), signal.SIGKILL)\n"
    )

    result = run("write", "--editor")

    assert result.exit_code == 1
    line = one_error_line(result)
    [draft] = draft_files(initialised)
    assert "the editor was stopped by SIGKILL" in line
    assert str(draft) in line and "write --resume --editor" in line
    assert entry_files(initialised) == []
    fake_editor("pass")
    assert run("write", "--resume", "--editor").exit_code == 0
    assert written_text(entry_file(initialised, "2026-11-21-evening")) == (
        "Words before the crash."
    )
    assert draft_files(initialised) == []


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("import signal\nos.kill(os.getpid(), signal.SIGTERM)", "was stopped by SIGTERM"),
        ("sys.exit(2)", "exited with status 2"),
    ],
)
def test_an_editor_that_fails_before_any_change_keeps_nothing_and_says_why(
    run: Run, initialised: Path, fake_editor: Callable[[str], FakeEditor], code: str, said: str
) -> None:
    fake_editor(code)

    result = run("write", "--editor")

    assert result.exit_code == 1
    assert f"the editor {said} and nothing was written" in one_error_line(result)
    assert draft_files(initialised) == [] and entry_files(initialised) == []


# --- a full disk ----------------------------------------------------------------------------


@contextlib.contextmanager
def disk_full_in(folder: Path | None) -> Iterator[None]:
    """Saving a file (in ``folder``, or anywhere) writes half of it and then fails: ENOSPC."""
    real = storage._write_all

    def write_all(fd: int, data: bytes) -> None:
        if folder is None or os.readlink(f"/proc/self/fd/{fd}").startswith(f"{folder}/"):
            os.write(fd, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd, data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "_write_all", write_all)
        yield


def test_a_full_disk_says_nothing_was_saved_and_leaves_no_trace(
    run: Run, initialised: Path
) -> None:
    with disk_full_in(None):
        result = run("write", "--set", "mood=4", "--text", "Words for a full disk.")

    assert result.exit_code == 1
    line = one_error_line(result)
    folder = entry_file(initialised, "2026-11-21-evening").parent
    assert line == (
        f"kapdiary: could not save the entry in {folder}: the disk is full; free some space "
        "and try again. Nothing was saved, so keep your text and run the command again"
    )
    assert every_file(initialised / "entries") == []  # no entry, no temporary file
    assert draft_files(initialised) == []
    review = run("review", "--all")
    assert review.exit_code == 0 and review.stderr == "", review.output

    assert run("write", "--text", "Words for a full disk.").exit_code == 0  # room again
    assert "Words for a full disk." in run("review").stdout


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to tell files apart")
def test_a_full_disk_at_the_entry_keeps_the_words_as_a_draft(run: Run, initialised: Path) -> None:
    with disk_full_in(initialised / "entries"):
        result = run("write", "--guided", input="\n".join([*FIELDS, "Kept for later.", ".", ""]))

    assert result.exit_code == 1
    line = one_error_line(result)
    [draft] = draft_files(initialised)
    assert "the disk is full" in line and f"your words are kept in {draft}" in line
    assert every_file(initialised / "entries") == []
    assert run("write", "--resume", "--guided", input="").exit_code == 0  # room again
    assert written_text(entry_file(initialised, "2026-11-21-evening")) == "Kept for later."
    assert draft_files(initialised) == []


def test_a_full_disk_while_writing_at_the_prompt_warns_once_and_leaves_nothing_half(
    run: Run, initialised: Path
) -> None:
    with disk_full_in(None):
        result = run("write", "--guided", input="\n".join([*FIELDS, "No room.", "", "", ""]))

    assert result.exit_code == 1
    assert "the disk is full" in one_error_line(result)
    assert result.stdout.count("Could not keep a draft") == 1
    assert "Keep writing." in result.stdout
    assert every_file(initialised / "entries") == [] and every_file(initialised / "drafts") == []


def test_a_full_disk_at_the_prompt_says_the_words_are_only_on_the_screen(
    run: Run, initialised: Path
) -> None:
    with disk_full_in(None):
        result = run("write", "--guided", input="\n".join([*FIELDS, "No room.", "", "", ""]))

    line = one_error_line(result)
    assert "nothing was saved" in line.lower() and "screen" in line


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB file system (tmpfs), unmounted afterwards."""
    with helpers.small_disk(tmp_path / "disk", "64k") as folder:
        yield folder


def test_a_really_full_disk(
    run: Run, small_disk: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = small_disk / "diary"
    monkeypatch.setenv("KAPDIARY_HOME", str(home))
    assert run("init", "--intention", "Be present with my kids", "--yes").exit_code == 0
    assert run("write", "--text", "Written while there was room.").exit_code == 0
    before = every_file(home)
    filler = helpers.fill(small_disk)

    batch = run("write", "--set", "mood=3", "--text", "No room for these words.")
    guided = run("write", "--guided", input="\n".join([*FIELDS, "Nor for these.", ".", ""]))

    assert batch.exit_code == 1 and guided.exit_code == 1
    for result in (batch, guided):
        assert "the disk is full; free some space and try again" in one_error_line(result)
    assert "Nothing was saved" in batch.stderr
    assert guided.stdout.count("Could not keep a draft") == 1
    assert every_file(home) == before  # nothing half written, no temporary file
    [entry] = json.loads(run("review", "--all", "--json").stdout)["entries"]
    assert "Written while there was room." in entry["body"]

    filler.unlink()
    assert run("write", "--text", "No room for these words.").exit_code == 0
    assert len(entry_files(home)) == 2


# --- many writers ---------------------------------------------------------------------------


def test_twenty_writers_at_once_each_get_their_own_whole_entry(initialised: Path) -> None:
    processes = [
        subprocess.Popen(
            [*kapdiary_command(), "write", "--text", f"Writer {n}.", "--set", f"mood={n % 10 + 1}"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=subprocess_env(),
            text=True,
        )
        for n in range(1, 21)
    ]
    outcomes = [p.communicate(timeout=120) for p in processes]

    assert [p.returncode for p in processes] == [0] * 20, outcomes
    names = [f"2026-11-21-evening{'' if n == 1 else f'-{n}'}" for n in range(1, 21)]
    assert entry_files(initialised) == sorted(entry_file(initialised, name) for name in names)
    for n, (out, _) in enumerate(outcomes, start=1):
        path = Path(out.strip().removeprefix("Saved "))
        assert written_text(path) == f"Writer {n}."
        assert parse(path.read_text(encoding="utf-8")).meta["mood"] == n % 10 + 1
    assert temp_files(initialised) == []


# --- a home that cannot be written ------------------------------------------------------------


@pytest.fixture
def read_only_home(small_disk: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A diary on a file system mounted read-only after `init` (root writes anywhere else)."""
    home = small_disk / "diary"
    monkeypatch.setenv("KAPDIARY_HOME", str(home))
    assert run("init", "--intention", "Be present with my kids", "--yes").exit_code == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    yield home


@pytest.mark.parametrize(
    "args",
    [("write", "--guided"), ("write", "--editor"), ("write", "--text", "Words.")],
    ids=["guided", "editor", "text"],
)
def test_a_read_only_home_is_refused_before_anything_is_asked(
    run: Run,
    read_only_home: Path,
    fake_editor: Callable[[str], FakeEditor],
    args: tuple[str, ...],
) -> None:
    editor = fake_editor("path.write_text(text + 'Typed for nothing.')")

    result = run(*args, input="6\nWords.\n.\n")

    assert result.exit_code == 1
    assert one_error_line(result) == (
        f"kapdiary: cannot write in {read_only_home / 'entries'}: "
        "the disk is read-only; choose a writable place with --home"
    )
    assert result.stdout == ""  # not one question
    assert editor.calls == []
    assert entry_files(read_only_home) == [] and draft_files(read_only_home) == []
