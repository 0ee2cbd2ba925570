"""The terminal: the one Rich console factory, the checks "is this a terminal?", the pager,
and the indexing progress bar.

Rich is imported inside the functions: a command that prints plain text or JSON never
pays for it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console as Console  # the type commands hand to render/
    from rich.console import RenderableType
    from rich.progress import Progress

PROGRESS_FROM = 500  # files to index before a progress bar is worth showing


def console(*, stderr: bool = False, screen: bool = False) -> Console:
    """A Rich console: colour only on a terminal, never with NO_COLOR, plain otherwise.

    ``screen`` draws for a terminal whatever stdout is (review's views are only drawn so
    when ``terminal()`` said yes, FORCE_TERMINAL included); otherwise on a terminal Rich
    wraps at word boundaries and piped output is never wrapped.
    """
    from rich.console import Console

    if screen:
        return Console(highlight=False, force_terminal=True)
    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, highlight=False, soft_wrap=not stream.isatty())


class Plain:
    """The console for output that is not a terminal (a pipe, a file): Rich's ``print``
    for the markup strings the views print, and plain tables (``render.tables``), without
    importing Rich. No colour, no wrapping. A Rich renderable handed to it is still drawn,
    by a Rich console made then (the views that are drawn here never do that).
    """

    is_terminal = False

    def __init__(self) -> None:
        self.width = _columns()
        self._rich: Console | None = None

    def print(self, *objects: Any, end: str = "\n", markup: bool = True, **rich: Any) -> None:
        """As Rich's ``print`` (``style``, ``highlight`` and the like mean nothing here)."""
        from kapdiary.render.markup import unmarked

        if not all(isinstance(o, str) for o in objects):
            self._draw(objects, end=end, markup=markup, **rich)
            return
        sys.stdout.write(" ".join(unmarked(o) if markup else o for o in objects) + end)
        sys.stdout.flush()  # as Rich does: a question shows before its answer is read

    def _draw(self, objects: tuple[Any, ...], **options: Any) -> None:
        if self._rich is None:
            from rich.console import Console

            self._rich = Console(highlight=False, soft_wrap=True, width=self.width)
        self._rich.print(*objects, **options)


def _columns() -> int:
    """The width Rich gives output that is not a terminal: COLUMNS, or 80."""
    try:
        return max(20, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return 80


def output() -> Console | Plain:
    """The console for stdout: Rich's on a terminal, ``Plain`` otherwise."""
    return console() if terminal() else Plain()


def terminal() -> bool:
    """Draw for a terminal? As Rich decides, and FORCE_TERMINAL too, without importing Rich."""
    env = os.environ
    if env.get("TTY_COMPATIBLE") in ("0", "1"):
        return env["TTY_COMPATIBLE"] == "1"
    for name in ("FORCE_COLOR", "FORCE_TERMINAL"):
        if env.get(name) is not None:
            return env[name].strip().lower() not in ("", "0", "false", "no")
    return sys.stdout.isatty()


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def stdout_is_terminal() -> bool:
    """A real terminal, where a pager can take over (FORCE_TERMINAL only styles)."""
    return sys.stdout.isatty()


def write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def show_plain(text: str, pager: bool) -> None:
    """Plain text, through a pager when it is longer than the screen in a terminal."""
    import shutil

    if pager and stdout_is_terminal() and text.count("\n") >= shutil.get_terminal_size().lines:
        page(text)
    else:
        write(text)


def show_rich(renderables: list[RenderableType], pager: bool) -> None:
    """Print, through a pager when it is longer than the screen and stdout is a terminal."""
    out = console(screen=True)
    with out.capture() as captured:
        for renderable in renderables:
            out.print(renderable)
    show_plain(captured.get(), pager)


def page(text: str) -> None:
    """Through $PAGER (default: less, which quits at the end and keeps the colours)."""
    import shlex
    import signal
    import subprocess

    command = shlex.split(os.environ.get("PAGER") or "less")
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    previous = signal.signal(signal.SIGINT, lambda signum, frame: None)
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        signal.signal(signal.SIGINT, previous)
        write(text)
        return
    try:
        assert process.stdin is not None
        try:
            process.stdin.write(text.encode("utf-8", errors="replace"))
            process.stdin.close()
        except BrokenPipeError:
            pass  # the reader quit the pager early
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)


class _Bar:
    """index.Progress for a terminal: a Rich bar on stderr, only for a long build."""

    def __init__(self, label: str = "Indexing your diary") -> None:
        self.bar: Progress | None = None
        self.task: Any = None
        self.label = label

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < PROGRESS_FROM or not stderr_is_terminal():
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(
                TextColumn(self.label),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True, force_terminal=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("index", total=total)
        self.bar.update(self.task, completed=done, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


@contextmanager
def index_bar(label: str = "Indexing your diary") -> Iterator[Callable[[int, int], None]]:
    """A progress bar for building the index (or another long task named by ``label``),
    drawn only when it is long and stderr is a terminal."""
    bar = _Bar(label)
    try:
        yield bar
    finally:
        bar.close()
