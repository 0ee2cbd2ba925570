"""Guided writing at the prompt: one field and one writing prompt at a time.

Every answer and every line is saved to a draft as soon as it is typed, so Ctrl-C, a closed
terminal (SIGHUP), SIGTERM or even a crash leaves the words in ``drafts/``.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn

from kapdiary import drafts, messages, writing
from kapdiary.cli import state
from kapdiary.errors import EXIT_INTERRUPTED, KapdiaryError, UsageError
from kapdiary.fields import Field, parse_rating
from kapdiary.intentions import Intention
from kapdiary.locations import Home
from kapdiary.messages import writing as said
from kapdiary.templates import fill

if TYPE_CHECKING:
    from kapdiary.use_cases.write import Page, Reread


def show_reread(reread: Reread) -> None:
    """In a terminal, a table that fits the screen; otherwise the plain lines."""
    out = state.console()
    if not reread.records or not out.is_terminal:
        say(reread.text())
        return
    from kapdiary.render import writing as pictures

    with contextlib.suppress(OSError, ValueError):
        pictures.reread(out, reread)


class Hangup(KeyboardInterrupt):
    """SIGHUP or SIGTERM while writing, or a terminal that hung up: handled like Ctrl-C."""


# The line being typed, as last seen while readline waited for a key (``watching_the_line``).
_typed: deque[str] = deque([""], maxlen=1)


# Set once writing is being stopped (a signal, or the terminal gone): later signals wait.
_stopping: list[int] = []


def _hang_up() -> Hangup:
    signum = int(getattr(signal, "SIGHUP", 1))
    _stopping.append(signum)
    return Hangup(signum)


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into Hangup (a KeyboardInterrupt) while the user is writing.

    The first signal stops the writing; a later one is ignored, so that it cannot cut
    short the saving of the draft.
    """
    _stopping.clear()

    def handler(signum: int, frame: FrameType | None) -> None:
        if _stopping:
            return
        _stopping.append(signum)
        raise Hangup(signum)

    previous: dict[int, Any] = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            with contextlib.suppress(ValueError):  # not the main thread
                previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextlib.contextmanager
def watching_the_line() -> Iterator[None]:
    """Keep a copy of the line being typed, for a terminal that hangs up mid-line.

    When a terminal window is closed, readline reads end-of-input before any SIGHUP
    arrives and empties its line, so the half-typed words are gone by the time the
    program hears of it. Python calls ``PyOS_InputHook`` each time readline waits for a
    key (and every 0.1 s while it waits): the hook copies the line, and the copy outlives
    it. The hook is built from C callables only (no Python frame), so a signal arriving
    meanwhile is still handled where readline expects it, not lost inside the hook.
    """
    readline = sys.modules.get("readline")
    try:
        import ctypes

        hook = ctypes.c_void_p.in_dll(ctypes.pythonapi, "PyOS_InputHook")
        lines = iter(readline.get_line_buffer, None) if readline is not None else iter(())
        callback = ctypes.CFUNCTYPE(None)(map(_typed.append, lines).__next__)
    except (ImportError, AttributeError, ValueError, OSError):
        yield  # no such hook here: Ctrl-C, SIGHUP and SIGTERM still keep the line
        return
    if hook.value:  # another hook is in use (a GUI toolkit's): leave it alone
        yield
        return
    # GNU readline reads keys typed ahead in one go, without waiting in between, and a
    # hang-up read in such a burst would take the copy's last keys with it: one key a time.
    typeahead = _readline_int(readline, "_rl_optimize_typeahead")
    before = typeahead.value if typeahead is not None else 0
    if typeahead is not None:
        typeahead.value = 0
    hook.value = ctypes.cast(callback, ctypes.c_void_p).value
    try:
        yield
    finally:
        hook.value = None
        if typeahead is not None:
            typeahead.value = before


def _readline_int(readline: Any, name: str) -> Any:
    """A setting inside the readline library (a ctypes int), or None where there is none
    (libedit on macOS has no such setting)."""
    try:
        import ctypes

        return ctypes.c_int.in_dll(ctypes.CDLL(readline.__file__), name)
    except (AttributeError, OSError, ValueError, TypeError):
        return None


def _terminal_gone() -> bool:
    """Whether standard input is a terminal that has hung up (its window was closed).

    Closing a terminal's window happens in two steps in the kernel: the reader is woken
    first (its read fails, or ends as if at end of input) and only then is the terminal
    hung up, so that ``tcgetattr`` fails with EIO. A reader that looks in between sees a
    terminal that still answers: ``poll`` tells it already (POLLHUP, "the other side is
    closed"), which a live terminal after Ctrl-D never says.
    """
    try:
        import termios

        fd = sys.stdin.fileno()
        termios.tcgetattr(fd)
    except ImportError:
        return False
    except termios.error as exc:
        return bool(exc.args) and exc.args[0] == errno.EIO
    except (OSError, ValueError):
        return False
    return _hung_up(fd)


