"""What several test files need and conftest.py does not hold: a real terminal (a pty) for
a real process, a small real disk (tmpfs) and filling it, and a coach's template.

Import with ``from helpers import Terminal, ...`` (tests/ is on the path, as for conftest).
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import draft_files, kapdiary_command, subprocess_env

# A coach's own measures: a 1-5 scale, a number with a unit, yes/no and a choice. Test
# templates add a title, more fields and sections around them.
COACH_FIELDS = """\
  - key: groundedness
    type: scale
    min: 1
    max: 5
    label: Groundedness
    prompt: How grounded do I feel today?
  - key: sleep_hours
    type: number
    min: 0
    max: 24
    unit: hours
    prompt: How many hours did I sleep?
  - key: took_meds
    type: yesno
    prompt: Did I take my medication?
  - key: energy
    type: choice
    options: [low, steady, high]
    prompt: What was my energy like?
"""


# The system calls a process waits for a key in (read first), by machine.
_WAITING_SYSCALLS = {
    "x86_64": ("0", "7", "23", "270", "271"),  # read, poll, select, pselect6, ppoll
    "aarch64": ("63", "72", "73"),  # read, pselect6, ppoll
}


class Terminal:
    """A real process with a pseudo-terminal as its standard input, output and error, and
    (in a session of its own) as its controlling terminal: closing it hangs up, and the
    kernel sends SIGHUP, as when a terminal window is closed."""

    def __init__(self, argv: list[str], *, cwd: Path | None = None) -> None:
        import fcntl
        import pty
        import termios

        self.master, slave = pty.openpty()

        def take_the_terminal() -> None:
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=subprocess_env(),
            start_new_session=True,
            preexec_fn=take_the_terminal,
        )
        os.close(slave)
        self.screen = b""
        self.closed = False

    @classmethod
    def kapdiary(cls, *args: str, cwd: Path | None = None) -> Terminal:
        return cls([*kapdiary_command(), *args], cwd=cwd)

    @property
    def text(self) -> str:
        """The screen so far, as text with plain newlines."""
        return self.screen.decode("utf-8", "replace").replace("\r\n", "\n")

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def type_lines(self, *lines: str) -> None:
        self.type("".join(f"{line}\n" for line in lines))

    def read(self, wait: float = 0) -> None:
        """Take what the process printed, so that it never waits for the screen."""
        while not self.closed and select.select([self.master], [], [], wait)[0]:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the process ended and the terminal with it
                return
            if not chunk:
                return
            self.screen += chunk

    def wait_for(self, text: str, *, after: int = 0, deadline: float = 30) -> None:
        """Until ``text`` is on the screen (after byte ``after``), as the user would wait."""
        give_up = time.monotonic() + deadline
        while time.monotonic() < give_up:
            self.read()
            if text.encode() in self.screen[after:]:
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.01)
        self.stop()
        pytest.fail(f"never saw {text!r}: {self.text[-1500:]}")

    def wait_until_reading(self, deadline: float = 30) -> None:
        """Until the process waits for a key: blocked reading its terminal (or in the
        select/poll readline waits in), as a person presses Ctrl-C at a question that
        waits. A SIGINT that lands in the instant between Python's last look at its
        signals and the read itself is only acted on once the read returns (CPython
        sets a flag; the read is not interrupted): a test that typed Ctrl-C the moment
        the question was drawn waited 30 s in CI. Linux tells by /proc/PID/syscall;
        elsewhere a short pause stands in."""
        import platform

        waits = _WAITING_SYSCALLS.get(platform.machine())
        if waits is None or not Path(f"/proc/{self.process.pid}/syscall").exists():
            time.sleep(0.3)
            return
        give_up = time.monotonic() + deadline
        while time.monotonic() < give_up and self.process.poll() is None:
            self.read()
            # Any process of the terminal's session (kapdiary may run under a shell, which
            # waits for it): the syscall and its first argument, standard input, or
            # readline's select or poll (whose first argument is a count or a list).
            for call in self._session_syscalls():
                if call[0] in waits and (call[0] not in waits[:1] or call[1:2] == ["0x0"]):
                    return
            time.sleep(0.01)

    def _session_syscalls(self) -> Iterator[list[str]]:
        """What each process in the terminal's session is doing (/proc/PID/syscall)."""
        for folder in Path("/proc").iterdir():
            if not folder.name.isdigit():
                continue
            with contextlib.suppress(OSError, ValueError, IndexError):
                # Fields after the command's name (which may hold spaces): the session is
                # the fourth of them.
                stat = (folder / "stat").read_text().rpartition(")")[2].split()
                if int(stat[3]) == self.process.pid:
                    yield (folder / "syscall").read_text().split() or ["?"]

    def wait_for_draft(self, home: Path, words: str) -> Path:
        """Until a draft in ``home`` holds ``words``: the autosave has caught up."""
        give_up = time.monotonic() + 30
        while time.monotonic() < give_up and self.process.poll() is None:
            self.read()
            for path in draft_files(home):
                with contextlib.suppress(FileNotFoundError):
                    if words in path.read_text(encoding="utf-8"):
                        return path
            time.sleep(0.01)
        self.stop()
        pytest.fail(f"no draft with {words!r}: {self.text[-800:]}")

    def finish(self, deadline: float = 60) -> int:
        """Read to the end of the process; its exit code."""
        give_up = time.monotonic() + deadline  # only guards a hung process
        while time.monotonic() < give_up and not self.closed:
            if not select.select([self.master], [], [], 0.1)[0]:
                if self.process.poll() is not None:
                    break
                continue
            before = len(self.screen)
            self.read()
            if len(self.screen) == before:  # end of output: the terminal is closed
                break
        try:
            return self.process.wait(timeout=deadline)
        finally:
            self.stop()

    def close(self) -> None:
        """Close the window: the terminal hangs up."""
        self.read()
        os.close(self.master)
        self.closed = True

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if not self.closed:
            os.close(self.master)
            self.closed = True


def answered_at_a_terminal(
    args: list[str], asked: str, answer: str, *, cwd: Path | None = None
) -> tuple[int, str]:
    """Run ``kapdiary ARGS`` at a terminal; type ``answer`` when ``asked`` is on the screen.
    The exit code and the whole screen."""
    terminal = Terminal.kapdiary(*args, cwd=cwd)
    terminal.wait_for(asked, deadline=60)
    terminal.type_lines(answer)
    code = terminal.finish()
    return code, terminal.text


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A real file system of ``size`` (tmpfs) at ``folder``, unmounted afterwards; the test
    is skipped where it cannot mount one."""
    folder.mkdir(exist_ok=True)
    if shutil.which("mount") is None:
        pytest.skip("no mount command here")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(disk: Path) -> Path:
    """Fill ``disk`` to the last byte with one file; that file, to free the space again."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 4096)
    return filler
