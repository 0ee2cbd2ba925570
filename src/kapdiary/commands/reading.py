"""Rereading the diary: the bodies of `review`, `show` and `search` (``kapdiary.cli.read``
declares their options).

Each reads through the index (kapdiary.index), which catches up with the files first, and
hands what it found to a renderer: plain text when the output is a pipe or a file, Rich in
a terminal (with a pager when it is longer than the screen), or JSON.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary.commands.context import State, echo, fields, opened, print_json, tell, warn
from kapdiary.messages import reading as said

if TYPE_CHECKING:
    from kapdiary.index import Record, SearchResult
    from kapdiary.query import Filters


def review(
    st: State,
    *,
    since: str | None = None,
    until: str | None = None,
    on: str | None = None,
    last: int | None = None,
    every: bool = False,
    template: list[str] | None = None,
    tag: list[str] | None = None,
    intention: list[str] | None = None,
    text: str | None = None,
    as_list: bool = False,
    reverse: bool = False,
    pager: bool = True,
    as_json: bool = False,
) -> None:
    """`kapdiary review`: the entries of a period (the last 7 diary days by default)."""
    from kapdiary.query import summarise
    from kapdiary.render import views, words

    start, end, last = _review_period(st.today(), since, until, on, last, every=every)
    filters = make_filters(start, end, template, tag, intention, text, last)
    with opened(st) as index:
        records = index.records(filters, body=as_json or not as_list, newest_first=reverse)
        found = fields(st, index, records)
    warn(records)
    summary = summarise(records)
    if as_json:
        from kapdiary.render import data

        print_json(data.review(summary, records, start, end))
    elif not records:
        echo(_nothing(start, end, filtered=bool(template or tag or intention or text)))
    else:
        header = words.header(summary, start, end)
        views.review(records, header, base=st.home.path, fields=found, as_list=as_list, pager=pager)


def _review_period(
    today: date,
    since: str | None,
    until: str | None,
    on: str | None,
    last: int | None,
    *,
    every: bool,
) -> tuple[date | None, date | None, int | None]:
    """Review's days (the last four weeks unless --last or --all) and its --last."""
    from kapdiary.dates import DEFAULT_DAYS, check_count, period
    from kapdiary.errors import UsageError

    last = check_count(last, "--last")
    if every and (since is not None or until is not None or on is not None):
        raise UsageError(said.all_with_a_period())
    start, end = period(
        today,
        since=since,
        until=until,
        on=on,
        default_days=None if (last is not None or every) else DEFAULT_DAYS,
    )
    return start, end, last


def make_filters(
    start: date | None,
    end: date | None,
    template: list[str] | None,
    tag: list[str] | None,
    intention: list[str] | None,
    text: str | None,
    last: int | None = None,
) -> Filters:
    from kapdiary.query import Filters, TextQuery

    return Filters(
        since=start,
        until=end,
        templates=tuple(template or ()),
        tags=tuple(tag or ()),
        intentions=tuple(intention or ()),
        text=TextQuery.parse(text) if text is not None else None,
        last=last,
    )


def _nothing(start: date | None, end: date | None, *, filtered: bool) -> str:
    from kapdiary.render.format import span

    if start is None and end is None:
        return said.no_entries(None, filtered=filtered)
    return said.no_entries(span(start, end), filtered=filtered)


# --- show --------------------------------------------------------------------------------


def show(st: State, target: str, *, pager: bool = True, as_json: bool = False) -> None:
    """`kapdiary show DATE|PATH`: the entries of a day, or one entry file."""
    from kapdiary.render import data, views

    records = find(st, target, body=True)
    warn(records)
    if as_json:
        print_json([data.entry(r) for r in records])
        return
    views.entries(records, base=st.home.path, fields=fields(st), pager=pager)


