"""The body of `kapdiary export` (``kapdiary.cli.export`` declares its options): a file for
the coach, after a preview of what it will hold (``use_cases.export`` does the work)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kapdiary.commands.context import State, echo, index_fallback, tell
from kapdiary.messages import export as said

if TYPE_CHECKING:
    from kapdiary.use_cases import Asker
    from kapdiary.use_cases.export import ExportRequest


def export(
    st: State,
    asker: Asker | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
    template: list[str] | None = None,
    tag: list[str] | None = None,
    file_format: str | None = None,
    output: Path | None = None,
    include_private: bool = False,
    without: list[str] | None = None,
    yes: bool = False,
    force: bool = False,
    encrypt_to: str | None = None,
) -> None:
    """`kapdiary export`: preview, ask (``asker``; without one, only with --yes), write."""
    from kapdiary.use_cases.export import export as export_file

    request = _request(
        st,
        since,
        until,
        file_format,
        output,
        yes=yes,
        force=force,
        templates=tuple(template or ()),
        tags=tuple(tag or ()),
        include_private=include_private,
        without=tuple(without or ()),
        encrypt_to=encrypt_to,
    )
    result = export_file(request, asker if asker is not None else Told())
    if result.path is None:
        echo(said.nothing_written())
        return
    if result.warning:
        tell(result.warning)
    echo(said.export_saved(result.shown))


class Told:
    """The ``Asker`` of an export that asks nothing (--yes, from the quick start): it says
    the preview's lines; a question would be a mistake of the caller's."""

    def can_ask(self) -> bool:
        return sys.stdin.isatty()

    def say(self, line: str = "", *, err: bool = False) -> None:
        echo(line, err=err)

    def confirm(self, question: str, *, default: bool = True) -> bool:
        raise RuntimeError(question)  # the quick start takes an export only with --yes

    confirm_or_no = confirm_or_none = confirm

    def say_page(self, text: str, *, err: bool = False) -> None:
        from kapdiary.commands.context import console

        console(stderr=err).print(text, markup=False, highlight=False)


def _request(
    st: State,
    since: str | None,
    until: str | None,
    file_format: str | None,
    output: Path | None,
    **chosen: Any,
) -> ExportRequest:
    """The options read in the order they are checked: format, dates, then the home."""
    from kapdiary.dates import parse_since, parse_until
    from kapdiary.use_cases.export import ExportRequest, choose_format

    today = st.today()
    fmt, target = choose_format(file_format, output)
    end = parse_until(until, today) if until is not None else today
    home = st.home
    start = parse_since(since, today) if since is not None else None
    config = st.config
    return ExportRequest(
        home=home,
        today=today,
        made=st.now(),
        fmt=fmt,
        target=target,
        until=end,
        since=start,
        client=config.name,
        coach=config.coach,
        on_fallback=index_fallback(),
        **chosen,
    )
