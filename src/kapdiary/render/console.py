"""The terminal: the one Rich console factory, the checks "is this a terminal?", the pager,
and the indexing progress bar.

Rich is imported inside the functions: a command that prints plain text or JSON never
pays for it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
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
    """index.Progress for a terminal: a bar on stderr, only for a long build.

    It is drawn as Rich's ``Progress(TextColumn, BarColumn, MofNCompleteColumn)`` draws it,
    colours and all, but without Rich (its import and its redrawing thread cost the build
    a tenth of a second of the process every row waits for). While it is shown, lines
    written to stderr go above it, as with Rich. Windows keeps Rich's bar.
    """

    def __init__(self, label: str = "Indexing your diary") -> None:
        self.label = label
        self.rich: _RichBar | None = None
        self.stream: Any = None  # the real stderr while the bar is shown
        self.colours: tuple[str, ...] | None = None
        self.ascii = False
        self.drawn = ""  # the line on the screen ("": none)
        self.last = (0, 0)
        self.at = 0.0  # when it was last drawn
        self.off = False  # True once a long build was seen (the bar shown, or none)

    def __call__(self, done: int, total: int) -> None:
        if self.stream is None and self.rich is None and not self._start(total):
            return
        if self.rich is not None:
            self.rich(done, total)
            return
        self.last = (done, total)
        now = time.monotonic()
        if done >= total or now - self.at >= 1 / BAR_REDRAWS or not self.drawn:
            self.at = now
            self._draw()

    def _start(self, total: int) -> bool:
        """Whether a bar is drawn: for a long build on a terminal (a dumb one gets none, as
        from Rich); asked once."""
        if self.off or total < PROGRESS_FROM:
            return False
        self.off = True
        env = os.environ
        if not stderr_is_terminal():
            return False
        if sys.platform == "win32":
            self.rich = _RichBar(self.label)
            return True
        if env.get("TERM", "").lower() in ("dumb", "unknown") or env.get("TTY_INTERACTIVE") == "0":
            return False
        self.colours = bar_colours(env)
        self.stream = sys.stderr
        self.ascii = not (getattr(self.stream, "encoding", None) or "").lower().startswith("utf")
        with suppress(OSError, ValueError):
            self.stream.write("\x1b[?25l")  # the cursor hidden while the bar is drawn
        sys.stderr = _Above(self, self.stream)
        return True

    def _draw(self) -> None:
        done, total = self.last
        line = bar_line(self.label, done, total, _stderr_columns(), self.colours, self.ascii)
        try:
            self.stream.write("\r\x1b[2K" + line)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal is gone (hung up): the build goes on
            return
        self.drawn = line

    def above(self, text: str) -> None:
        """Write ``text`` (whole lines) above the bar."""
        self.drawn = ""
        self.stream.write("\r\x1b[2K" + text)  # an error here is the writer's, as without a bar
        self._draw()

    def close(self) -> None:
        if self.rich is not None:
            self.rich.close()
            self.rich = None
        if self.stream is None:
            return
        stream, self.stream = self.stream, None
        if isinstance(sys.stderr, _Above):  # as Rich: only its own stand-in is taken back
            sys.stderr.release()
            sys.stderr = stream
        with suppress(OSError, ValueError):  # a terminal gone, a stream closed: nothing to erase
            stream.write("\r\x1b[2K\x1b[?25h")
            stream.flush()


BAR_REDRAWS = 10  # at most this many times a second, as Rich's bar
BAR_WIDTH = 40  # Rich's BarColumn
# Rich's default theme, as SGR parameters: the bar's back, its done part, all of it at the
# end ("bar.back", "bar.complete", "bar.finished"), and the count ("progress.download").
_BAR_COLOURS = {
    "standard": ("90", "91", "90", "32"),
    "256": ("38;5;237", "38;5;197", "38;5;70", "32"),
    "truecolor": ("38;5;237", "38;2;249;38;114", "38;2;114;156;31", "32"),
}


def bar_colours(env: Mapping[str, str]) -> tuple[str, ...] | None:
    """The bar's colours for this terminal, as Rich picks its colour system; None under
    NO_COLOR."""
    if env.get("NO_COLOR", "") != "":
        return None
    if env.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return _BAR_COLOURS["truecolor"]
    colours = env.get("TERM", "").strip().lower().rpartition("-")[2]
    return _BAR_COLOURS["256" if colours in ("256color", "kitty") else "standard"]


def bar_line(
    label: str, done: int, total: int, columns: int, colours: tuple[str, ...] | None, ascii: bool
) -> str:
    """One line of the bar: ``label ━━━━━━╸━━━━ done/total``, as Rich draws it."""
    count = f"{done:{len(str(total))}d}/{total}"
    width = min(BAR_WIDTH, columns - len(label) - len(count) - 2)
    if width < 4:  # a very narrow terminal: the words and the count
        return f"{label} {count}"[: max(columns - 1, 0)]
    full, right, left = ("-", " ", " ") if ascii else ("\u2501", "\u2578", "\u257a")
    done = min(total, max(0, done))
    halves = width * 2 * done // total if total else width * 2
    bars, half = divmod(halves, 2)
    back, complete, finished, counted = colours or ("", "", "", "")
    now = finished if done >= total else complete
    pieces = [_sgr(full * bars, now), _sgr(right, now) if half else ""]
    rest = width - bars - half
    if colours is not None:
        if rest and not half and bars:
            pieces.append(_sgr(left, back))
            rest -= 1
        pieces.append(_sgr(full * rest, back))
        rest = 0
    return f"{label} {''.join(pieces)}{' ' * rest} {_sgr(count, counted)}"


def _sgr(text: str, colour: str) -> str:
    return f"\x1b[{colour}m{text}\x1b[0m" if colour and text else text


def _stderr_columns() -> int:
    """The terminal's width as Rich reads it for stderr: COLUMNS, the terminal, or 80."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stderr__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _Above:
    """sys.stderr while the bar is drawn: what is written goes above the bar, a line at a
    time (as Rich's redirection does), and the bar is drawn again below it."""

    def __init__(self, bar: _Bar, stream: Any) -> None:
        self._bar = bar
        self._stream = stream
        self._held = ""

    def write(self, text: str) -> int:
        self._held += text
        if "\n" in text:
            lines, _, self._held = self._held.rpartition("\n")
            self._bar.above(lines + "\n")
        return len(text)

    def flush(self) -> None:
        if self._held:
            held, self._held = self._held, ""
            self._bar.above(held + "\n")

    def release(self) -> None:
        """Write what is held back (the bar is being taken away)."""
        if self._held:
            self._stream.write("\r\x1b[2K" + self._held + "\n")
            self._held = ""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _RichBar:
    """Rich's own bar, for Windows (whose consoles Rich knows how to draw on)."""

    def __init__(self, label: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar: Progress = Progress(
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True, force_terminal=True),
            transient=True,
        )
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.task is None:
            self.bar.start()
            self.task = self.bar.add_task("index", total=total)
        self.bar.update(self.task, completed=done, total=total)

    def close(self) -> None:
        self.bar.stop()


@contextmanager
def index_bar(label: str = "Indexing your diary") -> Iterator[Callable[[int, int], None]]:
    """A progress bar for building the index (or another long task named by ``label``),
    drawn only when it is long and stderr is a terminal."""
    bar = _Bar(label)
    try:
        yield bar
    finally:
        bar.close()
