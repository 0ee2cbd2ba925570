"""What every command needs: the resolved home, the config, the clock, the console."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from kapdiary import config as config_file
from kapdiary.dates import diary_day
from kapdiary.errors import UsageError
from kapdiary.locations import Home, config_path, resolve_home

if TYPE_CHECKING:
    from rich.console import Console


@dataclass
class State:
    home_option: Path | None = None
    debug: bool = False
    _config: config_file.Config | None = field(default=None, repr=False)

    @property
    def config_path(self) -> Path:
        return config_path()

    @property
    def config(self) -> config_file.Config:
        if self._config is None:
            self._config = config_file.load(self.config_path)
        return self._config

    @property
    def home(self) -> Home:
        return resolve_home(self.home_option, self.config.home)

    def now(self) -> datetime:
        """The local time; ``KAPDIARY_NOW`` (ISO) pins it, for tests and reproducible runs."""
        pinned = os.environ.get("KAPDIARY_NOW")
        if pinned:
            try:
                return datetime.fromisoformat(pinned)
            except ValueError:
                raise UsageError(f"KAPDIARY_NOW={pinned!r} is not an ISO date-time") from None
        return datetime.now()

    def today(self) -> date:
        """The current diary day (before ``day_starts_at`` it is still yesterday)."""
        return diary_day(self.now(), self.config.day_start_minutes)


def get(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = State()
        ctx.find_root().obj = obj
    return obj


def console(*, stderr: bool = False) -> Console:
    """A Rich console: colour only on a terminal, never with NO_COLOR, plain otherwise."""
    import sys

    from rich.console import Console

    # On a terminal Rich wraps at word boundaries; piped output is never wrapped.
    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, highlight=False, soft_wrap=not stream.isatty())


def print_json(data: Any) -> None:
    import json

    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
