"""`kapdiary sessions`: the course, one line per dosing session (kapdiary.sessions)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app
from kapdiary.messages import progress as said

if TYPE_CHECKING:
    from datetime import date

    from kapdiary.sessions import Listed

SESSIONS_HELP = """Your course: each dosing session, its route and dose, and what came since.

A session is an entry written with `kapdiary write session`, which numbers it for you
(change a number with --set session=N, or in the file). "Days since" counts to today;
"entries since" are the entries written after it, whatever their template.

Examples:

    kapdiary sessions

    kapdiary sessions --json

    kapdiary write session
"""


@app.command(help=SESSIONS_HELP)
def sessions(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the course as JSON.")] = False,
) -> None:
    from kapdiary import sessions as course
    from kapdiary.cli.notices import index_fallback

    st = state.get(ctx)
    today = st.today()
    found = course.listed(st.home, today, on_fallback=index_fallback())
    if as_json:
        state.print_json({"today": today.isoformat(), "sessions": [_data(s) for s in found]})
        return
    if not found:
        typer.echo(said.no_sessions_yet())
        return
    _draw(found, today)


def _data(listed: Listed) -> dict[str, Any]:
    s = listed.session
    return {
        "session": s.number,
        "numbered": s.numbered,
        "date": s.date.isoformat(),
        "time": s.time,
        "route": s.route,
        "dose_mg": _tidy(s.dose_mg),
        "duration_min": _tidy(s.duration_min),
        "side_effects": list(s.side_effects),
        "days_since": listed.days_since,
        "entries_since": listed.entries_since,
        "path": str(s.path),
    }


def _tidy(value: float | None) -> int | float | None:
    if value is None:
        return None
    return value if isinstance(value, int) else int(value) if float(value).is_integer() else value


def _days(days: int) -> str:
    if days == 0:
        return "today"
    if days < 0:
        return f"in {-days} day{'s' if days != -1 else ''}"
    return str(days)


def _ago(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return f"in {-days} day{'s' if days != -1 else ''}"
    return f"{days} days ago"


def _draw(found: list[Listed], today: date) -> None:
    from kapdiary.dates import long_date
    from kapdiary.render import tables
    from kapdiary.render.format import number
    from kapdiary.render.tables import Column

    out = state.console()
    latest = found[-1]
    count = f"{len(found)} session{'s' if len(found) != 1 else ''}"
    out.print(
        said.your_course(count, _ago(latest.days_since), long_date(latest.session.date)),
        markup=False,
        highlight=False,
    )
    out.print()
    columns = [
        Column("#", justify="right", no_wrap=True),
        Column("date", no_wrap=True),
        Column("route"),
        Column("dose", justify="right", no_wrap=True),
        Column("days since", justify="right", no_wrap=True),
        Column("entries since", justify="right", no_wrap=True),
    ]
    rows = [
        [
            str(listed.session.number) if listed.session.numbered else f"({listed.session.number})",
            listed.session.date.isoformat(),
            listed.session.route or "–",
            f"{number(listed.session.dose_mg)} mg" if listed.session.dose_mg is not None else "–",
            _days(listed.days_since),
            str(listed.entries_since),
        ]
        for listed in found
    ]
    tables.show(out, columns, rows, header_style="bold", show_edge=False)
    notes = _notes(found)
    if notes:
        out.print()
        for note in notes:
            out.print(note, markup=False, highlight=False, style="dim")


def _notes(found: list[Listed]) -> list[str]:
    """What the user may want to fix: counted numbers, and a number used twice."""
    notes: list[str] = []
    counted = [listed.session for listed in found if not listed.session.numbered]
    if counted:
        first = counted[0]
        notes.append(said.session_counted_without_number(first.number, first.path))
    days: dict[int, list[str]] = defaultdict(list)
    for listed in found:
        days[listed.session.number].append(listed.session.date.isoformat())
    for session_number, dates in days.items():
        if len(dates) > 1:
            notes.append(said.session_number_repeated(session_number, len(dates), ", ".join(dates)))
    return notes