def find(st: State, target: str, *, body: bool) -> list[Record]:
    """The entries a DATE|PATH argument means: one file, or every entry of a day."""
    from kapdiary.dates import long_date, parse_day
    from kapdiary.errors import KapdiaryError, UsageError
    from kapdiary.index import record_from_file

    path = _entry_file(target, st)
    if path is not None:
        return [record_from_file(path)]
    try:
        day = parse_day(target, st.today(), "DATE|PATH")
    except UsageError as exc:
        if "is not a date" not in exc.message:
            raise
        raise UsageError(said.neither_date_nor_entry(target)) from None
    from kapdiary.query import Filters

    with opened(st) as index:
        records = index.records(Filters(since=day, until=day), body=body)
    if not records:
        raise KapdiaryError(said.nothing_written_that_day(long_date(day), day.isoformat()))
    return records


def _entry_file(target: str, st: State) -> Path | None:
    """``target`` as one of this diary's entry files: as given, or inside the home or entries/.

    Only a file whose real path lies under the home's ``entries/`` and that is not a link
    is taken: `show` and `edit` are for the diary's entries, not any file on the disk.
    """
    from kapdiary.errors import UsageError
    from kapdiary.vault import find as find_file

    given = Path(target).expanduser()
    home = st.home
    candidates = (
        [given] if given.is_absolute() else [given, home.path / given, home.entries / given]
    )
    looks_like_a_path = "/" in target or os.sep in target or target.endswith((".md", ".age"))
    for candidate in map(find_file, candidates):  # `x.md` is also `x.md.age`, encrypted
        try:
            if candidate.is_symlink() or candidate.is_file():
                return _in_entries(candidate.absolute(), home.entries, target)
        except OSError:  # a name too long to be a file (or unreadable): not an entry file
            continue
    if looks_like_a_path:
        raise UsageError(said.no_such_entry_file(target))
    return None


def _in_entries(path: Path, entries: Path, target: str) -> Path:
    from kapdiary.errors import UsageError
    from kapdiary.vault import plain

    if path.is_symlink():
        raise UsageError(said.entry_is_a_link(target))
    real, folder = path.resolve(), entries.resolve()
    if (
        not real.is_relative_to(folder)
        or plain(real).suffix.lower() != ".md"
        or any(part.startswith(".") for part in real.relative_to(folder).parts)
    ):
        raise UsageError(said.not_an_entry_of_this_diary(target, entries))
    return entries / real.relative_to(folder)


# --- search ------------------------------------------------------------------------------


def search(
    st: State,
    words_: list[str],
    *,
    since: str | None = None,
    until: str | None = None,
    on: str | None = None,
    template: list[str] | None = None,
    tag: list[str] | None = None,
    intention: list[str] | None = None,
    text: str | None = None,
    limit: int | None = None,
    everywhere: bool = False,
    pager: bool = True,
    as_json: bool = False,
) -> None:
    """`kapdiary search TEXT`: ranked matches in what the user wrote."""
    from kapdiary.dates import check_count, period
    from kapdiary.query import TextQuery

    limit = check_count(limit, "--limit")
    query = TextQuery.parse(" ".join(words_))
    start, end = period(st.today(), since=since, until=until, on=on, default_days=None)
    filters = make_filters(start, end, template, tag, intention, text)
    with opened(st) as index:
        result = index.search(query, filters, limit=limit, everywhere=everywhere)
    _warn_search(result)
    if as_json:
        from kapdiary.render import data

        print_json(data.search(str(query), result))
        return
    _draw_hits(st, result, str(query), start, end, pager=pager)


def _draw_hits(
    st: State,
    result: SearchResult,
    query: str,
    start: date | None,
    end: date | None,
    *,
    pager: bool,
) -> None:
    from kapdiary.messages import search as searching
    from kapdiary.render import format as fmt
    from kapdiary.render import views
    from kapdiary.render import words as phrasing

    if not result.hits:
        scope = "" if start is None and end is None else f" in {fmt.span(start, end)}"
        echo(searching.nothing(query, scope, elsewhere=result.elsewhere))
        return
    title = phrasing.search_title(result, query)
    views.hits(result, base=st.home.path, title=title, pager=pager)


def _warn_search(result: SearchResult) -> None:
    """Say when the search read every file (no FTS5), and name unreadable entries."""
    if not result.ranked:
        tell(said.search_without_fts())
    warn([hit.record for hit in result.hits])
