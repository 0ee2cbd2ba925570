"""Shell completion that knows the diary: template names, intention ids, field keys and
entry dates, offered where an option or argument expects them.

Completion runs on every Tab, so each function here is cheap: it reads file names, the
config and ``intentions.toml`` (a template's fields only for ``--set``), never builds the
index, never imports Rich, and never fails: whatever goes wrong offers nothing. The home is
the one the command line names (``--home``), else the usual one (KAPDIARY_HOME, config,
platform folder).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from kapdiary.config import Config
    from kapdiary.locations import Home

Candidates = list[tuple[str, str]]
DAY_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})-")
MAX_DATES = 40  # with nothing typed yet: the latest days; typing narrows to any day
BUILT_IN_KEYS = ("mood", "tags", "private", "title")


def _quietly(find: Callable[..., Candidates]) -> Callable[..., Candidates]:
    """A completion that fails offers nothing (a traceback would land in the prompt)."""

    def complete(ctx: typer.Context, incomplete: str) -> Candidates:
        with contextlib.suppress(Exception):
            return [(v, h) for v, h in find(ctx, incomplete) if v.startswith(incomplete)]
        return []

    complete.__name__ = find.__name__
    complete.__doc__ = find.__doc__
    return complete


def _config() -> Config:
    from kapdiary import config
    from kapdiary.locations import config_path

    return config.load(config_path())


def _home(ctx: typer.Context, cfg: Config) -> Home:
    from kapdiary.locations import resolve_home

    option = ctx.find_root().params.get("home")
    return resolve_home(Path(option) if option else None, cfg.home)


def _intentions(home: Home) -> list[Any]:
    from kapdiary import intentions

    path = home.intentions_file
    return intentions.load(path) if path.is_file() else []


@_quietly
def template_names(ctx: typer.Context, incomplete: str) -> Candidates:
    """Every template: the built-in ones and the home's own."""
    from kapdiary import templates

    home = _home(ctx, _config())
    found = templates.available(home.templates)
    return [(name, "built-in" if builtin else "yours") for name, (_, builtin) in found.items()]


@_quietly
def intention_ids(ctx: typer.Context, incomplete: str) -> Candidates:
    """Every intention's id, with its words (retired ones last, said so)."""
    stated = _intentions(_home(ctx, _config()))
    stated.sort(key=lambda i: not i.active)
    return [(i.id, i.text if i.active else f"{i.text} (retired)") for i in stated]


@_quietly
def set_keys(ctx: typer.Context, incomplete: str) -> Candidates:
    """``--set`` keys as KEY=: the chosen template's fields, ``intentions.ID``, ``areas.NAME``."""
    from kapdiary import templates, writing

    cfg = _config()
    home = _home(ctx, cfg)
    name = ctx.params.get("template_name") or _first_argument(ctx) or "evening"
    template = templates.find(home.templates, str(name))
    keys = writing.settable_keys(template, _intentions(home), cfg.areas)
    keys += [k for k in BUILT_IN_KEYS if k not in keys]
    return [(f"{k}=", "") for k in keys]


def _first_argument(ctx: typer.Context) -> str | None:
    """The command's first argument as typed (``write session --set ``): Click stops
    parsing at the ``--set`` still waiting for its value, before it reads arguments."""
    import os
    import shlex

    raw = os.environ.get("_TYPER_COMPLETE_ARGS") or os.environ.get("COMP_WORDS") or ""
    try:
        words = shlex.split(raw)
    except ValueError:  # an open quote: the user is still typing it
        words = raw.split()
    takes_value = {
        name
        for param in ctx.command.params
        if not getattr(param, "is_flag", True) and getattr(param, "opts", None)
        for name in param.opts
    }
    after = words[words.index(ctx.info_name) + 1 :] if ctx.info_name in words else []
    skip = False
    for word in after:
        if skip:
            skip = False
        elif word in takes_value:
            skip = True
        elif not word.startswith("-"):
            return word
    return None


@_quietly
def without_keys(ctx: typer.Context, incomplete: str) -> Candidates:
    """``--without`` fields: mood, tags, intentions(.ID), areas(.NAME) and the fields of
    every template; after a comma, the next field of the list."""
    from kapdiary import templates

    cfg = _config()
    home = _home(ctx, cfg)
    head = incomplete.rpartition(",")[0]
    keys = ["mood", "tags", "intentions", "areas"]
    keys += [f"intentions.{i.id}" for i in _intentions(home)]
    keys += [f"areas.{a}" for a in cfg.areas]
    for path, builtin in templates.available(home.templates).values():
        with contextlib.suppress(Exception):
            template = templates.load(path, builtin=builtin)
            keys += [f.key for f in template.fields if f.type not in ("intentions", "areas")]
    prefix = f"{head}," if head else ""
    return [(prefix + k, "") for k in dict.fromkeys(keys)]


@_quietly
def entry_dates(ctx: typer.Context, incomplete: str) -> Candidates:
    """The days that have an entry, newest first, read from the entry files' names."""
    home = _home(ctx, _config())
    days: dict[str, None] = {}
    for day in _days_with_files(home.entries, incomplete):
        days[day] = None
        if not incomplete and len(days) >= MAX_DATES:
            break  # newest first: the rest of a decade is never listed
    return [("today", ""), ("yesterday", ""), *((d, "") for d in days)]  # dicts keep order


def _days_with_files(entries: Path, typed: str) -> Iterator[str]:
    """Days from ``entries/YYYY/MM/YYYY-MM-DD-*.md``, newest first, skipping the years and
    months the typed prefix rules out (so Tab stays quick on a decade of entries)."""
    for year in _sorted_dirs(entries, reverse=True):
        if not (year.name.startswith(typed[:4]) or typed.startswith(year.name)):
            continue
        for month in _sorted_dirs(year, reverse=True):
            stamp = f"{year.name}-{month.name}"
            if not (stamp.startswith(typed[:7]) or typed.startswith(stamp)):
                continue
            names = sorted((p.name for p in month.iterdir()), reverse=True)
            for name in names:
                match = DAY_FILE.match(name)
                if match and name.endswith(".md"):
                    yield match.group(1)


def _sorted_dirs(folder: Path, *, reverse: bool) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()), reverse=reverse
    )
