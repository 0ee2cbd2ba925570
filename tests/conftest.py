"""Every test runs against its own temporary diary home, config and cache.

No test can touch a real diary: the autouse fixture points KAPDIARY_HOME, KAPDIARY_CONFIG
and the platform folders (XDG_*) into ``tmp_path``, pins "now" with KAPDIARY_NOW and pins
the terminal width so Rich output is stable.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from kapdiary.cli import app
from kapdiary.dates import long_date
from kapdiary.entry import render

NOW = "2026-11-21T21:34:00"  # a Saturday evening


@pytest.fixture(autouse=True)
def diary_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)  # a home the user names must exist (DESIGN §7)
    monkeypatch.setenv("KAPDIARY_HOME", str(home))
    monkeypatch.setenv("KAPDIARY_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("KAPDIARY_NOW", NOW)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    for var in ("VISUAL", "EDITOR", "KAPDIARY_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture
def home(diary_env: Path) -> Path:
    return diary_env


class _Launched:
    """The program as ``kapdiary`` starts it (kapdiary.launch): the quick start for the
    reading commands it reads with certainty, the Typer application for everything else,
    so every test drives whichever path a person's command line takes."""

    def __init__(self, command: Any) -> None:
        self.command = command
        self.name = command.name

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> Any:
        from kapdiary import launch

        code = launch.quick(list(args or ()))
        if code is None:
            return self.command.main(args=args, prog_name=prog_name, **extra)
        sys.exit(code)


class LaunchRunner(CliRunner):
    """CliRunner for ``kapdiary.launch`` (Typer's runner builds the Typer command only)."""

    def invoke(self, app: Any, *args: Any, **kwargs: Any) -> Result:
        import typer.testing

        build = typer.testing._get_command
        typer.testing._get_command = lambda given: _Launched(build(given))  # type: ignore[assignment]
        try:
            return super().invoke(app, *args, **kwargs)
        finally:
            typer.testing._get_command = build


@pytest.fixture
def run() -> Callable[..., Result]:
    """Invoke the real CLI: ``run("write", "--set", "mood=6", input="text")``, as the
    ``kapdiary`` program starts it (the quick start, or Typer; KAPDIARY_QUICK=0: Typer)."""
    runner = LaunchRunner()

    def invoke(*args: str, input: str | None = None, **kwargs: Any) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False, **kwargs)

    return invoke


@pytest.fixture
def initialised(run: Callable[..., Result], home: Path) -> Path:
    """A home set up with two intentions, as `kapdiary init` leaves it."""
    result = run(
        "init",
        "--intention",
        "Be present with my kids",
        "--intention",
        "Self-compassion",
        "--yes",
    )
    assert result.exit_code == 0, result.output
    return home


def kapdiary_command() -> list[str]:
    """The real program, for tests that need a process (signals, concurrency)."""
    return [sys.executable, "-m", "kapdiary"]


def subprocess_env() -> dict[str, str]:
    return dict(os.environ)


# -- helpers shared by the test modules -------------------------------------------------------


def entry_file(home: Path, name: str) -> Path:
    """``entry_file(home, "2026-11-21-evening")`` → its path (docs/design.md §4)."""
    return home / "entries" / name[:4] / name[5:7] / f"{name}.md"


def entry_files(home: Path) -> list[Path]:
    folder = home / "entries"
    return sorted(folder.rglob("*.md")) if folder.is_dir() else []


def draft_files(home: Path) -> list[Path]:
    folder = home / "drafts"
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def one_error_line(result: Result) -> str:
    """The single line a failing command leaves on stderr (never a traceback)."""
    assert "Traceback" not in result.output, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kapdiary: "), lines[0]
    return lines[0]


class FakeEditor:
    """An executable script used as $EDITOR: runs ``code`` on the file it is given.

    In ``code``, ``path`` is the file (the last argument) and ``text`` its contents; the
    script records each path it was given (and the file's mode) in ``calls``.
    """

    def __init__(self, folder: Path, code: str, name: str) -> None:
        self.script = folder / name
        self.log = folder / f"{name}.log"
        self.script.write_text(
            f"#!{sys.executable}\n"
            "import os, pathlib, re, sys, time\n"
            "path = pathlib.Path(sys.argv[-1])\n"
            f"with open({str(self.log)!r}, 'a') as log:\n"
            "    log.write(f'{path}\\t{os.stat(path).st_mode & 0o777:o}\\n')\n"
            "text = path.read_text(encoding='utf-8')\n" + code + "\n",
            encoding="utf-8",
        )
        self.script.chmod(0o755)

    @property
    def calls(self) -> list[tuple[Path, int]]:
        if not self.log.exists():
            return []
        rows = [line.split("\t") for line in self.log.read_text().splitlines()]
        return [(Path(p), int(mode, 8)) for p, mode in rows]


@pytest.fixture
def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], FakeEditor]:
    """``fake_editor("path.write_text(text + 'More.')")`` becomes $EDITOR for the test."""
    count = 0

    def make(code: str) -> FakeEditor:
        nonlocal count
        count += 1
        editor = FakeEditor(tmp_path, code, f"editor-{count}")
        monkeypatch.setenv("EDITOR", str(editor.script))
        return editor

    return make


@pytest.fixture
def umask_000() -> Iterator[None]:
    """Everything in the test runs (and starts processes) with the most permissive umask."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


class WriterProcess:
    """A real ``kapdiary write`` process with a pipe for standard input."""

    def __init__(self, home: Path, *args: str) -> None:
        self.home = home
        self.process = subprocess.Popen(
            [*kapdiary_command(), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=subprocess_env(),
            text=True,
        )

    def type(self, *lines: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("".join(f"{line}\n" for line in lines))
        self.process.stdin.flush()

    def wait_for_draft(self, *words: str, deadline: float = 30.0) -> Path:
        """Poll until a draft holds every word (the deadline only guards a hung process)."""
        give_up = time.monotonic() + deadline
        while time.monotonic() < give_up:
            for path in draft_files(self.home):
                with contextlib.suppress(FileNotFoundError):
                    if all(word in path.read_text(encoding="utf-8") for word in words):
                        return path
            if self.process.poll() is not None:
                break
            time.sleep(0.01)
        out, err = self.stop()
        pytest.fail(f"no draft with {words} (exit {self.process.returncode}):\n{out}\n{err}")

    def finish(self, timeout: float = 30.0) -> tuple[int, str, str]:
        out, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, out, err

    def stop(self) -> tuple[str, str]:
        if self.process.poll() is None:
            self.process.kill()
        out, err = self.process.communicate()
        return out, err


@pytest.fixture
def writer_process(home: Path) -> Iterator[Callable[..., WriterProcess]]:
    """Start real writer processes; any still running at the end of the test is killed."""
    started: list[WriterProcess] = []

    def start(*args: str) -> WriterProcess:
        writer = WriterProcess(home, *args)
        started.append(writer)
        return writer

    yield start
    for writer in started:
        writer.stop()


def put(
    home: Path, day: str, text: str = "A quiet day.", *, name: str | None = None, **meta: object
) -> Path:
    """An entry file as kapdiary, an editor or a sync tool would leave it."""
    when = date.fromisoformat(day)
    front = {"date": when, "time": "21:00", "template": "evening", **meta}
    path = home / "entries" / day[:4] / day[5:7] / (name or f"{day}-{front['template']}.md")
    path.parent.mkdir(parents=True, exist_ok=True)
    body = f"# Evening integration — {long_date(when)}\n\n## What came up for me today?\n\n{text}"
    path.write_text(render(front, body), encoding="utf-8")
    return path
