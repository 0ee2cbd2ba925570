"""What every command needs: the resolved home, the config, the clock, the console."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from kapdiary.messages import setup as said

if TYPE_CHECKING:
    from kapdiary.config import Config
    from kapdiary.locations import Home
    from kapdiary.render.console import Console


@dataclass
class State:
    home_option: Path | None = None
    debug: bool = False
    _config: Config | None = field(default=None, repr=False)

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


def get(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = State()
        ctx.find_root().obj = obj
    return obj


def stop_if_interrupted(exc: typer.Abort) -> None:
    """A question's Abort that came from Ctrl-C stops the command (exit 130, in app.py);
    one from the end of input lets the caller take it as "no"."""
    if isinstance(exc.__context__, KeyboardInterrupt):
        raise exc


def console(*, stderr: bool = False) -> Console:
    """The console (render.console): Rich's on a terminal, colour never with NO_COLOR;
    for stdout that is not a terminal a plain one that does not import Rich."""
    from kapdiary.render.console import console as make
    from kapdiary.render.console import output

    return make(stderr=True) if stderr else output()  # type: ignore[return-value]


def print_json(data: Any) -> None:
    import json

    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
