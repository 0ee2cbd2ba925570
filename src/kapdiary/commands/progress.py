"""The body of `kapdiary progress` (``kapdiary.cli.progress`` declares its options): the
figures of kapdiary.progress for a period; render/progress.py draws them for the terminal."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from kapdiary.commands.context import State, echo, index_fallback, print_json
from kapdiary.messages import progress as said

if TYPE_CHECKING:
    from kapdiary.fields import Field
    from kapdiary.index import Record
    from kapdiary.intentions import Intention
    from kapdiary.locations import Home
    from kapdiary.progress import History, Period, Progress, Scale, Tracked


def progress(
    st: State,
    *,
    since: str | None = None,
    until: str | None = None,
    period: str | None = None,
    intention: str | None = None,
    field: str | None = None,
    as_json: bool = False,
) -> None:
    """`kapdiary progress`: every figure of the period, drawn or as JSON."""
    from kapdiary import intentions as intention_file
    from kapdiary.errors import UsageError

    span = _period(st.today(), since, until, period)
    home = st.home
    known = intention_file.load(home.intentions_file)
    one = intention_file.find(known, intention) if intention is not None else None
    if intention is not None and field is not None:
        raise UsageError(said.intention_or_field())
    entries, result = _figures(home, known, span)
    warn_flags(result)
    chosen = find_field(result, field) if field is not None else None
    if as_json:
        print_json(_json(result, chosen, intention))
    else:
        _draw(result, chosen, one, entries)


def _period(today: date, since: str | None, until: str | None, period: str | None) -> Period:
    """The period the options name: --since or --period up to --until (or today)."""
    from kapdiary.dates import check_order, parse_since, parse_until, span_start
    from kapdiary.errors import UsageError
    from kapdiary.progress import Period

    end = parse_until(until, today) if until is not None else today
    if period is not None and since is not None:
        raise UsageError(said.period_or_since())
    if since is not None:
        start = parse_since(since, today)
    else:
        start = span_start(period if period is not None else "28d", end)
    check_order(start, end)
    return Period(start, end)


def _figures(home: Home, known: list[Intention], period: Period) -> tuple[History, Progress]:
    """Every figure of the period, with its coaching sessions."""
    from kapdiary import progress as figures

    entries, coaching, fields, scales = load_entries(home, period.since, period.until)
    result = figures.compute(entries, known, period, scales=scales, fields=fields)
    result.coaching = figures.coaching(coaching, result.period)
    return entries, result


def _json(result: Progress, chosen: Tracked | None, intention: str | None) -> Any:
    """--json: every figure, or one measure's, or one intention's among the figures."""
    from kapdiary import progress as figures

    if chosen is not None:
        return figures.tracked_json(chosen)
    data = figures.as_json(result)
    if intention is not None:
        data["intentions"] = [
            i for i in data["intentions"] + data["retired_intentions"] if i["id"] == intention
        ]
        data["retired_intentions"] = []
    return data


def _draw(
    result: Progress, chosen: Tracked | None, one: Intention | None, entries: History
) -> None:
    from kapdiary import progress as figures
    from kapdiary.render import progress as view
    from kapdiary.render.console import output

    out = output()
    if chosen is not None:
        view.draw_field(out, chosen, result)
    elif one is not None:
        view.draw_intention(out, figures.detail(entries, one, result.period))
    else:
        view.draw(out, result)


def load_entries(
    home: Home, since: date, until: date
) -> tuple[History, list[Record], dict[str, list[Field]], dict[str, Scale]]:
    """What the figures need of every entry up to ``until``, the period's coaching entries,
    the fields of the templates answered and the scales of the questionnaires filled in,
    from the index (up to date with the files; the templates' words kept there too)."""
    from kapdiary.index import open_index
    from kapdiary.progress import COACHING
    from kapdiary.query import Filters

    with open_index(home, on_fallback=index_fallback()) as index:
        history = index.history(Filters(until=until))
        coaching = index.records(Filters(since=since, until=until, templates=(COACHING,)))
        fields = index.definitions(home.templates, history.answer_templates())
        scales = index.scales(home.templates, history.scores)
    return history, coaching, fields, scales


def find_field(result: Progress, key: str) -> Tracked:
    """A template's own measure by its id or key (a key with several ranges needs the id)."""
    from kapdiary.errors import UsageError

    matches = [t for t in result.tracked if key in (t.id, t.key)]
    exact = [t for t in matches if t.id == key]
    if len(exact) == 1:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(t.id for t in matches)
        raise UsageError(said.field_has_several_ranges(key, ids))
    known = ", ".join(t.id for t in result.tracked) or "none yet"
    raise UsageError(said.field_never_answered(key, known))


def warn_flags(result: Progress) -> None:
    for flag in result.flags:
        echo(said.left_out_of_figures(flag.path, flag.message), err=True)