def _hung_up(fd: int) -> bool:
    """Whether ``fd`` reports that its other side has gone (POLLHUP or POLLERR)."""
    import select

    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        events = poller.poll(0)
    except (AttributeError, OSError, ValueError):  # no poll() here (Windows)
        return False
    return any(event & (select.POLLHUP | select.POLLERR) for _, event in events)


def say(text: str = "", style: str | None = None) -> None:
    """Print to the terminal; if it is gone (SIGHUP), carry on silently."""
    with contextlib.suppress(OSError, ValueError):
        state.console().print(text, style=style, markup=False, highlight=False)


def _line_being_typed() -> str:
    """What was on the input line when writing was interrupted: readline keeps it until a
    hang-up empties it, and then the copy ``watching_the_line`` made has it."""
    readline = sys.modules.get("readline")
    live = ""
    if readline is not None:
        with contextlib.suppress(Exception):  # best effort: earlier lines are already saved
            live = str(readline.get_line_buffer())
    return (live or _typed[-1]).rstrip()


class Session:
    def __init__(
        self,
        answers: writing.Answers,
        values: dict[str, str],
        intentions: list[Intention],
        areas: list[str],
        draft_path: Path,
    ) -> None:
        self.answers = answers
        self.values = values
        self.intentions = [i for i in intentions if i.active]
        self.areas = areas
        self.draft_path = draft_path
        self.draft_failed = False
        self.resuming = not answers.empty

    # -- input -----------------------------------------------------------------------------
    def read(self, prompt: str = "> ") -> str | None:
        """One line from the user; None at end of input (Ctrl-D)."""
        _typed.append("")
        try:
            with contextlib.suppress(OSError, ValueError):
                sys.stdout.flush()
            return input(prompt)
        except EOFError:
            if _terminal_gone():  # the window was closed: as SIGHUP, whoever sends it
                raise _hang_up() from None
            say()
            return None
        except OSError as exc:
            # Reading a terminal fails with EIO once its window is closed (or this process
            # has lost it): the same as a hang-up, whether or not the terminal says so yet.
            if exc.errno == errno.EIO or _terminal_gone():
                raise _hang_up() from None
            raise

    def autosave(self) -> None:
        """Keep the draft current; a failure (a full disk) warns once and writing goes on."""
        try:
            drafts.save(self.draft_path, self.answers.render(self.values))
        except KapdiaryError as exc:
            if not self.draft_failed:
                self.draft_failed = True
                say(said.draft_not_kept(exc.message), style="yellow")

    def ask(
        self, question: str, accepts: str, current: Any, parse: Any, help_text: str | None = None
    ) -> Any:
        """Ask until the answer parses; Enter keeps the current answer (or skips)."""
        keep = said.enter_keeps(_show(current) if current not in (None, {}, []) else None)
        say(f"{question}", style="bold")
        if help_text:
            say(f"  {help_text}", style="italic dim")
        say(f"  {accepts}; {keep}", style="dim")
        while True:
            raw = self.read()
            if raw is None or not raw.strip():
                return current
            try:
                return parse(raw)
            except UsageError as exc:
                say(said.try_again(exc.message.split(": ", 1)[-1]), style="yellow")

    # -- fields ----------------------------------------------------------------------------
    def fields_to_ask(self) -> list[Field]:
        """All fields; when resuming, only those after the point where writing stopped."""
        fields = self.answers.template.fields
        if not self.resuming:
            return fields
        if any(t.strip() for t in self.answers.sections.values()):
            return []
        answered = [
            i for i, f in enumerate(fields) if self.answers.values.get(f.key) not in (None, {}, [])
        ]
        if not answered:
            return fields
        last = answered[-1]
        # A rating field stopped halfway is asked again for the items still unrated.
        halfway = fields[last].type in ("intentions", "areas", "scored")
        return fields[last:] if halfway else fields[last + 1 :]

    def fields(self) -> None:
        if self.resuming:
            say(said.picking_up_where_you_left_off(), style="dim")
        for f in self.fields_to_ask():
            if f.type == "intentions":
                self.intention_ratings(f)
            elif f.type == "areas":
                self.area_ratings(f)
            elif f.type == "list":
                self.lines(f)
            elif f.type == "scored":
                self.questionnaire(f)
            else:
                say()
                value = self.kept_if_stopped(
                    functools.partial(self.ask_field, f), functools.partial(self.keep_words, f)
                )
                self.store(f.key, value)

    def store(self, key: str, value: Any) -> None:
        if value in (None, {}, []):
            self.answers.values.pop(key, None)
        else:
            self.answers.values[key] = value
        self.autosave()

    def kept_if_stopped(self, read: Callable[[], Any], keep: Callable[[str], None]) -> Any:
        """``read()``; stopped (Ctrl-C, a closed terminal) while a line of words was half
        typed, ``keep`` it in the answers, which ``_stopped`` then saves as the draft:
        words are never lost, wherever they are typed (a rating's note, a short text, a
        list's line). An answer that does not parse is not kept (it is asked again)."""
        try:
            return read()
        except KeyboardInterrupt:
            half = _line_being_typed().strip()
            if half:
                with contextlib.suppress(KapdiaryError):  # UsageError among them
                    keep(half)
            raise

    def ask_field(self, f: Field) -> Any:
        help_text = fill(f.help, self.values) if f.help else None
        question = fill(f.prompt, self.values)
        return self.ask(question, f.describe(), self.answers.values.get(f.key), f.parse, help_text)

    def keep_words(self, f: Field, half: str) -> None:
        """A half-typed answer of words (a short text, tags) is kept; a half-typed number
        or choice is not (``3`` of ``35`` mg is not an answer), and is asked again."""
        if f.type in ("text", "tags"):
            self.answers.values[f.key] = f.parse(half)

    def keep_line(self, f: Field, items: list[str], half: str) -> None:
        """A list's half-typed line, kept after the lines already given."""
        self.answers.values[f.key] = list(dict.fromkeys([*items, *f.parse(half)]))

    def rate(self, label: str, parse: Any) -> int | None:
        """One 0–10 rating on a single line; Enter skips, a bad answer is asked again."""
        while True:
            raw = self.read(f"  {label} (0-10): ")
            if raw is None or not raw.strip():
                return None
            try:
                rating: int = parse(raw)
                return rating
            except UsageError:
                say(
                    said.rating_out_of_range(),
                    style="yellow",
                )

    def intention_ratings(self, f: Field) -> None:
        say()
        if not self.intentions:
            say(messages.NO_INTENTIONS, style="dim")
            return
        say(fill(f.prompt, self.values), style="bold")
        if f.help:
            say(f"  {fill(f.help, self.values)}", style="italic dim")
        ratings: dict[str, int] = dict(self.answers.values.get("intentions") or {})
        for intention in self.intentions:
            if self.resuming and intention.id in ratings:
                continue
            rating = self.rate(intention.text, lambda raw, i=intention: parse_rating(raw, i.id))
            if rating is None:
                continue
            ratings[intention.id] = rating
            self.store("intentions", ratings)
            if f.notes:
                note = self.kept_if_stopped(
                    lambda: self.read(said.note_about_rating()),
                    functools.partial(self.answers.notes.__setitem__, intention.id),
                )
                if note and note.strip():
                    note = note.strip()
                    self.answers.notes[intention.id] = note
                    self.autosave()

    def area_ratings(self, f: Field) -> None:
        say()
        say(fill(f.prompt, self.values), style="bold")
        if f.help:
            say(f"  {fill(f.help, self.values)}", style="italic dim")
        ratings: dict[str, int] = dict(self.answers.values.get("areas") or {})
        for area in writing.field_areas(f, self.areas):
            if self.resuming and area in ratings:
                continue
            label = area.replace("-", " ").capitalize()
            rating = self.rate(label, lambda raw, a=area: parse_rating(raw, a))
            if rating is not None:
                ratings[area] = rating
                self.store("areas", ratings)

    def questionnaire(self, f: Field) -> None:
        """Each question in turn, answered by number or words; every one counts."""
        from kapdiary.choices import AmbiguousAnswer
        from kapdiary.fields import answer, score

        say()
        say(fill(f.prompt, self.values), style="bold")
        if f.help:
            say(f"  {fill(f.help, self.values)}", style="italic dim")
        scale = " · ".join(f"{n} {option}" for n, option in enumerate(f.options))
        say(f"  {scale}", style="dim")
        answers: dict[str, int] = dict(self.answers.values.get(f.key) or {})
        total = len(f.items)
        for number, (item, question) in enumerate(f.items.items(), 1):
            if item in answers:
                continue
            say()
            say(f"  {number}/{total} {question}")
            while True:
                raw = self.read("  > ")
                if raw is None:
                    raise KeyboardInterrupt  # end of input: keep what was answered
                try:
                    answers[item] = answer(f, item, raw)
                    break
                except AmbiguousAnswer as exc:
                    say(f"    {exc.message.split(': ', 1)[-1]}.", style="yellow")
                except UsageError:
                    say(
                        said.answer_out_of_range(len(f.options) - 1),
                        style="yellow",
                    )
            self.store(f.key, answers)
        result = score(f, answers)
        if result is not None:
            say()
            say(messages.score_line(f.label or f.key, *result), style="bold")

    def lines(self, f: Field) -> None:
        """A few short lines, one per line, until an empty one; Enter first keeps or skips."""
        say()
        say(fill(f.prompt, self.values), style="bold")
        if f.help:
            say(f"  {fill(f.help, self.values)}", style="italic dim")
        current = self.answers.values.get(f.key) or []
        keep = said.enter_keeps(_show(current) if current else None)
        say(said.section_how_to_end(keep), style="dim")
        items: list[str] = []
        while True:
            raw = self.kept_if_stopped(
                self.read,
                functools.partial(self.keep_line, f, items),
            )
            if raw is None or not raw.strip() or raw.strip() == ".":
                return
            items = list(dict.fromkeys([*items, *f.parse(raw)]))
            self.store(f.key, items)

    # -- writing prompts -------------------------------------------------------------------
    def sections(self) -> None:
        prompts = self.answers.template.prompts
        if not prompts:
            return
        headings = [fill(p.heading, self.values) for p in prompts]
        start = 0
        if self.resuming:
            written = [
                i for i, h in enumerate(headings) if self.answers.sections.get(h, "").strip()
            ]
            start = written[-1] if written else 0
        say()
        say(messages.SECTION_HOW, style="dim")
        for prompt, heading in list(zip(prompts, headings, strict=True))[start:]:
            say()
            say(f"## {heading}", style="bold cyan")
            if prompt.guidance:
                say(fill(prompt.guidance, self.values), style="italic dim")
            earlier = self.answers.sections.get(heading, "").strip()
            if earlier:
                say(earlier)
                say(said.kept_from_draft(), style="dim")
            self.section(heading, earlier)

    def section(self, heading: str, earlier: str) -> None:
        lines: list[str] = []
        blanks = 0
        while True:
            try:
                line = self.read("  ")
            except KeyboardInterrupt:
                partial = _line_being_typed()
                if partial:
                    lines += [""] * blanks + [partial]
                    self.answers.sections[heading] = "\n".join(
                        filter(None, [earlier, "\n".join(lines)])
                    )
                raise
            if line is None or line.strip() == ".":
                break
            if not line.strip():
                if not lines:
                    break
                blanks += 1
                if blanks >= 2:
                    break
                continue
            if blanks:
                lines.append("")
                blanks = 0
            lines.append(line.rstrip())
            self.answers.sections[heading] = "\n".join(filter(None, [earlier, "\n".join(lines)]))
            self.autosave()


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def write_guided(home: Home, page: Page) -> Path | None:
    """Ask everything, save the entry; on interruption keep the draft and exit 130.

    ``page.where`` is the place in the course for the header (``Day 4 after session 3``);
    ``page.reread`` is shown before the first question (the weekly review's week).
    """
    from kapdiary.dates import long_date

    answers, values, draft, where, reread = (
        page.answers,
        page.values,
        page.draft,
        page.where,
        page.reread,
    )
    draft_path = page.draft_path(home)
    if sys.stdin.isatty():
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401 - line editing and history at the prompt
    session = Session(answers, values, page.intentions, page.areas, draft_path)
    watch = watching_the_line() if "readline" in sys.modules else contextlib.nullcontext()
    with drafts.hold(draft_path), interruptible(), watch:
        say(fill(answers.template.title, values), style="bold")
        place = f" · {where}" if where else ""
        say(
            said.diary_day_heading(long_date(answers.day), place, answers.template.name),
            style="dim",
        )
        if reread is not None:
            say()
            show_reread(reread)
        try:
            session.fields()
            session.sections()
        except KeyboardInterrupt:
            _stopped(home, session, resumed=draft is not None)
        if answers.empty:
            drafts.let_go(home, draft_path, resumed=draft is not None)
            say(said.nothing_written_nothing_saved())
            return None
        path = _save(home, session)
        drafts.discard(draft_path)
    say()
    say(messages.closing(), style="green")
    return path


def _stopped(home: Home, session: Session, *, resumed: bool) -> NoReturn:
    """Interrupted: keep the draft (or let an empty one go) and exit 130."""
    import typer

    session.autosave()
    if session.answers.empty:
        drafts.let_go(home, session.draft_path, resumed=resumed)
        say()
        say(said.nothing_typed_nothing_kept())
    else:
        say()
        say(messages.draft_kept(session.draft_path))
    raise typer.Exit(EXIT_INTERRUPTED) from None


def _save(home: Home, session: Session) -> Path:
    """The entry saved; if that fails, the error says where the words are."""
    try:
        return writing.save(home, session.answers, session.values)
    except KapdiaryError as exc:
        session.autosave()
        kept = None if session.draft_failed else session.draft_path
        raise KapdiaryError(said.not_saved(exc.message, kept)) from exc
