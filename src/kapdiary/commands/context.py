"""What every command needs: the resolved home, the config, the clock, the console, and a
line on stdout or stderr, without Typer (``kapdiary.cli.state`` hands the same to the
Typer commands)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kapdiary.messages import reading as reading_said
from kapdiary.messages import setup as said
from kapdiary.plain import Plain

if TYPE_CHECKING:
    from kapdiary.config import Config
    from kapdiary.index import Index, Rebuild, Record, Unusable
    from kapdiary.locations import Home
    from kapdiary.lookup import Lookup
    from kapdiary.render.console import Console

MAX_WARNINGS = 10


class State(Plain):
    home_option: Path | None
    debug: bool
    _config: Config | None

    _fields = ("home_option", "debug", "_config")

    def __init__(
        self, home_option: Path | None = None, debug: bool = False, _config: Config | None = None
    ) -> None:
        self.home_option = home_option
        self.debug = debug
        self._config = _config

    @property
    def config_path(self) -> Path:
        from kapdiary.locations import config_path

        return config_path()

    @property
    def config(self) -> Config:
        if self._config is None:
            from kapdiary import config as config_file

            self._config = config_file.load(self.config_path)
        return self._config

    @property
    def home(self) -> Home:
        """The diary home; one named by --home, KAPDIARY_HOME or the config must exist."""
        from kapdiary.locations import check_exists

        home = self.named_home
        check_exists(home, self.config_path)
        return home

    @property
    def named_home(self) -> Home:
        """The diary home as named, whether or not it exists (for `init` and `config`)."""
        from kapdiary.locations import resolve_home

        return resolve_home(self.home_option, self.config.home)

    def now(self) -> datetime:
        """The local time; ``KAPDIARY_NOW`` (ISO) pins it, for tests and reproducible runs."""
        pinned = os.environ.get("KAPDIARY_NOW")
        if pinned:
            from kapdiary.dates import FIRST_YEAR, LAST_YEAR
            from kapdiary.errors import UsageError

            try:
                when = datetime.fromisoformat(pinned)
            except ValueError:
                raise UsageError(said.now_not_a_date_time(pinned)) from None
            if not FIRST_YEAR <= when.year <= LAST_YEAR:
                raise UsageError(said.now_outside_years(pinned, FIRST_YEAR, LAST_YEAR))
            return when.replace(tzinfo=None)
        return datetime.now()

    def today(self) -> date:
        """The current diary day (before ``day_starts_at`` it is still yesterday)."""
        from kapdiary.dates import diary_day

        return diary_day(self.now(), self.config.day_start_minutes)


def echo(message: str, *, err: bool = False) -> None:
    """A line on stdout (or stderr), flushed, as ``typer.echo`` writes it."""
    stream = sys.stderr if err else sys.stdout
    text = f"{message}\n"
    try:
        stream.write(text)
    except UnicodeEncodeError:  # a stream that cannot hold every character (LANG=C, a file)
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            raise
        stream.flush()
        buffer.write(text.encode(getattr(stream, "encoding", None) or "utf-8", "replace"))
    stream.flush()


def tell(message: str) -> None:
    """A line on stderr about this command, after the program's name."""
    echo(f"kapdiary: {message}", err=True)


def one_line(exc: Exception, width: int = 200) -> str:
    """An exception's text on one short line: it may quote anything, even diary text."""
    text = " ".join(str(exc).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def notice(message: str) -> None:
    """A notice on stderr that does not stop the command: one calm line."""
    with contextlib.suppress(OSError):  # the terminal may be gone; the command goes on
        echo(f"kapdiary: {message}", err=True)


# How a command that failed ends: the same line (the exit code tells the rest; the
# terminal may be gone after a hang-up, and the code still tells).
error_line = notice


def index_fallback() -> Callable[[Unusable], None]:
    """For ``on_fallback``: says once per command that the entry files are read directly
    because the index cannot be used (a command may open the index more than once)."""
    told = False

    def tell(found: Unusable) -> None:
        nonlocal told
        if not told:
            from kapdiary.messages import index_fallback as words

            told = True
            notice(words(found.path, found.reason))

    return tell


def console(*, stderr: bool = False) -> Console:
    """The console (render.console): Rich's on a terminal, colour never with NO_COLOR;
    for stdout that is not a terminal a plain one that does not import Rich."""
    from kapdiary.render.console import console as make
    from kapdiary.render.console import output

    return make(stderr=True) if stderr else output()  # type: ignore[return-value]


def print_json(data: Any) -> None:
    """``data`` as indented JSON on stdout, written as it is encoded: a search of thousands
    of hits never holds its whole text (and every piece of it) in memory at once."""
    import json

    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    echo("")


@contextmanager
def opened(st: State) -> Iterator[Index]:
    """The index, up to date, with a progress bar for a long build and a notice for a rebuild
    (or for reading the files directly, when the index file cannot be used)."""
    from kapdiary.index import open_index
    from kapdiary.render import console as screen

    check_home(st)
    with screen.index_bar() as progress:
        index = open_index(
            st.home, progress=progress, on_rebuild=_rebuilt, on_fallback=index_fallback()
        )
    try:
        yield index
    finally:
        index.close()


def check_home(st: State) -> None:
    if not st.home.path.is_dir():
        from kapdiary.errors import KapdiaryError

        raise KapdiaryError(reading_said.no_diary_yet(st.home.path))


def _rebuilt(done: Rebuild) -> None:
    from kapdiary.render import words

    said_ = reading_said.index_rebuilt(done.reason, words.entries(done.entries), done.seconds)
    if said_ is not None and (done.entries or done.reason != "missing"):
        tell(said_)


def warn(records: list[Record], limit: int | None = MAX_WARNINGS) -> None:
    """Name each shown entry whose file could not be read cleanly (on stderr)."""
    troubled = [r for r in records if r.problem is not None]
    shown = troubled if limit is None else troubled[:limit]
    for record in shown:
        where = f" line {record.problem_line}" if record.problem_line else ""
        tell(f"warning: {record.path}{where}: {record.problem}")
    if len(troubled) > len(shown):
        tell(reading_said.more_entries_with_problems(len(troubled) - len(shown)))


def fields(st: State, index: Index | None = None, records: Sequence[Record] = ()) -> Lookup:
    """The templates' fields, so entries show their answers in the templates' words; with
    the index open, those the entries need come from its copy (no YAML read twice)."""
    from kapdiary.lookup import Lookup
    from kapdiary.render.words import templates_needed

    names = templates_needed(records)
    known = index.definitions(st.home.templates, names) if index is not None and names else None
    return Lookup(st.home.templates, known)
